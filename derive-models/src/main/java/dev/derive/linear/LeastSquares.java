package dev.derive.linear;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.NotPositiveDefiniteException;
import dev.derive.linalg.QR;
import dev.derive.linalg.SVD;
import dev.derive.linalg.Tikhonov;
import java.util.ArrayList;
import java.util.List;

/**
 * The numerical core of ordinary least squares and ridge regression, shared by {@link LinearRegression}
 * and {@link Ridge}: minimise {@code sum_i w_i (y_i - b - x_i' beta)^2 + alpha ||beta||^2} (the intercept
 * {@code b} is not penalised).
 *
 * <p>With an intercept the problem is solved on weighted-centred data: with {@code xbar = sum w_i x_i /
 * sum w_i} and {@code ybar} likewise, {@code beta} solves the problem for {@code sqrt(w_i)(x_i - xbar)}
 * and {@code sqrt(w_i)(y_i - ybar)} with no intercept, and {@code b = ybar - xbar' beta}. This is the
 * same reduction scikit-learn's {@code LinearRegression} and {@code Ridge} make.
 *
 * <p>Solvers for least squares: Householder QR with column pivoting (default; a rank-deficient design
 * falls back to the SVD's minimum-norm solution, which is what scikit-learn returns), the SVD, or the
 * normal equations by Cholesky (fast, squares the condition number). For ridge: Cholesky of
 * {@code X'X + alpha I} (or of the dual {@code X X' + alpha I} when there are more features than rows),
 * or the SVD with filter factors {@code s^2 / (s^2 + alpha)} ({@link Tikhonov}).
 */
final class LeastSquares {

    private LeastSquares() {
    }

    /**
     * A solution: coefficients, intercept, the solver that produced it, the numerical rank, warnings, and for the
     * iterative solvers the iteration count and whether the tolerance was met (0 and true for direct solvers).
     */
    record Fit(double[] coef, double intercept, String solver, int rank, List<String> warnings, int iterations, boolean converged) {
        Fit(double[] coef, double intercept, String solver, int rank, List<String> warnings) {
            this(coef, intercept, solver, rank, warnings, 0, true);
        }
    }

    /** The weighted-centred design, its targets, and the means that recover the intercept. */
    record Centered(Matrix x, double[] y, double[] xMean, double yMean) {
    }

    static Centered center(Matrix x, double[] y, double[] w, boolean intercept) {
        int n = x.rows();
        int p = x.cols();
        double[] xMean = new double[p];
        double yMean = 0;
        if (intercept) {
            double sw = 0;
            for (int i = 0; i < n; i++) {
                double wi = w == null ? 1 : w[i];
                sw += wi;
                yMean += wi * y[i];
            }
            yMean /= sw;
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (w == null ? 1 : w[i]) * x.get(i, j);
                }
                xMean[j] = s / sw;
            }
        }
        double[] sqrtW = new double[n];
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            sqrtW[i] = w == null ? 1 : Math.sqrt(w[i]);
            yc[i] = sqrtW[i] * (y[i] - yMean);
        }
        Matrix xc = x.subRowVector(xMean);
        if (w != null) {
            xc = xc.mulColumnVector(sqrtW);
        }
        return new Centered(xc, yc, xMean, yMean);
    }

    static double intercept(Centered c, double[] beta) {
        double b = c.yMean();
        for (int j = 0; j < beta.length; j++) {
            b -= c.xMean()[j] * beta[j];
        }
        return b;
    }

    /**
     * Ordinary (weighted) least squares.
     *
     * @param solver "auto" or "qr" (pivoted QR, minimum-norm SVD fallback when rank-deficient), "svd",
     *               "normal" (Cholesky of the normal equations)
     */
    static Fit ols(Matrix x, double[] y, double[] w, boolean intercept, String solver) {
        Centered c = center(x, y, w, intercept);
        int p = x.cols();
        List<String> warnings = new ArrayList<>();
        switch (solver) {
            case "auto", "qr" -> {
                QR qr = fullRankQr(c.x());
                if (qr != null) {
                    double[] beta = qr.solve(c.y());
                    return new Fit(beta, intercept(c, beta), "qr", p, warnings);
                }
                return minimumNorm(c, warnings);
            }
            case "svd" -> {
                return minimumNorm(c, warnings);
            }
            case "normal" -> {
                double[] beta = normalFactor(c.x()).solve(c.x().tmvmul(c.y()));
                return new Fit(beta, intercept(c, beta), "normal", p, warnings);
            }
            default -> throw new IllegalArgumentException("unknown least-squares solver '" + solver + "'");
        }
    }

    /** The pivoted QR of the centred design {@code xc} if it has full column rank ({@code n >= p}), else null. */
    private static QR fullRankQr(Matrix xc) {
        if (xc.rows() >= xc.cols()) {
            QR qr = QR.pivoted(xc);
            if (qr.rank() == xc.cols()) {
                return qr;
            }
        }
        return null;
    }

    /** The Cholesky factor of the normal equations {@code X'X} of {@code xc}; singular: an {@link IllegalArgumentException}. */
    private static Cholesky normalFactor(Matrix xc) {
        try {
            return Cholesky.of(xc.gram());
        } catch (NotPositiveDefiniteException e) {
            throw new IllegalArgumentException("solver=normal: X'X is singular (collinear or constant columns);"
                    + " use solver=qr or solver=svd", e);
        }
    }

    /** Adds the minimum-norm warning to {@code warnings} when {@code rank < p}. */
    private static void warnIfRankDeficient(int rank, int p, List<String> warnings) {
        if (rank < p) {
            warnings.add("the design matrix has rank " + rank + " < " + p
                    + " features (collinear or constant columns): returned the minimum-norm solution");
        }
    }

    /** The minimum-norm least-squares solution by SVD, with a warning when the design is rank-deficient. */
    private static Fit minimumNorm(Centered c, List<String> warnings) {
        int p = c.x().cols();
        SVD svd = SVD.of(c.x());
        int rank = svd.rank();
        warnIfRankDeficient(rank, p, warnings);
        double[] beta = svd.solve(c.y());
        return new Fit(beta, intercept(c, beta), "svd", rank, warnings);
    }

    /**
     * Ridge regression with penalty {@code alpha >= 0}.
     *
     * @param solver "auto" or "cholesky" (primal {@code X'X + alpha I} when rows >= features, dual
     *               {@code X X' + alpha I} otherwise), or "svd"
     */
    static Fit ridge(Matrix x, double[] y, double[] w, boolean intercept, double alpha, String solver) {
        return ridge(x, y, w, intercept, alpha, solver, 1e-4, null);
    }

    /**
     * Ridge regression with penalty {@code alpha >= 0}, with the iterative solvers too.
     *
     * @param solver  as {@link #ridge(Matrix, double[], double[], boolean, double, String)}, or "cg" (conjugate
     *                gradients on {@code (X'X + alpha I) beta = X'y}, matrix-free: each step costs one product with
     *                {@code X} and one with {@code X'}; stops when {@code ||X'y - (X'X + alpha I) beta|| <= tol ||X'y||}),
     *                or "lbfgs" (L-BFGS on {@code ||X beta - y||^2/2 + alpha ||beta||^2/2}, stopping when the gradient
     *                norm is at most {@code tol ||X'y||})
     * @param maxIter the iteration budget of the iterative solvers; null: {@code max(10 p, 100)} for cg, 15000 for lbfgs
     */
    static Fit ridge(Matrix x, double[] y, double[] w, boolean intercept, double alpha, String solver, double tol, Integer maxIter) {
        if (solver.equals("cg") || solver.equals("lbfgs")) {
            Centered c = center(x, y, w, intercept);
            return solver.equals("cg") ? ridgeCg(c, alpha, tol, maxIter) : ridgeLbfgs(c, alpha, tol, maxIter);
        }
        Centered c = center(x, y, w, intercept);
        int n = c.x().rows();
        int p = x.cols();
        List<String> warnings = new ArrayList<>();
        switch (solver) {
            case "auto", "cholesky" -> {
                Cholesky ch = ridgeFactor(c.x(), alpha, solver, warnings);
                if (ch != null) {
                    // primal (X'X + alpha I)^-1 X'y, or dual X' (X X' + alpha I)^-1 y
                    double[] beta = n >= p ? ch.solve(c.x().tmvmul(c.y())) : c.x().tmvmul(ch.solve(c.y()));
                    return new Fit(beta, intercept(c, beta), "cholesky", p, warnings);
                }
                double[] beta = Tikhonov.of(c.x()).solve(c.y(), alpha);
                return new Fit(beta, intercept(c, beta), "svd", SVD.values(c.x()).length, warnings);
            }
            case "svd" -> {
                Tikhonov t = Tikhonov.of(c.x());
                double[] beta = t.solve(c.y(), alpha);
                return new Fit(beta, intercept(c, beta), "svd", t.svd().rank(), warnings);
            }
            default -> throw new IllegalArgumentException("unknown ridge solver '" + solver + "'");
        }
    }

    /**
     * The Cholesky factor of the ridge system of the centred design {@code xc} ({@code n x p}): the primal
     * {@code X'X + alpha I} when {@code n >= p}, else the dual {@code X X' + alpha I}. When it is singular: for
     * {@code solver = cholesky} an {@link IllegalArgumentException}, otherwise ({@code auto}) a warning in
     * {@code warnings} and {@code null} (the caller falls back to the SVD).
     */
    private static Cholesky ridgeFactor(Matrix xc, double alpha, String solver, List<String> warnings) {
        Matrix a = xc.rows() >= xc.cols() ? xc.gram() : xc.mmult(xc);
        for (int i = 0; i < a.rows(); i++) {
            a.add(i, i, alpha);
        }
        try {
            return Cholesky.of(a);
        } catch (NotPositiveDefiniteException e) {
            if (solver.equals("cholesky")) {
                throw new IllegalArgumentException("solver=cholesky: X'X + alpha I is singular (alpha = " + alpha
                        + " with collinear or constant columns); use alpha > 0 or solver=svd", e);
            }
            warnings.add("X'X + alpha I is singular (alpha = " + alpha + "): solved by SVD instead of Cholesky");
            return null;
        }
    }

    /** {@code (X'X + alpha I) v} without forming {@code X'X}. */
    private static double[] normalOperator(Matrix xc, double alpha, double[] v) {
        double[] out = xc.tmvmul(xc.mvmul(v));
        for (int j = 0; j < v.length; j++) {
            out[j] += alpha * v[j];
        }
        return out;
    }

    /** Conjugate gradients (Hestenes &amp; Stiefel 1952) on the normal equations of the centred problem, from 0. */
    private static Fit ridgeCg(Centered c, double alpha, double tol, Integer maxIter) {
        Matrix xc = c.x();
        int p = xc.cols();
        int budget = maxIter == null ? Math.max(10 * p, 100) : maxIter;
        double[] b = xc.tmvmul(c.y());
        List<String> warnings = new ArrayList<>();
        ConjugateGradient.Result cg = ConjugateGradient.solve(d -> normalOperator(xc, alpha, d), b, tol, budget, alpha, warnings);
        double[] beta = cg.x();
        int it = cg.iterations();
        boolean converged = cg.converged();
        if (!converged && warnings.isEmpty()) {
            warnings.add(String.format(java.util.Locale.ROOT, "cg did not converge in %d iterations: residual %.3g > tol * ||X'y|| = %.3g;"
                    + " increase max_iter or use solver=cholesky", it, cg.residual(), cg.target()));
        }
        return new Fit(beta, intercept(c, beta), "cg", p, warnings, it, converged);
    }

    /** L-BFGS on {@code ||X beta - y||^2/2 + alpha ||beta||^2/2} (centred data), from 0. */
    private static Fit ridgeLbfgs(Centered c, double alpha, double tol, Integer maxIter) {
        Matrix xc = c.x();
        int p = xc.cols();
        double[] yc = c.y();
        double[] b = xc.tmvmul(yc);
        int budget = maxIter == null ? 15_000 : maxIter;
        dev.derive.optim.SmoothObjective f = new dev.derive.optim.SmoothObjective() {
            @Override
            public int dimension() {
                return p;
            }

            @Override
            public double value(double[] beta) {
                return valueAndGradient(beta, new double[p]);
            }

            @Override
            public double valueAndGradient(double[] beta, double[] g) {
                double[] r = xc.mvmul(beta);
                double v = 0;
                for (int i = 0; i < r.length; i++) {
                    r[i] -= yc[i];
                    v += r[i] * r[i];
                }
                double[] xtr = xc.tmvmul(r);
                double pen = 0;
                for (int j = 0; j < p; j++) {
                    g[j] = xtr[j] + alpha * beta[j];
                    pen += beta[j] * beta[j];
                }
                return 0.5 * v + 0.5 * alpha * pen;
            }
        };
        dev.derive.optim.StopCriteria stop = dev.derive.optim.StopCriteria.DEFAULT.withMaxIterations(budget)
                .withMaxEvaluations(Math.max(100_000, 20 * budget + 1)).withGradientTolerance(tol * Math.sqrt(CoordinateDescent.dot(b, b)));
        dev.derive.optim.OptimResult r = dev.derive.optim.LBFGS.defaults().withStop(stop).minimize(f, new double[p], null);
        List<String> warnings = new ArrayList<>();
        if (!r.converged()) {
            warnings.add(String.format(java.util.Locale.ROOT, "lbfgs did not converge: %s after %d iterations, gradient norm %.3g > tol * ||X'y|| = %.3g",
                    r.stopReason(), r.iterations(), r.gradientNorm(), stop.gradientTolerance()));
        }
        double[] beta = r.solution();
        return new Fit(beta, intercept(c, beta), "lbfgs", p, warnings, r.iterations(), r.converged());
    }

    // ------------------------------------------------------------------ several targets at once

    /**
     * A solution for {@code k} targets: coefficients {@code p x k} (column {@code t} for target {@code t}), the
     * intercepts, the solver, the numerical rank and warnings.
     */
    record MultiFit(Matrix coef, double[] intercepts, String solver, int rank, List<String> warnings) {
    }

    /** The weighted-centred design and targets ({@code sqrt(w_i)(x_i - xbar)}, {@code sqrt(w_i)(Y_i - Ybar)}) and the means. */
    record CenteredMulti(Matrix x, Matrix y, double[] xMean, double[] yMean) {
    }

    static CenteredMulti center(Matrix x, Matrix y, double[] w, boolean intercept) {
        int n = x.rows();
        double[] xMean = new double[x.cols()];
        double[] yMean = new double[y.cols()];
        if (intercept) {
            double sw = 0;
            for (int i = 0; i < n; i++) {
                sw += w == null ? 1 : w[i];
            }
            xMean = weightedMeans(x, w, sw);
            yMean = weightedMeans(y, w, sw);
        }
        Matrix xc = x.subRowVector(xMean);
        Matrix yc = y.subRowVector(yMean);
        if (w != null) {
            double[] sqrtW = new double[n];
            for (int i = 0; i < n; i++) {
                sqrtW[i] = Math.sqrt(w[i]);
            }
            xc = xc.mulColumnVector(sqrtW);
            yc = yc.mulColumnVector(sqrtW);
        }
        return new CenteredMulti(xc, yc, xMean, yMean);
    }

    private static double[] weightedMeans(Matrix a, double[] w, double sw) {
        double[] m = new double[a.cols()];
        for (int j = 0; j < a.cols(); j++) {
            double s = 0;
            for (int i = 0; i < a.rows(); i++) {
                s += (w == null ? 1 : w[i]) * a.get(i, j);
            }
            m[j] = s / sw;
        }
        return m;
    }

    /** {@code b_t = ybar_t - xbar' beta_t} for every target. */
    private static double[] intercepts(CenteredMulti c, Matrix beta) {
        double[] b = c.yMean().clone();
        for (int t = 0; t < b.length; t++) {
            for (int j = 0; j < beta.rows(); j++) {
                b[t] -= c.xMean()[j] * beta.get(j, t);
            }
        }
        return b;
    }

    /**
     * Ordinary least squares for every column of {@code y} from one factorisation of the centred design (the
     * solvers of {@link #ols}).
     */
    static MultiFit ols(Matrix x, Matrix y, double[] w, boolean intercept, String solver) {
        CenteredMulti c = center(x, y, w, intercept);
        int p = x.cols();
        List<String> warnings = new ArrayList<>();
        switch (solver) {
            case "auto", "qr" -> {
                QR qr = fullRankQr(c.x());
                if (qr != null) {
                    Matrix beta = qr.solve(c.y());
                    return new MultiFit(beta, intercepts(c, beta), "qr", p, warnings);
                }
                return minimumNorm(c, warnings);
            }
            case "svd" -> {
                return minimumNorm(c, warnings);
            }
            case "normal" -> {
                Matrix beta = normalFactor(c.x()).solve(c.x().tmmul(c.y()));
                return new MultiFit(beta, intercepts(c, beta), "normal", p, warnings);
            }
            default -> throw new IllegalArgumentException("unknown least-squares solver '" + solver + "'");
        }
    }

    private static MultiFit minimumNorm(CenteredMulti c, List<String> warnings) {
        int p = c.x().cols();
        SVD svd = SVD.of(c.x());
        int rank = svd.rank();
        warnIfRankDeficient(rank, p, warnings);
        Matrix beta = svd.solve(c.y());
        return new MultiFit(beta, intercepts(c, beta), "svd", rank, warnings);
    }

    /**
     * Ridge regression with penalty {@code alpha >= 0} for every column of {@code y}: one Cholesky factor of
     * {@code X'X + alpha I} (or of the dual {@code X X' + alpha I}) or one SVD serves all targets; the iterative
     * solvers ({@code cg}, {@code lbfgs}) run once per target.
     */
    static MultiFit ridge(Matrix x, Matrix y, double[] w, boolean intercept, double alpha, String solver, double tol, Integer maxIter) {
        double[] alphas = new double[y.cols()];
        java.util.Arrays.fill(alphas, alpha);
        return ridge(x, y, w, intercept, alphas, solver, tol, maxIter);
    }

    /**
     * Ridge regression with one penalty per target: column {@code t} of {@code y} gets {@code alphas[t] >= 0}, as
     * scikit-learn's {@code Ridge(alpha=array)}. One centring for all targets; {@code svd}: one SVD, filter factors
     * {@code s^2/(s^2 + alpha_t)} per column; {@code auto}/{@code cholesky}: one Cholesky factor per distinct alpha,
     * solving all the columns that share it (so equal alphas cost one factorisation, as
     * {@link #ridge(Matrix, Matrix, double[], boolean, double, String, double, Integer)}); the iterative solvers once per
     * target.
     */
    static MultiFit ridge(Matrix x, Matrix y, double[] w, boolean intercept, double[] alphas, String solver, double tol,
                          Integer maxIter) {
        int k = y.cols();
        if (alphas.length != k) {
            throw new IllegalArgumentException("ridge: " + alphas.length + " alphas for " + k + " targets (one alpha per target)");
        }
        for (int t = 0; t < k; t++) {
            if (!(alphas[t] >= 0) || Double.isInfinite(alphas[t])) {
                throw new IllegalArgumentException("ridge: alpha of target " + t + " is " + alphas[t] + "; must be finite and >= 0");
            }
        }
        if (solver.equals("cg") || solver.equals("lbfgs")) {
            Matrix beta = Matrix.zeros(x.cols(), k);
            double[] b0 = new double[k];
            List<String> warnings = new ArrayList<>();
            int rank = x.cols();
            for (int t = 0; t < k; t++) {
                Fit f = ridge(x, y.columnArray(t), w, intercept, alphas[t], solver, tol, maxIter);
                for (int j = 0; j < x.cols(); j++) {
                    beta.set(j, t, f.coef()[j]);
                }
                b0[t] = f.intercept();
                rank = f.rank();
                for (String m : f.warnings()) {
                    warnings.add("target " + t + ": " + m);
                }
                if (!f.converged()) {
                    warnings.add("target " + t + ": " + solver + " did not reach tol in " + f.iterations() + " iterations");
                }
            }
            return new MultiFit(beta, b0, solver, rank, warnings);
        }
        CenteredMulti c = center(x, y, w, intercept);
        int n = c.x().rows();
        int p = x.cols();
        List<String> warnings = new ArrayList<>();
        switch (solver) {
            case "auto", "cholesky" -> {
                Matrix beta = Matrix.zeros(p, k);
                boolean[] done = new boolean[k];
                Matrix xty = n >= p ? c.x().tmmul(c.y()) : null;
                for (int t = 0; t < k; t++) {
                    if (done[t]) {
                        continue;
                    }
                    // the targets sharing alphas[t]
                    List<Integer> group = new ArrayList<>();
                    for (int u = t; u < k; u++) {
                        if (!done[u] && alphas[u] == alphas[t]) {
                            group.add(u);
                            done[u] = true;
                        }
                    }
                    Cholesky ch = ridgeFactor(c.x(), alphas[t], solver, warnings);
                    if (ch == null) {
                        return ridgeSvd(c, alphas, warnings);
                    }
                    Matrix rhs = Matrix.zeros(n >= p ? p : n, group.size());
                    for (int g = 0; g < group.size(); g++) {
                        for (int i = 0; i < rhs.rows(); i++) {
                            rhs.set(i, g, n >= p ? xty.get(i, group.get(g)) : c.y().get(i, group.get(g)));
                        }
                    }
                    Matrix sol = n >= p ? ch.solve(rhs) : c.x().tmmul(ch.solve(rhs));
                    for (int g = 0; g < group.size(); g++) {
                        for (int j = 0; j < p; j++) {
                            beta.set(j, group.get(g), sol.get(j, g));
                        }
                    }
                }
                return new MultiFit(beta, intercepts(c, beta), "cholesky", p, warnings);
            }
            case "svd" -> {
                return ridgeSvd(c, alphas, warnings);
            }
            default -> throw new IllegalArgumentException("unknown ridge solver '" + solver + "'");
        }
    }

    /** Ridge for every target from one SVD of the centred design, with target {@code t}'s filter factors {@code s^2/(s^2 + alphas[t])}. */
    private static MultiFit ridgeSvd(CenteredMulti c, double[] alphas, List<String> warnings) {
        Tikhonov tk = Tikhonov.of(c.x());
        int k = alphas.length;
        boolean same = true;
        for (double a : alphas) {
            same &= a == alphas[0];
        }
        Matrix beta;
        if (same) {
            beta = tk.solve(c.y(), alphas[0]);
        } else {
            beta = Matrix.zeros(c.x().cols(), k);
            for (int t = 0; t < k; t++) {
                double[] b = tk.solve(c.y().columnArray(t), alphas[t]);
                for (int j = 0; j < b.length; j++) {
                    beta.set(j, t, b[j]);
                }
            }
        }
        return new MultiFit(beta, intercepts(c, beta), "svd", tk.svd().rank(), warnings);
    }
}
