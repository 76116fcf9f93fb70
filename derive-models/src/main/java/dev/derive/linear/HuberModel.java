package dev.derive.linear;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/** A fitted {@link Huber} regression {@code y = b + x' beta} with its robust scale estimate {@code sigma}. */
public final class HuberModel extends AbstractModel implements Regressor {

    private final double[] coef;
    private final double intercept;
    private final double scale;

    HuberModel(Params params, ModelSchema schema, TrainingReport report, double[] coef, double intercept, double scale) {
        super(params, schema, report);
        this.coef = coef.clone();
        this.intercept = intercept;
        this.scale = scale;
    }

    @Override
    public String kind() {
        return Huber.NAME;
    }

    /** The coefficients {@code beta} (a copy). */
    public double[] coefficients() {
        return coef.clone();
    }

    /** The intercept {@code b}. */
    public double intercept() {
        return intercept;
    }

    /** The estimated scale {@code sigma} (scikit-learn's {@code scale_}). */
    public double scale() {
        return scale;
    }

    /** True for each row of {@code (x, y)} whose residual exceeds {@code epsilon * scale} in absolute value. */
    public boolean[] outliers(Matrix x, double[] y) {
        double[] pred = predict(x);
        if (y.length != pred.length) {
            throw new IllegalArgumentException("huber: y has " + y.length + " entries for " + pred.length + " rows");
        }
        double eps = params().getDouble("epsilon");
        boolean[] out = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = Math.abs(y[i] - pred[i]) > eps * scale;
        }
        return out;
    }

    @Override
    public double[] predict(Matrix x) {
        schema().check(x, Huber.NAME, true);
        double[] y = x.mvmul(coef);
        for (int i = 0; i < y.length; i++) {
            y[i] += intercept;
        }
        return y;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("huber model: scale ").append(scale).append(", intercept ").append(intercept);
        for (int j = 0; j < coef.length; j++) {
            sb.append(", ").append(schema().featureNames().get(j)).append(' ').append(coef[j]);
        }
        return sb.toString();
    }
}
