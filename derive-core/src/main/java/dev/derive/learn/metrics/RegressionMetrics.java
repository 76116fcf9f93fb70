package dev.derive.learn.metrics;

import java.util.Arrays;

/**
 * Regression metrics on {@code double[]} targets and predictions, each matching the scikit-learn 1.2.1
 * function it names (single output).
 *
 * <p>{@code sampleWeight} may be {@code null} (every sample weighs 1); otherwise it holds one finite weight
 * {@code >= 0} per sample, with a positive sum. A weighted mean is {@code sum_i w_i x_i / sum_i w_i}.
 * Inputs must be finite and of equal, non-zero length; they are never modified.
 */
public final class RegressionMetrics {

    private RegressionMetrics() {
    }

    private static int check(double[] yTrue, double[] yPred, double[] w) {
        int n = Validate.pair(yTrue.length, yPred.length, "yTrue", "yPred");
        Validate.finite(yTrue, "yTrue");
        Validate.finite(yPred, "yPred");
        Validate.weights(w, n);
        return n;
    }

    /** Mean squared error {@code (1/n) sum_i (y_i - yhat_i)^2} (scikit-learn {@code mean_squared_error}). */
    public static double mse(double[] yTrue, double[] yPred) {
        return mse(yTrue, yPred, null);
    }

    /** Weighted mean squared error. */
    public static double mse(double[] yTrue, double[] yPred, double[] sampleWeight) {
        int n = check(yTrue, yPred, sampleWeight);
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double d = yTrue[i] - yPred[i];
            sq[i] = d * d;
        }
        return Sums.average(sq, sampleWeight);
    }

    /** Root mean squared error {@code sqrt(mse)} (scikit-learn {@code mean_squared_error(squared=False)}). */
    public static double rmse(double[] yTrue, double[] yPred) {
        return Math.sqrt(mse(yTrue, yPred, null));
    }

    /** Weighted root mean squared error. */
    public static double rmse(double[] yTrue, double[] yPred, double[] sampleWeight) {
        return Math.sqrt(mse(yTrue, yPred, sampleWeight));
    }

    /** Mean absolute error {@code (1/n) sum_i |y_i - yhat_i|} (scikit-learn {@code mean_absolute_error}). */
    public static double mae(double[] yTrue, double[] yPred) {
        return mae(yTrue, yPred, null);
    }

    /** Weighted mean absolute error. */
    public static double mae(double[] yTrue, double[] yPred, double[] sampleWeight) {
        int n = check(yTrue, yPred, sampleWeight);
        double[] ad = new double[n];
        for (int i = 0; i < n; i++) {
            ad[i] = Math.abs(yPred[i] - yTrue[i]);
        }
        return Sums.average(ad, sampleWeight);
    }

    /**
     * The coefficient of determination {@code R^2 = 1 - sum_i w_i (y_i - yhat_i)^2 / sum_i w_i (y_i - ybar)^2}
     * with {@code ybar} the (weighted) mean of {@code y} (scikit-learn {@code r2_score}, force_finite=True).
     * When {@code y} is constant the ratio is undefined: the result is 1.0 if the predictions are perfect and
     * 0.0 otherwise, as in scikit-learn.
     *
     * @throws IllegalArgumentException with fewer than two samples (scikit-learn returns NaN with a warning)
     */
    public static double r2(double[] yTrue, double[] yPred) {
        return r2(yTrue, yPred, null);
    }

    /** Weighted {@link #r2(double[], double[])}. */
    public static double r2(double[] yTrue, double[] yPred, double[] sampleWeight) {
        int n = check(yTrue, yPred, sampleWeight);
        if (n < 2) {
            throw new IllegalArgumentException("R^2 is not well-defined with fewer than two samples, got " + n);
        }
        double mean = Sums.average(yTrue, sampleWeight);
        double[] num = new double[n];
        double[] den = new double[n];
        for (int i = 0; i < n; i++) {
            double wi = sampleWeight == null ? 1 : sampleWeight[i];
            double d = yTrue[i] - yPred[i];
            double e = yTrue[i] - mean;
            num[i] = wi * (d * d);
            den[i] = wi * (e * e);
        }
        return assemble(Sums.pairwise(num), Sums.pairwise(den));
    }

    /** {@code 1 - num/den} with scikit-learn's force_finite conventions for zero numerator or denominator. */
    private static double assemble(double num, double den) {
        if (num == 0) {
            return 1.0;
        }
        if (den == 0) {
            return 0.0;
        }
        return 1 - num / den;
    }

    /**
     * The explained variance {@code 1 - Var(y - yhat) / Var(y)} with (weighted) population variances
     * (scikit-learn {@code explained_variance_score}, force_finite=True: 1.0 for a zero numerator, 0.0 for a
     * zero denominator). Unlike R^2 it ignores a constant bias in the predictions.
     */
    public static double explainedVariance(double[] yTrue, double[] yPred) {
        return explainedVariance(yTrue, yPred, null);
    }

    /** Weighted {@link #explainedVariance(double[], double[])}. */
    public static double explainedVariance(double[] yTrue, double[] yPred, double[] sampleWeight) {
        int n = check(yTrue, yPred, sampleWeight);
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = yTrue[i] - yPred[i];
        }
        double diffMean = Sums.average(diff, sampleWeight);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double v = yTrue[i] - yPred[i] - diffMean;
            t[i] = v * v;
        }
        double num = Sums.average(t, sampleWeight);
        double yMean = Sums.average(yTrue, sampleWeight);
        for (int i = 0; i < n; i++) {
            double v = yTrue[i] - yMean;
            t[i] = v * v;
        }
        double den = Sums.average(t, sampleWeight);
        return assemble(num, den);
    }

    /** The largest absolute error {@code max_i |y_i - yhat_i|} (scikit-learn {@code max_error}). */
    public static double maxError(double[] yTrue, double[] yPred) {
        int n = check(yTrue, yPred, null);
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(yTrue[i] - yPred[i]));
        }
        return m;
    }

    /**
     * The median of {@code |y_i - yhat_i|}; for even {@code n} the mean of the two middle values
     * (scikit-learn {@code median_absolute_error}).
     */
    public static double medianAbsoluteError(double[] yTrue, double[] yPred) {
        int n = check(yTrue, yPred, null);
        double[] ad = new double[n];
        for (int i = 0; i < n; i++) {
            ad[i] = Math.abs(yPred[i] - yTrue[i]);
        }
        Arrays.sort(ad);
        int h = n / 2;
        return n % 2 == 1 ? ad[h] : (ad[h - 1] + ad[h]) / 2;
    }

    /**
     * The weighted median of {@code |y_i - yhat_i|}: the smallest absolute error whose cumulative weight, in
     * increasing order of error, reaches half the total weight (scikit-learn
     * {@code median_absolute_error(sample_weight=w)}, its lower weighted percentile; it does not average
     * two middle values).
     */
    public static double medianAbsoluteError(double[] yTrue, double[] yPred, double[] sampleWeight) {
        if (sampleWeight == null) {
            return medianAbsoluteError(yTrue, yPred);
        }
        int n = check(yTrue, yPred, sampleWeight);
        double[] ad = new double[n];
        for (int i = 0; i < n; i++) {
            ad[i] = Math.abs(yPred[i] - yTrue[i]);
        }
        int[] order = Sorting.argsortStable(ad);
        double[] cdf = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += sampleWeight[order[i]];
            cdf[i] = acc;
        }
        double half = 0.5 * cdf[n - 1];
        int idx = 0;
        while (idx < n - 1 && cdf[idx] < half) {
            idx++;
        }
        return ad[order[idx]];
    }
}
