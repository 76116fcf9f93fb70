package dev.derive.boost;

import dev.derive.runtime.Parallelism;
import java.util.Arrays;

/**
 * The boosting objectives. For a raw score {@code f} and target {@code y} (residual {@code r = f - y}):
 * <table>
 * <caption>losses, gradients, hessians</caption>
 * <tr><th>name</th><th>loss</th><th>g</th><th>h</th><th>init</th></tr>
 * <tr><td>l2</td><td>r^2 / 2</td><td>r</td><td>1</td><td>weighted mean</td></tr>
 * <tr><td>l1</td><td>|r|</td><td>sign(r)</td><td>1 (surrogate)</td><td>weighted median</td></tr>
 * <tr><td>huber (delta = alpha)</td><td>r^2/2 if |r| &lt;= d, else d (|r| - d/2)</td><td>clip(r, -d, d)</td><td>1 (surrogate outside)</td><td>weighted mean</td></tr>
 * <tr><td>quantile (alpha)</td><td>max(alpha (y - f), (alpha - 1)(y - f))</td><td>1 - alpha if f &gt; y, else -alpha</td><td>1 (surrogate)</td><td>weighted alpha-quantile</td></tr>
 * <tr><td>poisson (log link)</td><td>e^f - y f</td><td>e^f - y</td><td>e^f</td><td>log mean y</td></tr>
 * <tr><td>gamma (log link)</td><td>y e^-f + f</td><td>1 - y e^-f</td><td>y e^-f</td><td>log mean y</td></tr>
 * <tr><td>tweedie (power p in (1,2))</td><td>-y e^{(1-p)f}/(1-p) + e^{(2-p)f}/(2-p)</td><td>-y e^{(1-p)f} + e^{(2-p)f}</td><td>-(1-p) y e^{(1-p)f} + (2-p) e^{(2-p)f}</td><td>log mean y</td></tr>
 * <tr><td>binary (y in {0,1})</td><td>log(1 + e^f) - y f</td><td>sigma(f) - y</td><td>sigma(f)(1 - sigma(f))</td><td>log-odds of the weighted mean</td></tr>
 * <tr><td>multiclass (K scores)</td><td>logsumexp(f) - f_y</td><td>p_c - [y = c]</td><td>p_c (1 - p_c) (diagonal)</td><td>log class priors</td></tr>
 * </table>
 * The log-link objectives predict {@code e^f}. Priors and means are clipped away from 0 and 1 by
 * {@code 1e-15} so the initial score is finite.
 */
public final class Objectives {

    private static final double EPS = 1e-15;

    private Objectives() {
    }

    /** The regression objective named {@code name} with LightGBM's {@code alpha} and {@code tweedie_variance_power}. */
    public static Objective regression(String name, double alpha, double tweediePower) {
        return switch (name) {
            case "l2" -> new L2();
            case "l1" -> new L1();
            case "huber" -> new Huber(alpha);
            case "quantile" -> new Quantile(alpha);
            case "poisson" -> new Poisson();
            case "gamma" -> new Gamma();
            case "tweedie" -> new Tweedie(tweediePower);
            default -> throw new IllegalArgumentException("unknown regression objective '" + name
                    + "'; use l2, l1, huber, quantile, poisson, gamma or tweedie");
        };
    }

    /** The booster's view of a user objective (weights applied by {@link Objective#gradients}). */
    static Objective custom(CustomObjective c) {
        return custom(c, false);
    }

    /**
     * The booster's view of a user binary classification objective: labels 0/1, one raw score, the
     * probability of the second class {@code c.link().transform(f)} (logit or probit).
     */
    static Objective customBinary(CustomObjective c) {
        if (c.link() != CustomObjective.Link.LOGIT && c.link() != CustomObjective.Link.PROBIT) {
            throw new IllegalArgumentException("a binary custom objective needs the link LOGIT or PROBIT (a probability), '"
                    + c.name() + "' has " + c.link());
        }
        return custom(c, true);
    }

    private static Objective custom(CustomObjective c, boolean binary) {
        return new Objective() {
            @Override
            public String name() {
                return "custom";
            }

            @Override
            boolean binaryClassification() {
                return binary;
            }

            @Override
            double binaryLogLoss(double y, double f) {
                if (c.link() == CustomObjective.Link.LOGIT) {
                    return super.binaryLogLoss(y, f);
                }
                double q = Math.min(1 - 1e-15, Math.max(1e-15, c.link().transform(f)));
                return -(y * Math.log(q) + (1 - y) * Math.log(1 - q));
            }

            @Override
            public double loss(double y, double f) {
                return c.loss(y, f);
            }

            @Override
            public double gradient(double y, double f) {
                return c.gradient(y, f);
            }

            @Override
            public double hessian(double y, double f) {
                return c.hessian(y, f);
            }

            @Override
            public boolean exactHessian() {
                return c.exactHessian();
            }

            @Override
            public double[] initScore(double[] y, double[] w) {
                double v = c.initScore(y, w);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("custom objective '" + c.name() + "' gave the initial score " + v);
                }
                return new double[] {v};
            }

            @Override
            public void gradients(double[] y, double[] w, double[] raw, double[] g, double[] h) {
                super.gradients(y, w, raw, g, h);
                for (int i = 0; i < y.length; i++) {
                    if (!Double.isFinite(g[i]) || !(h[i] >= 0) || Double.isInfinite(h[i])) {
                        throw new IllegalArgumentException("custom objective '" + c.name() + "' gave gradient " + g[i]
                                + " and hessian " + h[i] + " at row " + i + " (y = " + y[i] + ", f = " + raw[i]
                                + "); the gradient must be finite and the hessian finite and >= 0");
                    }
                }
            }

            @Override
            public double transform(double f) {
                return c.link().transform(f);
            }
        };
    }

    /**
     * The booster's view of a user K-class objective: K raw scores per row, the user's loss, gradient and
     * diagonal hessian per row (weights applied here), probabilities {@code softmax(f)}.
     */
    static Objective customMulticlass(CustomMulticlassObjective c, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("custom objective '" + c.name() + "' needs at least 2 classes, got " + k);
        }
        return new KScores(k) {
            @Override
            public String name() {
                return "custom";
            }

            @Override
            public boolean exactHessian() {
                return c.exactHessian();
            }

            @Override
            public double rowLoss(double y, double[] raw, int i) {
                return c.loss((int) y, java.util.Arrays.copyOfRange(raw, i * k, i * k + k));
            }

            @Override
            public double[] initScore(double[] y, double[] w) {
                int[] labels = new int[y.length];
                for (int i = 0; i < y.length; i++) {
                    labels[i] = (int) y[i];
                }
                double[] v = c.initScore(labels, w, k);
                if (v == null || v.length != k) {
                    throw new IllegalArgumentException("custom objective '" + c.name() + "' gave " + (v == null ? "no" : v.length)
                            + " initial scores; it must give one per class (" + k + ")");
                }
                for (int j = 0; j < k; j++) {
                    if (!Double.isFinite(v[j])) {
                        throw new IllegalArgumentException("custom objective '" + c.name() + "' gave the initial score " + v[j]
                                + " for class " + j);
                    }
                }
                return v.clone();
            }

            @Override
            public void gradients(double[] y, double[] w, double[] raw, double[] g, double[] h) {
                int n = y.length;
                int blocks = (n + 4095) / 4096;
                Parallelism.forEach(blocks, 2, b -> {
                    double[] f = new double[k];
                    double[] gr = new double[k];
                    double[] hr = new double[k];
                    int end = Math.min(n, (b + 1) * 4096);
                    for (int i = b * 4096; i < end; i++) {
                        System.arraycopy(raw, i * k, f, 0, k);
                        c.derivatives((int) y[i], f, gr, hr);
                        double wi = w == null ? 1 : w[i];
                        for (int j = 0; j < k; j++) {
                            if (!Double.isFinite(gr[j]) || !(hr[j] >= 0) || Double.isInfinite(hr[j])) {
                                throw new IllegalArgumentException("custom objective '" + c.name() + "' gave gradient " + gr[j]
                                        + " and hessian " + hr[j] + " for class " + j + " at row " + i + " (y = " + (int) y[i]
                                        + "); the gradient must be finite and the hessian finite and >= 0");
                            }
                            g[j * n + i] = wi * gr[j];
                            h[j * n + i] = wi * hr[j];
                        }
                    }
                });
            }
        };
    }

    /** Binary log-loss on labels 0/1. */
    public static Objective binary() {
        return new Binary();
    }

    /** Softmax cross-entropy over {@code k >= 2} classes (K raw scores per row). */
    public static Objective multiclass(int k) {
        return new Softmax(k);
    }

    /** {@code 1 / (1 + e^-z)}, as {@code (z >= 0 ? 1 : e) / (1 + e)} with {@code e = e^-|z|} (no overflow, one exp). */
    static double sigmoid(double z) {
        double e = Math.exp(-Math.abs(z));
        return (z >= 0 ? 1 : e) / (1 + e);
    }

    /**
     * log(1 + e^z) without overflow: max(z, 0) + log(1 + e^-|z|). The logarithm's argument is in (1, 2],
     * where {@code Math.log} has an absolute error below 2.3e-16 (and is much faster than {@code log1p}).
     */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log(1 + Math.exp(-Math.abs(z)));
    }

    static double logSumExp(double[] z, int off, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < len; c++) {
            max = Math.max(max, z[off + c]);
        }
        double s = 0;
        for (int c = 0; c < len; c++) {
            s += Math.exp(z[off + c] - max);
        }
        return max + Math.log(s);
    }

    /** The weighted {@code q}-quantile: the smallest y whose cumulative weight reaches q of the total. */
    static double weightedQuantile(double[] y, double[] w, double q) {
        int n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += w == null ? 1 : w[i];
        }
        double acc = 0;
        for (int k = 0; k < n; k++) {
            acc += w == null ? 1 : w[order[k]];
            if (acc >= q * total) {
                return y[order[k]];
            }
        }
        return y[order[n - 1]];
    }

    static final class L2 extends Objective {
        @Override
        public String name() {
            return "l2";
        }

        @Override
        public double loss(double y, double f) {
            return 0.5 * (f - y) * (f - y);
        }

        @Override
        public double gradient(double y, double f) {
            return f - y;
        }

        @Override
        public double hessian(double y, double f) {
            return 1;
        }

        @Override
        public double rowMetric(double y, double[] raw, int i) {
            return (raw[i] - y) * (raw[i] - y);
        }

        /**
         * One pass over the rows: {@code g = w (f - y)}, {@code h = w} and the squared errors summed in the blocks
         * of {@link #metric}, the same expressions in the same order as the two separate passes (bit-identical).
         */
        @Override
        public double gradientsAndMetric(double[] y, double[] w, double[] raw, double[] g, double[] h) {
            // blockPass's blocks, with a parallel loop of its own: through blockPass's shared lambda, whose Block call
            // C2 inlined for the first Block types it saw, each other objective's or metric's block made C2 trap and
            // recompile it with this gradient loop inside (four times in a flights fit)
            int n = y.length;
            int blocks = (n + METRIC_BLOCK - 1) / METRIC_BLOCK;
            double[] ps = new double[blocks];
            double[] pw = new double[blocks];
            Parallelism.forEach(blocks, 2, b -> squaredBlock(y, w, raw, g, h, b * METRIC_BLOCK,
                    Math.min(n, (b + 1) * METRIC_BLOCK), ps, pw, b));
            return blockMean(ps, pw);
        }

        private static void squaredBlock(double[] y, double[] w, double[] raw, double[] g, double[] h, int c0, int c1,
                double[] ps, double[] pw, int b) {
            double sum = 0;
            double sw = 0;
            for (int i = c0; i < c1; i++) {
                double wi = w == null ? 1 : w[i];
                double r = raw[i] - y[i];
                g[i] = wi * r;
                h[i] = wi * 1;
                if (wi != 0) {
                    sum += wi * (r * r);
                    sw += wi;
                }
            }
            ps[b] = sum;
            pw[b] = sw;
        }

        @Override
        public double[] initScore(double[] y, double[] w) {
            return new double[] {weightedMean(y, w)};
        }
    }

    static final class L1 extends Objective {
        @Override
        public String name() {
            return "l1";
        }

        @Override
        public double loss(double y, double f) {
            return Math.abs(f - y);
        }

        @Override
        public double gradient(double y, double f) {
            return Math.signum(f - y);
        }

        @Override
        public double hessian(double y, double f) {
            return 1;
        }

        @Override
        public boolean exactHessian() {
            return false;
        }

        @Override
        public double[] initScore(double[] y, double[] w) {
            return new double[] {weightedQuantile(y, w, 0.5)};
        }

        @Override
        double leafRefitQuantile() {
            return 0.5;
        }
    }

    static final class Huber extends Objective {
        private final double delta;

        Huber(double delta) {
            if (!(delta > 0) || Double.isInfinite(delta)) {
                throw new IllegalArgumentException("huber needs alpha (delta) > 0 and finite, got " + delta);
            }
            this.delta = delta;
        }

        @Override
        public String name() {
            return "huber";
        }

        @Override
        public double loss(double y, double f) {
            double r = Math.abs(f - y);
            return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
        }

        @Override
        public double gradient(double y, double f) {
            return Math.max(-delta, Math.min(delta, f - y));
        }

        @Override
        public double hessian(double y, double f) {
            return 1;
        }

        @Override
        public boolean exactHessian() {
            return false;
        }

        @Override
        public double[] initScore(double[] y, double[] w) {
            return new double[] {weightedMean(y, w)};
        }
    }

    static final class Quantile extends Objective {
        private final double alpha;

        Quantile(double alpha) {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("quantile needs alpha in (0, 1), got " + alpha);
            }
            this.alpha = alpha;
        }

        @Override
        public String name() {
            return "quantile";
        }

        @Override
        public double loss(double y, double f) {
            double d = y - f;
            return d >= 0 ? alpha * d : (alpha - 1) * d;
        }

        @Override
        public double gradient(double y, double f) {
            return f > y ? 1 - alpha : -alpha;
        }

        @Override
        public double hessian(double y, double f) {
            return 1;
        }

        @Override
        public boolean exactHessian() {
            return false;
        }

        @Override
        public double[] initScore(double[] y, double[] w) {
            return new double[] {weightedQuantile(y, w, alpha)};
        }

        @Override
        double leafRefitQuantile() {
            return alpha;
        }
    }

    /** Log-link objectives: targets must be >= 0 (> 0 for gamma), the init is log of the weighted mean. */
    abstract static class LogLink extends Objective {
        abstract boolean strictlyPositive();

        @Override
        public void checkTarget(double[] y) {
            super.checkTarget(y);
            boolean any = false;
            for (int i = 0; i < y.length; i++) {
                if (y[i] < 0 || (strictlyPositive() && y[i] == 0)) {
                    throw new IllegalArgumentException(name() + " needs targets " + (strictlyPositive() ? "> 0" : ">= 0")
                            + "; got " + y[i] + " at row " + i);
                }
                any |= y[i] > 0;
            }
            if (!any) {
                throw new IllegalArgumentException(name() + " needs at least one positive target; all are 0");
            }
        }

        @Override
        public double[] initScore(double[] y, double[] w) {
            return new double[] {Math.log(Math.max(EPS, weightedMean(y, w)))};
        }

        @Override
        public double transform(double f) {
            return Math.exp(f);
        }
    }

    static final class Poisson extends LogLink {
        @Override
        boolean strictlyPositive() {
            return false;
        }

        @Override
        public String name() {
            return "poisson";
        }

        @Override
        public double loss(double y, double f) {
            return Math.exp(f) - y * f;
        }

        @Override
        public double gradient(double y, double f) {
            return Math.exp(f) - y;
        }

        @Override
        public double hessian(double y, double f) {
            return Math.exp(f);
        }
    }

    static final class Gamma extends LogLink {
        @Override
        boolean strictlyPositive() {
            return true;
        }

        @Override
        public String name() {
            return "gamma";
        }

        @Override
        public double loss(double y, double f) {
            return y * Math.exp(-f) + f;
        }

        @Override
        public double gradient(double y, double f) {
            return 1 - y * Math.exp(-f);
        }

        @Override
        public double hessian(double y, double f) {
            return y * Math.exp(-f);
        }
    }

    static final class Tweedie extends LogLink {
        private final double p;

        Tweedie(double p) {
            if (!(p > 1 && p < 2)) {
                throw new IllegalArgumentException("tweedie_variance_power must be in (1, 2), got " + p);
            }
            this.p = p;
        }

        @Override
        boolean strictlyPositive() {
            return false;
        }

        @Override
        public String name() {
            return "tweedie";
        }

        @Override
        public double loss(double y, double f) {
            return -y * Math.exp((1 - p) * f) / (1 - p) + Math.exp((2 - p) * f) / (2 - p);
        }

        @Override
        public double gradient(double y, double f) {
            return -y * Math.exp((1 - p) * f) + Math.exp((2 - p) * f);
        }

        @Override
        public double hessian(double y, double f) {
            return -y * (1 - p) * Math.exp((1 - p) * f) + (2 - p) * Math.exp((2 - p) * f);
        }
    }

    static final class Binary extends Objective {
        @Override
        public String name() {
            return "binary";
        }

        @Override
        public double loss(double y, double f) {
            return softplus(f) - y * f;
        }

        @Override
        public double gradient(double y, double f) {
            return sigmoid(f) - y;
        }

        @Override
        public double hessian(double y, double f) {
            double s = sigmoid(f);
            return s * (1 - s);
        }

        @Override
        public void gradients(double[] y, double[] w, double[] raw, double[] g, double[] h) {
            int n = y.length;
            int blocks = (n + 8191) / 8192;
            Parallelism.forEach(blocks, 2, b -> {
                int end = Math.min(n, (b + 1) * 8192);
                for (int i = b * 8192; i < end; i++) {
                    double wi = w == null ? 1 : w[i];
                    double s = sigmoid(raw[i]);
                    g[i] = wi * (s - y[i]);
                    h[i] = wi * s * (1 - s);
                }
            });
        }

        /** As {@link #gradientsAndMetric} without the gradients: the same value, bit for bit. */
        @Override
        public double metric(double[] y, double[] w, double[] raw) {
            return pass(y, w, raw, null, null);
        }

        /**
         * One pass over the rows: with {@code e = exp(-|f|)}, {@code sigmoid(f) = (f >= 0 ? 1 : e) / (1 + e)} (the
         * values of {@link #sigmoid}) and the log-loss {@code max(f, 0) - y f + log(1 + e)}, summed per block of
         * {@link #METRIC_BLOCK} rows (in parallel) and the blocks added in order, so the value does not depend on the
         * thread count. Unweighted, the logarithms of a run of up to {@link #LOG_RUN} rows are taken at once, as
         * {@code log(prod (1 + e))}: one {@code log} per run instead of per row (the product of factors in (1, 2]
         * cannot overflow, and its rounding, below {@code LOG_RUN * 2^-53} relative, is an absolute error of the
         * same size as that of the per-row sum). {@link #metric} uses the same pass, so both give the same value.
         */
        @Override
        public double gradientsAndMetric(double[] y, double[] w, double[] raw, double[] g, double[] h) {
            return pass(y, w, raw, g, h);
        }

        /** Rows per product in the unweighted log-loss: {@code LOG_RUN} factors in (1, 2] stay below 2^512. */
        static final int LOG_RUN = 512;

        private static double pass(double[] y, double[] w, double[] raw, double[] g, double[] h) {
            // blockPass's blocks, each kind of pass with a parallel loop of its own, chosen here: one shared lambda
            // testing w and g per block made C2 trap and recompile it, with the exp loop inside, as the kinds came
            int n = y.length;
            int blocks = (n + METRIC_BLOCK - 1) / METRIC_BLOCK;
            double[] ps = new double[blocks];
            double[] pw = new double[blocks];
            if (w != null) {
                Parallelism.forEach(blocks, 2, b -> weightedBlock(y, w, raw, g, h, b * METRIC_BLOCK,
                        Math.min(n, (b + 1) * METRIC_BLOCK), ps, pw, b));
            } else if (g == null) {
                Parallelism.forEach(blocks, 2, b -> lossBlock(y, raw, b, n, ps, pw));
            } else {
                Parallelism.forEach(blocks, 2, b -> gradientBlock(y, raw, g, h, b, n, ps, pw));
            }
            return blockMean(ps, pw);
        }

        /** Unweighted block b of {@link #pass}: the loss sum by runs of {@link #LOG_RUN} rows, gradients and hessians. */
        private static void gradientBlock(double[] y, double[] raw, double[] g, double[] h, int b, int n, double[] ps,
                double[] pw) {
            int start = b * METRIC_BLOCK;
            int end = Math.min(n, start + METRIC_BLOCK);
            double sum = 0;
            for (int c = start; c < end; c += LOG_RUN) {
                sum += unweightedRun(y, raw, g, h, c, Math.min(end, c + LOG_RUN));
            }
            ps[b] = sum;
            pw[b] = end - start;
        }

        /** As {@link #gradientBlock} without the gradients: the same sum. */
        private static void lossBlock(double[] y, double[] raw, int b, int n, double[] ps, double[] pw) {
            int start = b * METRIC_BLOCK;
            int end = Math.min(n, start + METRIC_BLOCK);
            double sum = 0;
            for (int c = start; c < end; c += LOG_RUN) {
                sum += unweightedLoss(y, raw, c, Math.min(end, c + LOG_RUN));
            }
            ps[b] = sum;
            pw[b] = end - start;
        }

        /** The log-loss sum of rows [c0, c1) (unweighted), and their gradients and hessians. */
        private static double unweightedRun(double[] y, double[] raw, double[] g, double[] h, int c0, int c1) {
            double lin = 0;
            double prod = 1;
            for (int i = c0; i < c1; i++) {
                double f = raw[i];
                double e = Math.exp(-Math.abs(f));
                double d = 1 + e;
                double s = (f >= 0 ? 1 : e) / d;
                g[i] = s - y[i];
                h[i] = s * (1 - s);
                prod *= d;
                lin += Math.max(f, 0) - y[i] * f;
            }
            return lin + Math.log(prod);
        }

        /**
         * As {@link #unweightedRun} without the gradients: the same sum. A loop of its own, so that the metric-only
         * call (the last round) does not deoptimise the compiled gradient loop.
         */
        private static double unweightedLoss(double[] y, double[] raw, int c0, int c1) {
            double lin = 0;
            double prod = 1;
            for (int i = c0; i < c1; i++) {
                double f = raw[i];
                prod *= 1 + Math.exp(-Math.abs(f));
                lin += Math.max(f, 0) - y[i] * f;
            }
            return lin + Math.log(prod);
        }

        /** Weighted: the loss and weight sums of rows [c0, c1) into ps[b], pw[b] (rows of weight 0 left out). */
        private static void weightedBlock(double[] y, double[] w, double[] raw, double[] g, double[] h, int c0, int c1,
                double[] ps, double[] pw, int b) {
            double sum = 0;
            double sw = 0;
            for (int i = c0; i < c1; i++) {
                double wi = w[i];
                double f = raw[i];
                double e = Math.exp(-Math.abs(f));
                double d = 1 + e;
                if (g != null) {
                    double s = (f >= 0 ? 1 : e) / d;
                    g[i] = wi * (s - y[i]);
                    h[i] = wi * s * (1 - s);
                }
                if (wi != 0) {
                    sum += wi * (Math.max(f, 0) + Math.log(d) - y[i] * f);
                    sw += wi;
                }
            }
            ps[b] = sum;
            pw[b] = sw;
        }

        @Override
        public double[] initScore(double[] y, double[] w) {
            double p = Math.min(1 - EPS, Math.max(EPS, weightedMean(y, w)));
            return new double[] {Math.log(p / (1 - p))};
        }

        @Override
        public double transform(double f) {
            return sigmoid(f);
        }
    }

    /**
     * An objective on rows of K raw scores: the one-score loss, gradient and hessian are not defined (the row
     * methods {@code rowLoss} and {@code gradients} are).
     */
    abstract static class KScores extends Objective {
        final int k;

        KScores(int k) {
            this.k = k;
        }

        @Override
        public int outputs() {
            return k;
        }

        @Override
        public double loss(double y, double f) {
            throw new UnsupportedOperationException(name() + " loss needs K scores; use rowLoss");
        }

        @Override
        public double gradient(double y, double f) {
            throw new UnsupportedOperationException(name() + " gradient needs K scores; use gradients");
        }

        @Override
        public double hessian(double y, double f) {
            throw new UnsupportedOperationException(name() + " hessian needs K scores; use gradients");
        }
    }

    static final class Softmax extends KScores {
        Softmax(int k) {
            super(requireClasses(k));
        }

        private static int requireClasses(int k) {
            if (k < 2) {
                throw new IllegalArgumentException("multiclass needs at least 2 classes, got " + k);
            }
            return k;
        }

        @Override
        public String name() {
            return "multiclass";
        }

        @Override
        public double rowLoss(double y, double[] raw, int i) {
            return logSumExp(raw, i * k, k) - raw[i * k + (int) y];
        }

        @Override
        public double[] initScore(double[] y, double[] w) {
            double[] prior = new double[k];
            double total = 0;
            for (int i = 0; i < y.length; i++) {
                double wi = w == null ? 1 : w[i];
                prior[(int) y[i]] += wi;
                total += wi;
            }
            double[] init = new double[k];
            for (int c = 0; c < k; c++) {
                init[c] = Math.log(Math.max(EPS, prior[c] / total));
            }
            return init;
        }

        @Override
        public void gradients(double[] y, double[] w, double[] raw, double[] g, double[] h) {
            int n = y.length;
            int blocks = (n + 4095) / 4096;
            Parallelism.forEach(blocks, 2, b -> {
                int end = Math.min(n, (b + 1) * 4096);
                for (int i = b * 4096; i < end; i++) {
                    double lse = logSumExp(raw, i * k, k);
                    double wi = w == null ? 1 : w[i];
                    int yi = (int) y[i];
                    for (int c = 0; c < k; c++) {
                        double p = Math.exp(raw[i * k + c] - lse);
                        g[c * n + i] = wi * (p - (c == yi ? 1 : 0));
                        h[c * n + i] = wi * p * (1 - p);
                    }
                }
            });
        }
    }
}
