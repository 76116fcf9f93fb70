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

    /** A solution: coefficients, intercept, the solver that produced it, the numerical rank and warnings. */
    record Fit(double[] coef, double intercept, String solver, int rank, List<String> warnings) {
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
                if (c.x().rows() >= p) {
                    QR qr = QR.pivoted(c.x());
                    int rank = qr.rank();
                    if (rank == p) {
                        double[] beta = qr.solve(c.y());
                        return new Fit(beta, intercept(c, beta), "qr", rank, warnings);
                    }
                }
                return minimumNorm(c, warnings);
            }
            case "svd" -> {
                return minimumNorm(c, warnings);
            }
            case "normal" -> {
                Matrix g = c.x().gram();
                Cholesky ch;
                try {
                    ch = Cholesky.of(g);
                } catch (NotPositiveDefiniteException e) {
                    throw new IllegalArgumentException("solver=normal: X'X is singular (collinear or constant columns);"
                            + " use solver=qr or solver=svd", e);
                }
                double[] beta = ch.solve(c.x().tmvmul(c.y()));
                return new Fit(beta, intercept(c, beta), "normal", p, warnings);
            }
            default -> throw new IllegalArgumentException("unknown least-squares solver '" + solver + "'");
        }
    }

    /** The minimum-norm least-squares solution by SVD, with a warning when the design is rank-deficient. */
    private static Fit minimumNorm(Centered c, List<String> warnings) {
        int p = c.x().cols();
        SVD svd = SVD.of(c.x());
        int rank = svd.rank();
        if (rank < p) {
            warnings.add("the design matrix has rank " + rank + " < " + p
                    + " features (collinear or constant columns): returned the minimum-norm solution");
        }
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
        Centered c = center(x, y, w, intercept);
        int n = c.x().rows();
        int p = x.cols();
        List<String> warnings = new ArrayList<>();
        switch (solver) {
            case "auto", "cholesky" -> {
                try {
                    double[] beta;
                    if (n >= p) {
                        Matrix g = c.x().gram();
                        for (int j = 0; j < p; j++) {
                            g.add(j, j, alpha);
                        }
                        beta = Cholesky.of(g).solve(c.x().tmvmul(c.y()));
                    } else {
                        // dual: beta = X' (X X' + alpha I)^-1 y
                        Matrix k = c.x().mmult(c.x());
                        for (int i = 0; i < n; i++) {
                            k.add(i, i, alpha);
                        }
                        beta = c.x().tmvmul(Cholesky.of(k).solve(c.y()));
                    }
                    return new Fit(beta, intercept(c, beta), "cholesky", p, warnings);
                } catch (NotPositiveDefiniteException e) {
                    if (solver.equals("cholesky")) {
                        throw new IllegalArgumentException("solver=cholesky: X'X + alpha I is singular (alpha = " + alpha
                                + " with collinear or constant columns); use alpha > 0 or solver=svd", e);
                    }
                    warnings.add("X'X + alpha I is singular (alpha = " + alpha + "): solved by SVD instead of Cholesky");
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
}
