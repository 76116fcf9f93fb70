package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.Fixtures;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The {@code lsqr} solver of {@link LinearRegression} and {@link Ridge} beyond the 8192-feature limit of the dense systems,
 * on a weighted 300 x 9000 sparse design (about 1% dense) rebuilt from a SplitMix64 stream
 * ({@code tools/gen_lsqr_wide_fixture.py}): against scikit-learn 1.2.1's {@code Ridge(solver='lsqr')} and the exact
 * ridge minimiser (a dense dual solve), against the minimum-norm least-squares solution (SVD) for OLS with
 * {@code p > n}, and the optimality conditions computed from the CSR matrix itself.
 */
class LsqrWideTest {

    static final Fixtures FX = Fixtures.load("lsqr_wide_sklearn.txt");

    /** SplitMix64 (Steele, Lea &amp; Flood 2014), the generator of the fixture script. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            state = seed;
        }

        long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    /** The fixture's 300 x 9000 design: per row 90 draws (column {@code next mod 9000}, value {@code 1 + u}), repeats summed. */
    static SparseMatrix design() {
        int n = 300;
        int p = 9000;
        SplitMix g = new SplitMix(20261202L);
        int[] ptr = new int[n + 1];
        int[] col = new int[n * 90];
        double[] val = new double[n * 90];
        int e = 0;
        for (int i = 0; i < n; i++) {
            TreeMap<Integer, Double> row = new TreeMap<>();
            for (int k = 0; k < 90; k++) {
                int j = (int) Long.remainderUnsigned(g.next(), p);
                double v = 1.0 + (g.next() >>> 11) * 0x1.0p-53;
                row.merge(j, v, Double::sum);
            }
            for (var en : row.entrySet()) {
                col[e] = en.getKey();
                val[e] = en.getValue();
                e++;
            }
            ptr[i + 1] = e;
        }
        return SparseMatrix.ofCsr(n, p, ptr, java.util.Arrays.copyOf(col, e), java.util.Arrays.copyOf(val, e));
    }

    static Dataset data() {
        SparseMatrix x = design();
        assertEquals((int) FX.scalar("nnz"), x.nnz(), "the rebuilt design's stored entries");
        double sum = 0;
        for (double v : x.values()) {
            sum += v;
        }
        assertEquals(FX.scalar("check_val_sum"), sum, 1e-10 * sum, "the rebuilt design's values");
        return Dataset.regression(x, FX.vector("y")).withWeights(FX.vector("w"));
    }

    /**
     * {@code max_j |g_j|} with {@code g = Xs'(ys - Xs beta) - alpha beta} (the gradient / -2 of the centred objective),
     * {@code Xs = diag(sqrt w)(X - 1 m')}, computed from the CSR entries, and the intercept condition
     * {@code sum_i w_i (y_i - b0 - x_i'beta)}.
     */
    static double[] optimality(SparseMatrix x, double[] y, double[] w, double[] beta, double b0, double alpha) {
        double[] xb = x.mvmul(beta);
        double[] wr = new double[y.length];
        double icpt = 0;
        for (int i = 0; i < y.length; i++) {
            wr[i] = w[i] * (y[i] - b0 - xb[i]);
            icpt += wr[i];
        }
        // with the intercept at its optimum, X~'W r = X'W r - m (1'W r) and 1'W r = 0
        double[] g = x.tmvmul(wr);
        double mx = 0;
        for (int j = 0; j < g.length; j++) {
            mx = Math.max(mx, Math.abs(g[j] - alpha * beta[j]));
        }
        return new double[] {mx, Math.abs(icpt)};
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static double[] at(double[] coef, double[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = coef[(int) idx[k]];
        }
        return out;
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void ridgeBeyond8192FeaturesMatchesScikitLearnAndTheExactMinimiser() {
        Dataset d = data();
        double alpha = FX.scalar("alpha");
        double[] idx = FX.vector("idx");
        double[] exact = FX.vector("ridge_exact_coef");
        double scale = maxAbs(exact);
        for (String solver : new String[] {"lsqr", "auto"}) {
            LinearModel m = Ridge.learner().alpha(alpha).solver(solver).tol(1e-12).fit(d);
            String what = "ridge solver " + solver + " (" + m.report() + ")";
            assertEquals("lsqr", m.solver(), what); // auto: beyond 8192 features on sparse data
            assertTrue(m.report().converged(), what);
            assertEquals(1.0, m.report().extra().get("sparse"));
            double[] b = m.coefficients();
            assertTrue(maxAbsDiff(at(b, idx), exact) < 1e-9 * scale, what + ": vs exact " + maxAbsDiff(at(b, idx), exact));
            assertEquals(FX.scalar("ridge_exact_b0"), m.intercept(), 1e-9 * Math.abs(FX.scalar("ridge_exact_b0")), what);
            assertEquals(FX.scalar("ridge_exact_norm"), norm(b), 1e-9 * FX.scalar("ridge_exact_norm"), what);
            double[] sk = FX.vector("ridge_sk_coef");
            assertTrue(maxAbsDiff(at(b, idx), sk) < 1e-9 * scale, what + ": vs scikit-learn " + maxAbsDiff(at(b, idx), sk));
            assertEquals(FX.scalar("ridge_sk_b0"), m.intercept(), 1e-9 * Math.abs(FX.scalar("ridge_sk_b0")), what);
            double[] pred = m.predict(d.sparseFeatures());
            double[] ref = FX.vector("ridge_exact_pred");
            assertTrue(maxAbsDiff(pred, ref) < 1e-9 * maxAbs(ref), what + ": predictions " + maxAbsDiff(pred, ref));
            double[] opt = optimality(d.sparseFeatures(), d.target(), d.weights(), b, m.intercept(), alpha);
            System.out.printf("lsqr ridge %s: %d iterations, coef vs exact %.2e, vs sklearn %.2e (max |coef| %.3g), gradient %.2e%n", solver,
                    m.report().iterations(), maxAbsDiff(at(b, idx), exact), maxAbsDiff(at(b, idx), sk), scale, opt[0]);
            // gradient against the size of its terms alpha ||beta||_inf
            assertTrue(opt[0] < 1e-9 * alpha * maxAbs(b) * 100 && opt[1] < 1e-9, what + ": gradient " + opt[0] + ", intercept " + opt[1]);
        }
    }

    @Test
    void olsBeyond8192FeaturesIsTheMinimumNormSolution() {
        // p = 9000 > n = 300: infinitely many least-squares solutions (all interpolate); LSQR from 0 stays in the row space
        // of the centred design and so returns the minimum-norm one, which the SVD gives (np.linalg.lstsq)
        Dataset d = data();
        double[] idx = FX.vector("idx");
        double[] ref = FX.vector("ols_minnorm_coef");
        double scale = maxAbs(ref);
        for (String solver : new String[] {"auto", "lsqr"}) {
            LinearModel m = LinearRegression.learner().solver(solver).fit(d);
            String what = "ols solver " + solver + " (" + m.report() + ")";
            assertEquals("lsqr", m.solver(), what);
            assertTrue(m.report().converged(), what);
            double[] b = m.coefficients();
            assertTrue(maxAbsDiff(at(b, idx), ref) < 1e-8 * scale, what + ": vs minimum norm " + maxAbsDiff(at(b, idx), ref)
                    + " (scikit-learn's LinearRegression at scipy's default tol: " + FX.scalar("ols_sk_dev") + ")");
            assertEquals(FX.scalar("ols_minnorm_b0"), m.intercept(), 1e-8 * Math.abs(FX.scalar("ols_minnorm_b0")), what);
            assertEquals(FX.scalar("ols_minnorm_norm"), norm(b), 1e-8 * FX.scalar("ols_minnorm_norm"), what);
            double[] pred = m.predict(d.sparseFeatures());
            double[] y = d.target();
            assertTrue(maxAbsDiff(pred, y) < 1e-8 * maxAbs(y), what + ": interpolation " + maxAbsDiff(pred, y));
            double[] opt = optimality(d.sparseFeatures(), y, d.weights(), b, m.intercept(), 0);
            System.out.printf("lsqr ols %s: %d iterations, coef vs minimum norm %.2e (max |coef| %.3g), interpolation %.2e, normal eq %.2e%n",
                    solver, m.report().iterations(), maxAbsDiff(at(b, idx), ref), scale, maxAbsDiff(pred, y), opt[0]);
            assertTrue(opt[0] < 1e-8 && opt[1] < 1e-8, what + ": normal equations " + opt[0] + ", intercept " + opt[1]);
        }
        // the dense-system solvers refuse with the limit named
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.learner().solver("normal").fit(d));
        assertTrue(e.getMessage().contains("8192"), e.getMessage());
    }

    @Test
    void sameBitsWhateverTheThreadCount() {
        // 20000 x 9000 with ~100k stored entries: above SparseMatrix's parallel threshold (65536), so the products with X
        // and its transpose run on several threads
        Dataset d = SparseTestData.tall(20_000, 9000, 11, 0, 0.1);
        assertTrue(d.sparseFeatures().nnz() > 1 << 16);
        int before = dev.derive.runtime.Parallelism.threads();
        try {
            LinearModel[] ridge = new LinearModel[3];
            LinearModel[] ols = new LinearModel[3];
            for (int t = 1; t <= 3; t++) {
                dev.derive.runtime.Parallelism.setThreads(t);
                ridge[t - 1] = Ridge.learner().alpha(0.5).solver("lsqr").tol(1e-10).fit(d);
                ols[t - 1] = LinearRegression.learner().solver("lsqr").fit(d);
            }
            for (int t = 1; t < 3; t++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(ridge[0].coefficients(), ridge[t].coefficients(), "ridge, threads " + (t + 1));
                assertEquals(ridge[0].intercept(), ridge[t].intercept(), 0);
                org.junit.jupiter.api.Assertions.assertArrayEquals(ols[0].coefficients(), ols[t].coefficients(), "ols, threads " + (t + 1));
                assertEquals(ols[0].intercept(), ols[t].intercept(), 0);
            }
            assertTrue(ols[0].report().converged(), ols[0].report().toString());
        } finally {
            dev.derive.runtime.Parallelism.setThreads(before);
        }
    }

    @Test
    void multiOutputIsOneSolvePerTarget() {
        Dataset d = data();
        double[] y0 = d.target();
        Matrix y = Matrix.zeros(y0.length, 2);
        for (int i = 0; i < y0.length; i++) {
            y.set(i, 0, y0[i]);
            y.set(i, 1, 1 - 0.5 * y0[i] + Math.sin(i));
        }
        for (String kind : new String[] {"ridge", "ols"}) {
            MultiOutputLinearModel mm = kind.equals("ridge")
                    ? Ridge.learner().alpha(2).tol(1e-12).fitMulti(d, y, List.of("a", "b"))
                    : LinearRegression.learner().fitMulti(d, y, List.of("a", "b"));
            assertEquals("lsqr", mm.solver(), kind);
            for (int t = 0; t < 2; t++) {
                Dataset dt = Dataset.regression(d.sparseFeatures(), y.columnArray(t)).withWeights(d.weights());
                LinearModel single = kind.equals("ridge") ? Ridge.learner().alpha(2).tol(1e-12).fit(dt) : LinearRegression.learner().fit(dt);
                for (int j = 0; j < 9000; j += 7) {
                    assertEquals(single.coefficients()[j], mm.coefficients().get(j, t), 0, kind + " target " + t + " coef " + j);
                }
                assertEquals(single.intercept(), mm.intercepts()[t], 0, kind + " target " + t);
            }
        }
    }
}
