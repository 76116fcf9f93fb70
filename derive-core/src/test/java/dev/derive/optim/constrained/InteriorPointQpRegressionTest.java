package dev.derive.optim.constrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Regression for the dense-QP stall (the primal regularisation of {@code K = H + Z/Y + V/W} was relative to its
 * largest diagonal, i.e. to the barrier terms that grow like 1/mu, so near the solution it swamped H on the
 * inactive variables and the dual residual grew back; the solver ran out of iterations). Random dense convex QPs
 * of the benchmark's kind, n = 50..200: {@code Q = G'G/n + 0.1 I}, n/2 inequality and n/5 equality rows of
 * density 0.3, lower bounds 0 or -5, upper bounds 10 or inf (one problem with a cost driving variables to their
 * upper bounds). The data are regenerated here from splitmix64 exactly as tools/gen_ip_qp_fixtures.py draws them
 * (checksums in the fixture confirm it); the optima in {@code optim_qp_cvxopt.txt} are cvxopt's solvers.qp
 * solution polished on its active set. Checked: status OPTIMAL, KKT residuals {@code <= 1e-8}, objective equal to
 * the reference to 1e-8 relative, solution to 1e-6.
 */
class InteriorPointQpRegressionTest {

    /** splitmix64 (Steele, Lea &amp; Flood 2014) with uniforms {@code (z >>> 11) 2^-53}. */
    static final class SplitMix64 {
        long s;

        SplitMix64(long seed) {
            s = seed;
        }

        double uniform() {
            s += 0x9E3779B97F4A7C15L;
            long z = s;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53;
        }
    }

    /** The generator of tools/gen_ip_qp_fixtures.py, same draw order. */
    static QuadraticProgram problem(long seed, int n, double push) {
        SplitMix64 r = new SplitMix64(seed);
        int mUb = n / 2;
        int mEq = n / 5;
        Matrix aUb = sparse(r, mUb, n);
        Matrix aEq = sparse(r, mEq, n);
        double[] lb = new double[n];
        double[] ub = new double[n];
        double[] x0 = new double[n];
        for (int j = 0; j < n; j++) {
            lb[j] = r.uniform() < 0.8 ? 0 : -5;
        }
        for (int j = 0; j < n; j++) {
            ub[j] = r.uniform() < 0.5 ? 10 : Double.POSITIVE_INFINITY;
        }
        for (int j = 0; j < n; j++) {
            x0[j] = lb[j] + 0.1 + 0.9 * r.uniform();
        }
        double[] bUb = aUb.mvmul(x0);
        for (int i = 0; i < mUb; i++) {
            double u1 = r.uniform();
            double u2 = r.uniform();
            bUb[i] += u1 < 0.7 ? u2 : 0;
        }
        double[] bEq = aEq.mvmul(x0);
        double[] y = new double[mEq];
        for (int i = 0; i < mEq; i++) {
            y[i] = 2 * r.uniform() - 1;
        }
        double[] mu = new double[mUb];
        for (int i = 0; i < mUb; i++) {
            mu[i] = r.uniform();
        }
        double[] c = new double[n];
        for (int j = 0; j < n; j++) {
            c[j] = r.uniform();                       // z_lower
        }
        for (int j = 0; j < n; j++) {
            double zu = r.uniform();
            if (ub[j] < Double.POSITIVE_INFINITY) {
                c[j] -= zu;
            }
        }
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < mEq; i++) {
                s += aEq.get(i, j) * y[i];
            }
            for (int i = 0; i < mUb; i++) {
                s -= aUb.get(i, j) * mu[i];
            }
            c[j] += s;
        }
        Matrix g = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g.set(i, j, Math.sqrt(3.0) * (2 * r.uniform() - 1));
            }
        }
        Matrix q = g.tmmul(g).scale(1.0 / n);
        for (int j = 0; j < n; j++) {
            q.set(j, j, q.get(j, j) + 0.1);
        }
        for (int j = 0; j < n; j++) {
            c[j] -= push * r.uniform();
        }
        return new QuadraticProgram(q, c, aEq, bEq, aUb, bUb, new Bounds(lb, ub));
    }

    private static Matrix sparse(SplitMix64 r, int rows, int n) {
        Matrix a = Matrix.zeros(rows, n);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double val = 2 * r.uniform() - 1;
                if (r.uniform() < 0.3) {
                    a.set(i, j, val);
                }
            }
        }
        return a;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    @Test
    void randomDenseQpsMatchCvxopt() {
        Fixtures fx = Fixtures.load("optim_qp_cvxopt.txt");
        int count = (int) fx.scalar("count");
        assertEquals(5, count);
        for (int k = 0; k < count; k++) {
            int n = (int) fx.scalar("n_" + k);
            QuadraticProgram qp = problem((long) fx.scalar("seed_" + k), n, fx.scalar("push_" + k));
            // the Java generator reproduces the Python data (up to rounding of the matrix products)
            assertEquals(fx.scalar("sum_c_" + k), sum(qp.c()), 1e-10 * n, "checksum c, problem " + k);
            assertEquals(fx.scalar("sum_bub_" + k), sum(qp.bUb()), 1e-10 * n, "checksum b_ub, problem " + k);
            assertEquals(fx.scalar("sum_beq_" + k), sum(qp.bEq()), 1e-10 * n, "checksum b_eq, problem " + k);
            double tr = 0;
            for (int j = 0; j < n; j++) {
                tr += qp.q().get(j, j);
            }
            assertEquals(fx.scalar("trace_q_" + k), tr, 1e-10 * n, "checksum trace Q, problem " + k);

            InteriorPointResult r = InteriorPoint.defaults().solve(qp);
            InteriorPointTest.assertKkt(qp, r, 1e-8);
            assertTrue(r.iterations() <= 60, "problem " + k + " took " + r.iterations() + " iterations");
            double fun = fx.scalar("fun_" + k);
            assertEquals(fun, r.primalObjective(), 1e-8 * Math.abs(fun), "objective, problem " + k);
            assertEquals(fx.scalar("fun_cvxopt_" + k), r.primalObjective(), 1e-8 * Math.abs(fun),
                    "cvxopt's own objective, problem " + k);
            assertArrayEquals(fx.vector("x_" + k), r.x(), 1e-6, "solution, problem " + k);
        }
    }
}
