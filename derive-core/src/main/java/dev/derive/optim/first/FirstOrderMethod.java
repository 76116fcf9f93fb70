package dev.derive.optim.first;

/**
 * A first-order update rule (SGD, momentum, Adam, ...): immutable hyper-parameters, validated at
 * construction, from which {@link #start} makes the per-run state. The common step interface lets any rule
 * drive any parameter vector: a {@code dev.derive.optim.FirstOrderMinimizer} on an objective, or a training
 * loop on a network's parameters.
 */
public interface FirstOrderMethod {

    /** Fresh state for a parameter vector of length {@code n >= 1}. */
    Stepper start(int n);

    /** True if the rule needs Hessian-vector products (Sophia's Hutchinson estimator). */
    default boolean usesHessianVectorProducts() {
        return false;
    }

    /**
     * The learning rate the rule's theory prescribes, if any (the constant-step accelerated method's
     * {@code 1/L}); NaN otherwise, and then the caller must choose one.
     */
    default double suggestedLearningRate() {
        return Double.NaN;
    }
}
