package dev.derive.optim.vr;

import dev.derive.optim.FiniteSumObjective;
import dev.derive.optim.IterationObserver;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.prox.ProximalFunction;
import java.util.SplittableRandom;

/**
 * SAGA (Defazio, Bach &amp; Lacoste-Julien, "SAGA: a fast incremental gradient method with support for non-strongly
 * convex composite objectives", NIPS 2014) for {@code F(x) = (1/n) sum_i f_i(x) + h(x)}, {@code h} proximable.
 *
 * <p>A table holds the last gradient {@code phi_i} seen for every component (initialised at {@code x0}) and their
 * mean. Each step draws {@code j} uniformly and
 * <pre>
 *   g = grad f_j(x)
 *   x = prox_{eta h}(x - eta (g - phi_j + (1/n) sum_i phi_i))
 *   phi_j = g
 * </pre>
 * With {@code eta = 1/(3L)} ({@code L} the components' smoothness) SAGA converges at rate {@code O(1/k)} on convex
 * and linearly, by {@code 1 - min(1/(4n), mu/(3L))} per step, on {@code mu}-strongly convex problems (Theorem 1),
 * without knowing {@code mu}. The table costs {@code n d} doubles; an epoch is {@code n} steps.
 *
 * @param learningRate the step {@code eta > 0}
 * @param seed         the sampling seed
 * @param stop         stopping criteria; an iteration is an epoch of {@code n} steps
 */
public record SAGA(double learningRate, long seed, StopCriteria stop) {

    public SAGA {
        EpochRun.positiveFinite("SAGA", "learningRate", learningRate);
        if (stop == null) {
            throw new IllegalArgumentException("SAGA: stop must not be null");
        }
    }

    /** SAGA with step {@code eta}, seed 0, 100 epochs and gradient tolerance 1e-6. */
    public static SAGA of(double learningRate) {
        return new SAGA(learningRate, 0, EpochRun.DEFAULT_STOP);
    }

    /** SAGA with the step {@code 1/(3L)} of Defazio et al.'s theorem, {@code L} the components' smoothness. */
    public static SAGA forSmoothness(double lipschitz) {
        EpochRun.positiveFinite("SAGA", "lipschitz", lipschitz);
        return of(1 / (3 * lipschitz));
    }

    public SAGA withSeed(long s) {
        return new SAGA(learningRate, s, stop);
    }

    public SAGA withStop(StopCriteria s) {
        return new SAGA(learningRate, seed, s);
    }

    /** Minimises {@code f} from {@code x0}. */
    public OptimResult minimize(FiniteSumObjective f, double[] x0) {
        return minimize(f, null, x0, IterationObserver.NONE);
    }

    /**
     * Minimises {@code f + h} from {@code x0} ({@code h} null for none).
     *
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry
     * @throws IllegalArgumentException if the gradient table {@code n d} would exceed {@code 2^31 - 1} entries
     */
    public OptimResult minimize(FiniteSumObjective f, ProximalFunction h, double[] x0, IterationObserver observer) {
        EpochRun run = new EpochRun(h == null ? "SAGA" : "SAGA (proximal)", f, h, stop, observer, x0);
        int n = run.n;
        int d = run.d;
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SAGA: the gradient table needs n d = " + n + " x " + d
                    + " entries, more than an array holds; use SVRG");
        }
        double eta = learningRate;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = x0.clone();
        double[] table = new double[n * d];
        double[] mean = new double[d];
        double[] g = new double[d];
        double[] full = new double[d];
        for (int i = 0; i < n; i++) {
            run.component(i, x, g);
            System.arraycopy(g, 0, table, i * d, d);
            for (int j = 0; j < d; j++) {
                mean[j] += g[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double value = run.full(x, full);
        OptimResult done = run.atStart(x, value, full, run.stationarity(x, full, eta));
        if (done != null) {
            return done;
        }
        double invN = 1.0 / n;
        for (int epoch = 1; ; epoch++) {
            if (epoch > 1) { // re-sum the table each epoch so the running mean carries no accumulated rounding
                java.util.Arrays.fill(mean, 0);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        mean[j] += table[i * d + j];
                    }
                }
                for (int j = 0; j < d; j++) {
                    mean[j] *= invN;
                }
            }
            for (int t = 0; t < n; t++) {
                int i = rng.nextInt(n);
                run.component(i, x, g);
                int off = i * d;
                for (int j = 0; j < d; j++) {
                    double diff = g[j] - table[off + j];
                    x[j] -= eta * (diff + mean[j]);
                    mean[j] += diff * invN;
                    table[off + j] = g[j];
                }
                run.prox(x, eta);
            }
            value = run.full(x, full);
            done = run.afterEpoch(epoch, x, value, full, run.stationarity(x, full, eta));
            if (done != null) {
                return done;
            }
        }
    }
}
