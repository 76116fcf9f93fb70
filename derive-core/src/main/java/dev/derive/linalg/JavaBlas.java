package dev.derive.linalg;

/**
 * Pure-Java counterparts of the {@link Blas} routines that a small dense solve needs ({@code dgemv}, the lower
 * {@code dsyrk}, the left lower {@code dtrsm} and LAPACK's {@code dpotrf}), on the same column-major {@code double[]}
 * storage with offsets and leading dimensions and with the same argument conventions, so that a caller can switch
 * between the two per call. They compute the same quantities as the reference BLAS / LAPACK definitions (up to the
 * order of the floating-point sums, hence to rounding):
 * <ul>
 *   <li>{@link #dgemv}: {@code y = alpha op(A) x + beta y};</li>
 *   <li>{@link #dsyrkLower}: the lower triangle of {@code C = alpha A'A + beta C} or {@code alpha A A' + beta C};</li>
 *   <li>{@link #dtrsm}: {@code B = alpha T^-1 B} or {@code alpha T^-T B} for a lower triangular {@code T};</li>
 *   <li>{@link #dpotrfLower}: the Cholesky factor {@code A = L L'} by the left-looking column ("gaxpy") algorithm,
 *       Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Algorithm 4.2.1.</li>
 * </ul>
 *
 * <p><b>Why.</b> For operands of a few hundred rows the native library's fixed costs dominate the first calls of a
 * fresh JVM: loading OpenBLAS (about 0.3 s), creating each routine's FFM downcall handle (a few ms each) and running
 * the method-handle adapter chains interpreted. These kernels need none of that. Every loop over the rows of a
 * column is its own small method ({@code axpy4}, {@code axpy}, {@code dot4}, {@code dot}) called once per column
 * or block of four columns: the JIT compiles such a method after a few hundred calls, within the first
 * factorisation, instead of waiting for an on-stack replacement of a large loop nest; the updates are written in
 * the vectorisable {@code y += s0 x0 + s1 x1 + s2 x2 + s3 x3} form (four columns per pass over {@code y}).
 * They are meant for small operands (flops per call below a few million); {@link Blas} is far faster on large
 * ones.
 */
public final class JavaBlas {

    private JavaBlas() {
    }

    /**
     * {@code y = alpha * op(A) * x + beta * y} for an {@code m x n} matrix {@code A} (before {@code op}), unit strides
     * on {@code x} and {@code y}; as {@link Blas#dgemv} ({@code beta == 0}: {@code y} is not read).
     */
    public static void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
                             double[] x, int xOff, double beta, double[] y, int yOff) {
        int yLen = transA ? n : m;
        scale(y, yOff, yLen, beta);
        if (m == 0 || n == 0) {
            return;
        }
        if (transA) {
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int o = aOff + j * lda;
                dot4(a, o, o + lda, o + 2 * lda, o + 3 * lda, x, xOff, m, alpha, y, yOff + j);
            }
            for (; j < n; j++) {
                y[yOff + j] += alpha * dot(a, aOff + j * lda, x, xOff, m);
            }
        } else {
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int o = aOff + j * lda;
                axpy4(y, yOff, m, a, o, o + lda, o + 2 * lda, o + 3 * lda, alpha * x[xOff + j],
                        alpha * x[xOff + j + 1], alpha * x[xOff + j + 2], alpha * x[xOff + j + 3]);
            }
            for (; j < n; j++) {
                axpy(y, yOff, m, a, aOff + j * lda, alpha * x[xOff + j]);
            }
        }
    }

    /**
     * The lower triangle of the {@code n x n} matrix {@code C = alpha * A' A + beta * C} when {@code trans} ({@code A}
     * is {@code k x n}), else {@code C = alpha * A A' + beta * C} ({@code A} is {@code n x k}); as {@link
     * Blas#dsyrkLower} (the strict upper triangle is not touched; {@code beta == 0}: {@code C} is not read). The
     * transposed form copies {@code A'} into a work array first ({@code n k} doubles) so that both run as column
     * updates {@code C[j:n, j] += A[j, l] A[j:n, l]}.
     */
    public static void dsyrkLower(boolean trans, int n, int k, double alpha, double[] a, int aOff, int lda,
                                  double beta, double[] c, int cOff, int ldc) {
        if (n == 0) {
            return;
        }
        for (int j = 0; j < n; j++) {
            scale(c, cOff + j + j * ldc, n - j, beta);
        }
        if (k == 0 || alpha == 0) {
            return;
        }
        double[] b = a;
        int bOff = aOff;
        int ldb = lda;
        if (trans) { // A' (n x k, leading dimension n): column l of A' is row l of A
            b = new double[n * k];
            for (int j = 0; j < n; j++) {
                columnToRow(a, aOff + j * lda, k, b, j, n);
            }
            bOff = 0;
            ldb = n;
        }
        for (int j = 0; j < n; j++) {
            int cj = cOff + j + j * ldc;
            int len = n - j;
            int l = 0;
            for (; l + 4 <= k; l += 4) {
                int o = bOff + j + l * ldb;
                axpy4(c, cj, len, b, o, o + ldb, o + 2 * ldb, o + 3 * ldb, alpha * b[o], alpha * b[o + ldb],
                        alpha * b[o + 2 * ldb], alpha * b[o + 3 * ldb]);
            }
            for (; l < k; l++) {
                int o = bOff + j + l * ldb;
                axpy(c, cj, len, b, o, alpha * b[o]);
            }
        }
    }

    /**
     * {@code B = alpha * T^-1 B} ({@code !transT}) or {@code B = alpha * T^-T B} ({@code transT}) for the lower
     * triangular {@code m x m} matrix {@code T} (non-unit diagonal) and the {@code m x n} matrix {@code B}: the {@code
     * left}, {@code lower}, non-unit cases of {@link Blas#dtrsm}, the ones a Cholesky solve needs. Forward
     * substitution by columns of T ({@code b[k+1:m] -= b_k T[k+1:m, k]}), back substitution by dot products with
     * them. Does not check for singularity.
     *
     * @throws IllegalArgumentException for {@code left == false}, {@code lower == false} or {@code unitDiagonal}
     */
    public static void dtrsm(boolean left, boolean lower, boolean transT, boolean unitDiagonal, int m, int n,
                             double alpha, double[] t, int tOff, int ldt, double[] b, int bOff, int ldb) {
        if (!left || !lower || unitDiagonal) {
            throw new IllegalArgumentException("JavaBlas.dtrsm: only left, lower, non-unit triangles are supported (got"
                    + " left=" + left + ", lower=" + lower + ", unitDiagonal=" + unitDiagonal + ")");
        }
        if (m == 0 || n == 0) {
            return;
        }
        for (int col = 0; col < n; col++) {
            int x = bOff + col * ldb;
            if (alpha != 1) {
                scale(b, x, m, alpha);
            }
            if (transT) {
                backward(t, tOff, ldt, m, b, x);
            } else {
                forward(t, tOff, ldt, m, b, x);
            }
        }
    }

    /** {@code x = T^-1 x} for the lower triangular T of order m (forward substitution, column-oriented). */
    private static void forward(double[] t, int tOff, int ldt, int m, double[] b, int x) {
        for (int k = 0; k < m; k++) {
            int tk = tOff + k + k * ldt;
            double xk = b[x + k] / t[tk];
            b[x + k] = xk;
            if (xk != 0) {
                axpy(b, x + k + 1, m - k - 1, t, tk + 1, -xk);
            }
        }
    }

    /** {@code x = T^-T x} for the lower triangular T of order m (back substitution by dot products with its columns). */
    private static void backward(double[] t, int tOff, int ldt, int m, double[] b, int x) {
        for (int k = m - 1; k >= 0; k--) {
            int tk = tOff + k + k * ldt;
            b[x + k] = (b[x + k] - dot(t, tk + 1, b, x + k + 1, m - k - 1)) / t[tk];
        }
    }

    /**
     * Cholesky factorisation of the {@code n x n} symmetric matrix whose lower triangle is at {@code a[off..]}
     * (leading dimension {@code lda}), overwritten by {@code L} with {@code A = L L'}; the strict upper triangle is
     * neither read nor written. Returns LAPACK's {@code info}: 0 on success, {@code i > 0} if the leading minor of
     * order {@code i} is not positive (or not a number; the factorisation stopped there, columns {@code >= i - 1}
     * partly overwritten), as {@link Blas#dpotrfLower}. Left-looking: column j gets {@code A[j:n, j] - L[j:n, 0:j]
     * L[j, 0:j]'} (four columns of L per pass), then is divided by the square root of its diagonal entry.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code lda < max(1, n)}, {@code off < 0} or the matrix does
     *                                  not fit in {@code a}
     */
    public static int dpotrfLower(int n, double[] a, int off, int lda) {
        if (n < 0 || off < 0 || lda < Math.max(1, n) || (n > 0 && (long) off + (long) (n - 1) * lda + n > a.length)) {
            throw new IllegalArgumentException("JavaBlas.dpotrfLower: a " + n + "x" + n + " matrix at offset " + off
                    + " with leading dimension " + lda + " does not fit in an array of length " + a.length);
        }
        for (int j = 0; j < n; j++) {
            int cj = off + j + j * lda;
            int len = n - j;
            int k = 0;
            for (; k + 4 <= j; k += 4) {
                int o = off + j + k * lda;
                axpy4(a, cj, len, a, o, o + lda, o + 2 * lda, o + 3 * lda, -a[o], -a[o + lda], -a[o + 2 * lda],
                        -a[o + 3 * lda]);
            }
            for (; k < j; k++) {
                int o = off + j + k * lda;
                axpy(a, cj, len, a, o, -a[o]);
            }
            double d = a[cj];
            if (!(d > 0)) {
                return j + 1;
            }
            double r = Math.sqrt(d);
            a[cj] = r;
            scale(a, cj + 1, len - 1, 1 / r);
        }
        return 0;
    }

    /*
     * The kernels: one pass over a column segment each, small enough for the JIT to compile early and to inline.
     */

    /** {@code y[yOff + i] += s0 a[o0 + i] + s1 a[o1 + i] + s2 a[o2 + i] + s3 a[o3 + i]}, {@code i < len}. */
    static void axpy4(double[] y, int yOff, int len, double[] a, int o0, int o1, int o2, int o3,
                      double s0, double s1, double s2, double s3) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += s0 * a[o0 + i] + s1 * a[o1 + i] + s2 * a[o2 + i] + s3 * a[o3 + i];
        }
    }

    /** {@code y[yOff + i] += s x[xOff + i]}, {@code i < len}. */
    static void axpy(double[] y, int yOff, int len, double[] x, int xOff, double s) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += s * x[xOff + i];
        }
    }

    /** {@code sum_i a[aOff + i] x[xOff + i]}, {@code i < len}, with two partial sums. */
    static double dot(double[] a, int aOff, double[] x, int xOff, int len) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 2 <= len; i += 2) {
            s0 += a[aOff + i] * x[xOff + i];
            s1 += a[aOff + i + 1] * x[xOff + i + 1];
        }
        if (i < len) {
            s0 += a[aOff + i] * x[xOff + i];
        }
        return s0 + s1;
    }

    /** {@code y[yOff + t] += alpha sum_i a[o_t + i] x[xOff + i]}, {@code t < 4, i < len}: four dot products at once. */
    static void dot4(double[] a, int o0, int o1, int o2, int o3, double[] x, int xOff, int len, double alpha,
                     double[] y, int yOff) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int i = 0; i < len; i++) {
            double xi = x[xOff + i];
            s0 += a[o0 + i] * xi;
            s1 += a[o1 + i] * xi;
            s2 += a[o2 + i] * xi;
            s3 += a[o3 + i] * xi;
        }
        y[yOff] += alpha * s0;
        y[yOff + 1] += alpha * s1;
        y[yOff + 2] += alpha * s2;
        y[yOff + 3] += alpha * s3;
    }

    /** {@code dst[row + i * ld] = src[off + i]}, {@code i < len}: a column written as a row. */
    static void columnToRow(double[] src, int off, int len, double[] dst, int row, int ld) {
        for (int i = 0; i < len; i++) {
            dst[row + i * ld] = src[off + i];
        }
    }

    /** {@code y[off + i] *= beta} for {@code i < len}; zeros them when {@code beta == 0} (BLAS: y is not read). */
    private static void scale(double[] y, int off, int len, double beta) {
        if (beta == 1) {
            return;
        }
        if (beta == 0) {
            java.util.Arrays.fill(y, off, off + len, 0);
            return;
        }
        for (int i = 0; i < len; i++) {
            y[off + i] *= beta;
        }
    }
}
