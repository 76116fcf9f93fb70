package dev.derive.ensemble;

/**
 * Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines"): the probability of the
 * positive class given a score {@code f} is {@code p(f) = 1 / (1 + exp(a f + b))}. {@link #fit} minimises the
 * (weighted) cross-entropy {@code sum_i w_i [-t_i log p(f_i) - (1 - t_i) log(1 - p(f_i))]} against Platt's
 * smoothed targets {@code t_i = (N+ + 1)/(N+ + 2)} for positives and {@code 1/(N- + 2)} for negatives
 * ({@code N+}, {@code N-}: the weighted class counts), from {@code a = 0}, {@code b = log((N- + 1)/(N+ + 1))},
 * by Newton's method with a backtracking line search as Lin, Lin &amp; Weng (2007, "A note on Platt's
 * probabilistic outputs for support vector machines"), whose loss form {@code L(z) - (1 - t) z} with
 * {@code L(z) = log(1 + e^z)} and {@code z = a f + b} is evaluated without overflow. This is scikit-learn's
 * {@code _SigmoidCalibration} objective; scikit-learn stops its BFGS at a gradient of {@code 1e-5}, this fit at
 * {@code 1e-12} times the summed weight.
 *
 * @param a the slope (negative when larger scores mean the positive class)
 * @param b the offset
 */
public record PlattScaling(double a, double b) implements Calibrator {

    public PlattScaling {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Platt scaling parameters must be finite; got a = " + a + ", b = " + b);
        }
    }

    /** {@code 1 / (1 + exp(a f + b))}. */
    @Override
    public double predict(double f) {
        double z = a * f + b;
        return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
    }

    /**
     * Fits {@code a, b} to scores {@code f} with 0/1 labels {@code positive} and sample weights {@code w}
     * ({@code null}: all 1).
     *
     * @throws IllegalArgumentException if the lengths differ, a score or weight is not finite, or a weight is negative
     */
    public static PlattScaling fit(double[] f, boolean[] positive, double[] w) {
        int n = f.length;
        if (positive.length != n || (w != null && w.length != n)) {
            throw new IllegalArgumentException("Platt scaling: " + n + " scores, " + positive.length + " labels"
                    + (w == null ? "" : ", " + w.length + " weights"));
        }
        double prior1 = 0;
        double prior0 = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(f[i])) {
                throw new IllegalArgumentException("Platt scaling: score " + f[i] + " at row " + i + " is not finite");
            }
            double wi = w == null ? 1 : w[i];
            if (!(wi >= 0) || Double.isInfinite(wi)) {
                throw new IllegalArgumentException("Platt scaling: sample weight " + wi + " at row " + i + " must be finite and >= 0");
            }
            if (positive[i]) {
                prior1 += wi;
            } else {
                prior0 += wi;
            }
        }
        double hiT = (prior1 + 1) / (prior1 + 2);
        double loT = 1 / (prior0 + 2);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = positive[i] ? hiT : loT;
        }
        double a = 0;
        double b = Math.log((prior0 + 1) / (prior1 + 1));
        double total = prior0 + prior1;
        double gtol = 1e-12 * Math.max(1, total);
        double fval = objective(f, t, w, a, b);
        for (int iter = 0; iter < 200; iter++) {
            // gradient and Hessian of sum w [L(z) - (1 - t) z] in (a, b): dL/dz - (1 - t) = t - p, d2/dz2 = p (1 - p)
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;   // Lin-Lin-Weng's small ridge keeps the 2 x 2 system positive definite
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < n; i++) {
                double wi = w == null ? 1 : w[i];
                double z = a * f[i] + b;
                double p = z < 0 ? 1 / (1 + Math.exp(z)) : Math.exp(-z) / (1 + Math.exp(-z));
                double g = wi * (t[i] - p);
                double h = wi * p * (1 - p);
                ga += g * f[i];
                gb += g;
                haa += h * f[i] * f[i];
                hab += h * f[i];
                hbb += h;
            }
            if (Math.abs(ga) < gtol && Math.abs(gb) < gtol) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(-hab * ga + haa * gb) / det;
            double slope = ga * da + gb * db;
            double step = 1;
            boolean moved = false;
            while (step >= 1e-10) {
                double na = a + step * da;
                double nb = b + step * db;
                double nf = objective(f, t, w, na, nb);
                if (nf <= fval + 1e-4 * step * slope) {
                    a = na;
                    b = nb;
                    fval = nf;
                    moved = true;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                break;   // no decrease possible in floating point: at the optimum to rounding
            }
        }
        return new PlattScaling(a, b);
    }

    private static double objective(double[] f, double[] t, double[] w, double a, double b) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double z = a * f[i] + b;
            double l = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            s += (w == null ? 1 : w[i]) * (l - (1 - t[i]) * z);
        }
        return s;
    }
}
