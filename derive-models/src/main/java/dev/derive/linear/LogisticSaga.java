package dev.derive.linear;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.SplittableRandom;

/**
 * SAGA (Defazio, Bach &amp; Lacoste-Julien, "SAGA: a fast incremental gradient method with support for
 * non-strongly convex composite objectives", NIPS 2014) for L1 / L2 / elastic-net penalised logistic and
 * softmax regression, on dense or CSR-sparse rows.
 *
 * <p>It minimises {@code (1/n) sum_i f_i(theta) + alpha ||W||^2 / 2 + beta ||W||_1} with
 * {@code f_i = s_i loss_i}, {@code alpha = l2 / n}, {@code beta = l1 / n}: the same minimiser as
 * {@code sum_i s_i loss_i + l2 ||W||^2/2 + l1 ||W||_1} (scikit-learn's {@code C sum loss + penalty} divided by
 * {@code C}). The gradient table stores one residual vector {@code r_i = s_i (p_i - y_i)} per row (the gradient
 * of {@code f_i} is {@code r_i x~_i'}), initialised at {@code theta = 0}, with its running mean {@code A}. A step
 * draws a row {@code j} uniformly (with replacement) from the seeded stream and sets
 * {@code theta <- prox_{gamma beta ||.||_1}(theta - gamma [(r_j(theta) - r_j^old) x~_j + A + alpha W])}, then
 * updates the table and {@code A}. The intercepts are unpenalised. Step {@code gamma = 1 / (3 L)} with
 * {@code L = max_i s_i c (||x_i||^2 + [fit_intercept]) + alpha}, {@code c = 1/4} (sigmoid) or {@code 1/2}
 * (softmax): the step of the SAGA paper for non-strongly convex problems, as scikit-learn's.
 *
 * <p>Just-in-time updates for sparse rows: a coefficient whose feature is zero in the drawn row sees only
 * {@code w <- S(w (1 - gamma alpha) - gamma A_j, gamma beta)} with {@code A_j} constant until a row containing
 * the feature is drawn; these steps are deferred and replayed (stopping early at a fixed point) when the
 * feature next appears and at the end of each epoch, so a step costs {@code O(K nnz(row))} plus the replay.
 * Dense input is a CSR matrix with every entry stored, where nothing is deferred.
 *
 * <p>Stopping (scikit-learn's criterion): after each epoch of {@code n} steps, the largest change of any
 * parameter over the epoch divided by the largest parameter magnitude is at most {@code tol}.
 */
public final class LogisticSaga {

    private LogisticSaga() {
    }

    /**
     * A SAGA fit.
     *
     * @param coef           coefficients {@code K x p} ({@code 1 x p} for two classes)
     * @param intercepts     intercepts (zeros without intercept)
     * @param epochs         epochs run
     * @param converged      the relative change fell to {@code tol}
     * @param relativeChange the last epoch's relative change
     */
    public record Fit(Matrix coef, double[] intercepts, int epochs, boolean converged, double relativeChange) {
    }

    /**
     * Fits a {@link LogisticRegression} configuration ({@code c}, {@code penalty}, {@code l1_ratio},
     * {@code fit_intercept}, {@code class_weight}, {@code tol}, {@code max_iter}, {@code seed}; the solver
     * parameter is ignored) by SAGA on sparse features, without densifying them.
     *
     * @param x             features, {@code n x p} CSR (finite values)
     * @param labels        class indices {@code 0..numClasses-1}
     * @param numClasses    number of classes ({@code >= 2})
     * @param sampleWeights non-negative weights, or {@code null} for ones
     * @param learner       the configuration
     */
    public static Fit fit(SparseMatrix x, int[] labels, int numClasses, double[] sampleWeights, LogisticRegression learner) {
        int n = x.rows();
        if (labels.length != n) {
            throw new IllegalArgumentException("saga: " + labels.length + " labels for " + n + " rows");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("saga: needs at least two classes, got numClasses = " + numClasses);
        }
        if (sampleWeights != null && sampleWeights.length != n) {
            throw new IllegalArgumentException("saga: " + sampleWeights.length + " sample weights for " + n + " rows");
        }
        if (n == 0) {
            throw new IllegalArgumentException("saga: the data set is empty");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("saga: label " + labels[i] + " at row " + i + " is outside 0.." + (numClasses - 1));
            }
        }
        double[] values = x.values();
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("saga: the sparse features hold " + v + " (NaN or infinite)");
            }
        }
        double[] s = LogisticRegression.rowWeights(labels, numClasses, sampleWeights, learner.params().getString("class_weight"));
        double[] pen = learner.penaltyStrengths();
        var ps = learner.params();
        return run(n, x.cols(), x.rowPointers(), x.columnIndices(), values, labels, s, numClasses, ps.getBoolean("fit_intercept"),
                pen[0], pen[1], ps.getDouble("tol"), ps.getInt("max_iter"), ps.getLong("seed"));
    }

    /** SAGA on a dense matrix (every entry stored). */
    static Fit fit(Matrix x, int[] y, double[] s, int numClasses, boolean intercept, double l1, double l2, double tol, int maxEpochs,
                   long seed) {
        int n = x.rows();
        int p = x.cols();
        int[] rowPtr = new int[n + 1];
        int[] col = new int[n * p];
        double[] val = new double[n * p];
        for (int i = 0; i < n; i++) {
            rowPtr[i + 1] = (i + 1) * p;
            for (int j = 0; j < p; j++) {
                col[i * p + j] = j;
                val[i * p + j] = x.get(i, j);
            }
        }
        return run(n, p, rowPtr, col, val, y, s, numClasses, intercept, l1, l2, tol, maxEpochs, seed);
    }

    private static double soft(double u, double t) {
        return u > t ? u - t : (u < -t ? u + t : 0);
    }

    static Fit run(int n, int p, int[] rowPtr, int[] col, double[] val, int[] y, double[] s, int numClasses, boolean intercept,
                   double l1, double l2, double tol, int maxEpochs, long seed) {
        int k = numClasses == 2 ? 1 : numClasses;
        double alpha = l2 / n;
        double beta = l1 / n;
        double[] w = new double[k * p];          // w[c * p + j]
        double[] b = new double[k];
        double[] table = new double[n * k];      // r_i, per class
        double[] avgW = new double[k * p];
        double[] avgB = new double[k];
        double maxSq = 0;
        double[] z = new double[k];
        double[] r = new double[k];
        for (int i = 0; i < n; i++) {
            double sq = intercept ? 1 : 0;
            for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                sq += val[e] * val[e];
            }
            maxSq = Math.max(maxSq, s[i] * sq);
            // residuals at theta = 0
            residual(z, y[i], s[i], k, r);
            for (int c = 0; c < k; c++) {
                table[i * k + c] = r[c];
                for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                    avgW[c * p + col[e]] += r[c] * val[e] / n;
                }
                avgB[c] += intercept ? r[c] / n : 0;
            }
        }
        double lip = (k == 1 ? 0.25 : 0.5) * maxSq + alpha;
        double gamma = 1.0 / (3 * lip);
        double shrink = 1 - gamma * alpha;
        double thr = gamma * beta;
        long[] last = new long[p];
        long t = 0;
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] prevW = new double[k * p];
        double[] prevB = new double[k];
        int epoch = 0;
        boolean converged = false;
        double change = Double.POSITIVE_INFINITY;
        while (epoch < maxEpochs) {
            epoch++;
            for (int step = 0; step < n; step++, t++) {
                int i = rnd.nextInt(n);
                // replay the deferred steps of the features of row i, then form its scores
                for (int c = 0; c < k; c++) {
                    z[c] = b[c];
                }
                for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                    int j = col[e];
                    if (last[j] < t) {
                        catchUp(w, avgW, j, p, k, t - last[j], shrink, gamma, thr);
                        last[j] = t;
                    }
                    for (int c = 0; c < k; c++) {
                        z[c] += w[c * p + j] * val[e];
                    }
                }
                residual(z, y[i], s[i], k, r);
                for (int c = 0; c < k; c++) {
                    double dr = r[c] - table[i * k + c];
                    for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                        int idx = c * p + col[e];
                        double g = dr * val[e] + avgW[idx] + alpha * w[idx];
                        w[idx] = soft(w[idx] - gamma * g, thr);
                    }
                    if (intercept) {
                        b[c] -= gamma * (dr + avgB[c]);
                    }
                    // the table and its mean move after the step (the step uses the old mean)
                    for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                        avgW[c * p + col[e]] += dr * val[e] / n;
                    }
                    avgB[c] += intercept ? dr / n : 0;
                    table[i * k + c] = r[c];
                }
                for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
                    last[col[e]] = t + 1;
                }
            }
            for (int j = 0; j < p; j++) {
                if (last[j] < t) {
                    catchUp(w, avgW, j, p, k, t - last[j], shrink, gamma, thr);
                    last[j] = t;
                }
            }
            double maxChange = 0;
            double maxAbs = 0;
            for (int q = 0; q < w.length; q++) {
                maxChange = Math.max(maxChange, Math.abs(w[q] - prevW[q]));
                maxAbs = Math.max(maxAbs, Math.abs(w[q]));
            }
            for (int c = 0; c < k; c++) {
                maxChange = Math.max(maxChange, Math.abs(b[c] - prevB[c]));
                maxAbs = Math.max(maxAbs, Math.abs(b[c]));
            }
            System.arraycopy(w, 0, prevW, 0, w.length);
            System.arraycopy(b, 0, prevB, 0, k);
            change = maxAbs == 0 ? maxChange : maxChange / maxAbs;
            if (change <= tol) {
                converged = true;
                break;
            }
        }
        Matrix coef = Matrix.zeros(k, p);
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < p; j++) {
                coef.set(c, j, w[c * p + j]);
            }
        }
        return new Fit(coef, b, epoch, converged, change);
    }

    /** Replays {@code m} deferred steps {@code w <- S(w (1 - gamma alpha) - gamma A, gamma beta)} of feature {@code j}. */
    private static void catchUp(double[] w, double[] avgW, int j, int p, int k, long m, double shrink, double gamma, double thr) {
        for (int c = 0; c < k; c++) {
            int idx = c * p + j;
            double v = w[idx];
            double a = gamma * avgW[idx];
            for (long q = 0; q < m; q++) {
                double nv = soft(v * shrink - a, thr);
                if (nv == v) {
                    break; // a fixed point: the remaining steps change nothing
                }
                v = nv;
            }
            w[idx] = v;
        }
    }

    /** The residuals {@code s (p - y)} of one row with scores {@code z} ({@code k = 1}: the sigmoid of the second class). */
    private static void residual(double[] z, int label, double s, int k, double[] r) {
        if (k == 1) {
            double zi = z[0];
            double p1 = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
            r[0] = s * (p1 - (label == 1 ? 1 : 0));
            return;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            m = Math.max(m, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            r[c] = Math.exp(z[c] - m);
            sum += r[c];
        }
        for (int c = 0; c < k; c++) {
            r[c] = s * (r[c] / sum - (label == c ? 1 : 0));
        }
    }

}
