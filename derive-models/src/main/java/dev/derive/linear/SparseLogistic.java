package dev.derive.linear;

import dev.derive.linalg.SparseMatrix;
import dev.derive.optim.SmoothObjective;
import java.util.ArrayList;
import java.util.List;

/**
 * Penalised logistic / softmax regression on CSR features, never densified: the objective of
 * {@link LogisticObjective} ({@code sum_i s_i loss_i + l2 ||W||^2 / 2 + l1 ||W||_1}, intercepts unpenalised,
 * one score for binary problems, {@code K} for more classes) with the same parameter layout
 * ({@code theta[c d + j]}, {@code d = p + [fit_intercept]}, the intercept last in each block).
 *
 * <p>{@link Objective} is the smooth part for L-BFGS: scores {@code Z = X W' + b} row by row over the stored
 * entries ({@code O(K nnz)}), residuals {@code R_ic = s_i (P_ic - Y_ic)}, gradient {@code R'X + l2 W}
 * scattered row by row ({@code O(K nnz)}).
 *
 * <p>{@link #proximalNewton} is the sparse {@code newton_cd}: a proximal Newton method (Lee, Sun &amp; Saunders
 * 2014) with coordinate-descent subproblems, the scheme of LIBLINEAR's newGLMNET (Yuan, Ho &amp; Lin 2012). Each
 * outer step takes, for each class block {@code c} in turn (one block for binary problems), the second-order
 * model of the smooth part in that block, {@code g_c'd + d'(X~' D_c X~ + l2 I) d / 2} with
 * {@code D_c = diag(s_i P_ic (1 - P_ic))} (the exact Hessian block; the cross-class blocks of the softmax
 * Hessian are left out, which keeps the method a convergent block proximal Newton method, Tseng &amp; Yun 2009),
 * and minimises it plus {@code l1 ||w_c + d||_1} by cyclic coordinate descent over the columns (CSC, so a
 * coordinate costs {@code O(nnz_j)}, keeping {@code u = X~ d}): the step of coordinate {@code j} is the soft
 * threshold {@code w_j + d_j <- S(w_j + d_j - G_j / H_j, l1 / H_j)} with {@code G_j = g_j + x_j' D u + l2 d_j},
 * {@code H_j = x_j' D x_j + l2}. Only the working set {@code w_j != 0 or |g_j| > l1} is swept (a zero coordinate
 * whose gradient is inside {@code [-l1, l1]} stays zero at the model's first step; inside a step, a zero coordinate
 * whose model gradient is below {@code 0.9 l1} in magnitude is dropped for the rest of the step, LIBLINEAR's
 * shrinking); the outer stopping test
 * is on every coordinate, so the working set never changes the answer. The inner sweeps stop when their
 * largest move is {@code 5%} of the first sweep's, or after {@code min(100, 2 + 2 t)} sweeps at outer step
 * {@code t} (an inexact inner solve, as newGLMNET: early models are rough, so they are solved roughly), then a backtracking
 * line search {@code t in {1, 1/2, ...}} with sufficient decrease
 * {@code F(w + t d) <= F(w) + 0.01 t (g'd + l1 (||w + d||_1 - ||w||_1))}.
 *
 * <p>Stopping, as the dense {@code newton_cd}: the 2-norm of the minimum-norm subgradient is at most
 * {@code tol}. Deterministic (cyclic order, no seed).
 */
final class SparseLogistic {

    /** Inner sweeps stop when their largest (Hessian-scaled) move is this fraction of the first sweep's. */
    static final double INNER_RELATIVE = 0.05;
    /** A zero coordinate with {@code |G_j| < SHRINK l1} in an inner sweep leaves the step's working set. */
    static final double SHRINK = 0.9;
    /** At most this many inner sweeps per block and outer step (fewer early on: {@code 2 + 2 * iteration}). */
    static final int MAX_INNER_SWEEPS = 100;

    private SparseLogistic() {
    }

    /** The smooth part {@code sum_i s_i loss_i + l2 ||W||^2 / 2} on CSR rows, for L-BFGS. */
    static final class Objective extends LogisticLayout implements SmoothObjective {
        final int n;
        final double l2;
        final int[] rowPtr;
        final int[] col;
        final double[] val;
        final int[] y;
        final double[] s;

        Objective(SparseMatrix x, int[] y, double[] s, int numClasses, boolean intercept, double l2) {
            super(numClasses, x.cols(), intercept);
            this.n = x.rows();
            this.l2 = l2;
            this.rowPtr = x.rowPointers();
            this.col = x.columnIndices();
            this.val = x.values();
            this.y = y;
            this.s = s;
        }

        @Override
        public double value(double[] theta) {
            return eval(theta, null);
        }

        @Override
        public double valueAndGradient(double[] theta, double[] gradient) {
            return eval(theta, gradient);
        }

        private double eval(double[] theta, double[] g) {
            if (g != null) {
                java.util.Arrays.fill(g, 0);
            }
            double[] z = new double[k];
            double loss = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    int off = c * d;
                    double zi = intercept ? theta[off + p] : 0;
                    for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                        zi += val[e] * theta[off + col[e]];
                    }
                    z[c] = zi;
                }
                loss += s[i] * lossAndResidual(z, y[i], k);
                if (g != null) {
                    for (int c = 0; c < k; c++) {
                        double r = s[i] * z[c]; // z now holds P - Y
                        if (r == 0) {
                            continue;
                        }
                        int off = c * d;
                        for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                            g[off + col[e]] += r * val[e];
                        }
                        if (intercept) {
                            g[off + p] += r;
                        }
                    }
                }
            }
            double pen = 0;
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < p; j++) {
                    double v = theta[c * d + j];
                    pen += v * v;
                    if (g != null) {
                        g[c * d + j] += l2 * v;
                    }
                }
            }
            return loss + 0.5 * l2 * pen;
        }
    }

    /**
     * The log-loss of one row with scores {@code z} (length {@code k}; binary: the score of class 1) and
     * label {@code label}; overwrites {@code z} with {@code P - Y} (binary: {@code sigmoid(z) - [label = 1]}).
     */
    static double lossAndResidual(double[] z, int label, int k) {
        if (k == 1) {
            // branch-free in the score's sign, as LogisticObjective.binary (the first evaluation has every score 0)
            double zi = z[0];
            double e = Math.exp(-Math.abs(zi));
            double softplus = Math.max(zi, 0) + LogisticObjective.log1pUnit(e);
            double p1 = Math.max(e, Math.copySign(1.0, zi)) / (1 + e);
            z[0] = p1 - (label == 1 ? 1 : 0);
            return softplus - (label == 1 ? zi : 0);
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            m = Math.max(m, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(z[c] - m);
        }
        double loss = m + Math.log(sum) - z[label];
        for (int c = 0; c < k; c++) {
            z[c] = Math.exp(z[c] - m) / sum - (label == c ? 1 : 0);
        }
        return loss;
    }

    /** Minimises {@code f(theta) + l1 ||W||_1} (see the class comment); {@code xt} is the transpose of the CSR matrix. */
    static LogisticProximalNewton.Result proximalNewton(Objective f, SparseMatrix xt, double l1, double tol, int maxIter) {
        int n = f.n;
        int p = f.p;
        int k = f.k;
        int d = f.d;
        int[] cp = xt.rowPointers();
        int[] ri = xt.columnIndices();
        double[] cv = xt.values();
        double[] theta = new double[k * d];
        double[][] z = new double[k][n];       // scores, per class
        double[][] resid = new double[k][n];   // P - Y, per class
        double[] g = new double[k * d];
        double[] row = new double[k];
        List<Double> curve = new ArrayList<>();
        double fv = evaluate(f, theta, z, resid, g, l1, row);
        curve.add(fv);
        double kkt = LogisticProximalNewton.norm2(LogisticProximalNewton.minNormSubgradient(f, theta, g, l1));
        int it = 0;
        boolean converged = false;
        double[] dlt = new double[d];
        double[] u = new double[n];
        double[] dw = new double[n];
        double[] h = new double[p];
        int[] active = new int[p];
        double[][] zTrial = new double[k][];
        while (true) {
            if (kkt <= tol) {
                converged = true;
                break;
            }
            if (it >= maxIter) {
                break;
            }
            it++;
            boolean progressed = false;
            for (int c = 0; c < k; c++) {
                if (c > 0) {
                    fv = evaluate(f, theta, z, resid, g, l1, row); // the earlier blocks moved the scores
                }
                int off = c * d;
                // Hessian weights D_i = s_i P_ic (1 - P_ic), with P_ic = resid + [y_i = c]
                int target = k == 1 ? 1 : c;
                double sumD = 0;
                for (int i = 0; i < n; i++) {
                    double pc = resid[c][i] + (f.y[i] == target ? 1 : 0);
                    dw[i] = f.s[i] * pc * (1 - pc);
                    sumD += dw[i];
                }
                int na = 0;
                for (int j = 0; j < p; j++) {
                    double gj = g[off + j];
                    if (theta[off + j] != 0 || Math.abs(gj) > l1) {
                        double hj = f.l2;
                        for (int e = cp[j]; e < cp[j + 1]; e++) {
                            hj += dw[ri[e]] * cv[e] * cv[e];
                        }
                        h[j] = hj;
                        if (hj > 0) {
                            active[na++] = j;
                        }
                    }
                }
                java.util.Arrays.fill(dlt, 0);
                java.util.Arrays.fill(u, 0);
                double first = -1;
                int innerSweeps = Math.min(MAX_INNER_SWEEPS, 2 + 2 * it);
                for (int sweep = 0; sweep < innerSweeps; sweep++) {
                    double maxMove = 0;
                    for (int q = 0; q < na; q++) {
                        int j = active[q];
                        double gq = g[off + j] + f.l2 * dlt[j];
                        for (int e = cp[j]; e < cp[j + 1]; e++) {
                            gq += dw[ri[e]] * cv[e] * u[ri[e]];
                        }
                        double cur = theta[off + j] + dlt[j];
                        double nz = LogisticProximalNewton.softThreshold(cur - gq / h[j], l1 / h[j]);
                        if (nz == 0 && cur == 0 && theta[off + j] == 0 && Math.abs(gq) < SHRINK * l1) {
                            // inner shrinking: a zero coordinate well inside its subdifferential leaves this
                            // step's working set (the outer KKT test still covers it)
                            active[q--] = active[--na];
                            active[na] = j;
                            continue;
                        }
                        double diff = nz - cur;
                        if (diff != 0) {
                            dlt[j] += diff;
                            for (int e = cp[j]; e < cp[j + 1]; e++) {
                                u[ri[e]] += diff * cv[e];
                            }
                            maxMove = Math.max(maxMove, Math.abs(diff) * Math.sqrt(h[j]));
                        }
                    }
                    if (f.intercept && sumD > 0) {
                        double gq = g[off + p];
                        for (int i = 0; i < n; i++) {
                            gq += dw[i] * u[i];
                        }
                        double diff = -gq / sumD;
                        if (diff != 0) {
                            dlt[p] += diff;
                            for (int i = 0; i < n; i++) {
                                u[i] += diff;
                            }
                            maxMove = Math.max(maxMove, Math.abs(diff) * Math.sqrt(sumD));
                        }
                    }
                    if (first < 0) {
                        first = maxMove;
                    }
                    if (maxMove <= INNER_RELATIVE * first || maxMove == 0 || sweep + 1 >= innerSweeps) {
                        break;
                    }
                }
                // predicted decrease g'd + l1 (||w + d||_1 - ||w||_1)
                double delta = 0;
                for (int q = 0; q < na; q++) {
                    int j = active[q];
                    double w0 = theta[off + j];
                    delta += g[off + j] * dlt[j] + l1 * (Math.abs(w0 + dlt[j]) - Math.abs(w0));
                }
                if (f.intercept) {
                    delta += g[off + p] * dlt[p];
                }
                if (!(delta < 0)) {
                    continue; // the block's model is minimised at the current point
                }
                // line search on F along the block direction; only the scores of class c change
                double pen0 = 0;
                for (int q = 0; q < na; q++) {
                    int j = active[q];
                    double w0 = theta[off + j];
                    pen0 += 0.5 * f.l2 * w0 * w0 + l1 * Math.abs(w0);
                }
                double loss0 = lossPart(f, z, row);
                double noise = 64 * Math.ulp(Math.abs(fv));
                double t = 1;
                boolean accepted = false;
                double[] zc = zTrial[c] == null ? (zTrial[c] = new double[n]) : zTrial[c];
                while (t > 1e-10) {
                    double pen1 = 0;
                    for (int q = 0; q < na; q++) {
                        int j = active[q];
                        double w1 = theta[off + j] + t * dlt[j];
                        pen1 += 0.5 * f.l2 * w1 * w1 + l1 * Math.abs(w1);
                    }
                    for (int i = 0; i < n; i++) {
                        zc[i] = z[c][i] + t * u[i];
                    }
                    double loss = 0;
                    for (int i = 0; i < n; i++) {
                        for (int cc = 0; cc < k; cc++) {
                            row[cc] = cc == c ? zc[i] : z[cc][i];
                        }
                        loss += f.s[i] * lossAndResidual(row, f.y[i], k);
                    }
                    double ft = fv - loss0 + loss - pen0 + pen1;
                    // near the solution the predicted decrease is below the round-off of F: accept the full step
                    // when F does not rise beyond round-off (as the dense newton_cd)
                    if (ft <= fv + 0.01 * t * delta || (t == 1 && -delta <= noise && ft <= fv + noise)) {
                        accepted = true;
                        break;
                    }
                    t *= 0.5;
                }
                if (!accepted) {
                    continue;
                }
                for (int q = 0; q < na; q++) {
                    int j = active[q];
                    theta[off + j] += t * dlt[j];
                }
                if (f.intercept) {
                    theta[off + p] += t * dlt[p];
                }
                System.arraycopy(zc, 0, z[c], 0, n);
                progressed = true;
            }
            if (k > 1 && f.intercept) {
                // the softmax loss is invariant to a common shift of the intercepts: keep them summing to 0
                double mean = 0;
                for (int c = 0; c < k; c++) {
                    mean += theta[c * d + p] / k;
                }
                for (int c = 0; c < k; c++) {
                    theta[c * d + p] -= mean;
                    for (int i = 0; i < n; i++) {
                        z[c][i] -= mean;
                    }
                }
            }
            fv = evaluate(f, theta, z, resid, g, l1, row);
            curve.add(fv);
            kkt = LogisticProximalNewton.norm2(LogisticProximalNewton.minNormSubgradient(f, theta, g, l1));
            if (!progressed) {
                break; // no block could decrease F: round-off level
            }
        }
        return new LogisticProximalNewton.Result(theta, it, converged, kkt, fv, curve.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The summed weighted loss at scores {@code z}. */
    private static double lossPart(Objective f, double[][] z, double[] row) {
        double loss = 0;
        for (int i = 0; i < f.n; i++) {
            for (int c = 0; c < f.k; c++) {
                row[c] = z[c][i];
            }
            loss += f.s[i] * lossAndResidual(row, f.y[i], f.k);
        }
        return loss;
    }

    /**
     * From the scores {@code z} (which must equal {@code X W' + b} at {@code theta}): fills the residuals
     * {@code P - Y}, the gradient {@code g} of the smooth part (scattered column by column is not needed:
     * the CSR rows are read once) and returns {@code F = f + l1 ||W||_1}.
     */
    private static double evaluate(Objective f, double[] theta, double[][] z, double[][] resid, double[] g, double l1,
                                   double[] row) {
        int n = f.n;
        int k = f.k;
        int d = f.d;
        int p = f.p;
        java.util.Arrays.fill(g, 0);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                row[c] = z[c][i];
            }
            loss += f.s[i] * lossAndResidual(row, f.y[i], k);
            for (int c = 0; c < k; c++) {
                resid[c][i] = row[c];
                double r = f.s[i] * row[c];
                if (r == 0) {
                    continue;
                }
                int off = c * d;
                for (int e = f.rowPtr[i]; e < f.rowPtr[i + 1]; e++) {
                    g[off + f.col[e]] += r * f.val[e];
                }
                if (f.intercept) {
                    g[off + p] += r;
                }
            }
        }
        double pen = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                double v = theta[c * d + j];
                pen += 0.5 * f.l2 * v * v + l1 * Math.abs(v);
                g[c * d + j] += f.l2 * v;
            }
        }
        return loss + pen;
    }
}
