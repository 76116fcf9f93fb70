package dev.derive.ensemble;

import dev.derive.learn.ModelSchema;
import dev.derive.tree.FlatForest;
import dev.derive.tree.Tree;
import java.util.List;

/** Checks and reductions shared by the forest models. */
final class ForestSupport {

    /**
     * Rows per parallel prediction block for {@code p} features: about 40,960 / p (2,048 rows for 20
     * features, a 320 KB row-major copy), between 256 and 4,096. Within a block every tree is walked by all
     * the block's rows, so larger blocks read each tree's nodes from memory fewer times (20k rows x 500
     * trees: 1.5-1.8 CPU s with 256-row blocks against 0.9-1.0 s with 2,048). The block size does not change
     * the results: each row adds its trees in index order whatever the block.
     */
    static int blockRows(int p) {
        return Math.max(256, Math.min(4096, 40_960 / Math.max(1, p)));
    }

    private ForestSupport() {
    }

    static void check(dev.derive.tree.FlatForest flat, ModelSchema schema, int outputs) {
        if (flat.outputs() != outputs || flat.featureCount() != schema.featureCount()) {
            throw new IllegalArgumentException("the forest's trees have " + flat.outputs() + " outputs and " + flat.featureCount()
                    + " features; the model expects " + outputs + " and " + schema.featureCount());
        }
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
        return meanImportances(sum, used, p);
    }

    /** {@link #importances(List, int)} of the trees of {@code flat}, from the layout (no tree rebuilt; the same values). */
    static double[] importances(FlatForest flat, int p) {
        double[] sum = new double[p];
        int used = 0;
        for (int t = 0; t < flat.treeCount(); t++) {
            if (flat.nodeCount(t) > 1) {
                double[] imp = flat.featureImportances(t);
                for (int j = 0; j < p; j++) {
                    sum[j] += imp[j];
                }
                used++;
            }
        }
        return meanImportances(sum, used, p);
    }

    /** The mean of the {@code used} trees' importances summed in {@code sum}, normalised to sum to 1. */
    private static double[] meanImportances(double[] sum, int used, int p) {
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
