package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;

/**
 * A fitted linear regression model {@code y = b + x' beta}, produced by {@link LinearRegression} (kind
 * {@code "ols"}), {@link Ridge} (kind {@code "ridge"}) and {@link RidgeCV} (kind {@code "ridge_cv"}). Immutable and
 * thread-safe. An {@code ols} model gives its classical inference table with {@link #summary(Dataset)}.
 */
public final class LinearModel extends AbstractModel implements Regressor {

    private final String kind;
    private final double[] coef;
    private final double intercept;
    private final String solver;
    private final int rank;

    LinearModel(String kind, Params params, ModelSchema schema, TrainingReport report, double[] coef,
                double intercept, String solver, int rank) {
        super(params, schema, report);
        this.kind = kind;
        this.coef = coef.clone();
        this.intercept = intercept;
        this.solver = solver;
        this.rank = rank;
    }

    @Override
    public String kind() {
        return kind;
    }

    /** The coefficients {@code beta}, one per feature (a copy). */
    public double[] coefficients() {
        return coef.clone();
    }

    /** The intercept {@code b} (0 when fitted without one). */
    public double intercept() {
        return intercept;
    }

    /** The solver that produced the coefficients ("qr", "svd", "normal", "cholesky", "cg", "lbfgs", "lsqr"; "svd" or "eigen" for ridge_cv). */
    public String solver() {
        return solver;
    }

    /** The numerical rank of the (centred) design matrix as seen by the solver. */
    public int rank() {
        return rank;
    }

    /**
     * The classical inference table of an {@code ols} model (standard errors, t-tests, 95% confidence intervals,
     * R^2, F-test, log-likelihood, AIC/BIC): see {@link OlsSummary}. {@code data} must be the training data
     * (with its sample weights, if any).
     */
    public OlsSummary summary(Dataset data) {
        return OlsSummary.of(this, data, 0.95);
    }

    /** {@link #summary(Dataset)} with confidence intervals at {@code level} (in (0, 1)). */
    public OlsSummary summary(Dataset data, double level) {
        return OlsSummary.of(this, data, level);
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, kind, true);
        double[] y = x.mvmul(coef);
        for (int i = 0; i < y.length; i++) {
            y[i] += intercept;
        }
        return y;
    }

    /** {@code X beta + b} on CSR rows, {@code O(nnz)} (the dense prediction up to summation order). */
    @Override
    public double[] predict(SparseMatrix x) {
        schema().check(x, kind, true);
        double[] y = x.mvmul(coef);
        for (int i = 0; i < y.length; i++) {
            y[i] += intercept;
        }
        return y;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append(" model: intercept ").append(intercept);
        for (int j = 0; j < coef.length; j++) {
            sb.append(", ").append(schema().featureNames().get(j)).append(' ').append(coef[j]);
        }
        return sb.toString();
    }
}
