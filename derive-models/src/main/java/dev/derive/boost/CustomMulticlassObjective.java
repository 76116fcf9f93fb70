package dev.derive.boost;

/**
 * A user-defined K-class objective for the {@link HistGradientBoosting} classifier: K raw scores
 * {@code f = (f_0 .. f_{K-1})} per row (one tree per class and round, as the built-in {@code multiclass}), a
 * per-row loss {@code l(y, f)} of the label {@code y in 0..K-1}, its gradient {@code g_c = dl/df_c} and the
 * diagonal of its hessian {@code h_c = d^2 l/df_c^2} (or a positive surrogate), and the constant raw scores
 * that start the boosting. Probabilities are {@code softmax(f)} (the only link stored for K scores:
 * {@code custom_link = softmax}), the label the arg max. The booster multiplies {@code g} and {@code h} by
 * the row weight.
 *
 * <pre>{@code
 * CustomMulticlassObjective softmax = new CustomMulticlassObjective() {
 *     public String name() { return "my_softmax"; }
 *     public double loss(int y, double[] f) { return logSumExp(f) - f[y]; }
 *     public void derivatives(int y, double[] f, double[] g, double[] h) {
 *         double lse = logSumExp(f);
 *         for (int c = 0; c < f.length; c++) {
 *             double p = Math.exp(f[c] - lse);
 *             g[c] = p - (c == y ? 1 : 0);
 *             h[c] = p * (1 - p);
 *         }
 *     }
 *     public double[] initScore(int[] y, double[] w, int k) { ...log class priors... }
 * };
 * CustomMulticlassObjective.check(softmax, ys, fs, 1e-6);   // finite differences, throws if wrong
 * var model = HistGradientBoosting.classifier().objective(softmax).fit(data);
 * }</pre>
 */
public interface CustomMulticlassObjective {

    /** A short name (reported; not needed to load a model). */
    String name();

    /** The loss of one row with label {@code y} and raw scores {@code f} (length K; do not modify). */
    double loss(int y, double[] f);

    /**
     * Writes {@code g[c] = dl/df_c} and {@code h[c] = d^2 l/df_c^2} (or a positive surrogate) for the row with
     * label {@code y} and raw scores {@code f} (length K; do not modify). {@code g} and {@code h} have length K.
     */
    void derivatives(int y, double[] f, double[] g, double[] h);

    /**
     * The starting raw scores (length {@code k}) for labels {@code y} and weights {@code w} ({@code null} = all 1),
     * usually the constants that minimise {@code sum_i w_i l(y_i, f)}.
     */
    double[] initScore(int[] y, double[] w, int k);

    /** Whether {@code h} is the diagonal of the hessian of {@link #loss} (checked by {@link #check}); true by default. */
    default boolean exactHessian() {
        return true;
    }

    /**
     * The outcome of {@link #check}: the worst scaled differences {@code |a - n| / max(1, |a|)} between analytic
     * and central finite-difference derivatives, with the point (index into {@code ys}) and the class where
     * they happen.
     */
    record CheckReport(double gradientError, int gradPoint, int gradClass, double hessianError, int hessPoint, int hessClass) {
        /** True if both errors are at most {@code tolerance}. */
        public boolean passes(double tolerance) {
            return gradientError <= tolerance && hessianError <= tolerance;
        }
    }

    /**
     * Compares every {@code g_c} with the central difference {@code (l(y, f + e u_c) - l(y, f - e u_c)) / 2e}
     * of {@link #loss} and (when {@link #exactHessian()}) every {@code h_c} with the central difference of
     * {@code g_c} along {@code u_c}, {@code e = eps^(1/3) max(1, |f_c|)} (Nocedal and Wright, section 8.1), at
     * every point {@code (ys[t], fs[t])}; {@code u_c} is the c-th unit vector. A surrogate hessian is only
     * checked to be positive and finite.
     *
     * @return the worst errors
     * @throws IllegalArgumentException if an error exceeds {@code tolerance}, naming the derivative, the point,
     *                                  the class and both values; or if a value is not finite or a label not in 0..K-1
     */
    static CheckReport check(CustomMulticlassObjective o, int[] ys, double[][] fs, double tolerance) {
        if (ys.length != fs.length || ys.length == 0) {
            throw new IllegalArgumentException("ys and fs must have the same positive length, got " + ys.length + " and " + fs.length);
        }
        double cube = Math.cbrt(Math.ulp(1.0));
        double ge = 0;
        int gp = -1;
        int gc = -1;
        double he = 0;
        int hp = -1;
        int hc = -1;
        for (int t = 0; t < ys.length; t++) {
            int y = ys[t];
            double[] f = fs[t].clone();
            int k = f.length;
            if (k < 2 || y < 0 || y >= k) {
                throw new IllegalArgumentException("point " + t + ": label " + y + " must be in 0.." + (k - 1)
                        + " and there must be at least 2 scores, got " + k);
            }
            double[] g = new double[k];
            double[] h = new double[k];
            o.derivatives(y, f, g, h);
            double l = o.loss(y, f);
            if (!Double.isFinite(l)) {
                throw new IllegalArgumentException("objective '" + o.name() + "' at point " + t + " gives the loss " + l);
            }
            double[] gp1 = new double[k];
            double[] gm1 = new double[k];
            double[] scratch = new double[k];
            for (int c = 0; c < k; c++) {
                if (!Double.isFinite(g[c]) || !Double.isFinite(h[c]) || !(h[c] > 0)) {
                    throw new IllegalArgumentException("objective '" + o.name() + "' at point " + t + ", class " + c
                            + " gives gradient " + g[c] + ", hessian " + h[c] + ": both must be finite, the hessian > 0");
                }
                double e = cube * Math.max(1, Math.abs(f[c]));
                double[] fp = f.clone();
                double[] fm = f.clone();
                fp[c] += e;
                fm[c] -= e;
                double ng = (o.loss(y, fp) - o.loss(y, fm)) / (2 * e);
                double err = Math.abs(g[c] - ng) / Math.max(1, Math.abs(g[c]));
                if (err > ge || gp < 0) {
                    ge = Math.max(ge, err);
                    gp = t;
                    gc = c;
                }
                if (err > tolerance) {
                    throw new IllegalArgumentException("objective '" + o.name() + "': gradient " + g[c] + " of class " + c
                            + " at point " + t + " (y = " + y + ") disagrees with the finite difference of the loss " + ng
                            + " (scaled error " + err + " > " + tolerance + ")");
                }
                if (o.exactHessian()) {
                    o.derivatives(y, fp, gp1, scratch);
                    o.derivatives(y, fm, gm1, scratch);
                    double nh = (gp1[c] - gm1[c]) / (2 * e);
                    double herr = Math.abs(h[c] - nh) / Math.max(1, Math.abs(h[c]));
                    if (herr > he || hp < 0) {
                        he = Math.max(he, herr);
                        hp = t;
                        hc = c;
                    }
                    if (herr > tolerance) {
                        throw new IllegalArgumentException("objective '" + o.name() + "': hessian " + h[c] + " of class " + c
                                + " at point " + t + " (y = " + y + ") disagrees with the finite difference of the gradient "
                                + nh + " (scaled error " + herr + " > " + tolerance + ")");
                    }
                }
            }
        }
        return new CheckReport(ge, gp, gc, he, hp, hc);
    }
}
