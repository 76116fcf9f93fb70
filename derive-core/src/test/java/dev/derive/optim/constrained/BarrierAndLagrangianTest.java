package dev.derive.optim.constrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.optim.SmoothObjective;
import dev.derive.optim.StopReason;
import dev.derive.optim.TwiceDifferentiableObjective;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The log-barrier method (with phase I) and the augmented Lagrangian on problems with closed-form solutions
 * and multipliers, cross-checked against the primal–dual interior point on a QP; infeasible problems and
 * non-finite objectives.
 */
class BarrierAndLagrangianTest {

    /** 1/2 x'Px + q'x. */
    static TwiceDifferentiableObjective quadratic(Matrix pm, double[] q) {
        return new TwiceDifferentiableObjective() {
            @Override
            public int dimension() {
                return q.length;
            }

            @Override
            public double value(double[] x) {
                return valueAndGradient(x, new double[x.length]);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double[] px = pm.mvmul(x);
                double v = 0;
                for (int i = 0; i < x.length; i++) {
                    g[i] = px[i] + q[i];
                    v += x[i] * (0.5 * px[i] + q[i]);
                }
                return v;
            }

            @Override
            public void hessian(double[] x, Matrix out) {
                out.assign(pm);
            }
        };
    }

    /** The ball constraint ||x||^2 - r^2 <= 0. */
    static ConstraintFunction ball(int n, double r) {
        return new ConstraintFunction() {
            public int dimension() {
                return n;
            }

            public int count() {
                return 1;
            }

            public void values(double[] x, double[] out) {
                double s = 0;
                for (double v : x) {
                    s += v * v;
                }
                out[0] = s - r * r;
            }

            public void jacobian(double[] x, Matrix out) {
                for (int j = 0; j < n; j++) {
                    out.set(0, j, 2 * x[j]);
                }
            }

            public void weightedHessian(double[] x, double[] w, Matrix out) {
                out.fill(0);
                for (int j = 0; j < n; j++) {
                    out.set(j, j, 2 * w[0]);
                }
            }
        };
    }

    @Test
    void barrierLinearObjectiveOnABall() {
        double[] c = {1, -2, 2};
        ConstrainedResult r = LogBarrier.defaults().solve(quadratic(Matrix.zeros(3, 3), c), ball(3, 1), null, null,
                new double[3]);
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        // x* = -c/|c|, f* = -|c| = -3, multiplier mu = |c|/2
        assertArrayEquals(new double[]{-1 / 3.0, 2 / 3.0, -2 / 3.0}, r.x(), 1e-6);
        assertTrue(r.value() - (-3) <= r.dualityGapBound() + 1e-12, r.toString());
        assertTrue(r.value() + 3 >= -1e-12);
        assertEquals(1.5, r.ineqMultipliers()[0], 1e-6);
        assertTrue(r.dualityGapBound() <= 1e-9);
        // mu = -1/(t g(x)) with g = |x|^2 - 1 ~ -1/(t mu) evaluated in floating point: g has relative error
        // ~ eps / |g| = eps t mu ~ 1.7e-7 at t = 1e9, and so has the stationarity residual c + 2 mu x
        double bound = 4 * Math.ulp(1.0) * (1 / r.dualityGapBound()) * 1.5 * 2;
        assertTrue(r.stationarity() <= bound, r + " vs rounding bound " + bound);
    }

    @Test
    void barrierEntropyWithEqualityGivesSoftmax() {
        double[] c = {0.5, -1, 2, 0};
        int n = c.length;
        TwiceDifferentiableObjective negEntropy = new TwiceDifferentiableObjective() {
            public int dimension() {
                return n;
            }

            public double value(double[] x) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[i] * Math.log(x[i]) - c[i] * x[i];
                }
                return s;
            }

            public double valueAndGradient(double[] x, double[] g) {
                for (int i = 0; i < n; i++) {
                    g[i] = Math.log(x[i]) + 1 - c[i];
                }
                return value(x);
            }

            public void hessian(double[] x, Matrix out) {
                out.fill(0);
                for (int i = 0; i < n; i++) {
                    out.set(i, i, 1 / x[i]);
                }
            }
        };
        Matrix minusI = Matrix.identity(n).scale(-1);
        ConstrainedResult r = LogBarrier.defaults().solve(negEntropy, ConstraintFunction.linear(minusI, new double[n]),
                Matrix.of(new double[]{1, 1, 1, 1}), new double[]{1}, new double[]{0.25, 0.25, 0.25, 0.25});
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        double z = 0;
        for (double ci : c) {
            z += Math.exp(ci);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(Math.exp(c[i]) / z, r.x()[i], 1e-8);
        }
        assertTrue(r.kktResidual() <= 1e-8, r.toString());
    }

    @Test
    void barrierMatchesInteriorPointOnAQp() {
        double[] xStar = new double[12];
        QuadraticProgram qp = InteriorPointTest.constructedQp(12, 0, 8, 12, 5, xStar);
        // bounds as linear inequalities
        int n = 12;
        int mu = qp.aUb().rows();
        Bounds bd = qp.bounds();
        int rows = mu;
        for (int j = 0; j < n; j++) {
            rows += (bd.lower(j) > Double.NEGATIVE_INFINITY ? 1 : 0) + (bd.upper(j) < Double.POSITIVE_INFINITY ? 1 : 0);
        }
        Matrix g = Matrix.zeros(rows, n);
        double[] h = new double[rows];
        Matrix aub = qp.aUb();
        double[] bub = qp.bUb();
        int r0 = 0;
        for (; r0 < mu; r0++) {
            for (int j = 0; j < n; j++) {
                g.set(r0, j, aub.get(r0, j));
            }
            h[r0] = bub[r0];
        }
        for (int j = 0; j < n; j++) {
            if (bd.lower(j) > Double.NEGATIVE_INFINITY) {
                g.set(r0, j, -1);
                h[r0++] = -bd.lower(j);
            }
            if (bd.upper(j) < Double.POSITIVE_INFINITY) {
                g.set(r0, j, 1);
                h[r0++] = bd.upper(j);
            }
        }
        ConstrainedResult r = LogBarrier.defaults().solve(quadratic(qp.q(), qp.c()), ConstraintFunction.linear(g, h),
                null, null, null);
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        InteriorPointResult ip = InteriorPoint.defaults().solve(qp);
        assertEquals(ip.primalObjective(), r.value(), 1e-8 * (1 + Math.abs(ip.primalObjective())));
        assertArrayEquals(xStar, r.x(), 1e-6);
        assertTrue(r.outerIterations() > 1);
    }

    @Test
    void phaseOneFindsAStartOrReportsInfeasibility() {
        // x >= 1 componentwise, min 1/2 |x|^2: x* = (1, 1), from x0 = 0 (infeasible)
        Matrix minusI = Matrix.identity(2).scale(-1);
        ConstrainedResult r = LogBarrier.defaults().solve(quadratic(Matrix.identity(2), new double[2]),
                ConstraintFunction.linear(minusI, new double[]{-1, -1}), null, null, new double[2]);
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        assertArrayEquals(new double[]{1, 1}, r.x(), 1e-8);
        // x <= -1 and x >= 1
        ConstrainedResult inf = LogBarrier.defaults().solve(quadratic(Matrix.identity(1), new double[1]),
                ConstraintFunction.linear(Matrix.of(new double[]{1}, new double[]{-1}), new double[]{-1, -1}), null,
                null, null);
        assertEquals(SolverStatus.INFEASIBLE, inf.status(), inf.toString());
        assertTrue(inf.message().contains("phase I"), inf.message());
    }

    @Test
    void barrierStopsOnNonFiniteGradient() {
        TwiceDifferentiableObjective f = new TwiceDifferentiableObjective() {
            public int dimension() {
                return 1;
            }

            public double value(double[] x) {
                return (x[0] - 1) * (x[0] - 1);
            }

            public double valueAndGradient(double[] x, double[] g) {
                g[0] = x[0] > 0.3 ? Double.NaN : 2 * (x[0] - 1);
                return value(x);
            }

            public void hessian(double[] x, Matrix out) {
                out.set(0, 0, 2);
            }
        };
        ConstrainedResult r = LogBarrier.defaults().solve(f, ConstraintFunction.linear(Matrix.of(new double[]{1}),
                new double[]{2}), null, null, new double[]{0});
        assertEquals(SolverStatus.NON_FINITE, r.status(), r.toString());
        assertEquals(StopReason.NON_FINITE, r.stopReason());
        assertTrue(Double.isFinite(r.x()[0]));
    }

    static SmoothObjective smooth(int n, ToDoubleFunction<double[]> f, java.util.function.BiConsumer<double[], double[]> g) {
        return new SmoothObjective() {
            public int dimension() {
                return n;
            }

            public double value(double[] x) {
                return f.applyAsDouble(x);
            }

            public double valueAndGradient(double[] x, double[] grad) {
                g.accept(x, grad);
                return f.applyAsDouble(x);
            }
        };
    }

    static ConstraintFunction fn(int n, int k, java.util.function.BiConsumer<double[], double[]> v,
                                 java.util.function.BiConsumer<double[], Matrix> jac) {
        return new ConstraintFunction() {
            public int dimension() {
                return n;
            }

            public int count() {
                return k;
            }

            public void values(double[] x, double[] out) {
                v.accept(x, out);
            }

            public void jacobian(double[] x, Matrix out) {
                jac.accept(x, out);
            }
        };
    }

    @Test
    void augmentedLagrangianEqualityOnACircle() {
        // min x1 + x2 s.t. x1^2 + x2^2 = 2: x* = (-1, -1), lambda = 1/2
        SmoothObjective f = smooth(2, x -> x[0] + x[1], (x, g) -> {
            g[0] = 1;
            g[1] = 1;
        });
        ConstraintFunction h = fn(2, 1, (x, o) -> o[0] = x[0] * x[0] + x[1] * x[1] - 2, (x, j) -> {
            j.set(0, 0, 2 * x[0]);
            j.set(0, 1, 2 * x[1]);
        });
        ConstrainedResult r = AugmentedLagrangian.defaults().solve(ConstrainedProblem.of(f, h, null),
                new double[]{-0.5, -0.2});
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        assertArrayEquals(new double[]{-1, -1}, r.x(), 1e-7);
        assertEquals(0.5, r.eqMultipliers()[0], 1e-7);
        assertTrue(r.kktResidual() <= 1e-8);
    }

    @Test
    void augmentedLagrangianInequalities() {
        // min (x1-2)^2 + (x2-1)^2 s.t. x1^2 - x2 <= 0, x1 + x2 <= 2: x* = (1, 1), mu = (2/3, 2/3)
        SmoothObjective f = smooth(2, x -> (x[0] - 2) * (x[0] - 2) + (x[1] - 1) * (x[1] - 1), (x, g) -> {
            g[0] = 2 * (x[0] - 2);
            g[1] = 2 * (x[1] - 1);
        });
        ConstraintFunction g = fn(2, 2, (x, o) -> {
            o[0] = x[0] * x[0] - x[1];
            o[1] = x[0] + x[1] - 2;
        }, (x, j) -> {
            j.set(0, 0, 2 * x[0]);
            j.set(0, 1, -1);
            j.set(1, 0, 1);
            j.set(1, 1, 1);
        });
        ConstrainedResult r = AugmentedLagrangian.defaults().solve(ConstrainedProblem.of(f, null, g), new double[2]);
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        assertArrayEquals(new double[]{1, 1}, r.x(), 1e-7);
        assertArrayEquals(new double[]{2 / 3.0, 2 / 3.0}, r.ineqMultipliers(), 1e-7);
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason());
    }

    @Test
    void augmentedLagrangianWithBounds() {
        // min (x1-3)^2 + (x2+1)^2 s.t. x1 + x2 = 1, 0 <= x <= 5: x* = (1, 0), lambda = 4
        SmoothObjective f = smooth(2, x -> (x[0] - 3) * (x[0] - 3) + (x[1] + 1) * (x[1] + 1), (x, g) -> {
            g[0] = 2 * (x[0] - 3);
            g[1] = 2 * (x[1] + 1);
        });
        ConstrainedResult r = AugmentedLagrangian.defaults().solve(new ConstrainedProblem(f,
                ConstraintFunction.linear(Matrix.of(new double[]{1, 1}), new double[]{1}), null, Bounds.box(2, 0, 5)),
                new double[]{2, 2});
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        assertArrayEquals(new double[]{1, 0}, r.x(), 1e-7);
        assertEquals(4, r.eqMultipliers()[0], 1e-6);
    }

    @Test
    void augmentedLagrangianMatchesInteriorPointOnAQp() {
        double[] xStar = new double[8];
        QuadraticProgram qp = InteriorPointTest.constructedQp(8, 2, 4, 8, 21, xStar);
        Matrix q = qp.q();
        double[] c = qp.c();
        TwiceDifferentiableObjective f = quadratic(q, c);
        ConstrainedResult r = AugmentedLagrangian.defaults().solve(new ConstrainedProblem(f,
                ConstraintFunction.linear(qp.aEq(), qp.bEq()), ConstraintFunction.linear(qp.aUb(), qp.bUb()),
                qp.bounds()), new double[8]);
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        assertArrayEquals(xStar, r.x(), 1e-6);
        InteriorPointResult ip = InteriorPoint.defaults().solve(qp);
        assertArrayEquals(ip.eqDuals(), java.util.Arrays.stream(r.eqMultipliers()).map(v -> -v).toArray(), 1e-6);
        assertArrayEquals(ip.ineqDuals(), r.ineqMultipliers(), 1e-6);
    }

    @Test
    void augmentedLagrangianReportsInfeasibleAndNonFinite() {
        SmoothObjective f = smooth(1, x -> x[0] * x[0], (x, g) -> g[0] = 2 * x[0]);
        ConstraintFunction g = ConstraintFunction.linear(Matrix.of(new double[]{1}, new double[]{-1}),
                new double[]{-1, -1});
        ConstrainedResult r = AugmentedLagrangian.defaults().solve(ConstrainedProblem.of(f, null, g), new double[]{0});
        assertEquals(SolverStatus.INFEASIBLE, r.status(), r.toString());

        SmoothObjective nan = smooth(1, x -> x[0] > 0.5 ? Double.NaN : (x[0] - 2) * (x[0] - 2),
                (x, gr) -> gr[0] = x[0] > 0.5 ? Double.NaN : 2 * (x[0] - 2));
        ConstrainedResult rn = AugmentedLagrangian.defaults().solve(ConstrainedProblem.of(nan, null, null),
                new double[]{Double.MIN_VALUE});
        assertTrue(rn.status() == SolverStatus.NON_FINITE, rn.toString());
        assertEquals(StopReason.NON_FINITE, rn.stopReason());
        assertTrue(Double.isFinite(rn.x()[0]));
        SmoothObjective nanStart = smooth(1, x -> Double.NaN, (x, gr) -> gr[0] = Double.NaN);
        assertEquals(SolverStatus.NON_FINITE, AugmentedLagrangian.defaults()
                .solve(ConstrainedProblem.of(nanStart, null, null), new double[]{0}).status());
    }

    @Test
    void badInputIsRejected() {
        SmoothObjective f = smooth(2, x -> 0, (x, g) -> java.util.Arrays.fill(g, 0));
        assertThrows(IllegalArgumentException.class, () -> ConstrainedProblem.of(f,
                ConstraintFunction.linear(Matrix.zeros(1, 3), new double[1]), null));
        assertThrows(IllegalArgumentException.class, () -> AugmentedLagrangian.defaults().solve(
                ConstrainedProblem.of(f, null, null), new double[3]));
        assertThrows(IllegalArgumentException.class, () -> LogBarrier.defaults().solve(
                quadratic(Matrix.identity(2), new double[2]), null, Matrix.zeros(1, 2), new double[2], null));
        assertThrows(IllegalArgumentException.class, () -> new AugmentedLagrangian(0, 1, 1e-8, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new LogBarrier(1, 1, 1e-8, 1e-10, 10));
    }
}
