package dev.derive.optim.vr;

import dev.derive.optim.FiniteSumObjective;
import dev.derive.optim.IterationObserver;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.StopReason;
import dev.derive.optim.prox.ProximalFunction;
import java.util.Arrays;
import java.util.Locale;

/**
 * Book-keeping shared by the variance-reduced methods: input checks, component-evaluation counts, the per-epoch
 * full evaluation, stopping tests, trajectory and result.
 */
final class EpochRun {
    final String method;
    final FiniteSumObjective f;
    final ProximalFunction h;
    final StopCriteria stop;
    final IterationObserver observer;
    final int n;
    final int d;
    long values;
    long gradients;
    private double[] trajectory;
    private int size;
    /** The last checked iterate, its objective value and gradient(-mapping) norm. */
    final double[] lastX;
    double lastValue;
    double lastNorm;

    EpochRun(String method, FiniteSumObjective f, ProximalFunction h, StopCriteria stop, IterationObserver observer,
             double[] x0) {
        if (f == null) {
            throw new IllegalArgumentException(method + ": the objective must not be null");
        }
        this.method = method;
        this.f = f;
        this.h = h;
        this.stop = stop;
        this.observer = observer == null ? IterationObserver.NONE : observer;
        this.n = f.size();
        this.d = f.dimension();
        if (n < 1) {
            throw new IllegalArgumentException(method + ": the objective has " + n + " components; it needs at least 1");
        }
        if (d < 1) {
            throw new IllegalArgumentException(method + ": the objective has dimension " + d + "; it must be >= 1");
        }
        if (h != null && h.dimension() != ProximalFunction.ANY_DIMENSION && h.dimension() != d) {
            throw new IllegalArgumentException(method + ": the proximal term needs dimension " + h.dimension()
                    + " but the objective has dimension " + d);
        }
        if (x0 == null) {
            throw new IllegalArgumentException(method + ": the starting point must not be null");
        }
        if (x0.length != d) {
            throw new IllegalArgumentException(method + ": the starting point has length " + x0.length
                    + " but the objective has dimension " + d);
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(x0[j])) {
                throw new IllegalArgumentException(method + ": the starting point has " + x0[j] + " at index " + j
                        + "; it must be finite");
            }
        }
        this.trajectory = stop.recordTrajectory() ? new double[16] : null;
        this.lastX = x0.clone();
    }

    /** One component gradient (counted). */
    double component(int i, double[] x, double[] g) {
        values++;
        gradients++;
        return f.componentValueAndGradient(i, x, g);
    }

    /** Full value {@code f(x) + h(x)} and gradient of {@code f} (counted as n component evaluations). */
    double full(double[] x, double[] grad) {
        values += n;
        gradients += n;
        double v = f.valueAndGradient(x, grad);
        return h == null ? v : v + h.value(x);
    }

    /** {@code ||grad f||}, or the gradient-mapping norm {@code ||x - prox_{eta h}(x - eta grad)|| / eta}. */
    double stationarity(double[] x, double[] grad, double eta) {
        double s = 0;
        if (h == null) {
            for (double v : grad) {
                s += v * v;
            }
            return Math.sqrt(s);
        }
        double[] p = new double[d];
        for (int j = 0; j < d; j++) {
            p[j] = x[j] - eta * grad[j];
        }
        h.prox(p, eta, p);
        for (int j = 0; j < d; j++) {
            double t = x[j] - p[j];
            s += t * t;
        }
        return Math.sqrt(s) / eta;
    }

    /** Applies {@code x <- prox_{t h}(x)} (nothing without a proximal term). */
    void prox(double[] x, double t) {
        if (h != null) {
            h.prox(x, t, x);
        }
    }

    static boolean finite(double v, double[] a) {
        if (!Double.isFinite(v)) {
            return false;
        }
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private boolean record(int k, double[] x, double value, double gn) {
        if (trajectory != null) {
            if (size == trajectory.length) {
                trajectory = Arrays.copyOf(trajectory, 2 * size);
            }
            trajectory[size++] = value;
        }
        return observer.onIteration(k, x, value, gn);
    }

    /**
     * The checks at the starting point: a non-finite value or gradient, the observer or a small gradient end the
     * run (the returned result); {@code null} to go on.
     */
    OptimResult atStart(double[] x, double value, double[] grad, double gn) {
        lastValue = value;
        lastNorm = gn;
        if (!finite(value, grad)) {
            return result(x, value, gn, 0, StopReason.NON_FINITE, method + ": the objective or its gradient is "
                    + "not finite at the starting point (value " + value + ")");
        }
        if (!record(0, x, value, gn)) {
            return result(x, value, gn, 0, StopReason.OBSERVER_STOPPED, message(StopReason.OBSERVER_STOPPED, 0, gn));
        }
        if (gn <= stop.gradientTolerance()) {
            return result(x, value, gn, 0, StopReason.GRADIENT_TOLERANCE, message(StopReason.GRADIENT_TOLERANCE, 0, gn));
        }
        if (stop.maxIterations() == 0) {
            return result(x, value, gn, 0, StopReason.MAX_ITERATIONS, message(StopReason.MAX_ITERATIONS, 0, gn));
        }
        return null;
    }

    /**
     * The checks after epoch {@code k} at the iterate {@code x} with full value and gradient: returns the finished
     * result, or {@code null} to run another epoch. Updates the checkpoint.
     */
    OptimResult afterEpoch(int k, double[] x, double value, double[] grad, double gn) {
        if (!finite(value, grad) || !finite(0, x)) {
            return result(lastX, lastValue, lastNorm, k, StopReason.NON_FINITE, String.format(Locale.ROOT,
                    "%s: the objective, its gradient or the iterate became non-finite in epoch %d (is the step size "
                            + "too large?); the result is the iterate after epoch %d", method, k, k - 1));
        }
        double step = 0;
        double xn = 0;
        for (int j = 0; j < d; j++) {
            double t = x[j] - lastX[j];
            step += t * t;
            xn += x[j] * x[j];
        }
        double prev = lastValue;
        System.arraycopy(x, 0, lastX, 0, d);
        lastValue = value;
        lastNorm = gn;
        StopReason r = null;
        if (!record(k, x, value, gn)) {
            r = StopReason.OBSERVER_STOPPED;
        } else if (gn <= stop.gradientTolerance()) {
            r = StopReason.GRADIENT_TOLERANCE;
        } else if (stop.functionConverged(prev, value)) {
            r = StopReason.FUNCTION_TOLERANCE;
        } else if (stop.stepConverged(Math.sqrt(step), Math.sqrt(xn))) {
            r = StopReason.STEP_TOLERANCE;
        } else if (k >= stop.maxIterations()) {
            r = StopReason.MAX_ITERATIONS;
        } else if (gradients >= stop.maxEvaluations()) {
            r = StopReason.MAX_EVALUATIONS;
        }
        return r == null ? null : result(x, value, gn, k, r, message(r, k, gn));
    }

    OptimResult result(double[] x, double value, double gn, int k, StopReason r, String message) {
        return new OptimResult(x, value, gn, k, r, message, values, gradients, 0,
                trajectory == null ? null : Arrays.copyOf(trajectory, size));
    }

    private String message(StopReason r, int k, double gn) {
        return switch (r) {
            case GRADIENT_TOLERANCE -> String.format(Locale.ROOT, "%s: %s %.3g <= %.3g after %d epochs", method,
                    h == null ? "gradient norm" : "gradient-mapping norm", gn, stop.gradientTolerance(), k);
            case FUNCTION_TOLERANCE -> String.format(Locale.ROOT,
                    "%s: relative decrease of the objective <= %.3g after %d epochs", method, stop.functionTolerance(), k);
            case STEP_TOLERANCE -> String.format(Locale.ROOT, "%s: relative change of the iterate <= %.3g after %d "
                    + "epochs", method, stop.stepTolerance(), k);
            case MAX_ITERATIONS -> String.format(Locale.ROOT, "%s: reached maxIterations = %d epochs without "
                    + "convergence (gradient norm %.3g)", method, stop.maxIterations(), gn);
            case MAX_EVALUATIONS -> String.format(Locale.ROOT, "%s: used %d >= maxEvaluations = %d component gradients "
                    + "after %d epochs (gradient norm %.3g)", method, gradients, stop.maxEvaluations(), k, gn);
            case OBSERVER_STOPPED -> method + ": the iteration observer stopped the run after " + k + " epochs";
            default -> method + ": " + r;
        };
    }

    /** The default stopping criteria of the variance-reduced methods: 100 epochs, gradient norm 1e-6. */
    static final StopCriteria DEFAULT_STOP = new StopCriteria(100, Integer.MAX_VALUE, 1e-6, 0, 0, false);

    static void positiveFinite(String method, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(method + ": " + name + " must be positive and finite, got " + v);
        }
    }
}
