package dev.derive.optim.schedule;

/**
 * Inverse-time decay, {@code eta_t = lr / (1 + decay * t)^power}: {@code power = 1} gives the
 * {@code O(1/t)} steps of the Robbins–Monro conditions for SGD on strongly convex problems, {@code power = 1/2}
 * the {@code O(1/sqrt t)} steps for merely convex ones.
 *
 * @param lr    the initial rate, positive and finite
 * @param decay the decay rate, finite and {@code >= 0}
 * @param power the exponent, positive and finite
 */
public record InverseTimeDecay(double lr, double decay, double power) implements LearningRateSchedule {
    public InverseTimeDecay {
        Check.positive("InverseTimeDecay", "lr", lr);
        Check.nonNegative("InverseTimeDecay", "decay", decay);
        Check.positive("InverseTimeDecay", "power", power);
    }

    @Override
    public double at(long t) {
        Check.step(t);
        return lr / Math.pow(1 + decay * t, power);
    }
}
