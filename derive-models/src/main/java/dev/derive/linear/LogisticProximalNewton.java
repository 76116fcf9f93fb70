package dev.derive.linear;

import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Proximal Newton for L1 / elastic-net penalised logistic and softmax regression: minimises
 * {@code F(theta) = f(theta) + l1 ||W||_1} with {@code f} the smooth {@link LogisticObjective}
 * ({@code sum_i s_i loss_i + l2 ||W||^2 / 2}). Each outer step builds the exact second-order model
 * {@code q(delta) = g'delta + delta'H delta / 2 + l1 ||W + delta_W||_1} at the current point and minimises it by
 * cyclic coordinate descent on the dense Hessian (each coordinate step is a closed-form soft threshold
 * {@code z_j <- S(z_j - (g_j + (H delta)_j) / H_jj, l1 / H_jj)}, the intercepts unthresholded), then takes the
 * largest step {@code t in {1, 1/2, ...}} with the sufficient decrease
 * {@code F(theta + t delta) <= F(theta) + 1e-4 t (g'delta + l1 (||W + delta_W||_1 - ||W||_1))}
 * (Lee, Sun &amp; Saunders 2014; Tseng &amp; Yun 2009; the scheme of glmnet and LIBLINEAR's newGLMNET with the
 * exact multinomial Hessian instead of a per-class diagonal block).
 *
 * <p>Why this solver: it is deterministic (no sampling, so no seed and no dependence on row order beyond
 * rounding), converges quadratically near the solution so the KKT conditions are met to round-off in a handful
 * of outer steps, and costs one Hessian ({@code O(n (Kd)^2)}) and a few coordinate sweeps ({@code O((Kd)^2)})
 * per step: right for the {@code K d} up to a few hundred of most tabular problems. For very wide or sparse
 * data use {@code saga}.
 *
 * <p>Stopping: the 2-norm of the minimum-norm subgradient of {@code F} (components
 * {@code g_j + l1 sign(w_j)} where {@code w_j != 0}, {@code max(|g_j| - l1, 0)} where {@code w_j = 0}, and
 * {@code g_j} for intercepts) is at most {@code tol}.
 */
final class LogisticProximalNewton {

    private LogisticProximalNewton() {
    }

    /** The outcome of a proximal Newton run (this dense one, or the sparse {@link SparseLogistic#proximalNewton}). */
    record Result(double[] theta, int iterations, boolean converged, double kkt, double objective, double[] trajectory) {
    }

    /** The components of the minimum-norm subgradient of {@code f + l1 ||W||_1} given the gradient {@code g} of {@code f}. */
    static double[] minNormSubgradient(LogisticLayout f, double[] theta, double[] g, double l1) {
        double[] r = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            if (!f.penalised(i) || l1 == 0) {
                r[i] = g[i];
            } else if (theta[i] != 0) {
                r[i] = g[i] + l1 * Math.signum(theta[i]);
            } else {
                r[i] = Math.signum(g[i]) * Math.max(Math.abs(g[i]) - l1, 0);
            }
        }
        return r;
    }

    static double norm2(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double l1Norm(LogisticLayout f, double[] theta) {
        double s = 0;
        for (int i = 0; i < theta.length; i++) {
            if (f.penalised(i)) {
                s += Math.abs(theta[i]);
            }
        }
        return s;
    }

    static double softThreshold(double u, double t) {
        return u > t ? u - t : (u < -t ? u + t : 0);
    }

    static Result minimize(LogisticObjective f, double l1, double tol, int maxIter) {
        int dim = f.dimension();
        double[] theta = new double[dim];
        double[] g = new double[dim];
        double fv = f.valueAndGradient(theta, g) + l1 * l1Norm(f, theta);
        double[] hData = new double[dim * dim];
        Matrix h = Matrix.wrap(dim, dim, hData); // shares hData
        List<Double> curve = new ArrayList<>();
        curve.add(fv);
        int it = 0;
        boolean converged = false;
        double kkt = norm2(minNormSubgradient(f, theta, g, l1));
        double[] trial = new double[dim];
        double[] gTrial = new double[dim];
        while (true) {
            if (kkt <= tol) {
                converged = true;
                break;
            }
            if (it >= maxIter) {
                break;
            }
            it++;
            f.hessian(theta, h);
            double[] z = innerCoordinateDescent(f, hData, theta, g, l1);
            double delta = l1 * (l1Norm(f, z) - l1Norm(f, theta));
            boolean moved = false;
            for (int i = 0; i < dim; i++) {
                delta += g[i] * (z[i] - theta[i]);
                moved |= z[i] != theta[i];
            }
            if (!moved) {
                break; // the model's minimiser is the current point: optimal to round-off
            }
            // near the solution the predicted decrease falls below the round-off of F (|F| eps): there the
            // full step is accepted when F does not rise beyond round-off and the KKT residual falls
            double noise = 64 * Math.ulp(Math.abs(fv));
            double t = 1;
            double ft = Double.NaN;
            boolean accepted = false;
            double kktTrial = Double.NaN;
            while (t > 1e-12) {
                for (int i = 0; i < dim; i++) {
                    trial[i] = theta[i] + t * (z[i] - theta[i]);
                }
                ft = f.valueAndGradient(trial, gTrial) + l1 * l1Norm(f, trial);
                if (delta < 0 && ft <= fv + 1e-4 * t * delta) {
                    accepted = true;
                    break;
                }
                if (t == 1 && -delta <= noise && ft <= fv + noise) {
                    kktTrial = norm2(minNormSubgradient(f, trial, gTrial, l1));
                    if (kktTrial < kkt) {
                        accepted = true;
                        break;
                    }
                }
                if (!(delta < 0)) {
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                break; // no decrease found at any step: round-off level
            }
            System.arraycopy(trial, 0, theta, 0, dim);
            System.arraycopy(gTrial, 0, g, 0, dim);
            fv = ft;
            if (f.k > 1 && f.intercept) {
                // the softmax loss is invariant to a common shift of the (unpenalised) intercepts: keep them summing
                // to 0, as scikit-learn's, so an inexact inner solve cannot let them drift
                double mean = 0;
                for (int c = 0; c < f.k; c++) {
                    mean += theta[c * f.d + f.p] / f.k;
                }
                for (int c = 0; c < f.k; c++) {
                    theta[c * f.d + f.p] -= mean;
                }
            }
            curve.add(fv);
            kkt = Double.isNaN(kktTrial) ? norm2(minNormSubgradient(f, theta, g, l1)) : kktTrial;
        }
        return new Result(theta, it, converged, kkt, fv, curve.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Minimises the second-order model by cyclic coordinate descent; returns {@code z = theta + delta}. */
    private static double[] innerCoordinateDescent(LogisticObjective f, double[] hData, double[] theta, double[] g, double l1) {
        int dim = theta.length;
        double[] z = theta.clone();
        double[] hd = new double[dim];           // H delta
        double firstChange = -1;
        for (int sweep = 0; sweep < 10_000; sweep++) {
            double maxChange = 0;
            double maxAbs = 0;
            for (int j = 0; j < dim; j++) {
                double a = hData[j + j * dim];
                if (!(a > 0)) {
                    continue;
                }
                double grad = g[j] + hd[j];
                double u = z[j] - grad / a;
                double nz = f.penalised(j) ? softThreshold(u, l1 / a) : u;
                double diff = nz - z[j];
                if (diff != 0) {
                    int col = j * dim;
                    for (int i = 0; i < dim; i++) {
                        hd[i] += hData[col + i] * diff;
                    }
                    z[j] = nz;
                    maxChange = Math.max(maxChange, Math.abs(diff));
                }
                maxAbs = Math.max(maxAbs, Math.abs(z[j]));
            }
            if (firstChange < 0) {
                firstChange = maxChange;
            }
            // an inexact inner solve is enough (the outer loop stops on the true KKT residual): stop once the
            // sweep's largest move is 1e-6 of the first sweep's, or at round-off
            if (maxChange <= 1e-13 * (1 + maxAbs) || maxChange <= 1e-6 * firstChange) {
                break;
            }
        }
        return z;
    }
}
