package dev.derive.optim;

/**
 * A method that minimises an objective of type {@code F} from a starting point. Implementations are
 * immutable records of hyper-parameters (validated at construction) and can be shared between threads; each
 * call to {@link #minimize} has its own state.
 *
 * @param <F> the kind of objective the method needs (gradient only, Hessian-vector products, Hessian)
 */
public interface Minimizer<F extends SmoothObjective> {

    /**
     * Minimises {@code f} from {@code x0} (not modified), calling {@code observer} after every iteration.
     *
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry
     */
    OptimResult minimize(F f, double[] x0, IterationObserver observer);

    /** Minimises {@code f} from {@code x0} (not modified). */
    default OptimResult minimize(F f, double[] x0) {
        return minimize(f, x0, IterationObserver.NONE);
    }
}
