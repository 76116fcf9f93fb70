package dev.derive.optim.vr;

import dev.derive.optim.FiniteSumObjective;
import dev.derive.optim.IterationObserver;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.prox.ProximalFunction;
import java.util.SplittableRandom;

/**
 * Stochastic variance-reduced gradient (Johnson &amp; Zhang, "Accelerating stochastic gradient descent using
 * predictive variance reduction", NIPS 2013) for {@code F(x) = (1/n) sum_i f_i(x) + h(x)}.
 *
 * <p>Each epoch takes a snapshot {@code x~ = x} with its full gradient {@code mu = grad f(x~)}, then runs {@code m}
 * inner steps with {@code i} uniform in {@code {0..n-1}}:
 * <pre>
 *   v = grad f_i(x) - grad f_i(x~) + mu          (unbiased, and Var v -> 0 as x, x~ -> x*)
 *   x = prox_{eta h}(x - eta v)                    (x - eta v when there is no h: Prox-SVRG of Xiao &amp; Zhang 2014)
 * </pre>
 * The next snapshot is the last inner iterate (Johnson &amp; Zhang's option I). For {@code mu}-strongly convex
 * {@code F} with {@code L}-smooth components, {@code eta < 1/(4L)} and {@code m} large enough, the expected
 * suboptimality contracts by a constant factor per epoch; in practice {@code eta ~ 1/L_max} to {@code 1/(4 L_max)}
 * ({@code L_max} the largest component smoothness) and {@code m = 2n} work well.
 *
 * @param learningRate the step {@code eta > 0}
 * @param innerSteps   inner steps per epoch {@code m >= 0}; 0 means {@code 2n}
 * @param seed         the sampling seed
 * @param stop         stopping criteria; an iteration is an epoch (see the package documentation)
 */
public record SVRG(double learningRate, int innerSteps, long seed, StopCriteria stop) {

    public SVRG {
        EpochRun.positiveFinite("SVRG", "learningRate", learningRate);
        if (innerSteps < 0) {
            throw new IllegalArgumentException("SVRG: innerSteps must be >= 0 (0 means 2n), got " + innerSteps);
        }
        if (stop == null) {
            throw new IllegalArgumentException("SVRG: stop must not be null");
        }
    }

    /** SVRG with step {@code eta}, {@code m = 2n}, seed 0, 100 epochs and gradient tolerance 1e-6. */
    public static SVRG of(double learningRate) {
        return new SVRG(learningRate, 0, 0, EpochRun.DEFAULT_STOP);
    }

    public SVRG withInnerSteps(int m) {
        return new SVRG(learningRate, m, seed, stop);
    }

    public SVRG withSeed(long s) {
        return new SVRG(learningRate, innerSteps, s, stop);
    }

    public SVRG withStop(StopCriteria s) {
        return new SVRG(learningRate, innerSteps, seed, s);
    }

    /** Minimises {@code f} from {@code x0}. */
    public OptimResult minimize(FiniteSumObjective f, double[] x0) {
        return minimize(f, null, x0, IterationObserver.NONE);
    }

    /**
     * Minimises {@code f + h} from {@code x0} ({@code h} null for none).
     *
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry
     */
    public OptimResult minimize(FiniteSumObjective f, ProximalFunction h, double[] x0, IterationObserver observer) {
        EpochRun run = new EpochRun(h == null ? "SVRG" : "Prox-SVRG", f, h, stop, observer, x0);
        int n = run.n;
        int d = run.d;
        int m = innerSteps == 0 ? 2 * n : innerSteps;
        double eta = learningRate;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = x0.clone();
        double[] snap = new double[d];
        double[] mu = new double[d];
        double[] gx = new double[d];
        double[] gs = new double[d];
        double value = run.full(x, mu);
        OptimResult done = run.atStart(x, value, mu, run.stationarity(x, mu, eta));
        if (done != null) {
            return done;
        }
        for (int epoch = 1; ; epoch++) {
            System.arraycopy(x, 0, snap, 0, d); // mu = grad f(snap) from the last check
            for (int t = 0; t < m; t++) {
                int i = rng.nextInt(n);
                run.component(i, x, gx);
                run.component(i, snap, gs);
                for (int j = 0; j < d; j++) {
                    x[j] -= eta * (gx[j] - gs[j] + mu[j]);
                }
                run.prox(x, eta);
            }
            value = run.full(x, mu);
            done = run.afterEpoch(epoch, x, value, mu, run.stationarity(x, mu, eta));
            if (done != null) {
                return done;
            }
        }
    }
}
