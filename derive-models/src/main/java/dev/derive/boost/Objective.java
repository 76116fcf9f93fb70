package dev.derive.boost;

import dev.derive.runtime.Parallelism;

/**
 * A boosting objective: a per-row loss {@code l(y, F)} of the raw score {@code F} (one score, or one per
 * class for softmax), its gradient {@code g = dl/dF} and the (diagonal) hessian {@code h = d^2 l/dF^2}
 * that second-order boosting uses (XGBoost, Chen and Guestrin 2016, eq. 2-6), and the constant raw score
 * that starts the boosting. Implementations are in {@link Objectives}.
 *
 * <p>Scalar objectives implement {@link #gradient}, {@link #hessian}, {@link #loss}; softmax overrides
 * the vector forms. With sample weights {@code w_i}, the booster minimises {@code sum_i w_i l(y_i, F_i)}
 * and uses {@code w_i g_i}, {@code w_i h_i}.
 */
public abstract class Objective {

    /** The objective's name (LightGBM's: {@code l2}, {@code binary}, {@code multiclass}, ...). */
    public abstract String name();

    /** Number of raw scores per row (1, or K for softmax). */
    public int outputs() {
        return 1;
    }

    /** The loss of one row with target {@code y} and raw score {@code f}. */
    public abstract double loss(double y, double f);

    /** {@code dl/df}. */
    public abstract double gradient(double y, double f);

    /**
     * The hessian used by the Newton leaf step: {@code d^2 l/df^2} for smooth losses; for losses whose
     * second derivative is 0 almost everywhere ({@code l1}, {@code quantile}, {@code huber} outside its
     * quadratic zone) the constant 1 (LightGBM's choice), which makes the leaf step a gradient step.
     */
    public abstract double hessian(double y, double f);

    /** True if {@link #hessian} is the exact second derivative of {@link #loss} (checked by finite differences). */
    public boolean exactHessian() {
        return true;
    }

    /**
     * For objectives whose leaf values are re-fitted after the tree is grown (LightGBM's
     * {@code RenewTreeOutput}; scikit-learn's {@code _update_leaves_values}): the quantile {@code q} such
     * that each leaf's value becomes {@code learning_rate} times the weighted {@code q}-quantile of the
     * residuals {@code y - F} of its training rows ({@link TreeGrower#refitLeaves}). {@code NaN} (the
     * default): the Newton value {@code -G / (H + lambda)} is kept. {@code l1}: 0.5; {@code quantile}: alpha.
     */
    double leafRefitQuantile() {
        return Double.NaN;
    }

    /** The constant raw scores (length {@link #outputs()}) that minimise (or approximate the minimum of) the weighted loss. */
    public abstract double[] initScore(double[] y, double[] w);

    /** Checks that the targets suit the objective (e.g. {@code y >= 0} for Poisson). */
    public void checkTarget(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target " + y[i] + " at row " + i + " is not finite");
            }
        }
    }

    /**
     * The loss of row {@code i} from the row-major raw scores {@code raw[i * outputs() ..]}.
     */
    public double rowLoss(double y, double[] raw, int i) {
        return loss(y, raw[i]);
    }

    /**
     * The metric reported per round (the weighted mean of this over rows): by default the loss; the squared
     * error for {@code l2} (so the curve is the mean squared error, LightGBM's {@code l2} metric).
     */
    public double rowMetric(double y, double[] raw, int i) {
        return rowLoss(y, raw, i);
    }

    /** Rows per block of {@link #metric}. */
    static final int METRIC_BLOCK = 8192;

    /**
     * The metric reported per round (training curve, early stopping; lower is better): by default the
     * weighted mean of {@link #rowMetric} over rows with non-zero weight ({@code w == null}: all 1), from
     * partial sums over blocks of {@link #METRIC_BLOCK} rows (in parallel) added in block order, so the value
     * does not depend on the thread count (and equals the plain left-to-right sum when there is one block).
     */
    public double metric(double[] y, double[] w, double[] raw) {
        return blockPass(y.length, (q, start, end, ps, pw) -> {
            double s = 0;
            double sw = 0;
            for (int i = start; i < end; i++) {
                double wi = w == null ? 1 : w[i];
                if (wi != 0) {
                    s += wi * rowMetric(y[i], raw, i);
                    sw += wi;
                }
            }
            ps[q] = s;
            pw[q] = sw;
        });
    }

    /** One block of {@link #blockPass}: rows [start, end) of block q, its sums into ps[q] and pw[q]. */
    interface Block {
        void run(int q, int start, int end, double[] ps, double[] pw);
    }

    /**
     * {@code sum ps / sum pw} over blocks of {@link #METRIC_BLOCK} rows run in parallel, the block sums added in block
     * order ({@link #blockMean}): the value does not depend on the thread count.
     */
    static double blockPass(int n, Block block) {
        int blocks = (n + METRIC_BLOCK - 1) / METRIC_BLOCK;
        double[] ps = new double[blocks];
        double[] pw = new double[blocks];
        Parallelism.forEach(blocks, 2, q -> {
            int start = q * METRIC_BLOCK;
            block.run(q, start, Math.min(n, start + METRIC_BLOCK), ps, pw);
        });
        return blockMean(ps, pw);
    }

    /** {@code sum ps / sum pw} with the per-block partial sums added in block order ({@code NaN} when {@code sum pw = 0}). */
    static double blockMean(double[] ps, double[] pw) {
        double s = 0;
        double sw = 0;
        for (int q = 0; q < ps.length; q++) {
            s += ps[q];
            sw += pw[q];
        }
        return sw > 0 ? s / sw : Double.NaN;
    }

    /**
     * Fills {@code g[c * n + i]} and {@code h[c * n + i]} (class-major) with the weighted gradient and
     * hessian of every row {@code i} and output {@code c}, from the row-major raw scores {@code raw}.
     */
    public void gradients(double[] y, double[] w, double[] raw, double[] g, double[] h) {
        int n = y.length;
        int blocks = (n + 8191) / 8192;
        Parallelism.forEach(blocks, 2, b -> {
            int end = Math.min(n, (b + 1) * 8192);
            for (int i = b * 8192; i < end; i++) {
                double wi = w == null ? 1 : w[i];
                g[i] = wi * gradient(y[i], raw[i]);
                h[i] = wi * hessian(y[i], raw[i]);
            }
        });
    }

    /**
     * {@link #gradients} and then {@link #metric} of the same raw scores (the boosting loop's end-of-round
     * pass: this round's metric and the next round's gradients); objectives that share work between the two
     * override it with one pass giving the same numbers.
     */
    public double gradientsAndMetric(double[] y, double[] w, double[] raw, double[] g, double[] h) {
        gradients(y, w, raw, g, h);
        return metric(y, w, raw);
    }

    /** True for a binary classification objective (one raw score, labels 0/1): {@code binary} or a binary custom one. */
    boolean binaryClassification() {
        return name().equals("binary");
    }

    /**
     * The log-loss of label {@code y} (0/1) at raw score {@code f} for a binary classification objective
     * ({@code eval_metric = logloss}): {@code log(1 + e^f) - y f} for the logit link.
     */
    double binaryLogLoss(double y, double f) {
        return Objectives.softplus(f) - y * f;
    }

    /** Transforms raw scores to the prediction scale (identity; {@code exp} for log-link objectives). */
    public double transform(double f) {
        return f;
    }

    static double weightedMean(double[] y, double[] w) {
        double s = 0;
        double sw = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = w == null ? 1 : w[i];
            s += wi * y[i];
            sw += wi;
        }
        return s / sw;
    }
}
