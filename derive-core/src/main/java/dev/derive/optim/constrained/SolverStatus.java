package dev.derive.optim.constrained;

/** The outcome of a constrained solve ({@link InteriorPoint}, {@link LogBarrier}, {@link AugmentedLagrangian}). */
public enum SolverStatus {
    /** The optimality (KKT) conditions hold to the requested tolerance. */
    OPTIMAL,
    /** The constraints have no (strictly, for the barrier method) feasible point; the message gives the evidence. */
    INFEASIBLE,
    /** The objective is unbounded below on the feasible set; the message gives the evidence. */
    UNBOUNDED,
    /** The iteration budget ran out before the tolerances were met. */
    MAX_ITERATIONS,
    /** The objective or a constraint returned NaN or an infinite value; the result holds the last finite iterate. */
    NON_FINITE,
    /** The linear algebra failed (for example a Hessian that is not positive semi-definite) or progress stalled. */
    NUMERICAL_ERROR;

    /** True for {@link #OPTIMAL}. */
    public boolean optimal() {
        return this == OPTIMAL;
    }
}
