package dev.derive.linear;

import dev.derive.linalg.Matrix;
import java.util.Arrays;

/**
 * The elastic-net regularisation path: the solutions of
 * {@code 1/(2n) sum w_i (y_i - b0 - x_i'b)^2 + alpha rho ||b||_1 + alpha (1 - rho)/2 ||b||^2} over a
 * decreasing grid of {@code alpha}, each solved by {@link CoordinateDescent} warm-started at the previous
 * solution (scikit-learn's {@code enet_path}/{@code lasso_path}, with the intercept handled by centring).
 *
 * <p>Grid: {@code alpha_max = max_j |x_j'y| / (n rho)} on the centred (weighted) data, the smallest
 * {@code alpha} at which {@code b = 0} solves the problem, and {@code nAlphas} values log-spaced from
 * {@code alpha_max} down to {@code eps alpha_max}.
 *
 * <p>Screening by the sequential strong rule (Tibshirani et al. 2012, "Strong rules for discarding
 * predictors in lasso-type problems", JRSS-B): at {@code alpha_k}, feature {@code j} is left out if it is
 * inactive and {@code |x_j'r(alpha_{k-1})|/n < rho (2 alpha_k - alpha_{k-1})}. The rule can err, so after
 * solving on the kept features the KKT condition {@code |x_j'r|/n <= alpha rho} is checked on every
 * discarded feature; violators are added and the problem solved again (counted in {@link Path#kktAdds}).
 */
public final class ElasticNetPath {

    private ElasticNetPath() {
    }

    /**
     * Solver settings.
     *
     * @param l1Ratio      {@code rho} in {@code [0, 1]} (1 = lasso)
     * @param fitIntercept centre the data and fit an unpenalised intercept
     * @param positive     constrain the coefficients to be {@code >= 0}
     * @param tol          duality-gap tolerance relative to {@code ||y||^2/n} (scikit-learn's {@code tol})
     * @param maxIter      maximum full coordinate sweeps per {@code alpha}
     * @param precompute   "auto" (Gram updates when {@code p <= n} and {@code p <= 2000}), "true" or "false"
     * @param screening    use the sequential strong rule (with the KKT check)
     */
    public record Settings(double l1Ratio, boolean fitIntercept, boolean positive, double tol, int maxIter,
                           String precompute, boolean screening) {
        public Settings {
            if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
                throw new IllegalArgumentException("l1_ratio must be in [0, 1], got " + l1Ratio);
            }
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("tol must be finite and >= 0, got " + tol);
            }
            if (maxIter < 1) {
                throw new IllegalArgumentException("max_iter must be >= 1, got " + maxIter);
            }
            if (!precompute.equals("auto") && !precompute.equals("true") && !precompute.equals("false")) {
                throw new IllegalArgumentException("precompute must be auto, true or false, got '" + precompute + "'");
            }
        }

        /** Lasso defaults: {@code rho = 1}, intercept, tol 1e-4, 1000 sweeps, automatic Gram, screening on. */
        public static Settings lasso() {
            return new Settings(1.0, true, false, 1e-4, 1000, "auto", true);
        }

        public Settings withL1Ratio(double r) {
            return new Settings(r, fitIntercept, positive, tol, maxIter, precompute, screening);
        }

        public Settings withTol(double t) {
            return new Settings(l1Ratio, fitIntercept, positive, t, maxIter, precompute, screening);
        }

        public Settings withMaxIter(int m) {
            return new Settings(l1Ratio, fitIntercept, positive, tol, m, precompute, screening);
        }

        public Settings withFitIntercept(boolean b) {
            return new Settings(l1Ratio, b, positive, tol, maxIter, precompute, screening);
        }

        public Settings withPositive(boolean b) {
            return new Settings(l1Ratio, fitIntercept, b, tol, maxIter, precompute, screening);
        }

        public Settings withPrecompute(String s) {
            return new Settings(l1Ratio, fitIntercept, positive, tol, maxIter, s, screening);
        }

        public Settings withScreening(boolean b) {
            return new Settings(l1Ratio, fitIntercept, positive, tol, maxIter, precompute, b);
        }

        boolean useGram(int n, int p) {
            return switch (precompute) {
                case "true" -> true;
                case "false" -> false;
                default -> p <= n && p <= 2000;
            };
        }
    }

    /**
     * A computed path.
     *
     * @param alphas     the grid (decreasing)
     * @param coefs      {@code p x m}: column {@code k} holds the coefficients at {@code alphas[k]}
     * @param intercepts the intercept at each {@code alpha}
     * @param dualGaps   the final duality gap at each {@code alpha}, on scikit-learn's scale ({@code gap / n})
     * @param iterations full coordinate sweeps at each {@code alpha}
     * @param converged  whether every {@code alpha} met the tolerance
     * @param kktAdds    how many features the KKT check re-admitted after strong-rule screening
     * @param screened   how many (feature, alpha) pairs the strong rule left out of the solve, summed over the grid
     */
    public record Path(double[] alphas, Matrix coefs, double[] intercepts, double[] dualGaps, int[] iterations,
                       boolean converged, int kktAdds, long screened) {

        /** The coefficients at {@code alphas[k]} (a copy). */
        public double[] coef(int k) {
            return coefs.columnArray(k);
        }
    }

    /**
     * The default grid: {@code nAlphas} values log-spaced from {@code alpha_max = max|X'y|/(n rho)} (on the
     * centred, weighted data) down to {@code eps alpha_max}, decreasing.
     */
    public static double[] alphaGrid(Matrix x, double[] y, double[] w, boolean fitIntercept, double l1Ratio, int nAlphas,
                                     double eps) {
        PenalizedDesign.Prepared d = PenalizedDesign.prepare(x, y, w, fitIntercept);
        return grid(CoordinateDescent.centredXty(d), d.rows(), l1Ratio, nAlphas, eps);
    }

    /** The solver for a prepared design: Gram updates on the blocked centred Gram, or residual updates on {@code X~}. */
    static CoordinateDescent solver(PenalizedDesign.Prepared d, Settings s) {
        return CoordinateDescent.ofCentred(d, s.useGram(d.rows(), d.cols()));
    }

    static double[] grid(double[] xty, int n, double l1Ratio, int nAlphas, double eps) {
        if (!(l1Ratio > 0 && l1Ratio <= 1)) {
            throw new IllegalArgumentException("an automatic alpha grid needs l1_ratio in (0, 1], got " + l1Ratio);
        }
        if (nAlphas < 1) {
            throw new IllegalArgumentException("n_alphas must be >= 1, got " + nAlphas);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be > 0 and finite, got " + eps);
        }
        double m = 0;
        for (double v : xty) {
            m = Math.max(m, Math.abs(v));
        }
        double alphaMax = m / (n * l1Ratio);
        double[] a = new double[nAlphas];
        if (alphaMax <= Math.ulp(1.0)) {
            // y is constant (after centring) or uncorrelated with every feature: b = 0 at every alpha
            Arrays.fill(a, 1e-15);
            return a;
        }
        double hi = Math.log10(alphaMax);
        double lo = Math.log10(alphaMax * eps);
        for (int k = 0; k < nAlphas; k++) {
            // numpy logspace(lo, hi, num)[::-1]
            double t = nAlphas == 1 ? lo : lo + (hi - lo) * (nAlphas - 1 - k) / (nAlphas - 1);
            a[k] = Math.pow(10, t);
        }
        return a;
    }

    /** The path over the default grid ({@code nAlphas}, {@code eps}). */
    public static Path compute(Matrix x, double[] y, double[] w, Settings s, int nAlphas, double eps) {
        PenalizedDesign.Prepared d = PenalizedDesign.prepare(x, y, w, s.fitIntercept());
        CoordinateDescent cd = solver(d, s);
        return solve(d, grid(cd.xty(), d.rows(), s.l1Ratio(), nAlphas, eps), s, cd); // X'y computed once, by the solver
    }

    /** The path over the given {@code alphas} (sorted into decreasing order). */
    public static Path compute(Matrix x, double[] y, double[] w, Settings s, double[] alphas) {
        PenalizedDesign.Prepared d = PenalizedDesign.prepare(x, y, w, s.fitIntercept());
        return solve(d, checkAlphas(alphas), s, null);
    }

    static double[] checkAlphas(double[] alphas) {
        if (alphas.length == 0) {
            throw new IllegalArgumentException("alphas is empty");
        }
        double[] a = alphas.clone();
        for (double v : a) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0, got " + v);
            }
        }
        Arrays.sort(a);
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            double t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Solves over {@code alphas} (decreasing) on a prepared design; {@code cd} may be given to reuse a Gram. */
    static Path solve(PenalizedDesign.Prepared d, double[] alphas, Settings s, CoordinateDescent cd) {
        int n = d.rows();
        int p = d.cols();
        if (cd == null) {
            cd = solver(d, s);
        }
        double rho = s.l1Ratio();
        int m = alphas.length;
        Matrix coefs = Matrix.zeros(p, m);
        double[] intercepts = new double[m];
        double[] gaps = new double[m];
        int[] iters = new int[m];
        boolean allConverged = true;
        int kktAdds = 0;
        long screened = 0;
        double[] b = new double[p];
        boolean[] ever = new boolean[p];
        double[] corr = cd.xty(); // X'r at b = 0
        double prevAlpha = Double.NaN;
        {
            double mx = 0;
            for (double v : corr) {
                mx = Math.max(mx, Math.abs(v));
            }
            prevAlpha = rho > 0 ? mx / (n * rho) : Double.POSITIVE_INFINITY;
        }
        for (int k = 0; k < m; k++) {
            double alpha = alphas[k];
            double l1 = n * alpha * rho;
            double l2 = n * alpha * (1 - rho);
            boolean[] keep = new boolean[p];
            int[] eligible = null;
            if (s.screening() && rho > 0) {
                double thr = n * rho * (2 * alpha - Math.min(prevAlpha, Double.MAX_VALUE));
                int cnt = 0;
                for (int j = 0; j < p; j++) {
                    keep[j] = ever[j] || b[j] != 0 || Math.abs(corr[j]) >= thr;
                    cnt += keep[j] ? 1 : 0;
                }
                if (cnt < p) {
                    eligible = StrongRule.indices(keep, cnt);
                    screened += p - cnt;
                }
            }
            CoordinateDescent.Result res;
            int sweeps = 0;
            while (true) {
                res = cd.solve(l1, l2, b, eligible, s.positive(), s.tol(), s.maxIter());
                sweeps += res.iterations();
                b = res.coef();
                corr = cd.correlations(b);
                if (eligible == null) {
                    break;
                }
                // KKT check on the discarded features: |x_j'r| <= l1 (x_j'r <= l1 when positive)
                int added = StrongRule.readmit(keep, corr, null, s.positive(), l1);
                if (added == 0) {
                    break;
                }
                kktAdds += added;
                eligible = StrongRule.eligible(keep);
            }
            for (int j = 0; j < p; j++) {
                coefs.set(j, k, b[j]);
                if (b[j] != 0) {
                    ever[j] = true;
                }
            }
            intercepts[k] = d.intercept(b);
            gaps[k] = res.dualGap() / n;
            iters[k] = sweeps;
            allConverged &= res.converged();
            prevAlpha = alpha;
        }
        return new Path(alphas.clone(), coefs, intercepts, gaps, iters, allConverged, kktAdds, screened);
    }
}
