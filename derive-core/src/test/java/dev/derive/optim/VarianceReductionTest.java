package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.linalg.Matrix;
import dev.derive.optim.prox.Prox;
import dev.derive.optim.prox.ProximalFunction;
import dev.derive.optim.vr.Katyusha;
import dev.derive.optim.vr.SAGA;
import dev.derive.optim.vr.SVRG;
import dev.derive.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * SVRG, SAGA and Katyusha ({@code dev.derive.optim.vr}) on L2 logistic regression (breast cancer, bundled,
 * standardised as in {@code optim_logistic.txt}) and ridge / lasso least squares (diabetes, {@code optim_vr.txt},
 * scikit-learn 1.2.1 references from {@code tools/gen_vr_fixtures.py}): optimum values to 1e-8, linear convergence,
 * SAGA + L1 prox against FISTA, determinism and bad input.
 */
class VarianceReductionTest {

    /** Ridge or plain least squares: f_i(w) = (x_i'w - y_i)^2 / 2 + lam ||w||^2 / 2. */
    static final class LeastSquares implements FiniteSumObjective {
        final double[][] x;
        final double[] y;
        final double lam;

        LeastSquares(double[][] x, double[] y, double lam) {
            this.x = x;
            this.y = y;
            this.lam = lam;
        }

        @Override
        public int size() {
            return x.length;
        }

        @Override
        public int dimension() {
            return x[0].length;
        }

        @Override
        public double componentValueAndGradient(int i, double[] w, double[] g) {
            double r = -y[i];
            double ww = 0;
            for (int j = 0; j < w.length; j++) {
                r += x[i][j] * w[j];
                ww += w[j] * w[j];
            }
            for (int j = 0; j < w.length; j++) {
                g[j] = r * x[i][j] + lam * w[j];
            }
            return r * r / 2 + lam * ww / 2;
        }

        /** The largest component smoothness max_i ||x_i||^2 + lam. */
        double lmax() {
            double m = 0;
            for (double[] r : x) {
                double s = 0;
                for (double v : r) {
                    s += v * v;
                }
                m = Math.max(m, s);
            }
            return m + lam;
        }
    }

    static double[][] rows(Matrix m, double[] mean, double[] scale) {
        double[][] r = new double[m.rows()][m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                r[i][j] = (m.get(i, j) - mean[j]) / scale[j];
            }
        }
        return r;
    }

    static final Fixtures VR = Fixtures.load("optim_vr.txt");

    static LeastSquares diabetes(double lam) {
        Dataset ds = Datasets.dataset("diabetes");
        double[] t = ds.target();
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            y[i] = (t[i] - VR.scalar("ymean")) / VR.scalar("yscale");
        }
        return new LeastSquares(rows(ds.features(), VR.vector("mean"), VR.vector("scale")), y, lam);
    }

    static TestProblems.Logistic breastCancer(String tag) {
        Fixtures fx = Fixtures.load("optim_logistic.txt");
        Dataset ds = Datasets.dataset("breast_cancer");
        int malignant = ds.classes().indexOf("malignant");
        assertTrue(malignant >= 0, ds.classes().toString());
        int[] labels = ds.labels();
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i] == malignant ? 1 : 0;
        }
        return new TestProblems.Logistic(rows(ds.features(), fx.vector("mean"), fx.vector("scale")), y,
                fx.scalar("C_" + tag));
    }

    /** max_i (||x_i||^2 + 1)/4 + 1/(C n): the components' smoothness (intercept included). */
    static double lmax(TestProblems.Logistic f) {
        double m = 0;
        for (double[] r : f.x) {
            double s = 1;
            for (double v : r) {
                s += v * v;
            }
            m = Math.max(m, s);
        }
        return m / 4 + 1 / (f.c * f.n);
    }

    static StopCriteria epochs(int k) {
        return new StopCriteria(k, Integer.MAX_VALUE, 1e-10, 0, 0, true);
    }

    static Map<String, BiFunction<FiniteSumObjective, double[], OptimResult>> methods(double lmax, double mu, int k) {
        Map<String, BiFunction<FiniteSumObjective, double[], OptimResult>> m = new LinkedHashMap<>();
        m.put("SVRG", (f, x0) -> SVRG.of(1 / lmax).withSeed(1).withStop(epochs(k)).minimize(f, x0));
        m.put("SAGA", (f, x0) -> SAGA.forSmoothness(lmax).withSeed(2).withStop(epochs(k)).minimize(f, x0));
        m.put("Katyusha", (f, x0) -> Katyusha.of(lmax, mu).withSeed(3).withStop(epochs(k)).minimize(f, x0));
        return m;
    }

    /**
     * C = 0.1 (kappa = L_max / mu ~ 6e3) for all three; C = 1 (kappa ~ 6e4) for Katyusha only, whose accelerated rate
     * {@code sqrt(kappa n)} is what makes 300 epochs enough there (SVRG and SAGA need thousands).
     */
    @Test
    void logisticRegressionOnBreastCancerReachesTheOptimum() {
        for (String tag : new String[] {"c01", "c1"}) {
            TestProblems.Logistic f = breastCancer(tag);
            double fmin = Fixtures.load("optim_logistic.txt").scalar("fmin_" + tag);
            OptimResult ref = LBFGS.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-10))
                    .minimize(f, new double[f.dimension()], IterationObserver.NONE);
            assertEquals(fmin, ref.value(), 1e-14, "L-BFGS " + ref);
            double mu = 1 / (f.c * f.n);
            for (var e : methods(lmax(f), mu, 300).entrySet()) {
                if (tag.equals("c1") && !e.getKey().equals("Katyusha")) {
                    continue;
                }
                OptimResult r = e.getValue().apply(f, new double[f.dimension()]);
                assertTrue(r.value() - fmin <= 1e-8, e.getKey() + " " + tag + ": F - F* = " + (r.value() - fmin)
                        + "; " + r);
                assertTrue(r.value() - fmin >= -1e-14, e.getKey() + " " + tag + " below the optimum: " + r);
                System.out.printf("%s %s: %d epochs, F - F* = %.2e, %d component gradients%n", e.getKey(), tag,
                        r.iterations(), r.value() - fmin, r.gradientEvaluations());
            }
        }
    }

    @Test
    void ridgeOnDiabetesReachesTheClosedFormOptimum() {
        double lam = VR.scalar("ridge_lam");
        LeastSquares f = diabetes(lam);
        double fmin = VR.scalar("ridge_fmin");
        double[] coef = VR.vector("ridge_coef");
        assertEquals(fmin, f.value(coef), 1e-15);
        OptimResult ref = LBFGS.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-12))
                .minimize(f, new double[10], IterationObserver.NONE);
        assertEquals(fmin, ref.value(), 1e-14, "L-BFGS " + ref);
        for (var e : methods(f.lmax(), lam, 300).entrySet()) {
            OptimResult r = e.getValue().apply(f, new double[10]);
            assertTrue(r.value() - fmin <= 1e-8 && r.value() - fmin >= -1e-14, e.getKey() + ": F - F* = "
                    + (r.value() - fmin) + "; " + r);
            // strong convexity lam: ||w - w*||^2 <= 2 (F - F*) / lam
            assertTrue(TestProblems.relErr(r.solution(), coef) <= Math.sqrt(2 * (Math.max(r.value() - fmin, 0) + 1e-15) / lam), e.getKey());
        }
    }

    /**
     * On the strongly convex ridge problem the suboptimality falls geometrically per epoch: over the asymptotic range
     * {@code 1e-12 < F_k - F* < 1e-3}, the log of the upper envelope of F_k - F* is close to a line (every point within a factor e^2 of the
     * least-squares fit) of slope below -0.3 per epoch (a sublinear O(1/k) rate would bend away from any line).
     */
    @Test
    void convergenceIsLinearOnAStronglyConvexProblem() {
        double lam = VR.scalar("ridge_lam");
        LeastSquares f = diabetes(lam);
        double fmin = VR.scalar("ridge_fmin");
        for (var e : methods(f.lmax(), lam, 1000).entrySet()) {
            double[] traj = e.getValue().apply(f, new double[10]).trajectory();
            int end = 0;
            while (end < traj.length && traj[end] - fmin > 1e-12) {
                end++;
            }
            // the upper envelope u_k = max_{k <= j < end} (F_j - F*): R-linear convergence (u_k <= C rho^k) is what
            // the theorems promise; Katyusha, like every accelerated method, is not monotone
            double[] env = new double[end];
            for (int k = end - 1; k >= 0; k--) {
                env[k] = Math.max(traj[k] - fmin, k + 1 < end ? env[k + 1] : 0);
            }
            List<double[]> pts = new ArrayList<>();
            for (int k = 0; k < end; k++) {
                if (env[k] < 1e-3) {
                    pts.add(new double[] {k, Math.log(env[k])});
                }
            }
            assertTrue(pts.size() >= 6, e.getKey() + ": only " + pts.size() + " epochs above 1e-12");
            double[] fit = lineFit(pts);
            double worst = 0;
            for (double[] p : pts) {
                worst = Math.max(worst, Math.abs(p[1] - fit[0] - fit[1] * p[0]));
            }
            System.out.printf("%s: slope %.3f per epoch over %d epochs, max residual %.2f%n", e.getKey(), fit[1],
                    pts.size(), worst);
            assertTrue(fit[1] < -0.3, e.getKey() + ": slope " + fit[1]);
            assertTrue(worst < 2, e.getKey() + ": log suboptimality strays " + worst + " from a line");
        }
    }

    /** Least-squares line (intercept, slope) through the points. */
    static double[] lineFit(List<double[]> pts) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = pts.size();
        for (double[] p : pts) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        return new double[] {(sy - slope * sx) / m, slope};
    }

    @Test
    void sagaWithL1ProxMatchesFistaOnTheLasso() {
        double alpha = VR.scalar("lasso_alpha");
        LeastSquares f = diabetes(0);
        ProximalFunction l1 = Prox.l1(alpha);
        double fmin = VR.scalar("lasso_fmin");
        OptimResult fista = ProximalGradient.fista().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-12)
                .withMaxIterations(100_000)).minimize(new CompositeObjective(f, l1), new double[10]);
        assertTrue(fista.converged(), fista.toString());
        assertEquals(fmin, fista.value(), 1e-12, "FISTA against scikit-learn");
        OptimResult saga = SAGA.forSmoothness(f.lmax()).withSeed(4).withStop(epochs(2000).withGradientTolerance(1e-9))
                .minimize(f, l1, new double[10], IterationObserver.NONE);
        assertEquals(fista.value(), saga.value(), 1e-7, saga.toString());
        assertTrue(TestProblems.relErr(saga.solution(), fista.solution()) < 1e-5, saga.toString());
        double[] sol = saga.solution();
        double[] coef = VR.vector("lasso_coef");
        for (int j = 0; j < 10; j++) { // the prox gives exact zeros where scikit-learn has them
            if (coef[j] == 0) {
                assertEquals(0.0, sol[j], "coefficient " + j);
            }
        }
        OptimResult svrg = SVRG.of(1 / (4 * f.lmax())).withSeed(5).withStop(epochs(2000).withGradientTolerance(1e-9))
                .minimize(f, l1, new double[10], IterationObserver.NONE);
        assertEquals(fista.value(), svrg.value(), 1e-7, svrg.toString());
    }

    /** Elastic net (ridge in the smooth part, L1 as the prox): all three proximal variants agree with FISTA. */
    @Test
    void proximalVariantsAgreeWithFistaOnTheElasticNet() {
        double lam = 0.05;
        LeastSquares f = diabetes(lam);
        ProximalFunction l1 = Prox.l1(VR.scalar("lasso_alpha"));
        OptimResult fista = ProximalGradient.fistaWithRestart().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-12)
                .withMaxIterations(100_000)).minimize(new CompositeObjective(f, l1), new double[10]);
        assertTrue(fista.converged(), fista.toString());
        double lmax = f.lmax();
        Map<String, OptimResult> runs = new LinkedHashMap<>();
        runs.put("SVRG", SVRG.of(1 / lmax).withSeed(6).withStop(epochs(300)).minimize(f, l1, new double[10],
                IterationObserver.NONE));
        runs.put("SAGA", SAGA.forSmoothness(lmax).withSeed(7).withStop(epochs(300)).minimize(f, l1, new double[10],
                IterationObserver.NONE));
        runs.put("Katyusha", Katyusha.of(lmax, lam).withSeed(8).withStop(epochs(300)).minimize(f, l1, new double[10],
                IterationObserver.NONE));
        for (var e : runs.entrySet()) {
            OptimResult r = e.getValue();
            assertTrue(r.value() - fista.value() <= 1e-10 && r.value() - fista.value() >= -1e-13, e.getKey() + ": "
                    + (r.value() - fista.value()) + "; " + r);
            // strong convexity lam: ||x - x*|| <= sqrt(2 (F - F*) / lam), plus FISTA's own error
            assertTrue(TestProblems.relErr(r.solution(), fista.solution()) < 1e-4, e.getKey());
        }
    }

    @Test
    void deterministicForASeed() {
        LeastSquares f = diabetes(0.05);
        for (var e : methods(f.lmax(), 0.05, 5).entrySet()) {
            OptimResult a = e.getValue().apply(f, new double[10]);
            OptimResult b = e.getValue().apply(f, new double[10]);
            assertArrayEquals(a.solution(), b.solution(), e.getKey());
            assertArrayEquals(a.trajectory(), b.trajectory(), e.getKey());
            assertEquals(5, a.iterations());
            assertEquals(StopReason.MAX_ITERATIONS, a.stopReason());
        }
        double[] s1 = SAGA.of(0.01).withSeed(1).withStop(epochs(3)).minimize(f, new double[10]).solution();
        double[] s2 = SAGA.of(0.01).withSeed(2).withStop(epochs(3)).minimize(f, new double[10]).solution();
        assertTrue(TestProblems.relErr(s1, s2) > 0, "different seeds draw different components");
    }

    @Test
    void countsAndBudgets() {
        LeastSquares f = diabetes(0.05);
        int n = f.size();
        OptimResult r = SVRG.of(0.01).withStop(epochs(2)).minimize(f, new double[10]);
        assertEquals(n + 2 * (2 * (2 * n) + n), r.gradientEvaluations()); // start, then per epoch 2m inner + n full
        OptimResult b = SVRG.of(0.01).withStop(epochs(100).withMaxEvaluations(10 * n)).minimize(f, new double[10]);
        assertEquals(StopReason.MAX_EVALUATIONS, b.stopReason(), b.toString());
        assertEquals(2, b.iterations()); // n at the start + 5n per epoch: 11n >= 10n after epoch 2
        OptimResult o = SAGA.of(0.01).withStop(epochs(100)).minimize(f, null, new double[10], (k, x, v, g) -> k < 4);
        assertEquals(StopReason.OBSERVER_STOPPED, o.stopReason());
        assertEquals(4, o.iterations());
    }

    @Test
    void nonFiniteAndBadInput() {
        LeastSquares f = diabetes(0.05);
        double[] x0 = new double[10];
        for (OptimResult r : List.of(SVRG.of(100).minimize(f, x0), SAGA.of(100).minimize(f, x0),
                Katyusha.of(1e-3, 1e-4).minimize(f, x0))) {
            assertEquals(StopReason.NON_FINITE, r.stopReason(), r.toString());
            for (double v : r.solution()) {
                assertTrue(Double.isFinite(v), r.toString());
            }
            assertTrue(Double.isFinite(r.value()), r.toString());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SVRG.of(-1)).getMessage().contains("learningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SAGA.of(Double.NaN)).getMessage()
                .contains("learningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Katyusha.of(1, 2)).getMessage()
                .contains("strongConvexity"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SVRG.of(1).withInnerSteps(-1)).getMessage()
                .contains("innerSteps"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SVRG.of(1).minimize(f, new double[3]))
                .getMessage().contains("length 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SAGA.of(1).minimize(f,
                new double[] {0, 0, 0, Double.NaN, 0, 0, 0, 0, 0, 0})).getMessage().contains("index 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SAGA.of(1).minimize(f,
                Prox.nonNegative(3), x0, IterationObserver.NONE)).getMessage().contains("dimension"));
    }
}
