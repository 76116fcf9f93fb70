package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.backward;
import static dev.derive.linalg.TestMatrices.lowRank;
import static dev.derive.linalg.TestMatrices.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TikhonovTest {

    /** Solves {@code M X = R} for square {@code M} by Gaussian elimination with partial pivoting (test oracle). */
    static Matrix gaussSolve(Matrix m, Matrix r) {
        int n = m.rows();
        double[][] a = m.toRowArrays();
        double[][] b = r.toRowArrays();
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                    p = i;
                }
            }
            double[] t = a[k];
            a[k] = a[p];
            a[p] = t;
            t = b[k];
            b[k] = b[p];
            b[p] = t;
            for (int i = k + 1; i < n; i++) {
                double f = a[i][k] / a[k][k];
                for (int j = k; j < n; j++) {
                    a[i][j] -= f * a[k][j];
                }
                for (int j = 0; j < b[i].length; j++) {
                    b[i][j] -= f * b[k][j];
                }
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            for (int j = 0; j < b[k].length; j++) {
                double s = b[k][j];
                for (int i = k + 1; i < n; i++) {
                    s -= a[k][i] * b[i][j];
                }
                b[k][j] = s / a[k][k];
            }
        }
        return Matrix.of(b);
    }

    /** {@code A'A + alpha I}. */
    static Matrix normalMatrix(Matrix a, double alpha) {
        return a.gram().add(Matrix.identity(a.cols()).scale(alpha));
    }

    /** The 2-norm condition number of {@code A'A + alpha I}: {@code (s_1^2 + alpha) / (lambda_min + alpha)}. */
    static double normalCond(Matrix a, double alpha) {
        double[] s = SVD.values(a);
        double lambdaMin = a.rows() >= a.cols() ? s[s.length - 1] * s[s.length - 1] : 0;
        return (s[0] * s[0] + alpha) / (lambdaMin + alpha);
    }

    @ParameterizedTest
    @CsvSource({"20, 6, 0.1", "20, 6, 10", "6, 20, 0.5", "15, 15, 1e-3", "30, 8, 1e-6", "12, 7, 2"})
    void solutionMatchesTheNormalEquations(int m, int n, double alpha) {
        Matrix a = randn(m, n, 3L * m + n);
        Matrix b = randn(m, 2, 5L * m + n);
        Tikhonov t = Tikhonov.of(a);
        Matrix x = t.solve(b, alpha);
        assertEquals(n, x.rows());
        assertEquals(2, x.cols());
        // oracle: (A'A + alpha I) x = A'b by Gaussian elimination; both solutions carry an error of about
        // eps * cond(A'A + alpha I) relative to ||x||
        Matrix oracle = gaussSolve(normalMatrix(a, alpha), a.tmmul(b));
        double kappa = normalCond(a, alpha);
        assertTrue(x.sub(oracle).normFrobenius() <= 2 * backward(m, n) * kappa * oracle.normFrobenius(),
                "difference " + x.sub(oracle).normFrobenius() / oracle.normFrobenius() + ", kappa " + kappa);
        // optimality: the gradient A'(Ax - b) + alpha x vanishes, to the backward error of the SVD
        double na = TestMatrices.norm2(a);
        Matrix grad = a.tmmul(a.mmul(x).sub(b)).add(x.scale(alpha));
        double scale = na * (na * x.normFrobenius() + b.normFrobenius()) + alpha * x.normFrobenius();
        assertTrue(grad.normFrobenius() <= backward(m, n) * scale, "gradient " + grad.normFrobenius() / scale);
        // the vector form agrees with the matrix form
        for (int j = 0; j < 2; j++) {
            assertArrayEquals(x.columnArray(j), t.solve(b.columnArray(j), alpha), backward(m, n) * x.normFrobenius());
        }
    }

    @Test
    void alphaZeroIsThePseudoInverseSolutionAndSmallAlphaConverges() {
        Matrix a = randn(15, 6, 41);
        double[] b = randn(15, 1, 42).toArray();
        Tikhonov t = Tikhonov.of(a);
        SVD svd = t.svd();
        double[] x0 = svd.solve(b);
        assertArrayEquals(x0, t.solve(b, 0));
        double[] s = svd.singularValues();
        double sMin2 = s[5] * s[5];
        double nx0 = Matrix.columnVector(x0).normFrobenius();
        double prev = Double.POSITIVE_INFINITY;
        for (double rel = 1e-1; rel >= 1e-13; rel /= 100) {
            double alpha = rel * sMin2;
            double[] x = t.solve(b, alpha);
            double err = Matrix.columnVector(x).sub(Matrix.columnVector(x0)).normFrobenius();
            // |1 - f_i| = alpha / (s_i^2 + alpha) <= alpha / s_min^2 for every component
            assertTrue(err <= rel * nx0 + backward(15, 6) * nx0, "alpha = " + alpha + ": error " + err);
            assertTrue(err <= prev || err <= backward(15, 6) * nx0, "error must shrink with alpha");
            prev = err;
        }
    }

    @Test
    void smallAlphaApproachesTheMinimumNormSolutionOnRankDeficientMatrices() {
        int m = 12;
        int n = 9;
        int r = 4;
        Matrix a = lowRank(m, n, r, 8);
        double[] b = randn(m, 1, 9).toArray();
        Tikhonov t = Tikhonov.of(a);
        double[] x0 = t.svd().solve(b);
        double[] s = t.svd().singularValues();
        double sr2 = s[r - 1] * s[r - 1];
        double noise = s[r]; // the largest rounding-level singular value (s_i = 0 in exact arithmetic)
        double nx0 = Matrix.columnVector(x0).normFrobenius();
        double nb = Matrix.columnVector(b).normFrobenius();
        for (double rel : new double[] {1e-3, 1e-5, 1e-7}) {
            double alpha = rel * sr2;
            double[] x = t.solve(b, alpha);
            double err = Matrix.columnVector(x).sub(Matrix.columnVector(x0)).normFrobenius();
            // kept components: |1 - f_i| <= alpha / s_r^2; noise components: s_i / (s_i^2 + alpha) <= s_i / alpha
            double bound = rel * nx0 + (n - r) * noise / alpha * nb + backward(m, n) * nb / s[r - 1];
            assertTrue(err <= bound, "alpha = " + alpha + ": error " + err + " > " + bound);
        }
    }

    @Test
    void filterFactors() {
        Matrix a = randn(10, 5, 17);
        Tikhonov t = Tikhonov.of(a);
        double[] s = t.svd().singularValues();
        for (double alpha : new double[] {1e-8, 0.1, 1, 100, 1e8}) {
            double[] f = t.filterFactors(alpha);
            assertEquals(5, f.length);
            for (int i = 0; i < 5; i++) {
                assertTrue(f[i] > 0 && f[i] < 1, "f_" + i + " = " + f[i] + " at alpha " + alpha);
                assertEquals(s[i] * s[i] / (s[i] * s[i] + alpha), f[i], 4 * TestMatrices.EPS);
                if (i > 0) {
                    assertTrue(f[i] <= f[i - 1], "filter factors follow the singular values");
                }
            }
        }
        // f_i = 1/2 where alpha = s_i^2
        assertEquals(0.5, t.filterFactors(s[2] * s[2])[2], 4 * TestMatrices.EPS);
        // alpha = 0: no filtering
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, t.filterFactors(0));
        // rank-deficient alpha = 0: the default cut-off of SVD.rank() drops the rounding-level values
        Tikhonov d = Tikhonov.of(lowRank(8, 8, 3, 2));
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0, 0, 0}, d.filterFactors(0));
        assertEquals(3, d.effectiveDegreesOfFreedom(0));
    }

    @Test
    void effectiveDegreesOfFreedomIsTheTraceOfTheHatMatrix() {
        Matrix a = randn(14, 6, 23);
        Tikhonov t = Tikhonov.of(a);
        assertEquals(6, t.effectiveDegreesOfFreedom(0));
        double prev = 6;
        for (double alpha : new double[] {1e-3, 0.1, 1, 10, 1e3}) {
            double df = t.effectiveDegreesOfFreedom(alpha);
            // H = A (A'A + alpha I)^-1 A', tr H = sum f_i
            Matrix z = gaussSolve(normalMatrix(a, alpha), a.transpose());
            double trace = a.mmul(z).trace();
            assertEquals(trace, df, 2 * backward(14, 6) * normalCond(a, alpha) * 6, "alpha " + alpha);
            assertTrue(df < prev, "degrees of freedom decrease with alpha");
            prev = df;
        }
        assertTrue(t.effectiveDegreesOfFreedom(1e300) < 1e-290);
    }

    @Test
    void manyAlphasReuseOneSvd() {
        Matrix a = randn(25, 10, 4);
        Matrix before = a.copy();
        Tikhonov t = Tikhonov.of(a);
        SVD svd = t.svd();
        Matrix b = randn(25, 3, 5);
        for (int i = -8; i <= 8; i++) {
            double alpha = Math.pow(10, i);
            Matrix x = t.solve(b, alpha);
            Matrix grad = a.tmmul(a.mmul(x).sub(b)).add(x.scale(alpha));
            double na = TestMatrices.norm2(a);
            double scale = na * (na * x.normFrobenius() + b.normFrobenius()) + alpha * x.normFrobenius();
            assertTrue(grad.normFrobenius() <= backward(25, 10) * scale, "alpha " + alpha);
            assertSame(svd, t.svd());
        }
        assertEquals(0, a.maxAbsDiff(before));
    }

    @Test
    void hugeAndTinySingularValuesDoNotOverflow() {
        // s = 3e160, 4e160: s^2 overflows, yet f_i = s_i^2 / (s_i^2 + alpha) and x_i = s_i b_i / (s_i^2 + alpha)
        // are ordinary numbers
        Tikhonov big = Tikhonov.of(Matrix.diag(3e160, 4e160));
        double[] f = big.filterFactors(1e300);
        // singular values are sorted descending: s = (4e160, 3e160); x is in the original coordinates
        assertEquals(1 / (1 + 1e-20 / 16), f[0], 1e-15);
        assertEquals(1 / (1 + 1e-20 / 9), f[1], 1e-15);
        double[] x = big.solve(new double[] {3e160, 4e160}, 1e300);
        assertEquals(1 / (1 + 1e-20 / 9), x[0], 1e-15);
        assertEquals(1 / (1 + 1e-20 / 16), x[1], 1e-15);
        // s = 3e-160: s^2 = 9e-320 is subnormal (few significant bits), the ratio form keeps full precision
        Tikhonov tiny = Tikhonov.of(Matrix.diag(3e-160, 4e-160));
        f = tiny.filterFactors(1e-300);
        assertEquals(16e-20, f[0], 16e-20 * 1e-14);
        assertEquals(9e-20, f[1], 9e-20 * 1e-14);
        x = tiny.solve(new double[] {1e-160, 1e-160}, 1e-300);
        // x_i = s_i b_i / (s_i^2 + alpha) = 1 / (s_i / b_i + alpha / (s_i b_i))
        assertEquals(3e-20, x[0], 3e-20 * 1e-14);
        assertEquals(4e-20, x[1], 4e-20 * 1e-14);
    }

    // ------------------------------------------------------------------ bad input

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void rejectsBadAlpha() {
        Tikhonov t = Tikhonov.of(randn(5, 3, 1));
        for (double alpha : new double[] {-1, -1e-300, Double.NaN, Double.POSITIVE_INFINITY}) {
            String msg = message(() -> t.solve(new double[5], alpha));
            assertTrue(msg.contains("alpha") && msg.contains(String.valueOf(alpha)) && msg.contains(">= 0"), msg);
            message(() -> t.solve(Matrix.zeros(5, 2), alpha));
            message(() -> t.filterFactors(alpha));
            message(() -> t.effectiveDegreesOfFreedom(alpha));
        }
    }

    @Test
    void rejectsBadMatricesAndRightHandSides() {
        String msg = message(() -> Tikhonov.of(Matrix.zeros(0, 3)));
        assertTrue(msg.contains("non-empty"), msg);
        Matrix a = randn(4, 3, 1);
        a.set(2, 1, Double.NaN);
        msg = message(() -> Tikhonov.of(a));
        assertTrue(msg.contains("NaN") && msg.contains("(2, 1)"), msg);
        Tikhonov t = Tikhonov.of(randn(4, 3, 2));
        msg = message(() -> t.solve(new double[3], 1));
        assertTrue(msg.contains("length 3") && msg.contains("4x3"), msg);
        msg = message(() -> t.solve(Matrix.zeros(5, 1), 1));
        assertTrue(msg.contains("5x1") && msg.contains("4x3"), msg);
        msg = message(() -> t.solve(new double[] {1, Double.POSITIVE_INFINITY, 0, 0}, 1));
        assertTrue(msg.contains("Infinity"), msg);
    }
}
