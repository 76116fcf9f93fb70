package dev.derive.optim.nonconvex;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SymmetricEigen;
import dev.derive.optim.HessianVectorObjective;
import dev.derive.optim.TwiceDifferentiableObjective;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The smallest eigenvalue {@code lambda_min} of the Hessian {@code grad^2 f(x)} and a unit eigenvector: at a point
 * with a (near) zero gradient, {@code lambda_min < 0} means a saddle point or maximum (moving along the direction
 * decreases {@code f} to second order by {@code lambda_min t^2 / 2}); {@code lambda_min > 0} a strict local minimiser.
 *
 * <ul>
 *   <li>{@link #exact}: forms the Hessian, symmetrises it as {@code (H + H')/2} and takes the smallest eigenpair with
 *       LAPACK ({@link SymmetricEigen#byIndex}); {@code O(n^3)}.</li>
 *   <li>{@link #lanczos}: the Lanczos process on Hessian-vector products (Golub &amp; Van Loan, <i>Matrix
 *       Computations</i>, 4th ed., section 10.1), with full reorthogonalisation; after {@code k} steps the smallest
 *       Ritz value {@code theta} of the tridiagonal {@code T_k} is an upper bound on {@code lambda_min} (Cauchy
 *       interlacing) and {@code ||H u - theta u|| = beta_k |s_k|} is the Ritz residual. It stops when the residual
 *       is at most {@code tolerance max(1, |theta|)}, when the Krylov space is invariant, or after
 *       {@code maxIterations} products. Only products with {@code H} are needed: {@code O(k)} of them.</li>
 * </ul>
 */
public final class NegativeCurvature {
    private NegativeCurvature() {
    }

    /**
     * The smallest eigenpair found.
     *
     * @param smallestEigenvalue {@code lambda_min} (for Lanczos: the smallest Ritz value, an upper bound)
     * @param direction          a unit eigenvector (Ritz vector)
     * @param residual           {@code ||H u - lambda u||} (0 reported for the exact method)
     * @param products           Hessian-vector products used (0 for the exact method)
     */
    public record Report(double smallestEigenvalue, double[] direction, double residual, int products) {
        public Report {
            direction = direction.clone();
        }

        @Override
        public double[] direction() {
            return direction.clone();
        }

        /** True if {@code lambda_min < -tolerance}: a direction of negative curvature (a saddle, not a minimiser). */
        public boolean hasNegativeCurvature(double tolerance) {
            return smallestEigenvalue < -tolerance;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "NegativeCurvature[lambda_min = %.6g, residual %.2g, %d products]",
                    smallestEigenvalue, residual, products);
        }
    }

    /** The smallest eigenpair of {@code (H + H')/2} for a square Hessian {@code h}. */
    public static Report exact(Matrix h) {
        if (h == null || h.rows() != h.cols() || h.rows() < 1) {
            throw new IllegalArgumentException("NegativeCurvature.exact: the Hessian must be square and non-empty, got "
                    + (h == null ? "null" : h.rows() + " x " + h.cols()));
        }
        int n = h.rows();
        Matrix s = Matrix.zeros(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double v = 0.5 * (h.get(i, j) + h.get(j, i));
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("NegativeCurvature.exact: the Hessian has " + h.get(i, j)
                            + " at (" + i + ", " + j + ")");
                }
                s.set(i, j, v);
            }
        }
        SymmetricEigen e = SymmetricEigen.byIndex(s, 0, 0);
        return new Report(e.values()[0], e.vectors().columnArray(0), 0, 0);
    }

    /** The smallest eigenpair of {@code grad^2 f(x)}, from the full Hessian. */
    public static Report exact(TwiceDifferentiableObjective f, double[] x) {
        checkPoint("exact", f == null ? -1 : f.dimension(), x);
        int n = f.dimension();
        Matrix h = Matrix.zeros(n, n);
        f.hessian(x, h);
        return exact(h);
    }

    /**
     * The smallest eigenpair of {@code grad^2 f(x)} by Lanczos on Hessian-vector products, from a random start
     * (seeded), to relative Ritz residual {@code tolerance}, with at most {@code maxIterations} products.
     */
    public static Report lanczos(HessianVectorObjective f, double[] x, int maxIterations, double tolerance, long seed) {
        checkPoint("lanczos", f == null ? -1 : f.dimension(), x);
        double[] at = x.clone();
        return lanczos((v, out) -> f.hessianVector(at, v, out), f.dimension(), maxIterations, tolerance, seed);
    }

    /** A linear symmetric operator {@code out = H v}. */
    @FunctionalInterface
    public interface Operator {
        void apply(double[] v, double[] out);
    }

    /** Lanczos on a symmetric operator of dimension {@code n} (see {@link #lanczos(HessianVectorObjective, double[], int, double, long)}). */
    public static Report lanczos(Operator h, int n, int maxIterations, double tolerance, long seed) {
        if (h == null) {
            throw new IllegalArgumentException("NegativeCurvature.lanczos: the operator must not be null");
        }
        if (n < 1) {
            throw new IllegalArgumentException("NegativeCurvature.lanczos: n must be >= 1, got " + n);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("NegativeCurvature.lanczos: maxIterations must be >= 1, got "
                    + maxIterations);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("NegativeCurvature.lanczos: tolerance must be finite and >= 0, got "
                    + tolerance);
        }
        int kmax = Math.min(maxIterations, n);
        double[][] q = new double[kmax + 1][];
        double[] alpha = new double[kmax];
        double[] beta = new double[kmax];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        scale(v, 1 / norm(v));
        q[0] = v;
        double[] w = new double[n];
        double theta = 0;
        double[] s = null;
        double residual = Double.POSITIVE_INFINITY;
        int k = 0;
        while (k < kmax) {
            h.apply(q[k], w);
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(w[i])) {
                    throw new IllegalArgumentException("NegativeCurvature.lanczos: the Hessian-vector product has "
                            + w[i] + " at index " + i);
                }
            }
            alpha[k] = dot(q[k], w);
            // full reorthogonalisation against every previous Lanczos vector (twice is enough: Kahan's rule)
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j <= k; j++) {
                    double c = dot(q[j], w);
                    for (int i = 0; i < n; i++) {
                        w[i] -= c * q[j][i];
                    }
                }
            }
            beta[k] = norm(w);
            k++;
            // the smallest eigenpair of T_k
            Matrix t = Matrix.zeros(k, k);
            for (int j = 0; j < k; j++) {
                t.set(j, j, alpha[j]);
                if (j + 1 < k) {
                    t.set(j, j + 1, beta[j]);
                    t.set(j + 1, j, beta[j]);
                }
            }
            SymmetricEigen e = SymmetricEigen.byIndex(t, 0, 0);
            theta = e.values()[0];
            s = e.vectors().columnArray(0);
            residual = beta[k - 1] * Math.abs(s[k - 1]);
            double scaleT = Math.max(1, Math.abs(theta));
            if (residual <= tolerance * scaleT || beta[k - 1] <= 1e-14 * scaleT || k == kmax) {
                break;
            }
            q[k] = w.clone();
            scale(q[k], 1 / beta[k - 1]);
        }
        double[] u = new double[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                u[i] += s[j] * q[j][i];
            }
        }
        scale(u, 1 / norm(u));
        return new Report(theta, u, residual, k);
    }

    private static void checkPoint(String method, int n, double[] x) {
        if (n < 1) {
            throw new IllegalArgumentException("NegativeCurvature." + method + ": the objective must not be null");
        }
        if (x == null || x.length != n) {
            throw new IllegalArgumentException("NegativeCurvature." + method + ": the point has length "
                    + (x == null ? "null" : x.length) + " but the objective has dimension " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("NegativeCurvature." + method + ": the point has " + x[i]
                        + " at index " + i);
            }
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static void scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= c;
        }
    }
}
