package dev.derive.linear;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.linalg.SymmetricEigen;

/**
 * The leave-one-out computation of {@link RidgeCV} on a sparse design ({@link SparseMatrix}, CSR), never forming the
 * dense or the centred {@code n x p} matrix; the criterion, the grid and the choice are those of the dense learner.
 *
 * <p>With weights {@code w}, {@code s = sqrt(w)}, the weighted means {@code m} (0 without an intercept) and
 * {@code Xs = diag(s)(X - 1 m')}, {@code ys = s o (y - ybar)}:
 * <ul>
 *   <li>{@code covariance} (rows &gt; features): {@code Xs'Xs = X'WX - (sum w) m m'}, with {@code X'WX} summed from the
 *       pairs of stored entries of each row ({@code O(sum_i nnz_i^2)}); its eigenpairs {@code (V, e)}; then row by row
 *       {@code z_i = s_i V'(x_i - m)} ({@code O(nnz_i p)}), which gives for every alpha the leverage
 *       {@code h_ii = w_i/sum w + sum_j z_ij^2/(e_j + alpha)} and the fit {@code sum_j z_ij c_j/(e_j + alpha)},
 *       {@code c = V'Xs'ys}; only {@code p x p} and {@code n x (number of alphas)} arrays are held. The coefficients are
 *       {@code V diag(1/(e + alpha)) c}. This is the decomposition scikit-learn uses for sparse input with rows &gt;
 *       features; like it, the implicitly centred covariance cancels digits on features whose mean is large against
 *       their spread.</li>
 *   <li>{@code eigen} (otherwise): the {@code n x n} kernel {@code Xs Xs'} from the pairs of stored entries of each
 *       column of {@code X} ({@code X X'}) corrected for the centring, its eigenpairs {@code (U, e)}, and the dense
 *       learner's formulas in {@code U}; the coefficients are the dual {@code Xs'U diag(1/(e + alpha)) U'ys}.</li>
 * </ul>
 */
final class SparseRidgeCV {

    private SparseRidgeCV() {
    }

    /** The CV result, the coefficients at the chosen alpha, the intercept and the numerical rank. */
    record Result(RidgeCV.CvResult cv, double[] coef, double intercept, int rank) {
    }

    static Result run(SparseMatrix x, double[] y, double[] w, boolean intercept, double[] alphas, String mode) {
        Multi r = runMulti(x, Matrix.wrap(y.length, 1, y), w, intercept, alphas, mode);
        RidgeCV.CvResult cv = r.cv(0);
        double[] coef = r.coef(0, cv.alpha());
        return new Result(cv, coef, r.intercept(0, coef), r.rank());
    }

    /**
     * Every column of {@code y} ({@code n x k}) from one decomposition of the design: the leverages are shared, each
     * target has its own LOO errors ({@link Multi#cv}) and its coefficients at any alpha of the grid
     * ({@link Multi#coef}); target {@code t} gives what {@link #run} gives for that column alone, bit for bit.
     */
    static Multi runMulti(SparseMatrix x, Matrix y, double[] w, boolean intercept, double[] alphas, String mode) {
        int n = x.rows();
        int p = x.cols();
        int k = y.cols();
        double sw = 0;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            s[i] = Math.sqrt(wi);
            sw += wi;
        }
        double[] m = new double[p];
        double[] yMean = new double[k];
        double[] lev0 = new double[n];
        double[][] ys = new double[k][];
        for (int t = 0; t < k; t++) {
            double[] yt = y.columnArray(t);
            if (intercept) {
                for (int i = 0; i < n; i++) {
                    yMean[t] += (w == null ? 1 : w[i]) * yt[i];
                }
                yMean[t] /= sw;
            }
            ys[t] = new double[n];
            for (int i = 0; i < n; i++) {
                ys[t][i] = s[i] * (yt[i] - yMean[t]);
            }
        }
        if (intercept) {
            for (int i = 0; i < n; i++) {
                lev0[i] = (w == null ? 1 : w[i]) / sw;
            }
            m = SparseRidge.weightedColumnMeans(x, w, sw);
        }
        return mode.equals("covariance") ? covariance(x, s, m, ys, lev0, alphas, sw, intercept, yMean)
                : eigen(x, s, m, ys, lev0, alphas, yMean);
    }

    /**
     * The decomposition and the per-target LOO results: {@code basis} is {@code V} (covariance) or {@code U} (eigen),
     * {@code e} its eigenvalues (clipped at 0), {@code c[t]} the target's coordinates ({@code V'Xs'ys} or
     * {@code U'ys}).
     */
    static final class Multi {
        private final String mode;
        private final SparseMatrix x;
        private final double[] s;
        private final double[] m;
        private final double[] yMean;
        private final double[] e;
        private final Matrix basis;
        private final double[][] c;
        private final RidgeCV.CvResult[] cvs;
        private final int rank;

        private Multi(String mode, SparseMatrix x, double[] s, double[] m, double[] yMean, double[] e, Matrix basis, double[][] c,
                      RidgeCV.CvResult[] cvs, int rank) {
            this.mode = mode;
            this.x = x;
            this.s = s;
            this.m = m;
            this.yMean = yMean;
            this.e = e;
            this.basis = basis;
            this.c = c;
            this.cvs = cvs;
            this.rank = rank;
        }

        /** Target {@code t}'s LOO errors and its best alpha. */
        RidgeCV.CvResult cv(int t) {
            return cvs[t];
        }

        /** The numerical rank of the decomposition. */
        int rank() {
            return rank;
        }

        /**
         * Target {@code t}'s ridge coefficients at {@code alpha}: {@code V diag(1/(e + alpha)) c_t} (covariance) or the dual
         * {@code Xs'U diag(1/(e + alpha)) U'ys_t} (eigen), {@code Xs'q = X'(s o q) - m (s'q)}.
         */
        double[] coef(int t, double alpha) {
            int r = e.length;
            double[] z = new double[r];
            for (int j = 0; j < r; j++) {
                z[j] = c[t][j] / (e[j] + alpha);
            }
            double[] q = basis.mvmul(z);
            if (mode.equals("covariance")) {
                return q;
            }
            double sq = 0;
            for (int i = 0; i < q.length; i++) {
                q[i] *= s[i];
                sq += q[i];
            }
            double[] beta = x.tmvmul(q);
            for (int j = 0; j < beta.length; j++) {
                beta[j] -= m[j] * sq;
            }
            return beta;
        }

        /** The intercept {@code ybar_t - m'beta} (0 without an intercept: then {@code m} and {@code ybar} are 0). */
        double intercept(int t, double[] beta) {
            double b0 = yMean[t];
            for (int j = 0; j < beta.length; j++) {
                b0 -= m[j] * beta[j];
            }
            return b0;
        }
    }

    private static Multi covariance(SparseMatrix x, double[] s, double[] m, double[][] ys, double[] lev0, double[] alphas,
                                    double sw, boolean intercept, double[] yMean) {
        int n = x.rows();
        int p = x.cols();
        int nt = ys.length;
        int[] rp = x.rowPointers();
        int[] ci = x.columnIndices();
        double[] v = x.values();
        // X'WX from the pairs of stored entries of each row, minus (sum w) m m'
        Matrix g = Matrix.zeros(p, p);
        for (int i = 0; i < n; i++) {
            double wi = s[i] * s[i];
            if (wi == 0) {
                continue;
            }
            for (int a = rp[i]; a < rp[i + 1]; a++) {
                double va = wi * v[a];
                for (int b = rp[i]; b < rp[i + 1]; b++) {
                    g.add(ci[a], ci[b], va * v[b]);
                }
            }
        }
        if (intercept) {
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < p; k++) {
                    g.add(j, k, -sw * m[j] * m[k]);
                }
            }
        }
        SymmetricEigen eig = SymmetricEigen.of(g);
        double[] e = eig.values();
        for (int k = 0; k < e.length; k++) {
            e[k] = Math.max(e[k], 0);
        }
        Matrix vec = eig.vectors();
        // c_t = V' Xs'ys_t, Xs'ys = X'(s o ys) - m (s'ys)
        double[][] c = new double[nt][];
        for (int tg = 0; tg < nt; tg++) {
            double[] sy = new double[n];
            double t = 0;
            for (int i = 0; i < n; i++) {
                sy[i] = s[i] * ys[tg][i];
                t += sy[i];
            }
            double[] xty = x.tmvmul(sy);
            for (int j = 0; j < p; j++) {
                xty[j] -= m[j] * t;
            }
            c[tg] = vec.tmvmul(xty);
        }
        double[] vm = vec.tmvmul(m);
        int na = alphas.length;
        double[][] inv = new double[na][p];
        for (int a = 0; a < na; a++) {
            for (int j = 0; j < p; j++) {
                inv[a][j] = 1 / (e[j] + alphas[a]);
            }
        }
        Matrix[] errors = new Matrix[nt];
        for (int tg = 0; tg < nt; tg++) {
            errors[tg] = Matrix.zeros(n, na);
        }
        double[] z = new double[p];
        double[] fit = new double[nt];
        for (int i = 0; i < n; i++) {
            // z_i = s_i (V'x_i - V'm)
            for (int j = 0; j < p; j++) {
                z[j] = -vm[j];
            }
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                double xv = v[k];
                int col = ci[k];
                for (int j = 0; j < p; j++) {
                    z[j] += xv * vec.get(col, j);
                }
            }
            for (int j = 0; j < p; j++) {
                z[j] *= s[i];
            }
            for (int a = 0; a < na; a++) {
                double[] ia = inv[a];
                double h = leverage(lev0[i], z, ia);
                for (int tg = 0; tg < nt; tg++) {
                    fit[tg] = fitted(z, c[tg], ia);
                    double loo = (ys[tg][i] - fit[tg]) / (1 - h);
                    errors[tg].set(i, a, loo * loo);
                }
            }
        }
        RidgeCV.CvResult[] cvs = new RidgeCV.CvResult[nt];
        for (int tg = 0; tg < nt; tg++) {
            cvs[tg] = RidgeCV.result(alphas, errors[tg], "covariance");
        }
        double emax = 0;
        for (double ek : e) {
            emax = Math.max(emax, ek);
        }
        int rank = 0;
        for (int j = 0; j < p; j++) {
            rank += e[j] > emax * p * Math.ulp(1.0) ? 1 : 0;
        }
        return new Multi("covariance", x, s, m, yMean, e, vec, c, cvs, rank);
    }

    /** {@code lev0 + sum_j z_j^2 ia_j}. */
    private static double leverage(double lev0, double[] z, double[] ia) {
        double h = lev0;
        for (int j = 0; j < z.length; j++) {
            h += z[j] * z[j] * ia[j];
        }
        return h;
    }

    /** {@code sum_j z_j c_j ia_j}. */
    private static double fitted(double[] z, double[] c, double[] ia) {
        double f = 0;
        for (int j = 0; j < z.length; j++) {
            f += z[j] * c[j] * ia[j];
        }
        return f;
    }

    /**
     * The {@code n x n} kernel {@code Xs Xs'} of {@code Xs = diag(s)(X - 1 m')}: {@code X X'} from the pairs of stored
     * entries of each column of {@code X}, then {@code (X - 1m')(X - 1m')' = XX' - (Xm)1' - 1(Xm)' + (m'm) 11'} scaled by
     * {@code s} on both sides. Its nonzero eigenvalues are those of {@code Xs'Xs}.
     */
    static Matrix centredKernel(SparseMatrix x, double[] s, double[] m) {
        int n = x.rows();
        int p = x.cols();
        SparseMatrix xt = x.transpose();
        int[] cp = xt.rowPointers();
        int[] ri = xt.columnIndices();
        double[] xv = xt.values();
        Matrix k = Matrix.zeros(n, n);
        for (int j = 0; j < p; j++) {
            for (int a = cp[j]; a < cp[j + 1]; a++) {
                double va = xv[a];
                for (int b = cp[j]; b < cp[j + 1]; b++) {
                    k.add(ri[a], ri[b], va * xv[b]);
                }
            }
        }
        double[] xm = x.mvmul(m);
        double mm = 0;
        for (double mj : m) {
            mm += mj * mj;
        }
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) {
                k.set(i, l, s[i] * s[l] * (k.get(i, l) - xm[i] - xm[l] + mm));
            }
        }
        return k;
    }

    private static Multi eigen(SparseMatrix x, double[] s, double[] m, double[][] ys, double[] lev0, double[] alphas, double[] yMean) {
        int n = x.rows();
        int nt = ys.length;
        Matrix k = centredKernel(x, s, m);
        SymmetricEigen eig = SymmetricEigen.of(k);
        double[] e = eig.values();
        for (int j = 0; j < e.length; j++) {
            e[j] = Math.max(e[j], 0);
        }
        Matrix u = eig.vectors();
        double[][] uty = new double[nt][];
        for (int tg = 0; tg < nt; tg++) {
            uty[tg] = u.tmvmul(ys[tg]);
        }
        int na = alphas.length;
        Matrix[] errors = new Matrix[nt];
        for (int tg = 0; tg < nt; tg++) {
            errors[tg] = Matrix.zeros(n, na);
        }
        double[] f = new double[n];
        double[] fu = new double[n];
        double[][] fitted = new double[nt][];
        for (int a = 0; a < na; a++) {
            for (int tg = 0; tg < nt; tg++) {
                for (int j = 0; j < n; j++) {
                    f[j] = e[j] / (e[j] + alphas[a]);
                    fu[j] = f[j] * uty[tg][j];
                }
                fitted[tg] = u.mvmul(fu);
            }
            for (int i = 0; i < n; i++) {
                double h = lev0[i];
                for (int j = 0; j < n; j++) {
                    double uij = u.get(i, j);
                    h += uij * uij * f[j];
                }
                for (int tg = 0; tg < nt; tg++) {
                    double loo = (ys[tg][i] - fitted[tg][i]) / (1 - h);
                    errors[tg].set(i, a, loo * loo);
                }
            }
        }
        RidgeCV.CvResult[] cvs = new RidgeCV.CvResult[nt];
        for (int tg = 0; tg < nt; tg++) {
            cvs[tg] = RidgeCV.result(alphas, errors[tg], "eigen");
        }
        double emax = 0;
        for (double ek : e) {
            emax = Math.max(emax, ek);
        }
        int rank = 0;
        for (double ek : e) {
            rank += ek > emax * n * Math.ulp(1.0) ? 1 : 0;
        }
        return new Multi("eigen", x, s, m, yMean, e, u, uty, cvs, rank);
    }
}
