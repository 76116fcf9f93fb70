package dev.derive.optim.schedule;

/**
 * A learning-rate schedule: the learning rate {@code eta_t} to use at step {@code t = 0, 1, 2, ...}.
 * Implementations are immutable and validate their parameters at construction; factories are in
 * {@link Schedules}.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The learning rate at step {@code t >= 0}: positive and finite (or 0 at the end of a decay to 0). */
    double at(long t);
}
