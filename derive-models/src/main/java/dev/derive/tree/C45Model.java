package dev.derive.tree;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted C4.5 tree ({@link C45}). A row follows its branch at each test; where the tested value is
 * missing ({@code NaN}) it follows every branch, weighted by the share of known-value training weight that
 * went down each, and its class probabilities are the weighted combination of the leaves' class
 * distributions (Quinlan 1993, ch. 3). The prediction is the most probable class (the lowest index on a
 * tie). Infinite values and level codes not in the training schema are rejected. Immutable and thread-safe.
 */
public final class C45Model extends AbstractModel implements Classifier {

    private final MultiwayTree tree;

    C45Model(Params params, ModelSchema schema, TrainingReport report, MultiwayTree tree) {
        super(params, schema, report);
        checkTree(tree, schema);
        this.tree = tree;
    }

    /**
     * Checks that {@code tree} matches {@code schema}: class and feature counts, categorical tests with one
     * branch per level (two, values 0 and 1, for a numeric feature split by level as ID3 does with 0/1 columns).
     */
    static void checkTree(MultiwayTree tree, ModelSchema schema) {
        if (tree.classes() != schema.classes().size() || tree.featureCount() != schema.featureCount()) {
            throw new IllegalArgumentException("tree with " + tree.classes() + " classes and " + tree.featureCount()
                    + " features does not fit the schema (" + schema.classes().size() + " classes, " + schema.featureCount() + " features)");
        }
        for (int v = 0; v < tree.nodeCount(); v++) {
            if (!tree.isLeaf(v) && Double.isNaN(tree.threshold(v))) {
                var f = schema.features().get(tree.feature(v));
                int expected = f.isCategorical() ? f.levels().size() : 2;
                if (expected != tree.childCount(v)) {
                    throw new IllegalArgumentException("node " + v + " splits feature '" + f.name() + "' into " + tree.childCount(v)
                            + " branches but the schema gives it " + (f.isCategorical() ? expected + " levels" : "two values (0/1)"));
                }
            }
        }
    }

    @Override
    public String kind() {
        return C45.KIND;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        schema().check(x, C45.NAME, false);
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                if (Double.isInfinite(x.get(i, j))) {
                    throw new IllegalArgumentException(C45.NAME + " does not accept infinite values: feature '"
                            + schema().features().get(j).name() + "' is " + x.get(i, j) + " at row " + i);
                }
            }
        }
        return tree.proba(x, schema().features());
    }

    @Override
    public int[] predict(Matrix x) {
        return MultiwayTree.argmax(predictProba(x));
    }

    /** The fitted tree. */
    public MultiwayTree tree() {
        return tree;
    }

    /** The tree as indented text in the style of C4.5 and J48 (see {@link MultiwayTree#toText}). */
    public String toText() {
        return tree.toText(schema().features(), schema().classes());
    }
}
