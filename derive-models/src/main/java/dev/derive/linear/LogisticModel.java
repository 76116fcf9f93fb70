package dev.derive.linear;

import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;

/**
 * A fitted {@link LogisticRegression}: scores {@code Z = X W' + b}; binary models hold one row (the
 * score of the second class, {@code P(class 1) = sigmoid(z)}), multinomial models one row per class
 * ({@code P = softmax(z)}).
 */
public final class LogisticModel extends LinearClassifierModel {

    LogisticModel(Params params, ModelSchema schema, TrainingReport report, Matrix coef, double[] intercepts) {
        super(params, schema, report, coef, intercepts);
    }

    @Override
    public String kind() {
        return LogisticRegression.NAME;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        return probaFromScores(decisionFunction(x));
    }

    /** Class probabilities of CSR rows from the sparse scores {@link #decisionFunction(SparseMatrix)}. */
    @Override
    public Matrix predictProba(SparseMatrix x) {
        return probaFromScores(decisionFunction(x));
    }

    @Override
    public int[] predict(SparseMatrix x) {
        return predictProba(x).rowArgmax();
    }

    private Matrix probaFromScores(Matrix z) {
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
