package dev.derive.linalg;

import java.util.Arrays;

/**
 * The singular value decomposition {@code A = U S V'} of a real {@code m x n} matrix, computed by LAPACK
 * {@code dgesdd} (divide and conquer), falling back to {@code dgesvd} (QR iteration) if {@code dgesdd}
 * reports that it did not converge. {@code U} and {@code V} have orthonormal columns and
 * {@code s_1 >= s_2 >= ... >= s_k >= 0}, {@code k = min(m, n)}.
 *
 * <ul>
 *   <li>{@link #of(Matrix)}: the thin SVD, {@code U} is {@code m x k}, {@code V} is {@code n x k}.</li>
 *   <li>{@link #full(Matrix)}: the full SVD, {@code U} is {@code m x m}, {@code V} is {@code n x n}; the
 *       extra columns complete orthonormal bases of R^m and R^n. {@link #s()} is still {@code k x k}, so
 *       {@code A = U[:, :k] S V[:, :k]'}.</li>
 *   <li>{@link #values(Matrix)}: the singular values only (cheaper: no vectors are formed).</li>
 *   <li>{@link #truncate(int)}: the top {@code r} triplets. A truncated SVD is the exact SVD of the
 *       best rank-{@code r} approximation {@code A_r = U_r S_r V_r'} (an {@code m x n} matrix), and every
 *       method answers for {@code A_r}: e.g. {@link #cond()} is {@code +inf} when {@code r < min(m, n)},
 *       {@link #solve} is the truncated-SVD (TSVD) regularised solution.</li>
 * </ul>
 *
 * <p><b>Cut-offs.</b> {@link #rank()} counts {@code s_i > max(m, n) * eps * s_1} ({@code eps = 2^-52}),
 * exactly numpy's {@code matrix_rank}. {@link #pinv()} and {@link #solve} treat singular values
 * {@code s_i <= rcond * s_1} as zero, with default {@code rcond = max(m, n) * eps}: the cut-off of numpy's
 * {@code lstsq(rcond=None)} and {@code matrix_rank}, of {@code scipy.linalg.pinv} (default {@code rtol}) and
 * of the Array API standard's {@code pinv(rtol=None)}, so that a value counted in the rank is exactly a
 * value inverted. numpy's own {@code pinv} defaults to the fixed {@code rcond=1e-15} (numpy 2 selects
 * {@code max(M, N) * eps} only with {@code rtol=None}); that keeps more noise once {@code max(m, n) > 4};
 * pass {@code rcond = 1e-15} to {@link #pinv(double)} to reproduce it. In every case {@code rcond} is
 * relative to the largest singular value, as numpy's {@code rcond}/{@code rtol}.
 *
 * <p>The input is copied and never modified; it must be non-empty and finite. Instances are immutable
 * and thread-safe; accessors return copies.
 */
public final class SVD {

    private static final double EPS = Math.ulp(1.0);

    private final int m;
    private final int n;
    /** m x (number of stored left vectors): k columns for thin/truncated, m for full. */
    private final Matrix u;
    /** (number of stored right vectors) x n: V transposed. */
    private final Matrix vt;
    /** The held singular values, descending (length k for thin/full, r for truncated). */
    private final double[] s;
    /** True if this holds fewer triplets than min(m, n) (a truncated SVD). */
    private final boolean truncated;
    private final boolean full;

    private SVD(int m, int n, Matrix u, double[] s, Matrix vt, boolean truncated, boolean full) {
        this.m = m;
        this.n = n;
        this.u = u;
        this.s = s;
        this.vt = vt;
        this.truncated = truncated;
        this.full = full;
    }

    // ---------------------------------------------------------------- factories

    /**
     * An SVD assembled from the top {@code k} columns of already computed factors (used by
     * {@link RandomizedSVD}); {@code u} is {@code m x l}, {@code vt} is {@code l x n}, {@code l >= k}.
     */
    static SVD truncated(int m, int n, Matrix u, double[] s, Matrix vt, int k) {
        Matrix uk = u.block(0, 0, m, k).copy();
        Matrix vk = vt.block(0, 0, k, n).copy();
        return new SVD(m, n, uk, Arrays.copyOf(s, k), vk, k < Math.min(m, n), false);
    }

    /** The thin SVD: {@code U} is {@code m x k}, {@code V} is {@code n x k}, {@code k = min(m, n)}. */
    public static SVD of(Matrix a) {
        return compute(a, false);
    }

    /** The full SVD: {@code U} is {@code m x m}, {@code V} is {@code n x n}. */
    public static SVD full(Matrix a) {
        return compute(a, true);
    }

    /** The singular values of {@code a}, descending (length {@code min(m, n)}), without forming vectors. */
    public static double[] values(Matrix a) {
        check(a, "SVD.values");
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        double[] s = new double[k];
        double[] dummy = new double[1];
        int info = Lapack.check(Lapack.dgesdd('N', m, n, a.toArray(), 0, Math.max(1, m), s, dummy, 0, 1, dummy, 0, 1),
                "dgesdd");
        if (info > 0) {
            double[] superb = new double[Math.max(1, k - 1)];
            info = Lapack.check(Lapack.dgesvd('N', 'N', m, n, a.toArray(), 0, Math.max(1, m), s, dummy, 0, 1,
                    dummy, 0, 1, superb), "dgesvd");
            if (info > 0) {
                throw notConverged(info, m, n);
            }
        }
        return s;
    }

    private static SVD compute(Matrix a, boolean full) {
        String op = full ? "SVD.full" : "SVD.of";
        check(a, op);
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        int ucols = full ? m : k;
        int vrows = full ? n : k;
        long uSize = (long) m * ucols;
        long vSize = (long) vrows * n;
        if (Math.max(uSize, vSize) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": the factors of a " + Checks.shape(a) + " matrix would have "
                    + Math.max(uSize, vSize) + " entries, more than a Java array can hold"
                    + (full ? "; use the thin SVD (SVD.of)" : ""));
        }
        double[] s = new double[k];
        double[] uu = new double[(int) uSize];
        double[] vv = new double[(int) vSize];
        char job = full ? 'A' : 'S';
        int info = Lapack.check(Lapack.dgesdd(job, m, n, a.toArray(), 0, Math.max(1, m), s, uu, 0, Math.max(1, m),
                vv, 0, Math.max(1, vrows)), "dgesdd");
        if (info > 0) {
            double[] superb = new double[Math.max(1, k - 1)];
            info = Lapack.check(Lapack.dgesvd(job, job, m, n, a.toArray(), 0, Math.max(1, m), s, uu, 0, Math.max(1, m),
                    vv, 0, Math.max(1, vrows), superb), "dgesvd");
            if (info > 0) {
                throw notConverged(info, m, n);
            }
        }
        return new SVD(m, n, Matrix.wrap(m, ucols, uu), s, Matrix.wrap(vrows, n, vv), false, full);
    }

    private static void check(Matrix a, String op) {
        Checks.nonEmpty(a, op);
        Checks.finite(a, op);
    }

    /** The exception for {@code dgesvd} returning {@code info > 0} (package-private so tests can read it). */
    static ArithmeticException notConverged(int info, int m, int n) {
        return new ArithmeticException("SVD of a " + m + "x" + n + " matrix did not converge: dgesdd failed and "
                + "dgesvd left " + info + " superdiagonal(s) of the bidiagonal form not converging to zero");
    }

    // ---------------------------------------------------------------- factors

    /** Number of rows of the decomposed matrix. */
    public int rows() {
        return m;
    }

    /** Number of columns of the decomposed matrix. */
    public int cols() {
        return n;
    }

    /** True if this is a full SVD ({@code U} square {@code m x m}, {@code V} square {@code n x n}). */
    public boolean isFull() {
        return full;
    }

    /** True if this is a truncated SVD holding fewer than {@code min(m, n)} triplets. */
    public boolean isTruncated() {
        return truncated;
    }

    /** The left singular vectors as columns (a copy): {@code m x k} (thin), {@code m x m} (full), {@code m x r} (truncated). */
    public Matrix u() {
        return u.copy();
    }

    /** The held singular values, descending (a copy). */
    public double[] singularValues() {
        return s.clone();
    }

    /** The diagonal matrix of the held singular values (square, of size {@code singularValues().length}). */
    public Matrix s() {
        return Matrix.diag(s);
    }

    /** The right singular vectors as columns (a copy): {@code n x k} (thin), {@code n x n} (full), {@code n x r} (truncated). */
    public Matrix v() {
        return vt.transpose();
    }

    /** {@code V'} (a copy). */
    public Matrix vt() {
        return vt.copy();
    }

    // ---------------------------------------------------------------- rank, norms, conditioning

    /** The largest singular value (0 for a zero matrix). */
    private double sMax() {
        return s.length == 0 ? 0 : s[0];
    }

    /** The default relative cut-off {@code max(m, n) * eps} used by {@link #rank()}, {@link #pinv()} and {@link #solve}. */
    public double defaultRcond() {
        return defaultRcond(m, n);
    }

    static double defaultRcond(int m, int n) {
        return Math.max(m, n) * EPS;
    }

    /** The numerical rank: the number of singular values {@code > max(m, n) * eps * s_1} (numpy's {@code matrix_rank}). */
    public int rank() {
        return rank(s, m, n);
    }

    /** The default numerical rank of singular values {@code s} (descending) of an {@code m x n} matrix. */
    static int rank(double[] s, int m, int n) {
        return countAbove(s, defaultRcond(m, n) * (s.length == 0 ? 0 : s[0]));
    }

    /** The number of singular values {@code > tol} (an absolute threshold, {@code tol >= 0}). */
    public int rank(double tol) {
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("rank: tol = " + tol + " is invalid; it must be finite and >= 0");
        }
        return countAbove(s, tol);
    }

    private static int countAbove(double[] s, double tol) {
        int r = 0;
        while (r < s.length && s[r] > tol) {
            r++;
        }
        return r;
    }

    /**
     * The 2-norm condition number {@code s_max / s_min} over the {@code min(m, n)} singular values;
     * {@code +inf} if {@code s_min = 0} (including the zero matrix) or if this is a truncated SVD.
     */
    public double cond() {
        return truncated ? Double.POSITIVE_INFINITY : cond(s);
    }

    static double cond(double[] s) {
        double min = s[s.length - 1];
        return min == 0 ? Double.POSITIVE_INFINITY : s[0] / min;
    }

    /** The spectral norm {@code ||A||_2 = s_1}. */
    public double norm2() {
        return sMax();
    }

    // ---------------------------------------------------------------- pseudo-inverse and least squares

    private double cutoff(double rcond, String op) {
        if (!(rcond >= 0) || Double.isInfinite(rcond)) {
            throw new IllegalArgumentException(op + ": rcond = " + rcond + " is invalid; it must be finite and >= 0");
        }
        return rcond * sMax();
    }

    /** The Moore–Penrose pseudo-inverse ({@code n x m}) with the default cut-off {@code rcond = max(m, n) * eps}. */
    public Matrix pinv() {
        return pinv(defaultRcond());
    }

    /**
     * The Moore–Penrose pseudo-inverse {@code A+ = V_r S_r^-1 U_r'} ({@code n x m}), where the singular
     * values {@code s_i <= rcond * s_1} are treated as zero.
     */
    public Matrix pinv(double rcond) {
        int r = countAbove(s, cutoff(rcond, "pinv"));
        // W = S_r^-1 V_r' (r x n); A+ = W' U_r'
        Matrix w = vt.block(0, 0, r, n).copy();
        for (int i = 0; i < r; i++) {
            double inv = 1 / s[i];
            for (int j = 0; j < n; j++) {
                w.data[i + j * w.ld] *= inv;
            }
        }
        return Matrix.gemm(1, w, true, u.block(0, 0, m, r), true);
    }

    /**
     * The minimum-norm least-squares solution {@code X = A+ B} of {@code min ||A X - B||_F} ({@code n x p}
     * for {@code B} of shape {@code m x p}), with the default cut-off (numpy's {@code lstsq(rcond=None)}).
     */
    public Matrix solve(Matrix b) {
        return solve(b, defaultRcond());
    }

    /** As {@link #solve(Matrix)}, treating singular values {@code s_i <= rcond * s_1} as zero. */
    public Matrix solve(Matrix b, double rcond) {
        if (b.rows() != m) {
            throw new IllegalArgumentException("SVD.solve: the right-hand side is " + Checks.shape(b)
                    + " but the matrix is " + m + "x" + n + " (needs " + m + " rows)");
        }
        Checks.finite(b, "SVD.solve (right-hand side)");
        int r = countAbove(s, cutoff(rcond, "SVD.solve"));
        double[] coef = new double[r];
        for (int i = 0; i < r; i++) {
            coef[i] = 1 / s[i];
        }
        return filteredSolve(b, coef);
    }

    /** The minimum-norm least-squares solution of {@code min ||A x - b||_2} (length {@code n}). */
    public double[] solve(double[] b) {
        return solve(b, defaultRcond());
    }

    /** As {@link #solve(double[])}, treating singular values {@code s_i <= rcond * s_1} as zero. */
    public double[] solve(double[] b, double rcond) {
        if (b.length != m) {
            throw new IllegalArgumentException("SVD.solve: the right-hand side has length " + b.length
                    + " but the matrix is " + m + "x" + n + " (needs length " + m + ")");
        }
        return solve(Matrix.columnVector(b), rcond).toArray();
    }

    /**
     * {@code X = V_r diag(coef) U_r' B} with {@code r = coef.length}: the common form of the pseudo-inverse
     * solution ({@code coef_i = 1/s_i}) and of spectral filters such as Tikhonov's
     * ({@code coef_i = f_i / s_i}). {@code b} must already be checked.
     */
    Matrix filteredSolve(Matrix b, double[] coef) {
        int r = coef.length;
        Matrix c = Matrix.gemm(1, u.block(0, 0, m, r), true, b, false); // U_r' B, r x p
        for (int j = 0; j < c.cols(); j++) {
            for (int i = 0; i < r; i++) {
                c.data[i + j * c.ld] *= coef[i];
            }
        }
        return Matrix.gemm(1, vt.block(0, 0, r, n), true, c, false);
    }

    /** Package-private read access for {@link Tikhonov}: the held singular values (not a copy). */
    double[] sRef() {
        return s;
    }

    // ---------------------------------------------------------------- low rank

    private int heldCount() {
        return s.length;
    }

    private void checkK(int k, int min, String op) {
        if (k < min || k > heldCount()) {
            throw new IllegalArgumentException(op + ": k = " + k + " is out of range; it must be in [" + min + ", "
                    + heldCount() + "] for this " + (truncated ? "truncated " : "") + "SVD of a " + m + "x" + n
                    + " matrix");
        }
    }

    /**
     * The best rank-{@code k} approximation {@code U_k S_k V_k'} ({@code m x n}) in both the Frobenius and the
     * spectral norm (Eckart–Young–Mirsky). {@code 0 <= k <=} the number of held singular values.
     */
    public Matrix lowRank(int k) {
        checkK(k, 0, "lowRank");
        Matrix us = u.block(0, 0, m, k).mulRowVector(Arrays.copyOf(s, k));
        return Matrix.gemm(1, us, false, vt.block(0, 0, k, n), false);
    }

    /**
     * {@code (sum_{i > k} s_i^2)^(1/2)}: the Frobenius error {@code ||A - lowRank(k)||_F} (over the held
     * singular values; for a truncated SVD this is the error relative to the truncated matrix).
     */
    public double tailError(int k) {
        checkK(k, 0, "tailError");
        if (k == s.length || s[k] == 0) {
            return 0;
        }
        double scale = s[k]; // the largest of the tail: scale to avoid overflow and underflow
        double sum = 0;
        for (int i = k; i < s.length; i++) {
            double t = s[i] / scale;
            sum += t * t;
        }
        return scale * Math.sqrt(sum);
    }

    /** An SVD holding only the top {@code k} triplets ({@code 1 <= k <=} the number held): the SVD of {@code lowRank(k)}. */
    public SVD truncate(int k) {
        checkK(k, 1, "truncate");
        Matrix uk = u.block(0, 0, m, k).copy();
        Matrix vk = vt.block(0, 0, k, n).copy();
        double[] sk = Arrays.copyOf(s, k);
        return new SVD(m, n, uk, sk, vk, k < Math.min(m, n), false);
    }

    @Override
    public String toString() {
        return (truncated ? "truncated " : full ? "full " : "thin ") + "SVD of a " + m + "x" + n + " matrix, "
                + s.length + " singular values, largest " + sMax() + ", rank " + rank();
    }
}
