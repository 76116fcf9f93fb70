package dev.derive.optim;

import dev.derive.optim.prox.ProximalFunction;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Proximal gradient methods for {@code F = f + g} ({@link CompositeObjective}): each step is
 * {@code x+ = prox_{g/L}(y - grad f(y) / L)}.
 *
 * <ul>
 *   <li>{@link Variant#ISTA}: {@code y = x_k}; {@code F(x_k) - F* <= L ||x_0 - x*||^2 / (2k)} (Beck &amp; Teboulle,
 *       "A fast iterative shrinkage-thresholding algorithm for linear inverse problems", SIAM J. Imaging Sci.
 *       2(1), 2009, Theorem 3.1).</li>
 *   <li>{@link Variant#FISTA}: {@code y_{k+1} = x_k + ((t_k - 1)/t_{k+1}) (x_k - x_{k-1})},
 *       {@code t_{k+1} = (1 + sqrt(1 + 4 t_k^2))/2}; {@code F(x_k) - F* <= 2 L ||x_0 - x*||^2 / (k+1)^2}
 *       (Theorem 4.4; {@code 2 eta L} with backtracking). With {@code restart}, the momentum is reset
 *       ({@code t = 1, y = x_k}) whenever {@code (y_k - x_k)'(x_k - x_{k-1}) > 0}, the gradient scheme of
 *       O'Donoghue &amp; Candès, "Adaptive restart for accelerated gradient schemes", FoCM 15, 2015, which recovers
 *       linear convergence on strongly convex problems without knowing their modulus.</li>
 *   <li>{@link Variant#BARZILAI_BORWEIN}: step {@code 1/L_k} with the Barzilai–Borwein curvature
 *       {@code L_k = s'y / s's} ({@code s = x_k - x_{k-1}}, {@code y = grad f(x_k) - grad f(x_{k-1})}; Barzilai &amp;
 *       Borwein 1988), safeguarded to {@code [1e-30, 1e30]} and increased by {@code eta} until the non-monotone
 *       acceptance test {@code F(x+) <= max_{j <= 5 back} F(x_j) - (sigma L / 2) ||x+ - x||^2}, {@code sigma =
 *       1e-4}, of SpaRSA holds (Wright, Nowak &amp; Figueiredo, IEEE TSP 57(7), 2009).</li>
 * </ul>
 *
 * <p>Step sizes: with {@code lipschitz} given (the Lipschitz constant of {@code grad f}), ISTA and FISTA take
 * the constant step {@code 1/L}. Otherwise they backtrack (Beck &amp; Teboulle, section 4, "FISTA with
 * backtracking"): starting from an estimate of the local curvature at {@code x_0}, {@code L} is multiplied by
 * {@code eta} until {@code f(x+) <= f(y) + grad f(y)'(x+ - y) + (L/2) ||x+ - y||^2}; {@code L} never decreases.
 *
 * <p>The stopping test uses the gradient mapping {@code G = L (y - x+)} at the point {@code y} the step was taken
 * from (the gradient for {@code g = 0}); its norm is reported as the result's gradient norm. A non-finite value
 * of {@code f} at a trial point counts as a failed sufficient-decrease test; at {@code x_0} it stops the run with
 * {@link StopReason#NON_FINITE}.
 *
 * @param variant   ISTA, FISTA or Barzilai–Borwein steps
 * @param restart   adaptive restart (FISTA only)
 * @param lipschitz the Lipschitz constant of {@code grad f}, positive and finite, or NaN to backtrack
 * @param eta       the backtracking factor, {@code > 1} and finite (default 2)
 * @param stop      the stopping criteria
 */
public record ProximalGradient(Variant variant, boolean restart, double lipschitz, double eta, StopCriteria stop) {

    /** The step rule. */
    public enum Variant { ISTA, FISTA, BARZILAI_BORWEIN }

    public ProximalGradient {
        if (variant == null) {
            throw new IllegalArgumentException("ProximalGradient: variant must not be null");
        }
        if (restart && variant != Variant.FISTA) {
            throw new IllegalArgumentException("ProximalGradient: restart applies to FISTA only, got variant " + variant);
        }
        if (!Double.isNaN(lipschitz) && (!(lipschitz > 0) || Double.isInfinite(lipschitz))) {
            throw new IllegalArgumentException("ProximalGradient: lipschitz must be positive and finite (or NaN to "
                    + "backtrack), got " + lipschitz);
        }
        if (!(eta > 1) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("ProximalGradient: eta must be > 1 and finite, got " + eta);
        }
        if (stop == null) {
            throw new IllegalArgumentException("ProximalGradient: stop must not be null");
        }
    }

    /** ISTA with backtracking. */
    public static ProximalGradient ista() {
        return new ProximalGradient(Variant.ISTA, false, Double.NaN, 2, StopCriteria.DEFAULT);
    }

    /** FISTA with backtracking. */
    public static ProximalGradient fista() {
        return new ProximalGradient(Variant.FISTA, false, Double.NaN, 2, StopCriteria.DEFAULT);
    }

    /** FISTA with backtracking and adaptive (gradient-scheme) restart. */
    public static ProximalGradient fistaWithRestart() {
        return new ProximalGradient(Variant.FISTA, true, Double.NaN, 2, StopCriteria.DEFAULT);
    }

    /** Proximal gradient with Barzilai–Borwein steps and the SpaRSA non-monotone acceptance test. */
    public static ProximalGradient barzilaiBorwein() {
        return new ProximalGradient(Variant.BARZILAI_BORWEIN, false, Double.NaN, 2, StopCriteria.DEFAULT);
    }

    /** The same method with the constant step {@code 1/L} (ISTA/FISTA) or initial curvature {@code L} (BB). */
    public ProximalGradient withLipschitz(double l) {
        return new ProximalGradient(variant, restart, l, eta, stop);
    }

    public ProximalGradient withStop(StopCriteria s) {
        return new ProximalGradient(variant, restart, lipschitz, eta, s);
    }

    public OptimResult minimize(CompositeObjective problem, double[] x0) {
        return minimize(problem, x0, IterationObserver.NONE);
    }

    /**
     * Minimises {@code f + g} from {@code x0}.
     *
     * @throws IllegalArgumentException if {@code x0} has the wrong length or a non-finite entry
     */
    public OptimResult minimize(CompositeObjective problem, double[] x0, IterationObserver observer) {
        String name = switch (variant) {
            case ISTA -> "ISTA";
            case FISTA -> restart ? "FISTA (restart)" : "FISTA";
            case BARZILAI_BORWEIN -> "ProximalGradient (BB)";
        };
        ProximalFunction g = problem.nonsmooth();
        Run run = new Run(name, problem.smooth(), stop, observer);
        Counted f = run.f;
        double[] x = run.start(x0);
        int n = x.length;
        double[] gx = new double[n];
        double fx = f.valueAndGradient(x, gx);
        double gval = g.value(x);
        if (!Run.finite(fx, gx)) {
            return run.result(x, fx + gval, Double.NaN, 0, StopReason.NON_FINITE,
                    Run.nonFinite(name, "at the starting point", fx, gx));
        }
        double bigF = fx + gval; // may be +Infinity if x0 is outside the domain of g
        double lip = Double.isNaN(lipschitz) ? curvatureEstimate(f, x, gx) : lipschitz;
        // the gradient mapping at x0 with the initial step, L ||x0 - prox(x0 - grad/L)||
        double[] p = new double[n];
        proxStep(g, x, gx, lip, new double[n], p);
        double gm0 = lip * Vec.distance(x, p);
        if (!run.record(0, x, bigF, gm0)) {
            return run.result(x, bigF, gm0, 0, StopReason.OBSERVER_STOPPED, run.message(StopReason.OBSERVER_STOPPED, 0, gm0));
        }
        if (stop.maxIterations() == 0) {
            return run.result(x, bigF, gm0, 0, StopReason.MAX_ITERATIONS, run.message(StopReason.MAX_ITERATIONS, 0, gm0));
        }
        return variant == Variant.BARZILAI_BORWEIN
                ? barzilaiBorwein(run, g, x, fx, gx, bigF, lip, gm0)
                : fista(run, g, x, fx, gx, bigF, lip, gm0);
    }

    /** |grad f(x + d) - grad f(x)| / |d| for a small random d: a lower estimate of L near x_0. */
    private static double curvatureEstimate(Counted f, double[] x, double[] gx) {
        int n = x.length;
        SplittableRandom rng = new SplittableRandom(12345);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextGaussian();
        }
        double scale = 1e-6 * Math.max(1, Vec.norm(x)) / Vec.norm(d);
        Vec.scale(scale, d);
        double[] xp = x.clone();
        Vec.axpy(1, d, xp);
        double[] gp = new double[n];
        f.valueAndGradient(xp, gp);
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = gp[i] - gx[i];
        }
        double est = Vec.norm(diff) / Vec.norm(d);
        return Double.isFinite(est) && est > 0 ? est : 1;
    }

    /** x+ = prox_{g/L}(y - grad/L) into out. */
    private static void proxStep(ProximalFunction g, double[] y, double[] grad, double lip, double[] work, double[] out) {
        for (int i = 0; i < y.length; i++) {
            work[i] = y[i] - grad[i] / lip;
        }
        g.prox(work, 1 / lip, out);
    }

    /** ISTA and FISTA (with backtracking and restart). */
    private OptimResult fista(Run run, ProximalFunction g, double[] x, double fx, double[] gx, double bigF, double lip,
                              double gm0) {
        String name = run.method;
        Counted f = run.f;
        int n = x.length;
        boolean accelerate = variant == Variant.FISTA;
        boolean backtrack = Double.isNaN(lipschitz);
        double[] y = x.clone();
        double fy = fx;
        double[] gy = gx.clone();
        double[] xPrev = x.clone();
        double[] xNew = new double[n];
        double[] work = new double[n];
        double[] gNew = new double[n];
        double t = 1;
        double gmNorm = gm0;
        for (int k = 1; ; k++) {
            if (k > stop.maxIterations()) {
                return run.result(x, bigF, gmNorm, k - 1, StopReason.MAX_ITERATIONS, run.message(StopReason.MAX_ITERATIONS, k - 1, gmNorm));
            }
            if (run.evaluationsExhausted()) {
                return run.result(x, bigF, gmNorm, k - 1, StopReason.MAX_EVALUATIONS, run.message(StopReason.MAX_EVALUATIONS, k - 1, gmNorm));
            }
            // x_k = p_L(y_k), backtracking on L
            double fNew;
            while (true) {
                proxStep(g, y, gy, lip, work, xNew);
                fNew = f.valueAndGradient(xNew, gNew);
                if (!backtrack) {
                    break;
                }
                double q = fy;
                double d2 = 0;
                for (int i = 0; i < n; i++) {
                    double d = xNew[i] - y[i];
                    q += gy[i] * d;
                    d2 += d * d;
                }
                q += 0.5 * lip * d2;
                // the sufficient-decrease (quadratic upper bound) test, with room for rounding of f
                if (Double.isFinite(fNew) && fNew <= q + ArmijoBacktracking.APPROXIMATE_TOLERANCE * Math.abs(fy)) {
                    break;
                }
                if (lip > 1e300 || run.evaluationsExhausted()) {
                    return run.result(x, bigF, gmNorm, k - 1, Double.isFinite(fNew) ? StopReason.NO_PROGRESS : StopReason.NON_FINITE,
                            String.format(Locale.ROOT, "%s: backtracking raised L to %.3g at iteration %d without "
                                    + "sufficient decrease (f at the trial point: %s)", name, lip, k, fNew));
                }
                lip *= eta;
            }
            if (!Run.finite(fNew, gNew)) {
                return run.result(x, bigF, gmNorm, k - 1, StopReason.NON_FINITE,
                        Run.nonFinite(name, "at iteration " + k + " (with a known Lipschitz constant there is no "
                                + "backtracking)", fNew, gNew));
            }
            // gradient mapping at y
            double gm2 = 0;
            for (int i = 0; i < n; i++) {
                double d = lip * (y[i] - xNew[i]);
                gm2 += d * d;
            }
            gmNorm = Math.sqrt(gm2);
            double newF = fNew + g.value(xNew);
            double fPrevF = bigF;
            double step = Vec.distance(xNew, x);
            System.arraycopy(x, 0, xPrev, 0, n);
            System.arraycopy(xNew, 0, x, 0, n);
            bigF = newF;
            // next extrapolation point
            if (accelerate) {
                boolean doRestart = false;
                if (restart) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += (y[i] - x[i]) * (x[i] - xPrev[i]);
                    }
                    doRestart = dot > 0;
                }
                if (doRestart) {
                    t = 1;
                    System.arraycopy(x, 0, y, 0, n);
                    System.arraycopy(gNew, 0, gy, 0, n);
                    fy = fNew;
                } else {
                    double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                    double mom = (t - 1) / tNext;
                    t = tNext;
                    if (mom == 0) {
                        System.arraycopy(x, 0, y, 0, n);
                        System.arraycopy(gNew, 0, gy, 0, n);
                        fy = fNew;
                    } else {
                        for (int i = 0; i < n; i++) {
                            y[i] = x[i] + mom * (x[i] - xPrev[i]);
                        }
                        fy = f.valueAndGradient(y, gy);
                        if (!Run.finite(fy, gy)) {
                            return run.result(x, bigF, gmNorm, k, StopReason.NON_FINITE,
                                    Run.nonFinite(name, "at the extrapolated point of iteration " + k, fy, gy));
                        }
                    }
                }
            } else {
                System.arraycopy(x, 0, y, 0, n);
                System.arraycopy(gNew, 0, gy, 0, n);
                fy = fNew;
            }
            StopReason r = run.converged(k, x, fPrevF, bigF, gmNorm, step);
            if (r != null) {
                return run.result(x, bigF, gmNorm, k, r, run.message(r, k, gmNorm));
            }
        }
    }

    /** Proximal gradient with Barzilai–Borwein steps and the SpaRSA non-monotone acceptance. */
    private OptimResult barzilaiBorwein(Run run, ProximalFunction g, double[] x, double fx, double[] gx, double bigF,
                                        double lip, double gm0) {
        final int memory = 5;
        final double sigma = 1e-4;
        String name = run.method;
        Counted f = run.f;
        int n = x.length;
        double[] history = new double[memory];
        java.util.Arrays.fill(history, Double.NEGATIVE_INFINITY);
        history[0] = bigF;
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] work = new double[n];
        double gmNorm = gm0;
        for (int k = 1; ; k++) {
            if (k > stop.maxIterations()) {
                return run.result(x, bigF, gmNorm, k - 1, StopReason.MAX_ITERATIONS, run.message(StopReason.MAX_ITERATIONS, k - 1, gmNorm));
            }
            if (run.evaluationsExhausted()) {
                return run.result(x, bigF, gmNorm, k - 1, StopReason.MAX_EVALUATIONS, run.message(StopReason.MAX_EVALUATIONS, k - 1, gmNorm));
            }
            double ref = Double.NEGATIVE_INFINITY;
            for (double h : history) {
                ref = Math.max(ref, h);
            }
            double fNew;
            double newF;
            while (true) {
                proxStep(g, x, gx, lip, work, xNew);
                fNew = f.valueAndGradient(xNew, gNew);
                newF = fNew + g.value(xNew);
                double d2 = 0;
                for (int i = 0; i < n; i++) {
                    double d = xNew[i] - x[i];
                    d2 += d * d;
                }
                if (Run.finite(fNew, gNew)
                        && newF <= ref - 0.5 * sigma * lip * d2 + ArmijoBacktracking.APPROXIMATE_TOLERANCE * Math.abs(ref)) {
                    break;
                }
                if (lip > 1e300 || run.evaluationsExhausted()) {
                    return run.result(x, bigF, gmNorm, k - 1, Run.finite(fNew, gNew) ? StopReason.NO_PROGRESS : StopReason.NON_FINITE,
                            String.format(Locale.ROOT, "%s: the step shrank to 1/%.3g at iteration %d without an acceptable "
                                    + "decrease", name, lip, k));
                }
                lip *= eta;
            }
            double gm2 = 0;
            double sy = 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double s = xNew[i] - x[i];
                double yv = gNew[i] - gx[i];
                gm2 += lip * lip * s * s;
                sy += s * yv;
                ss += s * s;
            }
            gmNorm = Math.sqrt(gm2);
            double step = Math.sqrt(ss);
            double fPrevF = bigF;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, gx, 0, n);
            bigF = newF;
            history[k % memory] = bigF;
            // the BB curvature for the next step, safeguarded
            double bb = ss > 0 ? sy / ss : lip;
            lip = Math.min(1e30, Math.max(1e-30, bb > 0 ? bb : lip));
            StopReason r = run.converged(k, x, fPrevF, bigF, gmNorm, step);
            if (r != null) {
                return run.result(x, bigF, gmNorm, k, r, run.message(r, k, gmNorm));
            }
        }
    }
}
