package dev.derive.optim;

import dev.derive.linalg.LU;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SingularMatrixException;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * L-BFGS-B: limited-memory BFGS for bound constraints {@code l <= x <= u} (Byrd, Lu, Nocedal &amp; Zhu, "A
 * limited memory algorithm for bound constrained optimization", SIAM J. Sci. Comput. 16(5), 1995, with the
 * projected subspace step of Morales &amp; Nocedal, ACM TOMS 38(1), 2011).
 *
 * <p>Each iteration uses the compact limited-memory matrix {@code B = theta I - W M W'},
 * {@code W = [Y, theta S]}, {@code M = [[-D, L'], [L, theta S'S]]^-1} (eq. 3.2-3.4) of the last {@code m} pairs:
 * <ol>
 *   <li>the generalised Cauchy point: the first local minimiser of the quadratic model along the projected
 *       steepest-descent path {@code P(x - t g)}, found by walking its breakpoints in order and updating the
 *       model's first and second derivatives in {@code O(m^2)} per segment (section 4, Algorithm CP);</li>
 *   <li>subspace minimisation over the variables not at a bound there, by the direct primal method with the
 *       Sherman–Morrison–Woodbury form of the reduced inverse Hessian (section 5.1); the unconstrained
 *       minimiser is projected onto the box, falling back to the paper's truncation when the projected point
 *       is not a descent direction (Morales &amp; Nocedal);</li>
 *   <li>a strong Wolfe line search along {@code d = xbar - x}, whose steps are limited to the box.</li>
 * </ol>
 * The pair {@code (s, y)} is stored if {@code s'y > eps y'y}; if a line search fails the memory is dropped and
 * the iteration retried, as the original code does. The run converges when the 2-norm of the projected gradient
 * {@code P(x - g) - x} is at most {@link StopCriteria#gradientTolerance()} (the Fortran code tests its
 * infinity norm).
 *
 * <p>The starting point is projected onto the box, and the objective is only ever evaluated inside it.
 *
 * @param memory     the number of pairs {@code m >= 1} (default 10)
 * @param lineSearch the strong Wolfe line search
 * @param stop       the stopping criteria
 */
public record LBFGSB(int memory, StrongWolfe lineSearch, StopCriteria stop) {

    public LBFGSB {
        if (memory < 1) {
            throw new IllegalArgumentException("LBFGSB: memory must be >= 1, got " + memory);
        }
        if (lineSearch == null) {
            throw new IllegalArgumentException("LBFGSB: lineSearch must not be null");
        }
        if (stop == null) {
            throw new IllegalArgumentException("LBFGSB: stop must not be null");
        }
    }

    /** Memory 10, strong Wolfe line search ({@code c1 = 1e-4, c2 = 0.9}), the default stopping criteria. */
    public static LBFGSB defaults() {
        return new LBFGSB(10, StrongWolfe.defaults(), StopCriteria.DEFAULT);
    }

    public LBFGSB withMemory(int m) {
        return new LBFGSB(m, lineSearch, stop);
    }

    public LBFGSB withStop(StopCriteria s) {
        return new LBFGSB(memory, lineSearch, s);
    }

    /** Minimises {@code f} over the box from {@code x0} (projected onto it). */
    public OptimResult minimize(SmoothObjective f, Bounds bounds, double[] x0) {
        return minimize(f, bounds, x0, IterationObserver.NONE);
    }

    /**
     * Minimises {@code f} over the box from {@code x0} (projected onto it), calling {@code observer} after every
     * iteration with the projected-gradient norm.
     *
     * @throws IllegalArgumentException if {@code x0} or {@code bounds} do not match the objective's dimension,
     *                                  or {@code x0} has a non-finite entry
     */
    public OptimResult minimize(SmoothObjective objective, Bounds bounds, double[] x0, IterationObserver observer) {
        final String name = "LBFGSB";
        Run run = new Run(name, objective, stop, observer);
        double[] x = run.start(x0);
        int n = x.length;
        if (bounds == null || bounds.dimension() != n) {
            throw new IllegalArgumentException(name + ": the bounds have " + (bounds == null ? "no" : bounds.dimension())
                    + " coordinates but the objective has dimension " + n);
        }
        return new State(run, bounds, n).run(x);
    }

    /** One run's state: the box, the memory and work arrays. */
    private final class State {
        final Run run;
        final Counted f;
        final double[] lo;
        final double[] hi;
        final int n;
        final int m = memory;
        // memory, oldest first: s[k], y[k] for k < count
        final double[][] ss;
        final double[][] ys;
        int count;
        double theta = 1;
        /** M = K^-1, 2count x 2count. */
        double[][] mm;
        /** An objective that evaluates at the projection of its argument (guards against rounding outside). */
        final SmoothObjective inBox;

        State(Run run, Bounds b, int n) {
            this.run = run;
            this.f = run.f;
            this.lo = b.lower();
            this.hi = b.upper();
            this.n = n;
            this.ss = new double[m][];
            this.ys = new double[m][];
            final double[] p = new double[n];
            this.inBox = new SmoothObjective() {
                @Override
                public int dimension() {
                    return n;
                }

                @Override
                public double value(double[] x) {
                    project(x, p);
                    return f.value(p);
                }

                @Override
                public double valueAndGradient(double[] x, double[] g) {
                    project(x, p);
                    return f.valueAndGradient(p, g);
                }
            };
        }

        void project(double[] x, double[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = Math.min(Math.max(x[i], lo[i]), hi[i]);
            }
        }

        double projectedGradientNorm(double[] x, double[] g) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double p = Math.min(Math.max(x[i] - g[i], lo[i]), hi[i]) - x[i];
                s += p * p;
            }
            return Math.sqrt(s);
        }

        OptimResult run(double[] x) {
            final String name = run.method;
            project(x, x);
            double[] g = new double[n];
            double fx = f.valueAndGradient(x, g);
            if (!Run.finite(fx, g)) {
                return run.result(x, fx, Double.isFinite(fx) ? projectedGradientNorm(x, g) : Double.NaN, 0,
                        StopReason.NON_FINITE, Run.nonFinite(name, "at the (projected) starting point", fx, g));
            }
            double pg = projectedGradientNorm(x, g);
            if (!run.record(0, x, fx, pg)) {
                return run.result(x, fx, pg, 0, StopReason.OBSERVER_STOPPED, run.message(StopReason.OBSERVER_STOPPED, 0, pg));
            }
            if (pg <= stop.gradientTolerance()) {
                return run.result(x, fx, pg, 0, StopReason.GRADIENT_TOLERANCE, run.message(StopReason.GRADIENT_TOLERANCE, 0, pg));
            }
            double[] xc = new double[n];
            double[] xbar = new double[n];
            double[] d = new double[n];
            double[] xNew = new double[n];
            double[] gNew = new double[n];
            int k = 0;
            int stalls = 0;
            boolean retried = false;
            while (true) {
                StopReason reason = null;
                if (k >= stop.maxIterations()) {
                    reason = StopReason.MAX_ITERATIONS;
                } else if (run.evaluationsExhausted()) {
                    reason = StopReason.MAX_EVALUATIONS;
                }
                if (reason != null) {
                    return run.result(x, fx, pg, k, reason, run.message(reason, k, pg));
                }
                if (!buildM()) {
                    count = 0;
                    theta = 1;
                    mm = null;
                }
                double[] c = cauchyPoint(x, g, xc);
                subspaceMinimization(x, g, xc, c, xbar);
                for (int i = 0; i < n; i++) {
                    d[i] = xbar[i] - x[i];
                }
                double gd = Vec.dot(g, d);
                LineSearchResult lr = null;
                if (gd < 0) {
                    double maxStep = maxFeasibleStep(x, d);
                    double dn = Vec.norm(d);
                    double alpha0 = count == 0 ? Math.min(1 / dn, maxStep) : Math.min(1, maxStep);
                    if (alpha0 > 0 && maxStep > 0) {
                        lr = lineSearch.search(inBox, x, fx, g, d, alpha0, maxStep, xNew, gNew);
                    }
                }
                if (lr == null || !lr.decreased()) {
                    if (count > 0 || !retried) {
                        // drop the memory and retry from the same point, as L-BFGS-B does
                        count = 0;
                        theta = 1;
                        retried = true;
                        continue;
                    }
                    boolean nonFinite = lr != null && lr.status() == LineSearchResult.Status.NON_FINITE;
                    String msg = nonFinite
                            ? String.format(Locale.ROOT, "%s: the objective or its gradient was non-finite at every "
                            + "trial step at iteration %d; the result is the last finite iterate", name, k)
                            : String.format(Locale.ROOT, "%s: no decrease along the projected steepest-descent path at "
                            + "iteration %d (projected gradient norm %.3g): the gradient tolerance may be below what "
                            + "rounding allows, or the gradient does not match the function", name, k, pg);
                    return run.result(x, fx, pg, k, nonFinite ? StopReason.NON_FINITE : StopReason.NO_PROGRESS, msg);
                }
                retried = false;
                if (lr.step() == 1) {
                    System.arraycopy(xbar, 0, xNew, 0, n); // exactly the subspace point, bounds included
                }
                snapToBounds(xNew);
                k++;
                double[] s = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    s[i] = xNew[i] - x[i];
                    y[i] = gNew[i] - g[i];
                }
                remember(s, y);
                double fPrev = fx;
                double pgPrev = pg;
                double[] t = x;
                x = xNew;
                xNew = t;
                t = g;
                g = gNew;
                gNew = t;
                fx = lr.value();
                pg = projectedGradientNorm(x, g);
                stalls = fx < fPrev || pg < pgPrev ? 0 : stalls + 1;
                StopReason r = run.converged(k, x, fPrev, fx, pg, Vec.norm(s));
                if (r != null) {
                    return run.result(x, fx, pg, k, r, run.message(r, k, pg));
                }
                if (stalls >= DescentLoop.MAX_STALLS) {
                    return run.result(x, fx, pg, k, StopReason.NO_PROGRESS, String.format(Locale.ROOT,
                            "%s: %d iterations in a row lowered neither f nor the projected gradient norm (now %.3g)",
                            name, DescentLoop.MAX_STALLS, pg));
                }
            }
        }

        /** Stores the pair if s'y > eps y'y, dropping the oldest beyond m; updates theta = y'y / s'y. */
        void remember(double[] s, double[] y) {
            double sy = Vec.dot(s, y);
            double yy = Vec.dot(y, y);
            if (!(sy > Math.ulp(1.0) * yy)) {
                return;
            }
            if (count == m) {
                System.arraycopy(ss, 1, ss, 0, m - 1);
                System.arraycopy(ys, 1, ys, 0, m - 1);
                count--;
            }
            ss[count] = s;
            ys[count] = y;
            count++;
            theta = yy / sy;
        }

        /** M = [[-D, L'], [L, theta S'S]]^-1 (eq. 3.4); false if it is singular. */
        boolean buildM() {
            if (count == 0) {
                mm = null;
                return true;
            }
            int q = count;
            Matrix kk = Matrix.zeros(2 * q, 2 * q);
            for (int i = 0; i < q; i++) {
                kk.set(i, i, -Vec.dot(ss[i], ys[i]));
                for (int j = 0; j < i; j++) {
                    double lij = Vec.dot(ss[i], ys[j]); // L_ij = s_i'y_j, i > j
                    kk.set(q + i, j, lij);
                    kk.set(j, q + i, lij);
                }
                for (int j = 0; j <= i; j++) {
                    double v = theta * Vec.dot(ss[i], ss[j]);
                    kk.set(q + i, q + j, v);
                    kk.set(q + j, q + i, v);
                }
            }
            try {
                LU lu = LU.of(kk);
                if (lu.isSingular()) {
                    return false;
                }
                mm = lu.inverse().toRowArrays();
                return true;
            } catch (SingularMatrixException | IllegalArgumentException e) {
                return false;
            }
        }

        /** Row i of W = [Y, theta S] into w (length 2 count). */
        void wRow(int i, double[] w) {
            int q = count;
            for (int j = 0; j < q; j++) {
                w[j] = ys[j][i];
                w[q + j] = theta * ss[j][i];
            }
        }

        double[] mTimes(double[] v) {
            int q2 = 2 * count;
            double[] out = new double[q2];
            for (int i = 0; i < q2; i++) {
                double t = 0;
                for (int j = 0; j < q2; j++) {
                    t += mm[i][j] * v[j];
                }
                out[i] = t;
            }
            return out;
        }

        /**
         * Algorithm CP: writes the generalised Cauchy point into xc and returns {@code c = W'(xc - x)}.
         */
        double[] cauchyPoint(double[] x, double[] g, double[] xc) {
            int q2 = 2 * count;
            double[] tb = new double[n];
            double[] d = new double[n];
            PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> Double.compare(tb[a], tb[b]));
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                if (gi < 0) {
                    tb[i] = hi[i] < Double.POSITIVE_INFINITY ? (x[i] - hi[i]) / gi : Double.POSITIVE_INFINITY;
                } else if (gi > 0) {
                    tb[i] = lo[i] > Double.NEGATIVE_INFINITY ? (x[i] - lo[i]) / gi : Double.POSITIVE_INFINITY;
                } else {
                    tb[i] = Double.POSITIVE_INFINITY;
                }
                d[i] = tb[i] == 0 ? 0 : -gi;
                if (tb[i] > 0 && tb[i] < Double.POSITIVE_INFINITY) {
                    heap.add(i);
                }
            }
            System.arraycopy(x, 0, xc, 0, n);
            double[] p = new double[q2];
            double[] c = new double[q2];
            double[] w = new double[q2];
            if (q2 > 0) {
                for (int i = 0; i < n; i++) {
                    if (d[i] != 0) {
                        wRow(i, w);
                        Vec.axpy(d[i], w, p);
                    }
                }
            }
            double fp = -Vec.dot(d, d);
            double fpp = -theta * fp - (q2 > 0 ? Vec.dot(p, mTimes(p)) : 0);
            double dtMin = fpp > 0 ? -fp / fpp : Double.POSITIVE_INFINITY;
            double tOld = 0;
            boolean[] fixed = new boolean[n];
            while (!heap.isEmpty()) {
                int b = heap.peek();
                double t = tb[b];
                double dt = t - tOld;
                if (dtMin < dt) {
                    break;
                }
                heap.poll();
                // the variable b reaches its bound at t
                double xcb = d[b] > 0 ? hi[b] : lo[b];
                double zb = xcb - x[b];
                xc[b] = xcb;
                fixed[b] = true;
                double gb = g[b];
                if (q2 > 0) {
                    Vec.axpy(dt, p, c);
                    wRow(b, w);
                    double[] mw = mTimes(w);
                    double wMc = Vec.dot(mw, c);
                    double wMp = Vec.dot(mw, p);
                    double wMw = Vec.dot(mw, w);
                    fp = fp + dt * fpp + gb * gb + theta * gb * zb - gb * wMc;
                    fpp = fpp - theta * gb * gb - 2 * gb * wMp - gb * gb * wMw;
                    Vec.axpy(gb, w, p);
                } else {
                    fp = fp + dt * fpp + gb * gb + theta * gb * zb;
                    fpp = fpp - theta * gb * gb;
                }
                d[b] = 0;
                tOld = t;
                dtMin = fpp > Math.ulp(1.0) * Math.abs(fp) ? -fp / fpp : (fp < 0 ? Double.POSITIVE_INFINITY : 0);
                if (fp >= 0) {
                    dtMin = 0; // the model stopped decreasing at this breakpoint
                }
            }
            if (!(dtMin >= 0)) {
                dtMin = 0;
            }
            if (dtMin == Double.POSITIVE_INFINITY) {
                // no breakpoint left and no curvature along the free directions: cannot happen for B > 0 unless
                // every free direction is zero
                dtMin = 0;
            }
            tOld += dtMin;
            for (int i = 0; i < n; i++) {
                if (!fixed[i] && d[i] != 0) {
                    xc[i] = x[i] + tOld * d[i];
                }
            }
            if (q2 > 0) {
                Vec.axpy(dtMin, p, c);
            }
            return c;
        }

        /**
         * Direct primal subspace minimisation (section 5.1) over the variables strictly inside their bounds at
         * xc, then projection onto the box (or truncation if the projection is not a descent direction).
         */
        void subspaceMinimization(double[] x, double[] g, double[] xc, double[] c, double[] xbar) {
            System.arraycopy(xc, 0, xbar, 0, n);
            if (count == 0) {
                return; // B = I: the Cauchy point already minimises the model on the face it found
            }
            int q2 = 2 * count;
            int[] free = new int[n];
            int nf = 0;
            for (int i = 0; i < n; i++) {
                if (xc[i] > lo[i] && xc[i] < hi[i]) {
                    free[nf++] = i;
                }
            }
            if (nf == 0) {
                return;
            }
            // reduced gradient r = Z'(g + theta (xc - x) - W M c)
            double[] mc = mTimes(c);
            double[] w = new double[q2];
            double[] r = new double[nf];
            double[] wtzr = new double[q2];      // W'Z r
            double[][] wzzw = new double[q2][q2]; // W'Z Z'W
            for (int k = 0; k < nf; k++) {
                int i = free[k];
                wRow(i, w);
                r[k] = g[i] + theta * (xc[i] - x[i]) - Vec.dot(w, mc);
                for (int a = 0; a < q2; a++) {
                    wtzr[a] += w[a] * r[k];
                    for (int b = 0; b < q2; b++) {
                        wzzw[a][b] += w[a] * w[b];
                    }
                }
            }
            // v = N^-1 M W'Z r with N = I - (1/theta) M W'ZZ'W
            double[] v = mTimes(wtzr);
            Matrix nn = Matrix.zeros(q2, q2);
            for (int a = 0; a < q2; a++) {
                for (int b = 0; b < q2; b++) {
                    double t = 0;
                    for (int e = 0; e < q2; e++) {
                        t += mm[a][e] * wzzw[e][b];
                    }
                    nn.set(a, b, (a == b ? 1 : 0) - t / theta);
                }
            }
            try {
                LU lu = LU.of(nn);
                if (lu.isSingular()) {
                    return;
                }
                v = lu.solve(v);
            } catch (SingularMatrixException | IllegalArgumentException e) {
                return; // keep the Cauchy point
            }
            // du = -(1/theta) r - (1/theta^2) Z'W v
            double[] du = new double[nf];
            for (int k = 0; k < nf; k++) {
                wRow(free[k], w);
                du[k] = -r[k] / theta - Vec.dot(w, v) / (theta * theta);
            }
            // projected step (Morales & Nocedal 2011)
            for (int k = 0; k < nf; k++) {
                int i = free[k];
                xbar[i] = Math.min(Math.max(xc[i] + du[k], lo[i]), hi[i]);
            }
            double gd = 0;
            for (int i = 0; i < n; i++) {
                gd += g[i] * (xbar[i] - x[i]);
            }
            if (gd < 0) {
                return;
            }
            // fall back to the paper's truncation: the largest alpha <= 1 keeping xc + alpha du in the box
            double alpha = 1;
            for (int k = 0; k < nf; k++) {
                int i = free[k];
                if (du[k] > 0) {
                    alpha = Math.min(alpha, (hi[i] - xc[i]) / du[k]);
                } else if (du[k] < 0) {
                    alpha = Math.min(alpha, (lo[i] - xc[i]) / du[k]);
                }
            }
            for (int k = 0; k < nf; k++) {
                int i = free[k];
                xbar[i] = Math.min(Math.max(xc[i] + alpha * du[k], lo[i]), hi[i]);
            }
        }

        /**
         * Projects onto the box and moves coordinates within rounding (4 ulps) of a bound onto it, so that a
         * variable the step drove to its bound is exactly there.
         */
        void snapToBounds(double[] x) {
            for (int i = 0; i < n; i++) {
                double v = Math.min(Math.max(x[i], lo[i]), hi[i]);
                if (lo[i] > Double.NEGATIVE_INFINITY && v - lo[i] <= 4 * Math.ulp(Math.max(1, Math.abs(lo[i])))) {
                    v = lo[i];
                } else if (hi[i] < Double.POSITIVE_INFINITY && hi[i] - v <= 4 * Math.ulp(Math.max(1, Math.abs(hi[i])))) {
                    v = hi[i];
                }
                x[i] = v;
            }
        }

        /** The largest alpha with x + alpha d in the box. */
        double maxFeasibleStep(double[] x, double[] d) {
            double a = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (d[i] > 0 && hi[i] < Double.POSITIVE_INFINITY) {
                    a = Math.min(a, (hi[i] - x[i]) / d[i]);
                } else if (d[i] < 0 && lo[i] > Double.NEGATIVE_INFINITY) {
                    a = Math.min(a, (lo[i] - x[i]) / d[i]);
                }
            }
            return Math.max(a, 0);
        }
    }

    @Override
    public String toString() {
        return "LBFGSB[memory=" + memory + ", lineSearch=" + lineSearch + ", stop=" + stop + "]";
    }
}
