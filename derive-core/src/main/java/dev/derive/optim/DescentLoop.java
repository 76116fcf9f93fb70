package dev.derive.optim;

import java.util.Locale;

/**
 * The iteration shared by line-search methods: direction, step along it, update, stopping tests. Subclasses
 * give the direction ({@code -g}, Newton, quasi-Newton) and the curvature update. If a direction is not a
 * descent direction, or its line search fails, the method resets its curvature model and retries once with
 * steepest descent before giving up. A run that lowers neither the objective nor the gradient norm for
 * {@link #MAX_STALLS} iterations in a row stops with {@link StopReason#NO_PROGRESS}.
 */
abstract class DescentLoop {

    /** Consecutive iterations that lower neither f nor |g| before the run stops with NO_PROGRESS. */
    static final int MAX_STALLS = 5;

    /** Prepares for a problem of dimension n. */
    abstract void init(int n);

    /** Forgets curvature information (after a failed direction). */
    abstract void reset();

    /**
     * Writes the search direction into d. Returns null, or a message if the direction cannot be computed
     * because the objective's second derivatives are not finite.
     */
    abstract String direction(Counted f, double[] x, double[] g, double[] d);

    /** The first trial step of iteration k (0-based). */
    abstract double initialStep(int k, double gnorm, double gd);

    /**
     * Called after an accepted step {@code alpha} along a direction with slope {@code gd = g'd}, with
     * {@code s = x_new - x}, {@code y = g_new - g}.
     */
    abstract void update(double[] s, double[] y, double alpha, double gd);

    final OptimResult run(String name, LineSearch ls, StopCriteria stop, SmoothObjective objective, double[] x0,
                          IterationObserver observer) {
        Run run = new Run(name, objective, stop, observer);
        stop = run.stop;
        Counted f = run.f;
        double[] x = run.start(x0);
        int n = x.length;
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        OptimResult early = run.atStart(x, fx, g);
        if (early != null) {
            return early;
        }
        double gnorm = Vec.norm(g);
        init(n);
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        int k = 0;
        boolean steepest = false; // true while retrying with -g after a failure
        int stalls = 0;
        while (true) {
            StopReason reason = null;
            if (k >= stop.maxIterations()) {
                reason = StopReason.MAX_ITERATIONS;
            } else if (run.evaluationsExhausted()) {
                reason = StopReason.MAX_EVALUATIONS;
            }
            if (reason != null) {
                return run.result(x, fx, gnorm, k, reason, run.message(reason, k, gnorm));
            }
            double gd;
            if (steepest) {
                Vec.negate(g, d);
                gd = -gnorm * gnorm;
            } else {
                String err = direction(f, x, g, d);
                if (err != null) {
                    return run.result(x, fx, gnorm, k, StopReason.NON_FINITE, err + " at iteration " + k);
                }
                gd = Vec.dot(g, d);
                if (!(gd < 0) || Vec.firstNonFinite(d) >= 0) {
                    reset();
                    steepest = true;
                    Vec.negate(g, d);
                    gd = -gnorm * gnorm;
                }
            }
            double alpha0 = steepest ? Math.min(1, 1 / gnorm) : initialStep(k, gnorm, gd);
            if (!(alpha0 > 0) || !Double.isFinite(alpha0)) {
                alpha0 = 1;
            }
            LineSearchResult lr = ls.search(f, x, fx, g, d, alpha0, Double.POSITIVE_INFINITY, xNew, gNew);
            if (!lr.decreased()) {
                if (!steepest) {
                    reset();
                    steepest = true;
                    continue;
                }
                StopReason r = lr.status() == LineSearchResult.Status.NON_FINITE ? StopReason.NON_FINITE
                        : StopReason.NO_PROGRESS;
                String msg = r == StopReason.NON_FINITE
                        ? String.format(Locale.ROOT, "%s: the objective or its gradient was non-finite at every trial "
                        + "step of the line search at iteration %d (%d trials from step %.3g along steepest descent); "
                        + "the result is the last finite iterate", name, k, lr.evaluations(), alpha0)
                        : String.format(Locale.ROOT, "%s: the line search found no decrease along steepest descent at "
                        + "iteration %d (gradient norm %.3g, %d evaluations): the gradient tolerance may be below what "
                        + "rounding allows, or the gradient does not match the function", name, k, gnorm, lr.evaluations());
                return run.result(x, fx, gnorm, k, r, msg);
            }
            steepest = false;
            k++;
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            update(s, y, lr.step(), gd);
            double fPrev = fx;
            double[] t = x;
            x = xNew;
            xNew = t;
            t = g;
            g = gNew;
            gNew = t;
            fx = lr.value();
            double gnormPrev = gnorm;
            gnorm = Vec.norm(g);
            // a step that lowers neither f nor |g| (f flat to rounding, a gradient that does not match f)
            stalls = fx < fPrev || gnorm < gnormPrev ? 0 : stalls + 1;
            StopReason reason2 = run.converged(k, x, fPrev, fx, gnorm, Vec.norm(s));
            if (reason2 != null) {
                return run.result(x, fx, gnorm, k, reason2, run.message(reason2, k, gnorm));
            }
            if (stalls >= MAX_STALLS) {
                return run.result(x, fx, gnorm, k, StopReason.NO_PROGRESS, String.format(Locale.ROOT,
                        "%s: %d iterations in a row lowered neither f nor the gradient norm (now %.3g, f = %.10g): "
                                + "the gradient tolerance may be below what rounding allows, or the gradient does not "
                                + "match the function", name, MAX_STALLS, gnorm, fx));
            }
        }
    }
}
