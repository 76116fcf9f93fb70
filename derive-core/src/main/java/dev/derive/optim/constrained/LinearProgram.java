package dev.derive.optim.constrained;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;

/**
 * A linear program in the form of scipy's {@code linprog}
 * <pre>
 *   minimise    c'x
 *   subject to  A_eq x  = b_eq,
 *               A_ub x <= b_ub,
 *               lower <= x <= upper   (a side may be infinite)
 * </pre>
 * Solved by {@link InteriorPoint}. Absent constraint blocks are given as {@code null} (or a matrix with zero
 * rows); {@code null} bounds mean every variable is free (note: scipy's default is {@code x >= 0}, here
 * {@link Bounds#nonNegative(int)}). All arrays are copied.
 *
 * @param c      the cost vector, length {@code n}
 * @param aEq    the {@code p x n} equality matrix
 * @param bEq    the right-hand side of the equalities, length {@code p}
 * @param aUb    the {@code m x n} inequality matrix
 * @param bUb    the right-hand side of the inequalities, length {@code m}
 * @param bounds the variable bounds, dimension {@code n}
 */
public record LinearProgram(double[] c, Matrix aEq, double[] bEq, Matrix aUb, double[] bUb, Bounds bounds) {

    public LinearProgram {
        QuadraticProgram qp = new QuadraticProgram(null, c, aEq, bEq, aUb, bUb, bounds);
        c = qp.c();
        aEq = qp.aEq();
        bEq = qp.bEq();
        aUb = qp.aUb();
        bUb = qp.bUb();
        bounds = qp.bounds();
    }

    /** The number of variables {@code n}. */
    public int dimension() {
        return c.length;
    }

    /** The objective {@code c'x}. */
    public double objective(double[] x) {
        ProblemChecks.length("LinearProgram.objective", "x", x, c.length);
        double v = 0;
        for (int i = 0; i < x.length; i++) {
            v += c[i] * x[i];
        }
        return v;
    }

    /** The same problem as a quadratic program with {@code Q = 0}. */
    public QuadraticProgram toQuadratic() {
        return new QuadraticProgram(null, c, aEq, bEq, aUb, bUb, bounds);
    }

    @Override
    public double[] c() {
        return c.clone();
    }

    @Override
    public Matrix aEq() {
        return aEq.copy();
    }

    @Override
    public double[] bEq() {
        return bEq.clone();
    }

    @Override
    public Matrix aUb() {
        return aUb.copy();
    }

    @Override
    public double[] bUb() {
        return bUb.clone();
    }
}
