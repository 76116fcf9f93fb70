package dev.derive.optim.schedule;

/**
 * Linear warmup before any schedule (Goyal et al., "Accurate, large minibatch SGD", 2017): for
 * {@code t < warmupSteps} the rate rises linearly from {@code startFactor * after.at(0)} towards
 * {@code after.at(0)}, {@code eta_t = after.at(0) (startFactor + (1 - startFactor) t / warmupSteps)}; afterwards
 * {@code eta_t = after.at(t - warmupSteps)}, so the wrapped schedule starts where the warmup ends.
 *
 * @param warmupSteps the warmup length, {@code >= 1}
 * @param startFactor the fraction of the peak rate at step 0, in {@code [0, 1]}
 * @param after       the schedule that follows
 */
public record LinearWarmup(long warmupSteps, double startFactor, LearningRateSchedule after)
        implements LearningRateSchedule {

    public LinearWarmup {
        Check.atLeast("LinearWarmup", "warmupSteps", warmupSteps, 1);
        Check.in("LinearWarmup", "startFactor", startFactor, 0, true, 1, true);
        if (after == null) {
            throw new IllegalArgumentException("LinearWarmup: the schedule after the warmup must not be null");
        }
    }

    @Override
    public double at(long t) {
        Check.step(t);
        if (t < warmupSteps) {
            return after.at(0) * (startFactor + (1 - startFactor) * t / warmupSteps);
        }
        return after.at(t - warmupSteps);
    }
}
