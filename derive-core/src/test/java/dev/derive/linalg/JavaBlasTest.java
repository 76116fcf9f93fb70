package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link JavaBlas} against the definitions (explicit sums in the loop order of the textbook formulas) and against
 * OpenBLAS ({@link Blas}) on the same operands: odd sizes (the four-column blocks and their remainders), offsets,
 * leading dimensions larger than the rows, {@code beta} of 0 (output not read: NaN garbage there), 1 and other values.
 */
class JavaBlasTest {

    static double[] random(SplittableRandom rnd, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rnd.nextDouble(-1, 1);
        }
        return a;
    }

    static double maxAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s = Math.max(s, Math.abs(v));
        }
        return s;
    }

    static void assertClose(double[] expected, double[] actual, double scale, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertTrue(Double.isNaN(actual[i]), what + " [" + i + "] should be left untouched (NaN)");
                continue;
            }
            assertEquals(expected[i], actual[i], 1e-13 * scale, what + " [" + i + "]");
        }
    }

    @Test
    void dgemvMatchesDefinitionAndOpenBlas() {
        SplittableRandom rnd = new SplittableRandom(1);
        int[][] shapes = {{1, 1}, {3, 7}, {7, 3}, {9, 8}, {13, 17}, {64, 5}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int lda = m + 3;
            int aOff = 2;
            double[] a = random(rnd, aOff + lda * n);
            for (boolean trans : new boolean[]{false, true}) {
                for (double beta : new double[]{0, 1, -0.5}) {
                    int xLen = trans ? m : n;
                    int yLen = trans ? n : m;
                    double[] x = random(rnd, xLen + 1);
                    double[] y0 = random(rnd, yLen + 2);
                    if (beta == 0) {
                        y0[1] = Double.NaN; // not read when beta == 0
                    }
                    double alpha = 1.5;
                    double[] expect = y0.clone();
                    for (int r = 0; r < yLen; r++) {
                        double sum = 0;
                        for (int k = 0; k < xLen; k++) {
                            double aij = trans ? a[aOff + k + r * lda] : a[aOff + r + k * lda];
                            sum += aij * x[1 + k];
                        }
                        expect[1 + r] = alpha * sum + (beta == 0 ? 0 : beta * y0[1 + r]);
                    }
                    double[] yj = y0.clone();
                    JavaBlas.dgemv(trans, m, n, alpha, a, aOff, lda, x, 1, beta, yj, 1);
                    String what = "dgemv " + m + "x" + n + " trans=" + trans + " beta=" + beta;
                    assertClose(expect, yj, 10 * Math.max(m, n), what);
                    double[] yb = y0.clone();
                    Blas.dgemv(trans, m, n, alpha, a, aOff, lda, x, 1, beta, yb, 1);
                    assertClose(yb, yj, 10 * Math.max(m, n), what + " vs OpenBLAS");
                }
            }
        }
    }

    @Test
    void dsyrkLowerMatchesDefinitionAndOpenBlas() {
        SplittableRandom rnd = new SplittableRandom(2);
        // n around the 2 x 4 blocks and the diagonal blocks (n mod 4 = 0..3, odd row counts), k long and short
        int[][] shapes = {{1, 1}, {5, 3}, {3, 5}, {8, 9}, {17, 13}, {30, 4}, {4, 7}, {6, 1}, {7, 19}, {10, 0},
            {21, 37}, {46, 11}, {11, 130}};
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            for (boolean trans : new boolean[]{false, true}) {
                int rows = trans ? k : n;
                int cols = trans ? n : k;
                int lda = rows + 2;
                double[] a = random(rnd, 1 + lda * cols);
                for (double beta : new double[]{0, 1, 0.25}) {
                    int ldc = n + 1;
                    double[] c0 = random(rnd, 3 + ldc * n);
                    for (int j = 0; j < n; j++) {
                        for (int i = 0; i < j; i++) {
                            c0[3 + i + j * ldc] = Double.NaN; // the strict upper triangle is not touched
                        }
                        if (beta == 0) {
                            for (int i = j; i < n; i++) {
                                c0[3 + i + j * ldc] = Double.NaN; // not read when beta == 0
                            }
                        }
                    }
                    double alpha = 0.75;
                    double[] expect = c0.clone();
                    for (int j = 0; j < n; j++) {
                        for (int i = j; i < n; i++) {
                            double sum = 0;
                            for (int l = 0; l < k; l++) {
                                double ail = trans ? a[1 + l + i * lda] : a[1 + i + l * lda];
                                double ajl = trans ? a[1 + l + j * lda] : a[1 + j + l * lda];
                                sum += ail * ajl;
                            }
                            int at = 3 + i + j * ldc;
                            expect[at] = alpha * sum + (beta == 0 ? 0 : beta * c0[at]);
                        }
                    }
                    double[] cj = c0.clone();
                    JavaBlas.dsyrkLower(trans, n, k, alpha, a, 1, lda, beta, cj, 3, ldc);
                    String what = "dsyrk n=" + n + " k=" + k + " trans=" + trans + " beta=" + beta;
                    assertClose(expect, cj, 10 * k, what);
                    double[] cb = c0.clone();
                    Blas.dsyrkLower(trans, n, k, alpha, a, 1, lda, beta, cb, 3, ldc);
                    assertClose(cb, cj, 10 * k, what + " vs OpenBLAS");
                }
            }
        }
    }

    /** A random symmetric positive definite matrix {@code G'G/n + I} (n x n, column-major). */
    static double[] spd(SplittableRandom rnd, int n) {
        double[] g = random(rnd, n * n);
        double[] s = new double[n * n];
        JavaBlas.dsyrkLower(true, n, n, 1.0 / n, g, 0, n, 0, s, 0, n);
        for (int j = 0; j < n; j++) {
            s[j + j * n] += 1;
            for (int i = 0; i < j; i++) {
                s[i + j * n] = s[j + i * n];
            }
        }
        return s;
    }

    @Test
    void dpotrfReproducesTheMatrixAndMatchesOpenBlas() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 37, 50, 67}) { // panels of four and the rest
            double[] s = spd(rnd, n);
            int lda = n + 2;
            double[] a = new double[1 + lda * n];
            double[] b = new double[1 + lda * n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    a[1 + i + j * lda] = i >= j ? s[i + j * n] : Double.NaN; // upper triangle neither read nor written
                    b[1 + i + j * lda] = s[i + j * n];
                }
            }
            assertEquals(0, JavaBlas.dpotrfLower(n, a, 1, lda));
            assertEquals(0, Blas.dpotrfLower(n, b, 1, lda));
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    if (i < j) {
                        assertTrue(Double.isNaN(a[1 + i + j * lda]), "upper triangle written at " + i + "," + j);
                        continue;
                    }
                    assertEquals(b[1 + i + j * lda], a[1 + i + j * lda], 1e-13 * n, "L[" + i + "," + j + "] vs OpenBLAS");
                    double sum = 0; // (L L')_ij
                    for (int k = 0; k <= j; k++) {
                        sum += a[1 + i + k * lda] * a[1 + j + k * lda];
                    }
                    assertEquals(s[i + j * n], sum, 1e-13 * n, "(L L')[" + i + "," + j + "]");
                }
            }
        }
    }

    @Test
    void dpotrfReportsTheFirstNonPositiveMinor() {
        // leading 2x2 minor [[1, 2], [2, 1]] is indefinite: info = 2, as LAPACK
        double[] a = {1, 2, 0, 2, 1, 0, 0, 0, 5};
        assertEquals(2, JavaBlas.dpotrfLower(3, a, 0, 3));
        double[] nan = {4, 1, 1, Double.NaN};
        assertEquals(2, JavaBlas.dpotrfLower(2, nan, 0, 2));
        assertEquals(1, JavaBlas.dpotrfLower(1, new double[]{0}, 0, 1));
        assertEquals(0, JavaBlas.dpotrfLower(0, new double[0], 0, 1));
        // a first non-positive pivot in the second and in the third panel of four columns (orders 6 and 11 of 13)
        for (int bad : new int[]{6, 11}) {
            int n = 13;
            double[] s = spd(new SplittableRandom(5), n);
            s[(bad - 1) + (bad - 1) * n] -= 1e3; // the minor of order bad loses positivity, the smaller ones keep it
            assertEquals(bad, JavaBlas.dpotrfLower(n, s.clone(), 0, n), "first non-positive minor");
            assertEquals(bad, Blas.dpotrfLower(n, s.clone(), 0, n), "OpenBLAS");
        }
        assertThrows(IllegalArgumentException.class, () -> JavaBlas.dpotrfLower(3, new double[8], 0, 3));
        assertThrows(IllegalArgumentException.class, () -> JavaBlas.dpotrfLower(3, new double[9], 0, 2));
    }

    @Test
    void dtrsmSolvesBothTriangularSystems() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int m : new int[]{1, 3, 4, 5, 6, 7, 8, 9, 24, 53}) { // blocks of four unknowns and the rest
            double[] l = spd(rnd, m);
            assertEquals(0, JavaBlas.dpotrfLower(m, l, 0, m));
            int n = 3;
            int ldb = m + 1;
            double[] b0 = random(rnd, 2 + ldb * n);
            for (boolean transT : new boolean[]{false, true}) {
                double alpha = 0.5;
                double[] x = b0.clone();
                JavaBlas.dtrsm(true, true, transT, false, m, n, alpha, l, 0, m, x, 2, ldb);
                // op(L) x = alpha b, column by column
                for (int col = 0; col < n; col++) {
                    for (int i = 0; i < m; i++) {
                        double sum = 0;
                        for (int k = 0; k < m; k++) {
                            double lik = transT ? (k >= i ? l[k + i * m] : 0) : (i >= k ? l[i + k * m] : 0);
                            sum += lik * x[2 + k + col * ldb];
                        }
                        assertEquals(alpha * b0[2 + i + col * ldb], sum, 1e-12, "m=" + m + " transT=" + transT);
                    }
                }
                double[] xb = b0.clone();
                Blas.dtrsm(true, true, transT, false, m, n, alpha, l, 0, m, xb, 2, ldb);
                assertClose(xb, x, 10 * m * maxAbs(xb), "dtrsm m=" + m + " transT=" + transT + " vs OpenBLAS");
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> JavaBlas.dtrsm(false, true, false, false, 1, 1, 1, new double[1], 0, 1, new double[1], 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> JavaBlas.dtrsm(true, false, false, false, 1, 1, 1, new double[1], 0, 1, new double[1], 0, 1));
    }
}
