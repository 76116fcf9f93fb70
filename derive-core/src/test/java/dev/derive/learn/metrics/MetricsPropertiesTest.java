package dev.derive.learn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Mathematical properties of the metrics on random inputs (small label sets, so ties and collisions are common). */
class MetricsPropertiesTest {

    /** Two label arrays of the same length 1..60 with values in 0..K-1, K in 2..5, plus K. */
    record Labels(int[] a, int[] b, int k) {
    }

    @Provide
    Arbitrary<Labels> labelPairs() {
        return Arbitraries.integers().between(2, 5).flatMap(k -> Arbitraries.integers().between(1, 60).flatMap(n ->
                Combinators.combine(
                        Arbitraries.integers().between(0, k - 1).array(int[].class).ofSize(n),
                        Arbitraries.integers().between(0, k - 1).array(int[].class).ofSize(n))
                        .as((a, b) -> new Labels(a, b, k))));
    }

    /** Binary labels with both classes present and scores on a coarse grid (many ties), length 2..60. */
    record Scored(int[] y, double[] s, double[] w) {
    }

    @Provide
    Arbitrary<Scored> scored() {
        return Arbitraries.integers().between(2, 60).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, 1).array(int[].class).ofSize(n),
                Arbitraries.integers().between(-8, 8).map(v -> v / 4.0).array(double[].class).ofSize(n),
                Arbitraries.integers().between(1, 4).map(v -> (double) v).array(double[].class).ofSize(n))
                .as(Scored::new)
                .filter(t -> has(t.y, 0) && has(t.y, 1)));
    }

    private static boolean has(int[] y, int v) {
        for (int x : y) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- classification

    @Property(tries = 300)
    void perfectPredictionsScoreOne(@ForAll("labelPairs") Labels l) {
        int[] y = l.a;
        assertEquals(1.0, ClassificationMetrics.accuracy(y, y));
        assertEquals(1.0, ClassificationMetrics.balancedAccuracy(y, y));
        assertEquals(1.0, ClassificationMetrics.f1(y, y, Average.MACRO), 1e-15);
        assertEquals(1.0, ClassificationMetrics.precision(y, y, Average.WEIGHTED), 1e-15);
        assertEquals(1.0, ClassificationMetrics.recall(y, y, Average.MICRO), 1e-15);
    }

    @Property(tries = 300)
    void microAveragesEqualAccuracy(@ForAll("labelPairs") Labels l) {
        double acc = ClassificationMetrics.accuracy(l.a, l.b);
        assertEquals(acc, ClassificationMetrics.precision(l.a, l.b, Average.MICRO), 1e-15);
        assertEquals(acc, ClassificationMetrics.recall(l.a, l.b, l.k, Average.MICRO, null), 1e-15);
        assertEquals(acc, ClassificationMetrics.f1(l.a, l.b, Average.MICRO), 1e-15);
        // weighted recall = accuracy too (support-weighted mean of per-class recalls)
        assertEquals(acc, ClassificationMetrics.recall(l.a, l.b, Average.WEIGHTED), 1e-14);
    }

    @Property(tries = 300)
    void confusionMatrixAccountsForEverySample(@ForAll("labelPairs") Labels l) {
        int[][] cm = ClassificationMetrics.confusionMatrix(l.a, l.b, l.k);
        int total = 0;
        int diag = 0;
        for (int i = 0; i < l.k; i++) {
            for (int j = 0; j < l.k; j++) {
                total += cm[i][j];
            }
            diag += cm[i][i];
        }
        assertEquals(l.a.length, total);
        assertEquals(ClassificationMetrics.accuracy(l.a, l.b), (double) diag / total, 1e-15);
        // integer weights give the same matrix as repeating samples
        double[] ones = new double[l.a.length];
        java.util.Arrays.fill(ones, 1);
        double[][] cw = ClassificationMetrics.confusionMatrix(l.a, l.b, l.k, ones);
        for (int i = 0; i < l.k; i++) {
            for (int j = 0; j < l.k; j++) {
                assertEquals(cm[i][j], cw[i][j]);
            }
        }
    }

    @Property(tries = 300)
    void perClassFIsHarmonicMean(@ForAll("labelPairs") Labels l, @ForAll @IntRange(min = 0, max = 3) int b) {
        double beta = b == 3 ? 0.5 : b;
        ClassificationMetrics.ClassScores s = ClassificationMetrics.classScores(l.a, l.b, l.k, beta, null);
        for (int c = 0; c < l.k; c++) {
            double p = s.precision()[c];
            double r = s.recall()[c];
            double expected = p + r == 0 ? 0 : (1 + beta * beta) * p * r / (beta * beta * p + r);
            assertEquals(expected, s.fScore()[c], 1e-15);
            assertTrue(p >= 0 && p <= 1 && r >= 0 && r <= 1);
        }
    }

    @Property(tries = 300)
    void rocAucIsTheTieCorrectedMannWhitneyStatistic(@ForAll("scored") Scored t) {
        for (double[] w : new double[][] {null, t.w}) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < t.y.length; i++) {
                for (int j = 0; j < t.y.length; j++) {
                    if (t.y[i] == 1 && t.y[j] == 0) {
                        double ww = w == null ? 1 : w[i] * w[j];
                        den += ww;
                        num += ww * (t.s[i] > t.s[j] ? 1 : t.s[i] == t.s[j] ? 0.5 : 0);
                    }
                }
            }
            assertEquals(num / den, ClassificationMetrics.rocAuc(t.y, t.s, w), 1e-12);
        }
    }

    @Property(tries = 300)
    void reversedScoresGiveOneMinusAuc(@ForAll("scored") Scored t) {
        double[] neg = new double[t.s.length];
        int[] flipped = new int[t.y.length];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = -t.s[i];
            flipped[i] = 1 - t.y[i];
        }
        double auc = ClassificationMetrics.rocAuc(t.y, t.s, t.w);
        assertEquals(1 - auc, ClassificationMetrics.rocAuc(t.y, neg, t.w), 1e-12);
        assertEquals(auc, ClassificationMetrics.rocAuc(flipped, neg, t.w), 1e-12);
    }

    @Property(tries = 300)
    void metricsDoNotDependOnSampleOrder(@ForAll("scored") Scored t, @ForAll long seed) {
        int n = t.y.length;
        int[] perm = permutation(n, new Random(seed));
        int[] y2 = new int[n];
        double[] s2 = new double[n];
        double[] w2 = new double[n];
        for (int i = 0; i < n; i++) {
            y2[i] = t.y[perm[i]];
            s2[i] = t.s[perm[i]];
            w2[i] = t.w[perm[i]];
        }
        assertEquals(ClassificationMetrics.rocAuc(t.y, t.s, t.w), ClassificationMetrics.rocAuc(y2, s2, w2), 1e-12);
        assertEquals(ClassificationMetrics.averagePrecision(t.y, t.s), ClassificationMetrics.averagePrecision(y2, s2), 1e-12);
        var a = ClassificationMetrics.rocCurve(t.y, t.s);
        var b = ClassificationMetrics.rocCurve(y2, s2);
        assertArrayEquals(a.fpr(), b.fpr(), 0);
        assertArrayEquals(a.tpr(), b.tpr(), 0);
        assertArrayEquals(a.thresholds(), b.thresholds(), 0);
    }

    @Property(tries = 300)
    void rocCurveIsMonotoneFromOriginToOne(@ForAll("scored") Scored t) {
        var c = ClassificationMetrics.rocCurve(t.y, t.s, t.w);
        int m = c.fpr().length;
        assertEquals(0.0, c.fpr()[0]);
        assertEquals(0.0, c.tpr()[0]);
        assertEquals(1.0, c.fpr()[m - 1]);
        assertEquals(1.0, c.tpr()[m - 1]);
        for (int i = 1; i < m; i++) {
            assertTrue(c.fpr()[i] >= c.fpr()[i - 1] && c.tpr()[i] >= c.tpr()[i - 1]);
            assertTrue(c.thresholds()[i] < c.thresholds()[i - 1]);
        }
    }

    @Property(tries = 300)
    void averagePrecisionOfSeparatingScoresIsOne(@ForAll("scored") Scored t) {
        double[] perfect = new double[t.y.length];
        for (int i = 0; i < perfect.length; i++) {
            perfect[i] = t.y[i] + 0.1 * t.s[i] / 8; // positives all above negatives, ties within classes
        }
        assertEquals(1.0, ClassificationMetrics.averagePrecision(t.y, perfect, t.w), 1e-15);
        assertEquals(1.0, ClassificationMetrics.rocAuc(t.y, perfect), 1e-15);
        double ap = ClassificationMetrics.averagePrecision(t.y, t.s, t.w);
        assertTrue(ap > 0 && ap <= 1 + 1e-15, "AP " + ap);
    }

    @Property(tries = 300)
    void ovrWithTwoClassesIsTheBinaryAuc(@ForAll("scored") Scored t) {
        Matrix p = Matrix.zeros(t.y.length, 2);
        double[] p1 = new double[t.y.length];
        for (int i = 0; i < p1.length; i++) {
            p1[i] = (t.s[i] + 2) / 4; // in [0, 1], multiples of 1/16: 1 - p1 is exact
            p.set(i, 0, 1 - p1[i]);
            p.set(i, 1, p1[i]);
        }
        double auc = ClassificationMetrics.rocAuc(t.y, p1);
        assertEquals(auc, ClassificationMetrics.rocAucOvr(t.y, p, Average.MACRO), 1e-12);
        assertEquals(auc, ClassificationMetrics.rocAucOvr(t.y, p, Average.WEIGHTED), 1e-12);
        assertTrue(ClassificationMetrics.logLoss(t.y, p1) >= 0);
        double brier = ClassificationMetrics.brierScore(t.y, p1);
        assertTrue(brier >= 0 && brier <= 1);
    }

    // ---------------------------------------------------------------- regression

    @Property(tries = 300)
    void r2OfTheMeanPredictorIsZero(@ForAll("values") double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        boolean constant = true;
        for (double v : y) {
            constant &= v == y[0];
        }
        Assume.that(!constant && y.length >= 2);
        double[] pred = new double[y.length];
        java.util.Arrays.fill(pred, mean);
        assertEquals(0.0, RegressionMetrics.r2(y, pred), 1e-12);
        assertEquals(0.0, RegressionMetrics.explainedVariance(y, pred), 1e-12);
        assertEquals(1.0, RegressionMetrics.r2(y, y));
        assertEquals(0.0, RegressionMetrics.mse(y, y));
    }

    @Provide
    Arbitrary<double[]> values() {
        return Arbitraries.integers().between(-1000, 1000).map(v -> v / 8.0).array(double[].class).ofMinSize(2).ofMaxSize(50);
    }

    @Property(tries = 300)
    void regressionErrorsAreOrdered(@ForAll("values") double[] y, @ForAll long seed) {
        Random rng = new Random(seed);
        double[] p = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            p[i] = y[i] + rng.nextGaussian();
        }
        double mae = RegressionMetrics.mae(y, p);
        double rmse = RegressionMetrics.rmse(y, p);
        double max = RegressionMetrics.maxError(y, p);
        double med = RegressionMetrics.medianAbsoluteError(y, p);
        assertTrue(mae <= rmse * (1 + 1e-12) && rmse <= max * (1 + 1e-12) && med <= max, mae + " " + rmse + " " + max);
        assertTrue(RegressionMetrics.r2(y, p) <= RegressionMetrics.explainedVariance(y, p) + 1e-12);
    }

    // ---------------------------------------------------------------- clustering

    @Property(tries = 300)
    void ariIsSymmetricAndInvariantToRelabelling(@ForAll("labelPairs") Labels l, @ForAll long seed) {
        double ari = ClusteringMetrics.adjustedRandIndex(l.a, l.b);
        assertEquals(ari, ClusteringMetrics.adjustedRandIndex(l.b, l.a), 1e-15);
        assertEquals(ari, ClusteringMetrics.adjustedRandIndex(relabel(l.a, seed), relabel(l.b, seed + 1)), 1e-15);
        assertEquals(1.0, ClusteringMetrics.adjustedRandIndex(l.a, relabel(l.a, seed)));
        assertTrue(ari <= 1 && ari >= -1);
    }

    @Property(tries = 300)
    void nmiIsInUnitIntervalSymmetricAndEqualsVMeasure(@ForAll("labelPairs") Labels l, @ForAll long seed) {
        double nmi = ClusteringMetrics.normalizedMutualInfo(l.a, l.b);
        assertTrue(nmi >= 0 && nmi <= 1 + 1e-15, "NMI " + nmi);
        assertEquals(nmi, ClusteringMetrics.normalizedMutualInfo(l.b, l.a), 1e-15);
        assertEquals(nmi, ClusteringMetrics.normalizedMutualInfo(relabel(l.a, seed), relabel(l.b, seed + 1)), 1e-15);
        assertEquals(1.0, ClusteringMetrics.normalizedMutualInfo(l.a, relabel(l.a, seed)), 1e-15);
        double h = ClusteringMetrics.homogeneity(l.a, l.b);
        double c = ClusteringMetrics.completeness(l.a, l.b);
        assertTrue(h >= 0 && h <= 1 + 1e-15 && c >= 0 && c <= 1 + 1e-15);
        assertEquals(h, ClusteringMetrics.completeness(l.b, l.a), 1e-15);
        if (distinct(l.a) > 1 && distinct(l.b) > 1) {
            assertEquals(nmi, ClusteringMetrics.vMeasure(l.a, l.b), 1e-12); // V = 2I / (H(U) + H(V))
        }
        assertTrue(ClusteringMetrics.mutualInfo(l.a, l.b) >= 0);
    }

    @Property(tries = 100)
    void silhouetteIsInvariantToTranslationRotationAndScale(@ForAll @IntRange(min = 4, max = 40) int n,
                                                            @ForAll @IntRange(min = 2, max = 3) int k,
                                                            @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.randn(n, 2, rng);
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = i < k ? i : rng.nextInt(k); // every cluster non-empty
        }
        Assume.that(k <= n - 1);
        double[] s = ClusteringMetrics.silhouetteSamples(x, lab);
        double th = rng.nextDouble() * 2 * Math.PI;
        Matrix moved = Matrix.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            double a = x.get(i, 0);
            double b = x.get(i, 1);
            moved.set(i, 0, 3 * (Math.cos(th) * a - Math.sin(th) * b) + 50);
            moved.set(i, 1, 3 * (Math.sin(th) * a + Math.cos(th) * b) - 20);
        }
        double[] s2 = ClusteringMetrics.silhouetteSamples(moved, lab);
        for (int i = 0; i < n; i++) {
            assertTrue(s[i] >= -1 && s[i] <= 1);
            assertEquals(s[i], s2[i], 1e-9);
        }
        assertArrayEquals(s, ClusteringMetrics.silhouetteSamples(x, lab, n), 1e-12); // one row per block
    }

    private static int distinct(int[] a) {
        return (int) java.util.Arrays.stream(a).distinct().count();
    }

    /** Renames labels by a random injective map onto arbitrary (also negative) integers. */
    private static int[] relabel(int[] a, long seed) {
        Random rng = new Random(seed);
        int[] perm = permutation(6, rng);
        int offset = rng.nextInt(200) - 100;
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = 7 * perm[a[i]] + offset;
        }
        return r;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
