package dev.derive.tree;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted classification tree: a row's class probabilities are the weighted class shares of the
 * training rows in its leaf; the prediction is the most probable class (the lowest index on a tie).
 * Immutable and thread-safe.
 */
public final class DecisionTreeClassifierModel extends AbstractModel implements Classifier {

    private final Tree tree;

    DecisionTreeClassifierModel(Params params, ModelSchema schema, TrainingReport report, Tree tree) {
        super(params, schema, report);
        if (tree.outputs() != schema.classes().size() || tree.featureCount() != schema.featureCount()) {
            throw new IllegalArgumentException("tree with " + tree.outputs() + " classes and " + tree.featureCount()
                    + " features does not fit the schema (" + schema.classes().size() + " classes, " + schema.featureCount() + " features)");
        }
        this.tree = tree;
    }

    @Override
    public String kind() {
        return DecisionTree.CLASSIFIER_KIND;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        schema().check(x, DecisionTree.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), DecisionTree.NAME);
        return TreePrediction.proba(tree, x);
    }

    @Override
    public int[] predict(Matrix x) {
        schema().check(x, DecisionTree.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), DecisionTree.NAME);
        int[] leaves = tree.apply(x);
        int k = tree.outputs();
        int[] out = new int[leaves.length];
        for (int i = 0; i < out.length; i++) {
            int base = leaves[i] * k;
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (tree.value(base + c) > tree.value(base + best)) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The fitted tree. */
    public Tree tree() {
        return tree;
    }

    /** Impurity-based feature importances, summing to 1 (see {@link Tree#featureImportances()}). */
    public double[] featureImportances() {
        return tree.featureImportances();
    }

    /** The tree as text rules with the feature and class names. */
    public String toText() {
        return tree.toText(schema().featureNames(), Tree.levelNames(schema().features()), schema().classes());
    }

    /** The tree in Graphviz DOT (see {@link Tree#toDot}). */
    public String toDot() {
        return tree.toDot(schema().featureNames(), Tree.levelNames(schema().features()), schema().classes());
    }
}
