package dev.derive.linear;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.optim.SmoothObjective;

/**
 * The Huber regression objective with a jointly estimated scale (Owen 2007, "A robust hybrid of lasso and
 * ridge regression"; scikit-learn's {@code HuberRegressor}), in {@code theta = (beta, b, sigma)}:
 * {@code L = sum_i w_i sigma (1 + H_eps(r_i / sigma)) + alpha ||beta||^2}, {@code r_i = y_i - x_i' beta - b}, with
 * {@code H_eps(z) = z^2} for {@code |z| <= eps} and {@code 2 eps |z| - eps^2} otherwise. It is jointly convex in
 * {@code (beta, b, sigma)} for {@code sigma > 0} ({@code sigma H(r/sigma)} is the perspective of a convex function)
 * and continuously differentiable:
 * {@code dL/dbeta = -2 sum_in w r x / sigma - 2 eps sum_out w sign(r) x + 2 alpha beta},
 * {@code dL/dsigma = sum w - sum_in w r^2 / sigma^2 - eps^2 sum_out w}, where "in" are the rows with
 * {@code |r| <= eps sigma}.
 *
 * <p>The design is dense ({@link Matrix}) or sparse ({@link SparseMatrix}, CSR): it enters only through
 * {@code X beta} and {@code X'd}, which on CSR cost {@code O(nnz)} and visit the stored entries only (the products skip
 * exact zeros, so the value and gradient are the dense ones up to the order of summation).
 */
final class HuberObjective implements SmoothObjective {

    private final Matrix x;
    private final SparseMatrix sx;
    private final double[] y;
    private final double[] w;
    private final double epsilon;
    private final double alpha;
    private final boolean intercept;
    private final int p;

    HuberObjective(Matrix x, double[] y, double[] w, double epsilon, double alpha, boolean intercept) {
        this(x, null, y, w, epsilon, alpha, intercept);
    }

    /** The objective on a sparse design, never densified. */
    HuberObjective(SparseMatrix x, double[] y, double[] w, double epsilon, double alpha, boolean intercept) {
        this(null, x, y, w, epsilon, alpha, intercept);
    }

    private HuberObjective(Matrix x, SparseMatrix sx, double[] y, double[] w, double epsilon, double alpha, boolean intercept) {
        this.x = x;
        this.sx = sx;
        this.y = y;
        this.w = w;
        this.epsilon = epsilon;
        this.alpha = alpha;
        this.intercept = intercept;
        this.p = x != null ? x.cols() : sx.cols();
    }

    @Override
    public int dimension() {
        return p + (intercept ? 2 : 1);
    }

    /** The residuals {@code y - X beta - b}. */
    double[] residuals(double[] theta) {
        double[] beta = java.util.Arrays.copyOf(theta, p);
        double[] fit = x != null ? x.mvmul(beta) : sx.mvmul(beta);
        double b = intercept ? theta[p] : 0;
        double[] r = new double[y.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - fit[i] - b;
        }
        return r;
    }

    @Override
    public double value(double[] theta) {
        return valueAndGradient(theta, null);
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        double sigma = theta[theta.length - 1];
        if (!(sigma > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double[] r = residuals(theta);
        int n = r.length;
        double[] dr = new double[n];   // dL/dr_i
        double loss = 0;
        double dsigma = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            double a = Math.abs(r[i]);
            if (a > epsilon * sigma) {
                loss += wi * (sigma + 2 * epsilon * a - epsilon * epsilon * sigma);
                dr[i] = wi * 2 * epsilon * Math.signum(r[i]);
                dsigma += wi * (1 - epsilon * epsilon);
            } else {
                loss += wi * (sigma + r[i] * r[i] / sigma);
                dr[i] = wi * 2 * r[i] / sigma;
                dsigma += wi * (1 - r[i] * r[i] / (sigma * sigma));
            }
        }
        double pen = 0;
        for (int j = 0; j < p; j++) {
            pen += theta[j] * theta[j];
        }
        if (gradient != null) {
            double[] g = x != null ? x.tmvmul(dr) : sx.tmvmul(dr);
            for (int j = 0; j < p; j++) {
                gradient[j] = -g[j] + 2 * alpha * theta[j];
            }
            if (intercept) {
                double s = 0;
                for (double d : dr) {
                    s += d;
                }
                gradient[p] = -s;
            }
            gradient[theta.length - 1] = dsigma;
        }
        return loss + alpha * pen;
    }
}
