package dev.derive.linear;

/**
 * Sample weights of the sparse and iterative least-squares fits, checked once: each finite and {@code >= 0}, their
 * sum {@code > 0}; {@code w} holds them (all 1 when none were given), {@code sqrt} their square roots (the row
 * scaling that turns weighted least squares into plain least squares) and {@code sum} their sum.
 */
record RowWeights(double[] w, double[] sqrt, double sum) {

    /**
     * Checks the weights {@code w} ({@code null}: all 1) of {@code n} rows and, when {@code y} is not null, that it has
     * {@code n} entries, every one finite.
     */
    static RowWeights of(double[] w, double[] y, int n) {
        if (y != null && y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " entries but X has " + n + " rows");
        }
        if (w != null && w.length != n) {
            throw new IllegalArgumentException("weights have " + w.length + " entries but X has " + n + " rows");
        }
        double[] wv = new double[n];
        double[] s = new double[n];
        double sw = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            if (!(wi >= 0) || Double.isInfinite(wi)) {
                throw new IllegalArgumentException("sample weight " + wi + " at row " + i + " must be finite and >= 0");
            }
            if (y != null && !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is not finite");
            }
            wv[i] = wi;
            s[i] = Math.sqrt(wi);
            sw += wi;
        }
        if (!(sw > 0)) {
            throw new IllegalArgumentException("the sample weights sum to " + sw + "; at least one must be > 0");
        }
        return new RowWeights(wv, s, sw);
    }
}
