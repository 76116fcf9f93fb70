package dev.derive.optim.schedule;

import dev.derive.optim.FiniteSumObjective;
import dev.derive.optim.SmoothObjective;
import dev.derive.optim.first.FirstOrderMethod;
import dev.derive.optim.first.Stepper;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The learning-rate range test (Smith, "Cyclical learning rates for training neural networks", WACV 2017, section
 * 3.3): a short run of a first-order method whose learning rate grows exponentially, step {@code k} of {@code K}
 * using {@code lr_k = minLr (maxLr / minLr)^(k / (K - 1))}, recording the loss before every step. The loss first
 * falls faster as the rate grows, then flattens and finally blows up once the rate passes the stability limit
 * (for gradient descent on an {@code L}-smooth quadratic, {@code 2/L}).
 *
 * <p>The recorded loss is smoothed by a bias-corrected exponential moving average,
 * {@code a_k = beta a_{k-1} + (1 - beta) loss_k}, {@code s_k = a_k / (1 - beta^(k+1))}. The run stops early (the
 * divergence point) when a loss is not finite or {@code s_k > s_best + (divergenceFactor - 1) max(|s_best|,
 * |loss_0 - s_best|)}, i.e. when the smoothed loss climbs back by {@code divergenceFactor - 1} times the way it
 * came down (for a loss that falls to near 0: exceeds about {@code divergenceFactor} times its start). The
 * suggestion is the rate where the smoothed loss falls fastest per unit of {@code log lr} (the most negative
 * central difference of {@code s} against {@code log lr}), looked for before the smoothed minimum.
 *
 * <p>The detected divergence point overestimates the stability limit: on gradient descent over a quadratic with
 * eigenvalues 1..L (tested), the loss never rises while {@code lr <= 2/L}, but as the rate sweeps past {@code 1/L}
 * the top mode is damped to rounding level and needs tens of steps past {@code 2/L} to grow back, so divergence is
 * flagged near {@code 5 (2/L)}; the suggestion lies well below {@code 2/L}. Use the suggestion, not the divergence.
 *
 * <p>The loss is measured at the method's gradient point (for look-ahead methods that is not the reported
 * solution; the curve's shape is what matters). Methods that need Hessian-vector products are not supported.
 *
 * @param minLearningRate  the first rate, positive
 * @param maxLearningRate  the last rate, {@code > minLearningRate}
 * @param steps            the number of steps {@code K >= 3}
 * @param smoothing        {@code beta in [0, 1)} (0: no smoothing; fastai uses 0.98)
 * @param divergenceFactor the stopping factor, {@code > 1} (Smith and fastai: 4)
 */
public record LearningRateRange(double minLearningRate, double maxLearningRate, int steps, double smoothing,
                                double divergenceFactor) {

    public LearningRateRange {
        if (!(minLearningRate > 0) || Double.isInfinite(minLearningRate)) {
            throw new IllegalArgumentException("LearningRateRange: minLearningRate must be positive and finite, got "
                    + minLearningRate);
        }
        if (!(maxLearningRate > minLearningRate) || Double.isInfinite(maxLearningRate)) {
            throw new IllegalArgumentException("LearningRateRange: maxLearningRate must be finite and > minLearningRate = "
                    + minLearningRate + ", got " + maxLearningRate);
        }
        if (steps < 3) {
            throw new IllegalArgumentException("LearningRateRange: steps must be >= 3, got " + steps);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("LearningRateRange: smoothing must be in [0, 1), got " + smoothing);
        }
        if (!(divergenceFactor > 1) || Double.isInfinite(divergenceFactor)) {
            throw new IllegalArgumentException("LearningRateRange: divergenceFactor must be > 1 and finite, got "
                    + divergenceFactor);
        }
    }

    /** From {@code minLr} to {@code maxLr} in {@code steps} steps, smoothing 0.98, divergence factor 4. */
    public static LearningRateRange of(double minLr, double maxLr, int steps) {
        return new LearningRateRange(minLr, maxLr, steps, 0.98, 4);
    }

    public LearningRateRange withSmoothing(double beta) {
        return new LearningRateRange(minLearningRate, maxLearningRate, steps, beta, divergenceFactor);
    }

    /**
     * What the run recorded (arrays of the steps actually run).
     *
     * @param learningRates  the rate of every step
     * @param losses         the loss before every step
     * @param smoothed       the smoothed loss
     * @param suggestion     the rate of steepest descent of the smoothed loss (NaN if it never fell)
     * @param minimumAt      the rate of the smallest smoothed loss
     * @param divergedAt     the rate of the step at which divergence was detected, NaN if the run completed
     */
    public record Result(double[] learningRates, double[] losses, double[] smoothed, double suggestion,
                         double minimumAt, double divergedAt) {
        public Result {
            learningRates = learningRates.clone();
            losses = losses.clone();
            smoothed = smoothed.clone();
        }

        @Override
        public double[] learningRates() {
            return learningRates.clone();
        }

        @Override
        public double[] losses() {
            return losses.clone();
        }

        @Override
        public double[] smoothed() {
            return smoothed.clone();
        }

        /** True if the run stopped at a divergence. */
        public boolean diverged() {
            return !Double.isNaN(divergedAt);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "LearningRateRange.Result[%d steps, suggestion %.4g, minimum at %.4g, %s]",
                    learningRates.length, suggestion, minimumAt, diverged() ? String.format(Locale.ROOT,
                            "diverged at %.4g", divergedAt) : "no divergence");
        }
    }

    /** The rate of step {@code k}. */
    public double rate(int k) {
        return minLearningRate * Math.pow(maxLearningRate / minLearningRate, k / (double) (steps - 1));
    }

    /** The range test with full gradients of {@code f} from {@code x0}. */
    public Result run(FirstOrderMethod method, SmoothObjective f, double[] x0) {
        check(method, f == null ? -1 : f.dimension(), x0);
        return run(method, x0, f::valueAndGradient);
    }

    /** The range test with mini-batch gradients of {@code batchSize} components drawn with replacement (seeded). */
    public Result runStochastic(FirstOrderMethod method, FiniteSumObjective f, double[] x0, int batchSize, long seed) {
        check(method, f == null ? -1 : f.dimension(), x0);
        if (batchSize < 1) {
            throw new IllegalArgumentException("LearningRateRange: batchSize must be >= 1, got " + batchSize);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int m = f.size();
        int[] batch = new int[batchSize];
        return run(method, x0, (x, g) -> {
            for (int i = 0; i < batchSize; i++) {
                batch[i] = rng.nextInt(m);
            }
            return f.batchValueAndGradient(batch, 0, batchSize, x, g);
        });
    }

    @FunctionalInterface
    private interface Oracle {
        double valueAndGradient(double[] x, double[] g);
    }

    private static void check(FirstOrderMethod method, int n, double[] x0) {
        if (method == null) {
            throw new IllegalArgumentException("LearningRateRange: the method must not be null");
        }
        if (method.usesHessianVectorProducts()) {
            throw new IllegalArgumentException("LearningRateRange: " + method.getClass().getSimpleName()
                    + " needs Hessian-vector products, which the range test does not provide");
        }
        if (n < 1) {
            throw new IllegalArgumentException("LearningRateRange: the objective must not be null");
        }
        if (x0 == null || x0.length != n) {
            throw new IllegalArgumentException("LearningRateRange: the starting point has length "
                    + (x0 == null ? "null" : x0.length) + " but the objective has dimension " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("LearningRateRange: the starting point has " + x0[i] + " at index " + i);
            }
        }
    }

    private Result run(FirstOrderMethod method, double[] x0, Oracle oracle) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        Stepper stepper = method.start(n);
        double[] lrs = new double[steps];
        double[] losses = new double[steps];
        double[] sm = new double[steps];
        double avg = 0;
        double best = Double.POSITIVE_INFINITY;
        double loss0 = Double.NaN;
        double diverged = Double.NaN;
        int k = 0;
        for (; k < steps; k++) {
            double lr = rate(k);
            double loss = oracle.valueAndGradient(x, g);
            boolean finite = Double.isFinite(loss);
            for (int i = 0; i < n && finite; i++) {
                finite = Double.isFinite(g[i]);
            }
            if (!finite) {
                diverged = lr;
                break;
            }
            if (k == 0) {
                loss0 = loss;
            }
            avg = smoothing * avg + (1 - smoothing) * loss;
            double s = avg / (1 - Math.pow(smoothing, k + 1));
            lrs[k] = lr;
            losses[k] = loss;
            sm[k] = s;
            if (k > 0 && s > best + (divergenceFactor - 1) * Math.max(Math.abs(best), Math.abs(loss0 - best))) {
                diverged = lr;
                k++;
                break;
            }
            best = Math.min(best, s);
            stepper.step(x, g, lr, null);
        }
        lrs = Arrays.copyOf(lrs, k);
        losses = Arrays.copyOf(losses, k);
        sm = Arrays.copyOf(sm, k);
        int argmin = 0;
        for (int i = 1; i < k; i++) {
            if (sm[i] < sm[argmin]) {
                argmin = i;
            }
        }
        double suggestion = Double.NaN;
        double steepest = 0;
        for (int i = 1; i < argmin && i + 1 < k; i++) {
            double slope = (sm[i + 1] - sm[i - 1]) / (Math.log(lrs[i + 1]) - Math.log(lrs[i - 1]));
            if (slope < steepest) {
                steepest = slope;
                suggestion = lrs[i];
            }
        }
        return new Result(lrs, losses, sm, suggestion, k == 0 ? Double.NaN : lrs[argmin], diverged);
    }
}
