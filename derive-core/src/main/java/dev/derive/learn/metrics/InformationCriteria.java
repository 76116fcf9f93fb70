package dev.derive.learn.metrics;

/**
 * Information criteria for comparing fitted likelihood models; smaller is better.
 *
 * <ul>
 *   <li>{@code AIC = 2k - 2 log L} (Akaike 1974),</li>
 *   <li>{@code AICc = AIC + 2k(k + 1) / (n - k - 1)}, AIC with the small-sample correction of Hurvich and
 *       Tsai (1989), defined for {@code n > k + 1},</li>
 *   <li>{@code BIC = k ln n - 2 log L} (Schwarz 1978),</li>
 * </ul>
 * where {@code log L} is the maximised log-likelihood (natural log), {@code k} the number of free
 * parameters and {@code n} the number of samples. These are the formulas of scikit-learn's
 * {@code GaussianMixture.aic}/{@code bic} with {@code log L = score(X) * n}. A model that reports its
 * log-likelihood gets them through {@link LikelihoodModel}.
 */
public final class InformationCriteria {

    private InformationCriteria() {
    }

    /** Akaike's information criterion {@code 2k - 2 log L}. */
    public static double aic(double logLikelihood, int k) {
        check(logLikelihood, k);
        return 2.0 * k - 2 * logLikelihood;
    }

    /**
     * The Bayesian (Schwarz) information criterion {@code k ln n - 2 log L}.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static double bic(double logLikelihood, int k, int n) {
        check(logLikelihood, k);
        if (n < 1) {
            throw new IllegalArgumentException("sample count n must be >= 1, got " + n);
        }
        return -2 * logLikelihood + k * Math.log(n);
    }

    /**
     * The corrected AIC {@code AIC + 2k(k + 1) / (n - k - 1)}.
     *
     * @throws IllegalArgumentException if {@code n <= k + 1}, where the correction is undefined
     */
    public static double aicc(double logLikelihood, int k, int n) {
        double aic = aic(logLikelihood, k);
        if ((long) n - k - 1 <= 0) {
            throw new IllegalArgumentException("AICc needs n > k + 1 samples; got n = " + n + ", k = " + k);
        }
        return aic + 2.0 * k * (k + 1.0) / ((double) n - k - 1);
    }

    private static void check(double logLikelihood, int k) {
        if (Double.isNaN(logLikelihood) || logLikelihood == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("log-likelihood must be a number below +infinity, got " + logLikelihood);
        }
        if (k < 0) {
            throw new IllegalArgumentException("parameter count k must be >= 0, got " + k);
        }
    }
}
