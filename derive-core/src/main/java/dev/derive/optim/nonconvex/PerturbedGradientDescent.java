package dev.derive.optim.nonconvex;

import dev.derive.optim.IterationObserver;
import dev.derive.optim.OptimResult;
import dev.derive.optim.SmoothObjective;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.StopReason;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Perturbed gradient descent (Jin, Ge, Netrapalli, Kakade &amp; Jordan, "How to escape saddle points efficiently",
 * ICML 2017, Algorithm 2): gradient descent {@code x_{t+1} = x_t - eta grad f(x_t)} that, whenever the gradient is
 * small ({@code ||grad f(x_t)|| <= g_thres}) and no perturbation happened in the last {@code t_thres} steps, saves
 * {@code x~ = x_t} and jumps to a point drawn uniformly from the ball of radius {@code r} around it. If
 * {@code t_thres} steps after a perturbation {@code f} has not decreased by at least {@code f_thres} below
 * {@code f(x~)}, the run returns {@code x~}: with high probability an {@code eps}-second-order stationary point
 * ({@code ||grad f|| <= eps}, {@code lambda_min(grad^2 f) >= -sqrt(rho eps)}) for an {@code ell}-smooth,
 * {@code rho}-Hessian-Lipschitz {@code f}. At a strict saddle the perturbation's component along the negative
 * curvature grows geometrically under the gradient steps and carries the iterate away; plain gradient descent
 * started exactly at a saddle never moves.
 *
 * <p>{@link #theory} computes the paper's parameters ({@code chi = 3 max(ln(d ell Df / (c eps^2 delta)), 4)},
 * {@code eta = c/ell}, {@code r = sqrt(c) eps / (chi^2 ell)}, {@code g_thres = sqrt(c) eps / chi^2},
 * {@code f_thres = c sqrt(eps^3/rho) / chi^3}, {@code t_thres = chi ell / (c^2 sqrt(rho eps))}), which are very
 * conservative; the canonical constructor takes practical values. The stop reason of a run that returns {@code x~}
 * is {@link StopReason#GRADIENT_TOLERANCE} (with a message saying the escape failed); the {@code StopCriteria}
 * supply the iteration and evaluation budgets and the trajectory switch (their gradient tolerance is not used: a
 * small gradient triggers a perturbation, not a stop).
 *
 * @param learningRate      the step {@code eta > 0} (theory: {@code c / ell})
 * @param radius            the perturbation radius {@code r > 0}
 * @param gradientThreshold the gradient norm {@code g_thres > 0} below which a perturbation is tried
 * @param escapeSteps       the steps {@code t_thres >= 1} allowed for an escape
 * @param decreaseThreshold the decrease {@code f_thres > 0} an escape must achieve
 * @param seed              the seed of the perturbations
 * @param stop              budgets and trajectory
 */
public record PerturbedGradientDescent(double learningRate, double radius, double gradientThreshold, int escapeSteps,
                                       double decreaseThreshold, long seed, StopCriteria stop) {

    public PerturbedGradientDescent {
        positive("learningRate", learningRate);
        positive("radius", radius);
        positive("gradientThreshold", gradientThreshold);
        positive("decreaseThreshold", decreaseThreshold);
        if (escapeSteps < 1) {
            throw new IllegalArgumentException("PerturbedGradientDescent: escapeSteps must be >= 1, got " + escapeSteps);
        }
        if (stop == null) {
            throw new IllegalArgumentException("PerturbedGradientDescent: stop must not be null");
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("PerturbedGradientDescent: " + name + " must be positive and finite, got " + v);
        }
    }

    /**
     * The parameters of Jin et al. (2017), Algorithm 2, for dimension {@code d}, smoothness {@code ell}, Hessian
     * Lipschitz constant {@code rho}, target accuracy {@code eps}, constant {@code c} (the paper's {@code c <= c_max}),
     * failure probability {@code delta} and initial gap {@code deltaF >= f(x0) - f*}.
     */
    public static PerturbedGradientDescent theory(int d, double ell, double rho, double eps, double c, double delta,
                                                  double deltaF, long seed) {
        if (d < 1) {
            throw new IllegalArgumentException("PerturbedGradientDescent.theory: d must be >= 1, got " + d);
        }
        for (double v : new double[] {ell, rho, eps, c, delta, deltaF}) {
            positive("theory parameter", v);
        }
        double chi = 3 * Math.max(Math.log(d * ell * deltaF / (c * eps * eps * delta)), 4);
        double tThres = chi * ell / (c * c * Math.sqrt(rho * eps));
        return new PerturbedGradientDescent(c / ell, Math.sqrt(c) * eps / (chi * chi * ell), Math.sqrt(c) * eps / (chi * chi),
                (int) Math.min(Integer.MAX_VALUE, Math.ceil(tThres)), c * Math.sqrt(eps * eps * eps / rho) / (chi * chi * chi),
                seed, StopCriteria.DEFAULT.withMaxIterations(Integer.MAX_VALUE).withMaxEvaluations(Integer.MAX_VALUE));
    }

    public PerturbedGradientDescent withSeed(long s) {
        return new PerturbedGradientDescent(learningRate, radius, gradientThreshold, escapeSteps, decreaseThreshold, s, stop);
    }

    public PerturbedGradientDescent withStop(StopCriteria s) {
        return new PerturbedGradientDescent(learningRate, radius, gradientThreshold, escapeSteps, decreaseThreshold, seed, s);
    }

    public OptimResult minimize(SmoothObjective f, double[] x0) {
        return minimize(f, x0, IterationObserver.NONE);
    }

    /**
     * Runs perturbed gradient descent from {@code x0}.
     *
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry
     */
    public OptimResult minimize(SmoothObjective f, double[] x0, IterationObserver observer) {
        String name = "PerturbedGradientDescent";
        if (f == null) {
            throw new IllegalArgumentException(name + ": the objective must not be null");
        }
        int n = f.dimension();
        if (x0 == null || x0.length != n) {
            throw new IllegalArgumentException(name + ": the starting point has length " + (x0 == null ? "null" : x0.length)
                    + " but the objective has dimension " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException(name + ": the starting point has " + x0[i] + " at index " + i
                        + "; it must be finite");
            }
        }
        IterationObserver obs = observer == null ? IterationObserver.NONE : observer;
        SplittableRandom rng = new SplittableRandom(seed);
        double[] traj = stop.recordTrajectory() ? new double[16] : null;
        int size = 0;
        long evals = 0;
        double[] x = x0.clone();
        double[] g = new double[n];
        double[] saved = x0.clone();
        double savedValue = Double.NaN;
        double savedNorm = Double.NaN;
        long tNoise = -(long) escapeSteps - 1;
        int perturbations = 0;
        double[] lastX = x0.clone();
        double lastValue = Double.NaN;
        double lastNorm = Double.NaN;
        for (int t = 0; ; t++) {
            double fx = f.valueAndGradient(x, g);
            evals++;
            double gn = norm(g);
            if (!finite(fx, g)) {
                String where = t == 0 ? "at the starting point" : "after step " + t + " (is the learning rate too large?)";
                return new OptimResult(t == 0 ? x : lastX, t == 0 ? fx : lastValue, t == 0 ? gn : lastNorm,
                        Math.max(t - 1, 0), StopReason.NON_FINITE, name + ": the objective or its gradient is not finite "
                        + where, evals, evals, 0, traj == null ? null : Arrays.copyOf(traj, size));
            }
            if (gn <= gradientThreshold && t - tNoise > escapeSteps) {
                System.arraycopy(x, 0, saved, 0, n);
                savedValue = fx;
                savedNorm = gn;
                tNoise = t;
                perturbations++;
                perturb(x, rng);
                fx = f.valueAndGradient(x, g);
                evals++;
                gn = norm(g);
                if (!finite(fx, g)) {
                    return new OptimResult(saved, savedValue, savedNorm, t, StopReason.NON_FINITE, name
                            + ": the objective is not finite at a perturbed point (radius " + radius + ")", evals, evals, 0,
                            traj == null ? null : Arrays.copyOf(traj, size));
                }
            }
            if (traj != null) {
                if (size == traj.length) {
                    traj = Arrays.copyOf(traj, 2 * size);
                }
                traj[size++] = fx;
            }
            System.arraycopy(x, 0, lastX, 0, n);
            lastValue = fx;
            lastNorm = gn;
            if (!obs.onIteration(t, x, fx, gn)) {
                return new OptimResult(x, fx, gn, t, StopReason.OBSERVER_STOPPED, name + ": the iteration observer stopped "
                        + "the run after " + t + " iterations", evals, evals, 0, traj == null ? null : Arrays.copyOf(traj, size));
            }
            if (t - tNoise == escapeSteps && fx - savedValue > -decreaseThreshold) {
                return new OptimResult(saved, savedValue, savedNorm, t, StopReason.GRADIENT_TOLERANCE,
                        String.format(Locale.ROOT, "%s: gradient norm %.3g <= %.3g and a perturbation of radius %.3g did "
                                + "not decrease f by %.3g within %d steps: an approximate second-order stationary point "
                                + "(after %d iterations, %d perturbations)", name, savedNorm, gradientThreshold, radius,
                                decreaseThreshold, escapeSteps, t, perturbations), evals, evals, 0, traj == null ? null : Arrays.copyOf(traj, size));
            }
            if (t >= stop.maxIterations() || evals >= stop.maxEvaluations()) {
                StopReason r = t >= stop.maxIterations() ? StopReason.MAX_ITERATIONS : StopReason.MAX_EVALUATIONS;
                return new OptimResult(x, fx, gn, t, r, String.format(Locale.ROOT, "%s: %s after %d iterations "
                        + "(gradient norm %.3g, %d perturbations)", name, r == StopReason.MAX_ITERATIONS
                        ? "reached maxIterations = " + stop.maxIterations() : "used maxEvaluations = "
                        + stop.maxEvaluations(), t, gn, perturbations), evals, evals, 0, traj == null ? null : Arrays.copyOf(traj, size));
            }
            for (int i = 0; i < n; i++) {
                x[i] -= learningRate * g[i];
            }
        }
    }

    /** x += xi, xi uniform in the ball of radius r: a Gaussian direction scaled by r U^(1/n). */
    private void perturb(double[] x, SplittableRandom rng) {
        int n = x.length;
        double[] d = new double[n];
        double s;
        do {
            for (int i = 0; i < n; i++) {
                d[i] = rng.nextGaussian();
            }
            s = norm(d);
        } while (s == 0);
        double len = radius * Math.pow(rng.nextDouble(), 1.0 / n) / s;
        for (int i = 0; i < n; i++) {
            x[i] += len * d[i];
        }
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static boolean finite(double v, double[] a) {
        if (!Double.isFinite(v)) {
            return false;
        }
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
