package dev.derive.optim;

import java.util.Arrays;
import java.util.Locale;

/** Book-keeping shared by the minimisers: start-point checks, trajectory, observer, evaluation budget, result. */
final class Run {
    final String method;
    final Counted f;
    final StopCriteria stop;
    private final IterationObserver observer;
    private double[] trajectory;
    private int size;

    Run(String method, SmoothObjective f, StopCriteria stop, IterationObserver observer) {
        if (f == null) {
            throw new IllegalArgumentException(method + ": the objective must not be null");
        }
        if (f.dimension() < 1) {
            throw new IllegalArgumentException(method + ": the objective has dimension " + f.dimension()
                    + "; it must be >= 1");
        }
        this.method = method;
        this.f = new Counted(f);
        this.stop = stop == null ? StopCriteria.DEFAULT : stop;
        this.observer = observer == null ? IterationObserver.NONE : observer;
        this.trajectory = this.stop.recordTrajectory() ? new double[16] : null;
    }

    /** Checks that x0 has the objective's dimension and finite entries; returns a copy. */
    static double[] start(String method, int n, double[] x0) {
        if (x0 == null) {
            throw new IllegalArgumentException(method + ": the starting point must not be null");
        }
        if (x0.length != n) {
            throw new IllegalArgumentException(method + ": the starting point has length " + x0.length
                    + " but the objective has dimension " + n);
        }
        int bad = Vec.firstNonFinite(x0);
        if (bad >= 0) {
            throw new IllegalArgumentException(method + ": the starting point has " + x0[bad] + " at index " + bad
                    + "; it must be finite");
        }
        return x0.clone();
    }

    double[] start(double[] x0) {
        return start(method, f.n, x0);
    }

    /**
     * Records the state after an iteration (trajectory, observer). Returns false if the observer asked to stop.
     */
    boolean record(int iteration, double[] x, double value, double gradientNorm) {
        if (trajectory != null) {
            if (size == trajectory.length) {
                trajectory = Arrays.copyOf(trajectory, 2 * size);
            }
            trajectory[size++] = value;
        }
        return observer.onIteration(iteration, x, value, gradientNorm);
    }

    boolean evaluationsExhausted() {
        return f.values >= stop.maxEvaluations();
    }

    /** A message for a non-finite objective value or gradient. */
    static String nonFinite(String method, String where, double value, double[] gradient) {
        if (!Double.isFinite(value)) {
            return method + ": the objective returned " + value + " " + where;
        }
        int i = Vec.firstNonFinite(gradient);
        return method + ": the gradient has " + gradient[i] + " at index " + i + " " + where;
    }

    /** True if value and gradient are finite. */
    static boolean finite(double value, double[] gradient) {
        return Double.isFinite(value) && Vec.firstNonFinite(gradient) < 0;
    }

    OptimResult result(double[] x, double value, double gradientNorm, int iterations, StopReason reason,
                       String message) {
        return new OptimResult(x, value, gradientNorm, iterations, reason, message, f.values, f.gradients,
                f.hessians, trajectory == null ? null : Arrays.copyOf(trajectory, size));
    }

    /** A result with explicit evaluation counts (stochastic runs count component evaluations). */
    OptimResult result(double[] x, double value, double gradientNorm, int iterations, StopReason reason,
                       String message, long values, long gradients, long hessians) {
        return new OptimResult(x, value, gradientNorm, iterations, reason, message, values, gradients, hessians,
                trajectory == null ? null : Arrays.copyOf(trajectory, size));
    }

    /**
     * Records iteration {@code k} and returns the first stopping rule that holds: the observer asked to
     * stop, the gradient (or gradient-mapping) norm is within tolerance, the objective stopped decreasing,
     * or the step became negligible; {@code null} to go on.
     */
    StopReason converged(int k, double[] x, double fPrev, double fx, double gnorm, double stepNorm) {
        if (!record(k, x, fx, gnorm)) {
            return StopReason.OBSERVER_STOPPED;
        }
        if (gnorm <= stop.gradientTolerance()) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (stop.functionConverged(fPrev, fx)) {
            return StopReason.FUNCTION_TOLERANCE;
        }
        if (stop.stepConverged(stepNorm, Vec.norm(x))) {
            return StopReason.STEP_TOLERANCE;
        }
        return null;
    }

    /**
     * The checks at the starting point of a gradient method: a non-finite value or gradient, the observer,
     * or a gradient already within tolerance end the run there (the returned result); {@code null} to go on.
     */
    OptimResult atStart(double[] x, double fx, double[] g) {
        if (!finite(fx, g)) {
            return result(x, fx, Double.isFinite(fx) ? Vec.norm(g) : Double.NaN, 0, StopReason.NON_FINITE,
                    nonFinite(method, "at the starting point", fx, g));
        }
        double gnorm = Vec.norm(g);
        if (!record(0, x, fx, gnorm)) {
            return result(x, fx, gnorm, 0, StopReason.OBSERVER_STOPPED, message(StopReason.OBSERVER_STOPPED, 0, gnorm));
        }
        if (gnorm <= stop.gradientTolerance()) {
            return result(x, fx, gnorm, 0, StopReason.GRADIENT_TOLERANCE, message(StopReason.GRADIENT_TOLERANCE, 0, gnorm));
        }
        return null;
    }

    /** The standard message for a converged or exhausted run. */
    String message(StopReason reason, int iterations, double gradientNorm) {
        return switch (reason) {
            case GRADIENT_TOLERANCE -> String.format(Locale.ROOT, "%s: gradient norm %.3g <= %.3g after %d iterations",
                    method, gradientNorm, stop.gradientTolerance(), iterations);
            case FUNCTION_TOLERANCE -> String.format(Locale.ROOT,
                    "%s: relative decrease of the objective <= %.3g after %d iterations", method,
                    stop.functionTolerance(), iterations);
            case STEP_TOLERANCE -> String.format(Locale.ROOT, "%s: relative step <= %.3g after %d iterations", method,
                    stop.stepTolerance(), iterations);
            case MAX_ITERATIONS -> String.format(Locale.ROOT,
                    "%s: reached maxIterations = %d without convergence (gradient norm %.3g)", method,
                    stop.maxIterations(), gradientNorm);
            case MAX_EVALUATIONS -> String.format(Locale.ROOT,
                    "%s: used maxEvaluations = %d objective evaluations after %d iterations (gradient norm %.3g)",
                    method, stop.maxEvaluations(), iterations, gradientNorm);
            case OBSERVER_STOPPED -> method + ": the iteration observer stopped the run after " + iterations
                    + " iterations";
            default -> method + ": " + reason;
        };
    }
}
