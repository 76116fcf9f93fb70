package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** TreeSHAP: brute-force Shapley values on a tiny tree (Java and a Python fixture), additivity on real data, missing values. */
class HistTreeShapTest {

    static final int M = 5;

    /** A hand-made depth-3 tree on 5 features; feature 0 is used twice on one path, feature 4 never. */
    static HistTree tinyTree() {
        int[] feature = {0, 1, 0, 2, -1, 3, -1, -1, -1, -1, -1};
        double[] thr = {0.5, 1.0, 2.0, 0.0, 0, -1.0, 0, 0, 0, 0, 0};
        boolean[] dl = {true, false, false, true, false, false, false, false, false, false, false};
        int[] left = {1, 3, 5, 7, -1, 9, -1, -1, -1, -1, -1};
        int[] right = {2, 4, 6, 8, -1, 10, -1, -1, -1, -1, -1};
        int[] count = {100, 60, 40, 35, 25, 30, 10, 20, 15, 12, 18};
        double[] value = {0, 0, 0, 0, 0.7, 0, -1.3, 2.0, -0.4, 1.1, 0.25};
        double[] cover = new double[11];
        for (int v = 0; v < 11; v++) {
            cover[v] = count[v] * 0.25;
        }
        return new HistTree(feature, new int[11], thr, dl, left, right, value, new double[11], cover, count);
    }

    /** E[f(x) | x_S] by the path-dependent definition (row counts as weights). */
    static double condExp(HistTree t, double[] x, int s, int v) {
        if (t.feature[v] < 0) {
            return t.value[v];
        }
        int j = t.feature[v];
        if ((s >> j & 1) != 0) {
            return condExp(t, x, s, t.goesLeft(v, x[j]) ? t.left[v] : t.right[v]);
        }
        return (t.count[t.left[v]] * condExp(t, x, s, t.left[v]) + t.count[t.right[v]] * condExp(t, x, s, t.right[v])) / t.count[v];
    }

    /** Shapley values by enumerating all 2^m subsets; last entry the expected value. */
    static double[] bruteForce(HistTree t, double[] x, int m) {
        double[] phi = new double[m + 1];
        double[] fact = new double[m + 1];
        fact[0] = 1;
        for (int i = 1; i <= m; i++) {
            fact[i] = fact[i - 1] * i;
        }
        for (int i = 0; i < m; i++) {
            for (int s = 0; s < 1 << m; s++) {
                if ((s >> i & 1) != 0) {
                    continue;
                }
                int size = Integer.bitCount(s);
                double w = fact[size] * fact[m - size - 1] / fact[m];
                phi[i] += w * (condExp(t, x, s | 1 << i, 0) - condExp(t, x, s, 0));
            }
        }
        phi[m] = condExp(t, x, 0, 0);
        return phi;
    }

    static double[] treeShap(HistTree t, double[] x, int m) {
        double[] phi = new double[m + 1];
        TreeShap s = t.treeShap();
        s.addShap(v -> t.goesLeft(v, x[t.feature[v]]), phi);
        phi[m] = s.expectedValue();
        return phi;
    }

    @Test
    void tinyTreeEqualsBruteForceShapley() {
        HistTree t = tinyTree();
        SplittableRandom r = new SplittableRandom(5);
        for (int rep = 0; rep < 200; rep++) {
            double[] x = new double[M];
            for (int j = 0; j < M; j++) {
                x[j] = r.nextDouble() < 0.15 ? Double.NaN : r.nextDouble(-2, 3);
            }
            double[] want = bruteForce(t, x, M);
            double[] got = treeShap(t, x, M);
            double sum = 0;
            for (int j = 0; j <= M; j++) {
                assertEquals(want[j], got[j], 1e-12, "feature " + j + " of row " + java.util.Arrays.toString(x));
                sum += got[j];
            }
            assertEquals(t.predict(x, 1, 0), sum, 1e-12, "local accuracy");
            assertEquals(0, got[4], "a feature the tree never uses gets 0");
        }
    }

    @Test
    void tinyTreeMatchesPythonFixture() {
        Fixtures fx = Fixtures.load("treeshap_bruteforce.txt");
        Matrix x = fx.matrix("x");
        Matrix want = fx.matrix("shap");
        HistTree t = tinyTree();
        for (int i = 0; i < x.rows(); i++) {
            double[] row = new double[M];
            for (int j = 0; j < M; j++) {
                row[j] = x.get(i, j);
            }
            double[] got = treeShap(t, row, M);
            for (int j = 0; j <= M; j++) {
                assertEquals(want.get(i, j), got[j], 1e-12, "row " + i + " feature " + j);
            }
        }
    }

    @Test
    void missingValuesFollowTheDefaultDirection() {
        HistTree t = tinyTree();
        // node 0 sends NaN of feature 0 left (like 0.0); node 1 sends NaN of feature 1 right (like 5.0)
        double[] nan = {Double.NaN, Double.NaN, -1, 0, 0};
        double[] real = {0.0, 5.0, -1, 0, 0};
        assertArrayClose(treeShap(t, real, M), treeShap(t, nan, M));
        double[] other = {0.0, 0.0, -1, 0, 0};
        assertTrue(Math.abs(treeShap(t, other, M)[1] - treeShap(t, nan, M)[1]) > 0.1, "going left would differ");
    }

    static void assertArrayClose(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j], b[j], 1e-12, "entry " + j);
        }
    }

    /** Copy of d's features with about 10% of the entries replaced by NaN. */
    static Matrix withMissing(Matrix x, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix m = x.copy();
        for (int j = 0; j < m.cols(); j++) {
            for (int i = 0; i < m.rows(); i++) {
                if (r.nextDouble() < 0.1) {
                    m.set(i, j, Double.NaN);
                }
            }
        }
        return m;
    }

    static void assertAdditive(Matrix shap, double[] raw, int outs, int c) {
        int n = shap.rows();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < shap.cols(); j++) {
                s += shap.get(i, j);
            }
            assertEquals(raw[i * outs + c], s, 1e-9, "row " + i + " output " + c);
        }
    }

    @Test
    void regressorIsAdditiveOnDiabetesWithMissingValues() {
        Dataset d = Datasets.dataset("diabetes");
        Matrix x = withMissing(d.features(), 3);
        Dataset dm = Dataset.regression(x, d.target());
        var m = HistGradientBoosting.regressor().nEstimators(40).fit(dm);
        Matrix s = m.shapValues(x);
        assertEquals(x.cols() + 1, s.cols());
        assertAdditive(s, m.rawScores(x, m.rounds()), 1, 0);
        double e = s.get(0, x.cols());
        for (int i = 1; i < x.rows(); i++) {
            assertEquals(e, s.get(i, x.cols()), "the expected value is the same for every row");
        }
        // with row-count covers and no bagging, the expected value of a tree is its mean output on the training rows
        double[] raw = m.rawScores(x, m.rounds());
        double mean = 0;
        for (double v : raw) {
            mean += v / raw.length;
        }
        assertEquals(mean, e, 1e-9);
    }

    @Test
    void classifiersAreAdditive() {
        Dataset bc = Datasets.dataset("breast_cancer");
        var b = HistGradientBoosting.classifier().nEstimators(20).fit(bc);
        List<Matrix> sb = b.shapValues(bc.features());
        assertEquals(1, sb.size());
        assertAdditive(sb.get(0), b.decisionFunction(bc.features(), b.rounds()), 1, 0);

        Dataset iris = Datasets.dataset("iris");
        Matrix x = withMissing(iris.features(), 4);
        var mc = HistGradientBoosting.classifier().nEstimators(15).with("min_child_samples", 5)
                .fit(Dataset.classification(x, iris.labels()));
        List<Matrix> s = mc.shapValues(x);
        assertEquals(3, s.size());
        double[] raw = mc.decisionFunction(x, mc.rounds());
        for (int c = 0; c < 3; c++) {
            assertAdditive(s.get(c), raw, 3, c);
        }
    }

    @Test
    void sameValuesWhateverTheThreadCount() {
        Dataset d = HistGradientBoostingTest.synthetic(3000, 6, 2);
        var m = HistGradientBoosting.classifier().nEstimators(10).fit(d);
        int before = dev.derive.runtime.Parallelism.threads();
        try {
            dev.derive.runtime.Parallelism.setThreads(1);
            double[] one = m.shapValues(d.features()).get(0).toArray();
            dev.derive.runtime.Parallelism.setThreads(3);
            double[] three = m.shapValues(d.features()).get(0).toArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(one, three);
        } finally {
            dev.derive.runtime.Parallelism.setThreads(before);
        }
    }

    @Test
    void rejectsCoversThatDoNotAdd() {
        assertThrows(IllegalArgumentException.class, () -> new TreeShap(new int[] {0, -1, -1}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new double[] {0, 1, 2}, new double[] {10, 3, 4}));
        assertThrows(IllegalArgumentException.class, () -> new TreeShap(new int[] {0, -1, -1}, new int[] {1, -1, -1},
                new int[] {2, -1, -1}, new double[] {0, 1, 2}, new double[] {4, 4, 0}));
    }
}
