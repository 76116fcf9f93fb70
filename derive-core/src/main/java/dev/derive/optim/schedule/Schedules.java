package dev.derive.optim.schedule;

/** Factories for the learning-rate schedules, with the usual defaults. */
public final class Schedules {
    private Schedules() {
    }

    /** {@code eta_t = lr}. */
    public static LearningRateSchedule constant(double lr) {
        return new Constant(lr);
    }

    /** {@code lr * gamma^floor(t / stepSize)}. */
    public static LearningRateSchedule step(double lr, long stepSize, double gamma) {
        return new StepDecay(lr, stepSize, gamma);
    }

    /** {@code lr * gamma^t}. */
    public static LearningRateSchedule exponential(double lr, double gamma) {
        return new ExponentialDecay(lr, gamma);
    }

    /** {@code lr / (1 + decay t)}. */
    public static LearningRateSchedule inverseTime(double lr, double decay) {
        return new InverseTimeDecay(lr, decay, 1);
    }

    /** {@code lr / (1 + decay t)^power}. */
    public static LearningRateSchedule inverseTime(double lr, double decay, double power) {
        return new InverseTimeDecay(lr, decay, power);
    }

    /** Polynomial decay from {@code lr} to {@code endLr} over {@code totalSteps}. */
    public static LearningRateSchedule polynomial(double lr, double endLr, long totalSteps, double power) {
        return new PolynomialDecay(lr, endLr, totalSteps, power);
    }

    /** One cosine half-period from {@code lr} to {@code minLr} over {@code period} steps, then {@code minLr}. */
    public static LearningRateSchedule cosine(double lr, double minLr, long period) {
        return new CosineAnnealing(lr, minLr, period, 1, false);
    }

    /** Cosine annealing with warm restarts (SGDR), cycle lengths {@code period * multiplier^i}. */
    public static LearningRateSchedule cosineWithRestarts(double lr, double minLr, long period, double multiplier) {
        return new CosineAnnealing(lr, minLr, period, multiplier, true);
    }

    /** A linear warmup from 0 over {@code warmupSteps}, then {@code after} (shifted to start when the warmup ends). */
    public static LearningRateSchedule warmup(long warmupSteps, LearningRateSchedule after) {
        return new LinearWarmup(warmupSteps, 0, after);
    }

    /** The one-cycle policy with PyTorch's defaults. */
    public static LearningRateSchedule oneCycle(double maxLr, long totalSteps) {
        return OneCycle.of(maxLr, totalSteps);
    }

    /** Warmup–stable–decay with a linear decay to 0. */
    public static LearningRateSchedule warmupStableDecay(double peakLr, long warmupSteps, long stableSteps, long decaySteps) {
        return new WarmupStableDecay(peakLr, warmupSteps, stableSteps, decaySteps, 0, WarmupStableDecay.Shape.LINEAR);
    }
}
