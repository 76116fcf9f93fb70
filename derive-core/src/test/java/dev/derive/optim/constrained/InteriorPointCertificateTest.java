package dev.derive.optim.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.testing.Fixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The homogeneous self-dual embedding of {@link InteriorPoint}: infeasible and unbounded LPs and QPs (textbook
 * examples and a random infeasible system) end with a {@link Certificate} that this test verifies from the problem
 * data itself (Farkas: {@code z >= 0}, {@code -A_eq'y + A_ub'z_ub - z_lower + z_upper ~ 0}, {@code b_eq'y - b_ub'z_ub +
 * l'z_lower - u'z_upper > 0}; ray: {@code A_eq d ~ 0}, {@code A_ub d <= 0}, bound signs, {@code Q d ~ 0},
 * {@code c'd < 0}), both as the default's fallback and with the embedding alone; and feasible problems solved by the
 * embedding alone reach the reference optima (HiGHS LPs, cvxopt QPs) with KKT residuals {@code <= 1e-8}.
 */
class InteriorPointCertificateTest {

    static final InteriorPoint DEFAULT = InteriorPoint.defaults();
    static final InteriorPoint HSD = InteriorPoint.defaults().withHomogeneous(true);
    static final double INF = Double.POSITIVE_INFINITY;

    /** Checks Farkas multipliers from the data; returns the normalised value. */
    static void assertFarkas(QuadraticProgram qp, InteriorPointResult r) {
        assertEquals(SolverStatus.INFEASIBLE, r.status(), r.toString());
        Certificate c = r.certificate();
        assertNotNull(c, r.toString());
        assertEquals(Certificate.Kind.PRIMAL_INFEASIBLE, c.kind());
        int n = qp.dimension();
        double[] y = c.eqDuals();
        double[] zu = c.ineqDuals();
        double[] zl = c.lowerDuals();
        double[] zp = c.upperDuals();
        Matrix aEq = qp.aEq();
        Matrix aUb = qp.aUb();
        double scale = 0;
        for (double[] v : new double[][]{y, zu, zl, zp}) {
            for (double t : v) {
                scale = Math.max(scale, Math.abs(t));
            }
        }
        assertTrue(scale > 0, "a Farkas certificate is not zero");
        double value = 0;
        double[] stat = new double[n];
        for (int j = 0; j < n; j++) {
            stat[j] = -zl[j] + zp[j];
            assertTrue(zl[j] >= 0 && zp[j] >= 0, "bound multipliers >= 0");
            if (qp.bounds().lower(j) == Double.NEGATIVE_INFINITY) {
                assertEquals(0, zl[j], 0, "no multiplier on an infinite lower bound");
            } else {
                value += qp.bounds().lower(j) * zl[j];
            }
            if (qp.bounds().upper(j) == INF) {
                assertEquals(0, zp[j], 0, "no multiplier on an infinite upper bound");
            } else {
                value -= qp.bounds().upper(j) * zp[j];
            }
        }
        for (int i = 0; i < aEq.rows(); i++) {
            for (int j = 0; j < n; j++) {
                stat[j] -= aEq.get(i, j) * y[i];
            }
            value += qp.bEq()[i] * y[i];
        }
        for (int i = 0; i < aUb.rows(); i++) {
            assertTrue(zu[i] >= 0, "inequality multipliers >= 0");
            for (int j = 0; j < n; j++) {
                stat[j] += aUb.get(i, j) * zu[i];
            }
            value -= qp.bUb()[i] * zu[i];
        }
        double res = 0;
        for (double s : stat) {
            res = Math.max(res, Math.abs(s));
        }
        assertTrue(value > 0, "b_eq'y - b_ub'z_ub + l'z_lower - u'z_upper = " + value + " must be > 0");
        assertTrue(res <= 1e-8 * value, "|A'multipliers|_inf = " + res + " against value " + value);
        assertEquals(c.value(), value / scale, 1e-12 * (1 + Math.abs(value / scale)));
    }

    /** Checks a ray from the data. */
    static void assertRay(QuadraticProgram qp, InteriorPointResult r) {
        assertEquals(SolverStatus.UNBOUNDED, r.status(), r.toString());
        Certificate c = r.certificate();
        assertNotNull(c, r.toString());
        assertEquals(Certificate.Kind.DUAL_INFEASIBLE, c.kind());
        double[] d = c.ray();
        int n = qp.dimension();
        double norm = 0;
        double cd = 0;
        for (int j = 0; j < n; j++) {
            norm = Math.max(norm, Math.abs(d[j]));
            cd += qp.c()[j] * d[j];
        }
        assertEquals(1, norm, 1e-12, "the ray is normalised");
        assertTrue(cd < 0, "c'd = " + cd + " must be < 0");
        double tol = 1e-8 * -cd;
        for (double v : qp.aEq().mvmul(d)) {
            assertTrue(Math.abs(v) <= tol, "A_eq d = " + v);
        }
        for (double v : qp.aUb().mvmul(d)) {
            assertTrue(v <= tol, "A_ub d = " + v);
        }
        for (double v : qp.q().mvmul(d)) {
            assertTrue(Math.abs(v) <= tol, "Q d = " + v);
        }
        for (int j = 0; j < n; j++) {
            if (qp.bounds().lower(j) > Double.NEGATIVE_INFINITY) {
                assertTrue(d[j] >= -tol, "d_" + j + " = " + d[j] + " with a finite lower bound");
            }
            if (qp.bounds().upper(j) < INF) {
                assertTrue(d[j] <= tol, "d_" + j + " = " + d[j] + " with a finite upper bound");
            }
        }
    }

    static void infeasible(QuadraticProgram qp) {
        assertFarkas(qp, DEFAULT.solve(qp));
        assertFarkas(qp, HSD.solve(qp));
    }

    static void infeasible(LinearProgram lp) {
        assertFarkas(lp.toQuadratic(), DEFAULT.solve(lp));
        assertFarkas(lp.toQuadratic(), HSD.solve(lp));
    }

    static void unbounded(QuadraticProgram qp) {
        assertRay(qp, DEFAULT.solve(qp));
        assertRay(qp, HSD.solve(qp));
    }

    static void unbounded(LinearProgram lp) {
        assertRay(lp.toQuadratic(), DEFAULT.solve(lp));
        assertRay(lp.toQuadratic(), HSD.solve(lp));
    }

    @Test
    void infeasibleLpsHaveFarkasCertificates() {
        // x1 + x2 = -1, x >= 0
        infeasible(new LinearProgram(new double[]{1, 1}, Matrix.of(new double[]{1, 1}), new double[]{-1}, null, null,
                Bounds.nonNegative(2)));
        // x <= 1 and x >= 2 as inequality rows, x free
        infeasible(new LinearProgram(new double[]{1}, null, null, Matrix.of(new double[]{1}, new double[]{-1}),
                new double[]{1, -2}, null));
        // x1 + x2 <= 1 and x1 + x2 >= 3, x >= 0 (Chvatal-style)
        infeasible(new LinearProgram(new double[]{-1, -1}, null, null,
                Matrix.of(new double[]{1, 1}, new double[]{-1, -1}), new double[]{1, -3}, Bounds.nonNegative(2)));
        // x1 + x2 + x3 = 5 with 0 <= x <= 1: needs the upper-bound multipliers
        infeasible(new LinearProgram(new double[]{1, 2, 3}, Matrix.of(new double[]{1, 1, 1}), new double[]{5}, null,
                null, new Bounds(new double[3], new double[]{1, 1, 1})));
        // x <= -1 by an upper bound, x >= 0 by an inequality row (the reflected variable)
        infeasible(new LinearProgram(new double[]{1}, null, null, Matrix.of(new double[]{-1}), new double[]{0},
                new Bounds(new double[]{Double.NEGATIVE_INFINITY}, new double[]{-1})));
    }

    @Test
    void randomInfeasibleSystemHasAFarkasCertificate() {
        // rows a_1..a_k with b_i = a_i'x0 + 1, and the row -sum a_i with -sum b_i - 1: summing all gives 0 <= -1
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 12;
        int k = 15;
        double[][] rows = new double[k + 1][n];
        double[] rhs = new double[k + 1];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                rows[i][j] = rnd.nextDouble(-1, 1);
                rows[k][j] -= rows[i][j];
                rhs[i] += rows[i][j] * rnd.nextDouble(0, 2);
            }
            rhs[i] += 1;
            rhs[k] -= rhs[i];
        }
        rhs[k] -= 1;
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = rnd.nextDouble(-1, 1);
        }
        LinearProgram lp = new LinearProgram(c, null, null, Matrix.of(rows), rhs,
                new Bounds(new double[n], filled(n, 10)));
        infeasible(lp);
        infeasible(new QuadraticProgram(Matrix.identity(n), c, null, null, Matrix.of(rows), rhs, null));
    }

    @Test
    void unboundedLpsHaveRays() {
        // min -x1 s.t. x1 - x2 <= 1, x >= 0: ray (1, 1)
        unbounded(new LinearProgram(new double[]{-1, 0}, null, null, Matrix.of(new double[]{1, -1}), new double[]{1},
                Bounds.nonNegative(2)));
        // min x1, x1 free, 0 <= x2 <= 1: ray (-1, 0)
        unbounded(new LinearProgram(new double[]{1, 0}, null, null, null, null,
                new Bounds(new double[]{Double.NEGATIVE_INFINITY, 0}, new double[]{INF, 1})));
        // min -x1 - 2 x2 s.t. -x1 + x2 <= 2, -2 x1 + x2 <= 1, x >= 0: ray (1, 1)
        unbounded(new LinearProgram(new double[]{-1, -2}, null, null,
                Matrix.of(new double[]{-1, 1}, new double[]{-2, 1}), new double[]{2, 1}, Bounds.nonNegative(2)));
        // min -x2 s.t. x1 - x2 + x3 = 0, x >= 0, x3 <= 1: ray (1, 1, 0)
        unbounded(new LinearProgram(new double[]{0, -1, 0}, Matrix.of(new double[]{1, -1, 1}), new double[]{0}, null,
                null, new Bounds(new double[3], new double[]{INF, INF, 1})));
    }

    @Test
    void unboundedAndInfeasibleQps() {
        // min 1/2 x1^2 - x2, x >= 0: ray (0, 1) with Q d = 0
        unbounded(new QuadraticProgram(Matrix.diag(1, 0), new double[]{0, -1}, null, null, null, null,
                Bounds.nonNegative(2)));
        // min 1/2 (x1 - x2)^2 - x1 - x2 s.t. x1 - x2 <= 3, x >= 0: ray (1, 1), Q d = 0
        unbounded(new QuadraticProgram(Matrix.of(new double[]{1, -1}, new double[]{-1, 1}), new double[]{-1, -1},
                null, null, Matrix.of(new double[]{1, -1}), new double[]{3}, Bounds.nonNegative(2)));
        // min 1/2 |x|^2 s.t. x1 + x2 <= -1, x >= 0
        infeasible(new QuadraticProgram(Matrix.identity(2), new double[2], null, null, Matrix.of(new double[]{1, 1}),
                new double[]{-1}, Bounds.nonNegative(2)));
        // min 1/2 |x|^2 + c'x s.t. x1 + x2 + x3 = 5, 0 <= x <= 1
        infeasible(new QuadraticProgram(Matrix.identity(3), new double[]{1, -1, 0.5}, Matrix.of(new double[]{1, 1, 1}),
                new double[]{5}, null, null, new Bounds(new double[3], new double[]{1, 1, 1})));
    }

    @Test
    void feasibleProblemsKeepTheirOptimaWithTheEmbedding() {
        Fixtures lps = Fixtures.load("optim_lp_highs.txt");
        for (int k = 0; k < (int) lps.scalar("count"); k++) {
            LinearProgram lp = new LinearProgram(lps.vector("c_" + k), lps.matrix("A_eq_" + k),
                    lps.vector("b_eq_" + k), lps.matrix("A_ub_" + k), lps.vector("b_ub_" + k),
                    new Bounds(lps.vector("lb_" + k), lps.vector("ub_" + k)));
            InteriorPointResult r = HSD.solve(lp);
            InteriorPointTest.assertKkt(lp.toQuadratic(), r, 1e-8);
            assertNull(r.certificate());
            double fun = lps.scalar("fun_" + k);
            assertEquals(fun, r.primalObjective(), 1e-9 * (1 + Math.abs(fun)), "LP " + k + ": " + r);
        }
        Fixtures qps = Fixtures.load("optim_qp_cvxopt.txt");
        for (int k = 0; k < 2; k++) { // n = 50 and 100
            QuadraticProgram qp = InteriorPointQpRegressionTest.problem((long) qps.scalar("seed_" + k),
                    (int) qps.scalar("n_" + k), qps.scalar("push_" + k));
            InteriorPointResult r = HSD.solve(qp);
            InteriorPointTest.assertKkt(qp, r, 1e-8);
            double fun = qps.scalar("fun_" + k);
            assertEquals(fun, r.primalObjective(), 1e-8 * Math.abs(fun), "QP " + k + ": " + r);
        }
    }

    @Test
    void certificateChecksRejectWrongCandidates() {
        QuadraticProgram qp = new LinearProgram(new double[]{1, 1}, Matrix.of(new double[]{1, 1}), new double[]{-1},
                null, null, Bounds.nonNegative(2)).toQuadratic();
        // y = -1, z_lower = (1, 1): -A'y - z = 0 and b'y = 1 > 0
        assertTrue(Certificate.farkas(qp, new double[]{-1}, new double[0], new double[]{1, 1}, new double[2]).valid());
        // the wrong sign of y is no certificate
        assertTrue(!Certificate.farkas(qp, new double[]{1}, new double[0], new double[]{-1, -1}, new double[2])
                .valid());
        // a direction leaving the feasible set is no ray
        assertTrue(!Certificate.ray(qp, new double[]{-1, 0}).valid());
    }

    private static double[] filled(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }
}
