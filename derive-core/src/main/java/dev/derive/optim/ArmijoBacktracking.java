package dev.derive.optim;

/**
 * Backtracking line search for the Armijo (sufficient decrease) condition
 * {@code f(x + alpha d) <= f(x) + c1 alpha grad f(x)'d} (Nocedal &amp; Wright, <i>Numerical Optimization</i>,
 * 2nd ed., Algorithm 3.1 with the safeguarded interpolation of section 3.5).
 *
 * <p>Starting from the initial step, each rejected step is replaced by the minimiser of the quadratic
 * interpolating {@code phi(0), phi'(0), phi(alpha)},
 * {@code alpha_new = -phi'(0) alpha^2 / (2 (phi(alpha) - phi(0) - phi'(0) alpha))}, kept within
 * {@code [0.1 alpha, 0.5 alpha]}, or by {@code shrink * alpha} when {@code interpolate} is off. A trial
 * with a non-finite value or gradient is cut to {@code 0.1 alpha}.
 *
 * <p>Near a minimiser the decrease can fall below the rounding error of {@code f}. As in Hager &amp; Zhang's
 * approximate Wolfe conditions (SIAM J. Optim. 16(1), 2005, eq. T2), a trial is then also accepted if its
 * value is indistinguishable from {@code phi(0)}, {@code |phi(alpha) - phi(0)| <= APPROXIMATE_TOLERANCE * |phi(0)|},
 * and its slope, computed from the accurate
 * gradient, satisfies {@code phi'(alpha) <= (2 c1 - 1) phi'(0)} (which for a quadratic is the Armijo
 * condition); so Newton's unit step is not cut by rounding noise in {@code f}.
 *
 * @param c1             sufficient-decrease constant, in {@code (0, 1)}; typically {@code 1e-4}
 * @param shrink         the contraction factor without interpolation, in {@code (0, 1)}
 * @param interpolate    whether to use quadratic interpolation (safeguarded) instead of a fixed contraction
 * @param maxEvaluations the evaluation budget per search, {@code >= 1}
 */
public record ArmijoBacktracking(double c1, double shrink, boolean interpolate, int maxEvaluations)
        implements LineSearch {

    /**
     * The relative increase of {@code f} tolerated by the approximate (derivative-based) sufficient-decrease
     * test, {@code 1e-10}: well above the rounding error of a sum of many terms, well below any real decrease.
     */
    public static final double APPROXIMATE_TOLERANCE = 1e-10;

    public ArmijoBacktracking {
        if (!(c1 > 0 && c1 < 1)) {
            throw new IllegalArgumentException("ArmijoBacktracking: c1 must be in (0, 1), got " + c1);
        }
        if (!(shrink > 0 && shrink < 1)) {
            throw new IllegalArgumentException("ArmijoBacktracking: shrink must be in (0, 1), got " + shrink);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("ArmijoBacktracking: maxEvaluations must be >= 1, got " + maxEvaluations);
        }
    }

    /** {@code c1 = 1e-4}, interpolation on ({@code shrink = 0.5} when off), 50 evaluations. */
    public static ArmijoBacktracking defaults() {
        return new ArmijoBacktracking(1e-4, 0.5, true, 50);
    }

    @Override
    public LineSearchResult search(SmoothObjective f, double[] x, double fx, double[] gx, double[] d,
                                   double initialStep, double maxStep, double[] xOut, double[] gOut) {
        double dphi0 = LineSearch.checkArguments("ArmijoBacktracking", f, x, fx, gx, d, initialStep, maxStep, xOut, gOut);
        double alpha = Math.min(initialStep, maxStep);
        boolean lastNonFinite = false;
        int evals = 0;
        double noise = APPROXIMATE_TOLERANCE * Math.abs(fx);
        while (evals < maxEvaluations && alpha > 0) {
            int k = ++evals;
            Vec.step(x, alpha, d, xOut);
            double phi = f.valueAndGradient(xOut, gOut);
            if (!Run.finite(phi, gOut)) {
                lastNonFinite = true;
                alpha *= 0.1;
                continue;
            }
            lastNonFinite = false;
            if (phi - fx <= c1 * alpha * dphi0 // the difference first: f(x) + tiny would round to f(x)
                    || (Math.abs(phi - fx) <= noise && Vec.dot(gOut, d) <= (2 * c1 - 1) * dphi0)) {
                return new LineSearchResult(LineSearchResult.Status.SATISFIED, alpha, phi, k);
            }
            if (interpolate) {
                double denom = 2 * (phi - fx - dphi0 * alpha);
                double next = denom > 0 ? -dphi0 * alpha * alpha / denom : 0.5 * alpha;
                alpha = Math.min(Math.max(next, 0.1 * alpha), 0.5 * alpha);
            } else {
                alpha *= shrink;
            }
        }
        System.arraycopy(x, 0, xOut, 0, x.length);
        System.arraycopy(gx, 0, gOut, 0, gx.length);
        return new LineSearchResult(lastNonFinite ? LineSearchResult.Status.NON_FINITE : LineSearchResult.Status.FAILED,
                0, fx, evals);
    }
}
