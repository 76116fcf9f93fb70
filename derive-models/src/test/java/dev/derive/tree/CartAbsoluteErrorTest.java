package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code absolute_error} regression criterion against scikit-learn 1.2.1 on diabetes
 * ({@code tools/gen_ccp_fixtures.py}): the same tree node for node (split features and thresholds,
 * median leaf values, impurities) and the same predictions; and against the mathematics (a leaf value
 * minimises the weighted absolute deviation of its rows).
 */
class CartAbsoluteErrorTest {

    static final Fixtures FX = Fixtures.load("ccp_sklearn.txt");
    static final Fixtures DATA = Fixtures.load("cart_sklearn.txt");

    static Dataset diabetes() {
        return Dataset.regression(DATA.matrix("diabetes_X"), DATA.vector("diabetes_y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"diabetes_mae_d3", "diabetes_mae_leaf20"})
    void sameTreeAsScikitLearn(String c) {
        DecisionTree<DecisionTreeRegressorModel> learner = DecisionTree.regressor().criterion("absolute_error");
        learner = c.endsWith("d3") ? learner.maxDepth(3) : learner.minSamplesLeaf(20);
        Dataset d = diabetes();
        Tree t = learner.fit(d).tree();
        double[] feature = FX.vector(c + "_feature");
        assertEquals(feature.length, t.nodeCount(), c + ": node count");
        double[] thr = FX.vector(c + "_threshold");
        double[] left = FX.vector(c + "_left");
        double[] value = FX.vector(c + "_value");
        double[] imp = FX.vector(c + "_impurity");
        for (int i = 0; i < feature.length; i++) {
            assertEquals((int) feature[i], t.feature[i], c + ": feature of node " + i);
            assertEquals(thr[i], t.threshold[i], 0.0, c + ": threshold of node " + i);
            assertEquals((int) left[i], t.left[i], c + ": left child of node " + i);
            assertEquals(value[i], t.value()[i], 1e-12 * Math.abs(value[i]), c + ": median of node " + i);
            assertEquals(imp[i], t.impurity[i], 1e-10 * Math.abs(imp[i]), c + ": impurity of node " + i);
        }
        double[] pred = FX.vector(c + "_pred");
        double[] got = learner.fit(d).predict(d.features());
        for (int i = 0; i < pred.length; i++) {
            assertEquals(pred[i], got[i], 1e-12 * Math.abs(pred[i]), c + ": prediction " + i);
        }
    }

    @Test
    void leafValuesMinimiseAbsoluteDeviationWithWeights() {
        Dataset d = diabetes();
        double[] w = new double[d.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + (i * 7) % 4;
        }
        Dataset dw = d.withWeights(w);
        Tree t = DecisionTree.regressor().criterion("absolute_error").maxDepth(4).fit(dw).tree();
        int[] leaves = t.apply(d.features());
        double[] y = d.target();
        for (int leaf = 0; leaf < t.nodeCount(); leaf++) {
            if (t.left[leaf] != -1) {
                continue;
            }
            double m = t.value()[leaf];
            double at = 0;
            double up = 0;
            double down = 0;
            double total = 0;
            for (int i = 0; i < y.length; i++) {
                if (leaves[i] == leaf) {
                    at += w[i] * Math.abs(y[i] - m);
                    up += w[i] * Math.abs(y[i] - m - 0.5);
                    down += w[i] * Math.abs(y[i] - m + 0.5);
                    total += w[i];
                }
            }
            assertTrue(at <= up + 1e-9 && at <= down + 1e-9, "leaf " + leaf + " value " + m + " is a weighted median");
            assertEquals(at / total, t.impurity[leaf], 1e-10 * Math.max(1, at / total), "leaf " + leaf + " impurity");
        }
    }

    /** {@code sum |y - median|} of the given targets (unit weights; scikit-learn's median rule). */
    static double absDev(java.util.List<Double> ys) {
        if (ys.isEmpty()) {
            return 0;
        }
        double[] v = ys.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int m = v.length;
        double med = m % 2 == 1 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2;
        double d = 0;
        for (double a : v) {
            d += Math.abs(a - med);
        }
        return d;
    }

    /** Diabetes rows 0..79 with about a sixth of the values of features 0, 2 and 8 missing. */
    static Dataset diabetesWithMissing() {
        int[] rows = java.util.stream.IntStream.range(0, 80).toArray();
        Dataset d = diabetes().subset(rows);
        Matrix x = d.features().copy();
        for (int i = 0; i < x.rows(); i++) {
            for (int f : new int[] {0, 2, 8}) {
                if ((i * 7 + f * 3) % 6 == 0) {
                    x.set(i, f, Double.NaN);
                }
            }
        }
        return Dataset.regression(x, d.target());
    }

    @Test
    void missingValuesRootSplitIsTheExhaustiveOptimum() {
        Dataset d = diabetesWithMissing();
        Tree t = DecisionTree.regressor().criterion("absolute_error").maxDepth(1).fit(d).tree();
        Matrix x = d.features();
        double[] y = d.target();
        int n = y.length;
        // exhaustive search: every feature, every midpoint between distinct present values, missing left or
        // right, and "all present left, missing right"
        double best = Double.POSITIVE_INFINITY;
        for (int f = 0; f < x.cols(); f++) {
            final int ff = f;
            double[] present = java.util.stream.IntStream.range(0, n).mapToDouble(i -> x.get(i, ff)).filter(v -> !Double.isNaN(v))
                    .distinct().sorted().toArray();
            java.util.List<Double> cuts = new java.util.ArrayList<>();
            for (int q = 1; q < present.length; q++) {
                cuts.add(present[q - 1] / 2 + present[q] / 2);
            }
            cuts.add(Double.POSITIVE_INFINITY);
            for (double c : cuts) {
                for (boolean missLeft : new boolean[] {false, true}) {
                    java.util.List<Double> l = new java.util.ArrayList<>();
                    java.util.List<Double> r = new java.util.ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        double v = x.get(i, f);
                        (v <= c || (Double.isNaN(v) && missLeft) ? l : r).add(y[i]);
                    }
                    if (!l.isEmpty() && !r.isEmpty()) {
                        best = Math.min(best, absDev(l) + absDev(r));
                    }
                }
            }
        }
        assertTrue(t.left[0] != -1, "the root splits");
        int f = t.feature[0];
        java.util.List<Double> l = new java.util.ArrayList<>();
        java.util.List<Double> r = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            double v = x.get(i, f);
            (v <= t.threshold[0] || (Double.isNaN(v) && t.missingLeft[0]) ? l : r).add(y[i]);
        }
        assertEquals(best, absDev(l) + absDev(r), 1e-9 * best, "the root split reaches the exhaustive optimum");
        assertEquals(l.size(), t.nodeSamples[t.left[0]], "left child rows (missing routed as learned)");
        // the children's impurities are their mean absolute deviations around their medians
        assertEquals(absDev(l) / l.size(), t.impurity[t.left[0]], 1e-10 * Math.max(1, absDev(l) / l.size()));
        assertEquals(absDev(r) / r.size(), t.impurity[t.right[0]], 1e-10 * Math.max(1, absDev(r) / r.size()));
    }

    @Test
    void missingValuesGoToTheBetterSide() {
        // x in 1..40, y = 0 for x <= 20 and 100 above; rows with y = 100 have x missing every fourth row
        int n = 40;
        double[][] xs = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 20 ? 0 : 100;
            xs[i][0] = i >= 20 && i % 4 == 0 ? Double.NaN : i + 1;
        }
        for (boolean flip : new boolean[] {false, true}) {
            double[][] xx = new double[n][1];
            for (int i = 0; i < n; i++) {
                xx[i][0] = flip ? -xs[i][0] : xs[i][0];
            }
            Dataset d = Dataset.regression(Matrix.of(xx), y);
            var m = DecisionTree.regressor().criterion("absolute_error").maxDepth(1).fit(d);
            Tree t = m.tree();
            assertEquals(!flip ? false : true, t.missingLeft[0], "missing rows (y = 100) join the y = 100 side");
            assertEquals(0.0, t.impurity[t.left[0]], 0.0);
            assertEquals(0.0, t.impurity[t.right[0]], 0.0);
            double[] pred = m.predict(d.features());
            for (int i = 0; i < n; i++) {
                assertEquals(y[i], pred[i], 0.0, "row " + i);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> contractWithMissingValues() {
        return LearnerContract.tests(DecisionTree.regressor().criterion("absolute_error").maxDepth(3), diabetesWithMissing(),
                LearnerContract.Options.DEFAULT.withSupportsMissing(true));
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        Dataset d = diabetes();
        int[] rows = java.util.stream.IntStream.range(0, 150).toArray();
        return LearnerContract.tests(DecisionTree.regressor().criterion("absolute_error").maxDepth(4), d.subset(rows),
                LearnerContract.Options.DEFAULT.withSupportsMissing(true));
    }
}
