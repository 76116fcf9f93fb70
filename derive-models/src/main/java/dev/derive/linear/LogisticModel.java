package dev.derive.linear;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted {@link LogisticRegression}: scores {@code Z = X W' + b}; binary models hold one row (the
 * score of the second class, {@code P(class 1) = sigmoid(z)}), multinomial models one row per class
 * ({@code P = softmax(z)}).
 */
public final class LogisticModel extends AbstractModel implements Classifier {

    private final Matrix coef;       // K' x p
    private final double[] intercepts;

    LogisticModel(Params params, ModelSchema schema, TrainingReport report, Matrix coef, double[] intercepts) {
        super(params, schema, report);
        this.coef = coef.copy();
        this.intercepts = intercepts.clone();
    }

    @Override
    public String kind() {
        return LogisticRegression.NAME;
    }

    /** The coefficients, {@code K x p} ({@code 1 x p} for two classes, for the second class), a copy. */
    public Matrix coefficients() {
        return coef.copy();
    }

    /** The intercepts, length {@code K} ({@code 1} for two classes); zeros without {@code fit_intercept}. */
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** The scores {@code X W' + b}: {@code n x K}, or {@code n x 1} (the log-odds of class 1) for two classes. */
    public Matrix decisionFunction(Matrix x) {
        schema().check(x, kind(), true);
        return x.mmult(coef).addRowVector(intercepts);
    }

    @Override
    public Matrix predictProba(Matrix x) {
        Matrix z = decisionFunction(x);
        int n = z.rows();
        if (coef.rows() == 1) {
            Matrix p = Matrix.zeros(n, 2);
            for (int i = 0; i < n; i++) {
                double zi = z.get(i, 0);
                double p1 = zi >= 0 ? 1 / (1 + Math.exp(-zi)) : Math.exp(zi) / (1 + Math.exp(zi));
                double p0 = zi >= 0 ? Math.exp(-zi) / (1 + Math.exp(-zi)) : 1 / (1 + Math.exp(zi));
                p.set(i, 0, p0);
                p.set(i, 1, p1);
            }
            return p;
        }
        int k = z.cols();
        Matrix p = Matrix.zeros(n, k);
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                m = Math.max(m, z.get(i, c));
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp(z.get(i, c) - m);
                p.set(i, c, e);
                sum += e;
            }
            for (int c = 0; c < k; c++) {
                p.set(i, c, p.get(i, c) / sum);
            }
        }
        return p;
    }

    @Override
    public int[] predict(Matrix x) {
        return predictProba(x).rowArgmax();
    }

    @Override
    public String toString() {
        return "LogisticModel[" + schema().classes().size() + " classes, " + coef.cols() + " features, C = "
                + params().getDouble("c") + "]";
    }
}
