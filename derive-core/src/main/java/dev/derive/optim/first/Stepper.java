package dev.derive.optim.first;

/**
 * The state of one first-order run. Each {@link #step} moves the parameters, in place, given the gradient
 * at them; methods that evaluate gradients at an extrapolated point (Nesterov's look-ahead, schedule-free
 * interpolation) keep the point to report separately, available from {@link #solution}.
 *
 * <p>Not thread-safe: one stepper per run.
 */
public interface Stepper {

    /**
     * One update.
     *
     * @param params       the parameters, updated in place; the gradient was evaluated here
     * @param gradient     the (mini-batch) gradient at {@code params}; not modified
     * @param learningRate the step size for this step, finite and {@code >= 0}
     * @param hvp          Hessian-vector products at {@code params} (same mini-batch); may be null unless
     *                     {@link FirstOrderMethod#usesHessianVectorProducts()}
     */
    void step(double[] params, double[] gradient, double learningRate, HessianVectorProduct hvp);

    /**
     * Writes the point the method reports (its iterate {@code x}) into {@code out}; for most methods that is
     * {@code params} itself.
     */
    default void solution(double[] params, double[] out) {
        System.arraycopy(params, 0, out, 0, params.length);
    }

    /** True if {@link #solution} is always {@code params} (no separate averaged or look-ahead point). */
    default boolean solutionIsParams() {
        return true;
    }

    /** The number of steps taken. */
    long steps();
}
