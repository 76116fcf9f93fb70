package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.backward;
import static dev.derive.linalg.TestMatrices.hilbert;
import static dev.derive.linalg.TestMatrices.orthonormalityError;
import static dev.derive.linalg.TestMatrices.symmetric;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymmetricEigenTest {

    /** {@code ||A V - V diag(w)||_F / ||A||_F}. */
    static double residual(Matrix a, SymmetricEigen e) {
        Matrix v = e.vectors();
        return a.mmul(v).sub(v.mulRowVector(e.values())).normFrobenius() / a.normFrobenius();
    }

    static void assertAscending(double[] w) {
        for (int i = 1; i < w.length; i++) {
            assertTrue(w[i - 1] <= w[i], "eigenvalues not ascending at " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 10, 20, 60})
    void fullDecompositionOfRandomSymmetricMatrices(int n) {
        Matrix a = symmetric(n, 500 + n);
        SymmetricEigen e = SymmetricEigen.of(a);
        assertEquals(n, e.size());
        assertEquals(n, e.count());
        assertEquals(n, e.vectors().rows());
        assertEquals(n, e.vectors().cols());
        assertAscending(e.values());
        assertTrue(residual(a, e) <= 1e-12, "residual " + residual(a, e));
        assertTrue(orthonormalityError(e.vectors()) <= 1e-12);
        assertTrue(e.reconstruct().sub(a).normFrobenius() <= 1e-12 * a.normFrobenius());
        // values-only path: same eigenvalues to Weyl's bound (both backward stable)
        double[] w = SymmetricEigen.values(a);
        double[] w2 = e.values();
        double norm = TestMatrices.norm2(a);
        for (int i = 0; i < n; i++) {
            assertEquals(w2[i], w[i], 2 * backward(n, n) * norm);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 10, 12})
    void hilbertMatrices(int n) {
        // eigenvalues down to ~1e-17 (below eps ||H||), so only absolute accuracy eps ||H|| is meaningful;
        // residual and orthogonality are backward-error quantities and hold to ~eps
        Matrix h = hilbert(n);
        SymmetricEigen e = SymmetricEigen.of(h);
        assertTrue(residual(h, e) <= 1e-12);
        assertTrue(orthonormalityError(e.vectors()) <= 1e-12);
        double[] w = e.values();
        assertTrue(w[0] > -backward(n, n) * w[n - 1], "H is positive definite; smallest computed " + w[0]);
    }

    @Test
    void repeatedEigenvaluesKeepOrthonormalVectors() {
        // Q diag(1, 1, 1, 2, 2, 3, -1) Q' with Q random orthogonal: clusters must not lose orthogonality
        Matrix q = SVD.of(TestMatrices.randn(7, 7, 3)).u();
        double[] d = {1, 1, 1, 2, 2, 3, -1};
        Matrix a = q.mulRowVector(d).mmult(q);
        // symmetrise exactly (the product is symmetric only to rounding)
        a = a.add(a.transpose()).scale(0.5);
        SymmetricEigen e = SymmetricEigen.of(a);
        assertArrayEquals(new double[] {-1, 1, 1, 1, 2, 2, 3}, e.values(), backward(7, 7) * 3);
        assertTrue(residual(a, e) <= 1e-12);
        assertTrue(orthonormalityError(e.vectors()) <= 1e-12);
        assertEquals(1, e.negativeCount());
        assertArrayEquals(new double[] {1, 1, 1, 1}, SymmetricEigen.values(Matrix.identity(4)));
    }

    @Test
    void diagonalMatrixHasExactEigenvalues() {
        Matrix d = Matrix.diag(5, -2, 3, 0, 1);
        SymmetricEigen e = SymmetricEigen.of(d);
        assertArrayEquals(new double[] {-2, 0, 1, 3, 5}, e.values());
        assertEquals(1, e.negativeCount());
        // eigenvectors are the coordinate axes up to sign
        Matrix v = e.vectors();
        int[] axis = {1, 3, 4, 2, 0};
        for (int j = 0; j < 5; j++) {
            assertEquals(1, Math.abs(v.get(axis[j], j)), 1e-15);
        }
    }

    @Test
    void byIndexSelectsTheRightSubset() {
        Matrix a = symmetric(12, 77);
        SymmetricEigen all = SymmetricEigen.of(a);
        double[] w = all.values();
        double norm = TestMatrices.norm2(a);
        int[][] ranges = {{0, 0}, {0, 2}, {3, 7}, {11, 11}, {0, 11}, {9, 11}};
        for (int[] r : ranges) {
            SymmetricEigen sub = SymmetricEigen.byIndex(a, r[0], r[1]);
            int count = r[1] - r[0] + 1;
            assertEquals(count, sub.count());
            assertEquals(12, sub.vectors().rows());
            assertEquals(count, sub.vectors().cols());
            double[] ws = sub.values();
            for (int i = 0; i < count; i++) {
                assertEquals(w[r[0] + i], ws[i], 2 * backward(12, 12) * norm, "index " + (r[0] + i));
            }
            assertTrue(residual(a, sub) <= 1e-12);
            assertTrue(orthonormalityError(sub.vectors()) <= 1e-12);
            assertSameVectors(all, r[0], sub, norm);
        }
    }

    /**
     * Each eigenvector of the subset equals the corresponding one of the full decomposition up to sign. By
     * the Davis–Kahan sin(theta) theorem a backward error E moves an eigenvector by at most about
     * ||E|| / gap, gap the distance to the nearest other eigenvalue.
     */
    static void assertSameVectors(SymmetricEigen all, int first, SymmetricEigen sub, double norm) {
        double[] w = all.values();
        Matrix va = all.vectors();
        Matrix vs = sub.vectors();
        int n = va.rows();
        for (int j = 0; j < sub.count(); j++) {
            int idx = first + j;
            double gap = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (i != idx) {
                    gap = Math.min(gap, Math.abs(w[i] - w[idx]));
                }
            }
            double cos = 0;
            for (int i = 0; i < n; i++) {
                cos += va.get(i, idx) * vs.get(i, j);
            }
            // ||v_s - sign * v_a|| = 2 sin(theta / 2), computed without the cancellation of sqrt(1 - cos^2)
            double sign = Math.signum(cos);
            double d = 0;
            for (int i = 0; i < n; i++) {
                double x = vs.get(i, j) - sign * va.get(i, idx);
                d += x * x;
            }
            double theta = Math.sqrt(d);
            assertTrue(theta <= 2 * backward(n, n) * norm / gap,
                    "vector " + idx + ": angle " + theta + ", gap = " + gap);
        }
    }

    @Test
    void byValueUsesTheHalfOpenInterval() {
        Matrix d = Matrix.diag(1, 2, 3, 4, 5);
        // (2, 4] holds 3 and 4 but not 2
        assertArrayEquals(new double[] {3, 4}, SymmetricEigen.byValue(d, 2, 4).values());
        assertArrayEquals(new double[] {1, 2}, SymmetricEigen.byValue(d, 0.5, 2.5).values());
        assertArrayEquals(new double[] {5}, SymmetricEigen.byValue(d, 4.5, 100).values());
        SymmetricEigen none = SymmetricEigen.byValue(d, 5.5, 6);
        assertEquals(0, none.count());
        assertEquals(5, none.vectors().rows());
        assertEquals(0, none.vectors().cols());
        assertEquals(0, none.reconstruct().normMax());
    }

    @Test
    void byValueWithInfiniteBounds() {
        Matrix a = symmetric(9, 21);
        SymmetricEigen all = SymmetricEigen.of(a);
        double[] w = all.values();
        int neg = all.negativeCount();
        assertTrue(neg > 0 && neg < 9, "the test matrix should be indefinite");
        // choose 0 only if no eigenvalue is within rounding of it (it is not for this seed)
        for (double x : w) {
            assertTrue(Math.abs(x) > 1e-6);
        }
        SymmetricEigen negative = SymmetricEigen.byValue(a, Double.NEGATIVE_INFINITY, 0);
        assertEquals(neg, negative.count());
        SymmetricEigen positive = SymmetricEigen.byValue(a, 0, Double.POSITIVE_INFINITY);
        assertEquals(9 - neg, positive.count());
        SymmetricEigen everything = SymmetricEigen.byValue(a, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertEquals(9, everything.count());
        assertEquals(0, SymmetricEigen.byValue(a, 1e6, Double.POSITIVE_INFINITY).count());
        assertEquals(0, SymmetricEigen.byValue(a, Double.NEGATIVE_INFINITY, -1e6).count());
        double norm = TestMatrices.norm2(a);
        for (int i = 0; i < neg; i++) {
            assertEquals(w[i], negative.values()[i], 2 * backward(9, 9) * norm);
        }
        for (int i = neg; i < 9; i++) {
            assertEquals(w[i], positive.values()[i - neg], 2 * backward(9, 9) * norm);
        }
        // the two halves together reconstruct A
        Matrix sum = negative.reconstruct().add(positive.reconstruct());
        assertTrue(sum.sub(a).normFrobenius() <= 1e-12 * a.normFrobenius());
    }

    @Test
    void smallAsymmetryIsToleratedAndSymmetrised() {
        Matrix a = symmetric(5, 4);
        Matrix b = a.copy();
        b.set(3, 1, b.get(3, 1) + 1e-12 * b.normMax());
        Matrix before = b.copy();
        SymmetricEigen e = SymmetricEigen.of(b);
        assertEquals(0, b.maxAbsDiff(before), "input must not be modified");
        // the symmetric part differs from a by 5e-13 ||a||: eigenvalues move at most that much
        double[] wa = SymmetricEigen.values(a);
        double[] wb = e.values();
        for (int i = 0; i < 5; i++) {
            assertEquals(wa[i], wb[i], 1e-12 * b.normMax() + 2 * backward(5, 5) * TestMatrices.norm2(a));
        }
    }

    // ------------------------------------------------------------------ bad input

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void rejectsNonSymmetricMatrices() {
        Matrix a = symmetric(6, 9);
        a.set(4, 1, a.get(4, 1) + 0.5);
        a.set(0, 2, a.get(0, 2) + 1e-3);
        String msg = message(() -> SymmetricEigen.of(a));
        assertTrue(msg.contains("not symmetric") && msg.contains("a(4, 1)") && msg.contains("a(1, 4)"), msg);
        message(() -> SymmetricEigen.values(a));
        message(() -> SymmetricEigen.byIndex(a, 0, 1));
        message(() -> SymmetricEigen.byValue(a, 0, 1));
        // just above the relative tolerance 1e-10 * max|a|
        Matrix b = Matrix.identity(3);
        b.set(0, 2, 2e-10);
        msg = message(() -> SymmetricEigen.of(b));
        assertTrue(msg.contains("a(2, 0)") || msg.contains("a(0, 2)"), msg);
    }

    @Test
    void rejectsBadShapesAndValues() {
        String msg = message(() -> SymmetricEigen.of(Matrix.zeros(3, 4)));
        assertTrue(msg.contains("square") && msg.contains("3x4"), msg);
        msg = message(() -> SymmetricEigen.of(Matrix.zeros(0, 0)));
        assertTrue(msg.contains("non-empty"), msg);
        Matrix a = Matrix.identity(3);
        a.set(1, 1, Double.NaN);
        msg = message(() -> SymmetricEigen.of(a));
        assertTrue(msg.contains("NaN") && msg.contains("(1, 1)"), msg);
        msg = message(() -> SymmetricEigen.byIndex(Matrix.zeros(2, 3), 0, 0));
        assertTrue(msg.contains("square"), msg);
    }

    @Test
    void rejectsBadRanges() {
        Matrix a = symmetric(5, 1);
        for (int[] r : new int[][] {{-1, 2}, {3, 2}, {0, 5}, {5, 5}}) {
            String msg = message(() -> SymmetricEigen.byIndex(a, r[0], r[1]));
            assertTrue(msg.contains("[" + r[0] + ", " + r[1] + "]") && msg.contains("5x5") && msg.contains("<= 4"), msg);
        }
        for (double[] r : new double[][] {{1, 1}, {2, 1}, {Double.NaN, 1}, {0, Double.NaN}}) {
            String msg = message(() -> SymmetricEigen.byValue(a, r[0], r[1]));
            assertTrue(msg.contains("lower < upper") && msg.contains("(" + r[0] + ", " + r[1] + "]"), msg);
        }
    }

    @Test
    void toStringDescribesTheDecomposition() {
        String s = SymmetricEigen.of(Matrix.diag(1, 2)).toString();
        assertTrue(s.contains("2x2") && s.contains("2 eigenpair"), s);
    }
}
