package dev.derive.optim;

/**
 * Line search for the strong Wolfe conditions
 * {@code phi(alpha) <= phi(0) + c1 alpha phi'(0)} and {@code |phi'(alpha)| <= c2 |phi'(0)|}, with
 * {@code phi(alpha) = f(x + alpha d)}: the bracketing phase and {@code zoom} of Nocedal &amp; Wright,
 * <i>Numerical Optimization</i>, 2nd ed., Algorithms 3.5 and 3.6, with trial steps from the cubic
 * interpolating the values and slopes at the bracket ends (eq. 3.59).
 *
 * <p>Safeguards (after Moré &amp; Thuente 1994): the cubic minimiser is kept 0.1% of the bracket width away
 * from its ends, and bisection replaces it when the cubic has no real minimiser, an end is non-finite, or the
 * bracket did not shrink below 0.66 of its width two trials before; while bracketing, the next step is the cubic extrapolation kept within
 * {@code [alpha + 1.1 (alpha - alpha_prev), alpha + 4 (alpha - alpha_prev)]} (as in Moré &amp; Thuente 1994).
 * A trial with a non-finite value or gradient counts as violating sufficient decrease and becomes the upper
 * end of the bracket. If the budget runs out, or the step reaches {@code maxStep} while still descending,
 * the best sufficient-decrease step found is returned with status {@code DECREASE_ONLY}.
 *
 * <p>Near a minimiser the decrease can fall below the rounding error of {@code f}: as in
 * {@link ArmijoBacktracking}, Hager &amp; Zhang's approximate condition ({@code |phi(alpha) - phi(0)| <=
 * APPROXIMATE_TOLERANCE |phi(0)|} with {@code phi'(alpha) <= (2 c1 - 1) phi'(0)}) also counts as sufficient
 * decrease, and inside the bracket values that close are ordered by the slope rather than by the noise.
 *
 * @param c1             sufficient-decrease constant, {@code 0 < c1 < c2}; typically {@code 1e-4}
 * @param c2             curvature constant, {@code c1 < c2 < 1}; 0.9 for (quasi-)Newton, 0.1 for nonlinear CG
 * @param maxEvaluations the evaluation budget per search, {@code >= 1}
 */
public record StrongWolfe(double c1, double c2, int maxEvaluations) implements LineSearch {

    public StrongWolfe {
        if (!(c1 > 0 && c1 < 1)) {
            throw new IllegalArgumentException("StrongWolfe: c1 must be in (0, 1), got " + c1);
        }
        if (!(c2 > c1 && c2 < 1)) {
            throw new IllegalArgumentException("StrongWolfe: c2 must be in (c1, 1) = (" + c1 + ", 1), got " + c2);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("StrongWolfe: maxEvaluations must be >= 1, got " + maxEvaluations);
        }
    }

    /** {@code c1 = 1e-4, c2 = 0.9}, 40 evaluations: the usual choice for BFGS, L-BFGS and Newton. */
    public static StrongWolfe defaults() {
        return new StrongWolfe(1e-4, 0.9, 40);
    }

    /** Mutable state of one search. */
    private final class Search {
        final SmoothObjective f;
        final double[] x;
        final double[] d;
        final double[] xOut;
        final double[] gOut;
        final double phi0;
        final double dphi0;
        final double noise;
        int evals;
        boolean lastNonFinite;
        // the best sufficient-decrease point (the bracket's lo end)
        double aLo;
        double phiLo;
        double dphiLo;
        final double[] gLo;
        // the latest trial
        double phi;
        double dphi;

        Search(SmoothObjective f, double[] x, double phi0, double[] g0, double[] d, double dphi0,
               double[] xOut, double[] gOut) {
            this.f = f;
            this.x = x;
            this.d = d;
            this.xOut = xOut;
            this.gOut = gOut;
            this.phi0 = phi0;
            this.dphi0 = dphi0;
            this.gLo = g0.clone();
            this.phiLo = phi0;
            this.dphiLo = dphi0;
            this.noise = ArmijoBacktracking.APPROXIMATE_TOLERANCE * Math.abs(phi0);
        }

        /** Evaluates phi and phi' at alpha into xOut, gOut; returns false if non-finite. */
        boolean eval(double alpha) {
            evals++;
            Vec.step(x, alpha, d, xOut);
            phi = f.valueAndGradient(xOut, gOut);
            dphi = Vec.dot(gOut, d);
            lastNonFinite = !(Double.isFinite(phi) && Double.isFinite(dphi) && Vec.firstNonFinite(gOut) < 0);
            return !lastNonFinite;
        }

        boolean sufficientDecrease(double alpha) {
            return phi - phi0 <= c1 * alpha * dphi0 || (Math.abs(phi - phi0) <= noise && dphi <= (2 * c1 - 1) * dphi0);
        }

        boolean curvature() {
            return Math.abs(dphi) <= -c2 * dphi0;
        }

        void setLo(double alpha) {
            aLo = alpha;
            phiLo = phi;
            dphiLo = dphi;
            System.arraycopy(gOut, 0, gLo, 0, gLo.length);
        }

        LineSearchResult satisfied(double alpha) {
            return new LineSearchResult(LineSearchResult.Status.SATISFIED, alpha, phi, evals);
        }

        /** Ends without the curvature condition: the lo point if it moved, else failure. */
        LineSearchResult best(double[] g0) {
            if (aLo > 0) {
                Vec.step(x, aLo, d, xOut);
                System.arraycopy(gLo, 0, gOut, 0, gLo.length);
                return new LineSearchResult(LineSearchResult.Status.DECREASE_ONLY, aLo, phiLo, evals);
            }
            System.arraycopy(x, 0, xOut, 0, x.length);
            System.arraycopy(g0, 0, gOut, 0, g0.length);
            return new LineSearchResult(lastNonFinite ? LineSearchResult.Status.NON_FINITE
                    : LineSearchResult.Status.FAILED, 0, phi0, evals);
        }
    }

    @Override
    public LineSearchResult search(SmoothObjective f, double[] x, double fx, double[] gx, double[] d,
                                   double initialStep, double maxStep, double[] xOut, double[] gOut) {
        double dphi0 = LineSearch.checkArguments("StrongWolfe", f, x, fx, gx, d, initialStep, maxStep, xOut, gOut);
        Search s = new Search(f, x, fx, gx, d, dphi0, xOut, gOut);
        if (maxStep == 0) {
            return s.best(gx);
        }
        double aPrev = 0;
        double phiPrev = fx;
        double dphiPrev = dphi0;
        double alpha = Math.min(initialStep, maxStep);
        while (true) {
            boolean ok = s.eval(alpha);
            if (!ok || !s.sufficientDecrease(alpha) || (s.evals > 1 && s.phi >= phiPrev)) {
                // [aPrev, alpha] brackets a Wolfe step; aPrev is the lo end (it satisfies sufficient decrease)
                return zoomLoop(s, alpha, ok ? s.phi : Double.NaN, ok ? s.dphi : Double.NaN, gx);
            }
            if (s.curvature()) {
                return s.satisfied(alpha);
            }
            s.setLo(alpha);
            if (s.dphi >= 0) {
                // the slope turned non-negative: [aPrev, alpha] brackets a Wolfe step with alpha the lo end
                return zoomLoop(s, aPrev, phiPrev, dphiPrev, gx);
            }
            if (alpha >= maxStep || s.evals >= maxEvaluations) {
                return s.best(gx);
            }
            double delta = alpha - aPrev;
            double next = cubicMinimizer(aPrev, phiPrev, dphiPrev, alpha, s.phi, s.dphi);
            double lo = alpha + 1.1 * delta;
            double hi = alpha + 4 * delta;
            if (!(next >= lo)) {
                // the slope at alpha is negative, so a cubic minimiser behind alpha (or none) means the cubic
                // keeps decreasing ahead: extrapolate as far as allowed
                next = hi;
            }
            next = Math.min(next, hi);
            aPrev = alpha;
            phiPrev = s.phi;
            dphiPrev = s.dphi;
            alpha = Math.min(next, maxStep);
        }
    }

    /**
     * Algorithm 3.6: shrinks the bracket between {@code s.aLo} (lowest sufficient-decrease point) and
     * {@code aHi}; a NaN {@code phiHi} means the hi end was not finite.
     */
    private LineSearchResult zoomLoop(Search s, double aHi, double phiHi, double dphiHi, double[] g0) {
        double width1 = Double.POSITIVE_INFINITY; // the bracket width one and two trials ago
        double width2 = Double.POSITIVE_INFINITY;
        while (s.evals < maxEvaluations) {
            double aLo = s.aLo;
            double a = Math.min(aLo, aHi);
            double b = Math.max(aLo, aHi);
            double w = b - a;
            if (w <= 1e-16 * b) {
                break; // the bracket is below rounding
            }
            double trial = Double.isFinite(phiHi) && Double.isFinite(dphiHi)
                    ? cubicMinimizer(aLo, s.phiLo, s.dphiLo, aHi, phiHi, dphiHi)
                    : Double.NaN;
            if (Double.isNaN(trial) || w > 0.66 * width2) {
                // no usable interpolant, or the bracket did not shrink by a third in two trials: bisect
                trial = 0.5 * (a + b);
            } else {
                trial = Math.min(Math.max(trial, a + 1e-3 * w), b - 1e-3 * w);
            }
            width2 = width1;
            width1 = w;
            boolean ok = s.eval(trial);
            if (!ok || !s.sufficientDecrease(trial) || s.phi > s.phiLo + s.noise) { // within rounding: the slope decides
                aHi = trial;
                phiHi = ok ? s.phi : Double.NaN;
                dphiHi = ok ? s.dphi : Double.NaN;
            } else {
                if (s.curvature()) {
                    return s.satisfied(trial);
                }
                if (s.dphi * (aHi - aLo) >= 0) {
                    aHi = aLo;
                    phiHi = s.phiLo;
                    dphiHi = s.dphiLo;
                }
                s.setLo(trial);
            }
        }
        return s.best(g0);
    }

    /**
     * The minimiser of the cubic interpolating {@code (a, fa, da)} and {@code (b, fb, db)} (Nocedal &amp; Wright
     * eq. 3.59), or NaN if the cubic has no real local minimiser.
     */
    static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        if (a == b) {
            return Double.NaN;
        }
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        double denom = db - da + 2 * d2;
        if (denom == 0) {
            return Double.NaN;
        }
        return b - (b - a) * (db + d2 - d1) / denom;
    }
}
