package dev.derive.optim;

import static dev.derive.optim.TestProblems.relErr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Gradient descent, Newton, trust-region Newton, BFGS and L-BFGS: minimisers of quadratics with chosen
 * condition numbers, Rosenbrock, L2 logistic regression on breast cancer (against scikit-learn), local
 * rates (GD's (1 - 1/kappa) with step 1/L is in {@link FirstOrderRatesTest}; Newton's quadratic rate here),
 * non-finite objectives and bad input.
 */
class DeterministicMethodsTest {

    static final StopCriteria TIGHT = StopCriteria.DEFAULT.withGradientTolerance(1e-10).withMaxIterations(5000);

    /** Every method as a function (objective, x0) -> result. */
    static Map<String, BiFunction<TwiceDifferentiableObjective, double[], OptimResult>> methods(StopCriteria stop) {
        Map<String, BiFunction<TwiceDifferentiableObjective, double[], OptimResult>> m = new LinkedHashMap<>();
        m.put("Newton", (f, x) -> Newton.defaults().withStop(stop).minimize(f, x));
        m.put("Newton+Wolfe", (f, x) -> Newton.defaults().withLineSearch(StrongWolfe.defaults()).withStop(stop).minimize(f, x));
        m.put("TrustRegionNewton", (f, x) -> TrustRegionNewton.defaults().withStop(stop).minimize(f, x));
        m.put("TrustRegionNewton(Hv only)", (f, x) -> TrustRegionNewton.defaults().withStop(stop).minimize(hvOnly(f), x));
        m.put("BFGS", (f, x) -> BFGS.defaults().withStop(stop).minimize(f, x));
        m.put("LBFGS", (f, x) -> LBFGS.defaults().withStop(stop).minimize(f, x));
        m.put("LBFGS(m=3)+Armijo", (f, x) -> LBFGS.defaults().withMemory(3).withLineSearch(ArmijoBacktracking.defaults())
                .withStop(stop).minimize(f, x));
        return m;
    }

    /** Hides the explicit Hessian so the trust region uses Hessian-vector products. */
    static HessianVectorObjective hvOnly(TwiceDifferentiableObjective f) {
        return new HessianVectorObjective() {
            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                f.hessianVector(x, v, out);
            }

            @Override
            public int dimension() {
                return f.dimension();
            }

            @Override
            public double value(double[] x) {
                return f.value(x);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                return f.valueAndGradient(x, g);
            }
        };
    }

    @Test
    void quadraticsOfChosenConditionNumbers() {
        for (double kappa : new double[] {1, 100, 1e4}) {
            Quadratic q = TestProblems.quadratic(20, 0.5, kappa, 7);
            double[] xs = q.minimizer();
            double[] x0 = new double[20];
            for (var e : methods(TIGHT).entrySet()) {
                OptimResult r = e.getValue().apply(q, x0);
                assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), e.getKey() + " kappa " + kappa + ": " + r);
                // ||x - x*|| <= ||g|| / mu
                assertTrue(relErr(r.solution(), xs) <= 1e-10 / 0.5, e.getKey() + " kappa " + kappa + ": " + relErr(r.solution(), xs));
                if (e.getKey().startsWith("Newton")) {
                    assertEquals(1, r.iterations(), "Newton solves a quadratic in one step");
                }
            }
            if (kappa <= 100) {
                OptimResult gd = GradientDescent.defaults().withStop(TIGHT.withMaxIterations(100_000)).minimize(q, x0);
                assertEquals(StopReason.GRADIENT_TOLERANCE, gd.stopReason(), gd.toString());
                assertTrue(relErr(gd.solution(), xs) <= 2e-10, "GD kappa " + kappa);
            }
        }
    }

    /**
     * With exact line searches BFGS terminates on an n-dimensional quadratic in at most n steps (Nocedal &amp; Wright,
     * Theorem 6.4 via conjugate directions); with a tight Wolfe search (c2 = 0.1) it stays close to that, which a
     * wrong update would not (steepest descent needs hundreds of steps at kappa = 1e4).
     */
    @Test
    void bfgsNearlyTerminatesOnAQuadraticWithATightLineSearch() {
        Quadratic q = TestProblems.quadratic(20, 1, 1e4, 7);
        StopCriteria st = StopCriteria.DEFAULT.withGradientTolerance(1e-8).withMaxIterations(5000);
        OptimResult b = BFGS.defaults().withLineSearch(new StrongWolfe(1e-4, 0.1, 40)).withStop(st).minimize(q, new double[20]);
        assertEquals(StopReason.GRADIENT_TOLERANCE, b.stopReason());
        assertTrue(b.iterations() <= 30, "BFGS took " + b.iterations() + " iterations on a 20-dimensional quadratic");
        OptimResult l = LBFGS.defaults().withMemory(20).withLineSearch(new StrongWolfe(1e-4, 0.1, 40)).withStop(st)
                .minimize(q, new double[20]);
        assertTrue(l.iterations() <= 30, "L-BFGS with m = n took " + l.iterations());
    }

    @Test
    void rosenbrock() {
        for (int n : new int[] {2, 10}) {
            Rosenbrock f = new Rosenbrock(n);
            // n = 2 from (-1.2, 1); n = 10 from 0 (from (-1.2, 1, -1.2, ...) Newton reaches the local minimiser
            // near (-1, 1, ..., 1), see chainedRosenbrockHasALocalMinimiser)
            double[] x0 = n == 2 ? TestProblems.rosenbrockStart(2) : new double[n];
            for (var e : methods(TIGHT).entrySet()) {
                OptimResult r = e.getValue().apply(f, x0);
                assertTrue(r.converged(), e.getKey() + " n=" + n + ": " + r);
                assertTrue(relErr(r.solution(), f.minimizer()) < 1e-8, e.getKey() + " n=" + n + ": " + r);
            }
        }
        // steepest descent crawls along the valley: thousands of iterations for 1e-4
        OptimResult gd = GradientDescent.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-6)
                .withMaxIterations(200_000)).minimize(new Rosenbrock(2), TestProblems.rosenbrockStart(2));
        assertEquals(StopReason.GRADIENT_TOLERANCE, gd.stopReason(), gd.toString());
        assertTrue(relErr(gd.solution(), new double[] {1, 1}) < 1e-4, gd.toString());
        assertTrue(gd.iterations() > 1000, "GD needs many iterations on Rosenbrock: " + gd.iterations());
        OptimResult gdw = GradientDescent.defaults().withLineSearch(new StrongWolfe(1e-4, 0.1, 40))
                .withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-6).withMaxIterations(200_000))
                .minimize(new Rosenbrock(2), TestProblems.rosenbrockStart(2));
        assertTrue(relErr(gdw.solution(), new double[] {1, 1}) < 1e-4, gdw.toString());
    }

    @Test
    void chainedRosenbrockHasALocalMinimiser() {
        Rosenbrock f = new Rosenbrock(10);
        OptimResult r = Newton.defaults().withStop(TIGHT).minimize(f, TestProblems.rosenbrockStart(10));
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason());
        assertEquals(3.98657911, r.value(), 1e-8, "the known local minimum value for n >= 4");
        assertTrue(r.solution()[0] < -0.9);
        dev.derive.linalg.Matrix h = dev.derive.linalg.Matrix.zeros(10, 10);
        f.hessian(r.solution(), h);
        dev.derive.linalg.Cholesky.of(h); // positive definite: a strict local minimiser, not a saddle
    }

    @Test
    void logisticRegressionOnBreastCancerMatchesScikitLearn() {
        for (String tag : new String[] {"c1", "c01"}) {
            TestProblems.Logistic f = TestProblems.breastCancer(tag);
            double[] expected = TestProblems.sklearnSolution(tag);
            double fmin = TestProblems.fmin(tag);
            for (var e : methods(StopCriteria.DEFAULT.withGradientTolerance(1e-9).withMaxIterations(20_000)).entrySet()) {
                OptimResult r = e.getValue().apply(f, new double[f.dimension()]);
                assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), e.getKey() + " " + tag + ": " + r);
                // strong convexity: |theta - theta*| <= |g| / lambda_min(H); lambda_min >= 1/(C n) on w, and the
                // fixture's Newton solution shows lambda_min(H*) >= 1e-3, so 1e-9 / 1e-3 = 1e-6 bounds the error
                double err = relErr(r.solution(), expected);
                assertTrue(err < 1e-6, e.getKey() + " " + tag + ": max rel diff to scikit-learn " + err);
                // f - f* <= |g|^2 / (2 lambda_min) = 5e-16
                assertEquals(fmin, r.value(), 1e-15, e.getKey() + " " + tag);
            }
        }
    }

    /**
     * Newton's local quadratic convergence, with the constant derived for
     * {@link TestProblems.ExpQuadratic}: {@code e_{k+1} = H(e)^-1 r(e)} with {@code r_i = e_i exp(e_i) - exp(e_i) + 1},
     * {@code |r(t)| <= t^2 e^|t| / 2} and {@code ||H(e)^-1|| <= 1 / (lambda_min(A) + e^-|e|inf)}, so
     * {@code ||e_{k+1}|| <= C ||e_k||^2} with {@code C = e^r / (2 (lambda_min + e^-r))} while {@code ||e_k||_inf <= r}.
     */
    @Test
    void newtonConvergesQuadraticallyNearTheMinimiser() {
        double lambdaMin = 0.01;
        TestProblems.ExpQuadratic f = new TestProblems.ExpQuadratic(TestProblems.quadratic(8, lambdaMin, 1e3, 5), lambdaMin);
        double[] x0 = f.xs.clone();
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < x0.length; i++) {
            x0[i] += 3 * rng.nextGaussian();
        }
        List<double[]> iterates = new ArrayList<>();
        OptimResult r = Newton.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-14)).minimize(f, x0,
                (k, x, v, g) -> iterates.add(x.clone()));
        assertTrue(relErr(r.solution(), f.xs) < 1e-14, r.toString());
        double radius = 0.5;
        double c = Math.exp(radius) / (2 * (lambdaMin + Math.exp(-radius)));
        int checked = 0;
        for (int k = 0; k + 1 < iterates.size(); k++) {
            double[] e0 = diff(iterates.get(k), f.xs);
            double[] e1 = diff(iterates.get(k + 1), f.xs);
            double n0 = Vec.norm(e0);
            double n1 = Vec.norm(e1);
            if (Vec.normInf(e0) <= radius && n1 > 1e-13) {
                assertTrue(n1 <= c * n0 * n0, "e_" + (k + 1) + " = " + n1 + " > C e_k^2 = " + c * n0 * n0);
                checked++;
            }
        }
        assertTrue(checked >= 2, "at least two steps inside the region, got " + checked);
    }

    @Test
    void nonFiniteAtTheStartStopsAtIterationZero() {
        SmoothObjective nan = TestProblems.poisoned(new Rosenbrock(3), 0);
        for (var e : List.of(
                (java.util.function.Supplier<OptimResult>) () -> LBFGS.defaults().minimize(nan, new double[3]),
                () -> BFGS.defaults().minimize(nan, new double[3]),
                () -> GradientDescent.defaults().minimize(nan, new double[3]))) {
            OptimResult r = e.get();
            assertEquals(StopReason.NON_FINITE, r.stopReason());
            assertEquals(0, r.iterations());
            assertArrayEquals(new double[3], r.solution());
            assertTrue(r.message().contains("NaN") && r.message().contains("starting point"), r.message());
        }
    }

    @Test
    void nonFiniteLaterStopsAtTheLastFiniteIterate() {
        for (int calls : new int[] {3, 10, 25}) {
            List<double[]> seen = new ArrayList<>();
            SmoothObjective f = TestProblems.poisoned(new Rosenbrock(4), calls);
            OptimResult r = LBFGS.defaults().minimize(f, TestProblems.rosenbrockStart(4), (k, x, v, g) -> seen.add(x.clone()));
            assertEquals(StopReason.NON_FINITE, r.stopReason(), r.toString());
            assertEquals(-1, Vec.firstNonFinite(r.solution()));
            assertTrue(Double.isFinite(r.value()) && Double.isFinite(r.gradientNorm()));
            assertArrayEquals(seen.get(seen.size() - 1), r.solution(), 0, "the last finite iterate");
            assertTrue(r.message().contains("non-finite"), r.message());
            OptimResult rn = Newton.defaults().minimize(new TwiceDifferentiableObjective() {
                final TwiceDifferentiableObjective inner = new Rosenbrock(4);
                int hessians;

                @Override
                public void hessian(double[] x, dev.derive.linalg.Matrix out) {
                    inner.hessian(x, out);
                    if (++hessians > 2) {
                        out.set(1, 2, Double.POSITIVE_INFINITY);
                    }
                }

                @Override
                public int dimension() {
                    return 4;
                }

                @Override
                public double value(double[] x) {
                    return inner.value(x);
                }

                @Override
                public double valueAndGradient(double[] x, double[] g) {
                    return inner.valueAndGradient(x, g);
                }
            }, TestProblems.rosenbrockStart(4));
            assertEquals(StopReason.NON_FINITE, rn.stopReason());
            assertEquals(2, rn.iterations());
            assertTrue(rn.message().contains("Hessian has Infinity at (1, 2)"), rn.message());
        }
    }

    @Test
    void recoversFromNonFiniteTrialPoints() {
        // NaN for x <= 0: long steps from near 0 overshoot into the NaN region and are cut back
        TwiceDifferentiableObjective f = TestProblems.logBarrier(5);
        double[] x0 = {0.01, 0.02, 3, 10, 0.5};
        double[] ones = {1, 1, 1, 1, 1};
        for (var e : methods(TIGHT).entrySet()) {
            OptimResult r = e.getValue().apply(f, x0);
            assertTrue(r.converged(), e.getKey() + ": " + r);
            assertTrue(relErr(r.solution(), ones) < 1e-8, e.getKey() + ": " + r);
        }
        OptimResult gd = GradientDescent.defaults().withStop(TIGHT.withMaxIterations(100_000)).minimize(f, x0);
        assertTrue(relErr(gd.solution(), ones) < 1e-8, gd.toString());
    }

    @Test
    void trajectoryObserverAndBudgets() {
        Rosenbrock f = new Rosenbrock(2);
        OptimResult r = LBFGS.defaults().withStop(TIGHT.withRecordTrajectory(true)).minimize(f, TestProblems.rosenbrockStart(2));
        double[] t = r.trajectory();
        assertEquals(r.iterations() + 1, t.length);
        assertEquals(24.2, t[0], 1e-12);
        for (int k = 1; k < t.length; k++) {
            assertTrue(t[k] < t[k - 1], "line-search methods decrease f at every iteration");
        }
        assertEquals(r.value(), t[t.length - 1]);
        assertTrue(r.functionEvaluations() >= r.iterations() + 1 && r.gradientEvaluations() == r.functionEvaluations());

        OptimResult stopped = BFGS.defaults().minimize(f, TestProblems.rosenbrockStart(2), (k, x, v, g) -> k < 3);
        assertEquals(StopReason.OBSERVER_STOPPED, stopped.stopReason());
        assertEquals(3, stopped.iterations());

        OptimResult capped = LBFGS.defaults().withStop(TIGHT.withMaxIterations(5)).minimize(f, TestProblems.rosenbrockStart(2));
        assertEquals(StopReason.MAX_ITERATIONS, capped.stopReason());
        assertEquals(5, capped.iterations());
        assertTrue(capped.message().contains("maxIterations = 5"), capped.message());

        OptimResult evals = LBFGS.defaults().withStop(TIGHT.withMaxEvaluations(10)).minimize(f, TestProblems.rosenbrockStart(2));
        assertEquals(StopReason.MAX_EVALUATIONS, evals.stopReason());
        assertTrue(evals.functionEvaluations() >= 10);

        OptimResult ftol = LBFGS.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(0).withFunctionTolerance(1e-12))
                .minimize(f, TestProblems.rosenbrockStart(2));
        assertEquals(StopReason.FUNCTION_TOLERANCE, ftol.stopReason(), ftol.toString());
        OptimResult xtol = LBFGS.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(0).withStepTolerance(1e-9))
                .minimize(f, TestProblems.rosenbrockStart(2));
        assertEquals(StopReason.STEP_TOLERANCE, xtol.stopReason(), xtol.toString());
        assertTrue(relErr(xtol.solution(), f.minimizer()) < 1e-6);

        // already optimal: zero iterations
        OptimResult at = Newton.defaults().minimize(f, new double[] {1, 1});
        assertEquals(0, at.iterations());
        assertEquals(StopReason.GRADIENT_TOLERANCE, at.stopReason());

        // the trust region counts Hessian evaluations
        OptimResult tr = TrustRegionNewton.defaults().minimize(f, TestProblems.rosenbrockStart(2));
        assertTrue(tr.hessianEvaluations() > 0 && tr.hessianEvaluations() <= tr.iterations());
    }

    @Test
    void rejectsBadInputAndHyperParameters() {
        Rosenbrock f = new Rosenbrock(3);
        var e = assertThrows(IllegalArgumentException.class, () -> LBFGS.defaults().minimize(f, new double[2]));
        assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("dimension 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Newton.defaults().minimize(f, new double[] {0, Double.NaN, 0}));
        assertTrue(e.getMessage().contains("NaN at index 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LBFGS.defaults().withMemory(0));
        assertTrue(e.getMessage().contains("memory must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrustRegionNewton(1, 10, 0.3, StopCriteria.DEFAULT));
        assertTrue(e.getMessage().contains("eta must be in [0, 0.25), got 0.3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrustRegionNewton(-1, 10, 0.1, StopCriteria.DEFAULT));
        assertTrue(e.getMessage().contains("initialRadius must be positive and finite, got -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrustRegionNewton(5, 1, 0.1, StopCriteria.DEFAULT));
        assertTrue(e.getMessage().contains("maxRadius must be >= initialRadius = 5.0, got 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BFGS(null, StopCriteria.DEFAULT));
    }

    @Test
    void aWrongGradientEndsWithNoProgressNotASilentAnswer() {
        // the gradient is scaled by -1 in one coordinate: directions stop being descent directions
        SmoothObjective wrong = new SmoothObjective() {
            final Rosenbrock r = new Rosenbrock(2);

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double value(double[] x) {
                return r.value(x);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double v = r.valueAndGradient(x, g);
                g[0] = -g[0];
                return v;
            }
        };
        OptimResult res = LBFGS.defaults().minimize(wrong, TestProblems.rosenbrockStart(2));
        assertEquals(StopReason.NO_PROGRESS, res.stopReason(), res.toString());
        assertTrue(res.message().contains("gradient does not match"), res.message());
    }

    static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
