package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.EPS;
import static dev.derive.linalg.TestMatrices.assertBelow;
import static dev.derive.linalg.TestMatrices.relErr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.testing.Fixtures;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LUTest {

    private static final Fixtures FX = Fixtures.load("linalg_lu_qr.txt");

    /** Checks the structure of the factors and ||PA - LU||_F / ||A||_F <= 1e-12. */
    private static void assertReconstructs(Matrix a, LU lu) {
        int n = a.rows();
        Matrix l = lu.l();
        Matrix u = lu.u();
        for (int i = 0; i < n; i++) {
            assertEquals(1.0, l.get(i, i));
            for (int j = i + 1; j < n; j++) {
                assertEquals(0.0, l.get(i, j));
                assertEquals(0.0, u.get(j, i));
            }
            for (int j = 0; j < i; j++) {
                assertTrue(Math.abs(l.get(i, j)) <= 1, "partial pivoting keeps |l_ij| <= 1");
            }
        }
        int[] p = lu.pivot();
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i], "pivot is a permutation");
        }
        Matrix pa = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                pa.set(i, j, a.get(p[i], j));
            }
        }
        assertEquals(0.0, lu.permutation().mmul(a).maxAbsDiff(pa), "permutation() A == A[p, :]");
        assertBelow(relErr(l.mmul(u), pa), 1e-12, "||PA - LU|| / ||A||");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 17, 64, 150})
    void reconstructsRandomMatrices(int n) {
        for (long seed = 1; seed <= 3; seed++) {
            Matrix a = Matrix.randn(n, n, new SplittableRandom(seed * 1000 + n));
            assertReconstructs(a, LU.of(a));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 9, 10, 11, 12})
    void hilbertMatrices(int n) {
        Matrix h = TestMatrices.hilbert(n);
        LU lu = LU.of(h);
        // LU with partial pivoting is backward stable, so the reconstruction is accurate however
        // ill-conditioned H is (cond2 up to 1.6e16 at n = 12).
        assertReconstructs(h, lu);
        // det(H) > 0 (H is positive definite)
        assertEquals(1, lu.detSign());
        if (n <= 11) {
            // rcond(H_11) = 8.1e-16 > eps: still solvable. A solve is backward stable: the residual is at the
            // rounding level relative to ||H|| ||x||, even though x itself carries error ~ cond * eps.
            assertFalse(lu.isSingular());
            double[] b = Matrix.randn(n, 1, new SplittableRandom(n)).columnArray(0);
            double[] x = lu.solve(b);
            double[] r = h.mvmul(x);
            for (int i = 0; i < n; i++) {
                r[i] -= b[i];
            }
            assertBelow(TestMatrices.norm2(r) / (h.normFrobenius() * TestMatrices.norm2(x)), 10 * n * EPS,
                    "relative residual of the Hilbert solve");
        } else {
            // rcond(H_12) = 2.5e-17 (scipy, exact): singular to working precision
            assertTrue(lu.isSingular());
            SingularMatrixException e = assertThrows(SingularMatrixException.class, () -> lu.solve(new double[n]));
            assertTrue(e.getMessage().contains("rcond") && e.getMessage().contains("12x12"), e.getMessage());
        }
    }

    @Test
    void rankDeficientMatrixIsSingularToWorkingPrecision() {
        Matrix a = TestMatrices.lowRank(8, 8, 3, 42);
        LU lu = LU.of(a);
        assertReconstructs(a, lu);
        assertTrue(lu.isSingular());
        assertTrue(lu.rcond() < EPS, "rcond " + lu.rcond());
        // the determinant of a rank-3 matrix is rounding noise: far below the product of its norms
        assertBelow(Math.abs(lu.det()), 1e-20 * Math.pow(a.normFrobenius(), 8), "|det| of a rank-3 matrix");
        SingularMatrixException e = assertThrows(SingularMatrixException.class, lu::inverse);
        assertTrue(e.getMessage().contains("8x8") && e.getMessage().contains("rcond"), e.getMessage());
        assertThrows(SingularMatrixException.class, () -> lu.solve(Matrix.identity(8)));
    }

    @Test
    void exactZeroPivot() {
        // rows 0 and 1 are proportional: after the swap, u_11 = 2 - 0.5 * 4 = 0 exactly
        Matrix a = Matrix.of(new double[]{1, 2}, new double[]{2, 4});
        LU lu = LU.of(a);
        assertEquals(0.0, lu.det());
        assertEquals(0, lu.detSign());
        assertEquals(Double.NEGATIVE_INFINITY, lu.logAbsDet());
        assertEquals(0.0, lu.rcond());
        assertTrue(lu.isSingular());
        assertReconstructs(a, lu);
        SingularMatrixException e = assertThrows(SingularMatrixException.class, () -> lu.solve(new double[]{1, 1}));
        assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("pivot 1")
                && e.getMessage().contains("exactly zero"), e.getMessage());

        LU zero = LU.of(Matrix.zeros(3, 3));
        assertEquals(0.0, zero.det());
        assertThrows(SingularMatrixException.class, zero::inverse);
    }

    @Test
    void smallExample() {
        // A = [[0, 2], [3, 4]]: one row swap, det = -6
        Matrix a = Matrix.of(new double[]{0, 2}, new double[]{3, 4});
        LU lu = LU.of(a);
        assertArrayEquals(new int[]{1, 0}, lu.pivot());
        assertEquals(-6.0, lu.det(), 1e-15);
        assertEquals(-1, lu.detSign());
        assertEquals(Math.log(6), lu.logAbsDet(), 1e-15);
        assertArrayEquals(new double[]{1, 1}, lu.solve(new double[]{2, 7}), 1e-15);
        Matrix inv = lu.inverse();
        assertEquals(0.0, inv.mmul(a).sub(Matrix.identity(2)).normMax(), 1e-15);
        // ||A||_1 = 6, ||A^-1||_1 = ||[[-2/3, 1/3], [1/2, 0]]||_1 = 7/6: rcond = 1/7
        assertEquals(6.0, lu.norm1());
        assertEquals(1.0 / 7, lu.rcond(), 1e-15);
    }

    @Test
    void doesNotModifyItsInputs() {
        Matrix a = Matrix.randn(6, 6, new SplittableRandom(5));
        Matrix a0 = a.copy();
        Matrix b = Matrix.randn(6, 2, new SplittableRandom(6));
        Matrix b0 = b.copy();
        double[] v = b.columnArray(0);
        double[] v0 = v.clone();
        LU lu = LU.of(a);
        lu.solve(b);
        lu.solve(v);
        lu.inverse();
        assertEquals(0.0, a.maxAbsDiff(a0));
        assertEquals(0.0, b.maxAbsDiff(b0));
        assertArrayEquals(v0, v);
        // repeated solves give identical answers (the factors are not consumed)
        assertEquals(0.0, lu.solve(b).maxAbsDiff(lu.solve(b)));
    }

    @Test
    void worksOnViews() {
        Matrix big = Matrix.randn(7, 7, new SplittableRandom(11));
        Matrix view = big.block(1, 2, 4, 4);
        LU lu = LU.of(view);
        assertReconstructs(view.copy(), lu);
        Matrix b = big.block(0, 0, 4, 2);
        Matrix x = lu.solve(b);
        assertBelow(relErr(view.mmul(x), b.copy()), 1e-12, "solve from a view");
    }

    // ---------------------------------------------------------------- reference values (numpy / scipy)

    @ParameterizedTest
    @ValueSource(strings = {"rand5", "rand9", "hilb8", "spd6"})
    void matchesNumpy(String name) {
        Matrix a = FX.matrix("A_" + name);
        Matrix b = FX.matrix("b_" + name);
        int n = a.rows();
        double cond2 = FX.scalar("cond2_" + name);
        LU lu = LU.of(a);
        // First-order perturbation theory: a backward error of size c n eps ||A|| moves det by a relative
        // |tr(A^-1 dA)| <= n cond eps and the solution, inverse and factors by ~ cond eps. With c = 10 and the
        // 2-norm condition number (1-norm condition numbers differ by at most a factor n) these are the bounds.
        double fwd = 10 * n * n * cond2 * EPS;
        assertBelow(Math.abs(lu.det() / FX.scalar("det_" + name) - 1), fwd, name + " det");
        double[] slog = FX.vector("slogdet_" + name);
        assertEquals((int) slog[0], lu.detSign(), name + " det sign");
        assertBelow(Math.abs(lu.logAbsDet() - slog[1]), fwd, name + " log|det|");
        assertBelow(relErr(lu.solve(b), FX.matrix("solve_" + name)), fwd, name + " solve");
        assertBelow(relErr(lu.inverse(), FX.matrix("inv_" + name)), fwd, name + " inverse");
        // scipy: A = P L U, so Derive's permutation (P A = L U) is scipy's P transposed; with no ties in
        // the pivot choice the permutation is the same exactly
        assertEquals(0.0, lu.permutation().maxAbsDiff(FX.matrix("lu_P_" + name).transpose()), name + " P");
        assertBelow(relErr(lu.l(), FX.matrix("lu_L_" + name)), fwd, name + " L");
        assertBelow(relErr(lu.u(), FX.matrix("lu_U_" + name)), fwd, name + " U");
        // rcond: the same dgecon estimator as scipy's, run on LU factors that agree to ~cond eps
        double gecon = FX.scalar("rcond_gecon_" + name);
        assertBelow(Math.abs(lu.rcond() / gecon - 1), Math.max(1e-12, fwd), name + " rcond vs scipy dgecon");
        // the estimator finds a lower bound on ||A^-1||_1, so it over-estimates rcond, by at most a factor 3
        // in practice (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 15.3)
        double exact = FX.scalar("rcond_" + name);
        assertTrue(lu.rcond() >= exact * (1 - fwd) && lu.rcond() <= 3 * exact,
                name + " rcond " + lu.rcond() + " vs exact " + exact);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void rejectsNonFiniteEntriesNamingThePosition() {
        Matrix a = Matrix.identity(3);
        a.set(1, 2, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LU.of(a));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("(1, 2)"), e.getMessage());
        a.set(1, 2, Double.NEGATIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> LU.of(a));
        assertTrue(e.getMessage().contains("Infinity") && e.getMessage().contains("(1, 2)"), e.getMessage());
    }

    @Test
    void rejectsNonSquareAndEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LU.of(Matrix.zeros(3, 4)));
        assertTrue(e.getMessage().contains("square") && e.getMessage().contains("3x4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LU.of(Matrix.zeros(0, 0)));
        assertTrue(e.getMessage().contains("non-empty"), e.getMessage());
    }

    @Test
    void rejectsMismatchedRightHandSidesNamingBothShapes() {
        LU lu = LU.of(Matrix.identity(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lu.solve(Matrix.zeros(4, 2)));
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("4x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lu.solve(new double[2]));
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("length 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> lu.solve(new double[]{1, Double.NaN, 0}));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("index 1"), e.getMessage());
    }
}
