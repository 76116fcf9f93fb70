package dev.derive.optim.schedule;

/**
 * The one-cycle policy (Smith &amp; Topin, "Super-convergence", 2019), in the cosine form of PyTorch's
 * {@code OneCycleLR}: the rate rises from {@code maxLr / divFactor} to {@code maxLr} over the first
 * {@code pctStart * totalSteps} steps and falls to {@code maxLr / (divFactor * finalDivFactor)} by
 * {@code totalSteps}, each phase along a half cosine; it stays at the final rate afterwards.
 *
 * @param maxLr          the peak rate, positive and finite
 * @param totalSteps     the cycle length, {@code >= 2}
 * @param pctStart       the fraction of the cycle spent rising, in {@code (0, 1)}
 * @param divFactor      initial rate = {@code maxLr / divFactor}, finite and {@code >= 1}
 * @param finalDivFactor final rate = initial rate / {@code finalDivFactor}, finite and {@code >= 1}
 */
public record OneCycle(double maxLr, long totalSteps, double pctStart, double divFactor, double finalDivFactor)
        implements LearningRateSchedule {

    public OneCycle {
        Check.positive("OneCycle", "maxLr", maxLr);
        Check.atLeast("OneCycle", "totalSteps", totalSteps, 2);
        Check.in("OneCycle", "pctStart", pctStart, 0, false, 1, false);
        Check.in("OneCycle", "divFactor", divFactor, 1, true, Double.MAX_VALUE, true);
        Check.in("OneCycle", "finalDivFactor", finalDivFactor, 1, true, Double.MAX_VALUE, true);
    }

    /** PyTorch's defaults: {@code pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4}. */
    public static OneCycle of(double maxLr, long totalSteps) {
        return new OneCycle(maxLr, totalSteps, 0.3, 25, 1e4);
    }

    @Override
    public double at(long t) {
        Check.step(t);
        double initial = maxLr / divFactor;
        double last = initial / finalDivFactor;
        double rise = pctStart * totalSteps;
        if (t <= rise) {
            return cos(initial, maxLr, t / rise);
        }
        if (t >= totalSteps) {
            return last;
        }
        return cos(maxLr, last, (t - rise) / (totalSteps - rise));
    }

    /** From a to b along a half cosine, p in [0, 1]. */
    private static double cos(double a, double b, double p) {
        return b + (a - b) * 0.5 * (1 + Math.cos(Math.PI * p));
    }
}
