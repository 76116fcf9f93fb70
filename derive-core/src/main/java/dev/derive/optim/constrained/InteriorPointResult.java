package dev.derive.optim.constrained;

import java.util.Locale;

/**
 * The result of {@link InteriorPoint} on a linear or quadratic program, with duals in the sign convention of
 * the Lagrangian stationarity condition
 * <pre>
 *   Q x + c - A_eq' y + A_ub' z_ub - z_lower + z_upper = 0,   z_ub, z_lower, z_upper >= 0,
 * </pre>
 * so {@code y = d(optimal value)/d b_eq} and {@code -z_ub = d(optimal value)/d b_ub} (scipy's
 * {@code eqlin.marginals} and {@code ineqlin.marginals}; scipy's {@code lower.marginals = z_lower} and
 * {@code upper.marginals = -z_upper}). Duals of infinite bounds are 0.
 *
 * <p>The dual objective is the Wolfe dual {@code b_eq'y - b_ub'z_ub + l'z_lower - u'z_upper - 1/2 x'Qx}; the
 * duality gap {@code primalObjective - dualObjective} equals the complementarity {@code y'(A_eq x - b_eq) +
 * z_ub'(b_ub - A_ub x) + z_lower'(x - l) + z_upper'(u - x)} when the primal and dual residuals vanish.
 *
 * @param status          the outcome
 * @param x               the primal solution (the last iterate when not optimal)
 * @param eqDuals         {@code y}, one per equality row
 * @param ineqDuals       {@code z_ub >= 0}, one per inequality row
 * @param lowerDuals      {@code z_lower >= 0}, one per variable
 * @param upperDuals      {@code z_upper >= 0}, one per variable
 * @param primalObjective {@code 1/2 x'Qx + c'x}
 * @param dualObjective   the Wolfe dual objective
 * @param dualityGap      {@code primalObjective - dualObjective}
 * @param primalResidual  {@code max(|A_eq x - b_eq|_inf, |max(A_ub x - b_ub, 0)|_inf, bound violation)}
 * @param dualResidual    the infinity norm of the stationarity residual above
 * @param iterations      interior-point iterations
 * @param message         a human-readable account of the stop
 * @param certificate     for {@link SolverStatus#INFEASIBLE} and {@link SolverStatus#UNBOUNDED}: the verified
 *                        {@link Certificate} (Farkas multipliers or a ray); null otherwise
 */
public record InteriorPointResult(SolverStatus status, double[] x, double[] eqDuals, double[] ineqDuals,
                                  double[] lowerDuals, double[] upperDuals, double primalObjective,
                                  double dualObjective, double dualityGap, double primalResidual,
                                  double dualResidual, int iterations, String message, Certificate certificate) {

    /** A result without a certificate. */
    public InteriorPointResult(SolverStatus status, double[] x, double[] eqDuals, double[] ineqDuals,
                               double[] lowerDuals, double[] upperDuals, double primalObjective,
                               double dualObjective, double dualityGap, double primalResidual,
                               double dualResidual, int iterations, String message) {
        this(status, x, eqDuals, ineqDuals, lowerDuals, upperDuals, primalObjective, dualObjective, dualityGap,
                primalResidual, dualResidual, iterations, message, null);
    }

    /** The same result with another status, message and certificate. */
    InteriorPointResult with(SolverStatus s, String msg, Certificate cert) {
        return new InteriorPointResult(s, x, eqDuals, ineqDuals, lowerDuals, upperDuals, primalObjective,
                dualObjective, dualityGap, primalResidual, dualResidual, iterations, msg, cert);
    }

    public InteriorPointResult {
        x = x.clone();
        eqDuals = eqDuals.clone();
        ineqDuals = ineqDuals.clone();
        lowerDuals = lowerDuals.clone();
        upperDuals = upperDuals.clone();
        message = message == null ? "" : message;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] eqDuals() {
        return eqDuals.clone();
    }

    @Override
    public double[] ineqDuals() {
        return ineqDuals.clone();
    }

    @Override
    public double[] lowerDuals() {
        return lowerDuals.clone();
    }

    @Override
    public double[] upperDuals() {
        return upperDuals.clone();
    }

    /** True if the status is {@link SolverStatus#OPTIMAL}. */
    public boolean optimal() {
        return status.optimal();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "InteriorPointResult[%s after %d iterations: primal %.12g, dual %.12g, gap %.3g,"
                        + " primal residual %.3g, dual residual %.3g; %s]", status, iterations, primalObjective,
                dualObjective, dualityGap, primalResidual, dualResidual, message);
    }
}
