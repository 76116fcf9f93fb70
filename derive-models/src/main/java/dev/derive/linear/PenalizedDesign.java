package dev.derive.linear;

import dev.derive.linalg.Matrix;

/**
 * The design on which the elastic net and LARS solve, as scikit-learn 1.2 prepares it: sample weights are
 * rescaled to sum to {@code n}; with an intercept the features and target are centred on their weighted
 * means {@code xbar = sum w_i x_i / sum w_i}, {@code ybar} likewise; rows are then multiplied by
 * {@code sqrt(w_i)}. The problem {@code 1/(2n) sum w_i (y_i - b0 - x_i'b)^2 + penalty(b)} becomes
 * {@code 1/(2n) ||y~ - X~ b||^2 + penalty(b)} with {@code b0 = ybar - xbar'b}.
 *
 * @param x     the centred, weighted design ({@code n x p})
 * @param y     the centred, weighted target
 * @param xMean the feature means (zeros without an intercept)
 * @param yMean the target mean (0 without an intercept)
 */
record PenalizedDesign(Matrix x, double[] y, double[] xMean, double yMean) {

    static PenalizedDesign of(Matrix x, double[] y, double[] w, boolean intercept) {
        return prepare(x, y, w, intercept).design();
    }

    /**
     * The design before it is formed: the raw {@code X}, the row factors {@code sqrt(w_i)} (null without
     * weights), the centred weighted target and the means. {@code X~ = diag(rowScale) (X - 1 xMean')}; the
     * Gram solver ({@link CoordinateDescent#ofCentred}) reads {@code X~} block by block and never forms it.
     * {@code rawSq} holds the raw column sums of squares {@code ||x_j||^2} when they came for free with the
     * means (no weights, with an intercept: one fused pass that also checks finiteness), else null; the Gram
     * solver uses them to decide whether {@code X'X - n xbar xbar'} is accurate enough.
     */
    record Prepared(Matrix raw, double[] rowScale, double[] y, double[] xMean, double yMean, double[] rawSq) {

        /** Forms {@code X~} (a copy of {@code X}). */
        PenalizedDesign design() {
            Matrix xc = raw.subRowVector(xMean);
            if (rowScale != null) {
                xc = xc.mulColumnVector(rowScale);
            }
            return new PenalizedDesign(xc, y, xMean, yMean);
        }

        int rows() {
            return raw.rows();
        }

        int cols() {
            return raw.cols();
        }

        /** The intercept {@code ybar - xbar'b}. */
        double intercept(double[] b) {
            double b0 = yMean;
            for (int j = 0; j < b.length; j++) {
                b0 -= xMean[j] * b[j];
            }
            return b0;
        }
    }

    static Prepared prepare(Matrix x, double[] y, double[] w, boolean intercept) {
        int n = x.rows();
        int p = x.cols();
        if (y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " entries but X has " + n + " rows");
        }
        double[] xMean = new double[p];
        double[] rawSq = null;
        if (w == null && intercept) {
            // one pass over X for the means, the raw sums of squares and the finiteness check (a sum of finite
            // values is finite unless it overflows; a non-finite sum sends us to the element-wise check)
            rawSq = new double[p];
            boolean suspect = false;
            for (int j = 0; j < p; j++) {
                double s = 0;
                double q = 0;
                for (int i = 0; i < n; i++) {
                    double v = x.get(i, j);
                    s += v;
                    q += v * v;
                }
                xMean[j] = s / n;
                rawSq[j] = q;
                suspect |= !Double.isFinite(s) || !Double.isFinite(q);
            }
            if (suspect && !x.isFinite()) {
                throw new IllegalArgumentException("X has NaN or infinite entries");
            }
        } else if (!x.isFinite()) {
            throw new IllegalArgumentException("X has NaN or infinite entries");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is not finite");
            }
        }
        double[] sw = null;
        if (w != null) {
            if (w.length != n) {
                throw new IllegalArgumentException("weights have " + w.length + " entries but X has " + n + " rows");
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                    throw new IllegalArgumentException("weight " + i + " = " + w[i] + " must be finite and >= 0");
                }
                s += w[i];
            }
            if (!(s > 0)) {
                throw new IllegalArgumentException("the weights sum to " + s + "; at least one must be > 0");
            }
            sw = new double[n];
            for (int i = 0; i < n; i++) {
                sw[i] = w[i] * (n / s);
            }
        }
        double yMean = 0;
        if (intercept) {
            for (int i = 0; i < n; i++) {
                yMean += (sw == null ? 1 : sw[i]) * y[i];
            }
            yMean /= n;
            // a plain loop, not dgemv: OpenBLAS's threaded dgemv sums in an order that depends on the thread
            // count (measured: 0.02 s CPU for 50,000 x 500, the accessor is inlined by the JIT); without weights
            // the means came from the fused pass above (the same sums)
            for (int j = 0; j < (rawSq == null ? p : 0); j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (sw == null ? 1 : sw[i]) * x.get(i, j);
                }
                xMean[j] = s / n;
            }
        }
        double[] yc = new double[n];
        double[] sq = sw == null ? null : new double[n];
        for (int i = 0; i < n; i++) {
            double si = sw == null ? 1 : Math.sqrt(sw[i]);
            if (sq != null) {
                sq[i] = si;
            }
            yc[i] = si * (y[i] - yMean);
        }
        return new Prepared(x, sq, yc, xMean, yMean, rawSq);
    }

    int rows() {
        return x.rows();
    }

    int cols() {
        return x.cols();
    }

    /** The intercept {@code ybar - xbar'b}. */
    double intercept(double[] b) {
        double b0 = yMean;
        for (int j = 0; j < b.length; j++) {
            b0 -= xMean[j] * b[j];
        }
        return b0;
    }
}
