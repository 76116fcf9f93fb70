package dev.derive.optim;

import dev.derive.optim.first.FirstOrderMethod;
import dev.derive.optim.first.GradientClipping;
import dev.derive.optim.first.HessianVectorProduct;
import dev.derive.optim.first.Stepper;
import dev.derive.optim.schedule.Constant;
import dev.derive.optim.schedule.LearningRateSchedule;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Runs a {@link FirstOrderMethod} (SGD, momentum, Nesterov, Adam, ...) on an objective: with the full gradient
 * ({@link #minimize}) or with mini-batches of a {@link FiniteSumObjective} ({@link #minimizeStochastic}).
 * Each step clips the gradient ({@link GradientClipping}), takes the learning rate {@code schedule.at(t)} and
 * hands both to the method's stepper.
 *
 * <p>Every {@code checkEvery} steps (default: every step with full gradients, every epoch of
 * {@code ceil(n / batchSize)} steps with mini-batches) the run evaluates the full objective and gradient at the
 * method's iterate (for Nesterov and schedule-free methods not the point where gradients are taken); these
 * checks feed the {@link StopCriteria} tests, the trajectory and the observer, and their iterate is the result.
 * {@link StopCriteria#maxIterations()} counts steps. With mini-batches, evaluation counts (and
 * {@link StopCriteria#maxEvaluations()}) are in component evaluations: a batch of {@code b} counts {@code b}, a
 * full pass {@code n}.
 *
 * <p>A non-finite value or gradient (a diverging learning rate, typically) stops the run with
 * {@link StopReason#NON_FINITE} at the last checked iterate. Hessian-vector products for Sophia are exact for a
 * {@link HessianVectorObjective} with full gradients, otherwise central differences of the (mini-batch)
 * gradient, {@code (g(x + h v) - g(x - h v)) / 2h}.
 *
 * <p>Mini-batches are drawn with a {@link SplittableRandom} seeded with {@code seed}: the same seed gives the
 * same run.
 *
 * @param method     the update rule
 * @param schedule   the learning rate at each step
 * @param clipping   gradient clipping (default none)
 * @param batchSize  the mini-batch size for {@link #minimizeStochastic}, {@code >= 1} (default 32)
 * @param sampling   how mini-batches are drawn (default {@link Sampling#EPOCHS})
 * @param seed       the sampling seed (default 0)
 * @param checkEvery steps between checks, {@code >= 1}, or 0 for the default
 * @param stop       the stopping criteria
 */
public record FirstOrderMinimizer(FirstOrderMethod method, LearningRateSchedule schedule, GradientClipping clipping,
                                  int batchSize, Sampling sampling, long seed, int checkEvery, StopCriteria stop) {

    /** How mini-batches are drawn. */
    public enum Sampling {
        /** Shuffle the components each epoch and walk through them in batches (the last one may be smaller). */
        EPOCHS,
        /** Draw each batch uniformly with replacement. */
        WITH_REPLACEMENT
    }

    public FirstOrderMinimizer {
        if (method == null) {
            throw new IllegalArgumentException("FirstOrderMinimizer: method must not be null");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("FirstOrderMinimizer: schedule must not be null; " + method
                    + " has no learning rate of its own, give one with FirstOrderMinimizer.of(method, learningRate)");
        }
        if (clipping == null) {
            clipping = GradientClipping.NONE;
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("FirstOrderMinimizer: batchSize must be >= 1, got " + batchSize);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("FirstOrderMinimizer: sampling must not be null");
        }
        if (checkEvery < 0) {
            throw new IllegalArgumentException("FirstOrderMinimizer: checkEvery must be >= 0 (0 = default), got " + checkEvery);
        }
        if (stop == null) {
            throw new IllegalArgumentException("FirstOrderMinimizer: stop must not be null");
        }
    }

    /** The method with its own suggested learning rate (e.g. {@link dev.derive.optim.first.Nesterov#stronglyConvex}). */
    public static FirstOrderMinimizer of(FirstOrderMethod method) {
        double lr = method == null ? Double.NaN : method.suggestedLearningRate();
        return new FirstOrderMinimizer(method, Double.isFinite(lr) && lr > 0 ? new Constant(lr) : null, null, 32,
                Sampling.EPOCHS, 0, 0, StopCriteria.DEFAULT);
    }

    /** The method with a constant learning rate. */
    public static FirstOrderMinimizer of(FirstOrderMethod method, double learningRate) {
        return new FirstOrderMinimizer(method, new Constant(learningRate), null, 32, Sampling.EPOCHS, 0, 0,
                StopCriteria.DEFAULT);
    }

    /** The method with a learning-rate schedule. */
    public static FirstOrderMinimizer of(FirstOrderMethod method, LearningRateSchedule schedule) {
        return new FirstOrderMinimizer(method, schedule, null, 32, Sampling.EPOCHS, 0, 0, StopCriteria.DEFAULT);
    }

    public FirstOrderMinimizer withSchedule(LearningRateSchedule s) {
        return new FirstOrderMinimizer(method, s, clipping, batchSize, sampling, seed, checkEvery, stop);
    }

    public FirstOrderMinimizer withLearningRate(double lr) {
        return withSchedule(new Constant(lr));
    }

    public FirstOrderMinimizer withClipping(GradientClipping c) {
        return new FirstOrderMinimizer(method, schedule, c, batchSize, sampling, seed, checkEvery, stop);
    }

    public FirstOrderMinimizer withBatchSize(int b) {
        return new FirstOrderMinimizer(method, schedule, clipping, b, sampling, seed, checkEvery, stop);
    }

    public FirstOrderMinimizer withSampling(Sampling s) {
        return new FirstOrderMinimizer(method, schedule, clipping, batchSize, s, seed, checkEvery, stop);
    }

    public FirstOrderMinimizer withSeed(long s) {
        return new FirstOrderMinimizer(method, schedule, clipping, batchSize, sampling, s, checkEvery, stop);
    }

    public FirstOrderMinimizer withCheckEvery(int k) {
        return new FirstOrderMinimizer(method, schedule, clipping, batchSize, sampling, seed, k, stop);
    }

    public FirstOrderMinimizer withStop(StopCriteria s) {
        return new FirstOrderMinimizer(method, schedule, clipping, batchSize, sampling, seed, checkEvery, s);
    }

    /** Full-gradient run from {@code x0}. */
    public OptimResult minimize(SmoothObjective f, double[] x0) {
        return minimize(f, x0, IterationObserver.NONE);
    }

    /** Mini-batch run from {@code x0}. */
    public OptimResult minimizeStochastic(FiniteSumObjective f, double[] x0) {
        return minimizeStochastic(f, x0, IterationObserver.NONE);
    }

    private String name() {
        return method.getClass().getSimpleName();
    }

    private double rate(long t) {
        double lr = schedule.at(t);
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalStateException(name() + ": the learning-rate schedule returned " + lr + " at step " + t);
        }
        return lr;
    }

    /** The state of the last check: the iterate, its value and gradient norm. */
    private static final class Checkpoint {
        final double[] x;
        double value;
        double gnorm;

        Checkpoint(double[] x, double value, double gnorm) {
            this.x = x.clone();
            this.value = value;
            this.gnorm = gnorm;
        }
    }

    /**
     * Full-gradient run: each step uses {@code grad f} at the method's gradient point.
     *
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry
     */
    public OptimResult minimize(SmoothObjective objective, double[] x0, IterationObserver observer) {
        String name = name();
        Run run = new Run(name, objective, stop, observer);
        Counted f = run.f;
        double[] params = run.start(x0);
        int n = params.length;
        Stepper stepper = method.start(n);
        double[] g = new double[n];
        double[] gc = new double[n];
        double[] sol = new double[n];
        double[] gs = new double[n];
        double fy = f.valueAndGradient(params, g);
        if (!Run.finite(fy, g)) {
            return run.result(params, fy, Double.isFinite(fy) ? Vec.norm(g) : Double.NaN, 0, StopReason.NON_FINITE,
                    Run.nonFinite(name, "at the starting point", fy, g));
        }
        Checkpoint last = new Checkpoint(params, fy, Vec.norm(g));
        if (!run.record(0, params, fy, last.gnorm)) {
            return run.result(params, fy, last.gnorm, 0, StopReason.OBSERVER_STOPPED, run.message(StopReason.OBSERVER_STOPPED, 0, last.gnorm));
        }
        if (last.gnorm <= stop.gradientTolerance()) {
            return run.result(params, fy, last.gnorm, 0, StopReason.GRADIENT_TOLERANCE,
                    run.message(StopReason.GRADIENT_TOLERANCE, 0, last.gnorm));
        }
        int every = checkEvery == 0 ? 1 : checkEvery;
        int maxIt = stop.maxIterations();
        for (int t = 1; t <= maxIt; t++) {
            if (run.evaluationsExhausted()) {
                return run.result(last.x, last.value, last.gnorm, t - 1, StopReason.MAX_EVALUATIONS,
                        run.message(StopReason.MAX_EVALUATIONS, t - 1, last.gnorm));
            }
            System.arraycopy(g, 0, gc, 0, n);
            clipping.clip(gc);
            HessianVectorProduct hvp = method.usesHessianVectorProducts() ? fullHvp(f, objective, params.clone()) : null;
            stepper.step(params, gc, rate(t - 1), hvp);
            fy = f.valueAndGradient(params, g);
            if (!Run.finite(fy, g)) {
                return run.result(last.x, last.value, last.gnorm, t, StopReason.NON_FINITE,
                        Run.nonFinite(name, "after step " + t + " (is the learning rate too large?); the result is the "
                                + "last checked iterate", fy, g));
            }
            if (t % every != 0 && t != maxIt) {
                continue;
            }
            double fx;
            double gn;
            if (stepper.solutionIsParams()) {
                System.arraycopy(params, 0, sol, 0, n);
                fx = fy;
                gn = Vec.norm(g);
            } else {
                stepper.solution(params, sol);
                fx = f.valueAndGradient(sol, gs);
                if (!Run.finite(fx, gs)) {
                    return run.result(last.x, last.value, last.gnorm, t, StopReason.NON_FINITE,
                            Run.nonFinite(name, "at the iterate after step " + t, fx, gs));
                }
                gn = Vec.norm(gs);
            }
            StopReason r = check(run, t, sol, fx, gn, last);
            if (r != null) {
                return run.result(sol, fx, gn, t, r, run.message(r, t, gn));
            }
        }
        return run.result(last.x, last.value, last.gnorm, maxIt, StopReason.MAX_ITERATIONS,
                run.message(StopReason.MAX_ITERATIONS, maxIt, last.gnorm));
    }

    /** The stopping tests at a check; updates the checkpoint. Returns null to continue. */
    private StopReason check(Run run, int t, double[] sol, double fx, double gn, Checkpoint last) {
        double step = Vec.distance(sol, last.x);
        double prev = last.value;
        System.arraycopy(sol, 0, last.x, 0, sol.length);
        last.value = fx;
        last.gnorm = gn;
        if (!run.record(t, sol, fx, gn)) {
            return StopReason.OBSERVER_STOPPED;
        }
        if (gn <= stop.gradientTolerance()) {
            return StopReason.GRADIENT_TOLERANCE;
        }
        if (stop.functionConverged(prev, fx)) {
            return StopReason.FUNCTION_TOLERANCE;
        }
        if (stop.stepConverged(step, Vec.norm(sol))) {
            return StopReason.STEP_TOLERANCE;
        }
        return null;
    }

    private static HessianVectorProduct fullHvp(Counted f, SmoothObjective objective, double[] at) {
        if (objective instanceof HessianVectorObjective) {
            return (v, out) -> f.hessianVector(at, v, out);
        }
        int n = at.length;
        return (v, out) -> {
            f.hessians++;
            centralDifference(at, v, out, (x, g) -> f.gradient(x, g), n);
        };
    }

    @FunctionalInterface
    private interface GradientAt {
        void apply(double[] x, double[] g);
    }

    /** out = (g(x + h v) - g(x - h v)) / 2h with h = eps^(1/3) max(1, ||x||) / ||v||. */
    private static void centralDifference(double[] x, double[] v, double[] out, GradientAt grad, int n) {
        double vn = Vec.norm(v);
        if (vn == 0) {
            java.util.Arrays.fill(out, 0);
            return;
        }
        double h = Math.cbrt(Math.ulp(1.0)) * Math.max(1, Vec.norm(x)) / vn;
        double[] p = new double[n];
        double[] gp = new double[n];
        double[] gm = new double[n];
        Vec.step(x, h, v, p);
        grad.apply(p, gp);
        Vec.step(x, -h, v, p);
        grad.apply(p, gm);
        for (int i = 0; i < n; i++) {
            out[i] = (gp[i] - gm[i]) / (2 * h);
        }
    }

    /**
     * Mini-batch run: each step uses the mean gradient of a batch of {@code batchSize} components, drawn as
     * {@link #sampling()} says with the {@link #seed()}.
     *
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry, or the objective
     *                                  has no components
     */
    public OptimResult minimizeStochastic(FiniteSumObjective objective, double[] x0, IterationObserver observer) {
        String name = name() + " (stochastic)";
        Run run = new Run(name, objective, stop, observer);
        int m = objective.size();
        if (m < 1) {
            throw new IllegalArgumentException(name + ": the objective has " + m + " components; it needs at least 1");
        }
        double[] params = run.start(x0);
        int n = params.length;
        int b = Math.min(batchSize, m);
        int every = checkEvery == 0 ? (m + b - 1) / b : checkEvery;
        Stepper stepper = method.start(n);
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        int pos = m; // forces a shuffle before the first batch
        int[] batch = new int[b];
        long[] evals = new long[3]; // values, gradients, hessian products (in components)
        double[] g = new double[n];
        double[] gs = new double[n];
        double[] sol = new double[n];
        double fx = objective.valueAndGradient(params, gs);
        evals[0] += m;
        evals[1] += m;
        if (!Run.finite(fx, gs)) {
            return run.result(params, fx, Double.isFinite(fx) ? Vec.norm(gs) : Double.NaN, 0, StopReason.NON_FINITE,
                    Run.nonFinite(name, "at the starting point", fx, gs), evals[0], evals[1], evals[2]);
        }
        Checkpoint last = new Checkpoint(params, fx, Vec.norm(gs));
        if (!run.record(0, params, fx, last.gnorm)) {
            return run.result(params, fx, last.gnorm, 0, StopReason.OBSERVER_STOPPED,
                    run.message(StopReason.OBSERVER_STOPPED, 0, last.gnorm), evals[0], evals[1], evals[2]);
        }
        if (last.gnorm <= stop.gradientTolerance()) {
            return run.result(params, fx, last.gnorm, 0, StopReason.GRADIENT_TOLERANCE,
                    run.message(StopReason.GRADIENT_TOLERANCE, 0, last.gnorm), evals[0], evals[1], evals[2]);
        }
        int maxIt = stop.maxIterations();
        for (int t = 1; t <= maxIt; t++) {
            if (evals[0] >= stop.maxEvaluations()) {
                return run.result(last.x, last.value, last.gnorm, t - 1, StopReason.MAX_EVALUATIONS,
                        String.format(Locale.ROOT, "%s: used maxEvaluations = %d component evaluations after %d steps",
                                name, stop.maxEvaluations(), t - 1), evals[0], evals[1], evals[2]);
            }
            int len;
            if (sampling == Sampling.EPOCHS) {
                if (pos >= m) {
                    for (int i = m - 1; i > 0; i--) {
                        int j = rng.nextInt(i + 1);
                        int tmp = order[i];
                        order[i] = order[j];
                        order[j] = tmp;
                    }
                    pos = 0;
                }
                len = Math.min(b, m - pos);
                System.arraycopy(order, pos, batch, 0, len);
                pos += len;
            } else {
                len = b;
                for (int i = 0; i < b; i++) {
                    batch[i] = rng.nextInt(m);
                }
            }
            double fb = objective.batchValueAndGradient(batch, 0, len, params, g);
            evals[0] += len;
            evals[1] += len;
            if (!Run.finite(fb, g)) {
                return run.result(last.x, last.value, last.gnorm, t, StopReason.NON_FINITE,
                        Run.nonFinite(name, "on the mini-batch of step " + t + " (is the learning rate too large?); the "
                                + "result is the last checked iterate", fb, g), evals[0], evals[1], evals[2]);
            }
            clipping.clip(g);
            HessianVectorProduct hvp = null;
            if (method.usesHessianVectorProducts()) {
                double[] at = params.clone();
                int[] bt = batch.clone();
                int bl = len;
                hvp = (v, out) -> {
                    evals[1] += 2L * bl;
                    evals[2]++;
                    centralDifference(at, v, out, (x, gg) -> objective.batchValueAndGradient(bt, 0, bl, x, gg), n);
                };
            }
            stepper.step(params, g, rate(t - 1), hvp);
            if (t % every != 0 && t != maxIt) {
                continue;
            }
            stepper.solution(params, sol);
            fx = objective.valueAndGradient(sol, gs);
            evals[0] += m;
            evals[1] += m;
            if (!Run.finite(fx, gs)) {
                return run.result(last.x, last.value, last.gnorm, t, StopReason.NON_FINITE,
                        Run.nonFinite(name, "at the iterate after step " + t + " (is the learning rate too large?); the "
                                + "result is the last checked iterate", fx, gs), evals[0], evals[1], evals[2]);
            }
            double gn = Vec.norm(gs);
            StopReason r = check(run, t, sol, fx, gn, last);
            if (r != null) {
                return run.result(sol, fx, gn, t, r, run.message(r, t, gn), evals[0], evals[1], evals[2]);
            }
        }
        return run.result(last.x, last.value, last.gnorm, maxIt, StopReason.MAX_ITERATIONS,
                run.message(StopReason.MAX_ITERATIONS, maxIt, last.gnorm), evals[0], evals[1], evals[2]);
    }
}
