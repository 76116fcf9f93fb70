package dev.derive.optim.vr;

import dev.derive.optim.FiniteSumObjective;
import dev.derive.optim.IterationObserver;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.prox.ProximalFunction;
import java.util.SplittableRandom;

/**
 * Katyusha, the directly accelerated variance-reduced method of Allen-Zhu ("Katyusha: the first direct
 * acceleration of stochastic gradient methods", JMLR 18(221), 2018; STOC 2017), Algorithm 1, for
 * {@code F(x) = (1/n) sum_i f_i(x) + h(x)} with every {@code f_i} convex and {@code L}-smooth and {@code F}
 * {@code sigma}-strongly convex, {@code h} proximable.
 *
 * <p>Parameters: {@code m = 2n} inner steps, {@code tau2 = 1/2}, {@code tau1 = min(sqrt(m sigma / (3L)), 1/2)},
 * {@code alpha = 1/(3 tau1 L)}. With snapshot {@code x~} and {@code mu = grad f(x~)}, each inner step is
 * <pre>
 *   x_{k+1} = tau1 z_k + tau2 x~ + (1 - tau1 - tau2) y_k                   (negative momentum towards x~)
 *   g       = mu + grad f_i(x_{k+1}) - grad f_i(x~)
 *   z_{k+1} = prox_{alpha h}(z_k - alpha g)
 *   y_{k+1} = prox_{h/(3L)}(x_{k+1} - g/(3L))                             (option I)
 * </pre>
 * and the next snapshot is the weighted mean {@code x~ = sum_j (1 + alpha sigma)^j y_{sm+j+1} / sum_j (1 + alpha
 * sigma)^j}. Theorem 2.1: {@code E[F(x~_S)] - F* <= O((1 + sqrt(sigma/(3Lm)))^(-Sm))} when {@code m sigma/L <= 3/4}
 * (otherwise {@code O(1.5^-S)}), i.e. {@code O((n + sqrt(n L/sigma)) log(1/eps))} component gradients.
 *
 * @param lipschitz       the components' smoothness {@code L > 0}
 * @param strongConvexity the strong convexity {@code sigma > 0} of {@code F}
 * @param innerSteps      inner steps per epoch {@code m >= 0}; 0 means {@code 2n}
 * @param seed            the sampling seed
 * @param stop            stopping criteria; an iteration is an epoch, checked at the snapshot {@code x~}
 */
public record Katyusha(double lipschitz, double strongConvexity, int innerSteps, long seed, StopCriteria stop) {

    public Katyusha {
        EpochRun.positiveFinite("Katyusha", "lipschitz", lipschitz);
        EpochRun.positiveFinite("Katyusha", "strongConvexity", strongConvexity);
        if (strongConvexity > lipschitz) {
            throw new IllegalArgumentException("Katyusha: strongConvexity " + strongConvexity
                    + " must not exceed lipschitz " + lipschitz);
        }
        if (innerSteps < 0) {
            throw new IllegalArgumentException("Katyusha: innerSteps must be >= 0 (0 means 2n), got " + innerSteps);
        }
        if (stop == null) {
            throw new IllegalArgumentException("Katyusha: stop must not be null");
        }
    }

    /** Katyusha for {@code L}-smooth components and {@code sigma}-strongly convex {@code F}, Allen-Zhu's parameters. */
    public static Katyusha of(double lipschitz, double strongConvexity) {
        return new Katyusha(lipschitz, strongConvexity, 0, 0, EpochRun.DEFAULT_STOP);
    }

    public Katyusha withInnerSteps(int m) {
        return new Katyusha(lipschitz, strongConvexity, m, seed, stop);
    }

    public Katyusha withSeed(long s) {
        return new Katyusha(lipschitz, strongConvexity, innerSteps, s, stop);
    }

    public Katyusha withStop(StopCriteria s) {
        return new Katyusha(lipschitz, strongConvexity, innerSteps, seed, s);
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
        EpochRun run = new EpochRun("Katyusha", f, h, stop, observer, x0);
        int n = run.n;
        int d = run.d;
        int m = innerSteps == 0 ? 2 * n : innerSteps;
        double L = lipschitz;
        double sigma = strongConvexity;
        double tau2 = 0.5;
        double tau1 = Math.min(Math.sqrt(m * sigma / (3 * L)), 0.5);
        double alpha = 1 / (3 * tau1 * L);
        double yStep = 1 / (3 * L);
        double growth = 1 + alpha * sigma;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] snap = x0.clone();
        double[] y = x0.clone();
        double[] z = x0.clone();
        double[] xk = new double[d];
        double[] mu = new double[d];
        double[] gx = new double[d];
        double[] gs = new double[d];
        double[] sum = new double[d];
        double value = run.full(snap, mu);
        OptimResult done = run.atStart(snap, value, mu, run.stationarity(snap, mu, yStep));
        if (done != null) {
            return done;
        }
        for (int epoch = 1; ; epoch++) {
            java.util.Arrays.fill(sum, 0);
            double weight = 1;
            double weights = 0;
            double c = 1 - tau1 - tau2;
            for (int t = 0; t < m; t++) {
                for (int j = 0; j < d; j++) {
                    xk[j] = tau1 * z[j] + tau2 * snap[j] + c * y[j];
                }
                int i = rng.nextInt(n);
                run.component(i, xk, gx);
                run.component(i, snap, gs);
                for (int j = 0; j < d; j++) {
                    double g = mu[j] + gx[j] - gs[j];
                    z[j] -= alpha * g;
                    y[j] = xk[j] - yStep * g;
                }
                run.prox(z, alpha);
                run.prox(y, yStep);
                for (int j = 0; j < d; j++) {
                    sum[j] += weight * y[j];
                }
                weights += weight;
                weight *= growth;
                if (weight > 1e150) { // (1 + alpha sigma)^m can overflow when m sigma / L is large: rescale
                    for (int j = 0; j < d; j++) {
                        sum[j] *= 1e-150;
                    }
                    weights *= 1e-150;
                    weight *= 1e-150;
                }
            }
            for (int j = 0; j < d; j++) {
                snap[j] = sum[j] / weights;
            }
            value = run.full(snap, mu);
            done = run.afterEpoch(epoch, snap, value, mu, run.stationarity(snap, mu, yStep));
            if (done != null) {
                return done;
            }
        }
    }
}
