package dev.derive.linear;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.DecisionFunction;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.io.IOException;

/**
 * A classifier with linear scores {@code Z = X W' + b}: two classes hold one row of {@code W} (the score of
 * the second class), more classes one row per class. Shared by {@link LogisticModel} and
 * {@link LinearSvmModel}, which differ in how scores become probabilities (or do not).
 */
public abstract class LinearClassifierModel extends AbstractModel implements DecisionFunction {

    /** The coefficients, {@code K' x p} ({@code K' = 1} for two classes). */
    protected final Matrix coef;
    private final double[] intercepts;

    LinearClassifierModel(Params params, ModelSchema schema, TrainingReport report, Matrix coef, double[] intercepts) {
        super(params, schema, report);
        this.coef = coef.copy();
        this.intercepts = intercepts.clone();
    }

    /** The coefficients, {@code K x p} ({@code 1 x p} for two classes, for the second class), a copy. */
    public Matrix coefficients() {
        return coef.copy();
    }

    /** The intercepts, length {@code K} ({@code 1} for two classes); zeros without {@code fit_intercept}. */
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** The scores {@code X W' + b}: {@code n x K}, or {@code n x 1} (the score of the second class) for two classes. */
    @Override
    public Matrix decisionFunction(Matrix x) {
        schema().check(x, kind(), true);
        return x.mmult(coef).addRowVector(intercepts);
    }

    /** The scores {@code X W' + b} of CSR rows, an {@code O(K nnz)} sparse-dense product. */
    public Matrix decisionFunction(SparseMatrix x) {
        schema().check(x, kind(), true);
        return x.mmul(coef.transpose()).addRowVector(intercepts);
    }

    /** As {@link #predict(Matrix)} on CSR rows, from {@link #decisionFunction(SparseMatrix)}. */
    @Override
    public int[] predict(SparseMatrix x) {
        return labelsFromScores(decisionFunction(x));
    }

    /** The class with the largest score (for two classes: the second class where its score is positive). */
    @Override
    public int[] predict(Matrix x) {
        return labelsFromScores(decisionFunction(x));
    }

    int[] labelsFromScores(Matrix z) {
        if (coef.rows() == 1) {
            int[] out = new int[z.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = z.get(i, 0) > 0 ? 1 : 0;
            }
            return out;
        }
        return z.rowArgmax();
    }

    /** Persistence of a linear classifier: the coefficient matrix and the intercepts, sizes checked against the schema. */
    abstract static class Codec<M extends LinearClassifierModel> implements ModelCodec<M> {

        /** The model from checked parameters, coefficients and intercepts. */
        abstract M create(ModelState.Reader in, Matrix coef, double[] intercepts) throws IOException;

        @Override
        public void write(M m, ModelState.Writer out) {
            out.putMatrix("coef", m.coefficients());
            out.putArray("intercepts", m.intercepts());
        }

        @Override
        public M read(ModelState.Reader in) throws IOException {
            Matrix coef = in.matrix("coef");
            int classes = in.schema().classes().size();
            in.expectSize("coefficient rows", coef.rows(), classes == 2 ? 1 : classes);
            in.expectSize("coefficient columns", coef.cols(), in.schema().featureCount());
            double[] b = in.doubles("intercepts");
            in.expectSize("intercepts", b.length, coef.rows());
            return create(in, coef, b);
        }
    }
}
