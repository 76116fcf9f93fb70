package dev.derive.optim;

import java.util.Locale;

/**
 * What a minimiser found and how: the solution, its value and gradient norm, the number of iterations, why
 * it stopped, how many evaluations it used, and (when {@link StopCriteria#recordTrajectory()} is set) the
 * objective value after every iteration.
 *
 * <p>The solution is always finite: when the objective returns a non-finite value the run stops with
 * {@link StopReason#NON_FINITE} at the last finite iterate. Only if the objective is already non-finite at
 * the starting point is {@link #value()} non-finite (and the solution is the starting point).
 *
 * @param solution            the final iterate (a copy)
 * @param value               the objective at the solution
 * @param gradientNorm        the 2-norm of the gradient at the solution (projected gradient with bounds,
 *                            gradient mapping for composite problems)
 * @param iterations          iterations run (steps, for stochastic methods)
 * @param stopReason          why it stopped
 * @param message             a human-readable account of the stop
 * @param functionEvaluations evaluations of the objective (for stochastic methods: component evaluations,
 *                            {@code n} per full pass)
 * @param gradientEvaluations evaluations of the gradient (same unit)
 * @param hessianEvaluations  Hessians or Hessian-vector products computed
 * @param trajectory          {@code trajectory[k]} is the value after iteration {@code k} (index 0: the
 *                            starting point; for stochastic methods: after each check); empty if not recorded
 */
public record OptimResult(double[] solution, double value, double gradientNorm, int iterations,
                          StopReason stopReason, String message, long functionEvaluations,
                          long gradientEvaluations, long hessianEvaluations, double[] trajectory) {

    public OptimResult {
        solution = solution.clone();
        trajectory = trajectory == null ? new double[0] : trajectory.clone();
        message = message == null ? "" : message;
    }

    @Override
    public double[] solution() {
        return solution.clone();
    }

    @Override
    public double[] trajectory() {
        return trajectory.clone();
    }

    /** True if a tolerance test stopped the run ({@link StopReason#converged()}). */
    public boolean converged() {
        return stopReason.converged();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "OptimResult[%s after %d iterations: f = %.10g, |g| = %.3g, "
                        + "%d function / %d gradient / %d Hessian evaluations; %s]", stopReason, iterations, value,
                gradientNorm, functionEvaluations, gradientEvaluations, hessianEvaluations, message);
    }
}
