package dev.derive.learn.metrics;

/**
 * A fitted model that reports its maximised log-likelihood on the training data, and so gets the
 * {@link InformationCriteria} for free.
 */
public interface LikelihoodModel {

    /** The maximised log-likelihood {@code log L} on the training data (natural log, summed over samples). */
    double logLikelihood();

    /** The number {@code k} of free parameters estimated. */
    int parameterCount();

    /** The number {@code n} of training samples. */
    int sampleCount();

    /** {@code AIC = 2k - 2 log L}; see {@link InformationCriteria#aic}. */
    default double aic() {
        return InformationCriteria.aic(logLikelihood(), parameterCount());
    }

    /** {@code BIC = k ln n - 2 log L}; see {@link InformationCriteria#bic}. */
    default double bic() {
        return InformationCriteria.bic(logLikelihood(), parameterCount(), sampleCount());
    }

    /** {@code AICc = AIC + 2k(k + 1) / (n - k - 1)}; see {@link InformationCriteria#aicc}. */
    default double aicc() {
        return InformationCriteria.aicc(logLikelihood(), parameterCount(), sampleCount());
    }
}
