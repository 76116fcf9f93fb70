package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.learn.Model;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * CART against scikit-learn 1.2.1 ({@code tools/gen_tree_fixtures.py}): with all features tried, the
 * same parameters give the same tree node for node (split feature, threshold, children, values) and the
 * same predictions and feature importances. Inputs are float32-rounded in the fixture, as scikit-learn
 * sees them.
 */
class CartSklearnTest {

    static final Fixtures FX = Fixtures.load("cart_sklearn.txt");

    static Dataset classification(String data) {
        return Dataset.classification(FX.matrix(data + "_X"), ints(FX.vector(data + "_y")));
    }

    static Dataset regression(String data) {
        return Dataset.regression(FX.matrix(data + "_X"), FX.vector(data + "_y"));
    }

    static int[] ints(double[] v) {
        return Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    /** What a tie-aware comparison found: tied subtrees and the training rows inside them. */
    record Comparison(int sameSplits, int samePartitionTies, int divergentTies, int pureSplits, boolean[] skipped) {
        int skippedRows() {
            int c = 0;
            for (boolean b : skipped) {
                c += b ? 1 : 0;
            }
            return c;
        }
    }

    /**
     * Walks our tree and scikit-learn's (from the fixture's arrays) together, ties aside. At each node the
     * same training rows must arrive, with the same node value; the split must be scikit-learn's
     * (feature and threshold), or a split on another feature that sends the same training rows left, or
     * else (a tie between different partitions, which scikit-learn breaks by its seeded feature shuffle)
     * one with the same weighted child impurity {@code W_L I_L + W_R I_R} to 1e-9, below which the two
     * trees are no longer compared and the rows are marked skipped.
     */
    static Comparison compare(String c, Tree t, Matrix x) {
        int[] feature = ints(FX.vector(c + "_feature"));
        double[] threshold = FX.vector(c + "_threshold");
        int[] left = ints(FX.vector(c + "_left"));
        int[] right = ints(FX.vector(c + "_right"));
        Matrix value = FX.matrix(c + "_value");
        double[] impurity = FX.vector(c + "_impurity");
        double[] wn = FX.vector(c + "_wn");
        int[] counts = new int[4];
        boolean[] skipped = new boolean[x.rows()];
        int[] all = new int[x.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        walk(c, t, x, 0, 0, all, feature, threshold, left, right, value, impurity, wn, counts, skipped);
        return new Comparison(counts[0], counts[1], counts[2], counts[3], skipped);
    }

    private static void walk(String c, Tree t, Matrix x, int ours, int theirs, int[] rows, int[] feature, double[] threshold,
                             int[] left, int[] right, Matrix value, double[] impurity, double[] wn, int[] counts, boolean[] skipped) {
        int k = value.cols();
        double[] ov = t.value();
        for (int j = 0; j < k; j++) {
            double e = value.get(theirs, j);
            assertEquals(e, ov[ours * k + j], 1e-12 * Math.max(1, Math.abs(e)), c + ": value of node " + ours + " (theirs " + theirs + ")");
        }
        if (t.left[ours] == -1 && left[theirs] != -1 && impurity[theirs] < 1e-12) {
            // scikit-learn splits a pure node whose impurity rounding left just above machine epsilon
            // (children sums by subtraction); we keep it a leaf. Class shares are the same either way.
            counts[3]++;
            return;
        }
        assertEquals(left[theirs] == -1, t.left[ours] == -1, c + ": node " + ours + " leaf or not (theirs " + theirs + ")");
        if (left[theirs] == -1) {
            return;
        }
        int of = t.feature[ours];
        double ot = t.threshold[ours];
        boolean samePartition = true;
        for (int r : rows) {
            samePartition &= (x.get(r, of) <= ot) == (x.get(r, feature[theirs]) <= threshold[theirs]);
        }
        if (of == feature[theirs]) {
            assertEquals(threshold[theirs], ot, 0.0, c + ": threshold of node " + ours);
            counts[0]++;
        } else if (samePartition) {
            counts[1]++;
        } else {
            int ol = t.left[ours];
            int or = t.right[ours];
            double oursChild = t.weightedNodeSamples()[ol] * t.impurity[ol] + t.weightedNodeSamples()[or] * t.impurity[or];
            double theirsChild = wn[left[theirs]] * impurity[left[theirs]] + wn[right[theirs]] * impurity[right[theirs]];
            assertEquals(theirsChild, oursChild, 1e-9 * Math.max(1, Math.abs(theirsChild)), c + ": node " + ours + " splits on feature "
                    + of + " <= " + ot + " where scikit-learn uses feature " + feature[theirs] + " <= " + threshold[theirs]
                    + " (a different partition) and the child impurities differ");
            counts[2]++;
            for (int r : rows) {
                skipped[r] = true;
            }
            return;
        }
        int[] l = Arrays.stream(rows).filter(r -> x.get(r, feature[theirs]) <= threshold[theirs]).toArray();
        int[] rr = Arrays.stream(rows).filter(r -> x.get(r, feature[theirs]) > threshold[theirs]).toArray();
        walk(c, t, x, t.left[ours], left[theirs], l, feature, threshold, left, right, value, impurity, wn, counts, skipped);
        walk(c, t, x, t.right[ours], right[theirs], rr, feature, threshold, left, right, value, impurity, wn, counts, skipped);
    }

    static void report(String c, Comparison cmp, int n) {
        System.out.printf("%s: %d same splits, %d equal-partition ties, %d divergent ties covering %d of %d rows,"
                + " %d pure nodes split by scikit-learn only%n",
                c, cmp.sameSplits(), cmp.samePartitionTies(), cmp.divergentTies(), cmp.skippedRows(), n, cmp.pureSplits());
    }

    static void classifierCase(String c, String data, DecisionTree<DecisionTreeClassifierModel> learner) {
        Dataset d = classification(data);
        if (FX.has(c + "_w")) {
            d = d.withWeights(FX.vector(c + "_w"));
        }
        DecisionTreeClassifierModel m = learner.fit(d);
        Comparison cmp = compare(c, m.tree(), d.features());
        report(c, cmp, d.size());
        int[] expected = ints(FX.vector(c + "_pred"));
        int[] got = m.predict(d.features());
        Matrix proba = m.predictProba(d.features());
        Matrix eproba = FX.matrix(c + "_proba");
        for (int i = 0; i < expected.length; i++) {
            if (!cmp.skipped()[i]) {
                assertEquals(expected[i], got[i], c + ": prediction of row " + i);
                for (int j = 0; j < proba.cols(); j++) {
                    assertEquals(eproba.get(i, j), proba.get(i, j), 1e-12, c + ": probability of row " + i);
                }
            }
        }
        if (cmp.divergentTies() == 0 && cmp.samePartitionTies() == 0 && cmp.pureSplits() == 0) {
            assertArrayEquals(FX.vector(c + "_importances"), m.featureImportances(), 1e-12, c + ": importances");
        }
    }

    static void regressorCase(String c, DecisionTree<DecisionTreeRegressorModel> learner) {
        Dataset d = regression("diabetes");
        DecisionTreeRegressorModel m = learner.fit(d);
        Comparison cmp = compare(c, m.tree(), d.features());
        report(c, cmp, d.size());
        double[] pred = FX.vector(c + "_pred");
        double[] got = m.predict(d.features());
        for (int i = 0; i < pred.length; i++) {
            if (!cmp.skipped()[i]) {
                assertEquals(pred[i], got[i], 1e-12 * Math.abs(pred[i]), c + ": prediction " + i);
            }
        }
        if (cmp.divergentTies() == 0 && cmp.samePartitionTies() == 0 && cmp.pureSplits() == 0) {
            assertArrayEquals(FX.vector(c + "_importances"), m.featureImportances(), 1e-9, c + ": importances");
        }
    }

    @Test
    void irisGini() {
        classifierCase("iris_gini", "iris", DecisionTree.classifier());
    }

    @Test
    void irisEntropyDepth3() {
        classifierCase("iris_entropy_d3", "iris", DecisionTree.classifier().criterion("entropy").maxDepth(3));
    }

    @Test
    void irisBestFirst() {
        classifierCase("iris_best_first", "iris", DecisionTree.classifier().maxLeafNodes(4));
    }

    @Test
    void wineGini() {
        classifierCase("wine_gini", "wine", DecisionTree.classifier());
    }

    @Test
    void wineBalancedMinLeaf() {
        classifierCase("wine_balanced_leaf5", "wine", DecisionTree.classifier().with("class_weight", "balanced").minSamplesLeaf(5));
    }

    @Test
    void breastCancerGini() {
        classifierCase("bc_gini", "bc", DecisionTree.classifier());
    }

    @Test
    void breastCancerEntropyMinSplitDecrease() {
        classifierCase("bc_entropy_split10", "bc",
                DecisionTree.classifier().criterion("entropy").minSamplesSplit(10).minImpurityDecrease(0.001));
    }

    @Test
    void breastCancerSampleWeights() {
        classifierCase("bc_weighted_d5", "bc", DecisionTree.classifier().maxDepth(5));
    }

    @Test
    void diabetesDepth6() {
        regressorCase("diabetes_d6", DecisionTree.regressor().maxDepth(6));
    }

    @Test
    void diabetesMinLeaf5() {
        regressorCase("diabetes_leaf5", DecisionTree.regressor().minSamplesLeaf(5));
    }

    @Test
    void diabetesPoissonDepth5() {
        regressorCase("diabetes_poisson_d5", DecisionTree.regressor().criterion("poisson").maxDepth(5));
    }

    @Test
    void diabetesBestFirst() {
        regressorCase("diabetes_best_first", DecisionTree.regressor().maxLeafNodes(20));
    }

    static <M extends Model> M unused(M m) {
        return m;
    }
}
