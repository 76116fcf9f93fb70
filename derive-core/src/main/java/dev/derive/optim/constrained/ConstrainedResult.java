package dev.derive.optim.constrained;

import dev.derive.optim.StopReason;
import java.util.Locale;

/**
 * The result of {@link AugmentedLagrangian} or {@link LogBarrier}: the point, its multipliers for
 * {@code L = f + lambda'h + mu'g} and the KKT residuals there.
 *
 * @param status            the outcome
 * @param x                 the final (last finite) iterate
 * @param value             {@code f(x)}
 * @param eqMultipliers     {@code lambda}, one per equality
 * @param ineqMultipliers   {@code mu >= 0}, one per inequality
 * @param stationarity      {@code |grad f + J_h'lambda + J_g'mu|_inf} (projected onto the box for bounds)
 * @param eqViolation       {@code |h(x)|_inf}
 * @param ineqViolation     {@code |max(g(x), 0)|_inf}
 * @param complementarity   {@code max_i |mu_i g_i(x)|}
 * @param dualityGapBound   the barrier method's bound {@code m/t} on {@code f(x) - f*}; NaN for the
 *                          augmented Lagrangian
 * @param outerIterations   outer iterations (multiplier updates, barrier centring steps)
 * @param innerIterations   total inner iterations (L-BFGS iterations, Newton steps)
 * @param message           a human-readable account
 */
public record ConstrainedResult(SolverStatus status, double[] x, double value, double[] eqMultipliers,
                                double[] ineqMultipliers, double stationarity, double eqViolation,
                                double ineqViolation, double complementarity, double dualityGapBound,
                                int outerIterations, int innerIterations, String message) {

    public ConstrainedResult {
        x = x.clone();
        eqMultipliers = eqMultipliers.clone();
        ineqMultipliers = ineqMultipliers.clone();
        message = message == null ? "" : message;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] eqMultipliers() {
        return eqMultipliers.clone();
    }

    @Override
    public double[] ineqMultipliers() {
        return ineqMultipliers.clone();
    }

    /** True if the status is {@link SolverStatus#OPTIMAL}. */
    public boolean optimal() {
        return status.optimal();
    }

    /**
     * The status in the vocabulary of the unconstrained minimisers: OPTIMAL is {@link StopReason#GRADIENT_TOLERANCE}
     * (the KKT residuals met the tolerance), NON_FINITE is {@link StopReason#NON_FINITE}, MAX_ITERATIONS is
     * {@link StopReason#MAX_ITERATIONS}, anything else {@link StopReason#NO_PROGRESS}.
     */
    public StopReason stopReason() {
        return switch (status) {
            case OPTIMAL -> StopReason.GRADIENT_TOLERANCE;
            case NON_FINITE -> StopReason.NON_FINITE;
            case MAX_ITERATIONS -> StopReason.MAX_ITERATIONS;
            default -> StopReason.NO_PROGRESS;
        };
    }

    /** The largest KKT residual. */
    public double kktResidual() {
        return Math.max(Math.max(stationarity, eqViolation), Math.max(ineqViolation, complementarity));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ConstrainedResult[%s after %d outer / %d inner iterations: f = %.12g,"
                        + " stationarity %.2e, |h| %.2e, |g+| %.2e, complementarity %.2e, gap bound %.2e; %s]", status,
                outerIterations, innerIterations, value, stationarity, eqViolation, ineqViolation, complementarity,
                dualityGapBound, message);
    }
}
