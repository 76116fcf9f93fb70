package dev.derive.linear;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.optim.TwiceDifferentiableObjective;

/**
 * The penalised objective of a Tweedie GLM with log link, in {@code theta = (beta, b)}:
 * {@code f = sum_i s_i d_p(y_i, mu_i) / 2 + alpha/2 ||beta||^2}, {@code mu_i = exp(x_i' beta + b)},
 * {@code s_i = w_i / sum w} (the intercept is not penalised), with the Tweedie unit deviance
 * {@code d_p(y, mu) = 2 (y^(2-p)/((1-p)(2-p)) - y mu^(1-p)/(1-p) + mu^(2-p)/(2-p))} and its limits
 * {@code 2 (y ln(y/mu) - y + mu)} at {@code p = 1} (Poisson), {@code 2 (ln(mu/y) + y/mu - 1)} at {@code p = 2}
 * (Gamma) and {@code (y - mu)^2} at {@code p = 0}. This is scikit-learn 1.2's objective for
 * {@code PoissonRegressor}, {@code GammaRegressor} and {@code TweedieRegressor(link="log")}.
 *
 * <p>With {@code eta = log mu}: {@code d/deta (d/2) = mu^(1-p) (mu - y)} and
 * {@code d^2/deta^2 (d/2) = (2-p) mu^(2-p) - (1-p) y mu^(1-p)} (the observed information; for {@code p > 2}
 * or {@code p = 0} it can be negative at some rows, and Newton's method then modifies the Hessian). The
 * gradient is {@code X' (s .* g) + alpha beta} and the Hessian {@code X' diag(s .* h) X + alpha I}.
 *
 * <p>The design is a dense {@link Matrix} or a CSR {@link SparseMatrix}; the sparse objective computes the same
 * quantities from {@code O(nnz)} products ({@code eta = X beta + b}, {@code X'g}) and the Hessian from the pairs of
 * stored entries of each row ({@code O(sum_i nnz_i^2)}), never densifying {@code X}.
 */
final class GlmObjective implements TwiceDifferentiableObjective {

    private final Matrix x;
    private final SparseMatrix xs;
    private final double[] y;
    private final double[] s;
    private final double power;
    private final double alpha;
    private final boolean intercept;
    private final int p;

    GlmObjective(Matrix x, double[] y, double[] w, double power, double alpha, boolean intercept) {
        this(x, null, y, w, power, alpha, intercept);
    }

    /** The objective on a sparse (CSR) design. */
    GlmObjective(SparseMatrix x, double[] y, double[] w, double power, double alpha, boolean intercept) {
        this(null, x, y, w, power, alpha, intercept);
    }

    private GlmObjective(Matrix x, SparseMatrix xs, double[] y, double[] w, double power, double alpha, boolean intercept) {
        this.x = x;
        this.xs = xs;
        this.y = y;
        this.power = power;
        this.alpha = alpha;
        this.intercept = intercept;
        this.p = x != null ? x.cols() : xs.cols();
        int n = y.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += w == null ? 1 : w[i];
        }
        s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = (w == null ? 1 : w[i]) / total;
        }
    }

    @Override
    public int dimension() {
        return p + (intercept ? 1 : 0);
    }

    double[] eta(double[] theta) {
        double[] beta = java.util.Arrays.copyOf(theta, p);
        double[] eta = x != null ? x.mvmul(beta) : xs.mvmul(beta);
        if (intercept) {
            for (int i = 0; i < eta.length; i++) {
                eta[i] += theta[p];
            }
        }
        return eta;
    }

    /** Half the Tweedie unit deviance {@code d_p(y, mu)/2} at {@code eta = log mu}. */
    static double halfDeviance(double y, double eta, double power) {
        double mu = Math.exp(eta);
        if (power == 0) {
            double r = y - mu;
            return 0.5 * r * r;
        }
        if (power == 1) {
            return (y > 0 ? y * (Math.log(y) - eta) : 0) - y + mu;
        }
        if (power == 2) {
            return Math.log(1 / y) + eta + y / mu - 1;
        }
        double yTerm = y > 0 ? Math.pow(y, 2 - power) / ((1 - power) * (2 - power)) : 0;
        return yTerm - y * Math.exp((1 - power) * eta) / (1 - power) + Math.exp((2 - power) * eta) / (2 - power);
    }

    /** {@code d/deta} of the half deviance: {@code mu^(1-p) (mu - y)}. */
    private double grad1(double y, double eta) {
        return Math.exp((1 - power) * eta) * (Math.exp(eta) - y);
    }

    /** {@code d^2/deta^2} of the half deviance: {@code (2-p) mu^(2-p) - (1-p) y mu^(1-p)}. */
    private double hess1(double y, double eta) {
        return (2 - power) * Math.exp((2 - power) * eta) - (1 - power) * y * Math.exp((1 - power) * eta);
    }

    @Override
    public double value(double[] theta) {
        double[] eta = eta(theta);
        double f = 0;
        for (int i = 0; i < eta.length; i++) {
            if (s[i] != 0) {
                f += s[i] * halfDeviance(y[i], eta[i], power);
            }
        }
        return f + penalty(theta);
    }

    private double penalty(double[] theta) {
        double r = 0;
        for (int j = 0; j < p; j++) {
            r += theta[j] * theta[j];
        }
        return 0.5 * alpha * r;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        double[] eta = eta(theta);
        double f = 0;
        double[] g = new double[eta.length];
        double gb = 0;
        for (int i = 0; i < eta.length; i++) {
            if (s[i] != 0) {
                f += s[i] * halfDeviance(y[i], eta[i], power);
                g[i] = s[i] * grad1(y[i], eta[i]);
                gb += g[i];
            }
        }
        double[] gx = x != null ? x.tmvmul(g) : xs.tmvmul(g);
        for (int j = 0; j < p; j++) {
            gradient[j] = gx[j] + alpha * theta[j];
        }
        if (intercept) {
            gradient[p] = gb;
        }
        return f + penalty(theta);
    }

    @Override
    public void hessian(double[] theta, Matrix out) {
        double[] eta = eta(theta);
        int n = eta.length;
        double[] d = new double[n];
        double dsum = 0;
        for (int i = 0; i < n; i++) {
            d[i] = s[i] == 0 ? 0 : s[i] * hess1(y[i], eta[i]);
            dsum += d[i];
        }
        Matrix xtdx = x != null ? x.tmmul(x.mulColumnVector(d)) : sparseGram(d);
        double[] xtd = x != null ? x.tmvmul(d) : xs.tmvmul(d);
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                out.set(j, k, xtdx.get(j, k) + (j == k ? alpha : 0));
            }
        }
        if (intercept) {
            for (int j = 0; j < p; j++) {
                out.set(j, p, xtd[j]);
                out.set(p, j, xtd[j]);
            }
            out.set(p, p, dsum);
        }
    }

    /** {@code X' diag(d) X} of the sparse design, {@code p x p}, from the pairs of stored entries of each row. */
    private Matrix sparseGram(double[] d) {
        Matrix g = Matrix.zeros(p, p);
        int[] rp = xs.rowPointers();
        int[] ci = xs.columnIndices();
        double[] v = xs.values();
        for (int i = 0; i < xs.rows(); i++) {
            if (d[i] == 0) {
                continue;
            }
            for (int a = rp[i]; a < rp[i + 1]; a++) {
                double da = d[i] * v[a];
                for (int b = a; b < rp[i + 1]; b++) {
                    g.add(ci[a], ci[b], da * v[b]);
                }
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = j + 1; k < p; k++) {
                double u = g.get(j, k) + g.get(k, j);
                g.set(j, k, u);
                g.set(k, j, u);
            }
        }
        return g;
    }
}
