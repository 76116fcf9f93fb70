package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Blas#dpotrfLower} / {@link Blas#dpotrsLower} (zero-copy FFM downcalls of {@code LAPACKE_dpotrf} /
 * {@code LAPACKE_dpotrs} when available) against the copying JavaCPP calls of the same routines: the same LAPACK code
 * on the same numbers, so every bit of the output array (factor, untouched upper triangle, padding around a view)
 * must agree. Under {@code -Dderive.blas.ffm=false} both sides are the JavaCPP path and the test still holds.
 */
class BlasLapackTest {

    /**
     * An n x n SPD matrix {@code B'B/m + 0.1 I} (B Gaussian (n+2) x n) stored at {@code off} with leading dimension
     * {@code lda} in an array whose other entries (strict upper triangle, padding) are random garbage.
     */
    private static double[] spdIn(int n, int off, int lda, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = n + 2;
        double[] b = new double[m * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] a = new double[off + lda * Math.max(0, n - 1) + n + 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1e3 * r.nextGaussian(); // garbage that must survive where LAPACK must not write
        }
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double s = 0;
                for (int t = 0; t < m; t++) {
                    s += b[t + i * m] * b[t + j * m];
                }
                a[off + i + j * lda] = s / m + (i == j ? 0.1 : 0);
            }
        }
        return a;
    }

    private static void assertBitIdentical(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    @Test
    void zeroCopyPathIsUsedWhereFfmIsAvailable() {
        boolean ffmWanted = Boolean.parseBoolean(System.getProperty("derive.blas.ffm", "true"))
                && Boolean.parseBoolean(System.getProperty("derive.lapack.ffm", "true"));
        assumeTrue(Runtime.version().feature() >= 22 && ffmWanted,
                "FFM critical downcalls need JDK 22+ and derive.blas.ffm / derive.lapack.ffm not false");
        assertTrue(Blas.lapackZeroCopy(), Blas.backend());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17, 64, 65, 130, 257})
    void dpotrfBitIdenticalToCopyingPathContiguousAndViews(int n) {
        int[][] layouts = {{0, n}, {5, n}, {0, n + 3}, {11, n + 4}};
        for (int[] lay : layouts) {
            int off = lay[0];
            int lda = lay[1];
            for (long seed = 1; seed <= 2; seed++) {
                double[] zero = spdIn(n, off, lda, seed * 1000 + n);
                double[] copy = zero.clone();
                double[] orig = zero.clone();
                int i1 = Blas.dpotrfLower(n, zero, off, lda);
                int i2 = Blas.dpotrfLowerCopying(n, copy, off, lda);
                assertEquals(0, i1, "info n=" + n);
                assertEquals(0, i2, "info (copying) n=" + n);
                String what = "dpotrf n=" + n + " off=" + off + " lda=" + lda;
                assertBitIdentical(copy, zero, what);
                // outside the lower triangle of the view nothing changed
                for (int k = 0; k < orig.length; k++) {
                    int rel = k - off;
                    int i = rel < 0 ? -1 : rel % lda;
                    int j = rel < 0 ? -1 : rel / lda;
                    boolean inLower = rel >= 0 && j < n && i < n && i >= j;
                    if (!inLower) {
                        assertEquals(Double.doubleToRawLongBits(orig[k]), Double.doubleToRawLongBits(zero[k]),
                                what + ": element " + k + " outside the lower triangle was written");
                    }
                }
                // and it is a Cholesky factor: A = L L' (mathematics, not just agreement of two paths)
                double err = 0;
                double scale = 0;
                for (int j = 0; j < n; j++) {
                    for (int i = j; i < n; i++) {
                        double s = 0;
                        for (int t = 0; t <= j; t++) {
                            s += zero[off + i + t * lda] * zero[off + j + t * lda];
                        }
                        double aij = orig[off + i + j * lda];
                        err = Math.max(err, Math.abs(s - aij));
                        scale = Math.max(scale, Math.abs(aij));
                    }
                }
                assertTrue(err <= 1e-13 * n * scale, what + ": |A - LL'| = " + err);
            }
        }
    }

    @Test
    void viewGivesTheSameFactorAsAContiguousCopy() {
        int n = 97;
        int off = 13;
        int lda = 101;
        double[] view = spdIn(n, off, lda, 42);
        double[] dense = new double[n * n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(view, off + j * lda, dense, j * n, n);
        }
        assertEquals(0, Blas.dpotrfLower(n, view, off, lda));
        assertEquals(0, Blas.dpotrfLower(n, dense, 0, n));
        double maxDiff = 0;
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(view[off + i + j * lda] - dense[i + j * n]));
            }
        }
        assertTrue(maxDiff <= 1e-13, "view vs contiguous factor differ by " + maxDiff);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 50, 200})
    void notPositiveDefiniteGivesTheSameInfoAndArray(int n) {
        for (int bad : new int[] {0, n / 2, n - 1}) {
            double[] a = spdIn(n, 3, n + 1, 7 + n + bad);
            // make the leading minor of order bad+1 indefinite: a_bb far below what the previous rows allow
            a[3 + bad + bad * (n + 1)] = -1;
            double[] copy = a.clone();
            int i1 = Blas.dpotrfLower(n, a, 3, n + 1);
            int i2 = Blas.dpotrfLowerCopying(n, copy, 3, n + 1);
            assertEquals(bad + 1, i1, "info n=" + n + " bad=" + bad);
            assertEquals(i2, i1);
            assertBitIdentical(copy, a, "failed dpotrf n=" + n + " bad=" + bad);
        }
    }

    @Test
    void choleskyErrorMessageForNonSpdMatrixIsUnchanged() {
        Matrix a = Matrix.diag(1, 2, -1, 4);
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.of(a));
        assertEquals(3, e.failedMinor());
        assertEquals("Cholesky: the 4x4 matrix is not positive definite: its leading minor of order 3 is not positive"
                + " (dpotrf failed at diagonal entry 2); try Cholesky.withJitter for a matrix that is only semi-definite",
                e.getMessage());
    }

    @Test
    void nanIsReportedAsIllegalArgumentByBothPaths() {
        double[] a = spdIn(6, 0, 6, 3);
        a[2 + 1 * 6] = Double.NaN;
        double[] copy = a.clone();
        assertEquals(-4, Blas.dpotrfLower(6, a, 0, 6)); // LAPACKE's NaN check: argument 4 (A)
        assertEquals(-4, Blas.dpotrfLowerCopying(6, copy, 0, 6));
        assertBitIdentical(copy, a, "NaN input");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 64, 150})
    void dpotrsBitIdenticalToCopyingPath(int n) {
        int off = 2;
        int lda = n + 1;
        double[] l = spdIn(n, off, lda, 99 + n);
        double[] a = l.clone();
        assertEquals(0, Blas.dpotrfLower(n, l, off, lda));
        double[] lBefore = l.clone();
        SplittableRandom r = new SplittableRandom(n);
        for (int nrhs : new int[] {1, 3, 20}) {
            int bOff = 4;
            int ldb = n + 2;
            double[] b = new double[bOff + ldb * (nrhs - 1) + n + 3];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextGaussian();
            }
            double[] rhs = b.clone();
            double[] bc = b.clone();
            assertEquals(0, Blas.dpotrsLower(n, nrhs, l, off, lda, b, bOff, ldb));
            assertEquals(0, Blas.dpotrsLowerCopying(n, nrhs, l, off, lda, bc, bOff, ldb));
            assertBitIdentical(bc, b, "dpotrs n=" + n + " nrhs=" + nrhs);
            assertBitIdentical(lBefore, l, "dpotrs must not modify L");
            // A x = rhs (residual against the original lower triangle, mirrored)
            for (int c = 0; c < nrhs; c++) {
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        double aij = i >= j ? a[off + i + j * lda] : a[off + j + i * lda];
                        s += aij * b[bOff + j + c * ldb];
                    }
                    worst = Math.max(worst, Math.abs(s - rhs[bOff + i + c * ldb]));
                }
                assertTrue(worst <= 1e-9, "dpotrs residual " + worst + " n=" + n);
            }
            for (int i = 0; i < bOff; i++) {
                assertEquals(rhs[i], b[i], "dpotrs wrote before B");
            }
        }
    }

    @Test
    void rejectsBadShapesNamingTheParameter() {
        double[] a = new double[9];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.dpotrfLower(3, a, 0, 2));
        assertTrue(e.getMessage().contains("leading dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blas.dpotrfLower(3, a, 1, 3));
        assertTrue(e.getMessage().contains("needs 10 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blas.dpotrfLower(-1, a, 0, 3));
        assertTrue(e.getMessage().contains("negative size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blas.dpotrsLower(3, 2, a, 0, 3, new double[5], 0, 3));
        assertTrue(e.getMessage().contains("dpotrsLower") && e.getMessage().contains("needs 6"), e.getMessage());
        assertEquals(0, Blas.dpotrfLower(0, new double[0], 0, 1));
        assertArrayEquals(new double[9], a);
    }
}
