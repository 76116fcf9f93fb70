package dev.derive.optim;

import static dev.derive.optim.TestProblems.relErr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS-B: the KKT conditions of the bound-constrained problem at its answer (for a strictly convex
 * objective they identify the unique minimiser), agreement with an independent projected-gradient solution,
 * known constrained minimisers, the unconstrained case, and the guarantee that the objective is only evaluated
 * inside the box.
 */
class LBFGSBTest {

    /**
     * KKT for min f s.t. l <= x <= u: feasibility and, per coordinate, g_i = 0 if l_i < x_i < u_i, g_i >= 0 at a
     * lower bound, g_i <= 0 at an upper bound (to tol).
     */
    static void assertKkt(SmoothObjective f, Bounds b, double[] x, double tol) {
        assertTrue(b.contains(x), "feasible");
        double[] g = new double[x.length];
        f.valueAndGradient(x, g);
        for (int i = 0; i < x.length; i++) {
            boolean atLo = x[i] == b.lower(i);
            boolean atHi = x[i] == b.upper(i);
            if (atLo && atHi) {
                continue;
            }
            if (atLo) {
                assertTrue(g[i] >= -tol, "at lower bound " + i + ": g = " + g[i]);
            } else if (atHi) {
                assertTrue(g[i] <= tol, "at upper bound " + i + ": g = " + g[i]);
            } else {
                assertEquals(0, g[i], tol, "free coordinate " + i);
            }
        }
    }

    /** Projected gradient descent with step 1/L for a quadratic: an independent reference. */
    static double[] projectedGradient(Quadratic q, Bounds b, double lipschitz, int iters) {
        int n = q.dimension();
        double[] x = b.project(new double[n]);
        double[] g = new double[n];
        for (int k = 0; k < iters; k++) {
            q.valueAndGradient(x, g);
            for (int i = 0; i < n; i++) {
                x[i] -= g[i] / lipschitz;
            }
            b.project(x, x);
        }
        return x;
    }

    @Property(tries = 40, seed = "777")
    void boundConstrainedQuadraticsSatisfyKkt(@ForAll @IntRange(min = 2, max = 30) int n,
                                              @ForAll @IntRange(min = 0, max = 4) int logKappa, @ForAll long seed) {
        double kappa = Math.pow(10, logKappa);
        Quadratic q = TestProblems.quadratic(n, 1, kappa, seed);
        // the unconstrained minimiser has entries in [-1, 1]; the box cuts through it
        SplittableRandom rng = new SplittableRandom(seed);
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            switch (rng.nextInt(4)) {
                case 0 -> { lo[i] = -0.3; hi[i] = 0.4; }
                case 1 -> { lo[i] = Double.NEGATIVE_INFINITY; hi[i] = rng.nextDouble() - 0.5; }
                case 2 -> { lo[i] = rng.nextDouble() - 0.5; hi[i] = Double.POSITIVE_INFINITY; }
                default -> { lo[i] = Double.NEGATIVE_INFINITY; hi[i] = Double.POSITIVE_INFINITY; }
            }
        }
        Bounds b = new Bounds(lo, hi);
        double[] x0 = new double[n];
        Arrays.fill(x0, 5);
        OptimResult r = LBFGSB.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-10).withMaxIterations(5000))
                .minimize(q, b, x0);
        if (kappa <= 100) {
            assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        } else {
            // at the constrained optimum f > 0 is a sum of terms up to kappa * |e|^2 that cancel, so its rounding
            // error (~ kappa * eps) can hide the last decreases: the line search may stop first, but not far off
            assertTrue(r.stopReason() == StopReason.GRADIENT_TOLERANCE
                    || (r.stopReason() == StopReason.NO_PROGRESS && r.gradientNorm() <= 1e-6), r.toString());
        }
        // |P(x - g) - x| <= tol implies KKT to tol per coordinate
        assertKkt(q, b, r.solution(), Math.max(1e-9, 2 * r.gradientNorm()));
        if (kappa <= 100) {
            double[] ref = projectedGradient(q, b, kappa, 20_000);
            // strong convexity (mu = 1): |x - x*| <= |projected gradient residual| ~ 1e-10
            assertTrue(relErr(r.solution(), ref) < 1e-8, "vs projected gradient: " + relErr(r.solution(), ref));
        }
    }

    @Test
    void rosenbrockWithAnActiveUpperBound() {
        // min Rosenbrock s.t. x_0 <= 0.5: the valley y = x^2 meets the bound at (0.5, 0.25)
        Bounds b = new Bounds(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, new double[] {0.5, 10});
        OptimResult r = LBFGSB.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-10))
                .minimize(new Rosenbrock(2), b, new double[] {-1.2, 1});
        assertTrue(r.converged(), r.toString());
        assertEquals(0.5, r.solution()[0], 0);
        assertEquals(0.25, r.solution()[1], 1e-10);
        assertEquals(0.25, r.value(), 1e-12);
        assertKkt(new Rosenbrock(2), b, r.solution(), 1e-9);
    }

    @Test
    void unconstrainedProblemsReachTheMinimiser() {
        Rosenbrock f = new Rosenbrock(10);
        OptimResult r = LBFGSB.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-10))
                .minimize(f, Bounds.unbounded(10), new double[10]);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        assertTrue(relErr(r.solution(), f.minimizer()) < 1e-8);
        // bounds that are not active at the minimiser change nothing
        OptimResult rb = LBFGSB.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-10))
                .minimize(f, Bounds.box(10, -2, 2), new double[10]);
        assertTrue(relErr(rb.solution(), f.minimizer()) < 1e-8, rb.toString());
    }

    @Test
    void nonNegativeLogisticRegressionOnBreastCancer() {
        TestProblems.Logistic f = TestProblems.breastCancer("c1");
        int d = f.dimension();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        lo[d - 1] = Double.NEGATIVE_INFINITY; // free intercept
        Bounds b = new Bounds(lo, hi);
        OptimResult r = LBFGSB.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-9))
                .minimize(f, b, new double[d]);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        assertKkt(f, b, r.solution(), 1e-8);
        long atZero = Arrays.stream(r.solution()).limit(d - 1).filter(v -> v == 0).count();
        assertTrue(atZero > 0 && atZero < d - 1, "some weights are clamped at 0, some are not: " + atZero);
        assertTrue(r.value() > TestProblems.fmin("c1"), "the constrained optimum is worse than the unconstrained one");
    }

    @Test
    void evaluatesOnlyInsideTheBox() {
        // x - log x is NaN below 0 and +inf at 0; on [0, 0.5]^n the minimiser is the upper corner 0.5
        int n = 4;
        TwiceDifferentiableObjective barrier = TestProblems.logBarrier(n);
        double[] minSeen = {Double.POSITIVE_INFINITY};
        SmoothObjective watched = new SmoothObjective() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double value(double[] x) {
                return valueAndGradient(x, new double[n]);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                for (double v : x) {
                    minSeen[0] = Math.min(minSeen[0], v);
                }
                return barrier.valueAndGradient(x, g);
            }
        };
        Bounds b = Bounds.box(n, 1e-8, 0.5);
        OptimResult r = LBFGSB.defaults().minimize(watched, b, new double[] {0.01, 0.3, 7, -3});
        assertTrue(r.converged(), r.toString());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, r.solution(), 0);
        assertTrue(minSeen[0] >= 1e-8, "evaluated outside the box at " + minSeen[0]);
    }

    @Test
    void badInput() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> LBFGSB.defaults().minimize(new Rosenbrock(3), Bounds.unbounded(2), new double[3]));
        assertTrue(e.getMessage().contains("bounds have 2 coordinates") && e.getMessage().contains("dimension 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LBFGSB.defaults().withMemory(-2));
        assertTrue(e.getMessage().contains("memory must be >= 1, got -2"), e.getMessage());
        OptimResult r = LBFGSB.defaults().minimize(TestProblems.poisoned(new Rosenbrock(2), 0), Bounds.unbounded(2), new double[2]);
        assertEquals(StopReason.NON_FINITE, r.stopReason());
        assertEquals(0, r.iterations());
        OptimResult later = LBFGSB.defaults().minimize(TestProblems.poisoned(new Rosenbrock(2), 6), Bounds.box(2, -2, 2),
                new double[] {-1.2, 1});
        assertEquals(StopReason.NON_FINITE, later.stopReason(), later.toString());
        assertTrue(Double.isFinite(later.value()));
    }
}
