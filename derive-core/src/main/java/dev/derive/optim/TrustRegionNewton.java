package dev.derive.optim;

import dev.derive.linalg.Matrix;
import java.util.Locale;

/**
 * Trust-region Newton with the Steihaug–Toint truncated conjugate-gradient subproblem solver (Steihaug
 * 1983; Nocedal &amp; Wright, <i>Numerical Optimization</i>, 2nd ed., Algorithms 4.1 and 7.2). Each iteration
 * approximately minimises the model {@code m(p) = f + g'p + p'Hp/2} over {@code ||p|| <= Delta} by CG on
 * {@code Hp = -g}, stopping at the boundary, at negative curvature (then following it to the boundary), or when
 * the residual is below {@code min(0.5, sqrt(||g||)) ||g||} (superlinear convergence, eq. 7.3). The step is
 * accepted if {@code rho = (f(x) - f(x + p)) / (m(0) - m(p)) > eta}; the radius shrinks to
 * {@code ||p|| / 4} when {@code rho < 1/4} and doubles (up to {@code maxRadius}) when {@code rho > 3/4} and
 * the step reached the boundary. A non-finite trial value counts as {@code rho = -Infinity}. When the predicted
 * decrease is below 100 times the rounding error of {@code f} (very near a minimiser), {@code rho} carries no
 * information, and the step is accepted if it lowers the gradient norm.
 *
 * <p>It needs only Hessian-vector products, so it suits problems where the Hessian is too large to form. For a
 * {@link TwiceDifferentiableObjective} it forms the Hessian once per iteration and multiplies by it.
 * Iterations count trial steps, accepted or not.
 *
 * @param initialRadius the first trust-region radius, {@code > 0}
 * @param maxRadius     the largest radius, {@code >= initialRadius}
 * @param eta           the acceptance threshold on {@code rho}, in {@code [0, 1/4)}
 * @param stop          the stopping criteria
 */
public record TrustRegionNewton(double initialRadius, double maxRadius, double eta, StopCriteria stop)
        implements Minimizer<HessianVectorObjective> {

    public TrustRegionNewton {
        if (!(initialRadius > 0) || !Double.isFinite(initialRadius)) {
            throw new IllegalArgumentException("TrustRegionNewton: initialRadius must be positive and finite, got "
                    + initialRadius);
        }
        if (!(maxRadius >= initialRadius)) {
            throw new IllegalArgumentException("TrustRegionNewton: maxRadius must be >= initialRadius = " + initialRadius
                    + ", got " + maxRadius);
        }
        if (!(eta >= 0 && eta < 0.25)) {
            throw new IllegalArgumentException("TrustRegionNewton: eta must be in [0, 0.25), got " + eta);
        }
        if (stop == null) {
            throw new IllegalArgumentException("TrustRegionNewton: stop must not be null");
        }
    }

    /** Radius 1 (at most 1e10), {@code eta = 0.1}, the default stopping criteria. */
    public static TrustRegionNewton defaults() {
        return new TrustRegionNewton(1, 1e10, 0.1, StopCriteria.DEFAULT);
    }

    public TrustRegionNewton withInitialRadius(double r) {
        return new TrustRegionNewton(r, Math.max(r, maxRadius), eta, stop);
    }

    public TrustRegionNewton withStop(StopCriteria s) {
        return new TrustRegionNewton(initialRadius, maxRadius, eta, s);
    }

    @Override
    public OptimResult minimize(HessianVectorObjective objective, double[] x0, IterationObserver observer) {
        final String name = "TrustRegionNewton";
        Run run = new Run(name, objective, stop, observer);
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
        boolean dense = objective instanceof TwiceDifferentiableObjective;
        Matrix h = dense ? Matrix.zeros(n, n) : null;
        double[] p = new double[n];
        double[] hp = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        Steihaug cg = new Steihaug(n);
        double radius = initialRadius;
        boolean needHessian = true;
        for (int k = 1; ; k++) {
            if (k > stop.maxIterations()) {
                return run.result(x, fx, gnorm, k - 1, StopReason.MAX_ITERATIONS,
                        run.message(StopReason.MAX_ITERATIONS, k - 1, gnorm));
            }
            if (run.evaluationsExhausted()) {
                return run.result(x, fx, gnorm, k - 1, StopReason.MAX_EVALUATIONS,
                        run.message(StopReason.MAX_EVALUATIONS, k - 1, gnorm));
            }
            final double[] xk = x;
            HessianTimes op;
            if (dense) {
                if (needHessian) {
                    f.hessian(x, h);
                    if (!h.isFinite()) {
                        return run.result(x, fx, gnorm, k - 1, StopReason.NON_FINITE,
                                name + ": the Hessian has a non-finite entry at iteration " + (k - 1));
                    }
                    needHessian = false;
                }
                op = (v, out) -> System.arraycopy(h.mvmul(v), 0, out, 0, n);
            } else {
                op = (v, out) -> f.hessianVector(xk, v, out);
            }
            double tol = Math.min(0.5, Math.sqrt(gnorm)) * gnorm;
            boolean boundary = cg.solve(g, op, radius, tol, p);
            if (cg.nonFinite) {
                return run.result(x, fx, gnorm, k - 1, StopReason.NON_FINITE,
                        name + ": a Hessian-vector product was non-finite at iteration " + (k - 1));
            }
            op.apply(p, hp);
            double predicted = -(Vec.dot(g, p) + 0.5 * Vec.dot(p, hp));
            Vec.step(x, 1, p, xNew);
            double fNew = f.valueAndGradient(xNew, gNew);
            double actual = fx - fNew;
            double rho = Run.finite(fNew, gNew) && predicted > 0 ? actual / predicted : Double.NEGATIVE_INFINITY;
            double noise = 4 * Math.ulp(1.0) * Math.max(Math.abs(fx), Math.abs(fNew));
            if (Run.finite(fNew, gNew) && predicted <= 100 * noise) {
                // the decrease is below the rounding of f, so rho is noise: trust the model if it lowered |g|
                rho = Vec.norm(gNew) < gnorm ? 1 : Double.NEGATIVE_INFINITY;
            }
            double pnorm = Vec.norm(p);
            if (rho < 0.25) {
                radius = 0.25 * pnorm;
            } else if (rho > 0.75 && boundary) {
                radius = Math.min(2 * radius, maxRadius);
            }
            boolean accepted = rho > eta;
            double fPrev = fx;
            if (accepted) {
                double[] t = x;
                x = xNew;
                xNew = t;
                t = g;
                g = gNew;
                gNew = t;
                fx = fNew;
                gnorm = Vec.norm(g);
                needHessian = true;
            }
            StopReason reason = null;
            if (!run.record(k, x, fx, gnorm)) {
                reason = StopReason.OBSERVER_STOPPED;
            } else if (accepted && gnorm <= stop.gradientTolerance()) {
                reason = StopReason.GRADIENT_TOLERANCE;
            } else if (accepted && stop.functionConverged(fPrev, fx)) {
                reason = StopReason.FUNCTION_TOLERANCE;
            } else if (accepted && stop.stepConverged(pnorm, Vec.norm(x))) {
                reason = StopReason.STEP_TOLERANCE;
            } else if (!accepted && radius <= Math.ulp(1.0) * (1 + Vec.norm(x))) {
                return run.result(x, fx, gnorm, k, StopReason.NO_PROGRESS, String.format(Locale.ROOT,
                        "%s: the trust region collapsed to radius %.3g at iteration %d without a decrease (gradient "
                                + "norm %.3g): the gradient tolerance may be below what rounding allows, or the "
                                + "derivatives do not match the function", name, radius, k, gnorm));
            }
            if (reason != null) {
                return run.result(x, fx, gnorm, k, reason, run.message(reason, k, gnorm));
            }
        }
    }

    @FunctionalInterface
    private interface HessianTimes {
        void apply(double[] v, double[] out);
    }

    /** Algorithm 7.2 (CG-Steihaug) with reusable work arrays. */
    private static final class Steihaug {
        final double[] r;
        final double[] d;
        final double[] bd;
        boolean nonFinite;

        Steihaug(int n) {
            r = new double[n];
            d = new double[n];
            bd = new double[n];
        }

        /** Writes the step into z; returns true if it ends on the boundary ||z|| = radius. */
        boolean solve(double[] g, HessianTimes op, double radius, double tol, double[] z) {
            int n = g.length;
            nonFinite = false;
            java.util.Arrays.fill(z, 0);
            System.arraycopy(g, 0, r, 0, n);
            Vec.negate(g, d);
            double rr = Vec.dot(r, r);
            if (Math.sqrt(rr) < tol) {
                return false;
            }
            for (int j = 0; j < 2 * n + 10; j++) {
                op.apply(d, bd);
                double dbd = Vec.dot(d, bd);
                if (!Double.isFinite(dbd)) {
                    nonFinite = true;
                    return false;
                }
                if (dbd <= 0) {
                    toBoundary(z, d, radius);
                    return true;
                }
                double alpha = rr / dbd;
                // would z + alpha d leave the region?
                double zz = 0;
                for (int i = 0; i < n; i++) {
                    double t = z[i] + alpha * d[i];
                    zz += t * t;
                }
                if (Math.sqrt(zz) >= radius) {
                    toBoundary(z, d, radius);
                    return true;
                }
                Vec.axpy(alpha, d, z);
                Vec.axpy(alpha, bd, r);
                double rrNew = Vec.dot(r, r);
                if (Math.sqrt(rrNew) < tol) {
                    return false;
                }
                double beta = rrNew / rr;
                rr = rrNew;
                for (int i = 0; i < n; i++) {
                    d[i] = -r[i] + beta * d[i];
                }
            }
            return false;
        }

        /** z <- z + tau d with tau >= 0 and ||z + tau d|| = radius. */
        static void toBoundary(double[] z, double[] d, double radius) {
            double dd = Vec.dot(d, d);
            double zd = Vec.dot(z, d);
            double zz = Vec.dot(z, z);
            double disc = zd * zd + dd * (radius * radius - zz);
            double tau = (-zd + Math.sqrt(Math.max(disc, 0))) / dd;
            Vec.axpy(tau, d, z);
        }
    }
}
