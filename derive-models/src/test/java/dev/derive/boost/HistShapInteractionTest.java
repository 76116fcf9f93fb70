package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SHAP interaction values: equal to the brute-force Shapley interaction index (all subsets, the same
 * path-dependent conditional expectation as {@link HistTreeShapTest}) on a hand tree and on trained trees with
 * categorical splits and missing values; symmetric; rows sum to the SHAP values and everything to the raw
 * score. There is no Python reference (the shap package is not installed here): the brute force in Java is
 * the reference.
 */
class HistShapInteractionTest {

    static double[] factorials(int m) {
        double[] f = new double[m + 1];
        f[0] = 1;
        for (int i = 1; i <= m; i++) {
            f[i] = f[i - 1] * i;
        }
        return f;
    }

    /**
     * The Shapley interaction index of every pair of an {@code m}-feature tree for row {@code x}, by
     * enumeration: {@code Phi_ij = sum_{S in M \ {i,j}} |S|! (m - |S| - 2)! / (2 (m - 1)!) (v(S+i+j) - v(S+i) -
     * v(S+j) + v(S))}, diagonal {@code phi_i - sum_{j != i} Phi_ij} with {@code phi} the brute-force Shapley values;
     * added to {@code out} (m x m).
     */
    static void bruteForce(HistTree t, double[] x, int m, double[][] out) {
        double[] fact = factorials(m);
        double[] phi = HistTreeShapTest.bruteForce(t, x, m);
        double[] v = new double[1 << m];
        for (int s = 0; s < 1 << m; s++) {
            v[s] = HistTreeShapTest.condExp(t, x, s, 0);
        }
        for (int i = 0; i < m; i++) {
            double off = 0;
            for (int j = 0; j < m; j++) {
                if (i == j) {
                    continue;
                }
                double phiij = 0;
                for (int s = 0; s < 1 << m; s++) {
                    if ((s >> i & 1) != 0 || (s >> j & 1) != 0) {
                        continue;
                    }
                    int size = Integer.bitCount(s);
                    double w = fact[size] * fact[m - size - 2] / (2 * fact[m - 1]);
                    phiij += w * (v[s | 1 << i | 1 << j] - v[s | 1 << i] - v[s | 1 << j] + v[s]);
                }
                out[i][j] += phiij;
                off += phiij;
            }
            out[i][i] += phi[i] - off;
        }
    }

    static double[] interactions(HistTree t, double[] x, int m) {
        double[] out = new double[m * m];
        t.treeShap().addInteractions(v -> t.goesLeft(v, x[t.feature[v]]), out, m);
        return out;
    }

    @Test
    void handTreeEqualsBruteForceInteractionIndex() {
        HistTree t = HistTreeShapTest.tinyTree();
        int m = HistTreeShapTest.M;
        SplittableRandom r = new SplittableRandom(8);
        for (int rep = 0; rep < 200; rep++) {
            double[] x = new double[m];
            for (int j = 0; j < m; j++) {
                x[j] = r.nextDouble() < 0.15 ? Double.NaN : r.nextDouble(-2, 3);
            }
            double[][] want = new double[m][m];
            bruteForce(t, x, m, want);
            double[] got = interactions(t, x, m);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    assertEquals(want[i][j], got[i * m + j], 1e-12, "(" + i + ", " + j + ") of row " + java.util.Arrays.toString(x));
                }
                assertEquals(0, got[4 * m + i], "a feature the tree never uses has no interaction");
            }
        }
    }

    /** 4 features: a 5-level categorical one (10% missing) and three numeric ones (10% missing). */
    static Dataset mixed(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[4 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(5);
            double a = rng.nextDouble(-1, 1);
            double b = rng.nextDouble(-1, 1);
            double e = rng.nextDouble(-1, 1);
            y[i] = (c == 1 || c == 3 ? 2 : -1) * a + a * b + 0.5 * e + 0.1 * rng.nextGaussian();
            x[i] = rng.nextDouble() < 0.1 ? Double.NaN : c;
            x[n + i] = rng.nextDouble() < 0.1 ? Double.NaN : a;
            x[2 * n + i] = rng.nextDouble() < 0.1 ? Double.NaN : b;
            x[3 * n + i] = e;
        }
        return Dataset.regression(Matrix.wrap(n, 4, x), y).withFeatures(List.of(
                Dataset.Feature.categorical("c", List.of("p", "q", "r", "s", "t")), Dataset.Feature.numeric("a"),
                Dataset.Feature.numeric("b"), Dataset.Feature.numeric("e")));
    }

    @Test
    void trainedTreesWithCategoricalSplitsAndMissingValuesEqualBruteForce() {
        Dataset d = mixed(400, 3);
        var m = HistGradientBoosting.regressor().nEstimators(4).numLeaves(8).with("min_child_samples", 5)
                .with("cat_smooth", 1.0).with("min_data_per_group", 5).fit(d);
        boolean anyCat = m.boosted().trees.stream().anyMatch(t -> t.categories != null);
        org.junit.jupiter.api.Assertions.assertTrue(anyCat, "some tree splits on the categorical feature");
        Matrix x = d.features();
        double[][][] got = m.shapInteractionValues(x);
        double expected = m.shapValues(x).get(0, 4);
        for (int i = 0; i < 60; i++) {
            double[] row = new double[4];
            for (int j = 0; j < 4; j++) {
                row[j] = x.get(i, j);
            }
            double[][] want = new double[4][4];
            for (HistTree t : m.boosted().trees) {
                bruteForce(t, row, 4, want);
            }
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    assertEquals(want[a][b], got[i][a][b], 1e-12, "row " + i + " (" + a + ", " + b + ")");
                }
                assertEquals(0, got[i][a][4]);
                assertEquals(0, got[i][4][a]);
            }
            assertEquals(expected, got[i][4][4], 0.0);
        }
    }

    static void assertConsistent(double[][][] inter, Matrix shap, double[] raw, int outs, int c) {
        int n = shap.rows();
        int p = shap.cols() - 1;
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int a = 0; a <= p; a++) {
                double rowSum = 0;
                for (int b = 0; b <= p; b++) {
                    rowSum += inter[i][a][b];
                    assertEquals(inter[i][a][b], inter[i][b][a], 1e-12, "symmetric: row " + i + " (" + a + ", " + b + ")");
                }
                assertEquals(shap.get(i, a), rowSum, 1e-9, "row " + i + " feature " + a + " sums to its SHAP value");
                total += rowSum;
            }
            assertEquals(raw[i * outs + c], total, 1e-9, "row " + i + " sums to the raw score");
        }
    }

    @Test
    void regressorOnDiabetesWithMissingValues() {
        Dataset d = Datasets.dataset("diabetes");
        Matrix x = HistTreeShapTest.withMissing(d.features(), 3);
        var m = HistGradientBoosting.regressor().nEstimators(30).fit(Dataset.regression(x, d.target()));
        Matrix rows = x.block(0, 0, 80, x.cols()).copy();
        assertConsistent(m.shapInteractionValues(rows), m.shapValues(rows), m.rawScores(rows, m.rounds()), 1, 0);
    }

    @Test
    void classifiersPerRawScore() {
        Dataset iris = Datasets.dataset("iris");
        Matrix x = HistTreeShapTest.withMissing(iris.features(), 4);
        var mc = HistGradientBoosting.classifier().nEstimators(10).with("min_child_samples", 5)
                .fit(Dataset.classification(x, iris.labels()));
        List<double[][][]> inter = mc.shapInteractionValues(x);
        List<Matrix> shap = mc.shapValues(x);
        assertEquals(3, inter.size());
        double[] raw = mc.decisionFunction(x, mc.rounds());
        for (int c = 0; c < 3; c++) {
            assertConsistent(inter.get(c), shap.get(c), raw, 3, c);
        }
        Dataset bc = Datasets.dataset("breast_cancer");
        var b = HistGradientBoosting.classifier().nEstimators(10).fit(bc);
        Matrix rows = bc.features().block(0, 0, 40, bc.features().cols()).copy();
        List<double[][][]> ib = b.shapInteractionValues(rows);
        assertEquals(1, ib.size());
        assertConsistent(ib.get(0), b.shapValues(rows).get(0), b.decisionFunction(rows, b.rounds()), 1, 0);
    }

    @Test
    void sameValuesWhateverTheThreadCount() {
        Dataset d = HistGradientBoostingTest.synthetic(300, 5, 2);
        var m = HistGradientBoosting.classifier().nEstimators(5).fit(d);
        int before = dev.derive.runtime.Parallelism.threads();
        try {
            dev.derive.runtime.Parallelism.setThreads(1);
            double[][][] one = m.shapInteractionValues(d.features()).get(0);
            dev.derive.runtime.Parallelism.setThreads(3);
            double[][][] three = m.shapInteractionValues(d.features()).get(0);
            for (int i = 0; i < one.length; i++) {
                for (int a = 0; a < one[i].length; a++) {
                    assertArrayEquals(one[i][a], three[i][a]);
                }
            }
        } finally {
            dev.derive.runtime.Parallelism.setThreads(before);
        }
    }
}
