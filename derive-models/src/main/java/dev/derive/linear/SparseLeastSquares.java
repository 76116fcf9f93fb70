package dev.derive.linear;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.NotPositiveDefiniteException;
import dev.derive.linalg.SparseMatrix;
import dev.derive.linalg.SymmetricEigen;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ordinary (weighted) least squares, {@code min sum_i w_i (y_i - b - x_i'beta)^2}, on a sparse design
 * ({@link SparseMatrix}, CSR) without densifying {@code X} or forming {@code X - 1 m'}.
 *
 * <p>With an intercept the problem is the centred one ({@link LeastSquares}): with {@code W = sum w_i}, the weighted
 * means {@code m = X'w / W} and {@code ybar}, {@code beta} solves the normal equations
 * {@code G beta = c}, {@code G = X~'W X~ = X'WX - W m m'} and {@code c = X~'W(y - ybar) = X'(w o (y - ybar))}
 * (the term {@code m sum w (y - ybar)} vanishes), and {@code b = ybar - m'beta}. Two ways to solve them:
 *
 * <ul>
 *   <li><b>Gram</b> ({@code p <= }{@value #GRAM_LIMIT} features with solver {@code auto}; with solver {@code normal} up to
 *       8192 features, a 512 MB matrix ({@link #DENSE_LIMIT}), and a clear error beyond): {@code X'WX} is
 *       accumulated row by row from the stored entries ({@code O(sum_i nnz_i^2)} work, {@code p^2} memory), the rank-one
 *       centring subtracted, and {@code G} factored by Cholesky. When Cholesky fails or a pivot is below
 *       {@code max(n, p) eps max_j G_jj} ({@code G} numerically singular: collinear, constant or empty columns) the
 *       {@code auto} solver takes the eigendecomposition {@code G = V diag(lambda) V'} and returns the minimum-norm
 *       solution {@code sum_{lambda_k > tau} v_k v_k'c / lambda_k}, {@code tau = max(n, p) eps lambda_max}, as the dense
 *       solver's SVD fallback does, with the rank in a warning; {@code normal} refuses a singular {@code G} as the dense
 *       {@code normal} solver does. Forming {@code G} squares the condition number of {@code X~} (as the dense
 *       {@code normal} solver), and subtracting {@code W m m'} loses about {@code log10(m_j^2 / var_j)} digits on a column
 *       whose mean is large against its spread, which sparse columns (mostly zeros) seldom have.</li>
 *   <li><b>LSQR</b> ({@code p >} {@value #GRAM_LIMIT} with solver {@code auto}, or solver {@code lsqr}): {@link LsqrFit},
 *       Paige and Saunders' bidiagonalisation method on the implicitly centred, {@code sqrt(w)}-scaled design, from
 *       {@code beta = 0} (the minimum-norm solution on a rank-deficient or wide design),
 *       {@code atol = btol = }{@value LsqrFit#OLS_TOL}; no {@code p x p} matrix, so no feature limit. It works on {@code X~} itself, not on
 *       {@code X~'X~}, so it does not square the condition number as the Gram and CG solvers do.</li>
 *   <li><b>Conjugate gradients</b> on the normal equations (solver {@code cg}):
 *       {@link SparseRidge} with {@code alpha = 0} (products with {@code X~} and {@code X~'} through the implicit
 *       centring, {@code 2 nnz} per iteration), from {@code beta = 0}, stopped when
 *       {@code ||c - G beta|| <= }{@value #CG_TOL}{@code ||c||} or after {@code max(10 p, 100)} iterations. Started at 0, the
 *       iterates stay in the row space of {@code X~}, so on a rank-deficient design CG tends to the minimum-norm
 *       solution as well. No inverse of {@code G} is formed, so no standard errors ({@link OlsSummary} says so).</li>
 * </ul>
 */
final class SparseLeastSquares {

    /**
     * The largest feature count for which solver {@code auto} forms the {@code p x p} Gram matrix (a speed choice:
     * above it conjugate gradients are cheaper); solver {@code normal} forms it up to {@link #DENSE_LIMIT}.
     */
    static final int GRAM_LIMIT = 2000;

    /** The memory budget of one dense {@code m x m} matrix formed from a sparse design: 512 MB. */
    static final long DENSE_BUDGET_BYTES = 512L << 20;

    /**
     * The largest order {@code m} of a dense {@code m x m} matrix formed from a sparse design (Gram matrix, OLS summary,
     * quantile-regression Newton matrix): {@code 8 m^2 <= }{@link #DENSE_BUDGET_BYTES}, so {@code m <= 8192}
     * ({@code p <= 8191} features with an intercept, 8192 without).
     */
    static final int DENSE_LIMIT = (int) Math.sqrt(DENSE_BUDGET_BYTES / 8.0);

    /**
     * Checks, before anything is allocated, that {@code what} (a dense {@code m x m} matrix built from a sparse design
     * with {@code p} features, of which {@code matrices} live at once) is within {@link #DENSE_LIMIT} and within half the
     * maximum heap.
     *
     * @throws IllegalArgumentException naming the limit, the feature count and the memory needed
     */
    static void checkDense(String who, String what, int p, int m, int matrices) {
        checkDense(who, what, p, m, matrices, null);
    }

    /**
     * {@link #checkDense(String, String, int, int, int)} whose error beyond {@link #DENSE_LIMIT} also names
     * {@code alternative} (what to do instead; null: nothing).
     */
    static void checkDense(String who, String what, int p, int m, int matrices, String alternative) {
        long mb = 8L * m * m >> 20;
        if (m > DENSE_LIMIT) {
            throw new IllegalArgumentException(who + ": " + what + " is a dense " + m + " x " + m + " matrix (" + mb
                    + " MB); on sparse data it is formed up to " + DENSE_LIMIT + " x " + DENSE_LIMIT + " (" + (DENSE_BUDGET_BYTES >> 20)
                    + " MB), that is at most " + (DENSE_LIMIT - (m - p)) + " features here, but the data have " + p
                    + (alternative == null ? "" : "; " + alternative));
        }
        long need = matrices * (8L * m * m);
        long max = Runtime.getRuntime().maxMemory();
        if (need > max / 2) {
            throw new IllegalArgumentException(who + ": " + what + " needs " + matrices + " dense " + m + " x " + m + " matrices ("
                    + (need >> 20) + " MB), more than half the maximum heap (" + (max >> 20) + " MB): raise -Xmx or use fewer than "
                    + p + " features");
        }
    }

    /** The relative normal-equation residual at which conjugate gradients stop. */
    static final double CG_TOL = 1e-10;

    private SparseLeastSquares() {
    }

    /**
     * {@code X'WX} ({@code p x p}, dense) from the stored entries of the CSR {@code x}: row {@code i} adds
     * {@code w_i x_i x_i'} on its nonzeros only. {@code w} null: unit weights. When {@code withIntercept}, the result is
     * the {@code (p + 1) x (p + 1)} cross product of {@code [1, X]} (the column of ones first).
     */
    static Matrix crossProduct(SparseMatrix x, double[] w, boolean withIntercept) {
        int p = x.cols();
        int c = withIntercept ? 1 : 0;
        int m = p + c;
        checkDense("sparse X'WX", "the cross product", p, m, 1);
        double[] g = new double[m * m];
        int[] rp = x.rowPointers();
        int[] ci = x.columnIndices();
        double[] v = x.values();
        for (int i = 0; i < x.rows(); i++) {
            double wi = w == null ? 1 : w[i];
            if (wi == 0) {
                continue;
            }
            if (withIntercept) {
                g[0] += wi;
            }
            for (int a = rp[i]; a < rp[i + 1]; a++) {
                int ja = ci[a] + c;
                double wa = wi * v[a];
                if (withIntercept) {
                    g[ja] += wa; // (ja, 0), lower triangle
                }
                for (int b = a; b < rp[i + 1]; b++) {
                    int jb = ci[b] + c;
                    // columns sorted within a row: jb >= ja, accumulate the lower triangle (jb, ja)
                    g[ja * m + jb] += wa * v[b];
                }
            }
        }
        for (int j = 0; j < m; j++) {
            for (int k = j + 1; k < m; k++) {
                g[k * m + j] = g[j * m + k];
            }
        }
        return Matrix.wrap(m, m, g);
    }

    /** The factored centred normal equations: Cholesky, or (numerically singular) the eigendecomposition. */
    record Normal(Cholesky cholesky, SymmetricEigen eigen, double tau, int rank, double[] means, double weightSum) {
        double[] solve(double[] c) {
            if (cholesky != null) {
                return cholesky.solve(c);
            }
            double[] lam = eigen.values();
            Matrix v = eigen.vectors();
            int p = c.length;
            double[] beta = new double[p];
            for (int k = 0; k < lam.length; k++) {
                if (lam[k] > tau) {
                    double proj = 0;
                    for (int j = 0; j < p; j++) {
                        proj += v.get(j, k) * c[j];
                    }
                    proj /= lam[k];
                    for (int j = 0; j < p; j++) {
                        beta[j] += proj * v.get(j, k);
                    }
                }
            }
            return beta;
        }
    }

    /**
     * Weighted means ({@code 0} without an intercept), the weight sum and checks of {@code w} and the row count of
     * {@code y}.
     */
    private static double[] means(SparseMatrix x, double[] w, boolean intercept, double[] weightSum) {
        double sw = RowWeights.of(w, null, x.rows()).sum();
        weightSum[0] = sw;
        return intercept ? SparseRidge.weightedColumnMeans(x, w, sw) : new double[x.cols()];
    }

    /**
     * Forms and factors {@code G = X'WX - W m m'}. {@code requireFullRank} (solver {@code normal}): a singular {@code G}
     * is an {@link IllegalArgumentException}; otherwise it falls back to the eigendecomposition with a warning.
     */
    static Normal normal(SparseMatrix x, double[] w, boolean intercept, boolean requireFullRank, List<String> warnings) {
        int n = x.rows();
        int p = x.cols();
        // G, the Cholesky factor or (singular G) the eigendecomposition's copy and vectors
        checkDense(LinearRegression.NAME + " (solver normal)", "the Gram matrix X'WX", p, p, 3,
                "solver lsqr (or auto) fits any number of features without forming it");
        double[] sw = new double[1];
        double[] m = means(x, w, intercept, sw);
        Matrix g = centredGram(x, w, intercept, m, sw[0]);
        Cholesky ch = fullRankCholesky(g, Math.max(n, p));
        if (ch != null) {
            return new Normal(ch, null, 0, p, m, sw[0]);
        }
        if (requireFullRank) {
            throw new IllegalArgumentException("solver=normal: X'X (centred, " + p + " x " + p
                    + ") is singular (collinear, constant or all-zero columns); use solver=auto for the minimum-norm solution");
        }
        SymmetricEigen eig = SymmetricEigen.of(g);
        double tau = rankThreshold(eig.values(), Math.max(n, p));
        int rank = 0;
        for (double v : eig.values()) {
            rank += v > tau ? 1 : 0;
        }
        if (rank < p) {
            warnings.add("the design matrix has rank " + rank + " < " + p
                    + " features (collinear, constant or all-zero columns): returned the minimum-norm solution");
        }
        return new Normal(null, eig, tau, rank, m, sw[0]);
    }

    /**
     * The rank of the centred {@code G = X'WX - W m m'} as {@link #normal} decides it ({@code p} when the Cholesky test
     * passes, else the eigenvalues above {@code max(n, p) eps lambda_max}), from the eigenvalues alone (no eigenvectors);
     * on a wide design ({@code p > n}, always singular) from those of the {@code n x n} kernel {@code Xs Xs'}, which has
     * the same nonzero eigenvalues.
     */
    static int rank(SparseMatrix x, double[] w, boolean intercept) {
        int n = x.rows();
        int p = x.cols();
        double[] sw = new double[1];
        double[] m = means(x, w, intercept, sw);
        if (p > n) {
            // G is singular (rank <= n < p): its nonzero eigenvalues are those of the n x n kernel Xs Xs', far cheaper
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = Math.sqrt(w == null ? 1 : w[i]);
            }
            double[] lam = SymmetricEigen.values(SparseRidgeCV.centredKernel(x, s, m));
            double tau = rankThreshold(lam, Math.max(n, p));
            int rank = 0;
            for (double v : lam) {
                rank += v > tau ? 1 : 0;
            }
            return rank;
        }
        checkDense("rank of X'WX", "the Gram matrix X'WX", p, p, 3);
        Matrix g = centredGram(x, w, intercept, m, sw[0]);
        if (fullRankCholesky(g, Math.max(n, p)) != null) {
            return p;
        }
        double[] lam = SymmetricEigen.values(g);
        double tau = rankThreshold(lam, Math.max(n, p));
        int rank = 0;
        for (double v : lam) {
            rank += v > tau ? 1 : 0;
        }
        return rank;
    }

    /** {@code X'WX - W m m'} ({@code p x p}; no centring without an intercept). */
    private static Matrix centredGram(SparseMatrix x, double[] w, boolean intercept, double[] m, double sw) {
        int p = x.cols();
        Matrix g = crossProduct(x, w, false);
        if (intercept) {
            for (int k = 0; k < p; k++) {
                for (int j = 0; j < p; j++) {
                    g.add(j, k, -sw * m[j] * m[k]);
                }
            }
        }
        return g;
    }

    /**
     * The Cholesky factor of {@code g}, or {@code null} when {@code g} is numerically singular: not positive definite, or
     * a pivot {@code L_jj^2} at or below {@code scale eps max_j g_jj}.
     */
    private static Cholesky fullRankCholesky(Matrix g, int scale) {
        int p = g.rows();
        double maxDiag = 0;
        for (int j = 0; j < p; j++) {
            maxDiag = Math.max(maxDiag, g.get(j, j));
        }
        double pivotFloor = scale * Math.ulp(1.0) * maxDiag;
        try {
            Cholesky ch = Cholesky.of(g);
            Matrix l = ch.l();
            double minPivot = Double.POSITIVE_INFINITY;
            for (int j = 0; j < p; j++) {
                minPivot = Math.min(minPivot, l.get(j, j) * l.get(j, j));
            }
            return minPivot > pivotFloor ? ch : null;
        } catch (NotPositiveDefiniteException e) {
            return null;
        }
    }

    /** The eigenvalue threshold of the rank: {@code scale eps lambda_max}. */
    private static double rankThreshold(double[] lam, int scale) {
        double lamMax = 0;
        for (double v : lam) {
            lamMax = Math.max(lamMax, v);
        }
        return scale * Math.ulp(1.0) * lamMax;
    }

    /** {@code X'(w o (y - ybar))}, with {@code ybar} the weighted mean of {@code y} (0 without an intercept). */
    private static double[] rhs(SparseMatrix x, double[] y, double[] w, boolean intercept, double sw, double[] yMean) {
        int n = x.rows();
        double ybar = 0;
        if (intercept) {
            for (int i = 0; i < n; i++) {
                ybar += (w == null ? 1 : w[i]) * y[i];
            }
            ybar /= sw;
        }
        yMean[0] = ybar;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = (w == null ? 1 : w[i]) * (y[i] - ybar);
        }
        return x.tmvmul(r);
    }

    private static void checkTarget(double[] y, int n) {
        if (y.length != n) {
            throw new IllegalArgumentException("y has " + y.length + " entries but X has " + n + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("y[" + i + "] = " + y[i] + " is not finite");
            }
        }
    }

    /** Whether the solver forms the Gram matrix: {@code normal}, or {@code auto} with {@code p <= GRAM_LIMIT}. */
    static boolean usesGram(String solver, int p) {
        return switch (solver) {
            case "normal" -> true;
            case "cg", "lsqr" -> false;
            case "auto" -> p <= GRAM_LIMIT;
            default -> throw new IllegalArgumentException("solver '" + solver + "' is not a sparse least-squares solver (auto, normal, cg, lsqr)");
        };
    }

    /** Whether the solver runs {@link LsqrFit}: {@code lsqr}, or {@code auto} with {@code p > GRAM_LIMIT}. */
    static boolean usesLsqr(String solver, int p) {
        return solver.equals("lsqr") || (solver.equals("auto") && p > GRAM_LIMIT);
    }

    /**
     * OLS of one target on sparse {@code x} by the solver {@code auto}, {@code normal} or {@code cg} (see the class
     * comment). The fit's solver is {@code normal} (Cholesky), {@code eigh} (minimum norm, singular {@code G}) or {@code cg}.
     */
    static LeastSquares.Fit ols(SparseMatrix x, double[] y, double[] w, boolean intercept, String solver) {
        int p = x.cols();
        checkTarget(y, x.rows());
        if (usesLsqr(solver, p)) {
            return LsqrFit.fit(x, y, w, intercept, 0, LsqrFit.OLS_TOL, LsqrFit.olsBudget(p)).fit();
        }
        if (!usesGram(solver, p)) {
            LeastSquares.Fit f = SparseRidge.fit(x, y, w, intercept, 0, CG_TOL, null);
            List<String> warnings = new ArrayList<>();
            for (String s : f.warnings()) {
                warnings.add(s.replace("X'X + alpha I", "X'X").replace(" (alpha = 0.0 with collinear or constant columns)",
                        " (collinear or constant columns)"));
            }
            if (!f.converged() && f.warnings().isEmpty()) {
                warnings.add(String.format(Locale.ROOT, "cg did not converge in %d iterations", f.iterations()));
            }
            return new LeastSquares.Fit(f.coef(), f.intercept(), "cg", -1, warnings, f.iterations(), f.converged());
        }
        List<String> warnings = new ArrayList<>();
        Normal ne = normal(x, w, intercept, solver.equals("normal"), warnings);
        double[] yMean = new double[1];
        double[] beta = ne.solve(rhs(x, y, w, intercept, ne.weightSum(), yMean));
        double b0 = intercept ? yMean[0] - CoordinateDescent.dot(ne.means(), beta) : 0;
        return new LeastSquares.Fit(beta, b0, ne.cholesky() != null ? "normal" : "eigh", ne.rank(), warnings);
    }

    /**
     * OLS of every column of {@code y} ({@code n x k}) on sparse {@code x}: the Gram matrix is formed and factored once
     * for all targets; with conjugate gradients each target is its own solve. Column {@code t} equals
     * {@link #ols(SparseMatrix, double[], double[], boolean, String)} for target {@code t}.
     */
    static LeastSquares.MultiFit ols(SparseMatrix x, Matrix y, double[] w, boolean intercept, String solver) {
        int p = x.cols();
        int k = y.cols();
        Matrix coef = Matrix.zeros(p, k);
        double[] b0 = new double[k];
        List<String> warnings = new ArrayList<>();
        if (usesLsqr(solver, p)) {
            return LsqrFit.multi(dev.derive.linalg.Lsqr.Operator.of(x), y, w, intercept, new double[k], LsqrFit.OLS_TOL, LsqrFit.olsBudget(p)).fit();
        }
        if (!usesGram(solver, p)) {
            for (int t = 0; t < k; t++) {
                LeastSquares.Fit f = ols(x, y.columnArray(t), w, intercept, solver);
                for (int j = 0; j < p; j++) {
                    coef.set(j, t, f.coef()[j]);
                }
                b0[t] = f.intercept();
                for (String s : f.warnings()) {
                    warnings.add("target " + t + ": " + s);
                }
            }
            return new LeastSquares.MultiFit(coef, b0, "cg", -1, warnings);
        }
        Normal ne = normal(x, w, intercept, solver.equals("normal"), warnings);
        for (int t = 0; t < k; t++) {
            double[] yt = y.columnArray(t);
            checkTarget(yt, x.rows());
            double[] yMean = new double[1];
            double[] beta = ne.solve(rhs(x, yt, w, intercept, ne.weightSum(), yMean));
            for (int j = 0; j < p; j++) {
                coef.set(j, t, beta[j]);
            }
            b0[t] = intercept ? yMean[0] - CoordinateDescent.dot(ne.means(), beta) : 0;
        }
        return new LeastSquares.MultiFit(coef, b0, ne.cholesky() != null ? "normal" : "eigh", ne.rank(), warnings);
    }
}
