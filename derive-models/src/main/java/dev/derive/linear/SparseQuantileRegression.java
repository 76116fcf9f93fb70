package dev.derive.linear;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.NotPositiveDefiniteException;
import dev.derive.linalg.SparseMatrix;

/**
 * The quantile regression of {@link QuantileRegression} on a sparse design ({@link SparseMatrix}, CSR), by a
 * primal–dual interior-point method on the dual linear program whose Newton systems are only {@code m x m}
 * ({@code m = p} + 1 with an intercept): the Frisch–Newton approach of Portnoy &amp; Koenker (1997, "The Gaussian hare
 * and the Laplacian tortoise", Statistical Science 12) with Mehrotra's predictor–corrector (Mehrotra 1992).
 *
 * <p>Write the problem as {@code min_beta sum_i c_i rho_{tau_i}(t_i - z_i'beta)} over rows {@code i} with weights
 * {@code c_i > 0} and quantiles {@code tau_i}: the data rows ({@code c_i = w_i / W}, {@code tau_i = q},
 * {@code z_i = [1, x_i / s]}, {@code t_i = y_i / s_y}, in the equilibrated units of the dense solver: {@code s_j} the
 * largest {@code |x_ij|}, {@code s_y} the largest {@code |y_i|}), and, when {@code alpha > 0}, one pseudo-row per feature
 * ({@code z = e_j}, {@code t = 0}, {@code tau = 1/2}, {@code c = 2 alpha / s_j}), since
 * {@code (2 alpha / s_j) rho_{1/2}(-beta_j) = alpha |beta_j| / s_j} is the penalty on the scaled coefficient. Its
 * linear-programming dual is, with {@code A = Z'C} and {@code a_i = d_i / c_i + 1 - tau_i},
 * <pre>
 *   maximise  (C t)'a   subject to   A a = A (1 - tau),   0 <= a <= 1,
 * </pre>
 * and {@code beta} is the multiplier of the equality constraints. The interior point keeps {@code 0 < a < 1} with
 * bound multipliers {@code z, w > 0}; each step solves {@code (A Theta A') dy = r} with
 * {@code Theta = (Z/a + W/(1 - a))^-1} diagonal. {@code A Theta A' = sum_i theta_i c_i^2 z_i z_i'} is accumulated from
 * the stored entries of the rows ({@link SparseLeastSquares#crossProduct}), {@code O(sum_i nnz_i^2 + m^2)}, and factored
 * by Cholesky ({@code m^3 / 3}); nothing of size {@code n x p} is formed, so the cost per iteration is
 * {@code O(nnz + sum_i nnz_i^2 + m^3)} against the dense program's {@code O(n^3)}. The start
 * {@code a = 1 - tau} is feasible; {@code beta} starts at the weighted least-squares fit. It stops when the relative
 * primal and dual residuals and the relative duality gap are all below {@code tol}.
 *
 * <p>The solution is the same optimum as the dense linear program's (the same objective value; the same
 * coefficients when the optimum is unique; when it is not, both interior points end near the centre of the optimal
 * face). Limit: {@code m x m} dense, so {@code m <= }{@link SparseLeastSquares#DENSE_LIMIT} (8192, 512 MB) and three such
 * matrices within half the maximum heap ({@link SparseLeastSquares#checkDense}).
 */
final class SparseQuantileRegression {

    private SparseQuantileRegression() {
    }

    /**
     * A fit, in the original units.
     *
     * @param coef       the coefficients
     * @param intercept  the intercept (0 without)
     * @param objective  {@code (1/W) sum w_i rho_q(r_i) + alpha ||beta||_1}
     * @param gap        the final relative duality gap
     * @param primalRes  the final relative primal residual
     * @param dualRes    the final relative dual residual
     * @param iterations interior-point iterations
     * @param converged  whether all three met {@code tol}
     */
    record Fit(double[] coef, double intercept, double objective, double gap, double primalRes, double dualRes, int iterations,
               boolean converged) {
    }

    static Fit fit(SparseMatrix x, double[] y, double[] w, double q, double alpha, boolean intercept, double tol, int maxIter) {
        int nAll = x.rows();
        int p = x.cols();
        // the Newton matrix, its Cholesky factor, and the previous factor until the new one replaces it
        SparseLeastSquares.checkDense(QuantileRegression.NAME + " on sparse input", "the interior point's Newton system", p,
                p + (intercept ? 1 : 0), 3, "select at most " + (SparseLeastSquares.DENSE_LIMIT - (intercept ? 1 : 0))
                        + " features first, or for a robust fit of any width use huber (L-BFGS on the CSR matrix, no p x p matrix)");
        // rows of positive weight
        int[] keep = new int[nAll];
        int n = 0;
        double wSum = 0;
        for (int i = 0; i < nAll; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(QuantileRegression.NAME + ": the target must be finite, got " + y[i] + " at row " + i);
            }
            double wi = w == null ? 1 : w[i];
            if (wi > 0) {
                keep[n++] = i;
                wSum += wi;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException(QuantileRegression.NAME + ": every sample weight is zero");
        }
        SparseMatrix xs = n == nAll ? x : x.selectRows(java.util.Arrays.copyOf(keep, n));
        // equilibration as the dense solver
        double[] colScale = new double[p];
        int[] rp = xs.rowPointers();
        int[] ci = xs.columnIndices();
        double[] xv = xs.values();
        for (int e = 0; e < xv.length; e++) {
            colScale[ci[e]] = Math.max(colScale[ci[e]], Math.abs(xv[e]));
        }
        for (int j = 0; j < p; j++) {
            colScale[j] = colScale[j] > 0 ? colScale[j] : 1;
        }
        double yScale = 0;
        for (int r = 0; r < n; r++) {
            yScale = Math.max(yScale, Math.abs(y[keep[r]]));
        }
        yScale = yScale > 0 ? yScale : 1;
        int c0 = intercept ? 1 : 0;        // parameter layout: [intercept?, beta_1..beta_p] (scaled)
        int m = p + c0;
        boolean pen = alpha > 0;
        int rows = n + (pen ? p : 0);      // data rows, then the penalty pseudo-rows
        double[] cw = new double[rows];    // c_i
        double[] tau = new double[rows];
        double[] t = new double[rows];
        for (int r = 0; r < n; r++) {
            int i = keep[r];
            cw[r] = (w == null ? 1 : w[i]) / wSum;
            tau[r] = q;
            t[r] = y[i] / yScale;
        }
        for (int j = 0; pen && j < p; j++) {
            cw[n + j] = 2 * alpha / colScale[j];
            tau[n + j] = 0.5;
        }
        Ops ops = new Ops(xs, colScale, cw, n, p, c0, pen);

        // the LP: min c'a s.t. A a = b, 0 <= a <= 1, with c = -C t, b = A (1 - tau)
        double[] cc = new double[rows];
        double[] a = new double[rows];
        for (int i = 0; i < rows; i++) {
            cc[i] = -cw[i] * t[i];
            a[i] = 1 - tau[i];
        }
        double[] b = ops.mul(a);
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) {
            s[i] = 1 - a[i];
        }
        // y from the weighted least squares A A' y = A c; z - w = c - A'y
        double[] theta = new double[rows];
        java.util.Arrays.fill(theta, 1.0);
        double[] yv = ops.solve(theta, ops.mul(cc));
        double[] at = ops.tmul(yv);
        double[] z = new double[rows];
        double[] wv = new double[rows];
        double rmax = 0;
        for (int i = 0; i < rows; i++) {
            rmax = Math.max(rmax, Math.abs(cc[i] - at[i]));
        }
        double delta = Math.max(rmax, 1e-3 * norm(cc) / Math.sqrt(rows) + 1e-12);
        for (int i = 0; i < rows; i++) {
            double r = cc[i] - at[i];
            z[i] = Math.max(r, 0) + delta;
            wv[i] = Math.max(-r, 0) + delta;
        }
        double bNorm = norm(b);
        double cNorm = norm(cc);
        int iter = 0;
        double gap = Double.POSITIVE_INFINITY;
        double pres = Double.POSITIVE_INFINITY;
        double dres = Double.POSITIVE_INFINITY;
        boolean converged = false;
        double[] dx = new double[rows];
        double[] dz = new double[rows];
        double[] dw = new double[rows];
        while (true) {
            double[] ax = ops.mul(a);
            double[] rb = new double[m];
            for (int k = 0; k < m; k++) {
                rb[k] = b[k] - ax[k];
            }
            double[] aty = ops.tmul(yv);
            double[] rc = new double[rows];
            double primal = 0;
            double dual = CoordinateDescent.dot(b, yv);
            double comp = 0;
            for (int i = 0; i < rows; i++) {
                rc[i] = cc[i] - aty[i] - z[i] + wv[i];
                primal += cc[i] * a[i];
                dual -= wv[i];
                comp += a[i] * z[i] + s[i] * wv[i];
            }
            pres = norm(rb) / (1 + bNorm);
            dres = norm(rc) / (1 + cNorm);
            gap = Math.abs(primal - dual) / (1 + Math.abs(primal));
            if (pres <= tol && dres <= tol && gap <= tol) {
                converged = true;
                break;
            }
            if (iter >= maxIter) {
                break;
            }
            iter++;
            double mu = comp / (2 * rows);
            for (int i = 0; i < rows; i++) {
                theta[i] = 1 / (z[i] / a[i] + wv[i] / s[i]);
            }
            ops.factor(theta);
            // predictor (affine scaling)
            double[] rxz = new double[rows];
            double[] rsw = new double[rows];
            for (int i = 0; i < rows; i++) {
                rxz[i] = -a[i] * z[i];
                rsw[i] = -s[i] * wv[i];
            }
            double[] dy = direction(ops, theta, a, s, z, wv, rb, rc, rxz, rsw, dx, dz, dw);
            double ap = stepP(a, s, dx);
            double ad = stepD(z, wv, dz, dw);
            double muAff = 0;
            for (int i = 0; i < rows; i++) {
                muAff += (a[i] + ap * dx[i]) * (z[i] + ad * dz[i]) + (s[i] - ap * dx[i]) * (wv[i] + ad * dw[i]);
            }
            muAff /= 2 * rows;
            double sigma = Math.pow(muAff / mu, 3);
            // corrector
            for (int i = 0; i < rows; i++) {
                rxz[i] = sigma * mu - a[i] * z[i] - dx[i] * dz[i];
                rsw[i] = sigma * mu - s[i] * wv[i] + dx[i] * dw[i]; // ds = -dx
            }
            dy = direction(ops, theta, a, s, z, wv, rb, rc, rxz, rsw, dx, dz, dw);
            ap = Math.min(1, 0.99995 * stepP(a, s, dx));
            ad = Math.min(1, 0.99995 * stepD(z, wv, dz, dw));
            for (int i = 0; i < rows; i++) {
                a[i] += ap * dx[i];
                s[i] -= ap * dx[i];
                z[i] += ad * dz[i];
                wv[i] += ad * dw[i];
            }
            for (int k = 0; k < m; k++) {
                yv[k] += ad * dy[k];
            }
        }
        // beta = -y (the multiplier of the max-form dual), back to the original units
        double[] coef = new double[p];
        for (int j = 0; j < p; j++) {
            coef[j] = -yv[c0 + j] * yScale / colScale[j];
        }
        double b0 = intercept ? -yv[0] * yScale : 0;
        double obj = objective(x, y, w, coef, b0, q, alpha);
        return new Fit(coef, b0, obj, gap, pres, dres, iter, converged);
    }

    /** {@code (1/W) sum w_i rho_q(y_i - x_i'b - b0) + alpha ||b||_1} in the original units. */
    static double objective(SparseMatrix x, double[] y, double[] w, double[] coef, double b0, double q, double alpha) {
        double[] fit = x.mvmul(coef);
        double loss = 0;
        double ws = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = w == null ? 1 : w[i];
            double r = y[i] - fit[i] - b0;
            loss += wi * (r >= 0 ? q * r : (q - 1) * r);
            ws += wi;
        }
        double l1 = 0;
        for (double v : coef) {
            l1 += Math.abs(v);
        }
        return loss / ws + alpha * l1;
    }

    /**
     * The Newton direction for residuals {@code rb, rc, rxz, rsw} (bounds kept exactly: {@code s = 1 - a}):
     * {@code (A Theta A') dy = rb + A Theta rh}, {@code rh = rc - rxz/a + rsw/s}, {@code dx = Theta (A'dy - rh)},
     * {@code dz = (rxz - z dx)/a}, {@code dw = (rsw + w dx)/s}. Fills {@code dx, dz, dw}; returns {@code dy}.
     */
    private static double[] direction(Ops ops, double[] theta, double[] a, double[] s, double[] z, double[] w, double[] rb,
                                      double[] rc, double[] rxz, double[] rsw, double[] dx, double[] dz, double[] dw) {
        int rows = a.length;
        double[] rh = new double[rows];
        double[] th = new double[rows];
        for (int i = 0; i < rows; i++) {
            rh[i] = rc[i] - rxz[i] / a[i] + rsw[i] / s[i];
            th[i] = theta[i] * rh[i];
        }
        double[] rhs = ops.mul(th);
        for (int k = 0; k < rhs.length; k++) {
            rhs[k] += rb[k];
        }
        double[] dy = ops.solveFactored(rhs);
        double[] aty = ops.tmul(dy);
        for (int i = 0; i < rows; i++) {
            dx[i] = theta[i] * (aty[i] - rh[i]);
            dz[i] = (rxz[i] - z[i] * dx[i]) / a[i];
            dw[i] = (rsw[i] + w[i] * dx[i]) / s[i];
        }
        return dy;
    }

    /** The largest step in [0, inf) keeping {@code a + t dx >= 0} and {@code s - t dx >= 0}. */
    private static double stepP(double[] a, double[] s, double[] dx) {
        double t = Double.POSITIVE_INFINITY;
        for (int i = 0; i < a.length; i++) {
            if (dx[i] < 0) {
                t = Math.min(t, -a[i] / dx[i]);
            } else if (dx[i] > 0) {
                t = Math.min(t, s[i] / dx[i]);
            }
        }
        return t;
    }

    private static double stepD(double[] z, double[] w, double[] dz, double[] dw) {
        double t = Double.POSITIVE_INFINITY;
        for (int i = 0; i < z.length; i++) {
            if (dz[i] < 0) {
                t = Math.min(t, -z[i] / dz[i]);
            }
            if (dw[i] < 0) {
                t = Math.min(t, -w[i] / dw[i]);
            }
        }
        return t;
    }

    private static double norm(double[] v) {
        return Math.sqrt(CoordinateDescent.dot(v, v));
    }

    /**
     * The constraint matrix {@code A = Z'C} ({@code m x rows}) as products, and its weighted Gram matrix
     * {@code A Theta A'} from the CSR rows (data rows: {@code c_i z_i}, {@code z_i = [1, x_i / s]}; penalty rows:
     * {@code c_j e_j}).
     */
    private static final class Ops {
        final SparseMatrix x;
        final double[] colScale;
        final double[] cw;
        final int n;
        final int p;
        final int c0;
        final boolean pen;
        Cholesky chol;

        Ops(SparseMatrix x, double[] colScale, double[] cw, int n, int p, int c0, boolean pen) {
            this.x = x;
            this.colScale = colScale;
            this.cw = cw;
            this.n = n;
            this.p = p;
            this.c0 = c0;
            this.pen = pen;
        }

        /** {@code A v}, {@code v} of length rows. */
        double[] mul(double[] v) {
            double[] u = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                u[i] = cw[i] * v[i];
                sum += u[i];
            }
            double[] xt = x.tmvmul(u);
            double[] out = new double[p + c0];
            if (c0 == 1) {
                out[0] = sum;
            }
            for (int j = 0; j < p; j++) {
                out[c0 + j] = xt[j] / colScale[j] + (pen ? cw[n + j] * v[n + j] : 0);
            }
            return out;
        }

        /** {@code A'y}, of length rows. */
        double[] tmul(double[] y) {
            double[] beta = new double[p];
            for (int j = 0; j < p; j++) {
                beta[j] = y[c0 + j] / colScale[j];
            }
            double[] xb = x.mvmul(beta);
            double[] out = new double[n + (pen ? p : 0)];
            double b0 = c0 == 1 ? y[0] : 0;
            for (int i = 0; i < n; i++) {
                out[i] = cw[i] * (xb[i] + b0);
            }
            for (int j = 0; pen && j < p; j++) {
                out[n + j] = cw[n + j] * y[c0 + j];
            }
            return out;
        }

        /** Factors {@code A Theta A'}. */
        void factor(double[] theta) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = theta[i] * cw[i] * cw[i];
            }
            Matrix g = SparseLeastSquares.crossProduct(x, d, c0 == 1);
            int m = p + c0;
            for (int k = 0; k < p; k++) {
                for (int j = 0; j < p; j++) {
                    g.set(c0 + j, c0 + k, g.get(c0 + j, c0 + k) / (colScale[j] * colScale[k]));
                }
                if (c0 == 1) {
                    g.set(0, 1 + k, g.get(0, 1 + k) / colScale[k]);
                    g.set(1 + k, 0, g.get(1 + k, 0) / colScale[k]);
                }
                if (pen) {
                    g.add(c0 + k, c0 + k, theta[n + k] * cw[n + k] * cw[n + k]);
                }
            }
            try {
                chol = Cholesky.of(g);
            } catch (NotPositiveDefiniteException e) {
                // an empty column without a penalty row: its coefficient is free and does not matter
                chol = Cholesky.withJitter(g, 1e-14, 8);
            }
            if (m == 0) {
                throw new IllegalStateException("no parameters");
            }
        }

        double[] solveFactored(double[] r) {
            return chol.solve(r);
        }

        /** Factors with {@code theta} and solves. */
        double[] solve(double[] theta, double[] r) {
            factor(theta);
            return solveFactored(r);
        }
    }
}
