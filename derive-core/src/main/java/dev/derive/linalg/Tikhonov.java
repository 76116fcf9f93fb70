package dev.derive.linalg;

/**
 * Tikhonov-regularised (ridge) least squares through the singular value decomposition: for
 * {@code A = U S V'} (thin, computed once by {@link #of}), the minimiser of
 * {@code ||A x - b||^2 + alpha ||x||^2} is
 * <pre>
 *   x_alpha = sum_i f_i (u_i' b / s_i) v_i,   f_i = s_i^2 / (s_i^2 + alpha)
 * </pre>
 * (Hansen, <i>Rank-Deficient and Discrete Ill-Posed Problems</i>, SIAM 1998, section 4.2). The filter factors
 * {@code f_i} damp the components of small singular values. Since the SVD does not depend on {@code alpha},
 * each further {@code alpha} costs only {@code O((m + n) k)} per right-hand side, which is what makes
 * scanning many values (e.g. for generalised cross-validation) cheap.
 *
 * <p>{@code alpha = 0} means the unregularised minimum-norm least-squares solution {@code A+ b}, with the
 * same cut-off as {@link SVD#solve(double[])} (singular values {@code <= max(m, n) * eps * s_1} are treated as
 * zero, filter factor 0); for {@code alpha > 0} every filter factor uses the exact formula, so
 * {@code f_i = 0} only for {@code s_i = 0}. {@code alpha} must be finite and {@code >= 0}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Tikhonov {

    private final SVD svd;

    private Tikhonov(SVD svd) {
        this.svd = svd;
    }

    /** Computes the thin SVD of {@code a} (non-empty, finite; not modified) once for all later solves. */
    public static Tikhonov of(Matrix a) {
        Checks.nonEmpty(a, "Tikhonov.of");
        Checks.finite(a, "Tikhonov.of");
        return new Tikhonov(SVD.of(a));
    }

    /** The thin SVD this instance uses. */
    public SVD svd() {
        return svd;
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Tikhonov: alpha = " + alpha + " is invalid; the regularisation "
                    + "parameter alpha must be finite and >= 0 (0 means minimum-norm least squares)");
        }
    }

    /** The filter factors {@code f_i = s_i^2 / (s_i^2 + alpha)}, one per singular value (descending {@code s_i}). */
    public double[] filterFactors(double alpha) {
        checkAlpha(alpha);
        double[] s = svd.sRef();
        double[] f = new double[s.length];
        if (alpha == 0) {
            int r = svd.rank();
            for (int i = 0; i < r; i++) {
                f[i] = 1;
            }
            return f;
        }
        for (int i = 0; i < s.length; i++) {
            double q = alpha / s[i]; // written with s_i^2 only through ratios: no overflow for large s_i
            f[i] = s[i] == 0 ? 0 : 1 / (1 + q / s[i]);
        }
        return f;
    }

    /** The effective number of parameters {@code sum_i f_i} (the trace of the ridge hat matrix). */
    public double effectiveDegreesOfFreedom(double alpha) {
        double sum = 0;
        for (double f : filterFactors(alpha)) {
            sum += f;
        }
        return sum;
    }

    /** The coefficients {@code f_i / s_i} applied to {@code u_i' b}. */
    private double[] coefficients(double alpha) {
        double[] s = svd.sRef();
        if (alpha == 0) {
            int r = svd.rank();
            double[] c = new double[r];
            for (int i = 0; i < r; i++) {
                c[i] = 1 / s[i];
            }
            return c;
        }
        double[] c = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            // f_i / s_i = s_i / (s_i^2 + alpha) = 1 / (s_i + alpha / s_i); 0 when s_i = 0
            c[i] = s[i] == 0 ? 0 : 1 / (s[i] + alpha / s[i]);
        }
        return c;
    }

    /** The regularised solution {@code x_alpha} for one right-hand side (length {@code m}); length {@code n}. */
    public double[] solve(double[] b, double alpha) {
        if (b.length != svd.rows()) {
            throw new IllegalArgumentException("Tikhonov.solve: the right-hand side has length " + b.length
                    + " but the matrix is " + svd.rows() + "x" + svd.cols() + " (needs length " + svd.rows() + ")");
        }
        return solve(Matrix.columnVector(b), alpha).toArray();
    }

    /** The regularised solutions for each column of {@code b} ({@code m x p}); {@code n x p}. */
    public Matrix solve(Matrix b, double alpha) {
        checkAlpha(alpha);
        if (b.rows() != svd.rows()) {
            throw new IllegalArgumentException("Tikhonov.solve: the right-hand side is " + Checks.shape(b)
                    + " but the matrix is " + svd.rows() + "x" + svd.cols() + " (needs " + svd.rows() + " rows)");
        }
        Checks.finite(b, "Tikhonov.solve (right-hand side)");
        return svd.filteredSolve(b, coefficients(alpha));
    }

    @Override
    public String toString() {
        return "Tikhonov on a " + svd.rows() + "x" + svd.cols() + " matrix (" + svd.singularValues().length
                + " singular values)";
    }
}
