package dev.derive.boost;

/**
 * A user-defined objective with one raw score per row for {@link HistGradientBoosting}: a regression loss,
 * or a binary classification loss (labels {@code y} in {0, 1}; see {@link HistGradientBoosting#objective}).
 * It gives a per-row loss {@code l(y, f)} of
 * the raw score {@code f}, its gradient {@code g = dl/df} and hessian {@code h = d^2 l/df^2} (or a positive
 * surrogate), the constant raw score that starts the boosting, and the link that maps raw scores to
 * predictions. The booster weights rows itself: with sample weights {@code w_i} it grows trees on
 * {@code w_i g_i}, {@code w_i h_i} (XGBoost's second-order boosting, Chen and Guestrin 2016), exactly as for
 * the built-in objectives.
 *
 * <pre>{@code
 * CustomObjective l2 = new CustomObjective() {
 *     public String name() { return "my_l2"; }
 *     public double loss(double y, double f) { return 0.5 * (f - y) * (f - y); }
 *     public double gradient(double y, double f) { return f - y; }
 *     public double hessian(double y, double f) { return 1; }
 *     public double initScore(double[] y, double[] w) { ...weighted mean... }
 * };
 * CustomObjective.check(l2, ys, fs, 1e-6);          // finite-difference check, throws if wrong
 * var model = HistGradientBoosting.regressor().objective(l2).fit(data);
 * }</pre>
 *
 * A model trained with a custom objective predicts, saves and loads like any other: only the link (one of
 * {@link Link}) is needed for prediction and is stored as the parameter {@code custom_link}. For a binary
 * classifier the link maps the raw score to the probability of the second class and must be
 * {@link Link#LOGIT} or {@link Link#PROBIT} (both give 1/2 at {@code f = 0}, so the label is {@code f > 0});
 * K-class objectives are {@link CustomMulticlassObjective}.
 */
public interface CustomObjective {

    /** The inverse link: how raw scores become predictions. */
    enum Link {
        /** prediction = f. */
        IDENTITY,
        /** prediction = exp(f) (log link). */
        LOG,
        /** prediction = 1 / (1 + exp(-f)) (logit link). */
        LOGIT,
        /** prediction = Phi(f), the standard normal cdf (probit link; binary classifiers). */
        PROBIT;

        /** The prediction for raw score {@code f}. */
        public double transform(double f) {
            return switch (this) {
                case IDENTITY -> f;
                case LOG -> Math.exp(f);
                case LOGIT -> Objectives.sigmoid(f);
                case PROBIT -> dev.derive.stat.Distributions.normalCdf(f);
            };
        }

        /** The parameter value ({@code identity}, {@code log}, {@code logit}, {@code probit}). */
        public String paramValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A short name (reported; not needed to load a model). */
    String name();

    /** The loss of one row (used for the training curve, early stopping and the derivative check). */
    double loss(double y, double f);

    /** {@code dl/df} at raw score {@code f}. */
    double gradient(double y, double f);

    /** {@code d^2 l/df^2}, or a positive surrogate (then override {@link #exactHessian()} to return false). */
    double hessian(double y, double f);

    /**
     * The starting raw score for targets {@code y} and weights {@code w} ({@code null} = all 1), usually the
     * constant that minimises {@code sum_i w_i l(y_i, f)}.
     */
    double initScore(double[] y, double[] w);

    /** The link; identity by default. */
    default Link link() {
        return Link.IDENTITY;
    }

    /** Whether {@link #hessian} is the derivative of {@link #gradient} (checked by {@link #check}); true by default. */
    default boolean exactHessian() {
        return true;
    }

    /**
     * The outcome of {@link #check}: the worst scaled differences {@code |a - n| / max(1, |a|)} between the
     * analytic and the central finite-difference derivative, and where they happen.
     */
    record CheckReport(double gradientError, double gradY, double gradF, double hessianError, double hessY, double hessF) {
        /** True if both errors are at most {@code tolerance}. */
        public boolean passes(double tolerance) {
            return gradientError <= tolerance && hessianError <= tolerance;
        }
    }

    /**
     * Compares {@link #gradient} with the central difference {@code (l(y, f + e) - l(y, f - e)) / 2e} of
     * {@link #loss} and (when {@link #exactHessian()}) {@link #hessian} with that of {@link #gradient},
     * {@code e = eps^(1/3) max(1, |f|)} (Nocedal and Wright, section 8.1), at every pair {@code (ys[k], fs[k])}.
     * A surrogate hessian is only checked to be positive and finite.
     *
     * @return the worst errors
     * @throws IllegalArgumentException if an error exceeds {@code tolerance}, naming the derivative, the point
     *                                  and both values; or if a value is not finite
     */
    static CheckReport check(CustomObjective o, double[] ys, double[] fs, double tolerance) {
        if (ys.length != fs.length || ys.length == 0) {
            throw new IllegalArgumentException("ys and fs must have the same positive length, got " + ys.length + " and " + fs.length);
        }
        double cube = Math.cbrt(Math.ulp(1.0));
        double ge = 0;
        double gy = Double.NaN;
        double gf = Double.NaN;
        double he = 0;
        double hy = Double.NaN;
        double hf = Double.NaN;
        for (int k = 0; k < ys.length; k++) {
            double y = ys[k];
            double f = fs[k];
            double e = cube * Math.max(1, Math.abs(f));
            double g = o.gradient(y, f);
            double h = o.hessian(y, f);
            double l = o.loss(y, f);
            if (!Double.isFinite(g) || !Double.isFinite(h) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("objective '" + o.name() + "' at y = " + y + ", f = " + f
                        + " gives loss " + l + ", gradient " + g + ", hessian " + h + ": all must be finite");
            }
            if (!(h > 0)) {
                throw new IllegalArgumentException("objective '" + o.name() + "' at y = " + y + ", f = " + f
                        + " gives the hessian " + h + "; it must be > 0");
            }
            double ng = (o.loss(y, f + e) - o.loss(y, f - e)) / (2 * e);
            double err = Math.abs(g - ng) / Math.max(1, Math.abs(g));
            if (err > ge || Double.isNaN(gy)) {
                ge = Math.max(ge, err);
                gy = y;
                gf = f;
            }
            if (err > tolerance) {
                throw new IllegalArgumentException("objective '" + o.name() + "': gradient " + g + " at y = " + y + ", f = " + f
                        + " disagrees with the finite difference of the loss " + ng + " (scaled error " + err + " > " + tolerance + ")");
            }
            if (o.exactHessian()) {
                double nh = (o.gradient(y, f + e) - o.gradient(y, f - e)) / (2 * e);
                double herr = Math.abs(h - nh) / Math.max(1, Math.abs(h));
                if (herr > he || Double.isNaN(hy)) {
                    he = Math.max(he, herr);
                    hy = y;
                    hf = f;
                }
                if (herr > tolerance) {
                    throw new IllegalArgumentException("objective '" + o.name() + "': hessian " + h + " at y = " + y + ", f = " + f
                            + " disagrees with the finite difference of the gradient " + nh + " (scaled error " + herr + " > "
                            + tolerance + ")");
                }
            }
        }
        return new CheckReport(ge, gy, gf, he, hy, hf);
    }
}
