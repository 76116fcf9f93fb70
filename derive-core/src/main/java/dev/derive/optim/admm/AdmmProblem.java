package dev.derive.optim.admm;

/**
 * A problem {@code min f(x) + g(z) s.t. A x + B z = c} for {@link Admm} (Boyd, Parikh, Chu, Peleato &amp;
 * Eckstein, <i>Distributed Optimization and Statistical Learning via the Alternating Direction Method of
 * Multipliers</i>, 2011, section 3.1), given by the two partial minimisations of the scaled augmented
 * Lagrangian and the linear maps {@code A}, {@code B}:
 * <pre>
 *   xUpdate(v, rho) = argmin_x f(x) + rho/2 ||A x - v||^2
 *   zUpdate(w, rho) = argmin_z g(z) + rho/2 ||B z - w||^2
 * </pre>
 * ({@link Admm} passes {@code v = c - B z - u} and {@code w = c - A x_hat - u}). An x- or z-update may cache
 * work that depends on {@code rho} only (a factorisation); {@code rho} changes only when residual balancing
 * is on. Implementations may return non-finite values (a diverging inner solve): {@link Admm} then stops
 * with {@link dev.derive.optim.StopReason#NON_FINITE}.
 */
public interface AdmmProblem {

    /** The dimension {@code n} of {@code x}. */
    int xDimension();

    /** The dimension {@code m} of {@code z}. */
    int zDimension();

    /** The number {@code p} of constraint rows (length of {@code c}). */
    int constraintRows();

    /** Writes {@code A x} (length {@code p}) into {@code out}. */
    void applyA(double[] x, double[] out);

    /** Writes {@code A' r} (length {@code n}) into {@code out}. */
    void applyATranspose(double[] r, double[] out);

    /** Writes {@code B z} (length {@code p}) into {@code out}. */
    void applyB(double[] z, double[] out);

    /** The right-hand side {@code c} (a new array, length {@code p}). */
    double[] c();

    /** Writes {@code argmin_x f(x) + rho/2 ||A x - v||^2} into {@code x}. */
    void xUpdate(double[] v, double rho, double[] x);

    /** Writes {@code argmin_z g(z) + rho/2 ||B z - w||^2} into {@code z}. */
    void zUpdate(double[] w, double rho, double[] z);

    /** The objective {@code f(x) + g(z)}. */
    double objective(double[] x, double[] z);
}
