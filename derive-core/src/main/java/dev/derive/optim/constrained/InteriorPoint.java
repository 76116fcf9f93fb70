package dev.derive.optim.constrained;

import dev.derive.linalg.Blas;
import dev.derive.linalg.Cholesky;
import dev.derive.linalg.JavaBlas;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.NotPositiveDefiniteException;
import dev.derive.runtime.Parallelism;
import java.util.Locale;

/**
 * Primal–dual interior-point method with Mehrotra's predictor–corrector (Mehrotra 1992; Wright,
 * <i>Primal-Dual Interior-Point Methods</i>, SIAM 1997, ch. 10; Nocedal &amp; Wright, <i>Numerical
 * Optimization</i>, 2nd ed., Algorithm 14.3 and section 16.6) for {@link LinearProgram}s and convex
 * {@link QuadraticProgram}s.
 *
 * <p><b>Internal form.</b> Each variable is shifted and reflected so that it is free or non-negative: with a
 * finite lower bound {@code x = l + y, y >= 0} (and {@code y + w = u - l, w >= 0} when the upper bound is also
 * finite); with only an upper bound {@code x = u - y, y >= 0}; otherwise {@code x = y} free. Each inequality
 * row gets a slack {@code s >= 0}: {@code A_ub x + s = b_ub}. This gives
 * {@code min 1/2 y'Hy + g'y s.t. A y = b, y_P >= 0, y_B + w_B = ub_B, w >= 0} with free variables kept free
 * (not split, which would make the dual degenerate).
 *
 * <p><b>Newton step.</b> With duals {@code lambda} (equalities), {@code z >= 0} (for {@code y_P >= 0}) and
 * {@code v >= 0} (for {@code w >= 0}) the perturbed KKT system is linearised; eliminating {@code dz, dw, dv}
 * leaves the reduced system {@code [K -A'; A 0]} with {@code K = H + Y^-1 Z + W^-1 V}, solved through the
 * normal equations {@code (A K^-1 A') dlambda = ...} by Cholesky factorisations of {@code K + delta_p I} (diagonal
 * for an LP, so not factored; for a QP only its {@code n x n} block of the original variables plus the exactly
 * eliminated inactive inequality rows, since the slack columns are unit vectors without curvature) and of the Schur
 * complement {@code A K^-1 A' + delta_d I} over the remaining rows, formed with BLAS-3 ({@code dtrsm},
 * {@code dsyrk}, {@code dpotrf}) once per iteration and shared by the predictor and the corrector; the small regularisations {@code delta} keep free variables and
 * dependent rows factorable, and iterative refinement on the unregularised system (while the relative residual
 * exceeds rounding level 1e-14 and still halves) removes their bias. For a QP {@code delta_p} is relative to the data scale
 * {@code max |H_jj|}, never to the barrier terms {@code z_j/y_j}, which grow like {@code 1/mu}: a shift that grows
 * with them would swamp {@code H} on the inactive variables near the solution and stall the method. For an LP
 * {@code K} is diagonal and {@code delta_p} is added only to the free variables ({@code K_jj = 0}): it is the smallest
 * barrier term {@code min z_j/y_j}, so a free column weighs like a basic one in {@code A K^-1 A'} (a shift on
 * the bounded variables relative to the largest {@code K_jj ~ 1/mu} exceeded the basic variables'
 * {@code z_j/y_j ~ mu} and stalled the method); {@code delta_d} is relative to the largest diagonal of
 * {@code A K^-1 A'}. Mehrotra's predictor (affine-scaling) direction sets the centring {@code sigma = (mu_aff/mu)^3}; the
 * corrector adds the second-order term {@code dY_aff dZ_aff e}. Steps go a fraction {@link #stepFraction()}
 * (default 0.995) of the way to the boundary; LPs take separate primal and dual step lengths, QPs one common
 * length (the dual residual depends on {@code H y}).
 *
 * <p><b>Kernels.</b> The dense products and factorisations run on OpenBLAS ({@link Blas}) or, for a problem whose
 * internal size {@code max(n + m_ub, m_eq + m_ub)} is at most {@link #JAVA_SIZE} (default 200), on the pure-Java
 * {@link JavaBlas} with the same arguments: the same method and iterates up to the rounding of the sums, and a small
 * solve in a fresh JVM neither loads OpenBLAS nor pays the first calls of its routines (see {@link
 * #DEFAULT_JAVA_SIZE} for the measurements behind the threshold).
 *
 * <p><b>Stopping.</b> Optimal when {@code |r_primal|_inf <= tol (1 + |b|_inf)}, {@code |r_dual|_inf <= tol
 * (1 + |g|_inf)}, {@code |gap| <= tol (1 + |f|)} and every complementarity product {@code y_j z_j, w_j v_j <=
 * tol (1 + |f|) / N} (N products, f the primal objective): the worst product, not only their sum, meets the
 * budget, so a variable at a bound is within {@code tol (1 + |f|) / (N z_j)} of it.
 *
 * <p><b>Infeasibility and unboundedness: the homogeneous self-dual embedding.</b> The infeasible-start method stops
 * early when its iterates diverge (Wright 1997, ch. 9: the dual iterates of an infeasible problem grow along a
 * Farkas ray, the primal iterates of an unbounded one along a ray of unboundedness), at the iteration limit, or on
 * a numerical failure; the problem is then solved again with the homogeneous self-dual embedding (Ye, Todd &amp;
 * Mizuno 1994; the simplified form of Xu, Hung &amp; Ye 1996, extended to QPs by the gap row
 * {@code b'lambda - ub'v - g'y - y'Hy/tau - kappa = 0} as in Andersen &amp; Ye 1999), whose limit has either
 * {@code tau > 0} (an optimum) or {@code kappa > 0} (a certificate). A status {@link SolverStatus#INFEASIBLE} or
 * {@link SolverStatus#UNBOUNDED} is only returned with a {@link Certificate} (Farkas multipliers or a ray) checked in
 * the problem's original form to {@code residual <= 1e-8 |value|}, exposed by {@link InteriorPointResult#certificate()};
 * diverging iterates without a certificate give {@link SolverStatus#NUMERICAL_ERROR}. The infeasible-start method
 * stays the default: on feasible problems it needs two solves per iteration instead of the embedding's three and
 * reaches the same optima in as many or fewer iterations (bench problems: 14 / 13 / 15 / 18 iterations against the
 * embedding's 13 / 14 / 17 / 18), its starting point uses the data (a least-norm solution of {@code A y = b}), and
 * the existing problems and their tuning were validated with it; {@link #withHomogeneous(boolean)} uses the
 * embedding alone.
 *
 * @param tolerance      relative KKT tolerance {@code tol}, in (0, 1) (default 1e-10)
 * @param maxIterations  iteration budget, {@code >= 1} (default 200)
 * @param stepFraction   fraction of the step to the boundary, in (0, 1) (default 0.995)
 * @param regularization the primal/dual regularisation {@code delta}, relative to the scales above (QP:
 *                       {@code max |H_jj|}; dual: the largest diagonal of {@code A K^-1 A'}; the LP primal shift of
 *                       the free variables is the smallest barrier term instead), in [0, 1e-4] (default 1e-12)
 * @param homogeneous    solve only with the homogeneous self-dual embedding (default false: the infeasible-start
 *                       method, with the embedding as a fallback when it does not reach an optimum)
 */
public record InteriorPoint(double tolerance, int maxIterations, double stepFraction, double regularization,
                            boolean homogeneous) {

    /** The default (infeasible-start) method with the homogeneous embedding as fallback. */
    public InteriorPoint(double tolerance, int maxIterations, double stepFraction, double regularization) {
        this(tolerance, maxIterations, stepFraction, regularization, false);
    }

    public InteriorPoint {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("InteriorPoint: tolerance must be in (0, 1), got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("InteriorPoint: maxIterations must be >= 1, got " + maxIterations);
        }
        if (!(stepFraction > 0 && stepFraction < 1)) {
            throw new IllegalArgumentException("InteriorPoint: stepFraction must be in (0, 1), got " + stepFraction);
        }
        if (!(regularization >= 0 && regularization <= 1e-4)) {
            throw new IllegalArgumentException("InteriorPoint: regularization must be in [0, 1e-4], got "
                    + regularization);
        }
    }

    /** Tolerance 1e-10, 200 iterations, step fraction 0.995, regularisation 1e-12. */
    public static InteriorPoint defaults() {
        return new InteriorPoint(1e-10, 200, 0.995, 1e-12);
    }

    public InteriorPoint withTolerance(double t) {
        return new InteriorPoint(t, maxIterations, stepFraction, regularization, homogeneous);
    }

    public InteriorPoint withMaxIterations(int k) {
        return new InteriorPoint(tolerance, k, stepFraction, regularization, homogeneous);
    }

    /** With or without the homogeneous self-dual embedding as the only method (see the class comment). */
    public InteriorPoint withHomogeneous(boolean h) {
        return new InteriorPoint(tolerance, maxIterations, stepFraction, regularization, h);
    }

    /** Solves a linear program. */
    public InteriorPointResult solve(LinearProgram lp) {
        if (lp == null) {
            throw new IllegalArgumentException("InteriorPoint.solve: the problem must not be null");
        }
        return run(lp.toQuadratic(), true);
    }

    /** Solves a convex quadratic program. */
    public InteriorPointResult solve(QuadraticProgram qp) {
        if (qp == null) {
            throw new IllegalArgumentException("InteriorPoint.solve: the problem must not be null");
        }
        return run(qp, isZero(qp.qRef()));
    }

    /**
     * The infeasible-start method, then the homogeneous embedding if that stopped without an optimum (a divergence
     * suggesting infeasibility, the iteration limit, a numerical failure): its optimum or verified certificate is
     * returned; otherwise the first result, whose suspected infeasibility (without a certificate) is reported as
     * {@link SolverStatus#NUMERICAL_ERROR}.
     */
    private InteriorPointResult run(QuadraticProgram qp, boolean linear) {
        return run(qp, linear, size(qp) <= JAVA_SIZE);
    }

    /** The internal size {@code max(n + m_ub, m_eq + m_ub)} that {@link #JAVA_SIZE} and {@link #SINGLE_THREAD_SIZE} bound. */
    static int size(QuadraticProgram qp) {
        int mU = qp.aUbRef().rows();
        return Math.max(qp.dimension() + mU, qp.aEqRef().rows() + mU);
    }

    /** The solve with the dense kernels chosen by the caller: pure Java ({@link JavaBlas}) or OpenBLAS. */
    InteriorPointResult run(QuadraticProgram qp, boolean linear, boolean javaKernels) {
        if (javaKernels) {
            return runMethods(qp, linear, true);
        }
        if (size(qp) <= SINGLE_THREAD_SIZE && Parallelism.threads() > 1) {
            OneThreadSolve solve = new OneThreadSolve(this, qp, linear);
            Blas.singleThreaded(solve);
            return solve.result;
        }
        return runMethods(qp, linear, false);
    }

    /**
     * The OpenBLAS solve as the body of {@link Blas#singleThreaded}: a named class rather than a lambda, whose first
     * use in a JVM spins a hidden class and its method-handle forms (about four classes generated in the first solve).
     */
    private static final class OneThreadSolve implements Runnable {
        private final InteriorPoint ip;
        private final QuadraticProgram qp;
        private final boolean linear;
        InteriorPointResult result;

        OneThreadSolve(InteriorPoint ip, QuadraticProgram qp, boolean linear) {
            this.ip = ip;
            this.qp = qp;
            this.linear = linear;
        }

        @Override
        public void run() {
            result = ip.runMethods(qp, linear, false);
        }
    }

    /**
     * Problems whose internal size {@code max(n + m_ub, m_eq + m_ub)} is at most this are solved with the pure-Java
     * kernels of {@link JavaBlas} instead of OpenBLAS (system property {@code derive.optim.ip.javaSize}, default
     * {@value #DEFAULT_JAVA_SIZE}; 0 sends every problem to OpenBLAS). See {@link #DEFAULT_JAVA_SIZE}.
     */
    static final int JAVA_SIZE = Integer.getInteger("derive.optim.ip.javaSize", InteriorPoint.DEFAULT_JAVA_SIZE);

    /**
     * The default of {@link #JAVA_SIZE}, from cold first solves (one JVM each, after {@code Blas.init()}, the pure-Java
     * and the OpenBLAS path alternating, 4-9 JVMs per point, 2 cores at a load of 7-10, so CPU times and not wall
     * times; medians) on problems of the benchmark's shape ({@code m_ub = n/2}, {@code m_eq = n/5}, size {@code
     * 1.5 n}): thread CPU of the solve, Java against OpenBLAS, 21-24 against 39-47 ms at n = 10, 23-36 against
     * 58-62 ms at n = 25-50, 58-62 against 71-79 ms at n = 100 (size 150), 75-79 against 80-90 ms at n = 125 (size
     * 187); even at n = 150 (size 225: LP 77 against 76 ms, QP 87 against 76 ms); OpenBLAS ahead at n = 200 (size
     * 300: LP 93 against 86 ms, QP 224 against 105 ms). Process CPU (the JIT's threads too) gives the same order.
     * Warm, OpenBLAS's level-3 kernels are 4-8 times faster than {@link JavaBlas} at order 200 (dpotrf 0.09 against
     * 0.34 ms, dsyrk 0.15 against 1.1 ms): beyond this size the slower flops cost more than what the pure-Java path
     * saves in a first solve (the first call of each OpenBLAS routine, about 3 ms of thread CPU each, and about 37
     * classes). Rechecked with the register-blocked {@link JavaBlas} kernels (2026-12-02, load 7-12 on 2 cores, 8
     * JVMs per point, medians of the solving thread's CPU): size 300, LP 99 against 94 ms, QP 128 against 98 ms (pure
     * Java against OpenBLAS, after {@code Blas.init()}): on a loaded machine the JIT compiler threads get little CPU,
     * the solver's Java code runs interpreted or in C1's profiling tier for most of a first solve, and kernels that
     * run natively keep the advantage. The threshold stays. (Without {@code Blas.init()} before the solve, the load
     * of OpenBLAS inside it made the OpenBLAS path 376 / 401 ms against 115 / 165 ms in Java at size 300, and 437 /
     * 495 against 253 / 427 ms at size 600.)
     */
    static final int DEFAULT_JAVA_SIZE = 200;

    /**
     * Problems whose internal dimensions ({@code n + m_ub} variables, {@code m_eq + m_ub} rows) are at most this are
     * solved with OpenBLAS on one thread ({@link Blas#singleThreaded}): their BLAS calls are on matrices of a few
     * hundred rows, where OpenBLAS's threads cost more than they save and spin while waiting on a loaded machine
     * (qp_200, n = 200: 2 threads took 1.3 s wall / 1.3 s CPU against 0.04 s on one, 14 iterations either way).
     * The switch costs about 0.4 ms and holds the {@link Parallelism} lock for the solve (concurrent small solves
     * run one after another). It also makes the result bit-identical whatever the thread count. Raised from 512 to
     * 1280 to cover the n = 800 benchmark problems (size 1200): at a load of 4 on 2 cores, qp_800 with two threads took
     * 7.7 s for the first solve and 1.1-1.6 s wall (twice that in CPU) warm, on one thread 1.9 s and 0.42-0.5 s
     * (CPU = wall); lp_800 0.26 s best warm on two threads (0.5 s CPU) against 0.28 s on one, but 2-7 s in the
     * first solves while OpenBLAS's threads spin beside the interpreted code and the JIT compiler.
     */
    static final int SINGLE_THREAD_SIZE = 1280;

    private InteriorPointResult runMethods(QuadraticProgram qp, boolean linear, boolean javaLa) {
        if (homogeneous) {
            return new Run(qp, linear, javaLa).solveHomogeneous();
        }
        InteriorPointResult first = new Run(qp, linear, javaLa).solve();
        if (first.optimal()) {
            return first;
        }
        InteriorPointResult hsd = new Run(qp, linear, javaLa).solveHomogeneous();
        String note = "infeasible-start method stopped (" + first.status() + ": " + first.message() + "); ";
        if (hsd.status() == SolverStatus.OPTIMAL || hsd.certificate() != null) {
            return hsd.with(hsd.status(), note + hsd.message(), hsd.certificate());
        }
        SolverStatus s = first.status() == SolverStatus.INFEASIBLE || first.status() == SolverStatus.UNBOUNDED
                ? SolverStatus.NUMERICAL_ERROR : first.status();
        return first.with(s, note + "no certificate either: " + hsd.message(), null);
    }

    /** One solve: the transformed problem and the iterates. */
    private final class Run {
        final QuadraticProgram qp;
        final boolean linear;
        final int n;      // original variables
        final int mE;
        final int mU;
        final int nn;     // internal variables: n + mU
        final int m;      // internal rows: mE + mU
        final double[] sign;
        final double[] off;
        final boolean[] pos;
        final boolean[] hasUb;
        final double[] ub;
        final double[] h;   // n x n column-major (the slacks have no curvature); null for an LP
        final double[] g;
        final double[] a;   // m x nn column-major
        final double[] b;
        final double constant;
        final int nComp;
        /** {@code |a_i|^2} over the original variables of each inequality row (fixed data, computed once). */
        final double[] rowNorm2;
        /**
         * QP: the rows of A over the original variables, row i at {@code at[i n .. i n + n)} (the transpose of the
         * first n columns of {@link #a}), so that the kept rows of every iteration's Schur complement are gathered
         * by contiguous copies instead of strided writes; LP: null.
         */
        final double[] at;
        /** Whether the dense kernels are the pure-Java {@link JavaBlas} (a small problem) instead of OpenBLAS. */
        final boolean javaLa;

        double[] y;
        double[] w;
        double[] lam;
        double[] z;
        double[] v;

        /**
         * Workspaces of the factorisations, reused by every iteration's {@link Factor} (only one is in use at a time):
         * the {@code n x n} matrix M and its factor, the scaled rows of the eliminated inequalities, the scaled
         * columns {@code W}, the Schur complement and its factor. Allocating them anew each iteration cost about 1 MB
         * of zeroed memory per iteration at n = 200.
         */
        double[] kxWork;
        double[] elimWork;
        double[] colWork;
        double[] schurWork;
        double[] factorWork;

        /** {@code work} if it holds at least {@code size} elements, else a new array of that size. */
        static double[] atLeast(double[] work, int size) {
            return work != null && work.length >= size ? work : new double[size];
        }

        Run(QuadraticProgram qp, boolean linear, boolean javaLa) {
            this.qp = qp;
            this.linear = linear;
            this.javaLa = javaLa;
            n = qp.dimension();
            Matrix aEq = qp.aEqRef(); // read only: the accessors would copy
            Matrix aUb = qp.aUbRef();
            mE = aEq.rows();
            mU = aUb.rows();
            nn = n + mU;
            m = mE + mU;
            sign = new double[nn];
            off = new double[nn];
            pos = new boolean[nn];
            hasUb = new boolean[nn];
            ub = new double[nn];
            var bounds = qp.bounds();
            int comp = 0;
            for (int j = 0; j < n; j++) {
                double lo = bounds.lower(j);
                double hi = bounds.upper(j);
                if (lo > Double.NEGATIVE_INFINITY) {
                    sign[j] = 1;
                    off[j] = lo;
                    pos[j] = true;
                    comp++;
                    if (hi < Double.POSITIVE_INFINITY) {
                        hasUb[j] = true;
                        ub[j] = hi - lo;
                        comp++;
                    }
                } else if (hi < Double.POSITIVE_INFINITY) {
                    sign[j] = -1;
                    off[j] = hi;
                    pos[j] = true;
                    comp++;
                } else {
                    sign[j] = 1;
                }
            }
            for (int j = n; j < nn; j++) {
                sign[j] = 1;
                pos[j] = true;
                comp++;
            }
            nComp = comp;
            Matrix q = qp.qRef();
            double[] c = qp.c();
            g = new double[nn];
            double[] qOff;
            if (linear) { // Q = 0: no n x n copy, product or scaling (h is read only when !linear)
                h = null;
                qOff = new double[n];
            } else {
                h = q.toArray(); // n x n column-major; scaled in place below
                if (javaLa) {
                    qOff = new double[n];
                    JavaBlas.dgemv(false, n, n, 1, h, 0, n, off, 0, 0, qOff, 0);
                } else {
                    qOff = q.mvmul(java.util.Arrays.copyOf(off, n));
                }
                for (int j = 0; j < n; j++) {
                    signColumn(h, j * n, sign, sign[j], n);
                }
            }
            double cst = 0;
            for (int j = 0; j < n; j++) {
                g[j] = sign[j] * (c[j] + qOff[j]);
                cst += off[j] * (c[j] + 0.5 * qOff[j]);
            }
            constant = cst;
            a = new double[m * nn];
            b = new double[m];
            double[] bEq = qp.bEq();
            double[] bUb = qp.bUb();
            double[] ae = aEq.toArray(); // mE x n column-major
            double[] au = aUb.toArray(); // mU x n column-major
            // column by column (b_i -= a_ij off_j in the order j = 0, 1, ... for every i, as a row loop would)
            System.arraycopy(bEq, 0, b, 0, mE);
            System.arraycopy(bUb, 0, b, mE, mU);
            rowNorm2 = new double[mU];
            for (int j = 0; j < n; j++) {
                shiftColumn(ae, j * mE, sign[j], off[j], a, j * m, b, 0, mE);
                shiftColumn(au, j * mU, sign[j], off[j], a, mE + j * m, b, mE, mU);
                addSquares(a, mE + j * m, rowNorm2, mU);
            }
            for (int i = 0; i < mU; i++) {
                a[mE + i + (n + i) * m] = 1;
            }
            if (linear) {
                at = null;
            } else {
                at = new double[n * m];
                for (int j = 0; j < n; j++) {
                    scaleToRow(a, j * m, 1, at, j, n, m);
                }
            }
        }

        /**
         * {@code A x}: {@code dgemv} over the n columns of the original variables; the slack columns are the unit
         * vectors {@code e_(mE + i)} and only add {@code x_(n + i)} to their rows (a third of the work of a dense
         * product at the benchmark's shape, {@code m_ub = n / 2}).
         */
        double[] aMul(double[] x) {
            double[] out = new double[m];
            gemv(javaLa, false, m, n, 1, a, 0, m, x, 0, 0, out, 0);
            for (int i = 0; i < mU; i++) {
                out[mE + i] += x[n + i];
            }
            return out;
        }

        /** {@code A'u}: {@code dgemv} over the original variables' columns; the slack rows are {@code u[mE:m]}. */
        double[] atMul(double[] u) {
            double[] out = new double[nn];
            gemv(javaLa, true, m, n, 1, a, 0, m, u, 0, 0, out, 0);
            System.arraycopy(u, mE, out, n, mU);
            return out;
        }

        double[] hMul(double[] x) {
            double[] out = new double[nn];
            if (!linear) {
                gemv(javaLa, false, n, n, 1, h, 0, n, x, 0, 0, out, 0);
            }
            return out;
        }

        InteriorPointResult solve() {
            double bNorm = 1 + Math.max(normInf(b), maxFinite(ub));
            double gNorm = 1 + normInf(g);
            start();
            Factor fac = null;
            String why = "";
            SolverStatus status = SolverStatus.MAX_ITERATIONS;
            int it = 0;
            for (; ; it++) {
                double[] rp = aMul(y);
                for (int i = 0; i < m; i++) {
                    rp[i] -= b[i];
                }
                double[] ru = new double[nn];
                for (int j = 0; j < nn; j++) {
                    if (hasUb[j]) {
                        ru[j] = y[j] + w[j] - ub[j];
                    }
                }
                double[] rd = dualResidual();
                double mu = nComp == 0 ? 0 : complementarity() / nComp;
                double pobj = primalObjective();
                double dobj = dualObjective();
                double pres = Math.max(normInf(rp), normInf(ru)) / bNorm;
                double dres = normInf(rd) / gNorm;
                double fScale = 1 + Math.abs(pobj + constant);
                double gap = Math.abs(pobj - dobj) / fScale;
                double worst = nComp == 0 ? 0 : maxProduct() * nComp / fScale;
                if (!(Double.isFinite(pres) && Double.isFinite(dres) && Double.isFinite(gap))) {
                    status = SolverStatus.NUMERICAL_ERROR;
                    why = "the iterates became non-finite at iteration " + it;
                    break;
                }
                if (pres <= tolerance && dres <= tolerance && gap <= tolerance && worst <= tolerance) {
                    status = SolverStatus.OPTIMAL;
                    why = new StringBuilder(200).append("KKT conditions hold: relative primal residual ")
                            .append(sci(pres, 2)).append(", dual residual ").append(sci(dres, 2)).append(", gap ")
                            .append(sci(gap, 2)).append(", largest complementarity product ").append(sci(worst, 2))
                            .append(" (relative, times the count) <= ").append(sci(tolerance, 1)).toString();
                    break;
                }
                String cert = certificate(bNorm, gNorm);
                if (cert != null) {
                    status = cert.startsWith("infeasible") ? SolverStatus.INFEASIBLE : SolverStatus.UNBOUNDED;
                    why = cert + " (iteration " + it + ")";
                    break;
                }
                if (it >= maxIterations) {
                    why = String.format(Locale.ROOT, "%d iterations without convergence: relative primal residual %.2e,"
                            + " dual residual %.2e, gap %.2e", it, pres, dres, gap);
                    break;
                }
                try {
                    fac = new Factor();
                } catch (NotPositiveDefiniteException e) {
                    status = SolverStatus.NUMERICAL_ERROR;
                    why = "the Newton system could not be factored at iteration " + it
                            + (linear ? "" : " (is Q positive semi-definite?)") + ": " + e.getMessage();
                    break;
                }
                // predictor (affine scaling)
                double[] ryz = new double[nn];
                double[] rwv = new double[nn];
                for (int j = 0; j < nn; j++) {
                    if (pos[j]) {
                        ryz[j] = -y[j] * z[j];
                    }
                    if (hasUb[j]) {
                        rwv[j] = -w[j] * v[j];
                    }
                }
                Direction aff = fac.direction(rd, rp, ru, ryz, rwv);
                double ap = maxStep(y, aff.dy, w, aff.dw);
                double ad = maxStep(z, aff.dz, v, aff.dv);
                if (!linear) {
                    ap = ad = Math.min(ap, ad);
                }
                double sigma = 0;
                if (nComp > 0) {
                    double muAff = complementarity(0, aff, ap, ad) / nComp;
                    double ratio = muAff / mu;
                    sigma = Math.min(1, ratio * ratio * ratio);
                }
                addCentring(ryz, rwv, sigma * mu, aff);
                Direction d = fac.direction(rd, rp, ru, ryz, rwv);
                ap = Math.min(1, stepFraction * maxStep(y, d.dy, w, d.dw));
                ad = Math.min(1, stepFraction * maxStep(z, d.dz, v, d.dv));
                if (!linear) {
                    ap = ad = Math.min(ap, ad);
                }
                step(d, ap, ad);
            }
            return result(status, why, it);
        }

        /**
         * The homogeneous self-dual embedding (Xu, Hung &amp; Ye 1996 for LPs; its quadratic form as in Andersen
         * &amp; Ye 1999): with {@code tau, kappa >= 0}
         * <pre>
         *   A y - b tau = 0,   y_B + w - ub tau = 0,   H y + g tau - A'lambda - z + v = 0,
         *   b'lambda - ub'v - g'y - y'Hy / tau - kappa = 0,
         * </pre>
         * solved by Mehrotra's predictor–corrector from the unit point: the linear residuals shrink by the factor
         * {@code 1 - alpha (1 - sigma)} every step, so the iterates stay bounded. The Newton direction is
         * {@code d1 + dtau d2} with {@code d1} the ordinary Newton solve with right-hand side {@code eta r} and
         * {@code d2} the solve with the tau column {@code (g, -b, -ub)} (the same factorisation, one extra solve
         * per iteration); {@code dtau} then solves the linearised gap row together with
         * {@code kappa dtau + tau dkappa = r_tk}. If {@code tau > 0} in the limit, {@code (y, lambda, z, ...)/tau}
         * is optimal; if {@code tau -> 0 < kappa}, {@code b'lambda - ub'v - g'y > 0} and the iterate is a Farkas
         * certificate ({@code b'lambda - ub'v > 0}, {@code A'lambda + z - v ~ 0}) or a ray ({@code g'y < 0},
         * {@code A y ~ 0}, {@code H y ~ 0}), checked in the original form by {@link Certificate}.
         */
        InteriorPointResult solveHomogeneous() {
            double bNorm = 1 + Math.max(normInf(b), maxFinite(ub));
            double gNorm = 1 + normInf(g);
            y = new double[nn];
            w = new double[nn];
            lam = new double[m];
            z = new double[nn];
            v = new double[nn];
            for (int j = 0; j < nn; j++) {
                if (pos[j]) {
                    y[j] = 1;
                    z[j] = 1;
                }
                if (hasUb[j]) {
                    w[j] = 1;
                    v[j] = 1;
                }
            }
            double tau = 1;
            double kappa = 1;
            int nc = nComp + 1;
            double[] negB = new double[m];
            for (int i = 0; i < m; i++) {
                negB[i] = -b[i];
            }
            double[] negUb = new double[nn];
            for (int j = 0; j < nn; j++) {
                negUb[j] = hasUb[j] ? -ub[j] : 0;
            }
            String why = "";
            int it = 0;
            for (; ; it++) {
                double[] rp = aMul(y);
                for (int i = 0; i < m; i++) {
                    rp[i] -= b[i] * tau;
                }
                double[] ru = new double[nn];
                for (int j = 0; j < nn; j++) {
                    if (hasUb[j]) {
                        ru[j] = y[j] + w[j] - ub[j] * tau;
                    }
                }
                double[] hy = hMul(y);
                double[] atl = atMul(lam);
                double[] rd = new double[nn];
                double yhy = 0;
                double gy = 0;
                for (int j = 0; j < nn; j++) {
                    rd[j] = hy[j] + g[j] * tau - atl[j] - z[j] + v[j];
                    yhy += y[j] * hy[j];
                    gy += g[j] * y[j];
                }
                double bl = 0;
                for (int i = 0; i < m; i++) {
                    bl += b[i] * lam[i];
                }
                for (int j = 0; j < nn; j++) {
                    if (hasUb[j]) {
                        bl -= ub[j] * v[j];
                    }
                }
                double rg = bl - gy - yhy / tau - kappa;
                double mu = (complementarity() + tau * kappa) / nc;
                // the scaled point (y, lambda, z, w, v) / tau against the stopping rule of the default method
                double pobj = (0.5 * yhy / tau + gy) / tau;
                double dobj = bl / tau - 0.5 * yhy / (tau * tau);
                double pres = Math.max(normInf(rp), normInf(ru)) / tau / bNorm;
                double dres = normInf(rd) / tau / gNorm;
                double fScale = 1 + Math.abs(pobj + constant);
                double gap = Math.abs(pobj - dobj) / fScale;
                double worst = nComp == 0 ? 0 : maxProduct() / (tau * tau) * nComp / fScale;
                if (!(Double.isFinite(pres) && Double.isFinite(dres) && Double.isFinite(gap) && Double.isFinite(mu))) {
                    return result(SolverStatus.NUMERICAL_ERROR, "homogeneous embedding: the iterates became non-finite"
                            + " at iteration " + it, it);
                }
                if (pres <= tolerance && dres <= tolerance && gap <= tolerance && worst <= tolerance) {
                    scaleIterates(1 / tau);
                    return result(SolverStatus.OPTIMAL, String.format(Locale.ROOT, "homogeneous embedding: KKT"
                            + " conditions hold at (y, lambda, z)/tau, tau = %.3g: relative primal residual %.2e, dual"
                            + " residual %.2e, gap %.2e, largest complementarity product %.2e <= %.1e", tau, pres, dres,
                            gap, worst, tolerance), it);
                }
                if (tau < kappa) {
                    Certificate cert = bl > 0 ? farkas() : null;
                    if (cert == null || !cert.valid()) {
                        Certificate ray = gy < 0 ? ray() : null;
                        if (ray != null && ray.valid()) {
                            cert = ray;
                        }
                    }
                    if (cert != null && cert.valid()) {
                        boolean inf = cert.kind() == Certificate.Kind.PRIMAL_INFEASIBLE;
                        scaleIterates(1 / tau);
                        InteriorPointResult r = result(inf ? SolverStatus.INFEASIBLE : SolverStatus.UNBOUNDED, "", it);
                        return r.with(r.status(), String.format(Locale.ROOT, "homogeneous embedding, iteration %d"
                                + " (tau = %.2e, kappa = %.2e): %s", it, tau, kappa, cert) + (inf ? ""
                                : "; the problem is unbounded below if it is feasible"), cert);
                    }
                }
                if (it >= maxIterations) {
                    why = String.format(Locale.ROOT, "homogeneous embedding: %d iterations without convergence or a"
                            + " certificate: relative primal residual %.2e, dual residual %.2e, gap %.2e, tau %.2e,"
                            + " kappa %.2e", it, pres, dres, gap, tau, kappa);
                    break;
                }
                Factor fac;
                try {
                    fac = new Factor();
                } catch (NotPositiveDefiniteException e) {
                    why = "homogeneous embedding: the Newton system could not be factored at iteration " + it + ": "
                            + e.getMessage();
                    scaleIterates(1 / tau);
                    return result(SolverStatus.NUMERICAL_ERROR, why, it);
                }
                Direction col = fac.direction(g, negB, negUb, new double[nn], new double[nn]);
                double fCol = gapRow(col, hy, tau);
                double denom = fCol + yhy / (tau * tau) + kappa / tau;
                // predictor: eta = 1, sigma = 0
                double[] ryz = new double[nn];
                double[] rwv = new double[nn];
                for (int j = 0; j < nn; j++) {
                    if (pos[j]) {
                        ryz[j] = -y[j] * z[j];
                    }
                    if (hasUb[j]) {
                        rwv[j] = -w[j] * v[j];
                    }
                }
                double rtk = -tau * kappa;
                Direction d1 = fac.direction(rd, rp, ru, ryz, rwv);
                double dTau = (-rg - gapRow(d1, hy, tau) + rtk / tau) / denom;
                Direction aff = combine(d1, col, dTau);
                double dKappa = (rtk - kappa * dTau) / tau;
                double alpha = Math.min(maxStep(y, aff.dy, w, aff.dw), maxStep(z, aff.dz, v, aff.dv));
                alpha = Math.min(alpha, stepTo(tau, dTau));
                alpha = Math.min(alpha, stepTo(kappa, dKappa));
                double muAff = complementarity((tau + alpha * dTau) * (kappa + alpha * dKappa), aff, alpha, alpha) / nc;
                double ratio = Math.max(0, muAff / mu);
                double sigma = Math.min(1, ratio * ratio * ratio);
                // corrector: residuals scaled by eta = 1 - sigma, centring sigma mu, second-order terms
                double eta = 1 - sigma;
                addCentring(ryz, rwv, sigma * mu, aff);
                for (int j = 0; j < nn; j++) {
                    rd[j] *= eta;
                    ru[j] *= eta;
                }
                for (int i = 0; i < m; i++) {
                    rp[i] *= eta;
                }
                rtk += sigma * mu - dTau * dKappa;
                Direction d2 = fac.direction(rd, rp, ru, ryz, rwv);
                dTau = (-eta * rg - gapRow(d2, hy, tau) + rtk / tau) / denom;
                Direction d = combine(d2, col, dTau);
                dKappa = (rtk - kappa * dTau) / tau;
                alpha = Math.min(maxStep(y, d.dy, w, d.dw), maxStep(z, d.dz, v, d.dv));
                alpha = Math.min(alpha, stepTo(tau, dTau));
                alpha = Math.min(1, stepFraction * Math.min(alpha, stepTo(kappa, dKappa)));
                step(d, alpha, alpha);
                tau += alpha * dTau;
                kappa += alpha * dKappa;
            }
            scaleIterates(1 / tau);
            return result(SolverStatus.MAX_ITERATIONS, why, it);
        }

        /** The linearised gap row without its tau and kappa terms: {@code -g'dy + b'dl - ub'dv - 2 (Hy)'dy / tau}. */
        double gapRow(Direction d, double[] hy, double tau) {
            double s = 0;
            for (int j = 0; j < nn; j++) {
                s -= (g[j] + 2 * hy[j] / tau) * d.dy[j];
                if (hasUb[j]) {
                    s -= ub[j] * d.dv[j];
                }
            }
            for (int i = 0; i < m; i++) {
                s += b[i] * d.dlam[i];
            }
            return s;
        }

        Direction combine(Direction d, Direction col, double t) {
            Direction out = new Direction(d.dy.clone(), d.dlam.clone(), d.dz.clone(), d.dw.clone(), d.dv.clone());
            for (int j = 0; j < nn; j++) {
                out.dy[j] += t * col.dy[j];
                out.dz[j] += t * col.dz[j];
                out.dw[j] += t * col.dw[j];
                out.dv[j] += t * col.dv[j];
            }
            for (int i = 0; i < m; i++) {
                out.dlam[i] += t * col.dlam[i];
            }
            return out;
        }

        void scaleIterates(double s) {
            for (int j = 0; j < nn; j++) {
                y[j] *= s;
                w[j] *= s;
                z[j] *= s;
                v[j] *= s;
            }
            for (int i = 0; i < m; i++) {
                lam[i] *= s;
            }
        }

        /** The current (lambda, z, v) mapped to the original form and checked as Farkas multipliers. */
        Certificate farkas() {
            double[] zl = new double[n];
            double[] zu = new double[n];
            boundDuals(zl, zu);
            return Certificate.farkas(qp, java.util.Arrays.copyOfRange(lam, 0, mE), inequalityDuals(), zl, zu);
        }

        /**
         * The multipliers of the original bounds from the internal {@code (z, v)}: a variable with a finite lower
         * bound ({@code x = l + y}) has {@code z} on it and {@code v} on its upper bound, if any; one with only an
         * upper bound ({@code x = u - y}) has {@code z} on that.
         */
        void boundDuals(double[] zl, double[] zu) {
            for (int j = 0; j < n; j++) {
                if (sign[j] > 0) {
                    if (pos[j]) {
                        zl[j] = z[j];
                    }
                    if (hasUb[j]) {
                        zu[j] = v[j];
                    }
                } else {
                    zu[j] = z[j];
                }
            }
        }

        /** The multipliers of the original inequality rows: {@code -lambda} over the internal inequality rows. */
        double[] inequalityDuals() {
            double[] zUb = new double[mU];
            for (int i = 0; i < mU; i++) {
                zUb[i] = -lam[mE + i];
            }
            return zUb;
        }

        /** The current y mapped to a direction of the original variables and checked as a ray. */
        Certificate ray() {
            double[] d = new double[n];
            for (int j = 0; j < n; j++) {
                d[j] = sign[j] * y[j];
            }
            return Certificate.ray(qp, d);
        }

        /** Starting point: least-norm solution of A y = b, pushed inside the bounds; unit-scale duals. */
        void start() {
            y = new double[nn];
            w = new double[nn];
            lam = new double[m];
            z = new double[nn];
            v = new double[nn];
            double[] y0 = new double[nn];
            if (m > 0) {
                y0 = atMul(leastNormMultipliers());
            }
            double dualScale = Math.max(1, normInf(g));
            double primalScale = Math.max(1, normInf(y0));
            for (int j = 0; j < nn; j++) {
                if (!pos[j]) {
                    y[j] = y0[j];
                    continue;
                }
                if (hasUb[j]) {
                    double u = ub[j];
                    y[j] = Math.min(Math.max(y0[j], 0.1 * u), 0.9 * u);
                    if (u > 2) {
                        y[j] = Math.min(Math.max(y0[j], 1), u - 1);
                    }
                    w[j] = u - y[j];
                    v[j] = dualScale;
                } else {
                    y[j] = Math.max(y0[j], Math.min(1, primalScale) + 0.1 * primalScale);
                }
                z[j] = dualScale;
            }
        }

        /**
         * The start's {@code (A A' + 1e-10 max(1, max_i (AA')_ii) I)^-1 b}, factored as {@link
         * Cholesky#withJitter}{@code (., 1e-10, 10)} does (plain, then with jitter {@code c mean|diag|}, {@code c =
         * 1e-10, 1e-9, ...}, ten tries), with the solve's own kernels ({@code dsyrk, dpotrf, dtrsm}): on the OpenBLAS
         * path this saves a first solve the first call of {@code dpotrs} (which {@link Cholesky#solve} uses) and the
         * classes of {@link Cholesky}, and forms {@code A A'} from the rows of {@code A_x} without transposing all of
         * {@code A}.
         */
        double[] leastNormMultipliers() {
            double[] gm = new double[m * m];
            // A A' = A_x A_x' + diag(0, I): the Gram matrix of the rows of A_x (the columns of its transpose), plus
            // the unit slack columns
            double[] rows = at;
            if (rows == null) {
                rows = new double[n * m];
                for (int j = 0; j < n; j++) {
                    scaleToRow(a, j * m, 1, rows, j, n, m);
                }
            }
            syrk(javaLa, true, m, n, 1, rows, 0, n, 0, gm, 0, m);
            for (int i = mE; i < m; i++) {
                gm[i + i * m] += 1;
            }
            double scale = 0;
            for (int i = 0; i < m; i++) {
                scale = Math.max(scale, gm[i + i * m]);
            }
            double mean = 0;
            for (int i = 0; i < m; i++) {
                gm[i + i * m] += 1e-10 * Math.max(scale, 1);
                mean += Math.abs(gm[i + i * m]);
            }
            mean = mean > 0 ? mean / m : 1;
            double[] f = gm.clone();
            int info = potrf(javaLa, f, m);
            double c = 1e-10;
            for (int t = 0; info != 0 && t < 10; t++, c *= 10) {
                System.arraycopy(gm, 0, f, 0, gm.length);
                for (int i = 0; i < m; i++) {
                    f[i + i * m] += c * mean;
                }
                info = potrf(javaLa, f, m);
            }
            if (info != 0) {
                throw new NotPositiveDefiniteException("InteriorPoint: A A' (" + m + "x" + m + ") of the starting point"
                        + " is not positive definite even with jitter (leading minor " + info + ")", info);
            }
            double[] t = b.clone();
            cholSolve(javaLa, f, m, t);
            return t;
        }

        double[] dualResidual() {
            double[] rd = hMul(y);
            double[] atl = atMul(lam);
            for (int j = 0; j < nn; j++) {
                rd[j] += g[j] - atl[j] - z[j] + v[j];
            }
            return rd;
        }

        double complementarity() {
            double s = 0;
            for (int j = 0; j < nn; j++) {
                if (pos[j]) {
                    s += y[j] * z[j];
                }
                if (hasUb[j]) {
                    s += w[j] * v[j];
                }
            }
            return s;
        }

        double maxProduct() {
            double s = 0;
            for (int j = 0; j < nn; j++) {
                if (pos[j]) {
                    s = Math.max(s, y[j] * z[j]);
                }
                if (hasUb[j]) {
                    s = Math.max(s, w[j] * v[j]);
                }
            }
            return s;
        }

        double primalObjective() {
            double[] hy = hMul(y);
            double s = 0;
            for (int j = 0; j < nn; j++) {
                s += y[j] * (0.5 * hy[j] + g[j]);
            }
            return s;
        }

        double dualObjective() {
            double[] hy = hMul(y);
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += b[i] * lam[i];
            }
            for (int j = 0; j < nn; j++) {
                s -= 0.5 * y[j] * hy[j];
                if (hasUb[j]) {
                    s -= ub[j] * v[j];
                }
            }
            return s;
        }

        /** A Farkas certificate of infeasibility or a ray of unboundedness, once the iterates diverge; else null. */
        String certificate(double bNorm, double gNorm) {
            double dualNorm = Math.max(normInf(lam), Math.max(normInf(z), normInf(v)));
            if (dualNorm > 1e6 * gNorm * bNorm) {
                double[] atl = atMul(lam);
                double res = 0;
                for (int j = 0; j < nn; j++) {
                    res = Math.max(res, Math.abs(atl[j] + z[j] - v[j]));
                }
                double by = 0;
                for (int i = 0; i < m; i++) {
                    by += b[i] * lam[i];
                }
                for (int j = 0; j < nn; j++) {
                    if (hasUb[j]) {
                        by -= ub[j] * v[j];
                    }
                }
                res /= dualNorm;
                by /= dualNorm;
                if (res <= 1e-7 && by > 1e-7) {
                    return String.format(Locale.ROOT, "infeasible: the dual iterates diverge (|dual|_inf = %.3g) along"
                            + " a Farkas ray with |A'lambda + z - v|/|.| = %.2e and b'lambda - u'v = %.3g|.| > 0",
                            dualNorm, res, by);
                }
            }
            double primalNorm = Math.max(normInf(y), normInf(w));
            if (primalNorm > 1e6 * gNorm * bNorm) {
                double[] ad = aMul(y);
                double[] hd = hMul(y);
                double res = Math.max(normInf(ad), normInf(hd)) / primalNorm;
                double gd = 0;
                double neg = 0;
                for (int j = 0; j < nn; j++) {
                    gd += g[j] * y[j];
                    if (pos[j]) {
                        neg = Math.max(neg, -y[j]);
                    }
                }
                gd /= primalNorm;
                if (res <= 1e-6 && neg / primalNorm <= 1e-7 && gd < -1e-7) {
                    return String.format(Locale.ROOT, "unbounded: the primal iterates diverge (|x|_inf = %.3g) along a"
                            + " ray d with |A d|, |Q d| <= %.2e|d| and c'd = %.3g|d| < 0", primalNorm, res, gd);
                }
            }
            return null;
        }

        InteriorPointResult result(SolverStatus status, String why, int it) {
            double[] x = new double[n];
            double[] zl = new double[n];
            double[] zu = new double[n];
            for (int j = 0; j < n; j++) {
                x[j] = off[j] + sign[j] * y[j];
            }
            boundDuals(zl, zu);
            double[] yEq = java.util.Arrays.copyOfRange(lam, 0, mE);
            double[] zUb = inequalityDuals();
            Kkt k = Kkt.of(qp, x, yEq, zUb, zl, zu);
            return new InteriorPointResult(status, x, yEq, zUb, zl, zu, k.primalObjective(), k.dualObjective(),
                    k.primalObjective() - k.dualObjective(), k.primalResidual(), k.dualResidual(), it, why);
        }

        /**
         * The factorisations of one iteration, shared by the predictor and the corrector (one factorisation per
         * iteration; every solve of both directions, refinement included, reuses it). The slack columns of {@code A}
         * are unit vectors and have no curvature, so with {@code A = [A_x 0; A_Ix I]} (equality rows first)
         * <pre>
         *   A K^-1 A' = A_x K_x^-1 A_x' + diag(0, 1/K_s),   K_x = H + Z/Y + V/W + delta_p I  (n x n),
         * </pre>
         * formed with BLAS-3. LP: {@code W = K_x^-1/2 A_x'} (a scaling), {@code W'W} by {@code dsyrk}, {@code dpotrf} of
         * the {@code m x m} Schur complement. QP: the inequality rows with a small slack weight ({@code K_s |a_i|^2 <=}
         * {@link #ELIMINATE} {@code max(1, max H_jj)}, the inactive ones) are eliminated exactly into {@code M = K_x +
         * A_I1' K_s A_I1} (a {@code dsyrk}, as cvxopt's {@code P + G'W^-2 G}); {@code dpotrf} of {@code M}, {@code W =
         * L^-1 A_R'} by {@code dtrsm} for the kept rows R (equalities and active inequalities, whose {@code K_s ~ 1/mu}
         * would make {@code M} numerically indefinite), {@code dsyrk} and {@code dpotrf} of the Schur complement
         * {@code A_R M^-1 A_R' + diag(0, 1/K_s)}. The solves are triangular solves and {@code dgemv}s on the stored
         * data.
         */
        final class Factor {
            /** The diagonal of K: {@code H_jj} (QP) plus the barrier terms {@code z_j/y_j + v_j/w_j}. */
            final double[] kDiag = new double[nn];
            final double deltaP;
            /** QP: the lower Cholesky factor of K_x (n x n); LP: null. */
            final double[] mL;
            /** The lower Cholesky factor of the Schur complement (LP: A K^-1 A', m x m; QP: over {@link #rows}). */
            final double[] sL;
            /** QP: the slack weights K_s + delta_p of the inequality rows; LP: null. */
            final double[] ks;
            /** QP: the rows kept in the Schur complement (all equalities, the inequalities not eliminated). */
            final int[] rows;
            /**
             * QP with kept rows: {@code W = L^-1 A_R'} ({@code n x r}, leading dimension n; L the factor of M), whose
             * Gram matrix is the Schur complement; the solves use it instead of a second pair of triangular solves.
             */
            final double[] wR;
            /** QP: whether each inequality row is eliminated into M (else kept in the Schur complement); LP: null. */
            final boolean[] elim;

            Factor() {
                double maxDiag = 0;
                double maxH = 0;
                double minBarrier = Double.POSITIVE_INFINITY;
                for (int j = 0; j < nn; j++) {
                    double d = linear || j >= n ? 0 : h[j + j * n];
                    maxH = Math.max(maxH, Math.abs(d));
                    if (pos[j]) {
                        d += z[j] / y[j];
                    }
                    if (hasUb[j]) {
                        d += v[j] / w[j];
                    }
                    if (!Double.isFinite(d)) {
                        throw new NotPositiveDefiniteException("the barrier term of variable " + j
                                + " is not finite (an iterate reached its bound)", j);
                    }
                    kDiag[j] = d;
                    maxDiag = Math.max(maxDiag, Math.abs(d));
                    if (pos[j]) {
                        minBarrier = Math.min(minBarrier, d);
                    }
                }
                // QP: the shift is relative to the data scale max|H_jj|, never to the barrier terms Z/Y, W/V, which
                // grow like 1/mu near the solution: a shift 1e-12 * max(Z/Y) would swamp H on the inactive variables
                // and iterative refinement (contraction delta / (delta + lambda_min)) could not remove it.
                // LP: K is diagonal and the shift is only for the free variables, whose K_jj = 0. It is the smallest
                // barrier term min z_j / y_j (a basic variable's, ~ mu / y_j^2), so that a free column's weight
                // a_j a_j' / delta in A K^-1 A' keeps pace with the basic columns (~ y_j^2 / mu) and is not swamped by
                // the dual shift delta_d (relative to the largest diagonal of A K^-1 A'); refinement then removes
                // its bias (contraction delta / (delta + a_j' S^-1 a_j), S the rest of A K^-1 A'). It is not added
                // to the bounded variables: a shift 1e-12 max K_jj ~ 1e-12 / mu exceeds their barrier terms
                // mu / y_j^2 once mu < ~1e-6 and replaced their 1/K_jj by 1/delta, a bias refinement could not
                // remove (the quantile regression LP, q = 0.9, stalled at a relative gap ~1e-4 after 200 iterations).
                if (linear) {
                    deltaP = Double.isFinite(minBarrier) && minBarrier > 0 ? minBarrier
                            : Math.max(regularization * Math.max(1, maxDiag), 1e-300);
                } else {
                    deltaP = Math.max(regularization * Math.max(1, maxH), 1e-300);
                }
                if (linear) {
                    mL = null;
                    ks = null;
                    rows = null;
                    wR = null;
                    elim = null;
                    if (m > 0) {
                        // A_x K_x^-1 A_x' by one syrk on the scaled columns, plus 1/K_s on the slack rows
                        double[] wt = colWork = atLeast(colWork, n * m);
                        double[] gm = schurWork = atLeast(schurWork, m * m);
                        // W = K_x^-1/2 A_x' (n x m; its columns are contiguous for either kernel), then W'W
                        for (int j = 0; j < n; j++) {
                            scaleToRow(a, j * m, 1 / Math.sqrt(kDiag[j] + shift(j)), wt, j, n, m);
                        }
                        syrk(javaLa, true, m, n, 1, wt, 0, n, 0, gm, 0, m);
                        for (int i = 0; i < mU; i++) {
                            int r = mE + i;
                            gm[r + r * m] += 1 / (kDiag[n + i] + shift(n + i));
                        }
                        sL = factorSchur(gm, m);
                    } else {
                        sL = null;
                    }
                    return;
                }
                // QP. Inequality rows whose slack weight K_s is small against the data scale are eliminated into
                // M = K_x + A_I1' K_s A_I1 (a dsyrk; their rank-one terms are too small to spoil the conditioning of
                // M); the others (active rows, K_s ~ 1/mu) stay with the equalities in the Schur complement
                // A_R M^-1 A_R' + diag(0, 1/K_s), which keeps it small early on and never puts 1/mu-sized
                // rank-one terms into M (which made dpotrf fail near the solution).
                ks = new double[mU];
                elim = new boolean[mU];
                int nElim = 0;
                double limit = ELIMINATE * Math.max(1, maxH);
                for (int i = 0; i < mU; i++) {
                    ks[i] = kDiag[n + i] + deltaP;
                    if (ks[i] * rowNorm2[i] <= limit) {
                        elim[i] = true;
                        nElim++;
                    }
                }
                double[] kx = kxWork = atLeast(kxWork, n * n);
                for (int j = 0; j < n; j++) {
                    System.arraycopy(h, j * n + j, kx, j * n + j, n - j);
                    kx[j + j * n] = kDiag[j] + deltaP;
                }
                if (nElim > 0) {
                    double[] bI = elimWork = atLeast(elimWork, nElim * n);
                    double[] sqrtKs = new double[nElim]; // once per row, not once per entry
                    int[] elimRows = new int[nElim];
                    for (int i = 0, k = 0; i < mU; i++) {
                        if (elim[i]) {
                            sqrtKs[k] = Math.sqrt(ks[i]);
                            elimRows[k++] = mE + i;
                        }
                    }
                    // B_I = K_s^1/2 A_I1 (nElim x n; its columns are contiguous for either kernel), then B_I'B_I
                    for (int j = 0; j < n; j++) {
                        gatherScaled(a, j * m, elimRows, sqrtKs, bI, j * nElim, nElim);
                    }
                    syrk(javaLa, true, n, nElim, 1, bI, 0, nElim, 1, kx, 0, n);
                }
                int info = potrf(javaLa, kx, n);
                if (info != 0) {
                    throw new NotPositiveDefiniteException("H + Z/Y + V/W + A_I1' K_s A_I1 is not positive definite"
                            + " (leading minor " + info + ")", info);
                }
                mL = kx;
                rows = new int[m - nElim];
                int r = 0;
                for (int i = 0; i < mE; i++) {
                    rows[r++] = i;
                }
                for (int i = 0; i < mU; i++) {
                    if (!elim[i]) {
                        rows[r++] = mE + i;
                    }
                }
                if (r > 0) {
                    double[] wt = colWork = atLeast(colWork, n * r);
                    for (int k = 0; k < r; k++) {
                        System.arraycopy(at, rows[k] * n, wt, k * n, n);
                    }
                    trsm(javaLa, true, true, false, false, n, r, 1, mL, 0, n, wt, 0, n);
                    double[] gm = schurWork = atLeast(schurWork, r * r);
                    syrk(javaLa, true, r, n, 1, wt, 0, n, 0, gm, 0, r);
                    for (int k = 0; k < r; k++) {
                        if (rows[k] >= mE) {
                            gm[k + k * r] += 1 / ks[rows[k] - mE];
                        }
                    }
                    sL = factorSchur(gm, r);
                    wR = wt;
                } else {
                    sL = null;
                    wR = null;
                }
            }

            /**
             * Adds the dual regularisation {@code delta_d = regularization * max(1, max diag)} to a Schur complement
             * (lower triangle) and factors it, retrying with jitter {@code 1e-14, 1e-13, ...} times its mean diagonal
             * (at most 12 tries) if rounding left it indefinite.
             */
            double[] factorSchur(double[] gm, int k) {
                double md = 0;
                double mean = 0;
                for (int i = 0; i < k; i++) {
                    md = Math.max(md, gm[i + i * k]);
                    mean += Math.abs(gm[i + i * k]);
                }
                mean = mean > 0 ? mean / k : 1;
                for (int i = 0; i < k; i++) {
                    gm[i + i * k] += regularization * Math.max(1, md);
                }
                double[] f = factorWork = atLeast(factorWork, k * k);
                System.arraycopy(gm, 0, f, 0, k * k);
                int info = potrf(javaLa, f, k);
                double c = 1e-14;
                for (int t = 0; info != 0 && t < 12; t++, c *= 10) {
                    System.arraycopy(gm, 0, f, 0, k * k);
                    for (int i = 0; i < k; i++) {
                        f[i + i * k] += c * mean;
                    }
                    info = potrf(javaLa, f, k);
                }
                if (info != 0) {
                    throw new NotPositiveDefiniteException("the " + k + "x" + k + " Schur complement A K^-1 A' is not"
                            + " positive definite even with jitter (leading minor " + info + ")", info);
                }
                return f;
            }

            /** The primal shift of variable j: delta_p for every variable of a QP, only for the free ones of an LP. */
            double shift(int j) {
                return !linear || !(pos[j] || hasUb[j]) ? deltaP : 0;
            }

            /**
             * Solves the regularised system {@code K dy - A' dl = r1, A dy = r2} (range-space: {@code dl} from the Schur
             * complement, then {@code dy = K^-1 (r1 + A' dl)}); returns {@code {dy, dl}}.
             */
            double[][] reducedSolve(double[] r1, double[] r2) {
                if (!linear) {
                    return reducedSolveQp(r1, r2);
                }
                double[] dl = new double[m];
                if (m > 0) {
                    double[] t = aMul(kSolve(r1.clone()));
                    for (int i = 0; i < m; i++) {
                        t[i] = r2[i] - t[i];
                    }
                    cholSolve(javaLa, sL, m, t);
                    dl = t;
                }
                double[] rhs = atMul(dl);
                for (int j = 0; j < nn; j++) {
                    rhs[j] += r1[j];
                }
                return new double[][]{kSolve(rhs), dl};
            }

            /**
             * The QP form of {@link #reducedSolve}: eliminated rows i give {@code ds_i = r2_i - a_i'dx}, {@code dl_i =
             * K_s ds_i - r1s_i} and add {@code a_i (K_s r2_i - r1s_i)} to the right-hand side of {@code M dx - A_R'dl_R
             * = u}; the kept rows solve {@code (A_R M^-1 A_R' + D) dl_R = r2_R - D r1s_R - A_R M^-1 u}, with {@code D =
             * diag(0, 1/K_s)}, and give {@code ds_i = (r1s_i + dl_i) / K_s}. With {@code M = L L'} and {@code W = L^-1
             * A_R'}: {@code q = L^-1 u}, {@code A_R M^-1 u = W'q} and {@code dx = M^-1 (u + A_R'dl_R) = L^-T (q + W
             * dl_R)}, two triangular solves per call.
             */
            double[][] reducedSolveQp(double[] r1, double[] r2) {
                int r = rows.length;
                double[] u = java.util.Arrays.copyOf(r1, n);
                double[] dl = new double[m];
                if (mU > 0) {
                    double[] t = new double[m];
                    for (int i = 0; i < mU; i++) {
                        if (elim[i]) {
                            t[mE + i] = ks[i] * r2[mE + i] - r1[n + i];
                        }
                    }
                    gemv(javaLa, true, m, n, 1, a, 0, m, t, 0, 1, u, 0);
                }
                // u := q = L^-1 u
                trsm(javaLa, true, true, false, false, n, 1, 1, mL, 0, n, u, 0, n);
                if (r > 0) {
                    double[] e = new double[r];
                    for (int k = 0; k < r; k++) {
                        int row = rows[k];
                        e[k] = r2[row] - (row >= mE ? r1[n + row - mE] / ks[row - mE] : 0);
                    }
                    gemv(javaLa, true, n, r, -1, wR, 0, n, u, 0, 1, e, 0);
                    cholSolve(javaLa, sL, r, e);
                    for (int k = 0; k < r; k++) {
                        dl[rows[k]] = e[k];
                    }
                    gemv(javaLa, false, n, r, 1, wR, 0, n, e, 0, 1, u, 0);
                }
                // dx = L^-T (q + W dl_R)
                trsm(javaLa, true, true, true, false, n, 1, 1, mL, 0, n, u, 0, n);
                double[] dy = java.util.Arrays.copyOf(u, nn);
                if (mU > 0) {
                    double[] ax = new double[mU];
                    gemv(javaLa, false, mU, n, 1, a, mE, m, u, 0, 0, ax, 0);
                    for (int i = 0; i < mU; i++) {
                        if (elim[i]) {
                            double ds = r2[mE + i] - ax[i];
                            dy[n + i] = ds;
                            dl[mE + i] = ks[i] * ds - r1[n + i];
                        } else {
                            dy[n + i] = (r1[n + i] + dl[mE + i]) / ks[i];
                        }
                    }
                }
                return new double[][]{dy, dl};
            }

            /** Overwrites r by (K + shift)^-1 r: the x-block by the factor of K_x (QP) or diagonally (LP). */
            double[] kSolve(double[] r) {
                if (linear) {
                    for (int j = 0; j < n; j++) {
                        r[j] /= kDiag[j] + shift(j);
                    }
                } else {
                    cholSolve(javaLa, mL, n, r);
                }
                for (int j = n; j < nn; j++) {
                    r[j] /= kDiag[j] + shift(j);
                }
                return r;
            }

            /**
             * The reduced system solved with iterative refinement on the unregularised matrix: correction steps while
             * the relative residual exceeds rounding level (1e-14) and, after the first step, still halves (at most
             * {@link #MAX_REFINEMENT} in all; a forced second step was measured to gain nothing at rounding level). Near the solution the Schur complement {@code A K^-1 A'} of a QP can have eigenvalues as small
             * as its regularisation (active variables contribute {@code y_j / z_j -> 0}); refinement then contracts
             * only by about one half per step, and stopping after two would leave an error in {@code A dy = r2}
             * that shows up as a primal residual the next iterations must remove again.
             */
            double[][] refinedSolve(double[] r1, double[] r2) {
                double[][] sol = reducedSolve(r1, r2);
                double scale1 = Math.max(normInf(r1), 1e-300);
                double scale2 = Math.max(normInf(r2), 1e-300);
                double prev = Double.POSITIVE_INFINITY;
                for (int pass = 0; pass < MAX_REFINEMENT; pass++) {
                    double[] dy = sol[0];
                    double[] hdy = hMul(dy);
                    double[] atl = atMul(sol[1]);
                    double[] e1 = residual1(r1, hdy, dy, atl);
                    double[] ady = aMul(dy);
                    double[] e2 = new double[m];
                    for (int i = 0; i < m; i++) {
                        e2[i] = r2[i] - ady[i];
                    }
                    double err = Math.max(normInf(e1) / scale1, normInf(e2) / scale2);
                    if (err <= 1e-14 || (pass >= 1 && err > 0.5 * prev)) {
                        break;
                    }
                    prev = err;
                    double[][] corr = reducedSolve(e1, e2);
                    for (int j = 0; j < nn; j++) {
                        dy[j] += corr[0][j];
                    }
                    for (int i = 0; i < m; i++) {
                        sol[1][i] += corr[1][i];
                    }
                }
                return sol;
            }

            /**
             * {@code r1 - (H dy + (K - diag H) dy - A'l)}: the residual of the first block row of the unregularised
             * reduced system ({@code hdy = H dy}, {@code atl = A'l}); a method of its own so that the JIT compiles it
             * early in a first solve.
             */
            double[] residual1(double[] r1, double[] hdy, double[] dy, double[] atl) {
                double[] e1 = new double[nn];
                int hn = linear ? 0 : n;
                for (int j = 0; j < hn; j++) {
                    e1[j] = r1[j] - (hdy[j] + (kDiag[j] - h[j + j * n]) * dy[j] - atl[j]);
                }
                for (int j = hn; j < nn; j++) {
                    e1[j] = r1[j] - (hdy[j] + kDiag[j] * dy[j] - atl[j]);
                }
                return e1;
            }

            Direction direction(double[] rd, double[] rp, double[] ru, double[] ryz, double[] rwv) {
                double[] r1 = new double[nn];
                for (int j = 0; j < nn; j++) {
                    double r = -rd[j];
                    if (pos[j]) {
                        r += ryz[j] / y[j];
                    }
                    if (hasUb[j]) {
                        r -= (rwv[j] + v[j] * ru[j]) / w[j];
                    }
                    r1[j] = r;
                }
                double[] r2 = new double[m];
                for (int i = 0; i < m; i++) {
                    r2[i] = -rp[i];
                }
                double[][] sol = refinedSolve(r1, r2);
                Direction d = new Direction(sol[0], sol[1], new double[nn], new double[nn], new double[nn]);
                for (int j = 0; j < nn; j++) {
                    if (pos[j]) {
                        d.dz[j] = (ryz[j] - z[j] * d.dy[j]) / y[j];
                    }
                    if (hasUb[j]) {
                        d.dw[j] = -ru[j] - d.dy[j];
                        d.dv[j] = (rwv[j] - v[j] * d.dw[j]) / w[j];
                    }
                }
                return d;
            }
        }

        /**
         * {@code start + sum_j [pos_j] (y_j + ap dy_j)(z_j + ad dz_j) + [ub_j] (w_j + ap dw_j)(v_j + ad dv_j)}: the
         * complementarity after primal step {@code ap} and dual step {@code ad} along {@code d}, summed from {@code start}.
         */
        double complementarity(double start, Direction d, double ap, double ad) {
            double s = start;
            for (int j = 0; j < nn; j++) {
                if (pos[j]) {
                    s += (y[j] + ap * d.dy[j]) * (z[j] + ad * d.dz[j]);
                }
                if (hasUb[j]) {
                    s += (w[j] + ap * d.dw[j]) * (v[j] + ad * d.dv[j]);
                }
            }
            return s;
        }

        /** Mehrotra's corrector terms: {@code ryz_j += sigmaMu - dy_j dz_j}, {@code rwv_j += sigmaMu - dw_j dv_j}. */
        void addCentring(double[] ryz, double[] rwv, double sigmaMu, Direction aff) {
            for (int j = 0; j < nn; j++) {
                if (pos[j]) {
                    ryz[j] += sigmaMu - aff.dy[j] * aff.dz[j];
                }
                if (hasUb[j]) {
                    rwv[j] += sigmaMu - aff.dw[j] * aff.dv[j];
                }
            }
        }

        /** Moves the iterates: primal {@code (y, w)} by {@code ap d}, dual {@code (z, v, lambda)} by {@code ad d}. */
        void step(Direction d, double ap, double ad) {
            for (int j = 0; j < nn; j++) {
                y[j] += ap * d.dy[j];
                w[j] += ap * d.dw[j];
                z[j] += ad * d.dz[j];
                v[j] += ad * d.dv[j];
            }
            for (int i = 0; i < m; i++) {
                lam[i] += ad * d.dlam[i];
            }
        }

        /** The largest alpha in [0, 1] keeping {@code t + alpha dt >= 0}. */
        static double stepTo(double t, double dt) {
            return dt < 0 ? Math.min(1, -t / dt) : 1;
        }

        /** The largest alpha in [0, 1] keeping the positive parts of u + alpha du and t + alpha dt non-negative. */
        double maxStep(double[] u, double[] du, double[] t, double[] dt) {
            double alpha = 1;
            for (int j = 0; j < nn; j++) {
                if (pos[j] && du[j] < 0) {
                    alpha = Math.min(alpha, -u[j] / du[j]);
                }
                if (hasUb[j] && dt[j] < 0) {
                    alpha = Math.min(alpha, -t[j] / dt[j]);
                }
            }
            return alpha;
        }
    }

    /**
     * LAPACK {@code dpotrf} on the lower triangle of the column-major {@code k x k} array, in place ({@link
     * Blas#dpotrfLower}: zero-copy through FFM when available); returns its info.
     */
    static int potrf(double[] f, int k) {
        int info = Blas.dpotrfLower(k, f, 0, k);
        if (info < 0) {
            throw new IllegalStateException("dpotrf: illegal argument " + (-info));
        }
        return info;
    }

    /** {@link #potrf(double[], int)} with the pure-Java {@link JavaBlas#dpotrfLower} when {@code java}. */
    static int potrf(boolean java, double[] f, int k) {
        return java ? JavaBlas.dpotrfLower(k, f, 0, k) : potrf(f, k);
    }

    /**
     * Overwrites {@code x} by {@code (L L')^-1 x} for the lower Cholesky factor {@code L} of order k (pure Java when
     * {@code java}).
     */
    static void cholSolve(boolean java, double[] l, int k, double[] x) {
        trsm(java, true, true, false, false, k, 1, 1, l, 0, k, x, 0, k);
        trsm(java, true, true, true, false, k, 1, 1, l, 0, k, x, 0, k);
    }

    /*
     * The dense kernels of a solve: OpenBLAS ({@link Blas}) or, for a small problem, the pure-Java {@link JavaBlas}
     * (same arguments, same results up to the order of the sums). Choosing per call keeps the Blas class unused (and
     * OpenBLAS unloaded) by a solve on the pure-Java path.
     */

    static void gemv(boolean java, boolean trans, int m, int n, double alpha, double[] a, int aOff, int lda,
                     double[] x, int xOff, double beta, double[] y, int yOff) {
        if (java) {
            JavaBlas.dgemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        } else {
            Blas.dgemv(trans, m, n, alpha, a, aOff, lda, x, xOff, beta, y, yOff);
        }
    }

    static void syrk(boolean java, boolean trans, int n, int k, double alpha, double[] a, int aOff, int lda,
                     double beta, double[] c, int cOff, int ldc) {
        if (java) {
            JavaBlas.dsyrkLower(trans, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc);
        } else {
            Blas.dsyrkLower(trans, n, k, alpha, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    static void trsm(boolean java, boolean left, boolean lower, boolean transT, boolean unit, int m, int n,
                     double alpha, double[] t, int tOff, int ldt, double[] b, int bOff, int ldb) {
        if (java) {
            JavaBlas.dtrsm(left, lower, transT, unit, m, n, alpha, t, tOff, ldt, b, bOff, ldb);
        } else {
            Blas.dtrsm(left, lower, transT, unit, m, n, alpha, t, tOff, ldt, b, bOff, ldb);
        }
    }

    /**
     * A QP inequality row is eliminated into the n x n matrix M when its slack weight times {@code |a_i|^2} is at most
     * this multiple of the data scale {@code max(1, max |H_jj|)}.
     */
    private static final double ELIMINATE = 1e3;

    /** The most iterative-refinement steps per Newton solve. */
    private static final int MAX_REFINEMENT = 10;

    private record Direction(double[] dy, double[] dlam, double[] dz, double[] dw, double[] dv) {
    }

    /** Whether every entry is zero (stops at the first non-zero one: O(1) for a genuine QP). */
    private static boolean isZero(Matrix q) {
        for (int j = 0; j < q.cols(); j++) {
            for (int i = 0; i < q.rows(); i++) {
                if (q.get(i, j) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /*
     * Kernels of the O(n m) loops of a solve, one column or row per call. A first solve runs in the interpreter
     * until the JIT has compiled its methods; a small method called once per column is compiled after a few calls
     * (and then runs compiled for the rest of the solve), while the same loop inside a large method waits for an
     * on-stack replacement of the whole method (qp_200: four C1 compiles of the 1.4 kB factorisation constructor
     * in the first solve). They compute exactly what the loops they replace computed, in the same order.
     */

    /** {@code h[off + i] = sign[i] * sj * h[off + i]}, {@code i < len}: column j of {@code S H S}. */
    static void signColumn(double[] h, int off, double[] sign, double sj, int len) {
        for (int i = 0; i < len; i++) {
            h[off + i] = sign[i] * sj * h[off + i];
        }
    }

    /**
     * Column j of a constraint block: {@code a[aOff + i] = sj * src[sOff + i]} and {@code b[bOff + i] -= src[sOff + i]
     * * offj}, {@code i < len}.
     */
    static void shiftColumn(double[] src, int sOff, double sj, double offj, double[] a, int aOff, double[] b, int bOff,
                            int len) {
        for (int i = 0; i < len; i++) {
            double aij = src[sOff + i];
            a[aOff + i] = sj * aij;
            b[bOff + i] -= aij * offj;
        }
    }

    /** {@code acc[i] += x[off + i]^2}, {@code i < len}. */
    static void addSquares(double[] x, int off, double[] acc, int len) {
        for (int i = 0; i < len; i++) {
            double v = x[off + i];
            acc[i] += v * v;
        }
    }

    /** {@code dst[row + i * ld] = src[off + i] * s}, {@code i < len}: a scaled column written as a row. */
    static void scaleToRow(double[] src, int off, double s, double[] dst, int row, int ld, int len) {
        for (int i = 0; i < len; i++) {
            dst[row + i * ld] = src[off + i] * s;
        }
    }

    /** {@code dst[dOff + k] = src[off + idx[k]] * scale[k]}, {@code k < len}. */
    static void gatherScaled(double[] src, int off, int[] idx, double[] scale, double[] dst, int dOff, int len) {
        for (int k = 0; k < len; k++) {
            dst[dOff + k] = src[off + idx[k]] * scale[k];
        }
    }

    /**
     * {@code v} in scientific notation with {@code digits} decimals, as {@code String.format("%.<digits>e", v)} prints
     * it (up to the rounding of a decimal tie: the mantissa is rounded from {@code v / 10^e} in binary; a subnormal
     * {@code v} shows its value's digits, String.format those of its shortest decimal), for the
     * message of an optimal solve: the first {@code String.format} in a JVM costs about 10 ms (its formatter and
     * locale data), a third of what a small first solve costs in Derive's own code.
     */
    static String sci(double v, int digits) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        StringBuilder sb = new StringBuilder(digits + 8);
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append('-');
            v = -v;
        }
        long unit = 1;
        for (int k = 0; k < digits; k++) {
            unit *= 10;
        }
        long q = 0; // the rounded mantissa times 10^digits, in [10^digits, 10^(digits + 1)) unless v == 0
        int e = 0;
        if (v > 0) {
            e = (int) Math.floor(Math.log10(v));
            q = Math.round(mantissa(v, e) * unit);
            if (q < unit) { // log10 rounded up across a power of ten
                e--;
                q = Math.round(mantissa(v, e) * unit);
            }
            if (q >= 10 * unit) { // 9.996 -> 10.00: carry into the exponent
                e++;
                q = Math.round(mantissa(v, e) * unit);
            }
        }
        sb.append(q / unit);
        if (digits > 0) {
            sb.append('.');
            String frac = Long.toString(q % unit);
            for (int k = frac.length(); k < digits; k++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        sb.append(e < 0 ? "e-" : "e+");
        int ae = Math.abs(e);
        if (ae < 10) {
            sb.append('0');
        }
        return sb.append(ae).toString();
    }

    /** {@code v / 10^e}, scaled in two steps where {@code 10^e} alone would leave the normal range. */
    private static double mantissa(double v, int e) {
        if (e < -290) {
            return v * 1e290 / Math.pow(10, e + 290);
        }
        if (e > 290) {
            return v / 1e290 / Math.pow(10, e - 290);
        }
        return v / Math.pow(10, e);
    }

    static double normInf(double[] v) {
        double s = 0;
        for (double x : v) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }

    private static double maxFinite(double[] v) {
        double s = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                s = Math.max(s, Math.abs(x));
            }
        }
        return s;
    }
}
