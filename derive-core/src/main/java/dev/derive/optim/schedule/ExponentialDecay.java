package dev.derive.optim.schedule;

/**
 * Exponential decay, {@code eta_t = lr * gamma^t}.
 *
 * @param lr    the initial rate, positive and finite
 * @param gamma the per-step factor, in {@code (0, 1]}
 */
public record ExponentialDecay(double lr, double gamma) implements LearningRateSchedule {
    public ExponentialDecay {
        Check.positive("ExponentialDecay", "lr", lr);
        Check.in("ExponentialDecay", "gamma", gamma, 0, false, 1, true);
    }

    @Override
    public double at(long t) {
        Check.step(t);
        return lr * Math.pow(gamma, t);
    }
}
