package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Lsqr}: the normal equations {@code A'(b - A x) - damp^2 x = 0} hold at the returned {@code x} (computed here
 * from the operator, not from LSQR's estimates), the solution equals the dense reference (Tikhonov by the SVD:
 * {@code (A'A + damp^2 I)^-1 A'b}, or {@code A+ b} for {@code damp = 0}), the residual estimates equal the residuals,
 * and each stopping rule fires when it should.
 */
class LsqrTest {

    /** A random {@code m x n} sparse matrix of density {@code d} (Gaussian values), at least one entry per column. */
    static SparseMatrix sparse(int m, int n, double d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int t = (int) (m * n * d) + n;
        int[] ii = new int[t];
        int[] jj = new int[t];
        double[] vv = new double[t];
        for (int k = 0; k < t; k++) {
            ii[k] = r.nextInt(m);
            jj[k] = k < n ? k : r.nextInt(n);
            vv[k] = r.nextGaussian() + (k < n ? 3 : 0);
        }
        return SparseMatrix.fromTriplets(m, n, ii, jj, vv);
    }

    static double[] randn(int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            b[i] = r.nextGaussian();
        }
        return b;
    }

    /** {@code ||A'(b - A x) - damp^2 x||} from the matrix itself. */
    static double normalResidual(Matrix a, double[] b, double[] x, double damp) {
        double[] r = a.mvmul(x);
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] - r[i];
        }
        double[] g = a.tmvmul(r);
        for (int j = 0; j < g.length; j++) {
            g[j] -= damp * damp * x[j];
        }
        return TestMatrices.norm2(g);
    }

    static double residual(Matrix a, double[] b, double[] x) {
        double[] r = a.mvmul(x);
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] - r[i];
        }
        return TestMatrices.norm2(r);
    }

    @Test
    void normalEquationsHoldAndTheSolutionIsTheDenseOne() {
        // tall, square-ish, wide; sparse and dense operators; damp 0 and > 0
        int[][] shapes = {{300, 40}, {120, 100}, {60, 150}};
        for (int[] sh : shapes) {
            for (double damp : new double[] {0, 0.3, 3}) {
                SparseMatrix s = sparse(sh[0], sh[1], 0.05, sh[0] * 31L + sh[1]);
                Matrix a = s.toDense();
                double[] b = randn(sh[0], 7 + sh[1]);
                double[] ref = Tikhonov.of(a).solve(b, damp * damp);
                for (boolean dense : new boolean[] {false, true}) {
                    Lsqr.Operator op = dense ? Lsqr.Operator.of(a) : Lsqr.Operator.of(s);
                    Lsqr.Result res = Lsqr.solve(op, b, damp, 1e-14, 1e-14, 1e12, 10_000);
                    String what = sh[0] + "x" + sh[1] + " damp " + damp + (dense ? " dense" : " sparse") + ": " + res.stop() + " in "
                            + res.iterations();
                    assertTrue(res.stop().converged(), what);
                    double anorm = a.normFrobenius();
                    double scale = anorm * (anorm * TestMatrices.norm2(res.x()) + TestMatrices.norm2(b));
                    double nr = normalResidual(a, b, res.x(), damp);
                    assertTrue(nr <= 1e-11 * scale, what + ": normal-equation residual " + nr + " vs scale " + scale);
                    double err = TestMatrices.relErr(res.x(), ref);
                    // wide with damp = 0: the minimum-norm solution A+ b (LSQR from 0 stays in the row space)
                    assertTrue(err < 1e-9, what + ": relative error against the SVD solution " + err);
                    // the estimates are the true norms
                    double rn = residual(a, b, res.x());
                    assertEquals(rn, res.residualNorm(), 1e-8 * TestMatrices.norm2(b) + 1e-6 * rn, what + " ||r||");
                    assertEquals(TestMatrices.norm2(res.x()), res.normX(), 1e-14 * res.normX(), what + " ||x||");
                    double rbar = Math.sqrt(rn * rn + damp * damp * res.normX() * res.normX());
                    assertEquals(rbar, res.dampedResidualNorm(), 1e-8 * TestMatrices.norm2(b), what + " ||rbar||");
                }
            }
        }
    }

    @Test
    void compatibleSystemStopsByS1AndLeastSquaresByS2() {
        SparseMatrix s = sparse(80, 80, 0.1, 3);
        Matrix a = s.toDense();
        double[] xTrue = randn(80, 4);
        double[] b = a.mvmul(xTrue);
        Lsqr.Result c = Lsqr.solve(Lsqr.Operator.of(s), b, 0, 1e-12, 1e-12, 1e14, 5000);
        assertEquals(Lsqr.Stop.COMPATIBLE, c.stop());
        // S1 holds on the recurrence's estimate of ||r||; the computed residual stalls near eps cond(A) ||b||, above 1e-12
        double rc = residual(a, b, c.x());
        assertTrue(c.dampedResidualNorm() <= 1e-12 * TestMatrices.norm2(b) + 1e-12 * c.normA() * c.normX(), "S1 estimate");
        assertTrue(rc <= 1e-8 * TestMatrices.norm2(b), "S1 residual " + rc + " of ||b|| = " + TestMatrices.norm2(b));
        assertTrue(TestMatrices.relErr(c.x(), xTrue) < 1e-6, "x against the true solution " + TestMatrices.relErr(c.x(), xTrue));
        // an inconsistent tall system cannot meet S1: S2 stops it, the gradient relative to ||A|| ||r|| below atol
        SparseMatrix t = sparse(200, 30, 0.1, 5);
        double[] bt = randn(200, 6);
        Lsqr.Result ls = Lsqr.solve(Lsqr.Operator.of(t), bt, 0, 1e-10, 1e-10, 1e14, 5000);
        assertEquals(Lsqr.Stop.LEAST_SQUARES, ls.stop());
        Matrix td = t.toDense();
        double trueAr = normalResidual(td, bt, ls.x(), 0);
        assertTrue(trueAr <= 1.01e-10 * ls.normA() * ls.residualNorm(), "S2: " + trueAr);
        assertEquals(trueAr, ls.normalResidualNorm(), 1e-3 * ls.normA() * ls.residualNorm() * 1e-10 + 0.5 * trueAr,
                "the ||A'r|| estimate");
    }

    @Test
    void zeroRightHandSideAndOrthogonalRightHandSide() {
        SparseMatrix s = sparse(30, 10, 0.2, 8);
        Lsqr.Result z = Lsqr.solve(Lsqr.Operator.of(s), new double[30], 1, 1e-8, 1e-8, 1e8, 100);
        assertEquals(Lsqr.Stop.ZERO_SOLUTION, z.stop());
        assertArrayEquals(new double[10], z.x());
        // b orthogonal to the range of A: A'b = 0, x = 0
        Matrix a = Matrix.zeros(3, 2);
        a.set(0, 0, 1);
        a.set(1, 1, 2);
        Lsqr.Result o = Lsqr.solve(Lsqr.Operator.of(a), new double[] {0, 0, 5}, 0, 1e-8, 1e-8, 1e8, 100);
        assertEquals(Lsqr.Stop.ZERO_SOLUTION, o.stop());
        assertEquals(0, o.iterations());
        assertEquals(5, o.residualNorm(), 0);
    }

    @Test
    void iterationLimitAndConditionLimit() {
        SparseMatrix s = sparse(200, 60, 0.05, 9);
        double[] b = randn(200, 10);
        Lsqr.Result it = Lsqr.solve(Lsqr.Operator.of(s), b, 0, 1e-15, 1e-15, 1e14, 3);
        assertEquals(Lsqr.Stop.ITERATION_LIMIT, it.stop());
        assertEquals(3, it.iterations());
        assertTrue(!it.stop().converged());
        // a badly conditioned matrix (Hilbert 12: cond ~ 1e16) with a modest conlim stops by S3
        Matrix h = TestMatrices.hilbert(12);
        Lsqr.Result c = Lsqr.solve(Lsqr.Operator.of(h), randn(12, 11), 0, 1e-16, 1e-16, 1e4, 1000);
        assertEquals(Lsqr.Stop.ILL_CONDITIONED, c.stop());
        assertTrue(c.condA() >= 1e4, "cond " + c.condA());
        // zero iterations allowed: x = 0
        Lsqr.Result none = Lsqr.solve(Lsqr.Operator.of(s), b, 0, 1e-8, 1e-8, 1e8, 0);
        assertEquals(Lsqr.Stop.ITERATION_LIMIT, none.stop());
        assertArrayEquals(new double[60], none.x());
    }

    @Test
    void deterministic() {
        SparseMatrix s = sparse(500, 200, 0.02, 12);
        double[] b = randn(500, 13);
        Lsqr.Result r1 = Lsqr.solve(Lsqr.Operator.of(s), b, 0.1, 1e-12, 1e-12, 1e8, 1000);
        Lsqr.Result r2 = Lsqr.solve(Lsqr.Operator.of(s), b, 0.1, 1e-12, 1e-12, 1e8, 1000);
        assertArrayEquals(r1.x(), r2.x(), 0);
        assertEquals(r1.iterations(), r2.iterations());
    }

    @Test
    void badArgumentsAreNamed() {
        SparseMatrix s = sparse(20, 5, 0.2, 14);
        Lsqr.Operator op = Lsqr.Operator.of(s);
        double[] b = randn(20, 15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lsqr.solve(op, new double[3], 0, 1e-8, 1e-8, 1e8, 10))
                .getMessage().contains("length 3"));
        double[] nan = b.clone();
        nan[4] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lsqr.solve(op, nan, 0, 1e-8, 1e-8, 1e8, 10))
                .getMessage().contains("b[4]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lsqr.solve(op, b, -1, 1e-8, 1e-8, 1e8, 10))
                .getMessage().contains("damp"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lsqr.solve(op, b, 0, -1, 1e-8, 1e8, 10))
                .getMessage().contains("atol"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lsqr.solve(op, b, 0, 1e-8, 1e-8, 0, 10))
                .getMessage().contains("conlim"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lsqr.solve(op, b, 0, 1e-8, 1e-8, 1e8, -1))
                .getMessage().contains("maxIter"));
    }
}
