package dev.derive.linalg;

/**
 * LSQR (Paige &amp; Saunders, "LSQR: An algorithm for sparse linear equations and sparse least squares", ACM TOMS 8(1),
 * 1982) for the damped least-squares problem
 * <pre>
 *   min_x ||A x - b||^2 + damp^2 ||x||^2      (the augmented problem  min || [A; damp I] x - [b; 0] ||)
 * </pre>
 * with {@code A} an {@code m x n} {@link Operator} (only products {@code A v} and {@code A'u} are used; nothing of
 * size {@code n x n} or {@code m x m} is formed), from {@code x0 = 0}.
 *
 * <p>The method: Golub-Kahan bidiagonalisation {@code beta_1 u_1 = b}, {@code alpha_1 v_1 = A'u_1},
 * {@code beta_{k+1} u_{k+1} = A v_k - alpha_k u_k}, {@code alpha_{k+1} v_{k+1} = A'u_{k+1} - beta_{k+1} v_k}; the lower
 * bidiagonal {@code B_k} (with the damping rows, removed by one plane rotation per step) is reduced to upper bidiagonal
 * form by plane rotations, and {@code x_k = x_{k-1} + (phi_k / rho_k) w_k} (the paper's section 4). In exact arithmetic
 * the iterates are those of conjugate gradients on the normal equations {@code (A'A + damp^2 I) x = A'b}, but computed
 * without squaring the condition number; started at 0 they stay in the row space of {@code A}, so with
 * {@code damp = 0} on a rank-deficient {@code A} they tend to the minimum-norm solution.
 *
 * <p>Stopping rules (the paper's section 6), with {@code r = b - A x} and, for the augmented problem,
 * {@code rbar = [r; -damp x]}, {@code ||Abar||} estimated by {@code ||B_k||_F} (damping included) and
 * {@code cond(Abar)} by {@code ||B_k||_F ||D_k||_F} ({@code D_k} the search directions {@code w_i / rho_i}):
 * <ul>
 *   <li>S1 ({@link Stop#COMPATIBLE}): {@code ||rbar|| <= btol ||b|| + atol ||Abar|| ||x||} (a compatible system solved to
 *       the accuracy of the data);</li>
 *   <li>S2 ({@link Stop#LEAST_SQUARES}): {@code ||Abar' rbar|| / (||Abar|| ||rbar||) <= atol}, where
 *       {@code Abar' rbar = A'r - damp^2 x} is the normal-equation residual (gradient / 2 of the objective);</li>
 *   <li>S3 ({@link Stop#ILL_CONDITIONED}): {@code cond(Abar) >= conlim};</li>
 *   <li>the same three at machine precision when the tolerances are below it ({@code 1 + test <= 1}), and
 *       {@link Stop#ITERATION_LIMIT}.</li>
 * </ul>
 * {@code ||rbar|| = sqrt(phibar_{k+1}^2 + sum psi_i^2)} and {@code ||Abar' rbar|| = |phibar_{k+1}| alpha_{k+1} |c_k|} come
 * from the recurrences (no extra products); {@code ||x||} is computed from {@code x}.
 *
 * <p>Cost per iteration: one product with {@code A}, one with {@code A'} and {@code O(m + n)} vector work; memory
 * {@code O(m + n)} besides the operator. Deterministic: the same operator and data give bit-identical results.
 */
public final class Lsqr {

    /** A linear operator {@code A} ({@code rows x cols}) given by its products with vectors. */
    public interface Operator {
        /** Number of rows {@code m}. */
        int rows();

        /** Number of columns {@code n}. */
        int cols();

        /** {@code A v} ({@code v} of length {@code cols}; a new array of length {@code rows}). */
        double[] apply(double[] v);

        /** {@code A'u} ({@code u} of length {@code rows}; a new array of length {@code cols}). */
        double[] applyTranspose(double[] u);

        /** The dense matrix {@code a} as an operator ({@link Matrix#mvmul}, {@link Matrix#tmvmul}). */
        static Operator of(Matrix a) {
            return new Operator() {
                public int rows() {
                    return a.rows();
                }

                public int cols() {
                    return a.cols();
                }

                public double[] apply(double[] v) {
                    return a.mvmul(v);
                }

                public double[] applyTranspose(double[] u) {
                    return a.tmvmul(u);
                }
            };
        }

        /**
         * The sparse matrix {@code a} as an operator. {@code A'u} is computed as {@code T u} with {@code T = a.transpose()}
         * formed once (a row-parallel product, bit-identical whatever the thread count, instead of
         * {@link SparseMatrix#tmvmul}'s sequential scatter), at the cost of a second copy of the stored entries.
         */
        static Operator of(SparseMatrix a) {
            SparseMatrix t = a.transpose();
            return new Operator() {
                public int rows() {
                    return a.rows();
                }

                public int cols() {
                    return a.cols();
                }

                public double[] apply(double[] v) {
                    return a.mvmul(v);
                }

                public double[] applyTranspose(double[] u) {
                    return t.mvmul(u);
                }
            };
        }
    }

    /** Why LSQR stopped (the paper's {@code istop}). */
    public enum Stop {
        /** {@code x = 0} is the exact solution: {@code b = 0}, or {@code A'b = 0} (with {@code damp} any). */
        ZERO_SOLUTION,
        /** S1: {@code ||rbar|| <= btol ||b|| + atol ||Abar|| ||x||}. */
        COMPATIBLE,
        /** S2: {@code ||Abar' rbar|| <= atol ||Abar|| ||rbar||}: a least-squares solution to {@code atol}. */
        LEAST_SQUARES,
        /** S3: the condition estimate reached {@code conlim}. */
        ILL_CONDITIONED,
        /** S1 at machine precision (btol, atol below it). */
        COMPATIBLE_EPS,
        /** S2 at machine precision. */
        LEAST_SQUARES_EPS,
        /** S3 at machine precision: {@code cond(Abar) >= 1 / eps}. */
        ILL_CONDITIONED_EPS,
        /** The iteration limit was reached first. */
        ITERATION_LIMIT;

        /** Whether this is a converged stop (S1, S2 or a zero solution), not an iteration limit or a condition stop. */
        public boolean converged() {
            return this == ZERO_SOLUTION || this == COMPATIBLE || this == LEAST_SQUARES || this == COMPATIBLE_EPS
                    || this == LEAST_SQUARES_EPS;
        }
    }

    /**
     * The result.
     *
     * @param x                  the solution estimate
     * @param stop               why the iteration stopped
     * @param iterations         iterations made (products with {@code A} and with {@code A'}, one each per iteration)
     * @param residualNorm       {@code ||b - A x||} (from the estimate of {@code ||rbar||} and {@code ||x||})
     * @param dampedResidualNorm {@code ||rbar|| = sqrt(||b - A x||^2 + damp^2 ||x||^2)}
     * @param normalResidualNorm {@code ||A'(b - A x) - damp^2 x||} (estimate from the recurrences)
     * @param normA              the estimate {@code ||Abar||_F} ({@code ||B_k||_F})
     * @param condA              the estimate of {@code cond(Abar)}
     * @param normX              {@code ||x||}
     */
    public record Result(double[] x, Stop stop, int iterations, double residualNorm, double dampedResidualNorm,
                         double normalResidualNorm, double normA, double condA, double normX) {
    }

    private Lsqr() {
    }

    /**
     * Solves {@code min ||A x - b||^2 + damp^2 ||x||^2} from {@code x = 0}.
     *
     * @param a       the operator {@code A}
     * @param b       the right-hand side (length {@code a.rows()}, finite; not modified)
     * @param damp    the damping {@code >= 0} (ridge {@code alpha = damp^2})
     * @param atol    relative accuracy of {@code A} (S1, S2), {@code >= 0}
     * @param btol    relative accuracy of {@code b} (S1), {@code >= 0}
     * @param conlim  the condition-number limit (S3), {@code > 0}; {@code Double.POSITIVE_INFINITY} disables S3 (its
     *                machine-precision form stays)
     * @param maxIter the iteration limit, {@code >= 0}
     * @throws IllegalArgumentException naming a bad parameter, a wrong length of {@code b} or a non-finite entry
     */
    public static Result solve(Operator a, double[] b, double damp, double atol, double btol, double conlim, int maxIter) {
        int m = a.rows();
        int n = a.cols();
        if (b.length != m) {
            throw new IllegalArgumentException("Lsqr.solve: b has length " + b.length + " but A is " + m + " x " + n);
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(b[i])) {
                throw new IllegalArgumentException("Lsqr.solve: b[" + i + "] = " + b[i] + " is not finite");
            }
        }
        if (!(damp >= 0) || Double.isInfinite(damp)) {
            throw new IllegalArgumentException("Lsqr.solve: damp must be finite and >= 0, got " + damp);
        }
        if (!(atol >= 0) || !(btol >= 0) || Double.isInfinite(atol) || Double.isInfinite(btol)) {
            throw new IllegalArgumentException("Lsqr.solve: atol and btol must be finite and >= 0, got atol = " + atol + ", btol = " + btol);
        }
        if (!(conlim > 0)) {
            throw new IllegalArgumentException("Lsqr.solve: conlim must be > 0, got " + conlim);
        }
        if (maxIter < 0) {
            throw new IllegalArgumentException("Lsqr.solve: maxIter must be >= 0, got " + maxIter);
        }
        double[] x = new double[n];
        double[] u = b.clone();
        double beta = norm(u);
        double bnorm = beta;
        double[] v;
        double alpha = 0;
        if (beta > 0) {
            scale(u, 1 / beta);
            v = checked(a.applyTranspose(u), n, "A'u");
            alpha = norm(v);
        } else {
            v = new double[n];
        }
        if (alpha > 0) {
            scale(v, 1 / alpha);
        }
        if (alpha * beta == 0) {
            // b = 0 or A'b = 0: x = 0 minimises the objective (its gradient -2 A'b vanishes)
            return new Result(x, Stop.ZERO_SOLUTION, 0, bnorm, bnorm, 0, 0, 0, 0);
        }
        return new Iteration(a, x, u, v, alpha, beta, damp).run(atol, btol, conlim, maxIter);
    }

    /** The state of the recurrences, kept out of {@link #solve} so that the hot loop is a small method. */
    private static final class Iteration {
        private final Operator a;
        private final double[] x;
        private double[] u;
        private double[] v;
        private final double[] w;
        private double alpha;
        private double beta;
        private final double damp;
        private final double bnorm;
        private double phibar;
        private double rhobar;
        private double normBSq;  // ||B_k||_F^2, damping included
        private double normDSq;  // ||D_k||_F^2
        private double psiSq;    // sum psi_i^2, the residual moved into the damping rows
        private double c = 1;    // the last rotation's cosine

        Iteration(Operator a, double[] x, double[] u, double[] v, double alpha, double beta, double damp) {
            this.a = a;
            this.x = x;
            this.u = u;
            this.v = v;
            this.w = v.clone();
            this.alpha = alpha;
            this.beta = beta;
            this.damp = damp;
            this.bnorm = beta;
            this.phibar = beta;
            this.rhobar = alpha;
        }

        Result run(double atol, double btol, double conlim, int maxIter) {
            double eps = Math.ulp(1.0);
            int it = 0;
            Stop stop = Stop.ITERATION_LIMIT;
            double rbar = bnorm;
            double arbar = alpha * beta;
            double normA = 0;
            double condA = 0;
            double xnorm = 0;
            while (it < maxIter) {
                it++;
                step();
                xnorm = norm(x);
                normA = Math.sqrt(normBSq);
                condA = normA * Math.sqrt(normDSq);
                rbar = Math.sqrt(phibar * phibar + psiSq);
                arbar = Math.abs(phibar) * alpha * Math.abs(c);
                double test1 = rbar / bnorm;
                double test2 = rbar == 0 ? 0 : arbar / (normA * rbar);
                double test3 = 1 / condA;
                double t1 = test1 / (1 + normA * xnorm / bnorm);
                double rtol = btol + atol * normA * xnorm / bnorm;
                stop = test(test1, rtol, test2, atol, test3, 1 / conlim, t1, eps);
                if (stop != null) {
                    break;
                }
                stop = Stop.ITERATION_LIMIT;
            }
            double r2 = rbar * rbar - damp * damp * xnorm * xnorm;
            double rnorm = Math.sqrt(Math.max(r2, 0));
            return new Result(x, stop, it, rnorm, rbar, arbar, normA, condA, xnorm);
        }

        /** The stopping rules in the paper's order of precedence; null to continue. */
        private static Stop test(double test1, double rtol, double test2, double atol, double test3, double ctol, double t1,
                                 double eps) {
            if (test1 <= rtol) {
                return Stop.COMPATIBLE;
            }
            if (test2 <= atol) {
                return Stop.LEAST_SQUARES;
            }
            if (test3 <= ctol) {
                return Stop.ILL_CONDITIONED;
            }
            if (1 + t1 <= 1) {
                return Stop.COMPATIBLE_EPS;
            }
            if (1 + test2 <= 1) {
                return Stop.LEAST_SQUARES_EPS;
            }
            if (1 + test3 <= 1 || test3 <= eps) {
                return Stop.ILL_CONDITIONED_EPS;
            }
            return null;
        }

        /** One bidiagonalisation step, the damping and the QR rotations, and the updates of {@code x} and {@code w}. */
        private void step() {
            // beta u = A v - alpha u
            double[] av = checked(a.apply(v), u.length, "A v");
            for (int i = 0; i < av.length; i++) {
                av[i] -= alpha * u[i];
            }
            u = av;
            beta = norm(u);
            if (beta > 0) {
                scale(u, 1 / beta);
            }
            normBSq += alpha * alpha + beta * beta + damp * damp;
            // alpha v = A'u - beta v
            double[] atu = checked(a.applyTranspose(u), v.length, "A'u");
            for (int j = 0; j < atu.length; j++) {
                atu[j] -= beta * v[j];
            }
            v = atu;
            alpha = norm(v);
            if (alpha > 0) {
                scale(v, 1 / alpha);
            }
            // a rotation removing the damping row: (rhobar, damp) -> (rhobar1, 0)
            double rhobar1 = Math.hypot(rhobar, damp);
            double c1 = rhobar / rhobar1;
            double s1 = damp / rhobar1;
            double psi = s1 * phibar;
            phibar = c1 * phibar;
            psiSq += psi * psi;
            // the rotation of B_k to upper bidiagonal form: (rhobar1, beta) -> (rho, 0)
            double rho = Math.hypot(rhobar1, beta);
            c = rhobar1 / rho;
            double s = beta / rho;
            double theta = s * alpha;
            rhobar = -c * alpha;
            double phi = c * phibar;
            phibar = s * phibar;
            normDSq += update(x, w, v, phi / rho, theta / rho, 1 / rho);
        }
    }

    /** {@code x += t1 w}, then {@code w = v - t2 w}; returns {@code ||w_old d||^2} (the direction {@code d = w / rho}). */
    private static double update(double[] x, double[] w, double[] v, double t1, double t2, double invRho) {
        double dd = 0;
        for (int j = 0; j < x.length; j++) {
            double wj = w[j];
            double d = wj * invRho;
            dd += d * d;
            x[j] += t1 * wj;
            w[j] = v[j] - t2 * wj;
        }
        return dd;
    }

    private static double[] checked(double[] out, int len, String what) {
        if (out.length != len) {
            throw new IllegalArgumentException("Lsqr: the operator's " + what + " has length " + out.length + ", expected " + len);
        }
        return out;
    }

    /** The 2-norm, scaled against overflow only when needed. */
    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        if (s > 0 && s < Double.POSITIVE_INFINITY && s > Double.MIN_NORMAL) {
            return Math.sqrt(s);
        }
        if (s == 0) {
            return 0;
        }
        double mx = 0;
        for (double v : a) {
            mx = Math.max(mx, Math.abs(v));
        }
        double t = 0;
        for (double v : a) {
            double q = v / mx;
            t += q * q;
        }
        return mx * Math.sqrt(t);
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }
}
