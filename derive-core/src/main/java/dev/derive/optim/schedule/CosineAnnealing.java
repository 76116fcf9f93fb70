package dev.derive.optim.schedule;

/**
 * Cosine annealing with optional warm restarts (SGDR; Loshchilov &amp; Hutter, ICLR 2017, eq. 5):
 * {@code eta_t = minLr + (lr - minLr) (1 + cos(pi T_cur / T_i)) / 2}, where {@code T_cur} counts the steps
 * since the last restart and the {@code i}-th cycle lasts {@code T_i = period * multiplier^i} steps. Without
 * restarts ({@code restarts = false}) there is one cycle and the rate stays at {@code minLr} after it.
 *
 * @param lr         the rate at the start of each cycle, positive and finite
 * @param minLr      the rate at the end of a cycle, finite, {@code 0 <= minLr <= lr}
 * @param period     the length of the first cycle, {@code >= 1}
 * @param multiplier the growth of the cycle length after each restart, finite and {@code >= 1}
 * @param restarts   whether to restart at the end of each cycle
 */
public record CosineAnnealing(double lr, double minLr, long period, double multiplier, boolean restarts)
        implements LearningRateSchedule {

    public CosineAnnealing {
        Check.positive("CosineAnnealing", "lr", lr);
        Check.in("CosineAnnealing", "minLr", minLr, 0, true, lr, true);
        Check.atLeast("CosineAnnealing", "period", period, 1);
        Check.in("CosineAnnealing", "multiplier", multiplier, 1, true, Double.MAX_VALUE, true);
    }

    @Override
    public double at(long t) {
        Check.step(t);
        double cur;
        double len;
        if (!restarts) {
            if (t >= period) {
                return minLr;
            }
            cur = t;
            len = period;
        } else if (multiplier == 1) {
            cur = t % period;
            len = period;
        } else {
            // find the cycle i with start s_i = period (m^i - 1)/(m - 1) <= t
            double start = 0;
            len = period;
            while (start + len <= t) {
                start += len;
                len *= multiplier;
            }
            cur = t - start;
        }
        return minLr + (lr - minLr) * 0.5 * (1 + Math.cos(Math.PI * cur / len));
    }
}
