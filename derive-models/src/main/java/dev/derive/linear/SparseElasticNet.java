package dev.derive.linear;

import dev.derive.linalg.SparseMatrix;

/**
 * The elastic net of {@link ElasticNet} (same objective, scikit-learn's scaling and duality-gap stopping
 * rule) fitted by cyclic coordinate descent on a sparse design ({@link SparseMatrix}, CSR) without ever
 * forming the dense or the centred matrix.
 *
 * <p>Centring is implicit. With weights normalised to sum to {@code n}, {@code s_i = sqrt(w_i)} and feature
 * means {@code m_j}, the centred weighted column is {@code x~_j = s (x_j - m_j)}. The residual is kept as
 * {@code r = R + t s} with a stored vector {@code R} and a scalar {@code t}: a step {@code d} on coordinate
 * {@code j} changes {@code R_i -= d s_i x_ij} on the nonzeros of column {@code j} only and {@code t += d m_j}.
 * Then {@code x~_j'r = sum_nz s_i x_ij R_i + t sum_nz w_i x_ij - m_j (s'R + t n)} costs {@code O(nnz_j)},
 * as does {@code ||x~_j||^2 = sum_nz w_i x_ij^2 - n m_j^2}.
 */
public final class SparseElasticNet {

    private SparseElasticNet() {
    }

    /**
     * A fit.
     *
     * @param coef       the coefficients
     * @param intercept  {@code ybar - m'b} (0 without an intercept)
     * @param dualGap    the final duality gap on scikit-learn's scale
     * @param iterations full sweeps
     * @param converged  whether the gap met {@code tol ||y~||^2 / n}
     */
    public record Fit(double[] coef, double intercept, double dualGap, int iterations, boolean converged) {
    }

    /**
     * Minimises {@code 1/(2 sum w) sum_i w_i (y_i - b0 - x_i'b)^2 + alpha rho ||b||_1 + alpha (1 - rho)/2 ||b||^2}.
     *
     * @param w weights (null for none)
     */
    public static Fit fit(SparseMatrix x, double[] y, double[] w, double alpha, double l1Ratio, boolean fitIntercept,
                          boolean positive, double tol, int maxIter) {
        return fit(x, y, w, alpha, l1Ratio, fitIntercept, positive, tol, maxIter, null);
    }

    /**
     * As {@link #fit(SparseMatrix, double[], double[], double, double, boolean, boolean, double, int)}, with
     * coordinate descent started from {@code start} (one coefficient per column; {@code null}: zeros), as
     * scikit-learn's {@code warm_start}: the same solution up to {@code tol}.
     */
    public static Fit fit(SparseMatrix x, double[] y, double[] w, double alpha, double l1Ratio, boolean fitIntercept,
                          boolean positive, double tol, int maxIter, double[] start) {
        return Design.of(x, y, w, fitIntercept).solve(alpha, l1Ratio, positive, tol, maxIter, start);
    }

    /**
     * The elastic-net path on sparse {@code x} over the default grid: {@code nAlphas} values log-spaced from
     * {@code alpha_max = max_j |X~'y~|_j / (n rho)} (implicitly centred, weighted) down to {@code eps alpha_max},
     * as {@link ElasticNetPath#compute(dev.derive.linalg.Matrix, double[], double[], ElasticNetPath.Settings, int, double)}.
     */
    public static ElasticNetPath.Path path(SparseMatrix x, double[] y, double[] w, ElasticNetPath.Settings s, int nAlphas,
                                           double eps) {
        Design d = Design.of(x, y, w, s.fitIntercept());
        return path(d, ElasticNetPath.grid(d.xty(), d.n, s.l1Ratio(), nAlphas, eps), s);
    }

    /** The path on sparse {@code x} over the given {@code alphas} (sorted into decreasing order). */
    public static ElasticNetPath.Path path(SparseMatrix x, double[] y, double[] w, ElasticNetPath.Settings s, double[] alphas) {
        return path(Design.of(x, y, w, s.fitIntercept()), ElasticNetPath.checkAlphas(alphas), s);
    }

    /**
     * Solves over {@code alphas} (decreasing), each solve warm-started at the previous solution, as scikit-learn's
     * {@code enet_path} on sparse input. With {@code s.screening()} (and {@code rho > 0}) the sequential strong rule
     * (Tibshirani et al. 2012) leaves out, at {@code alpha_k}, every feature that has never been active on the path and
     * has {@code |x~_j'r(alpha_{k-1})| < n rho (2 alpha_k - alpha_{k-1})}; after the solve on the kept features the KKT
     * condition {@code |x~_j'r| <= n alpha rho} ({@code x~_j'r <= n alpha rho} when positive) is checked on every left-out
     * feature, violators are added back and the problem solved again, so the path is the unscreened one to solver
     * tolerance (the same rule as the dense {@link ElasticNetPath}; {@link ElasticNetPath.Path#kktAdds} and
     * {@link ElasticNetPath.Path#screened} count what it did). The duality gap of a screened solve equals that of the
     * full problem once the KKT check passes: the left-out features have {@code b_j = 0} and
     * {@code |x~_j'r| <= n alpha rho}, so they change neither the primal value nor the dual scaling.
     */
    static ElasticNetPath.Path path(Design d, double[] alphas, ElasticNetPath.Settings s) {
        int m = alphas.length;
        int p = d.p;
        double rho = s.l1Ratio();
        dev.derive.linalg.Matrix coefs = dev.derive.linalg.Matrix.zeros(p, m);
        double[] intercepts = new double[m];
        double[] gaps = new double[m];
        int[] iters = new int[m];
        boolean converged = true;
        int kktAdds = 0;
        long screened = 0;
        boolean screening = s.screening() && rho > 0;
        boolean[] ever = new boolean[p];
        double[] b = null;
        double[] corr = screening ? d.xty() : null; // x~'r at b = 0
        double prevAlpha = Double.POSITIVE_INFINITY;
        if (screening) {
            double mx = 0;
            for (double v : corr) {
                mx = Math.max(mx, Math.abs(v));
            }
            prevAlpha = mx / (d.n * rho);
        }
        for (int k = 0; k < m; k++) {
            double alpha = alphas[k];
            double l1 = d.n * alpha * rho;
            boolean[] keep = null;
            int[] eligible = null;
            if (screening) {
                keep = new boolean[p];
                double thr = d.n * rho * (2 * alpha - prevAlpha);
                int cnt = 0;
                for (int j = 0; j < p; j++) {
                    keep[j] = ever[j] || (b != null && b[j] != 0) || Math.abs(corr[j]) >= thr;
                    cnt += keep[j] ? 1 : 0;
                }
                if (cnt < p) {
                    eligible = StrongRule.indices(keep, cnt);
                    screened += p - cnt;
                }
            }
            Fit f;
            int sweeps = 0;
            while (true) {
                f = d.solve(alpha, rho, s.positive(), s.tol(), s.maxIter(), b, eligible);
                sweeps += f.iterations();
                b = f.coef();
                if (!screening) {
                    break;
                }
                corr = d.correlations(b);
                if (eligible == null) {
                    break;
                }
                int added = StrongRule.readmit(keep, corr, d.sq, s.positive(), l1);
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
            intercepts[k] = f.intercept();
            gaps[k] = f.dualGap();
            iters[k] = sweeps;
            converged &= f.converged();
            prevAlpha = alpha;
        }
        return new ElasticNetPath.Path(alphas.clone(), coefs, intercepts, gaps, iters, converged, kktAdds, screened);
    }


    /**
     * A sparse design prepared once for many solves (a regularisation path, warm starts): the CSC copy of
     * {@code X}, the normalised weights, the implicit column means {@code m_j}, {@code sum_nz w_i x_ij}, the
     * centred column norms and the centred weighted target {@code y~ = s (y - ybar)}. Immutable; every
     * {@link #solve} works on its own residual.
     */
    static final class Design {
        final SparseMatrix x;
        final int n;
        final int p;
        final boolean fitIntercept;
        final int[] cp;
        final int[] ri;
        final double[] cv;
        final double[] sw;
        final double[] s;
        final double[] m;
        final double[] a;
        final double[] sq;
        final double yMean;
        final double[] yt;
        final double yy;

        private Design(SparseMatrix x, double[] y, double[] w, boolean fitIntercept) {
            int n = x.rows();
            int p = x.cols();
            if (y.length != n) {
                throw new IllegalArgumentException("y has " + y.length + " entries but X has " + n + " rows");
            }
            if (n == 0 || p == 0) {
                throw new IllegalArgumentException("X is empty (" + n + "x" + p + ")");
            }
            for (double v : x.values()) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("X has a non-finite entry " + v);
                }
            }
            double[] sw = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double wi = w == null ? 1 : w[i];
                if (!(wi >= 0) || Double.isInfinite(wi)) {
                    throw new IllegalArgumentException("weight " + i + " = " + wi + " must be finite and >= 0");
                }
                if (!Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is not finite");
                }
                sw[i] = wi;
                sum += wi;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("the weights sum to " + sum + "; at least one must be > 0");
            }
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                sw[i] *= n / sum;
                s[i] = Math.sqrt(sw[i]);
            }
            // columns: CSR of X' is CSC of X
            SparseMatrix xt = x.transpose();
            int[] cp = xt.rowPointers();
            int[] ri = xt.columnIndices();
            double[] cv = xt.values();
            double[] m = new double[p];
            double[] a = new double[p]; // sum_nz w_i x_ij
            double[] sq = new double[p];
            for (int j = 0; j < p; j++) {
                double aj = 0;
                double qj = 0;
                for (int k = cp[j]; k < cp[j + 1]; k++) {
                    double v = cv[k];
                    aj += sw[ri[k]] * v;
                    qj += sw[ri[k]] * v * v;
                }
                a[j] = aj;
                m[j] = fitIntercept ? aj / n : 0;
                sq[j] = Math.max(qj - (fitIntercept ? n * m[j] * m[j] : 0), 0);
            }
            double yMean = 0;
            if (fitIntercept) {
                for (int i = 0; i < n; i++) {
                    yMean += sw[i] * y[i];
                }
                yMean /= n;
            }
            double[] yt = new double[n];
            double yy = 0;
            for (int i = 0; i < n; i++) {
                yt[i] = s[i] * (y[i] - yMean);
                yy += yt[i] * yt[i];
            }
            this.x = x;
            this.n = n;
            this.p = p;
            this.fitIntercept = fitIntercept;
            this.cp = cp;
            this.ri = ri;
            this.cv = cv;
            this.sw = sw;
            this.s = s;
            this.m = m;
            this.a = a;
            this.sq = sq;
            this.yMean = yMean;
            this.yt = yt;
            this.yy = yy;
        }

        /** Prepares {@code x} ({@code n x p} CSR), {@code y} and the weights ({@code null}: none). */
        static Design of(SparseMatrix x, double[] y, double[] w, boolean fitIntercept) {
            return new Design(x, y, w, fitIntercept);
        }

        /**
         * {@code X~'y~} of the implicitly centred weighted design ({@code sum_i s_i (x_ij - m_j) y~_i}), whose largest
         * entry gives {@code alpha_max = max_j |X~'y~|_j / (n rho)} of the path.
         */
        double[] xty() {
            double sy = CoordinateDescent.dot(s, yt);
            double[] c = new double[p];
            for (int j = 0; j < p; j++) {
                double z = 0;
                for (int k = cp[j]; k < cp[j + 1]; k++) {
                    z += s[ri[k]] * cv[k] * yt[ri[k]];
                }
                c[j] = z - m[j] * sy;
            }
            return c;
        }

        /** {@code ybar - m'b} (0 without an intercept). */
        double intercept(double[] b) {
            if (!fitIntercept) {
                return 0;
            }
            double b0 = yMean;
            for (int j = 0; j < p; j++) {
                b0 -= m[j] * b[j];
            }
            return b0;
        }

        /** Coordinate descent for one {@code (alpha, l1_ratio)}, from {@code start} ({@code null}: zeros). */
        Fit solve(double alpha, double l1Ratio, boolean positive, double tol, int maxIter, double[] start) {
            return solve(alpha, l1Ratio, positive, tol, maxIter, start, null);
        }

        /**
         * {@code x~'r} for every column at coefficients {@code b}: the correlations of the implicitly centred weighted
         * columns with the residual {@code r = y~ - X~ b}, {@code O(nnz)}.
         */
        double[] correlations(double[] b) {
            double[] r = yt.clone();
            double[] xb = x.mvmul(b);
            double t = 0;
            for (int i = 0; i < n; i++) {
                r[i] -= s[i] * xb[i];
            }
            for (int j = 0; j < p; j++) {
                t += m[j] * b[j];
            }
            double sR = CoordinateDescent.dot(s, r);
            double[] c = new double[p];
            for (int j = 0; j < p; j++) {
                c[j] = colCorr(j, cp, ri, cv, s, sw, r, t, sR, a, m, n);
            }
            return c;
        }

        /**
         * Coordinate descent for one {@code (alpha, l1_ratio)} over the coordinates in {@code eligible} (all when
         * {@code null}), the others held at their values in {@code start} ({@code null}: zeros); the duality gap is that
         * of the problem restricted to {@code eligible}.
         */
        Fit solve(double alpha, double l1Ratio, boolean positive, double tol, int maxIter, double[] start, int[] eligible) {
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
            }
            if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
                throw new IllegalArgumentException("l1_ratio must be in [0, 1], got " + l1Ratio);
            }
            if (!(tol >= 0) || maxIter < 1) {
                throw new IllegalArgumentException("tol must be >= 0 and max_iter >= 1, got " + tol + ", " + maxIter);
            }
            double l1 = n * alpha * l1Ratio;
            double l2 = n * alpha * (1 - l1Ratio);
            double[] b = new double[p];
            double[] r = yt.clone(); // R; the residual is R + t s
            double[] t = {0};
            if (start != null) {
                if (start.length != p) {
                    throw new IllegalArgumentException("warm start has " + start.length + " coefficients; X has " + p + " columns");
                }
                // r = yt - s (X b - 1 m'b): R = yt - s X b, t = m'b
                System.arraycopy(start, 0, b, 0, p);
                double[] xb = x.mvmul(b);
                for (int i = 0; i < n; i++) {
                    r[i] -= s[i] * xb[i];
                }
                for (int j = 0; j < p; j++) {
                    t[0] += m[j] * b[j];
                }
            }
            double[] sR = {CoordinateDescent.dot(s, r)};
            int[] coords = eligible == null ? null : eligible.clone();
            int nc = coords == null ? p : coords.length;
            double gapTol = tol * yy;
            double gap = Double.POSITIVE_INFINITY;
            boolean converged = false;
            int iter = 0;
            while (iter < maxIter) {
                double maxChange = 0;
                double maxCoef = 0;
                for (int q = 0; q < nc; q++) {
                    int j = coords == null ? q : coords[q];
                    if (sq[j] == 0) {
                        continue;
                    }
                    double old = b[j];
                    double z = colCorr(j, cp, ri, cv, s, sw, r, t[0], sR[0], a, m, n) + sq[j] * old;
                    double nb;
                    if (positive && z < 0) {
                        nb = 0;
                    } else {
                        double v = Math.abs(z) - l1;
                        nb = v > 0 ? Math.copySign(v, z) / (sq[j] + l2) : 0;
                    }
                    if (nb != old) {
                        double d = nb - old;
                        b[j] = nb;
                        for (int k = cp[j]; k < cp[j + 1]; k++) {
                            int i = ri[k];
                            double dr = d * s[i] * cv[k];
                            r[i] -= dr;
                            sR[0] -= s[i] * dr;
                        }
                        t[0] += d * m[j];
                        maxChange = Math.max(maxChange, Math.abs(d));
                    }
                    maxCoef = Math.max(maxCoef, Math.abs(nb));
                }
                iter++;
                if (maxChange <= tol * maxCoef || maxCoef == 0 || iter % 10 == 0 || iter == maxIter) {
                    gap = gap(coords, b, cp, ri, cv, s, sw, r, t[0], sR[0], a, m, n, yt, l1, l2, positive);
                    if (gap <= gapTol) {
                        converged = true;
                        break;
                    }
                }
            }
            return new Fit(b, intercept(b), gap / n, iter, converged);
        }
    }

    private static double colCorr(int j, int[] cp, int[] ri, double[] cv, double[] s, double[] sw, double[] r, double t,
                                  double sR, double[] a, double[] m, int n) {
        double c = 0;
        for (int k = cp[j]; k < cp[j + 1]; k++) {
            c += s[ri[k]] * cv[k] * r[ri[k]];
        }
        // + t sum_nz w_i x_ij - m_j (s'R + t n), with s'R + t s's and s's = n
        return c + t * a[j] - m[j] * (sR + t * n);
    }

    private static double gap(int[] coords, double[] b, int[] cp, int[] ri, double[] cv, double[] s, double[] sw, double[] r, double t,
                              double sR, double[] a, double[] m, int n, double[] yt, double l1, double l2, boolean positive) {
        double rr = 0;
        double ry = 0;
        for (int i = 0; i < r.length; i++) {
            double ri2 = r[i] + t * s[i];
            rr += ri2 * ri2;
            ry += ri2 * yt[i];
        }
        double dualNorm = 0;
        double l1norm = 0;
        double l2sq = 0;
        int nc = coords == null ? b.length : coords.length;
        for (int q = 0; q < nc; q++) {
            int j = coords == null ? q : coords[q];
            double xta = colCorr(j, cp, ri, cv, s, sw, r, t, sR, a, m, n) - l2 * b[j];
            dualNorm = Math.max(dualNorm, positive ? xta : Math.abs(xta));
            l1norm += Math.abs(b[j]);
            l2sq += b[j] * b[j];
        }
        double c = dualNorm > l1 ? l1 / dualNorm : 1;
        double g = 0.5 * (rr + rr * c * c) + l1 * l1norm - c * ry + 0.5 * l2 * (1 + c * c) * l2sq;
        return Math.max(g, 0);
    }
}
