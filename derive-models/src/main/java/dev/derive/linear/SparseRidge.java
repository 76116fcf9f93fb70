package dev.derive.linear;

import dev.derive.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ridge regression ({@link Ridge}'s objective {@code sum_i w_i (y_i - b - x_i'beta)^2 + alpha ||beta||^2}, the
 * intercept unpenalised) on a sparse design ({@link SparseMatrix}, CSR) by conjugate gradients, never forming the
 * dense, the centred or the Gram matrix: scikit-learn's {@code solver='sparse_cg'}.
 *
 * <p>Centring is implicit. With {@code s_i = sqrt(w_i)}, the weighted means {@code m = X'w / sum w} and
 * {@code ybar}, the centred design is {@code Xs = diag(s)(X - 1 m')} and {@code ys = s o (y - ybar)}; its products
 * cost one pass over the stored entries each:
 * {@code Xs v = s o (X v - (m'v) 1)} and {@code Xs'u = X'(s o u) - m (s'u)}.
 *
 * <ul>
 *   <li>rows {@code >=} features (primal): CG on {@code (Xs'Xs + alpha I) beta = Xs'ys}, stopped when
 *       {@code ||Xs'ys - (Xs'Xs + alpha I) beta|| <= tol ||Xs'ys||} (the rule of the dense {@code cg} solver);</li>
 *   <li>features {@code >} rows (dual, needs {@code alpha > 0}): CG on {@code (Xs Xs' + alpha I) c = ys}, stopped when
 *       {@code ||ys - (Xs Xs' + alpha I) c|| <= tol ||ys||}, then {@code beta = Xs'c} (the same minimiser, an
 *       {@code n}-dimensional system, as scikit-learn's sparse_cg does when {@code n_features > n_samples}).</li>
 * </ul>
 * The intercept is {@code ybar - m'beta}. The cost is {@code 2 nnz} per iteration and CG needs at most as many
 * iterations as the system has distinct eigenvalues (in exact arithmetic), in practice
 * {@code O(sqrt(cond) log(1/tol))}; the choice of CG over forming {@code X'X} (cheaper when {@code p} is small)
 * keeps memory at {@code O(nnz + n + p)} whatever {@code p}, and forming {@code X'X - (sum w) m m'} explicitly
 * would cancel digits for features with large means.
 */
final class SparseRidge {

    private SparseRidge() {
    }

    static LeastSquares.Fit fit(SparseMatrix x, double[] y, double[] w, boolean intercept, double alpha, double tol, Integer maxIter) {
        int n = x.rows();
        int p = x.cols();
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        RowWeights rw = RowWeights.of(w, y, n);
        double[] s = rw.sqrt();
        double sw = rw.sum();
        double[] m = new double[p];
        double yMean = 0;
        if (intercept) {
            for (int i = 0; i < n; i++) {
                yMean += (w == null ? 1 : w[i]) * y[i];
            }
            yMean /= sw;
            m = weightedColumnMeans(x, w, sw);
        }
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = s[i] * (y[i] - yMean);
        }
        Op op = new Op(x, s, m);
        boolean dual = p > n && alpha > 0;
        int dim = dual ? n : p;
        int budget = maxIter == null ? Math.max(10 * dim, 100) : maxIter;
        double[] rhs = dual ? ys : op.tmul(ys);
        List<String> warnings = new ArrayList<>();
        ConjugateGradient.Result cg = ConjugateGradient.solve(d -> {
            double[] ad = dual ? op.mul(op.tmul(d)) : op.tmul(op.mul(d));
            for (int k = 0; k < dim; k++) {
                ad[k] += alpha * d[k];
            }
            return ad;
        }, rhs, tol, budget, alpha, warnings);
        double[] sol = cg.x();
        int it = cg.iterations();
        boolean converged = cg.converged();
        if (!converged && warnings.isEmpty()) {
            warnings.add(String.format(Locale.ROOT, "sparse cg did not converge in %d iterations: residual %.3g > tol * %s = %.3g;"
                    + " increase max_iter or tol", it, cg.residual(), dual ? "||y||" : "||X'y||", cg.target()));
        }
        double[] beta = dual ? op.tmul(sol) : sol;
        double b0 = yMean;
        for (int j = 0; j < p; j++) {
            b0 -= m[j] * beta[j];
        }
        return new LeastSquares.Fit(beta, intercept ? b0 : 0, dual ? "cg_dual" : "cg", p, warnings, it, converged);
    }

    /** The implicitly centred, weighted design {@code Xs = diag(s)(X - 1 m')} as an operator. */
    private record Op(SparseMatrix x, double[] s, double[] m) {
        /** {@code Xs v = s o (X v - (m'v) 1)}. */
        double[] mul(double[] v) {
            double mv = CoordinateDescent.dot(m, v);
            double[] out = x.mvmul(v);
            for (int i = 0; i < out.length; i++) {
                out[i] = s[i] * (out[i] - mv);
            }
            return out;
        }

        /** {@code Xs'u = X'(s o u) - m (s'u)}. */
        double[] tmul(double[] u) {
            double[] su = new double[u.length];
            double t = 0;
            for (int i = 0; i < u.length; i++) {
                su[i] = s[i] * u[i];
                t += su[i];
            }
            double[] out = x.tmvmul(su);
            for (int j = 0; j < out.length; j++) {
                out[j] -= m[j] * t;
            }
            return out;
        }
    }

    /**
     * Weighted column means {@code m_j = sum_i w_i x_ij / sw} of sparse {@code X} (null {@code w}: unit weights),
     * from one {@code X' w} product; the implicit centring of the sparse linear fits.
     */
    static double[] weightedColumnMeans(SparseMatrix x, double[] w, double sw) {
        int n = x.rows();
        double[] wv = new double[n];
        for (int i = 0; i < n; i++) {
            wv[i] = w == null ? 1 : w[i];
        }
        double[] m = x.tmvmul(wv);
        for (int j = 0; j < m.length; j++) {
            m[j] /= sw;
        }
        return m;
    }
}
