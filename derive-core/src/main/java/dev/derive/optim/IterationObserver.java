package dev.derive.optim;

/**
 * Called by a minimiser after every iteration (for stochastic methods: at every check, see
 * {@link FirstOrderMinimizer#checkEvery}), for progress reports, plots and custom stopping rules.
 */
@FunctionalInterface
public interface IterationObserver {

    /**
     * @param iteration    the iteration just finished ({@code 0} for the starting point)
     * @param x            the current iterate; read-only, valid only during the call (copy it to keep it)
     * @param value        {@code f(x)}
     * @param gradientNorm the norm the stopping test uses (gradient, projected gradient or gradient mapping)
     * @return {@code true} to continue, {@code false} to stop with {@link StopReason#OBSERVER_STOPPED}
     */
    boolean onIteration(int iteration, double[] x, double value, double gradientNorm);

    /** An observer that never stops the run. */
    IterationObserver NONE = (k, x, v, g) -> true;
}
