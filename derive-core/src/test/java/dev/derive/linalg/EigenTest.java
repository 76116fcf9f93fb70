package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.EPS;
import static dev.derive.linalg.TestMatrices.backward;
import static dev.derive.linalg.TestMatrices.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EigenTest {

    /**
     * {@code max_j ||A v_j - lambda_j v_j||_2 / ||A||_F} in complex arithmetic, with
     * {@code v_j = Re[:, j] + i Im[:, j]} and {@code lambda_j = re_j + i im_j}:
     * real part {@code A Re - (re Re - im Im)}, imaginary part {@code A Im - (re Im + im Re)}.
     */
    static double maxResidual(Matrix a, Eigen e) {
        Matrix vr = e.vectorsReal();
        Matrix vi = e.vectorsImag();
        double[] re = e.real();
        double[] im = e.imag();
        Matrix avr = a.mmul(vr);
        Matrix avi = a.mmul(vi);
        int n = a.rows();
        double worst = 0;
        for (int j = 0; j < n; j++) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double r = avr.get(i, j) - (re[j] * vr.get(i, j) - im[j] * vi.get(i, j));
                double c = avi.get(i, j) - (re[j] * vi.get(i, j) + im[j] * vr.get(i, j));
                ss += r * r + c * c;
            }
            worst = Math.max(worst, Math.sqrt(ss));
        }
        return worst / a.normFrobenius();
    }

    static void assertUnitVectorsAndPairs(Eigen e) {
        Matrix vr = e.vectorsReal();
        Matrix vi = e.vectorsImag();
        double[] re = e.real();
        double[] im = e.imag();
        int n = re.length;
        for (int j = 0; j < n; j++) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += vr.get(i, j) * vr.get(i, j) + vi.get(i, j) * vi.get(i, j);
            }
            assertEquals(1, Math.sqrt(ss), backward(n, n), "eigenvector " + j + " is not a unit vector");
            if (im[j] == 0) {
                assertEquals(0, vi.column(j).normMax(), "real eigenvalue " + j + " has a complex eigenvector");
            } else if (im[j] > 0) {
                // the conjugate follows, with the conjugate eigenvector (exactly: it is unpacked from the same columns)
                assertEquals(re[j], re[j + 1]);
                assertEquals(-im[j], im[j + 1]);
                assertEquals(0, vr.column(j).maxAbsDiff(vr.column(j + 1)));
                assertEquals(0, vi.column(j).maxAbsDiff(vi.column(j + 1).negate()));
                j++;
            } else {
                throw new AssertionError("eigenvalue " + j + " with negative imaginary part does not follow its conjugate");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 16, 40})
    void randomMatricesSatisfyTheEigenEquation(int n) {
        Matrix a = randn(n, n, 900 + n);
        Eigen e = Eigen.of(a);
        assertEquals(n, e.size());
        // dgeev is backward stable: each computed pair is exact for A + E, ||E|| ~ eps ||A||, and the
        // vectors have unit norm, so the residual is ~eps ||A|| however ill-conditioned the eigenvalues are
        assertTrue(maxResidual(a, e) <= 1e-12, "residual " + maxResidual(a, e));
        assertUnitVectorsAndPairs(e);
    }

    @Test
    void rotationBlockHasComplexEigenvalues() {
        // [[c, -s], [s, c]] scaled by r has eigenvalues r (c +- i s)
        double r = 2;
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        Matrix a = Matrix.of(new double[] {r * c, -r * s}, new double[] {r * s, r * c});
        Eigen e = Eigen.of(a);
        assertFalse(e.isReal());
        assertArrayEquals(new double[] {r * c, r * c}, e.real(), 4 * EPS * r);
        assertArrayEquals(new double[] {r * s, -r * s}, e.imag(), 4 * EPS * r);
        assertTrue(maxResidual(a, e) <= 1e-14);
        assertUnitVectorsAndPairs(e);
        // a 90-degree rotation: +- i
        Eigen q = Eigen.of(Matrix.of(new double[] {0, -1}, new double[] {1, 0}));
        assertArrayEquals(new double[] {0, 0}, q.real(), 4 * EPS);
        assertArrayEquals(new double[] {1, -1}, q.imag(), 4 * EPS);
    }

    @Test
    void blockMatrixWithRealAndComplexEigenvalues() {
        // a similarity transform of blockdiag(rotation-like 2x2, 3, -1): eigenvalues 1 +- 2i, 3, -1
        Matrix blk = Matrix.zeros(4, 4);
        blk.set(0, 0, 1);
        blk.set(0, 1, -2);
        blk.set(1, 0, 2);
        blk.set(1, 1, 1);
        blk.set(2, 2, 3);
        blk.set(3, 3, -1);
        Matrix s = Matrix.identity(4).add(randn(4, 4, 6).scale(0.2));
        Matrix a = s.mmul(blk).mmul(SVD.of(s).pinv());
        Eigen e = Eigen.of(a);
        assertFalse(e.isReal());
        assertTrue(maxResidual(a, e) <= 1e-12);
        assertUnitVectorsAndPairs(e);
        // eigenvalues: each within kappa(S) * eps * ||A|| (Bauer–Fike) of the exact ones
        double tol = backward(4, 4) * SVD.of(s).cond() * TestMatrices.norm2(a);
        double[][] expected = {{1, 2}, {1, -2}, {3, 0}, {-1, 0}};
        double[] re = e.real();
        double[] im = e.imag();
        for (double[] x : expected) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 4; j++) {
                best = Math.min(best, Math.hypot(re[j] - x[0], im[j] - x[1]));
            }
            assertTrue(best <= tol, "eigenvalue " + x[0] + " + " + x[1] + "i missed by " + best);
        }
    }

    @Test
    void triangularMatrixHasItsDiagonalAsRealEigenvalues() {
        Matrix t = Matrix.of(new double[] {4, 1, -2}, new double[] {0, -3, 5}, new double[] {0, 0, 0.5});
        Eigen e = Eigen.of(t);
        assertTrue(e.isReal());
        double[] re = e.real().clone();
        java.util.Arrays.sort(re);
        assertArrayEquals(new double[] {-3, 0.5, 4}, re, backward(3, 3) * 8);
        assertEquals(0, e.vectorsImag().normMax());
        assertTrue(maxResidual(t, e) <= 1e-14);
    }

    @Test
    void defectiveMatrixHasSmallResidualButInaccurateEigenvalues() {
        // A = S J S^-1 with J the 3x3 Jordan block of eigenvalue 2. The eigenvalue has infinite condition
        // number: a perturbation of size delta moves it by ~delta^(1/3), so 1e-12 accuracy is impossible in
        // principle; dgeev's backward error eps ||A|| allows an error of about (eps ||A|| ||S|| ||S^-1||)^(1/3).
        // The residual, a backward-error quantity, is still ~eps ||A||.
        Matrix j = Matrix.of(new double[] {2, 1, 0}, new double[] {0, 2, 1}, new double[] {0, 0, 2});
        Matrix s = Matrix.identity(3).add(randn(3, 3, 8).scale(0.3));
        Matrix a = s.mmul(j).mmul(SVD.of(s).pinv());
        Eigen e = Eigen.of(a);
        assertTrue(maxResidual(a, e) <= 1e-12, "residual " + maxResidual(a, e));
        double delta = backward(3, 3) * TestMatrices.norm2(a) * SVD.of(s).cond();
        double tol = 2 * Math.cbrt(delta);
        double[] re = e.real();
        double[] im = e.imag();
        for (int k = 0; k < 3; k++) {
            assertTrue(Math.hypot(re[k] - 2, im[k]) <= tol, "eigenvalue " + k + " = " + re[k] + " + " + im[k] + "i");
        }
    }

    @Test
    void valuesOnlyMatchesTheFullComputation() {
        // a symmetric matrix has real, perfectly conditioned eigenvalues (condition number 1)
        Matrix a = TestMatrices.symmetric(10, 3);
        double[][] v = Eigen.values(a);
        Eigen e = Eigen.of(a);
        assertEquals(2, v.length);
        double[] sorted = v[0].clone();
        java.util.Arrays.sort(sorted);
        double[] sorted2 = e.real();
        java.util.Arrays.sort(sorted2);
        double[] w = SymmetricEigen.values(a);
        double tol = 2 * backward(10, 10) * TestMatrices.norm2(a);
        assertArrayEquals(w, sorted, tol);
        assertArrayEquals(w, sorted2, tol);
        assertArrayEquals(new double[10], v[1]);
        assertTrue(e.isReal());
    }

    @Test
    void inputIsNeverModifiedAndAccessorsCopy() {
        Matrix a = randn(6, 6, 1);
        Matrix before = a.copy();
        Eigen e = Eigen.of(a);
        Eigen.values(a);
        assertEquals(0, a.maxAbsDiff(before));
        e.vectorsReal().fill(0);
        e.real()[0] = 1e300;
        assertTrue(e.vectorsReal().normMax() > 0);
        assertTrue(e.real()[0] != 1e300);
    }

    // ------------------------------------------------------------------ bad input

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void rejectsBadInput() {
        String msg = message(() -> Eigen.of(Matrix.zeros(2, 3)));
        assertTrue(msg.contains("square") && msg.contains("2x3"), msg);
        msg = message(() -> Eigen.values(Matrix.zeros(4, 1)));
        assertTrue(msg.contains("square") && msg.contains("4x1"), msg);
        msg = message(() -> Eigen.of(Matrix.zeros(0, 0)));
        assertTrue(msg.contains("non-empty"), msg);
        Matrix a = randn(3, 3, 2);
        a.set(0, 2, Double.NEGATIVE_INFINITY);
        msg = message(() -> Eigen.of(a));
        assertTrue(msg.contains("-Infinity") && msg.contains("(0, 2)"), msg);
        message(() -> Eigen.values(a));
    }

    @Test
    void nonConvergenceMessageCountsTheConvergedEigenvalues() {
        // dgeev practically never fails on finite input; the message built from info is checked directly
        ArithmeticException ex = Eigen.notConverged("Eigen.of", 3, 10);
        assertTrue(ex.getMessage().contains("only 7 of 10 eigenvalues converged"), ex.getMessage());
    }

    @Test
    void toStringCountsRealAndComplex() {
        String s = Eigen.of(Matrix.of(new double[] {0, -1, 0}, new double[] {1, 0, 0}, new double[] {0, 0, 2})).toString();
        assertTrue(s.contains("1 real and 2 complex"), s);
    }
}
