package dev.derive.optim.constrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.LU;
import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.testing.Fixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mehrotra predictor–corrector on hand-solved LPs/QPs, on random LPs against scipy 1.10 HiGHS optima
 * (fixture {@code optim_lp_highs.txt}, tools/gen_lp_fixtures.py), on QPs whose optimum is known by
 * construction (KKT) or by a KKT linear solve, and on infeasible, unbounded and malformed input.
 */
class InteriorPointTest {

    static final InteriorPoint IP = InteriorPoint.defaults();

    /**
     * The optimal message's number format equals String.format's %.Ne for normal doubles away from decimal ties
     * (String.format rounds the shortest decimal of v, which for a subnormal such as 4.9e-324 is not v's value).
     */
    @Test
    void sciFormatsAsStringFormatDoes() {
        double[] special = {0.0, -0.0, 1.0, -1.0, 9.9951e-5, 9.994e-5, 1e-10, 1e10, 123456.789,
            Double.MIN_NORMAL, Double.MAX_VALUE, 0.1, 0.3, 7.7e-300, 3.3e299, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : special) {
            for (int d = 0; d <= 3; d++) {
                assertEquals(String.format(java.util.Locale.ROOT, "%." + d + "e", v), InteriorPoint.sci(v, d),
                        "v = " + v + ", digits " + d);
            }
        }
        SplittableRandom rng = new SplittableRandom(4);
        for (int t = 0; t < 20_000; t++) {
            double v = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextDouble(-307, 307)) * rng.nextDouble(1, 10);
            int d = 1 + t % 3;
            assertEquals(String.format(java.util.Locale.ROOT, "%." + d + "e", v), InteriorPoint.sci(v, d),
                    "v = " + v + ", digits " + d);
        }
    }

    static void assertKkt(QuadraticProgram qp, InteriorPointResult r, double tol) {
        assertEquals(SolverStatus.OPTIMAL, r.status(), r.toString());
        Kkt k = Kkt.of(qp, r.x(), r.eqDuals(), r.ineqDuals(), r.lowerDuals(), r.upperDuals());
        double scale = 1 + Math.abs(k.primalObjective());
        assertTrue(k.primalResidual() <= tol, "primal residual " + k.primalResidual());
        assertTrue(k.dualResidual() <= tol, "dual residual " + k.dualResidual());
        assertTrue(k.dualInfeasibility() <= tol, "dual infeasibility " + k.dualInfeasibility());
        assertTrue(k.complementarity() <= tol * scale, "complementarity " + k.complementarity());
        assertTrue(Math.abs(k.primalObjective() - k.dualObjective()) <= tol * scale,
                "gap " + (k.primalObjective() - k.dualObjective()));
        assertEquals(k.primalObjective(), r.primalObjective(), 0);
    }

    @Test
    void handSolvedLp() {
        // min -x1 - 2 x2 s.t. x1 + x2 <= 4, x1 + 3 x2 <= 6, x >= 0: optimum (3, 1), value -5, duals (1/2, 1/2)
        LinearProgram lp = new LinearProgram(new double[]{-1, -2}, null, null,
                Matrix.of(new double[]{1, 1}, new double[]{1, 3}), new double[]{4, 6}, Bounds.nonNegative(2));
        InteriorPointResult r = IP.solve(lp);
        assertKkt(lp.toQuadratic(), r, 1e-8);
        assertArrayEquals(new double[]{3, 1}, r.x(), 1e-8);
        assertArrayEquals(new double[]{0.5, 0.5}, r.ineqDuals(), 1e-8);
        assertEquals(-5, r.primalObjective(), 1e-9);
        assertTrue(Math.abs(r.dualityGap()) <= 1e-8);
    }

    @Test
    void handSolvedLpWithEqualityFreeAndUpperOnlyVariables() {
        // min x1 + x2 - x3, x1 + x2 + x3 = 1, x1 free, 0 <= x2 <= 2, x3 <= 0.5, x1 >= -1 via A_ub: -x1 <= 1
        // optimum: x3 = 0.5 (upper), x1 + x2 = 0.5 with cost 1 each; value 0.5 - 0.5 = 0 ... make x1 cheaper:
        // min 2 x1 + x2 - x3 => x1 as small as possible: x1 = -1, x2 = 1.5, x3 = 0.5: value -2 + 1.5 - 0.5 = -1
        LinearProgram lp = new LinearProgram(new double[]{2, 1, -1}, Matrix.of(new double[]{1, 1, 1}),
                new double[]{1}, Matrix.of(new double[]{-1, 0, 0}), new double[]{1},
                new Bounds(new double[]{Double.NEGATIVE_INFINITY, 0, Double.NEGATIVE_INFINITY},
                        new double[]{Double.POSITIVE_INFINITY, 2, 0.5}));
        InteriorPointResult r = IP.solve(lp);
        assertKkt(lp.toQuadratic(), r, 1e-8);
        assertArrayEquals(new double[]{-1, 1.5, 0.5}, r.x(), 1e-8);
        assertEquals(-1, r.primalObjective(), 1e-9);
        // duals: y = 1 (x2 basic), z_ub = 1, z_upper(x3) = 2
        assertArrayEquals(new double[]{1}, r.eqDuals(), 1e-8);
        assertArrayEquals(new double[]{1}, r.ineqDuals(), 1e-8);
        assertEquals(2, r.upperDuals()[2], 1e-8);
    }

    @Test
    void randomLpsMatchHighs() {
        Fixtures fx = Fixtures.load("optim_lp_highs.txt");
        int count = (int) fx.scalar("count");
        for (int k = 0; k < count; k++) {
            double[] lb = fx.vector("lb_" + k);
            double[] ub = fx.vector("ub_" + k);
            LinearProgram lp = new LinearProgram(fx.vector("c_" + k), fx.matrix("A_eq_" + k), fx.vector("b_eq_" + k),
                    fx.matrix("A_ub_" + k), fx.vector("b_ub_" + k), new Bounds(lb, ub));
            InteriorPointResult r = IP.solve(lp);
            double fun = fx.scalar("fun_" + k);
            assertKkt(lp.toQuadratic(), r, 1e-8);
            assertEquals(fun, r.primalObjective(), 1e-9 * (1 + Math.abs(fun)), "problem " + k + ": " + r);
            // these random LPs have a unique (vertex) solution: HiGHS's x to within the interior-point accuracy
            assertArrayEquals(fx.vector("x_" + k), r.x(), 1e-7, "problem " + k);
        }
    }

    /** A convex QP with a known optimum: x*, active set and multipliers chosen first, c from stationarity. */
    static QuadraticProgram constructedQp(int n, int me, int mu, int rank, long seed, double[] xStarOut) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Matrix f = Matrix.zeros(rank, n);
        for (int i = 0; i < rank; i++) {
            for (int j = 0; j < n; j++) {
                f.set(i, j, rnd.nextDouble(-1, 1));
            }
        }
        Matrix q = f.gram();
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] x = new double[n];
        double[] zl = new double[n];
        double[] zu = new double[n];
        for (int j = 0; j < n; j++) {
            int kind = j % 4;
            lo[j] = kind == 3 ? Double.NEGATIVE_INFINITY : -1;
            hi[j] = kind == 1 ? 2 : Double.POSITIVE_INFINITY;
            double u = rnd.nextDouble();
            if (kind != 3 && u < 0.3) {
                x[j] = lo[j];
                zl[j] = rnd.nextDouble(0.1, 2);
            } else if (kind == 1 && u < 0.5) {
                x[j] = hi[j];
                zu[j] = rnd.nextDouble(0.1, 2);
            } else {
                x[j] = rnd.nextDouble(-0.5, 1.5);
            }
        }
        Matrix aEq = Matrix.zeros(me, n);
        Matrix aUb = Matrix.zeros(mu, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < me; i++) {
                aEq.set(i, j, rnd.nextDouble(-1, 1));
            }
            for (int i = 0; i < mu; i++) {
                aUb.set(i, j, rnd.nextDouble(-1, 1));
            }
        }
        double[] y = new double[me];
        double[] bEq = aEq.mvmul(x);
        for (int i = 0; i < me; i++) {
            y[i] = rnd.nextDouble(-1, 1);
        }
        double[] zub = new double[mu];
        double[] bUb = aUb.mvmul(x);
        for (int i = 0; i < mu; i++) {
            if (rnd.nextBoolean()) {
                zub[i] = rnd.nextDouble(0.1, 2);
            } else {
                bUb[i] += rnd.nextDouble(0.1, 1);
            }
        }
        double[] qx = q.mvmul(x);
        double[] aty = aEq.tmvmul(y);
        double[] atz = aUb.tmvmul(zub);
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = -qx[j] + aty[j] - atz[j] + zl[j] - zu[j];
        }
        System.arraycopy(x, 0, xStarOut, 0, n);
        return new QuadraticProgram(q, c, aEq, bEq, aUb, bUb, new Bounds(lo, hi));
    }

    @Test
    void constructedQpsReachTheirKnownOptimum() {
        int[][] shapes = {{10, 3, 5, 10}, {40, 10, 20, 25}, {120, 30, 60, 120}, {60, 5, 30, 10}};
        long seed = 11;
        for (int[] s : shapes) {
            double[] xStar = new double[s[0]];
            QuadraticProgram qp = constructedQp(s[0], s[1], s[2], s[3], seed++, xStar);
            InteriorPointResult r = IP.solve(qp);
            assertKkt(qp, r, 1e-8);
            double fStar = qp.objective(xStar);
            assertEquals(fStar, r.primalObjective(), 1e-9 * (1 + Math.abs(fStar)), r.toString());
            if (s[3] == s[0]) { // Q positive definite: unique minimiser
                assertArrayEquals(xStar, r.x(), 1e-7);
            }
        }
    }

    @Test
    void equalityConstrainedQpMatchesKktLinearSolve() {
        int n = 15;
        int p = 4;
        SplittableRandom rnd = new SplittableRandom(3);
        Matrix f = Matrix.zeros(n, n);
        Matrix a = Matrix.zeros(p, n);
        double[] c = new double[n];
        double[] b = new double[p];
        for (int j = 0; j < n; j++) {
            c[j] = rnd.nextDouble(-1, 1);
            for (int i = 0; i < n; i++) {
                f.set(i, j, rnd.nextDouble(-1, 1));
            }
            for (int i = 0; i < p; i++) {
                a.set(i, j, rnd.nextDouble(-1, 1));
            }
        }
        for (int i = 0; i < p; i++) {
            b[i] = rnd.nextDouble(-1, 1);
        }
        Matrix q = f.gram();
        Matrix kkt = Matrix.zeros(n + p, n + p);
        double[] rhs = new double[n + p];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                kkt.set(i, j, q.get(i, j));
            }
            for (int i = 0; i < p; i++) {
                kkt.set(n + i, j, a.get(i, j));
                kkt.set(j, n + i, -a.get(i, j));
            }
            rhs[j] = -c[j];
        }
        System.arraycopy(b, 0, rhs, n, p);
        double[] sol = LU.of(kkt).solve(rhs);
        QuadraticProgram qp = new QuadraticProgram(q, c, a, b, null, null, null);
        InteriorPointResult r = IP.solve(qp);
        assertKkt(qp, r, 1e-8);
        for (int j = 0; j < n; j++) {
            assertEquals(sol[j], r.x()[j], 1e-8, "x[" + j + "]");
        }
        for (int i = 0; i < p; i++) {
            assertEquals(sol[n + i], r.eqDuals()[i], 1e-8, "y[" + i + "]");
        }
    }

    @Test
    void handSolvedQp() {
        // min 1/2 (x1^2 + x2^2) - x1 - x2 s.t. x1 + x2 <= 1: optimum (1/2, 1/2), multiplier 1/2, value -3/4
        QuadraticProgram qp = new QuadraticProgram(Matrix.identity(2), new double[]{-1, -1}, null, null,
                Matrix.of(new double[]{1, 1}), new double[]{1}, null);
        InteriorPointResult r = IP.solve(qp);
        assertKkt(qp, r, 1e-9);
        assertArrayEquals(new double[]{0.5, 0.5}, r.x(), 1e-9);
        assertArrayEquals(new double[]{0.5}, r.ineqDuals(), 1e-9);
        assertEquals(-0.75, r.primalObjective(), 1e-10);
    }

    @Test
    void redundantRowsAndNonUniqueOptima() {
        // the same equality twice (A_eq rank deficient) and a cost parallel to a facet (a segment of optima):
        // min x1 + x2 s.t. x1 + x2 = 1 (twice), x1 + x2 >= 1 written as -x1 - x2 <= -1, 0 <= x <= 1: value 1
        LinearProgram lp = new LinearProgram(new double[]{1, 1},
                Matrix.of(new double[]{1, 1}, new double[]{2, 2}), new double[]{1, 2},
                Matrix.of(new double[]{-1, -1}), new double[]{-1}, Bounds.box(2, 0, 1));
        InteriorPointResult r = IP.solve(lp);
        assertKkt(lp.toQuadratic(), r, 1e-8);
        assertEquals(1, r.primalObjective(), 1e-9);
        double[] x = r.x();
        assertEquals(1, x[0] + x[1], 1e-9);
        // an interior-point method converges to the analytic centre of the optimal face
        assertEquals(0.5, x[0], 1e-6);
    }

    @Test
    void infeasibleLpIsDetected() {
        // x1 + x2 = -1 with x >= 0
        LinearProgram lp = new LinearProgram(new double[]{1, 1}, Matrix.of(new double[]{1, 1}), new double[]{-1},
                null, null, Bounds.nonNegative(2));
        InteriorPointResult r = IP.solve(lp);
        assertEquals(SolverStatus.INFEASIBLE, r.status(), r.toString());
        // x1 <= 1, x1 >= 2 as inequalities, x free
        LinearProgram lp2 = new LinearProgram(new double[]{1}, null, null,
                Matrix.of(new double[]{1}, new double[]{-1}), new double[]{1, -2}, null);
        assertEquals(SolverStatus.INFEASIBLE, IP.solve(lp2).status());
    }

    @Test
    void unboundedLpIsDetected() {
        // min -x1 s.t. x1 - x2 <= 1, x >= 0: x = (t + 1, t)
        LinearProgram lp = new LinearProgram(new double[]{-1, 0}, null, null, Matrix.of(new double[]{1, -1}),
                new double[]{1}, Bounds.nonNegative(2));
        InteriorPointResult r = IP.solve(lp);
        assertEquals(SolverStatus.UNBOUNDED, r.status(), r.toString());
        // min x1 with x1 free, no constraints
        LinearProgram lp2 = new LinearProgram(new double[]{1, 0}, null, null, null, null,
                new Bounds(new double[]{Double.NEGATIVE_INFINITY, 0}, new double[]{Double.POSITIVE_INFINITY, 1}));
        assertEquals(SolverStatus.UNBOUNDED, IP.solve(lp2).status());
    }

    @Test
    void unboundedAndInfeasibleQpsAreDetected() {
        // min 1/2 x1^2 - x2, x2 free above 0: Q d = 0 and c'd < 0 along d = (0, 1)
        QuadraticProgram unb = new QuadraticProgram(Matrix.diag(1, 0), new double[]{0, -1}, null, null, null, null,
                Bounds.nonNegative(2));
        assertEquals(SolverStatus.UNBOUNDED, IP.solve(unb).status(), IP.solve(unb).toString());
        // min 1/2 |x|^2 s.t. x1 + x2 <= -1, x >= 0
        QuadraticProgram inf = new QuadraticProgram(Matrix.identity(2), new double[2], null, null,
                Matrix.of(new double[]{1, 1}), new double[]{-1}, Bounds.nonNegative(2));
        assertEquals(SolverStatus.INFEASIBLE, IP.solve(inf).status(), IP.solve(inf).toString());
    }

    @Test
    void indefiniteQpIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QuadraticProgram(
                Matrix.of(new double[]{1, 0}, new double[]{0, -1}), new double[]{0, 0}, null, null, null, null,
                Bounds.box(2, -1, 1)));
        assertTrue(e.getMessage().contains("positive semi-definite"), e.getMessage());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LinearProgram(new double[]{1, 2},
                Matrix.of(new double[]{1, 2, 3}), new double[]{1}, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new LinearProgram(new double[]{1, 2},
                Matrix.of(new double[]{1, 2}), new double[]{1, 2}, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new LinearProgram(new double[]{1, Double.NaN},
                null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new LinearProgram(new double[]{1, 2},
                null, null, null, null, Bounds.nonNegative(3)));
        assertThrows(IllegalArgumentException.class, () -> new QuadraticProgram(Matrix.of(new double[]{1, 2},
                new double[]{0, 1}), new double[]{1, 2}, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new InteriorPoint(1e-10, 100, 1.5, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LinearProgram(
                new double[]{1, 2}, null, null, Matrix.of(new double[]{1, 2}), new double[]{1, 2}, null));
        assertTrue(e.getMessage().contains("A_ub"), e.getMessage());
    }
}
