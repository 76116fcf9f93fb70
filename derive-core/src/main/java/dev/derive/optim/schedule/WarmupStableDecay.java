package dev.derive.optim.schedule;

/**
 * Warmup–stable–decay (WSD; Hu et al., "MiniCPM", 2024; Hägele et al., "Scaling laws and compute-optimal
 * training beyond fixed training durations", 2024): a linear warmup {@code eta_t = peakLr (t + 1) / warmupSteps}
 * for {@code t < warmupSteps} (reaching {@code peakLr} at its last step), a constant {@code peakLr} for {@code stableSteps}, then a decay to {@code minLr} over
 * {@code decaySteps} along the chosen {@link Shape}; {@code minLr} afterwards. With progress
 * {@code p in [0, 1]} through the decay, the rate is {@code minLr + (peakLr - minLr) s(p)} with
 * {@code s(p) = 1 - p} (linear), {@code (1 + cos(pi p))/2} (cosine) or {@code 1 - sqrt(p)} (the "1-sqrt"
 * cooldown of Hägele et al.).
 *
 * @param peakLr      the plateau rate, positive and finite
 * @param warmupSteps the warmup length, {@code >= 0}
 * @param stableSteps the plateau length, {@code >= 0}
 * @param decaySteps  the decay length, {@code >= 1}
 * @param minLr       the final rate, finite, {@code 0 <= minLr <= peakLr}
 * @param shape       the decay shape
 */
public record WarmupStableDecay(double peakLr, long warmupSteps, long stableSteps, long decaySteps, double minLr,
                                Shape shape) implements LearningRateSchedule {

    /** The shape of the decay phase. */
    public enum Shape { LINEAR, COSINE, SQRT }

    public WarmupStableDecay {
        Check.positive("WarmupStableDecay", "peakLr", peakLr);
        Check.atLeast("WarmupStableDecay", "warmupSteps", warmupSteps, 0);
        Check.atLeast("WarmupStableDecay", "stableSteps", stableSteps, 0);
        Check.atLeast("WarmupStableDecay", "decaySteps", decaySteps, 1);
        Check.in("WarmupStableDecay", "minLr", minLr, 0, true, peakLr, true);
        if (shape == null) {
            throw new IllegalArgumentException("WarmupStableDecay: shape must not be null");
        }
    }

    @Override
    public double at(long t) {
        Check.step(t);
        if (t < warmupSteps) {
            return peakLr * (t + 1) / warmupSteps;
        }
        long s = t - warmupSteps;
        if (s < stableSteps) {
            return peakLr;
        }
        double p = Math.min(1.0, (double) (s - stableSteps) / decaySteps);
        double f = switch (shape) {
            case LINEAR -> 1 - p;
            case COSINE -> 0.5 * (1 + Math.cos(Math.PI * p));
            case SQRT -> 1 - Math.sqrt(p);
        };
        return minLr + (peakLr - minLr) * f;
    }
}
