package dev.derive.optim;

/**
 * The outcome of a {@link LineSearch}.
 *
 * @param status      what the search achieved
 * @param step        the accepted step {@code alpha} (0 if the search failed)
 * @param value       {@code f(x + alpha d)} ({@code f(x)} if the search failed)
 * @param evaluations objective evaluations used (each with its gradient)
 */
public record LineSearchResult(Status status, double step, double value, int evaluations) {

    /** What a line search achieved. */
    public enum Status {
        /** The search's conditions hold at the step (Armijo; strong Wolfe). */
        SATISFIED,
        /**
         * The step decreases the objective sufficiently (Armijo) but the curvature condition could not be met
         * within the budget or below {@code maxStep}.
         */
        DECREASE_ONLY,
        /** No trial step decreased the objective sufficiently; the output is the starting point. */
        FAILED,
        /** As {@link #FAILED}, and the last trial steps gave non-finite values or gradients. */
        NON_FINITE
    }

    /** True if the output point decreases the objective ({@code SATISFIED} or {@code DECREASE_ONLY}). */
    public boolean decreased() {
        return status == Status.SATISFIED || status == Status.DECREASE_ONLY;
    }
}
