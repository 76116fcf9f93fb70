package dev.derive.optim.constrained;

import dev.derive.linalg.JavaBlas;
import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;

/**
 * The KKT residuals of a candidate primal–dual point of a {@link QuadraticProgram} (or {@link LinearProgram}),
 * in the sign convention of {@link InteriorPointResult}:
 * <ul>
 *   <li>primal residual {@code max(|A_eq x - b_eq|_inf, |max(A_ub x - b_ub, 0)|_inf, |max(l - x, 0)|_inf,
 *       |max(x - u, 0)|_inf)};
 *   <li>dual residual {@code |Qx + c - A_eq'y + A_ub'z_ub - z_lower + z_upper|_inf};
 *   <li>dual infeasibility {@code max(0, -min(z_ub, z_lower, z_upper))};
 *   <li>complementarity {@code max_i |z_ub,i (b_ub - A_ub x)_i|}, and likewise for the bounds;
 *   <li>primal objective {@code 1/2 x'Qx + c'x} and Wolfe dual objective
 *       {@code b_eq'y - b_ub'z_ub + l'z_lower - u'z_upper - 1/2 x'Qx} (infinite bounds contribute nothing).
 * </ul>
 *
 * @param primalResidual   primal infeasibility
 * @param dualResidual     stationarity residual
 * @param dualInfeasibility the most negative multiplier, negated (0 if all are non-negative)
 * @param complementarity  largest complementarity product
 * @param primalObjective  {@code 1/2 x'Qx + c'x}
 * @param dualObjective    the Wolfe dual objective
 */
public record Kkt(double primalResidual, double dualResidual, double dualInfeasibility, double complementarity,
                  double primalObjective, double dualObjective) {

    /** The residuals of {@code (x, y, z_ub, z_lower, z_upper)} for a linear program. */
    public static Kkt of(LinearProgram lp, double[] x, double[] y, double[] zUb, double[] zLower, double[] zUpper) {
        return of(lp.toQuadratic(), x, y, zUb, zLower, zUpper);
    }

    /** The residuals of {@code (x, y, z_ub, z_lower, z_upper)} for a quadratic program. */
    public static Kkt of(QuadraticProgram qp, double[] x, double[] y, double[] zUb, double[] zLower, double[] zUpper) {
        int n = qp.dimension();
        Matrix aEq = qp.aEqRef(); // read only: the accessors would copy
        Matrix aUb = qp.aUbRef();
        ProblemChecks.length("Kkt", "x", x, n);
        ProblemChecks.length("Kkt", "y", y, aEq.rows());
        ProblemChecks.length("Kkt", "zUb", zUb, aUb.rows());
        ProblemChecks.length("Kkt", "zLower", zLower, n);
        ProblemChecks.length("Kkt", "zUpper", zUpper, n);
        Bounds bounds = qp.bounds();
        double[] bEq = qp.bEq();
        double[] bUb = qp.bUb();
        double[] c = qp.c();
        double[] qx;
        if (InteriorPoint.size(qp) <= InteriorPoint.JAVA_SIZE) { // pure Java, as the solver's kernels on this problem
            qx = new double[n];
            JavaBlas.dgemv(false, n, n, 1, qp.qRef().toArray(), 0, n, x, 0, 0, qx, 0);
        } else {
            qx = qp.qRef().mvmul(x);
        }
        double pobj = 0;
        double xqx = 0;
        for (int j = 0; j < n; j++) {
            pobj += x[j] * (0.5 * qx[j] + c[j]);
            xqx += x[j] * qx[j];
        }
        double pres = 0;
        double dinf = 0;
        double comp = 0;
        double dobj = -0.5 * xqx;
        double[] stat = new double[n];
        for (int j = 0; j < n; j++) {
            stat[j] = qx[j] + c[j] - zLower[j] + zUpper[j];
        }
        int mE = aEq.rows();
        int mU = aUb.rows();
        double[] ae = aEq.toArray(); // column-major: one copy instead of two get(i, j) calls per entry
        double[] au = aUb.toArray();
        for (int i = 0; i < mE; i++) {
            double r = rowPass(ae, i, mE, n, x, -bEq[i], stat, y[i], true);
            pres = Math.max(pres, Math.abs(r));
            dobj += bEq[i] * y[i];
        }
        for (int i = 0; i < mU; i++) {
            double r = rowPass(au, i, mU, n, x, -bUb[i], stat, zUb[i], false);
            pres = Math.max(pres, r);
            dinf = Math.max(dinf, -zUb[i]);
            comp = Math.max(comp, Math.abs(zUb[i] * r));
            dobj -= bUb[i] * zUb[i];
        }
        for (int j = 0; j < n; j++) {
            double lo = bounds.lower(j);
            double hi = bounds.upper(j);
            dinf = Math.max(dinf, Math.max(-zLower[j], -zUpper[j]));
            if (lo > Double.NEGATIVE_INFINITY) {
                pres = Math.max(pres, lo - x[j]);
                comp = Math.max(comp, Math.abs(zLower[j] * (x[j] - lo)));
                dobj += lo * zLower[j];
            } else {
                dinf = Math.max(dinf, Math.abs(zLower[j]));
            }
            if (hi < Double.POSITIVE_INFINITY) {
                pres = Math.max(pres, x[j] - hi);
                comp = Math.max(comp, Math.abs(zUpper[j] * (hi - x[j])));
                dobj -= hi * zUpper[j];
            } else {
                dinf = Math.max(dinf, Math.abs(zUpper[j]));
            }
        }
        return new Kkt(pres, InteriorPoint.normInf(stat), dinf, comp, pobj, dobj);
    }

    /**
     * Row i of a column-major {@code rows x n} constraint matrix: returns {@code r + sum_j a_ij x_j} (j ascending) and
     * does {@code stat_j -= a_ij w} ({@code subtract}) or {@code stat_j += a_ij w}. A method of its own so that the JIT
     * compiles it after a few rows of a first solve instead of interpreting the whole loop nest.
     */
    private static double rowPass(double[] a, int i, int rows, int n, double[] x, double r, double[] stat, double w,
                                  boolean subtract) {
        if (subtract) {
            for (int j = 0; j < n; j++) {
                double aij = a[i + j * rows];
                r += aij * x[j];
                stat[j] -= aij * w;
            }
        } else {
            for (int j = 0; j < n; j++) {
                double aij = a[i + j * rows];
                r += aij * x[j];
                stat[j] += aij * w;
            }
        }
        return r;
    }

    /** The largest of the four residuals. */
    public double max() {
        return Math.max(Math.max(primalResidual, dualResidual), Math.max(dualInfeasibility, complementarity));
    }
}
