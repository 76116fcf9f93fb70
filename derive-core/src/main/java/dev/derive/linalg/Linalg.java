package dev.derive.linalg;

/**
 * One-line entry points to the dense decompositions, in the spirit of {@code numpy.linalg}. Every method
 * delegates to the decomposition class named in its documentation, which holds the mathematics, the
 * cut-offs and the error messages; use the class directly to reuse one factorisation for several
 * questions.
 */
public final class Linalg {

    private Linalg() {
    }

    // ---------------------------------------------------------------- SVD-based

    /** The Moore–Penrose pseudo-inverse with the default cut-off {@code max(m, n) * eps}: {@link SVD#pinv()}. */
    public static Matrix pinv(Matrix a) {
        return SVD.of(a).pinv();
    }

    /** The pseudo-inverse treating singular values {@code <= rcond * s_1} as zero: {@link SVD#pinv(double)}. */
    public static Matrix pinv(Matrix a, double rcond) {
        return SVD.of(a).pinv(rcond);
    }

    /** The numerical rank (numpy's {@code matrix_rank} tolerance): {@link SVD#rank()}, from the singular values only. */
    public static int rank(Matrix a) {
        return SVD.rank(SVD.values(a), a.rows(), a.cols());
    }

    /** The 2-norm condition number {@code s_max / s_min} ({@code +inf} if singular): {@link SVD#cond()}. */
    public static double cond(Matrix a) {
        return SVD.cond(SVD.values(a));
    }

    /** The spectral norm {@code s_1}: {@link SVD#norm2()}, from the singular values only. */
    public static double norm2(Matrix a) {
        return SVD.values(a)[0];
    }

    /** The best rank-{@code k} approximation (Eckart–Young): {@link SVD#lowRank(int)}. */
    public static Matrix lowRank(Matrix a, int k) {
        return SVD.of(a).lowRank(k);
    }

    /**
     * The minimum-norm least-squares solution of {@code min ||A X - B||_F} through the SVD (numpy's
     * {@code lstsq(a, b, rcond=None)}): {@link SVD#solve(Matrix)}.
     */
    public static Matrix lstsqSvd(Matrix a, Matrix b) {
        return SVD.of(a).solve(b);
    }

    /** As {@link #lstsqSvd(Matrix, Matrix)} for one right-hand side. */
    public static double[] lstsqSvd(Matrix a, double[] b) {
        return SVD.of(a).solve(b);
    }

    /**
     * The top {@code k} singular triplets by randomized SVD (Halko–Martinsson–Tropp) with default
     * oversampling and power iterations: {@link RandomizedSVD#of(Matrix, int, long)}.
     */
    public static SVD randomizedSvd(Matrix a, int k, long seed) {
        return RandomizedSVD.of(a, k, seed);
    }

    // ---------------------------------------------------------------- LU, Cholesky, QR

    /** The solution of the square system {@code A X = B}: {@link LU#solve(Matrix)}. */
    public static Matrix solve(Matrix a, Matrix b) {
        return LU.of(a).solve(b);
    }

    /** The solution of the square system {@code A x = b}: {@link LU#solve(double[])}. */
    public static double[] solve(Matrix a, double[] b) {
        return LU.of(a).solve(b);
    }

    /** The inverse of a square non-singular matrix: {@link LU#inverse()}. */
    public static Matrix inverse(Matrix a) {
        return LU.of(a).inverse();
    }

    /** The determinant: {@link LU#det()}. */
    public static double det(Matrix a) {
        return LU.of(a).det();
    }

    /** The solution of {@code A X = B} for symmetric positive definite {@code A}: {@link Cholesky#solve(Matrix)}. */
    public static Matrix solveSpd(Matrix a, Matrix b) {
        return Cholesky.of(a).solve(b);
    }

    /**
     * The least-squares solution of {@code min ||A X - B||_F} for a tall matrix of full column rank
     * through Householder QR: {@link QR#solve(Matrix)}. Faster than {@link #lstsqSvd}; use that (or
     * {@link QR#pivoted}) when {@code A} may be rank-deficient.
     */
    public static Matrix lstsqQr(Matrix a, Matrix b) {
        return QR.of(a).solve(b);
    }

    /** As {@link #lstsqQr(Matrix, Matrix)} for one right-hand side. */
    public static double[] lstsqQr(Matrix a, double[] b) {
        return QR.of(a).solve(b);
    }
}
