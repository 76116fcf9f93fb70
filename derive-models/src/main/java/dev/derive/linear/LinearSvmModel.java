package dev.derive.linear;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;

/**
 * A fitted {@link LinearSVC}: decision values {@code Z = X W' + b}. Two classes hold one row (positive
 * values predict the second class); more classes one row per class (one-vs-rest; the largest value wins).
 *
 * <p>{@link #predictProba} is not supported: the decision values of an SVM are margins, not calibrated
 * probabilities, and no Platt scaling is fitted. It throws {@link UnsupportedOperationException}; so does
 * anything that needs probabilities (log-loss or ROC AUC scoring from probabilities).
 */
public final class LinearSvmModel extends AbstractModel implements Classifier {

    private final Matrix coef;       // K' x p
    private final double[] intercepts;

    LinearSvmModel(Params params, ModelSchema schema, TrainingReport report, Matrix coef, double[] intercepts) {
        super(params, schema, report);
        this.coef = coef.copy();
        this.intercepts = intercepts.clone();
    }

    @Override
    public String kind() {
        return LinearSVC.NAME;
    }

    /** The coefficients, {@code K x p} ({@code 1 x p} for two classes, for the second class), a copy. */
    public Matrix coefficients() {
        return coef.copy();
    }

    /** The intercepts, length {@code K} ({@code 1} for two classes); zeros without {@code fit_intercept}. */
    public double[] intercepts() {
        return intercepts.clone();
    }

    /** The decision values {@code X W' + b}: {@code n x K}, or {@code n x 1} (positive: second class) for two classes. */
    public Matrix decisionFunction(Matrix x) {
        schema().check(x, kind(), true);
        return x.mmult(coef).addRowVector(intercepts);
    }

    @Override
    public int[] predict(Matrix x) {
        Matrix z = decisionFunction(x);
        if (coef.rows() == 1) {
            int[] out = new int[z.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = z.get(i, 0) > 0 ? 1 : 0;
            }
            return out;
        }
        return z.rowArgmax();
    }

    /** False: a linear SVM gives margins, not probabilities. */
    @Override
    public boolean hasProbabilities() {
        return false;
    }

    /** Not supported: a linear SVM gives margins, not probabilities (see the class comment). */
    @Override
    public Matrix predictProba(Matrix x) {
        throw new UnsupportedOperationException(kind() + " gives no class probabilities: its decision values are uncalibrated "
                + "margins; use decisionFunction(x), or the 'logistic' learner for probabilities");
    }

    @Override
    public String toString() {
        return "LinearSvmModel[" + schema().classes().size() + " classes, " + coef.cols() + " features, loss "
                + params().getString("loss") + ", C = " + params().getDouble("c") + "]";
    }
}
