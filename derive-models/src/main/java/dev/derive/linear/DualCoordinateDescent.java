package dev.derive.linear;

import java.util.SplittableRandom;

/**
 * Dual coordinate descent for L2-regularised linear SVMs (Hsieh, Chang, Lin, Keerthi &amp; Sundararajan,
 * "A dual coordinate descent method for large-scale linear SVM", ICML 2008) and support vector regression
 * (Ho &amp; Lin, "Large-scale linear support vector regression", JMLR 2012), the algorithms of LIBLINEAR.
 *
 * <p><b>Classification.</b> The primal {@code min_w w'w/2 + sum_i C_i xi(y_i w'x_i)} with
 * {@code y_i in {-1, +1}}, hinge {@code xi(m) = max(0, 1 - m)} or squared hinge {@code max(0, 1 - m)^2},
 * has the dual {@code min_a a'(Q + D)a/2 - 1'a} subject to {@code 0 <= a_i <= U_i}, with
 * {@code Q_ij = y_i y_j x_i'x_j}; hinge: {@code U_i = C_i, D = 0}; squared hinge: {@code U_i = inf,
 * D_ii = 1/(2 C_i)}. The primal solution is {@code w = sum_i a_i y_i x_i}, maintained as the coordinates
 * change so that one coordinate step costs {@code O(p)}: the gradient {@code G = y_i w'x_i - 1 + D_ii a_i},
 * the projected gradient {@code PG} (zero where the bound is active and {@code G} points outside), and the
 * exact minimiser along the coordinate {@code a_i <- clip(a_i - G / (Q_ii + D_ii), 0, U_i)}.
 * Coordinates are visited in a random permutation per epoch drawn from the seed. Stopping: the spread of
 * projected gradients {@code max PG - min PG <= tol} over an epoch (LIBLINEAR's criterion). Shrinking
 * (Section 3.2 of the paper): a coordinate at a bound whose gradient exceeds the previous epoch's extreme
 * projected gradient is removed from the active set; when the shrunk problem converges, every coordinate is
 * re-examined before stopping.
 *
 * <p><b>Regression.</b> The primal {@code min_w w'w/2 + sum_i C_i xi(w'x_i - y_i)} with
 * {@code xi(r) = max(0, |r| - eps)} (L1) or its square (L2) has the dual
 * {@code min_b b'Qb/2 - y'b + eps ||b||_1 + sum_i b_i^2 / (4 C_i)[L2]} over {@code -U_i <= b_i <= U_i}
 * ({@code U_i = C_i} for L1, unbounded for L2), {@code Q = XX'}, {@code w = sum_i b_i x_i}. The
 * one-variable problem {@code g d + H d^2/2 + eps |b_i + d|} is solved exactly (a soft threshold) and clipped
 * to the box. Stopping: the summed violation of the one-variable optimality conditions falls to
 * {@code tol} times its value at {@code b = 0} (LIBLINEAR's criterion); no shrinking.
 *
 * <p>The bias is handled as LIBLINEAR does: when requested, each row gets an extra feature equal to
 * {@code intercept_scaling}, whose weight is penalised like the others; the intercept is
 * {@code intercept_scaling * w_bias}.
 */
final class DualCoordinateDescent {

    private DualCoordinateDescent() {
    }

    /** The outcome of one binary or regression problem. */
    record Result(double[] w, double[] dual, int epochs, boolean converged, double violation) {
    }

    /**
     * The rows the classification dual reads: a dot product with {@code w}, an update {@code w += a x_i} and
     * the squared norms. Dense rows ({@code double[][]}) and CSR rows (only stored entries are visited; the
     * products skip exact zeros, so the arithmetic on the non-zeros is the same) implement it.
     */
    interface Rows {
        int count();

        int dim();

        double dot(double[] w, int i);

        void axpy(double a, int i, double[] w);

        double squaredNorm(int i);
    }

    /** Dense row-major rows. */
    static Rows dense(double[][] rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        return new Rows() {
            @Override
            public int count() {
                return rows.length;
            }

            @Override
            public int dim() {
                return d;
            }

            @Override
            public double dot(double[] w, int i) {
                return CoordinateDescent.dot(rows[i], w);
            }

            @Override
            public void axpy(double a, int i, double[] w) {
                DualCoordinateDescent.axpy(a, rows[i], w);
            }

            @Override
            public double squaredNorm(int i) {
                double s = 0;
                for (double v : rows[i]) {
                    s += v * v;
                }
                return s;
            }
        };
    }

    /**
     * CSR rows ({@code n x p}) with, when {@code bias}, one more feature {@code p} equal to {@code scaling}
     * in every row (LIBLINEAR's bias feature), without copying the matrix.
     */
    static Rows sparse(dev.derive.linalg.SparseMatrix x, boolean bias, double scaling) {
        int[] ptr = x.rowPointers();
        int[] col = x.columnIndices();
        double[] val = x.values();
        int p = x.cols();
        int n = x.rows();
        return new Rows() {
            @Override
            public int count() {
                return n;
            }

            @Override
            public int dim() {
                return p + (bias ? 1 : 0);
            }

            @Override
            public double dot(double[] w, int i) {
                double s = 0;
                for (int e = ptr[i]; e < ptr[i + 1]; e++) {
                    s += w[col[e]] * val[e];
                }
                return bias ? s + w[p] * scaling : s;
            }

            @Override
            public void axpy(double a, int i, double[] w) {
                for (int e = ptr[i]; e < ptr[i + 1]; e++) {
                    w[col[e]] += a * val[e];
                }
                if (bias) {
                    w[p] += a * scaling;
                }
            }

            @Override
            public double squaredNorm(int i) {
                double s = 0;
                for (int e = ptr[i]; e < ptr[i + 1]; e++) {
                    s += val[e] * val[e];
                }
                return bias ? s + scaling * scaling : s;
            }
        };
    }

    /** Rows of {@code x} (row-major, {@code n x d}) with squared norms. */
    static double[] squaredNorms(double[][] rows) {
        double[] q = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double s = 0;
            for (double v : rows[i]) {
                s += v * v;
            }
            q[i] = s;
        }
        return q;
    }

    private static void axpy(double a, double[] x, double[] w) {
        for (int j = 0; j < x.length; j++) {
            w[j] += a * x[j];
        }
    }

    private static void shuffle(int[] idx, int len, SplittableRandom rnd) {
        for (int i = len - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
    }

    /**
     * Solves the classification dual.
     *
     * @param rows    the rows (with the bias feature appended when fitting an intercept)
     * @param y       labels, +1 or -1
     * @param c       per-row {@code C_i >= 0}
     * @param squared squared hinge (else hinge)
     */
    static Result classify(double[][] rows, double[] y, double[] c, boolean squared, double tol, int maxIter,
                           boolean shrinking, long seed) {
        return classify(dense(rows), y, c, squared, tol, maxIter, shrinking, seed);
    }

    /** Solves the classification dual on any {@link Rows} (dense or CSR). */
    static Result classify(Rows rows, double[] y, double[] c, boolean squared, double tol, int maxIter,
                           boolean shrinking, long seed) {
        int n = rows.count();
        int d = rows.dim();
        double[] w = new double[d];
        double[] a = new double[n];
        double[] upper = new double[n];
        double[] diag = new double[n];
        double[] qd = new double[n];
        for (int i = 0; i < n; i++) {
            qd[i] = rows.squaredNorm(i);
        }
        for (int i = 0; i < n; i++) {
            upper[i] = squared ? Double.POSITIVE_INFINITY : c[i];
            diag[i] = squared ? (c[i] > 0 ? 0.5 / c[i] : Double.POSITIVE_INFINITY) : 0;
            qd[i] += diag[i];
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int active = n;
        double pgMaxOld = Double.POSITIVE_INFINITY;
        double pgMinOld = Double.NEGATIVE_INFINITY;
        int epoch = 0;
        boolean converged = false;
        double spread = Double.POSITIVE_INFINITY;
        while (epoch < maxIter) {
            epoch++;
            shuffle(index, active, rnd);
            double pgMax = Double.NEGATIVE_INFINITY;
            double pgMin = Double.POSITIVE_INFINITY;
            for (int s = 0; s < active; s++) {
                int i = index[s];
                if (c[i] == 0) {
                    continue; // a row with zero weight has a_i = 0 fixed (U_i = 0); it never enters the dual
                }
                double g = y[i] * rows.dot(w, i) - 1 + (squared ? diag[i] * a[i] : 0);
                double pg = 0;
                if (a[i] == 0) {
                    if (shrinking && g > pgMaxOld) {
                        index[s--] = index[--active];
                        index[active] = i;
                        continue;
                    }
                    if (g < 0) {
                        pg = g;
                    }
                } else if (a[i] == upper[i]) {
                    if (shrinking && g < pgMinOld) {
                        index[s--] = index[--active];
                        index[active] = i;
                        continue;
                    }
                    if (g > 0) {
                        pg = g;
                    }
                } else {
                    pg = g;
                }
                pgMax = Math.max(pgMax, pg);
                pgMin = Math.min(pgMin, pg);
                if (pg != 0 && qd[i] > 0) {
                    double old = a[i];
                    a[i] = Math.min(Math.max(old - g / qd[i], 0), upper[i]);
                    rows.axpy((a[i] - old) * y[i], i, w);
                }
            }
            if (active == 0) {
                pgMax = 0;
                pgMin = 0;
            }
            spread = pgMax - pgMin;
            if (spread <= tol) {
                if (active == n || !shrinking) {
                    converged = true;
                    break;
                }
                // the shrunk problem is solved: look at every coordinate again before stopping
                active = n;
                pgMaxOld = Double.POSITIVE_INFINITY;
                pgMinOld = Double.NEGATIVE_INFINITY;
                continue;
            }
            pgMaxOld = pgMax <= 0 ? Double.POSITIVE_INFINITY : pgMax;
            pgMinOld = pgMin >= 0 ? Double.NEGATIVE_INFINITY : pgMin;
        }
        return new Result(w, a, epoch, converged, spread);
    }

    /** The violation of the one-variable optimality conditions of the regression dual at {@code b}. */
    private static double svrViolation(double b, double g, double eps, double upper) {
        double gp = g + eps;
        double gn = g - eps;
        if (b == 0) {
            return gp < 0 ? -gp : (gn > 0 ? gn : 0);
        }
        if (b > 0) {
            return b >= upper && gp < 0 ? 0 : Math.abs(gp);
        }
        return b <= -upper && gn > 0 ? 0 : Math.abs(gn);
    }

    /**
     * Solves the regression dual.
     *
     * @param rows    the rows (with the bias feature appended when fitting an intercept)
     * @param y       targets
     * @param c       per-row {@code C_i >= 0}
     * @param squared squared epsilon-insensitive loss (else epsilon-insensitive)
     */
    static Result regress(double[][] rows, double[] y, double[] c, double eps, boolean squared, double tol, int maxIter,
                          long seed) {
        return regress(dense(rows), y, c, eps, squared, tol, maxIter, seed);
    }

    /**
     * Solves the regression dual on any {@link Rows} (dense, or CSR where only the stored entries are visited: the same
     * coordinate order for a seed and the same arithmetic on the nonzeros, so the dense answer up to rounding).
     */
    static Result regress(Rows rows, double[] y, double[] c, double eps, boolean squared, double tol, int maxIter, long seed) {
        int n = rows.count();
        int d = rows.dim();
        double[] w = new double[d];
        double[] b = new double[n];
        double[] upper = new double[n];
        double[] lambda = new double[n];
        double[] qd = new double[n];
        for (int i = 0; i < n; i++) {
            qd[i] = rows.squaredNorm(i);
        }
        for (int i = 0; i < n; i++) {
            upper[i] = squared ? Double.POSITIVE_INFINITY : c[i];
            lambda[i] = squared ? (c[i] > 0 ? 0.5 / c[i] : Double.POSITIVE_INFINITY) : 0;
        }
        double initial = 0;
        for (int i = 0; i < n; i++) {
            if (c[i] > 0) {
                initial += svrViolation(0, -y[i], eps, upper[i]);
            }
        }
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int epoch = 0;
        boolean converged = initial == 0;
        double violation = initial;
        while (!converged && epoch < maxIter) {
            epoch++;
            shuffle(index, n, rnd);
            violation = 0;
            for (int s = 0; s < n; s++) {
                int i = index[s];
                if (c[i] == 0) {
                    continue;
                }
                double h = qd[i] + lambda[i];
                double g = rows.dot(w, i) - y[i] + lambda[i] * b[i];
                violation += svrViolation(b[i], g, eps, upper[i]);
                if (!(h > 0)) {
                    continue;
                }
                double gp = g + eps;
                double gn = g - eps;
                double z;
                if (gp < h * b[i]) {
                    z = b[i] - gp / h;
                } else if (gn > h * b[i]) {
                    z = b[i] - gn / h;
                } else {
                    z = 0;
                }
                z = Math.min(Math.max(z, -upper[i]), upper[i]);
                if (z != b[i]) {
                    rows.axpy(z - b[i], i, w);
                    b[i] = z;
                }
            }
            if (violation <= tol * initial) {
                converged = true;
            }
        }
        return new Result(w, b, epoch, converged, initial == 0 ? 0 : violation / initial);
    }
}
