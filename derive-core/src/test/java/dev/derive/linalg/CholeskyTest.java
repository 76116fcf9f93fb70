package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.EPS;
import static dev.derive.linalg.TestMatrices.assertBelow;
import static dev.derive.linalg.TestMatrices.relErr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.testing.Fixtures;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CholeskyTest {

    private static final Fixtures FX = Fixtures.load("linalg_lu_qr.txt");

    /** B'B + I for a Gaussian m x n B. */
    private static Matrix spd(int m, int n, long seed) {
        Matrix b = Matrix.randn(m, n, new SplittableRandom(seed));
        return b.gram().addi(Matrix.identity(n));
    }

    private static void assertLowerWithPositiveDiagonal(Matrix l) {
        for (int i = 0; i < l.rows(); i++) {
            assertTrue(l.get(i, i) > 0);
            for (int j = i + 1; j < l.cols(); j++) {
                assertEquals(0.0, l.get(i, j));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 20, 80})
    void reconstructsRandomSpdMatrices(int n) {
        for (long seed = 1; seed <= 3; seed++) {
            Matrix a = spd(n + 3, n, seed * 100 + n);
            Cholesky c = Cholesky.of(a);
            Matrix l = c.l();
            assertLowerWithPositiveDiagonal(l);
            assertBelow(relErr(l.mmult(l), a), 1e-12, "||A - LL'|| / ||A||");
            assertEquals(0.0, c.jitter());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 9, 10, 11, 12})
    void hilbertMatrices(int n) {
        // Cholesky is backward stable whenever it runs to completion: ||A - LL'|| <= c n eps ||A||. H_12
        // (cond2 1.6e16) is still factored here, as it is by numpy.
        Matrix h = TestMatrices.hilbert(n);
        Cholesky c = Cholesky.of(h);
        Matrix l = c.l();
        assertLowerWithPositiveDiagonal(l);
        assertBelow(relErr(l.mmult(l), h), 1e-12, "||H - LL'|| / ||H||");
    }

    @Test
    void withJitterFactorsASemiDefiniteMatrix() {
        // rank 3 Gram matrix of order 8: positive semi-definite, singular
        Matrix b = Matrix.randn(3, 8, new SplittableRandom(9));
        Matrix a = b.gram();
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.of(a));
        assertTrue(e.failedMinor() >= 4 && e.failedMinor() <= 8, "failed minor " + e.failedMinor());
        assertTrue(e.getMessage().contains("8x8") && e.getMessage().contains("order " + e.failedMinor()),
                e.getMessage());

        Cholesky c = Cholesky.withJitter(a, 1e-10, 8);
        double meanDiag = a.trace() / 8;
        assertTrue(c.jitter() > 0);
        assertEquals(c.relativeJitter() * meanDiag, c.jitter(), 1e-15 * c.jitter());
        // the relative jitters tried are 1e-10, 1e-9, ...: the one used is one of them
        double k = Math.log10(c.relativeJitter() / 1e-10);
        assertEquals(Math.rint(k), k, 1e-9);
        Matrix shifted = a.add(Matrix.identity(8).scalei(c.jitter()));
        Matrix l = c.l();
        assertBelow(relErr(l.mmult(l), shifted), 1e-12, "||A + jitter I - LL'|| / ||A + jitter I||");
        // log det refers to the jittered matrix. Both factorisations are backward stable (perturbation E with
        // ||E|| <= n eps ||A||), and d log det = tr(A^-1 E) <= n ||A^-1|| ||E||, with ||A^-1|| <= 1 / jitter for
        // the shifted semi-definite matrix: the two log determinants may differ by up to n^2 eps ||A|| / jitter
        // (about 1e-4 here, where five eigenvalues equal the jitter); observed differences are ~1e-6.
        double logDetTol = 8 * 8 * Math.ulp(1.0) * shifted.normFrobenius() / c.jitter();
        assertEquals(LU.of(shifted).logAbsDet(), c.logDet(), logDetTol);
    }

    @Test
    void withJitterNeedsNoneForAPositiveDefiniteMatrix() {
        Matrix a = spd(8, 5, 3);
        Cholesky c = Cholesky.withJitter(a, 1e-8, 5);
        assertEquals(0.0, c.jitter());
        assertEquals(0.0, c.relativeJitter());
        assertEquals(0.0, c.l().maxAbsDiff(Cholesky.of(a).l()));
    }

    @Test
    void withJitterGivesUpOnAnIndefiniteMatrix() {
        Matrix a = Matrix.diag(1, 2, -3);
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class,
                () -> Cholesky.withJitter(a, 1e-8, 3));
        assertEquals(3, e.failedMinor());
        String m = e.getMessage();
        assertTrue(m.contains("3x3") && m.contains("tried without jitter") && m.contains("1.00e-08")
                && m.contains("1.00e-06") && m.contains("mean|diag| = 2") && m.contains("order 3"), m);
        assertThrows(IllegalArgumentException.class, () -> Cholesky.withJitter(a, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Cholesky.withJitter(a, Double.NaN, 3));
        assertThrows(IllegalArgumentException.class, () -> Cholesky.withJitter(a, 1e-8, -1));
    }

    @Test
    void withJitterOnAZeroDiagonalUsesAbsoluteJitter() {
        // the zero matrix is semi-definite with mean|diag| = 0: the jitter scale falls back to 1
        Cholesky c = Cholesky.withJitter(Matrix.zeros(3, 3), 1e-6, 2);
        assertEquals(1e-6, c.jitter());
        assertEquals(0.0, c.l().sub(Matrix.identity(3).scalei(1e-3)).normMax(), 1e-18);
    }

    @Test
    void solvesDeterminantsAndInverse() {
        Matrix a = spd(12, 7, 21);
        Cholesky c = Cholesky.of(a);
        LU lu = LU.of(a);
        double cond = 1 / lu.rcond() * 3; // dgecon's rcond over-estimates by at most ~3x
        double fwd = 10 * 7 * cond * EPS;
        Matrix b = Matrix.randn(7, 3, new SplittableRandom(22));
        assertBelow(relErr(c.solve(b), lu.solve(b)), fwd, "Cholesky solve vs LU solve");
        double[] v = b.columnArray(1);
        assertBelow(relErr(c.solve(v), lu.solve(v)), fwd, "vector solve");
        assertBelow(Math.abs(c.logDet() - lu.logAbsDet()), fwd, "logDet");
        assertBelow(Math.abs(c.det() / lu.det() - 1), fwd, "det");
        Matrix inv = c.inverse();
        assertTrue(inv.isSymmetric(0), "inverse is exactly symmetric");
        assertBelow(inv.mmul(a).sub(Matrix.identity(7)).normMax(), fwd, "A^-1 A - I");
        // solveLower: L (L^-1 b) = b
        double[] y = c.solveLower(v);
        assertBelow(relErr(c.l().mvmul(y), v), 10 * 7 * EPS * cond, "L L^-1 b");
        Matrix ym = c.solveLower(b);
        assertArrayEquals(y, ym.columnArray(1), 1e-15 * TestMatrices.norm2(y));
        // y'y = b' A^-1 b, the Gaussian-process data-fit term
        double quad = 0;
        double[] x = c.solve(v);
        for (int i = 0; i < 7; i++) {
            quad += v[i] * x[i];
        }
        assertEquals(quad, TestMatrices.norm2(y) * TestMatrices.norm2(y), fwd * Math.abs(quad));
    }

    @Test
    void factorsTheSymmetricPartAfterTheSymmetryCheck() {
        Matrix a = spd(6, 4, 31);
        Matrix a0 = a.copy();
        // perturb the upper triangle within the tolerance: the factor is that of (A + A')/2
        a.set(0, 3, a.get(0, 3) + 1e-12 * a.normMax());
        Matrix sym = a.add(a.transpose()).scale(0.5);
        assertEquals(0.0, Cholesky.of(a).l().maxAbsDiff(Cholesky.of(sym).l()));
        assertTrue(Cholesky.of(a).l().maxAbsDiff(Cholesky.of(a0).l()) < 1e-10);
        assertEquals(a0.get(0, 3) + 1e-12 * a0.normMax(), a.get(0, 3), "input not modified");
    }

    // ---------------------------------------------------------------- reference values

    @ParameterizedTest
    @ValueSource(strings = {"spd6", "hilb8"})
    void matchesNumpy(String name) {
        Matrix a = FX.matrix("A_" + name);
        int n = a.rows();
        double cond2 = FX.scalar("cond2_" + name);
        Cholesky c = Cholesky.of(a);
        // Perturbation bound for the Cholesky factor: ||dL||/||L|| <= ~ cond2(A) ||dA||/||A|| (Sun 1991;
        // Higham, section 10.1), with ||dA|| <= c n eps ||A|| from backward stability.
        double fwd = 10 * n * cond2 * EPS;
        assertBelow(relErr(c.l(), FX.matrix("chol_L_" + name)), fwd, name + " L");
        assertBelow(relErr(c.solve(FX.matrix("b_" + name)), FX.matrix("cholsolve_" + name)), fwd, name + " solve");
        assertBelow(Math.abs(c.logDet() - FX.vector("slogdet_" + name)[1]), n * fwd, name + " logDet");
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void rejectsNonSymmetricNamingTheWorstPair() {
        Matrix a = spd(5, 3, 1);
        a.set(2, 0, a.get(2, 0) + 0.5);
        a.set(1, 0, a.get(1, 0) + 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cholesky.of(a));
        assertTrue(e.getMessage().contains("not symmetric") && e.getMessage().contains("a(2, 0)")
                && e.getMessage().contains("a(0, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cholesky.withJitter(a, 1e-8, 3));
    }

    @Test
    void indefiniteNamesTheFailingMinor() {
        // leading 2x2 minor [[4, 2], [2, 1]] has determinant 0: dpotrf stops at order 2
        Matrix a = Matrix.of(new double[]{4, 2, 0}, new double[]{2, 1, 0}, new double[]{0, 0, 1});
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.of(a));
        assertEquals(2, e.failedMinor());
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("not positive definite")
                && e.getMessage().contains("order 2"), e.getMessage());
        NotPositiveDefiniteException e3 = assertThrows(NotPositiveDefiniteException.class,
                () -> Cholesky.of(Matrix.diag(1, 1, -1)));
        assertEquals(3, e3.failedMinor());
    }

    @Test
    void rejectsNonFiniteNonSquareAndMismatchedInput() {
        Matrix a = Matrix.identity(3);
        a.set(2, 1, Double.POSITIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cholesky.of(a));
        assertTrue(e.getMessage().contains("Infinity") && e.getMessage().contains("(2, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Cholesky.of(Matrix.zeros(2, 3)));
        assertTrue(e.getMessage().contains("square") && e.getMessage().contains("2x3"), e.getMessage());
        Cholesky c = Cholesky.of(Matrix.identity(3));
        e = assertThrows(IllegalArgumentException.class, () -> c.solve(Matrix.zeros(2, 1)));
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("2x1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.solveLower(new double[4]));
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("length 4"), e.getMessage());
    }
}
