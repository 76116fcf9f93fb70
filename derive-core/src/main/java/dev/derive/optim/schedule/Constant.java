package dev.derive.optim.schedule;

/**
 * A constant learning rate, {@code eta_t = lr}.
 *
 * @param lr the learning rate, positive and finite
 */
public record Constant(double lr) implements LearningRateSchedule {
    public Constant {
        Check.positive("Constant", "lr", lr);
    }

    @Override
    public double at(long t) {
        Check.step(t);
        return lr;
    }
}
