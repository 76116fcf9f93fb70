package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The problem interfaces, the result and stop-criteria records, the test functions and the gradient check. */
class ProblemInterfacesTest {

    @Test
    void stopCriteriaRejectsInvalidFieldsNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> StopCriteria.DEFAULT.withMaxIterations(-1));
        assertTrue(e.getMessage().contains("maxIterations") && e.getMessage().contains("-1")
                && e.getMessage().contains(">= 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StopCriteria.DEFAULT.withGradientTolerance(Double.NaN));
        assertTrue(e.getMessage().contains("gradientTolerance") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StopCriteria.DEFAULT.withFunctionTolerance(-1e-3));
        assertTrue(e.getMessage().contains("functionTolerance") && e.getMessage().contains("-0.001"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StopCriteria.DEFAULT.withStepTolerance(Double.POSITIVE_INFINITY));
        assertTrue(e.getMessage().contains("stepTolerance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StopCriteria.DEFAULT.withMaxEvaluations(0));
        assertTrue(e.getMessage().contains("maxEvaluations") && e.getMessage().contains(">= 1"), e.getMessage());
        StopCriteria s = StopCriteria.DEFAULT.withMaxIterations(5).withGradientTolerance(1e-3).withRecordTrajectory(true);
        assertEquals(5, s.maxIterations());
        assertEquals(1e-3, s.gradientTolerance());
        assertTrue(s.recordTrajectory());
    }

    @Test
    void stopCriteriaTests() {
        StopCriteria s = StopCriteria.DEFAULT.withFunctionTolerance(1e-6).withStepTolerance(1e-8);
        assertTrue(s.functionConverged(1.0, 1.0 - 1e-7));
        assertFalse(s.functionConverged(1.0, 1.0 - 1e-5));
        // scaled by max(|f|, 1): at |f| = 1e6 an absolute decrease of 0.5 is relative 5e-7
        assertTrue(s.functionConverged(1e6, 1e6 - 0.5));
        assertTrue(s.stepConverged(1e-9, 0));
        assertFalse(s.stepConverged(1e-7, 0));
        assertTrue(s.stepConverged(1e-7, 100));
        assertFalse(StopCriteria.DEFAULT.functionConverged(1, 1), "functionTolerance 0 disables the test");
    }

    @Test
    void boundsValidateAndProject() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Bounds(new double[] {0, 2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("lower[1] = 2.0 > upper[1] = 1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bounds(new double[] {Double.NaN}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new Bounds(new double[] {Double.POSITIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> new Bounds(new double[2], new double[3]));
        Bounds b = new Bounds(new double[] {0, Double.NEGATIVE_INFINITY, -1}, new double[] {1, 2, Double.POSITIVE_INFINITY});
        assertArrayEquals(new double[] {0, -5, 3}, b.project(new double[] {-3, -5, 3}));
        assertArrayEquals(new double[] {1, 2, -1}, b.project(new double[] {4, 7, -8}));
        assertTrue(b.contains(new double[] {0.5, 2, 100}));
        assertFalse(b.contains(new double[] {0.5, 2.1, 100}));
        assertFalse(b.isUnbounded());
        assertTrue(Bounds.unbounded(3).isUnbounded());
        double[] lo = {0};
        Bounds c = new Bounds(lo, new double[] {1});
        lo[0] = 5;
        assertEquals(0, c.lower(0), "the arrays are copied");
        var ex = assertThrows(IllegalArgumentException.class, () -> b.project(new double[2]));
        assertTrue(ex.getMessage().contains("length 2") && ex.getMessage().contains("3 coordinates"), ex.getMessage());
    }

    @Test
    void resultCopiesItsArrays() {
        double[] x = {1, 2};
        double[] t = {3, 2, 1};
        OptimResult r = new OptimResult(x, 1, 0, 2, StopReason.GRADIENT_TOLERANCE, "ok", 3, 3, 0, t);
        x[0] = 9;
        t[0] = 9;
        assertEquals(1, r.solution()[0]);
        assertEquals(3, r.trajectory()[0]);
        r.solution()[1] = 7;
        assertEquals(2, r.solution()[1]);
        assertTrue(r.converged());
        assertFalse(StopReason.MAX_ITERATIONS.converged());
        assertFalse(StopReason.NON_FINITE.converged());
        assertEquals(0, new OptimResult(x, 1, 0, 0, StopReason.MAX_ITERATIONS, null, 0, 0, 0, null).trajectory().length);
    }

    @Test
    void testFunctionGradientsAndHessiansMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        Quadratic q = Quadratic.withEigenvalues(new double[] {1, 3, 10, 50}, new double[] {1, -2, 0.5, 3}, 11);
        Rosenbrock r = new Rosenbrock(5);
        Rosenbrock r2 = new Rosenbrock(3, 7);
        for (TwiceDifferentiableObjective f : new TwiceDifferentiableObjective[] {q, r, r2}) {
            for (int trial = 0; trial < 5; trial++) {
                double[] x = randn(f.dimension(), rng);
                double[] v = randn(f.dimension(), rng);
                var gc = GradientCheck.gradient(f, x);
                assertTrue(gc.passes(1e-7), f.getClass().getSimpleName() + " gradient: " + gc);
                var hc = GradientCheck.hessianVector(f, x, v);
                assertTrue(hc.passes(1e-6), f.getClass().getSimpleName() + " Hessian-vector: " + hc);
                // the explicit Hessian times v equals the product
                Matrix h = Matrix.zeros(f.dimension(), f.dimension());
                f.hessian(x, h);
                assertTrue(h.isSymmetric(0));
                double[] hv = h.mvmul(v);
                double[] p = new double[f.dimension()];
                f.hessianVector(x, v, p);
                assertArrayEquals(hv, p, 1e-9 * Math.max(1, Vec.normInf(hv)));
            }
        }
    }

    @Test
    void testObjectivesOfTheSuiteHaveCorrectDerivatives() {
        SplittableRandom rng = new SplittableRandom(17);
        TestProblems.ExpQuadratic eq = new TestProblems.ExpQuadratic(TestProblems.quadratic(6, 0.01, 1e3, 5), 0.01);
        TwiceDifferentiableObjective barrier = TestProblems.logBarrier(4);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = randn(6, rng);
            assertTrue(GradientCheck.gradient(eq, x).passes(1e-7), GradientCheck.gradient(eq, x).toString());
            assertTrue(GradientCheck.hessianVector(eq, x, randn(6, rng)).passes(1e-6));
            double[] p = new double[4];
            for (int i = 0; i < 4; i++) {
                p[i] = 0.5 + rng.nextDouble() * 3;
            }
            assertTrue(GradientCheck.gradient(barrier, p).passes(1e-7));
            assertTrue(GradientCheck.hessianVector(barrier, p, randn(4, rng)).passes(1e-6));
        }
        // logistic regression on a small random problem (the breast-cancer instance is checked in
        // DeterministicMethodsTest when the data set is present)
        double[][] a = new double[30][4];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            a[i] = randn(4, rng);
            y[i] = rng.nextBoolean() ? 1 : 0;
        }
        TestProblems.Logistic lg = new TestProblems.Logistic(a, y, 0.7);
        for (int trial = 0; trial < 5; trial++) {
            double[] th = randn(5, rng);
            assertTrue(GradientCheck.gradient(lg, th).passes(1e-8), GradientCheck.gradient(lg, th).toString());
            assertTrue(GradientCheck.hessianVector(lg, th, randn(5, rng)).passes(1e-7));
            // the mean of the component gradients is the full gradient
            double[] g = new double[5];
            double v = lg.valueAndGradient(th, g);
            double[] gi = new double[5];
            double[] sum = new double[5];
            double vs = 0;
            for (int i = 0; i < 30; i++) {
                vs += lg.componentValueAndGradient(i, th, gi) / 30;
                for (int j = 0; j < 5; j++) {
                    sum[j] += gi[j] / 30;
                }
            }
            assertEquals(v, vs, 1e-13);
            assertArrayEquals(g, sum, 1e-13);
        }
    }

    @Test
    void testFunctionsKnowTheirMinimisers() {
        double[] xs = {1, -2, 0.5, 3};
        Quadratic q = Quadratic.withEigenvalues(new double[] {1, 3, 10, 50}, xs, 11);
        assertArrayEquals(xs, q.minimizer(), 1e-12);
        double[] g = new double[4];
        q.valueAndGradient(xs, g);
        assertTrue(Vec.normInf(g) < 1e-12);
        Rosenbrock r = new Rosenbrock(4, 30);
        assertArrayEquals(new double[] {1, 1, 1, 1}, r.minimizer());
        assertEquals(0, r.valueAndGradient(r.minimizer(), g));
        assertArrayEquals(new double[4], g, 0);
        assertEquals(0, new Rosenbrock(2).value(new double[] {1, 1}));
        assertEquals(24.2, new Rosenbrock(2).value(new double[] {-1.2, 1}), 1e-12);
    }

    @Test
    void gradientCheckCatchesAWrongGradient() {
        SmoothObjective wrong = new SmoothObjective() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public double value(double[] x) {
                return x[0] * x[0] + Math.sin(x[1]) + x[2];
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                g[0] = 2 * x[0];
                g[1] = Math.cos(x[1]);
                g[2] = 1.01; // wrong: should be 1
                return value(x);
            }
        };
        var rep = GradientCheck.gradient(wrong, new double[] {0.3, 0.2, -1});
        assertFalse(rep.passes(1e-3), rep.toString());
        assertEquals(2, rep.worstIndex());
        assertEquals(0.01 / 1.01, rep.error(), 1e-8);
        var e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.gradient(wrong, new double[2]));
        assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("dimension 3"), e.getMessage());
    }

    @Test
    void finiteSumDefaultsAverageTheComponents() {
        // f_i(x) = 1/2 (a_i'x - y_i)^2 on four rows
        double[][] a = {{1, 2}, {0, 1}, {-1, 3}, {2, -1}};
        double[] y = {1, 0, 2, -1};
        FiniteSumObjective f = new FiniteSumObjective() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double componentValueAndGradient(int i, double[] x, double[] g) {
                double r = a[i][0] * x[0] + a[i][1] * x[1] - y[i];
                g[0] = r * a[i][0];
                g[1] = r * a[i][1];
                return 0.5 * r * r;
            }
        };
        double[] x = {0.3, -0.7};
        double[] g = new double[2];
        double v = f.valueAndGradient(x, g);
        double ev = 0;
        double[] eg = new double[2];
        for (int i = 0; i < 4; i++) {
            double r = a[i][0] * x[0] + a[i][1] * x[1] - y[i];
            ev += 0.5 * r * r / 4;
            eg[0] += r * a[i][0] / 4;
            eg[1] += r * a[i][1] / 4;
        }
        assertEquals(ev, v, 1e-15);
        assertEquals(ev, f.value(x), 1e-15);
        assertArrayEquals(eg, g, 1e-15);
        // a batch with a repeat: (f_1 + f_1 + f_3) / 3
        double[] gb = new double[2];
        double vb = f.batchValueAndGradient(new int[] {9, 1, 1, 3, 9}, 1, 4, x, gb);
        double[] g1 = new double[2];
        double[] g3 = new double[2];
        double v1 = f.componentValueAndGradient(1, x, g1);
        double v3 = f.componentValueAndGradient(3, x, g3);
        assertEquals((2 * v1 + v3) / 3, vb, 1e-15);
        assertArrayEquals(new double[] {(2 * g1[0] + g3[0]) / 3, (2 * g1[1] + g3[1]) / 3}, gb, 1e-15);
        assertTrue(GradientCheck.gradient(f, x).passes(1e-8));
    }

    static double[] randn(int n, SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }
}
