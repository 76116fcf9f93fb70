package dev.derive.optim.schedule;

/**
 * Step decay: the rate is multiplied by {@code gamma} every {@code stepSize} steps,
 * {@code eta_t = lr * gamma^floor(t / stepSize)} (PyTorch's {@code StepLR}).
 *
 * @param lr       the initial rate, positive and finite
 * @param stepSize the number of steps between decays, {@code >= 1}
 * @param gamma    the decay factor, in {@code (0, 1]}
 */
public record StepDecay(double lr, long stepSize, double gamma) implements LearningRateSchedule {
    public StepDecay {
        Check.positive("StepDecay", "lr", lr);
        Check.atLeast("StepDecay", "stepSize", stepSize, 1);
        Check.in("StepDecay", "gamma", gamma, 0, false, 1, true);
    }

    @Override
    public double at(long t) {
        Check.step(t);
        return lr * Math.pow(gamma, t / stepSize);
    }
}
