package dev.derive.optim;

/** Why a minimiser stopped. The first three mean it converged by one of the {@link StopCriteria} tests. */
public enum StopReason {
    /** The gradient norm (projected gradient, gradient mapping) fell to {@link StopCriteria#gradientTolerance()}. */
    GRADIENT_TOLERANCE,
    /** The relative decrease of the objective fell to {@link StopCriteria#functionTolerance()}. */
    FUNCTION_TOLERANCE,
    /** The step (or trust-region radius) fell to {@link StopCriteria#stepTolerance()}. */
    STEP_TOLERANCE,
    /** {@link StopCriteria#maxIterations()} iterations ran without convergence. */
    MAX_ITERATIONS,
    /** {@link StopCriteria#maxEvaluations()} objective evaluations were used without convergence. */
    MAX_EVALUATIONS,
    /**
     * The objective returned NaN or an infinite value (or gradient) where the method could not recover; the
     * result holds the last finite iterate and the message says where it happened.
     */
    NON_FINITE,
    /**
     * No step decreased the objective: the line search failed or the trust region collapsed. Near a minimum
     * this means the tolerances ask for more than rounding allows; far from one, a gradient that does not
     * match the function (check it with {@link GradientCheck}).
     */
    NO_PROGRESS,
    /** An {@link IterationObserver} asked to stop. */
    OBSERVER_STOPPED;

    /** True for the tolerance tests ({@code GRADIENT_TOLERANCE}, {@code FUNCTION_TOLERANCE}, {@code STEP_TOLERANCE}). */
    public boolean converged() {
        return this == GRADIENT_TOLERANCE || this == FUNCTION_TOLERANCE || this == STEP_TOLERANCE;
    }
}
