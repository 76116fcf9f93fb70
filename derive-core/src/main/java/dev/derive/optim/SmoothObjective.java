package dev.derive.optim;

/**
 * A continuously differentiable function {@code f: R^n -> R} to be minimised, given by its value and
 * gradient.
 *
 * <p>{@link #valueAndGradient} writes the gradient into an array the caller owns, so a minimiser that
 * evaluates thousands of times allocates nothing per evaluation. Implementations must not modify
 * {@code x} and must not keep references to the arrays they are given.
 *
 * <p>A function that is not defined everywhere (a log-barrier, a log-likelihood of a negative variance)
 * may return {@code +Infinity} or {@code NaN} outside its domain: line searches treat such a trial point
 * as a step that was too long and shorten it; any method that cannot shorten its step stops with
 * {@link StopReason#NON_FINITE} and reports the last finite iterate.
 */
public interface SmoothObjective {

    /** The dimension {@code n} of the domain. */
    int dimension();

    /** {@code f(x)}; {@code x} has length {@link #dimension()} and is not modified. */
    double value(double[] x);

    /**
     * Writes {@code grad f(x)} into {@code gradient} (length {@link #dimension()}, overwritten) and returns
     * {@code f(x)}.
     */
    double valueAndGradient(double[] x, double[] gradient);

    /** Writes {@code grad f(x)} into {@code gradient}. The default calls {@link #valueAndGradient}. */
    default void gradient(double[] x, double[] gradient) {
        valueAndGradient(x, gradient);
    }
}
