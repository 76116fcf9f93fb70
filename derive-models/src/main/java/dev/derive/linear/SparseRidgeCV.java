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
        int n = x.rows();
        int p = x.cols();
        double sw = 0;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            s[i] = Math.sqrt(wi);
            sw += wi;
        }
        double[] m = new double[p];
        double yMean = 0;
        double[] lev0 = new double[n];
        if (intercept) {
            for (int i = 0; i < n; i++) {
                double wi = w == null ? 1 : w[i];
                yMean += wi * y[i];
                lev0[i] = wi / sw;
            }
            yMean /= sw;
            m = SparseRidge.weightedColumnMeans(x, w, sw);
        }
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ys[i] = s[i] * (y[i] - yMean);
        }
        Result r = mode.equals("covariance") ? covariance(x, s, m, ys, lev0, alphas, sw, intercept)
                : eigen(x, s, m, ys, lev0, alphas);
        double b0 = 0;
        if (intercept) {
            b0 = yMean;
            for (int j = 0; j < p; j++) {
                b0 -= m[j] * r.coef()[j];
            }
        }
        return new Result(r.cv(), r.coef(), b0, r.rank());
    }

    private static Result covariance(SparseMatrix x, double[] s, double[] m, double[] ys, double[] lev0, double[] alphas,
                                     double sw, boolean intercept) {
        int n = x.rows();
        int p = x.cols();
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
        // c = V' Xs'ys, Xs'ys = X'(s o ys) - m (s'ys)
        double[] sy = new double[n];
        double t = 0;
        for (int i = 0; i < n; i++) {
            sy[i] = s[i] * ys[i];
            t += sy[i];
        }
        double[] xty = x.tmvmul(sy);
        for (int j = 0; j < p; j++) {
            xty[j] -= m[j] * t;
        }
        double[] c = vec.tmvmul(xty);
        double[] vm = vec.tmvmul(m);
        int na = alphas.length;
        double[][] inv = new double[na][p];
        for (int a = 0; a < na; a++) {
            for (int j = 0; j < p; j++) {
                inv[a][j] = 1 / (e[j] + alphas[a]);
            }
        }
        Matrix errors = Matrix.zeros(n, na);
        double[] z = new double[p];
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
                double h = lev0[i];
                double fit = 0;
                double[] ia = inv[a];
                for (int j = 0; j < p; j++) {
                    h += z[j] * z[j] * ia[j];
                    fit += z[j] * c[j] * ia[j];
                }
                double loo = (ys[i] - fit) / (1 - h);
                errors.set(i, a, loo * loo);
            }
        }
        RidgeCV.CvResult cv = RidgeCV.result(alphas, errors, "covariance");
        double alpha = cv.alpha();
        double[] zc = new double[p];
        double emax = 0;
        for (double ek : e) {
            emax = Math.max(emax, ek);
        }
        int rank = 0;
        for (int j = 0; j < p; j++) {
            zc[j] = c[j] / (e[j] + alpha);
            rank += e[j] > emax * p * Math.ulp(1.0) ? 1 : 0;
        }
        return new Result(cv, vec.mvmul(zc), 0, rank);
    }

    private static Result eigen(SparseMatrix x, double[] s, double[] m, double[] ys, double[] lev0, double[] alphas) {
        int n = x.rows();
        int p = x.cols();
        // X X' from the pairs of stored entries of each column
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
        // (X - 1m')(X - 1m')' = XX' - (Xm)1' - 1(Xm)' + (m'm) 11', then scaled by s on both sides
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
        SymmetricEigen eig = SymmetricEigen.of(k);
        double[] e = eig.values();
        for (int j = 0; j < e.length; j++) {
            e[j] = Math.max(e[j], 0);
        }
        Matrix u = eig.vectors();
        double[] uty = u.tmvmul(ys);
        int na = alphas.length;
        Matrix errors = Matrix.zeros(n, na);
        double[] f = new double[n];
        double[] fu = new double[n];
        for (int a = 0; a < na; a++) {
            for (int j = 0; j < n; j++) {
                f[j] = e[j] / (e[j] + alphas[a]);
                fu[j] = f[j] * uty[j];
            }
            double[] fitted = u.mvmul(fu);
            for (int i = 0; i < n; i++) {
                double h = lev0[i];
                for (int j = 0; j < n; j++) {
                    double uij = u.get(i, j);
                    h += uij * uij * f[j];
                }
                double loo = (ys[i] - fitted[i]) / (1 - h);
                errors.set(i, a, loo * loo);
            }
        }
        RidgeCV.CvResult cv = RidgeCV.result(alphas, errors, "eigen");
        double alpha = cv.alpha();
        // dual: beta = Xs' q, q = U diag(1/(e + alpha)) U'ys; Xs'q = X'(s o q) - m (s'q)
        double[] dz = new double[n];
        for (int j = 0; j < n; j++) {
            dz[j] = uty[j] / (e[j] + alpha);
        }
        double[] q = u.mvmul(dz);
        double t = 0;
        for (int i = 0; i < n; i++) {
            q[i] *= s[i];
            t += q[i];
        }
        double[] beta = x.tmvmul(q);
        for (int j = 0; j < p; j++) {
            beta[j] -= m[j] * t;
        }
        double emax = 0;
        for (double ek : e) {
            emax = Math.max(emax, ek);
        }
        int rank = 0;
        for (double ek : e) {
            rank += ek > emax * n * Math.ulp(1.0) ? 1 : 0;
        }
        return new Result(cv, beta, 0, rank);
    }
}
