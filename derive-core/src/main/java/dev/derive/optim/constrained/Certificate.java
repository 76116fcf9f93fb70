package dev.derive.optim.constrained;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import java.util.Locale;

/**
 * A certificate that a {@link QuadraticProgram} (or {@link LinearProgram}) has no optimal solution, found by the
 * homogeneous self-dual embedding of {@link InteriorPoint} and checked in the problem's original form.
 *
 * <p><b>Primal infeasibility</b> ({@link Kind#PRIMAL_INFEASIBLE}, a Farkas certificate): multipliers {@code y}
 * (equalities) and {@code z_ub, z_lower, z_upper >= 0} with
 * <pre>
 *   -A_eq'y + A_ub'z_ub - z_lower + z_upper = 0   and   b_eq'y - b_ub'z_ub + l'z_lower - u'z_upper > 0
 * </pre>
 * (infinite bounds carry zero multipliers). For a feasible {@code x}, {@code 0 = x'(-A_eq'y + A_ub'z_ub - z_lower +
 * z_upper) <= -(b_eq'y - b_ub'z_ub + l'z_lower - u'z_upper) < 0}, a contradiction: no feasible point exists. With a
 * residual {@code r} in the first equation the same argument excludes every feasible {@code x} with
 * {@code |x|_1 < value / |r|_inf}.
 *
 * <p><b>Dual infeasibility</b> ({@link Kind#DUAL_INFEASIBLE}, a ray): a direction {@code d} with
 * <pre>
 *   A_eq d = 0,  A_ub d <= 0,  d_j >= 0 where l_j is finite,  d_j <= 0 where u_j is finite,  Q d = 0,  c'd < 0;
 * </pre>
 * every {@code x + t d}, {@code t >= 0}, is feasible when {@code x} is, and {@code f(x + t d) = f(x) + t (Qx + c)'d +
 * t^2/2 d'Qd = f(x) + t c'd -> -infinity} (as {@code Qd = 0}): the problem is unbounded below if it is feasible,
 * and its dual has no feasible point in any case.
 *
 * <p>{@code value} is the certificate's objective after normalising it to unit infinity norm ({@code b'y...} above,
 * {@code > 0}; or {@code c'd < 0}) and {@code residual} the largest violation of its conditions after the same
 * normalisation. {@link InteriorPoint} accepts a certificate when {@code residual <= 1e-8 |value|}.
 *
 * @param kind       which certificate
 * @param eqDuals    Farkas {@code y}, one per equality row (empty for a ray)
 * @param ineqDuals  Farkas {@code z_ub >= 0}, one per inequality row (empty for a ray)
 * @param lowerDuals Farkas {@code z_lower >= 0}, one per variable (empty for a ray)
 * @param upperDuals Farkas {@code z_upper >= 0}, one per variable (empty for a ray)
 * @param ray        the direction {@code d}, one per variable (empty for a Farkas certificate)
 * @param value      the normalised objective of the certificate ({@code > 0} Farkas, {@code < 0} ray)
 * @param residual   the largest normalised violation of the certificate's conditions
 */
public record Certificate(Kind kind, double[] eqDuals, double[] ineqDuals, double[] lowerDuals, double[] upperDuals,
                          double[] ray, double value, double residual) {

    /** What the certificate proves. */
    public enum Kind {
        /** The constraints have no common point (Farkas multipliers). */
        PRIMAL_INFEASIBLE,
        /** The dual has no feasible point: a ray of unboundedness of the primal (unbounded if the primal is feasible). */
        DUAL_INFEASIBLE
    }

    /** Relative acceptance threshold: {@code residual <= ACCEPT |value|}. */
    public static final double ACCEPT = 1e-8;

    public Certificate {
        eqDuals = eqDuals.clone();
        ineqDuals = ineqDuals.clone();
        lowerDuals = lowerDuals.clone();
        upperDuals = upperDuals.clone();
        ray = ray.clone();
    }

    @Override
    public double[] eqDuals() {
        return eqDuals.clone();
    }

    @Override
    public double[] ineqDuals() {
        return ineqDuals.clone();
    }

    @Override
    public double[] lowerDuals() {
        return lowerDuals.clone();
    }

    @Override
    public double[] upperDuals() {
        return upperDuals.clone();
    }

    @Override
    public double[] ray() {
        return ray.clone();
    }

    /** True if {@code residual <= ACCEPT |value|} and the value has the right sign. */
    public boolean valid() {
        boolean sign = kind == Kind.PRIMAL_INFEASIBLE ? value > 0 : value < 0;
        return sign && residual <= ACCEPT * Math.abs(value);
    }

    /**
     * Checks Farkas multipliers for the problem: normalises them to unit infinity norm and computes the value
     * {@code b_eq'y - b_ub'z_ub + l'z_lower - u'z_upper} and the residual {@code max(|-A_eq'y + A_ub'z_ub - z_lower
     * + z_upper|_inf, negative parts of z, multipliers of infinite bounds)}.
     */
    public static Certificate farkas(QuadraticProgram qp, double[] y, double[] zUb, double[] zLower, double[] zUpper) {
        int n = qp.dimension();
        Matrix aEq = qp.aEq();
        Matrix aUb = qp.aUb();
        Bounds bounds = qp.bounds();
        double scale = Math.max(Math.max(InteriorPoint.normInf(y), InteriorPoint.normInf(zUb)),
                Math.max(InteriorPoint.normInf(zLower), InteriorPoint.normInf(zUpper)));
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1;
        }
        double[] ys = scaled(y, scale);
        double[] zu = scaled(zUb, scale);
        double[] zl = scaled(zLower, scale);
        double[] zp = scaled(zUpper, scale);
        double[] stat = new double[n];
        double value = 0;
        double bad = 0;
        double[] bEq = qp.bEq();
        double[] bUb = qp.bUb();
        for (int j = 0; j < n; j++) {
            stat[j] = -zl[j] + zp[j];
        }
        for (int i = 0; i < aEq.rows(); i++) {
            for (int j = 0; j < n; j++) {
                stat[j] -= aEq.get(i, j) * ys[i];
            }
            value += bEq[i] * ys[i];
        }
        for (int i = 0; i < aUb.rows(); i++) {
            for (int j = 0; j < n; j++) {
                stat[j] += aUb.get(i, j) * zu[i];
            }
            value -= bUb[i] * zu[i];
            bad = Math.max(bad, -zu[i]);
        }
        for (int j = 0; j < n; j++) {
            bad = Math.max(bad, Math.max(-zl[j], -zp[j]));
            if (bounds.lower(j) > Double.NEGATIVE_INFINITY) {
                value += bounds.lower(j) * zl[j];
            } else {
                bad = Math.max(bad, Math.abs(zl[j]));
            }
            if (bounds.upper(j) < Double.POSITIVE_INFINITY) {
                value -= bounds.upper(j) * zp[j];
            } else {
                bad = Math.max(bad, Math.abs(zp[j]));
            }
        }
        double res = Math.max(InteriorPoint.normInf(stat), bad);
        return new Certificate(Kind.PRIMAL_INFEASIBLE, ys, zu, zl, zp, new double[0], value, res);
    }

    /**
     * Checks a ray for the problem: normalises it to unit infinity norm and computes the value {@code c'd} and the
     * residual {@code max(|A_eq d|_inf, max(A_ub d, 0), sign violations at finite bounds, |Q d|_inf)}.
     */
    public static Certificate ray(QuadraticProgram qp, double[] d) {
        int n = qp.dimension();
        ProblemChecks.length("Certificate.ray", "d", d, n);
        double scale = InteriorPoint.normInf(d);
        double[] ds = scaled(d, scale > 0 && Double.isFinite(scale) ? scale : 1);
        double[] c = qp.c();
        double value = 0;
        for (int j = 0; j < n; j++) {
            value += c[j] * ds[j];
        }
        double res = InteriorPoint.normInf(qp.q().mvmul(ds));
        double[] ae = qp.aEq().mvmul(ds);
        res = Math.max(res, InteriorPoint.normInf(ae));
        for (double v : qp.aUb().mvmul(ds)) {
            res = Math.max(res, v);
        }
        Bounds bounds = qp.bounds();
        for (int j = 0; j < n; j++) {
            if (bounds.lower(j) > Double.NEGATIVE_INFINITY) {
                res = Math.max(res, -ds[j]);
            }
            if (bounds.upper(j) < Double.POSITIVE_INFINITY) {
                res = Math.max(res, ds[j]);
            }
        }
        return new Certificate(Kind.DUAL_INFEASIBLE, new double[0], new double[0], new double[0], new double[0], ds,
                value, res);
    }

    private static double[] scaled(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / s;
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s certificate: %s = %.6g, residual %.3g (%.2g of |value|)", kind,
                kind == Kind.PRIMAL_INFEASIBLE ? "b_eq'y - b_ub'z_ub + l'z_lower - u'z_upper" : "c'd", value, residual,
                residual / Math.max(Math.abs(value), Double.MIN_NORMAL));
    }
}
