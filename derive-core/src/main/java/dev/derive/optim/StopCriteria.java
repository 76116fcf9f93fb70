package dev.derive.optim;

/**
 * When a deterministic minimiser stops: the first test that holds after an iteration ends the run.
 *
 * <ul>
 *   <li>{@code ||g||_2 <= gradientTolerance}, where {@code g} is the gradient (the projected gradient for
 *       bound constraints, the gradient mapping {@code (x - prox(x - t grad f(x)))/t} for composite problems);
 *   <li>{@code f_{k-1} - f_k <= functionTolerance * max(|f_{k-1}|, |f_k|, 1)} (0 disables it);
 *   <li>{@code ||x_k - x_{k-1}||_2 <= stepTolerance * (1 + ||x_k||_2)} (0 disables it);
 *   <li>{@code maxIterations} iterations, or {@code maxEvaluations} evaluations of the objective.
 * </ul>
 *
 * @param maxIterations      the iteration budget, {@code >= 0} (0 evaluates the starting point only)
 * @param maxEvaluations     the budget of objective evaluations, {@code >= 1}
 * @param gradientTolerance  absolute tolerance on the 2-norm of the gradient, {@code >= 0}
 * @param functionTolerance  relative tolerance on the decrease of the objective, {@code >= 0}
 * @param stepTolerance      relative tolerance on the step length, {@code >= 0}
 * @param recordTrajectory   whether {@link OptimResult#trajectory()} records the value at every iteration
 */
public record StopCriteria(int maxIterations, int maxEvaluations, double gradientTolerance,
                           double functionTolerance, double stepTolerance, boolean recordTrajectory) {

    /** The defaults: 1000 iterations, 100 000 evaluations, gradient tolerance 1e-6, no function or step test. */
    public static final StopCriteria DEFAULT = new StopCriteria(1000, 100_000, 1e-6, 0, 0, false);

    public StopCriteria {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("StopCriteria: maxIterations must be >= 0, got " + maxIterations);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("StopCriteria: maxEvaluations must be >= 1, got " + maxEvaluations);
        }
        nonNegative("gradientTolerance", gradientTolerance);
        nonNegative("functionTolerance", functionTolerance);
        nonNegative("stepTolerance", stepTolerance);
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("StopCriteria: " + name + " must be finite and >= 0, got " + v);
        }
    }

    /** The defaults ({@link #DEFAULT}). */
    public static StopCriteria defaults() {
        return DEFAULT;
    }

    public StopCriteria withMaxIterations(int v) {
        return new StopCriteria(v, maxEvaluations, gradientTolerance, functionTolerance, stepTolerance, recordTrajectory);
    }

    public StopCriteria withMaxEvaluations(int v) {
        return new StopCriteria(maxIterations, v, gradientTolerance, functionTolerance, stepTolerance, recordTrajectory);
    }

    public StopCriteria withGradientTolerance(double v) {
        return new StopCriteria(maxIterations, maxEvaluations, v, functionTolerance, stepTolerance, recordTrajectory);
    }

    public StopCriteria withFunctionTolerance(double v) {
        return new StopCriteria(maxIterations, maxEvaluations, gradientTolerance, v, stepTolerance, recordTrajectory);
    }

    public StopCriteria withStepTolerance(double v) {
        return new StopCriteria(maxIterations, maxEvaluations, gradientTolerance, functionTolerance, v, recordTrajectory);
    }

    public StopCriteria withRecordTrajectory(boolean v) {
        return new StopCriteria(maxIterations, maxEvaluations, gradientTolerance, functionTolerance, stepTolerance, v);
    }

    /** The function-decrease test: {@code previous - current <= functionTolerance * max(|previous|, |current|, 1)}. */
    public boolean functionConverged(double previous, double current) {
        return functionTolerance > 0
                && previous - current <= functionTolerance * Math.max(1, Math.max(Math.abs(previous), Math.abs(current)));
    }

    /** The step test: {@code stepNorm <= stepTolerance * (1 + xNorm)}. */
    public boolean stepConverged(double stepNorm, double xNorm) {
        return stepTolerance > 0 && stepNorm <= stepTolerance * (1 + xNorm);
    }
}
