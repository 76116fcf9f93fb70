package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked binary path of {@link LogisticObjective} (one pass over X per evaluation) against the definition
 * {@code sum_i s_i (log(1 + e^z_i) - y_i z_i) + ||w||^2/(2C)}, {@code z = Xw + b}, and its gradient
 * {@code X'(s o (sigma(z) - y)) + w/C}, {@code sum_i s_i (sigma(z_i) - y_i)}, evaluated row by row; with more rows
 * than one block, with and without intercept and weights, and at large scores where {@code e^z} overflows.
 */
class LogisticObjectiveBinaryTest {

    static double[] reference(Matrix x, int[] y, double[] s, boolean intercept, double invC, double[] theta, double[] grad) {
        int n = x.rows();
        int p = x.cols();
        double f = 0;
        java.util.Arrays.fill(grad, 0);
        for (int i = 0; i < n; i++) {
            double z = intercept ? theta[p] : 0;
            for (int j = 0; j < p; j++) {
                z += x.get(i, j) * theta[j];
            }
            // log(1 + e^z) by the identity log(1 + e^z) = z + log(1 + e^-z) for z > 0
            double sp = z > 0 ? z + Math.log(1 + Math.exp(-z)) : Math.log(1 + Math.exp(z));
            f += s[i] * (sp - y[i] * z);
            double sig = z > 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            double r = s[i] * (sig - y[i]);
            for (int j = 0; j < p; j++) {
                grad[j] += r * x.get(i, j);
            }
            if (intercept) {
                grad[p] += r;
            }
        }
        for (int j = 0; j < p; j++) {
            f += 0.5 * invC * theta[j] * theta[j];
            grad[j] += invC * theta[j];
        }
        return new double[] {f};
    }

    @Test
    void blockedPassEqualsTheDefinition() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 2100;
        int p = 300; // 436 rows per block: 5 blocks, the last partial
        Matrix x = Matrix.zeros(n, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x.set(i, j, rnd.nextGaussian());
            }
        }
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(2);
            s[i] = i % 7 == 0 ? 0 : 0.5 + rnd.nextDouble();
        }
        for (boolean intercept : new boolean[] {true, false}) {
            for (double scale : new double[] {0.01, 3}) { // scale 3: |z| up to ~150, e^z overflows the naive form
                LogisticObjective f = LogisticObjective.withL2(x, y, s, 2, intercept, 0.7);
                double[] theta = new double[f.dimension()];
                for (int j = 0; j < theta.length; j++) {
                    theta[j] = scale * rnd.nextGaussian();
                }
                double[] g = new double[theta.length];
                double[] gRef = new double[theta.length];
                double v = f.valueAndGradient(theta, g);
                double vRef = reference(x, y, s, intercept, 0.7, theta, gRef)[0];
                assertEquals(vRef, v, 1e-12 * Math.abs(vRef), "value, intercept " + intercept + " scale " + scale);
                assertEquals(v, f.value(theta), 0.0, "value() equals valueAndGradient()");
                double gn = 0;
                for (double gi : gRef) {
                    gn = Math.max(gn, Math.abs(gi));
                }
                for (int j = 0; j < g.length; j++) {
                    assertEquals(gRef[j], g[j], 1e-12 * gn, "gradient " + j);
                }
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void bitIdenticalWhateverTheThreadCount() {
        // blocks of 436 x 300 go to (multi-threaded) BLAS dgemv; the result must not depend on the thread count
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 2100;
        int p = 300;
        Matrix x = Matrix.zeros(n, p);
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x.set(i, j, rnd.nextGaussian());
            }
            y[i] = rnd.nextInt(2);
            s[i] = 1;
        }
        double[] theta = new double[p + 1];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = 0.1 * rnd.nextGaussian();
        }
        int before = dev.derive.runtime.Parallelism.threads();
        try {
            double[][] g = new double[3][theta.length];
            double[] v = new double[3];
            int[] threads = {1, 2, 3};
            for (int t = 0; t < 3; t++) {
                dev.derive.runtime.Parallelism.setThreads(threads[t]);
                // a new objective each time: one objective would answer the repeated theta from its last evaluation
                LogisticObjective f = LogisticObjective.withL2(x, y, s, 2, true, 1);
                v[t] = f.valueAndGradient(theta, g[t]);
            }
            for (int t = 1; t < 3; t++) {
                assertEquals(v[0], v[t], 0.0, "value with " + threads[t] + " threads");
                org.junit.jupiter.api.Assertions.assertArrayEquals(g[0], g[t], 0.0, "gradient with " + threads[t] + " threads");
            }
        } finally {
            dev.derive.runtime.Parallelism.setThreads(before);
        }
    }

    @Test
    void separationFlagFollowsThePredictionRule() {
        Matrix x = Matrix.of(new double[] {-2}, new double[] {-1}, new double[] {1}, new double[] {2});
        double[] s = {1, 1, 1, 1};
        LogisticObjective f = LogisticObjective.withL2(x, new int[] {0, 0, 1, 1}, s, 2, true, 1);
        boolean[] sep = new boolean[1];
        f.binary(new double[] {1, 0}, new double[2], sep);
        assertTrue(sep[0]);
        f.binary(new double[] {-1, 0}, new double[2], sep);
        assertFalse(sep[0]);
        // a row of weight 0 does not count
        LogisticObjective g = LogisticObjective.withL2(x, new int[] {0, 1, 1, 1}, new double[] {1, 0, 1, 1}, 2, true, 1);
        g.binary(new double[] {1, 0}, new double[2], sep);
        assertTrue(sep[0]);
    }
    @Test
    void branchFreeLog1pIsWithinAFewUlpsOnTheUnitInterval() {
        // the loss uses log1p(e), e = exp(-|z|) in (0, 1], by log(u) - ((u - 1) - e) / u with u = 1 + e
        SplittableRandom rnd = new SplittableRandom(3);
        double worst = 0;
        for (int t = 0; t < 200_000; t++) {
            double e = t < 100_000 ? rnd.nextDouble() : Math.exp(-750 * rnd.nextDouble()); // uniform, and spread over exponents
            double ref = Math.log1p(e);
            worst = Math.max(worst, Math.abs(LogisticObjective.log1pUnit(e) - ref) / Math.ulp(ref));
        }
        for (double e : new double[] {1, 0.5, 0x1p-52, 0x1p-53, 0x1p-54, 1e-300, Double.MIN_VALUE, 0}) {
            double ref = Math.log1p(e);
            worst = Math.max(worst, ref == 0 ? Math.abs(LogisticObjective.log1pUnit(e)) : Math.abs(LogisticObjective.log1pUnit(e) - ref) / Math.ulp(ref));
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulps");
    }

    @Test
    void separationFlagOnMixedScoresAndZero() {
        // theta = 0: every score is 0, nobody is classified as class 1, so class-1 rows break separation
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 3000;
        Matrix x = Matrix.zeros(n, 2);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x.set(i, 0, rnd.nextGaussian());
            x.set(i, 1, rnd.nextGaussian());
            y[i] = x.get(i, 0) > 0 ? 1 : 0;
        }
        double[] s = new double[n];
        java.util.Arrays.fill(s, 1);
        LogisticObjective f = LogisticObjective.withL2(x, y, s, 2, true, 1);
        boolean[] sep = new boolean[1];
        f.binary(new double[3], new double[3], sep);
        assertFalse(sep[0]);
        f.binary(new double[] {5, 0, 0}, null, sep);
        assertTrue(sep[0], "the first feature's sign separates the classes");
        f.binary(new double[] {5, 0.5, 0}, new double[3], sep);
        boolean expected = true;
        for (int i = 0; i < n; i++) {
            expected &= (5 * x.get(i, 0) + 0.5 * x.get(i, 1) > 0) == (y[i] == 1);
        }
        assertEquals(expected, sep[0]);
    }

    @Test
    void repeatedThetaGivesTheLastEvaluationsNumbers() {
        // 20,000 x 100: 16 blocks of 1310 rows in 8 chunks; the fit's report asks again at the solver's last point
        SplittableRandom rnd = new SplittableRandom(21);
        int n = 20_000;
        int p = 100;
        Matrix x = Matrix.zeros(n, p);
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x.set(i, j, rnd.nextGaussian());
            }
            y[i] = rnd.nextInt(2);
            s[i] = 0.5 + rnd.nextDouble();
        }
        double[] a = new double[p + 1];
        double[] b = new double[p + 1];
        for (int j = 0; j <= p; j++) {
            a[j] = 0.05 * rnd.nextGaussian();
            b[j] = 0.05 * rnd.nextGaussian();
        }
        LogisticObjective f = LogisticObjective.withL2(x, y, s, 2, true, 0.5);
        double[] ga = new double[p + 1];
        double va = f.valueAndGradient(a, ga);
        double[] gb = new double[p + 1];
        double vb = f.valueAndGradient(b, gb);
        double vaOnly = f.value(a);  // a value-only evaluation in between does not replace the kept one
        boolean[] sep = new boolean[1];
        double[] gb2 = new double[p + 1];
        double vb2 = f.binary(b.clone(), gb2, sep);
        assertEquals(vb, vb2, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(gb, gb2, 0.0);
        assertEquals(va, vaOnly, 0.0);
        double[] ga2 = new double[p + 1];
        double va2 = f.valueAndGradient(a, ga2);  // computed again (a is not the last point): the same bits
        assertEquals(va, va2, 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(ga, ga2, 0.0);
        // and a fresh objective agrees, as does the definition
        LogisticObjective fresh = LogisticObjective.withL2(x, y, s, 2, true, 0.5);
        boolean[] sepFresh = new boolean[1];
        double[] gFresh = new double[p + 1];
        assertEquals(vb, fresh.binary(b, gFresh, sepFresh), 0.0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(gb, gFresh, 0.0);
        assertEquals(sepFresh[0], sep[0]);
        double[] gRef = new double[p + 1];
        double ref = reference(x, y, s, true, 0.5, b, gRef)[0];
        assertEquals(ref, vb, 1e-10 * Math.abs(ref));
        for (int j = 0; j <= p; j++) {
            assertEquals(gRef[j], gb[j], 1e-9 * (1 + Math.abs(gRef[j])), "gradient " + j);
        }
    }

    @Test
    void branchFreeMisclassificationTestIsThePredictionRule() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-17, -1e-17, 0x1p-53, 0x1p-52, -0x1p-52, 1, -1, 745, -745, 800, -800};
        for (int t = 0; t < 200_000 + special.length; t++) {
            double z = t < special.length ? special[t] : (rnd.nextBoolean() ? 1 : -1) * Math.exp(60 * rnd.nextDouble() - 45);
            double e = Math.exp(-Math.abs(z));
            boolean one = z > 0 && Math.exp(-z) < 1;
            for (boolean pos : new boolean[] {false, true}) {
                for (double si : new double[] {0.0, -0.0, 1e-300, 2.5}) {
                    int expected = si > 0 && one != pos ? 1 : 0;
                    assertEquals(expected, LogisticObjective.wrong(z, e, pos, si), "z = " + z + ", pos = " + pos + ", s = " + si);
                }
            }
        }
    }
}
