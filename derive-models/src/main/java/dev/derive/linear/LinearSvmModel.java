package dev.derive.linear;

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
public final class LinearSvmModel extends LinearClassifierModel {

    LinearSvmModel(Params params, ModelSchema schema, TrainingReport report, Matrix coef, double[] intercepts) {
        super(params, schema, report, coef, intercepts);
    }

    @Override
    public String kind() {
        return LinearSVC.NAME;
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
