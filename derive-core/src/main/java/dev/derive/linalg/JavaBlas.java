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
 * the method-handle adapter chains interpreted. These kernels need none of that. Every innermost loop is its own
 * small method ({@code dot2x4}, {@code dot1x4}, {@code axpy4}, {@code axpy}, {@code dot4}, {@code dot}) called once
 * per block of columns: the JIT compiles such a method after a few hundred calls, within the first factorisation,
 * instead of waiting for an on-stack replacement of a large loop nest. The level-3 routines are register-blocked:
 * every entry of {@code dsyrk}'s result and of {@code dpotrf}'s trailing update is a dot product of two contiguous
 * columns, eight of them (a 2 x 4 block) per pass ({@code dot2x4}: six loads for eight multiply-adds, which matters
 * most before the optimising compiler has run); {@code dtrsm} works on blocks of four unknowns with the {@code y +=
 * s0 x0 + s1 x1 + s2 x2 + s3 x3} ({@code axpy4}) and four-dot ({@code dot4}) kernels. Warm, one thread, JDK 25:
 * {@code dsyrk} 0.35 ms for a 140 x 140 result with k = 200, {@code dpotrf} 0.29 ms at n = 200, {@code dtrsm} 0.61 ms
 * for 200 x 140 right-hand sides (the unblocked column kernels before: 0.49-1.33, 0.34 and 1.02 ms). They are meant
 * for small operands (flops per call below a few million); {@link Blas} is 2-4 times faster on these and far faster
 * on large ones.
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
     * Blas#dsyrkLower} (the strict upper triangle is not touched; {@code beta == 0}: {@code C} is not read). Every
     * entry is a dot product {@code C_ij = alpha sum_l B_li B_lj} of two contiguous columns of {@code B = A} ({@code
     * trans}) or of {@code B = A'} (the other form copies {@code A'} into a work array first, {@code n k} doubles),
     * computed by register-blocked kernels: two rows by four columns of {@code C} per pass over {@code l}
     * ({@link #dot2x4}: six loads for eight multiply-adds, against two loads per multiply-add for one dot).
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
        if (trans) {
            gramLower(n, k, alpha, a, aOff, lda, c, cOff, ldc);
            return;
        }
        double[] b = new double[n * k]; // A' (k x n, leading dimension k): row i of A is column i of A'
        for (int l = 0; l < k; l++) {
            columnToRow(a, aOff + l * lda, n, b, l, k);
        }
        gramLower(n, k, alpha, b, 0, k, c, cOff, ldc);
    }

    /**
     * {@code C_ij += alpha sum_{l < k} B[bOff + l + i ldb] B[bOff + l + j ldb]} for {@code 0 <= j <= i < n}: the lower
     * triangle of {@code alpha B'B} for the {@code k x n} matrix B, added to C. Four columns of C at a time: their
     * diagonal block by single dots, the rows below it two at a time ({@link #dot2x4}).
     */
    static void gramLower(int n, int k, double alpha, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int oj = bOff + j * ldb;
            lowerBlockDots(j, j + 4, k, alpha, b, bOff, ldb, c, cOff, ldc);
            int i = j + 4;
            for (; i + 2 <= n; i += 2) {
                int oi = bOff + i * ldb;
                dot2x4(b, oi, oi + ldb, b, oj, oj + ldb, oj + 2 * ldb, oj + 3 * ldb, k, alpha, c,
                        cOff + i + j * ldc, ldc);
            }
            if (i < n) {
                dot1x4(b, bOff + i * ldb, b, oj, oj + ldb, oj + 2 * ldb, oj + 3 * ldb, k, alpha, c,
                        cOff + i + j * ldc, ldc);
            }
        }
        lowerBlockDots(j, n, k, alpha, b, bOff, ldb, c, cOff, ldc);
    }

    /**
     * {@code C_ij += alpha dot(B_i, B_j)} for {@code j0 <= j <= i < j1}: the lower triangle of a diagonal block, one
     * dot per entry (at most ten for the blocks of {@link #gramLower}).
     */
    private static void lowerBlockDots(int j0, int j1, int k, double alpha, double[] b, int bOff, int ldb, double[] c,
                                       int cOff, int ldc) {
        for (int j = j0; j < j1; j++) {
            for (int i = j; i < j1; i++) {
                c[cOff + i + j * ldc] += alpha * dot(b, bOff + i * ldb, b, bOff + j * ldb, k);
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

    /**
     * {@code x = T^-1 x} for the lower triangular T of order m: forward substitution by blocks of four unknowns (the
     * 4 x 4 diagonal triangle solved directly, then {@code x[k+4:m] -= T[k+4:m, k:k+4] x[k:k+4]} by {@link #axpy4}).
     */
    private static void forward(double[] t, int tOff, int ldt, int m, double[] b, int x) {
        int k = 0;
        for (; k + 4 <= m; k += 4) {
            int t0 = tOff + k + k * ldt; // T[k, k]
            int t1 = t0 + ldt;
            int t2 = t1 + ldt;
            int t3 = t2 + ldt;
            double x0 = b[x + k] / t[t0];
            double x1 = (b[x + k + 1] - t[t0 + 1] * x0) / t[t1 + 1];
            double x2 = (b[x + k + 2] - t[t0 + 2] * x0 - t[t1 + 2] * x1) / t[t2 + 2];
            double x3 = (b[x + k + 3] - t[t0 + 3] * x0 - t[t1 + 3] * x1 - t[t2 + 3] * x2) / t[t3 + 3];
            b[x + k] = x0;
            b[x + k + 1] = x1;
            b[x + k + 2] = x2;
            b[x + k + 3] = x3;
            axpy4(b, x + k + 4, m - k - 4, t, t0 + 4, t1 + 4, t2 + 4, t3 + 4, -x0, -x1, -x2, -x3);
        }
        for (; k < m; k++) {
            int tk = tOff + k + k * ldt;
            double xk = b[x + k] / t[tk];
            b[x + k] = xk;
            axpy(b, x + k + 1, m - k - 1, t, tk + 1, -xk);
        }
    }

    /**
     * {@code x = T^-T x} for the lower triangular T of order m: back substitution, the last {@code m mod 4} unknowns
     * one by one, then blocks of four ({@code x[k:k+4] -= T[k+4:m, k:k+4]' x[k+4:m]} by {@link #dot4}, then the 4 x 4
     * triangle of {@code T'} solved directly).
     */
    private static void backward(double[] t, int tOff, int ldt, int m, double[] b, int x) {
        int k = m - 1;
        for (; k >= m - m % 4; k--) {
            int tk = tOff + k + k * ldt;
            b[x + k] = (b[x + k] - dot(t, tk + 1, b, x + k + 1, m - k - 1)) / t[tk];
        }
        for (k = m - m % 4 - 4; k >= 0; k -= 4) {
            int t0 = tOff + k + k * ldt; // T[k, k]
            int t1 = t0 + ldt;
            int t2 = t1 + ldt;
            int t3 = t2 + ldt;
            dot4(t, t0 + 4, t1 + 4, t2 + 4, t3 + 4, b, x + k + 4, m - k - 4, -1, b, x + k);
            double x3 = b[x + k + 3] / t[t3 + 3];
            double x2 = (b[x + k + 2] - t[t2 + 3] * x3) / t[t2 + 2];
            double x1 = (b[x + k + 1] - t[t1 + 2] * x2 - t[t1 + 3] * x3) / t[t1 + 1];
            double x0 = (b[x + k] - t[t0 + 1] * x1 - t[t0 + 2] * x2 - t[t0 + 3] * x3) / t[t0];
            b[x + k] = x0;
            b[x + k + 1] = x1;
            b[x + k + 2] = x2;
            b[x + k + 3] = x3;
        }
    }

    /**
     * Cholesky factorisation of the {@code n x n} symmetric matrix whose lower triangle is at {@code a[off..]}
     * (leading dimension {@code lda}), overwritten by {@code L} with {@code A = L L'}; the strict upper triangle is
     * neither read nor written. Returns LAPACK's {@code info}: 0 on success, {@code i > 0} if the leading minor of
     * order {@code i} is not positive (or not a number; the factorisation stopped there, columns {@code >= i - 1}
     * partly overwritten), as {@link Blas#dpotrfLower}. Left-looking by panels of four columns (Golub &amp; Van Loan,
     * <i>Matrix Computations</i>, 4th ed., sections 4.2.5-4.2.9): the panel {@code A[j:n, j:j+4]} first gets {@code
     * - L[j:n, 0:j] L[j:j+4, 0:j]'}, whose entries are dot products of rows of {@code L}, read from a transposed copy
     * {@code L'} (columns contiguous, {@code n^2} doubles of work) by the kernels of {@link #dsyrkLower}; then the panel
     * is factored column by column (Algorithm 4.2.1 within the panel) and its columns are copied into {@code L'}.
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code lda < max(1, n)}, {@code off < 0} or the matrix does
     *                                  not fit in {@code a}
     */
    public static int dpotrfLower(int n, double[] a, int off, int lda) {
        if (n < 0 || off < 0 || lda < Math.max(1, n) || (n > 0 && (long) off + (long) (n - 1) * lda + n > a.length)) {
            throw new IllegalArgumentException("JavaBlas.dpotrfLower: a " + n + "x" + n + " matrix at offset " + off
                    + " with leading dimension " + lda + " does not fit in an array of length " + a.length);
        }
        double[] lt = new double[n * n]; // L' (column i: row i of L, rows 0..j-1 filled once panel j is done)
        for (int j = 0; j < n; j += 4) {
            int w = Math.min(4, n - j);
            if (j > 0) {
                panelUpdate(n, j, w, lt, a, off, lda);
            }
            int info = factorPanel(n, j, w, a, off, lda);
            if (info != 0) {
                return info;
            }
            for (int jj = j; jj < j + w; jj++) {
                columnToRow(a, off + jj + jj * lda, n - jj, lt, jj + jj * n, n);
            }
        }
        return 0;
    }

    /**
     * {@code A[i, jj] -= sum_{k < j} L[i, k] L[jj, k]} for the panel columns {@code j <= jj < j + w} and rows {@code
     * i >= jj}: dots of length j of the columns of {@code L'}, two rows by four columns at a time.
     */
    private static void panelUpdate(int n, int j, int w, double[] lt, double[] a, int off, int lda) {
        lowerBlockDots(j, j + w, j, -1, lt, 0, n, a, off, lda);
        if (w < 4) {
            return; // the last, narrow panel: its diagonal block is all there is below row j
        }
        int oj = j * n;
        int i = j + 4;
        for (; i + 2 <= n; i += 2) {
            dot2x4(lt, i * n, i * n + n, lt, oj, oj + n, oj + 2 * n, oj + 3 * n, j, -1, a, off + i + j * lda, lda);
        }
        if (i < n) {
            dot1x4(lt, i * n, lt, oj, oj + n, oj + 2 * n, oj + 3 * n, j, -1, a, off + i + j * lda, lda);
        }
    }

    /** Factors the updated panel columns {@code j .. j + w - 1} (left-looking within the panel); returns info. */
    private static int factorPanel(int n, int j, int w, double[] a, int off, int lda) {
        for (int jj = j; jj < j + w; jj++) {
            int cj = off + jj + jj * lda;
            int len = n - jj;
            for (int kk = j; kk < jj; kk++) {
                int o = off + jj + kk * lda;
                axpy(a, cj, len, a, o, -a[o]);
            }
            double d = a[cj];
            if (!(d > 0)) {
                return jj + 1;
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

    /**
     * The 2 x 4 block {@code c[ci + r + t ldc] += alpha sum_{l < len} x[xr + l] y[yt + l]} ({@code r < 2} for the rows
     * {@code x0, x1}, {@code t < 4} for the columns {@code y0 .. y3}): eight dot products in one pass, eight
     * accumulators in registers.
     */
    static void dot2x4(double[] x, int x0, int x1, double[] y, int y0, int y1, int y2, int y3, int len, double alpha,
                       double[] c, int ci, int ldc) {
        double s00 = 0;
        double s01 = 0;
        double s02 = 0;
        double s03 = 0;
        double s10 = 0;
        double s11 = 0;
        double s12 = 0;
        double s13 = 0;
        for (int l = 0; l < len; l++) {
            double a0 = x[x0 + l];
            double a1 = x[x1 + l];
            double b0 = y[y0 + l];
            double b1 = y[y1 + l];
            double b2 = y[y2 + l];
            double b3 = y[y3 + l];
            s00 += a0 * b0;
            s01 += a0 * b1;
            s02 += a0 * b2;
            s03 += a0 * b3;
            s10 += a1 * b0;
            s11 += a1 * b1;
            s12 += a1 * b2;
            s13 += a1 * b3;
        }
        c[ci] += alpha * s00;
        c[ci + 1] += alpha * s10;
        c[ci + ldc] += alpha * s01;
        c[ci + 1 + ldc] += alpha * s11;
        c[ci + 2 * ldc] += alpha * s02;
        c[ci + 1 + 2 * ldc] += alpha * s12;
        c[ci + 3 * ldc] += alpha * s03;
        c[ci + 1 + 3 * ldc] += alpha * s13;
    }

    /** The 1 x 4 block {@code c[ci + t ldc] += alpha sum_{l < len} x[x0 + l] y[yt + l]}, {@code t < 4}. */
    static void dot1x4(double[] x, int x0, double[] y, int y0, int y1, int y2, int y3, int len, double alpha,
                       double[] c, int ci, int ldc) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int l = 0; l < len; l++) {
            double a0 = x[x0 + l];
            s0 += a0 * y[y0 + l];
            s1 += a0 * y[y1 + l];
            s2 += a0 * y[y2 + l];
            s3 += a0 * y[y3 + l];
        }
        c[ci] += alpha * s0;
        c[ci + ldc] += alpha * s1;
        c[ci + 2 * ldc] += alpha * s2;
        c[ci + 3 * ldc] += alpha * s3;
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
