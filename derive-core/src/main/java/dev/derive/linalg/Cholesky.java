package dev.derive.linalg;

import java.util.Locale;

/**
 * The Cholesky factorisation {@code A = L L'} of a symmetric positive definite matrix, with {@code L}
 * lower triangular with a positive diagonal (LAPACK {@code dpotrf}; Golub &amp; Van Loan, <i>Matrix
 * Computations</i>, 4th ed., section 4.2).
 *
 * <p>{@code A} must be symmetric to {@code |a_ij - a_ji| <= 1e-10 * max|a|}; what is factored is its
 * symmetric part {@code (A + A')/2}, as in {@link SymmetricEigen}. {@link #withJitter} retries a matrix that is positive
 * semi-definite up to rounding (a kernel matrix, a covariance of collinear features) with a growing
 * multiple of the identity added, as GPflow and scikit-learn's Gaussian processes do; {@link #jitter()}
 * then reports what was added, and every method refers to the factored matrix {@code A + jitter() I}.
 *
 * <p>The factorisation copies its input and is immutable, so it is safe to share between threads.
 */
public final class Cholesky {

    /** Relative tolerance of the symmetry check, {@code |a_ij - a_ji| <= SYMMETRY_TOL * max|a|}. */
    public static final double SYMMETRY_TOL = 1e-10;

    private final int n;
    /** L in the lower triangle, zeros above, column-major. */
    private final double[] l;
    private final double jitter;
    private final double relativeJitter;

    private Cholesky(int n, double[] l, double jitter, double relativeJitter) {
        this.n = n;
        this.l = l;
        this.jitter = jitter;
        this.relativeJitter = relativeJitter;
    }

    /**
     * Factors a symmetric positive definite matrix (copied, never modified).
     *
     * @throws IllegalArgumentException     if {@code a} is empty, not square, has a NaN or infinite entry,
     *                                      or is not symmetric (the message names the worst pair)
     * @throws NotPositiveDefiniteException if {@code a} is not positive definite (the message names the
     *                                      leading minor that failed)
     */
    public static Cholesky of(Matrix a) {
        double[] f = Checks.symmetricPart(a, "Cholesky", SYMMETRY_TOL);
        int n = a.rows();
        int info = factor(n, f);
        if (info > 0) {
            throw new NotPositiveDefiniteException("Cholesky: the " + n + "x" + n
                    + " matrix is not positive definite: its leading minor of order " + info
                    + " is not positive (dpotrf failed at diagonal entry " + (info - 1)
                    + "); try Cholesky.withJitter for a matrix that is only semi-definite", info);
        }
        return new Cholesky(n, f, 0, 0);
    }

    /**
     * Factors {@code A}, adding jitter to the diagonal if it is not numerically positive definite. It first
     * tries {@code A} itself; on failure it factors {@code A + c * s * I} with {@code s = mean |a_ii|} (or
     * {@code s = 1} if the diagonal is all zero) and {@code c = initialJitter, 10 initialJitter, 100
     * initialJitter, ...}, at most {@code maxTries} jittered attempts. Typical use: {@code
     * withJitter(K, 1e-10, 6)} for a kernel matrix.
     *
     * @param initialJitter the first relative jitter {@code c}, positive and finite
     * @param maxTries      the number of jittered attempts after the plain one, {@code >= 0}
     * @throws IllegalArgumentException     as {@link #of}, or for an invalid {@code initialJitter} or
     *                                      {@code maxTries}
     * @throws NotPositiveDefiniteException if every attempt failed; the message lists the jitters tried
     */
    public static Cholesky withJitter(Matrix a, double initialJitter, int maxTries) {
        if (!(initialJitter > 0) || !Double.isFinite(initialJitter)) {
            throw new IllegalArgumentException("Cholesky.withJitter: initialJitter must be positive and finite, got "
                    + initialJitter);
        }
        if (maxTries < 0) {
            throw new IllegalArgumentException("Cholesky.withJitter: maxTries must be >= 0, got " + maxTries);
        }
        double[] orig = Checks.symmetricPart(a, "Cholesky.withJitter", SYMMETRY_TOL);
        int n = a.rows();
        double[] f = orig.clone();
        int info = factor(n, f);
        if (info == 0) {
            return new Cholesky(n, f, 0, 0);
        }
        double meanDiag = 0;
        for (int i = 0; i < n; i++) {
            meanDiag += Math.abs(orig[i + i * n]);
        }
        meanDiag /= n;
        double scale = meanDiag > 0 ? meanDiag : 1;
        StringBuilder tried = new StringBuilder();
        double c = initialJitter;
        for (int t = 0; t < maxTries; t++, c *= 10) {
            double added = c * scale;
            System.arraycopy(orig, 0, f, 0, orig.length);
            for (int i = 0; i < n; i++) {
                f[i + i * n] += added;
            }
            info = factor(n, f);
            if (info == 0) {
                return new Cholesky(n, f, added, c);
            }
            tried.append(tried.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", c));
        }
        throw new NotPositiveDefiniteException("Cholesky.withJitter: the " + n + "x" + n
                + " matrix is not positive definite, even with jitter added to the diagonal: tried without jitter"
                + (maxTries == 0 ? "" : " and with relative jitter " + tried + " times mean|diag| = "
                + String.format(Locale.ROOT, "%.6g", scale))
                + "; the last attempt failed at the leading minor of order " + info, info);
    }

    /** dpotrf on the lower triangle of f, zeroing the strict upper triangle; returns LAPACK's info. */
    private static int factor(int n, double[] f) {
        int info = Lapack.check(Blas.dpotrfLower(n, f, 0, n), "dpotrf"); // zero-copy when FFM is available
        for (int j = 1; j < n; j++) {
            java.util.Arrays.fill(f, j * n, j * n + j, 0); // the strict upper triangle of column j
        }
        return info;
    }

    /** The order {@code n} of the factored matrix. */
    public int size() {
        return n;
    }

    /**
     * The amount added to every diagonal entry before factoring: {@code L L' = A + jitter() I}. It is 0 for
     * {@link #of} and when {@link #withJitter} needed none.
     */
    public double jitter() {
        return jitter;
    }

    /** The relative jitter {@code c} that succeeded ({@code jitter() = c * mean|a_ii|}); 0 if none was needed. */
    public double relativeJitter() {
        return relativeJitter;
    }

    /** The lower triangular factor {@code L} (a new matrix). */
    public Matrix l() {
        return Matrix.wrap(n, n, l.clone());
    }

    /**
     * Solves {@code A X = B} ({@code dpotrs}); {@code B} is {@code n x k} and is not modified.
     *
     * @throws IllegalArgumentException if {@code B} does not have {@code n} rows or has a non-finite entry
     */
    public Matrix solve(Matrix b) {
        Checks.sameRows(Matrix.wrap(n, n, l), b, "Cholesky.solve");
        Checks.finite(b, "Cholesky.solve (right-hand side)");
        int k = b.cols();
        double[] x = b.toArray();
        if (k > 0) {
            Lapack.check(Blas.dpotrsLower(n, k, l, 0, n, x, 0, n), "dpotrs");
        }
        return Matrix.wrap(n, k, x);
    }

    /**
     * Solves {@code A x = b} ({@code dpotrs}); {@code b} is not modified.
     *
     * @throws IllegalArgumentException if {@code b.length != n} or {@code b} has a non-finite entry
     */
    public double[] solve(double[] b) {
        Checks.length(b, n, "Cholesky.solve", Matrix.wrap(n, n, l));
        Checks.finite(b, "Cholesky.solve", "right-hand side");
        double[] x = b.clone();
        Lapack.check(Blas.dpotrsLower(n, 1, l, 0, n, x, 0, n), "dpotrs");
        return x;
    }

    /**
     * {@code L^-1 b} by forward substitution (for a Gaussian process: {@code alpha = L^-1 y} gives the data
     * fit term {@code |alpha|^2 = y' A^-1 y}); {@code b} is not modified.
     *
     * @throws IllegalArgumentException if {@code b.length != n} or {@code b} has a non-finite entry
     */
    public double[] solveLower(double[] b) {
        Checks.length(b, n, "Cholesky.solveLower", Matrix.wrap(n, n, l));
        Checks.finite(b, "Cholesky.solveLower", "right-hand side");
        double[] x = b.clone();
        Blas.dtrsm(true, true, false, false, n, 1, 1, l, 0, n, x, 0, n);
        return x;
    }

    /**
     * {@code L^-1 B} for an {@code n x k} matrix {@code B} (for a Gaussian process: {@code V = L^-1 K*}
     * gives the predictive covariance {@code K** - V'V}); {@code B} is not modified.
     *
     * @throws IllegalArgumentException if {@code B} does not have {@code n} rows or has a non-finite entry
     */
    public Matrix solveLower(Matrix b) {
        Checks.sameRows(Matrix.wrap(n, n, l), b, "Cholesky.solveLower");
        Checks.finite(b, "Cholesky.solveLower (right-hand side)");
        int k = b.cols();
        double[] x = b.toArray();
        Blas.dtrsm(true, true, false, false, n, k, 1, l, 0, n, x, 0, n);
        return Matrix.wrap(n, k, x);
    }

    /** {@code log det A = 2 sum log l_ii} (finite for any successful factorisation). */
    public double logDet() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(l[i + i * n]);
        }
        return 2 * s;
    }

    /**
     * {@code det A = prod l_ii^2}. It can overflow or underflow for large matrices: prefer {@link #logDet()}.
     */
    public double det() {
        double p = 1;
        for (int i = 0; i < n; i++) {
            p *= l[i + i * n];
        }
        return p * p;
    }

    /** The inverse {@code A^-1} ({@code dpotri}), exactly symmetric. Prefer {@link #solve} when you can. */
    public Matrix inverse() {
        double[] inv = l.clone();
        int info = Lapack.check(Lapack.dpotri('L', n, inv, 0, n), "dpotri");
        if (info > 0) { // cannot happen for a successful dpotrf (l_ii > 0); never silent if it does
            throw new SingularMatrixException("Cholesky.inverse: the " + n + "x" + n + " factor has l[" + (info - 1)
                    + ", " + (info - 1) + "] = 0");
        }
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < n; i++) {
                inv[j + i * n] = inv[i + j * n];
            }
        }
        return Matrix.wrap(n, n, inv);
    }

    @Override
    public String toString() {
        return "Cholesky of a " + n + "x" + n + " matrix" + (jitter > 0 ? " (jitter " + jitter + ")" : "");
    }
}
