package dev.derive.tree;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/** A fitted regression tree: a row's prediction is the weighted mean target of its leaf. Immutable and thread-safe. */
public final class DecisionTreeRegressorModel extends AbstractModel implements Regressor {

    private final Tree tree;

    DecisionTreeRegressorModel(Params params, ModelSchema schema, TrainingReport report, Tree tree) {
        super(params, schema, report);
        if (tree.outputs() != 1 || tree.featureCount() != schema.featureCount()) {
            throw new IllegalArgumentException("tree with " + tree.outputs() + " outputs and " + tree.featureCount()
                    + " features does not fit a regression schema with " + schema.featureCount() + " features");
        }
        this.tree = tree;
    }

    @Override
    public String kind() {
        return DecisionTree.REGRESSOR_KIND;
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, DecisionTree.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), DecisionTree.NAME);
        int[] leaves = tree.apply(x);
        double[] out = new double[leaves.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = tree.value(leaves[i]);
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

    /** The tree as text rules with the feature names. */
    public String toText() {
        return tree.toText(schema().featureNames(), Tree.levelNames(schema().features()), null);
    }

    /** The tree in Graphviz DOT (see {@link Tree#toDot}). */
    public String toDot() {
        return tree.toDot(schema().featureNames(), Tree.levelNames(schema().features()), null);
    }
}
