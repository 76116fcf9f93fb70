package dev.derive.linear;

import dev.derive.linalg.Lsqr;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (Weighted) least squares and ridge regression, {@code min sum_i w_i (y_i - b - x_i'beta)^2 + alpha ||beta||^2} (the
 * intercept unpenalised), by {@link Lsqr} (Paige &amp; Saunders 1982) on the centred, weighted design as an operator: the
 * solver {@code lsqr} of {@link LinearRegression} and {@link Ridge} (scikit-learn's {@code Ridge(solver='lsqr')} and, on
 * sparse input, {@code LinearRegression}). Neither {@code X'X} nor a centred or dense copy of a sparse {@code X} is formed.
 *
 * <p>With {@code s_i = sqrt(w_i)}, the weighted means {@code m = X'w / sum w} and {@code ybar} (both 0 without an
 * intercept), the problem is {@code min ||Xs beta - ys||^2 + damp^2 ||beta||^2} with {@code damp = sqrt(alpha)},
 * {@code Xs = diag(s)(X - 1 m')} and {@code ys = s o (y - ybar)}; the centring goes through the products (scikit-learn's
 * offset trick), one pass over {@code X} each:
 * {@code Xs v = s o (X v - (m'v) 1)} and {@code Xs'u = X'(s o u) - m (s'u)}. The intercept is {@code b = ybar - m'beta}.
 * Started at 0, LSQR's iterates stay in the row space of {@code Xs}, so with {@code alpha = 0} on a rank-deficient or wide
 * ({@code p > n}) design they tend to the minimum-norm solution (the one the dense {@code svd} solver returns).
 *
 * <p>Stopping: {@code atol = btol = tol} (scikit-learn passes its {@code tol} so to scipy's {@code lsqr}); no
 * condition limit besides LSQR's machine-precision rule; iteration limit {@code max_iter}, by default
 * {@code max(2 p, 100)} (scipy's default {@code 2 p}). A stop at the iteration limit or on the condition estimate is
 * reported as not converged, with a warning naming the normal-equation residual reached.
 */
final class LsqrFit {

    /** {@code atol = btol} of the {@code lsqr} solver of {@link LinearRegression} (which has no {@code tol} parameter). */
    static final double OLS_TOL = 1e-12;

    /**
     * The iteration limit of {@link LinearRegression}'s {@code lsqr} (no {@code max_iter} parameter) with {@code p} features:
     * {@code max(10 p, 100)}, the budget of the {@code cg} solver that {@code lsqr} replaces beyond 2000 sparse features.
     */
    static int olsBudget(int p) {
        return Math.max(10 * p, 100);
    }

    /** A fit and LSQR's own account of it. */
    record Run(LeastSquares.Fit fit, Lsqr.Result lsqr) {
        /** Report extras: the stop rule (its number in the paper: 1 S1, 2 S2, 3 S3, 4-6 at machine precision, 7 iteration limit; 0 {@code x = 0}) and norms. */
        Map<String, Double> extra() {
            Map<String, Double> e = new LinkedHashMap<>();
            e.put("lsqr_stop", (double) lsqr.stop().ordinal());
            e.put("lsqr_residual", lsqr.residualNorm());
            e.put("lsqr_normal_residual", lsqr.normalResidualNorm());
            e.put("lsqr_cond", lsqr.condA());
            return e;
        }

        /** The training report's stop text. */
        String stopReason() {
            return "lsqr " + lsqr.stop().name().toLowerCase(Locale.ROOT);
        }
    }

    private LsqrFit() {
    }

    static Run fit(SparseMatrix x, double[] y, double[] w, boolean intercept, double alpha, double tol, Integer maxIter) {
        return fit(Lsqr.Operator.of(x), y, w, intercept, alpha, tol, maxIter);
    }

    static Run fit(Matrix x, double[] y, double[] w, boolean intercept, double alpha, double tol, Integer maxIter) {
        return fit(Lsqr.Operator.of(x), y, w, intercept, alpha, tol, maxIter);
    }

    /** The fit on the design {@code x} given as an operator ({@code n x p}). */
    static Run fit(Lsqr.Operator x, double[] y, double[] w, boolean intercept, double alpha, double tol, Integer maxIter) {
        int n = x.rows();
        int p = x.cols();
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new IllegalArgumentException("tol must be finite and >= 0, got " + tol);
        }
        RowWeights rw = RowWeights.of(w, y, n);
        double[] s = rw.sqrt();
        double[] wv = rw.w();
        double sw = rw.sum();
        double yMean = 0;
        double[] m = new double[p];
        if (intercept) {
            for (int i = 0; i < n; i++) {
                yMean += wv[i] * y[i];
            }
            yMean /= sw;
            m = x.applyTranspose(wv);
            for (int j = 0; j < p; j++) {
                m[j] /= sw;
            }
        }
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = s[i] * (y[i] - yMean);
        }
        int budget = maxIter == null ? Math.max(2 * p, 100) : maxIter;
        Lsqr.Result r = Lsqr.solve(new Centred(x, s, m, intercept), ys, Math.sqrt(alpha), tol, tol, Double.POSITIVE_INFINITY, budget);
        double[] beta = r.x();
        double b0 = yMean;
        for (int j = 0; j < p; j++) {
            b0 -= m[j] * beta[j];
        }
        List<String> warnings = new ArrayList<>();
        boolean converged = r.stop().converged();
        if (!converged) {
            warnings.add(String.format(Locale.ROOT, "lsqr stopped by %s after %d iterations with ||X'r - alpha beta|| = %.3g"
                    + " (||X|| ~ %.3g, ||r|| = %.3g, condition estimate %.3g)%s", r.stop().name().toLowerCase(Locale.ROOT),
                    r.iterations(), r.normalResidualNorm(), r.normA(), r.residualNorm(), r.condA(),
                    r.stop() == Lsqr.Stop.ITERATION_LIMIT ? "; increase max_iter or tol" : "; the design is numerically singular"));
        }
        LeastSquares.Fit fit = new LeastSquares.Fit(beta, intercept ? b0 : 0, "lsqr", alpha > 0 ? p : -1, warnings, r.iterations(), converged);
        return new Run(fit, r);
    }

    /**
     * The centred, weighted design {@code Xs = diag(s)(X - 1 m')} as an operator (no centring without an intercept:
     * {@code m = 0}).
     */
    private record Centred(Lsqr.Operator x, double[] s, double[] m, boolean centre) implements Lsqr.Operator {
        @Override
        public int rows() {
            return x.rows();
        }

        @Override
        public int cols() {
            return x.cols();
        }

        /** {@code Xs v = s o (X v - (m'v) 1)}. */
        @Override
        public double[] apply(double[] v) {
            double mv = centre ? CoordinateDescent.dot(m, v) : 0;
            double[] out = x.apply(v);
            for (int i = 0; i < out.length; i++) {
                out[i] = s[i] * (out[i] - mv);
            }
            return out;
        }

        /** {@code Xs'u = X'(s o u) - m (s'u)}. */
        @Override
        public double[] applyTranspose(double[] u) {
            double[] su = new double[u.length];
            double t = 0;
            for (int i = 0; i < u.length; i++) {
                su[i] = s[i] * u[i];
                t += su[i];
            }
            double[] out = x.applyTranspose(su);
            if (centre) {
                for (int j = 0; j < out.length; j++) {
                    out[j] -= m[j] * t;
                }
            }
            return out;
        }
    }

    /** A multi-output fit: the coefficients and intercepts, the most iterations of any target, and whether all converged. */
    record MultiRun(LeastSquares.MultiFit fit, int iterations, boolean converged) {
    }

    /**
     * Multi-output: one LSQR solve per column {@code t} of {@code y} with {@code alpha = alphas[t]} on the same operator;
     * column {@code t} equals {@link #fit} for target {@code t} alone. Warnings are prefixed with their target.
     */
    static MultiRun multi(Lsqr.Operator x, Matrix y, double[] w, boolean intercept, double[] alphas, double tol, Integer maxIter) {
        int p = x.cols();
        int k = y.cols();
        Matrix coef = Matrix.zeros(p, k);
        double[] b0 = new double[k];
        List<String> warnings = new ArrayList<>();
        int iterations = 0;
        boolean converged = true;
        boolean damped = true;
        for (int t = 0; t < k; t++) {
            LeastSquares.Fit f = fit(x, y.columnArray(t), w, intercept, alphas[t], tol, maxIter).fit();
            for (int j = 0; j < p; j++) {
                coef.set(j, t, f.coef()[j]);
            }
            b0[t] = f.intercept();
            iterations = Math.max(iterations, f.iterations());
            converged &= f.converged();
            damped &= alphas[t] > 0;
            for (String m : f.warnings()) {
                warnings.add("target " + t + ": " + m);
            }
        }
        return new MultiRun(new LeastSquares.MultiFit(coef, b0, "lsqr", damped ? p : -1, warnings), iterations, converged);
    }
}
