package dev.derive.ensemble;

import dev.derive.learn.ModelSchema;
import dev.derive.tree.Tree;
import java.util.List;

/** Checks and reductions shared by the forest models. */
final class ForestSupport {

    /** Rows per parallel prediction block. */
    static final int BLOCK = 256;

    private ForestSupport() {
    }

    static void check(List<Tree> trees, ModelSchema schema, int outputs) {
        if (trees.isEmpty()) {
            throw new IllegalArgumentException("a forest needs at least one tree");
        }
        for (int t = 0; t < trees.size(); t++) {
            Tree tr = trees.get(t);
            if (tr.outputs() != outputs || tr.featureCount() != schema.featureCount()) {
                throw new IllegalArgumentException("tree " + t + " has " + tr.outputs() + " outputs and " + tr.featureCount()
                        + " features; the forest expects " + outputs + " and " + schema.featureCount());
            }
        }
    }

    /**
     * scikit-learn's forest importances: the mean of the normalised importances of the trees that have at
     * least one split, normalised again to sum to 1 (all zeros if no tree splits).
     */
    static double[] importances(List<Tree> trees, int p) {
        double[] sum = new double[p];
        int used = 0;
        for (Tree t : trees) {
            if (t.nodeCount() > 1) {
                double[] imp = t.featureImportances();
                for (int j = 0; j < p; j++) {
                    sum[j] += imp[j];
                }
                used++;
            }
        }
        if (used == 0) {
            return sum;
        }
        double total = 0;
        for (int j = 0; j < p; j++) {
            sum[j] /= used;
            total += sum[j];
        }
        if (total > 0) {
            for (int j = 0; j < p; j++) {
                sum[j] /= total;
            }
        }
        return sum;
    }
}
