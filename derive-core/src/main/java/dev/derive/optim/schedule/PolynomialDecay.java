package dev.derive.optim.schedule;

/**
 * Polynomial decay from {@code lr} to {@code endLr} over {@code totalSteps},
 * {@code eta_t = (lr - endLr) (1 - min(t, T)/T)^power + endLr}; {@code power = 1} is linear decay.
 *
 * @param lr         the initial rate, positive and finite
 * @param endLr      the final rate, finite, {@code 0 <= endLr <= lr}
 * @param totalSteps {@code T >= 1}; the rate stays at {@code endLr} afterwards
 * @param power      the exponent, positive and finite
 */
public record PolynomialDecay(double lr, double endLr, long totalSteps, double power) implements LearningRateSchedule {
    public PolynomialDecay {
        Check.positive("PolynomialDecay", "lr", lr);
        Check.in("PolynomialDecay", "endLr", endLr, 0, true, lr, true);
        Check.atLeast("PolynomialDecay", "totalSteps", totalSteps, 1);
        Check.positive("PolynomialDecay", "power", power);
    }

    @Override
    public double at(long t) {
        Check.step(t);
        double frac = 1 - (double) Math.min(t, totalSteps) / totalSteps;
        return (lr - endLr) * Math.pow(frac, power) + endLr;
    }
}
