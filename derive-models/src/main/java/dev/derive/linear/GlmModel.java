package dev.derive.linear;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;

/**
 * A fitted log-link generalised linear model {@code E[y | x] = exp(b + x' beta)}, produced by
 * {@link GeneralizedLinearRegression} (kinds {@code poisson}, {@code gamma}, {@code tweedie}). Immutable and
 * thread-safe.
 */
public final class GlmModel extends AbstractModel implements Regressor {

    private final String kind;
    private final double power;
    private final double[] coef;
    private final double intercept;

    GlmModel(String kind, double power, Params params, ModelSchema schema, TrainingReport report, double[] coef, double intercept) {
        super(params, schema, report);
        this.kind = kind;
        this.power = power;
        this.coef = coef.clone();
        this.intercept = intercept;
    }

    @Override
    public String kind() {
        return kind;
    }

    /** The Tweedie power of the family: 1 for Poisson, 2 for Gamma. */
    public double power() {
        return power;
    }

    /** The coefficients {@code beta}, one per feature (a copy). */
    public double[] coefficients() {
        return coef.clone();
    }

    /** The intercept {@code b} (0 when fitted without one). */
    public double intercept() {
        return intercept;
    }

    /** The linear predictor {@code eta = b + x' beta} for each row. */
    public double[] linearPredictor(Matrix x) {
        schema().check(x, kind, true);
        double[] eta = x.mvmul(coef);
        for (int i = 0; i < eta.length; i++) {
            eta[i] += intercept;
        }
        return eta;
    }

    /** The linear predictor on CSR rows, {@code O(nnz)}. */
    public double[] linearPredictor(SparseMatrix x) {
        schema().check(x, kind, true);
        double[] eta = x.mvmul(coef);
        for (int i = 0; i < eta.length; i++) {
            eta[i] += intercept;
        }
        return eta;
    }

    /** The predicted mean {@code mu = exp(eta)} on CSR rows, {@code O(nnz)}. */
    @Override
    public double[] predict(SparseMatrix x) {
        double[] eta = linearPredictor(x);
        for (int i = 0; i < eta.length; i++) {
            eta[i] = Math.exp(eta[i]);
        }
        return eta;
    }

    /** The predicted mean {@code mu = exp(eta)} for each row. */
    @Override
    public double[] predict(Matrix x) {
        double[] eta = linearPredictor(x);
        for (int i = 0; i < eta.length; i++) {
            eta[i] = Math.exp(eta[i]);
        }
        return eta;
    }

    /**
     * The mean Tweedie deviance {@code sum w_i d_p(y_i, mu_i) / sum w_i} of this model's predictions
     * ({@code w} may be null for equal weights), the quantity scikit-learn's {@code mean_tweedie_deviance} reports.
     */
    public double meanDeviance(Matrix x, double[] y, double[] w) {
        double[] eta = linearPredictor(x);
        if (y.length != eta.length || (w != null && w.length != eta.length)) {
            throw new IllegalArgumentException(kind + ": y (length " + y.length + ") and weights must have one entry per row of x ("
                    + eta.length + ")");
        }
        GeneralizedLinearRegression.checkTarget(kind, y, power);
        double num = 0;
        double den = 0;
        for (int i = 0; i < eta.length; i++) {
            double wi = w == null ? 1 : w[i];
            num += wi * 2 * GlmObjective.halfDeviance(y[i], eta[i], power);
            den += wi;
        }
        return num / den;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind).append(" model (log link");
        if (kind.equals(GeneralizedLinearRegression.TWEEDIE)) {
            sb.append(", power ").append(power);
        }
        sb.append("): intercept ").append(intercept);
        for (int j = 0; j < coef.length; j++) {
            sb.append(", ").append(schema().featureNames().get(j)).append(' ').append(coef[j]);
        }
        return sb.toString();
    }
}
