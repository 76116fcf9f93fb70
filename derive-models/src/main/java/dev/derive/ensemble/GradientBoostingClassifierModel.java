package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import java.util.List;

/**
 * A fitted binary gradient boosting classifier (see {@link GradientBoosting}): raw score
 * {@code F(x) = F_0 + learning_rate * sum_m tree_m(x)} (the log-odds of the second class), probabilities
 * {@code [1 - sigma(F), sigma(F)]}, prediction the more probable class (the first on a tie).
 * Immutable and thread-safe.
 */
public final class GradientBoostingClassifierModel extends AbstractModel implements Classifier {

    private final double init;
    private final List<Tree> trees;

    GradientBoostingClassifierModel(Params params, ModelSchema schema, TrainingReport report, double init, List<Tree> trees) {
        super(params, schema, report);
        if (schema.classes().size() != 2) {
            throw new IllegalArgumentException("a binary gradient boosting classifier needs 2 classes, got " + schema.classes().size());
        }
        ForestSupport.check(trees, schema, 1);
        if (!Double.isFinite(init)) {
            throw new IllegalArgumentException("initial score " + init + " is not finite");
        }
        this.init = init;
        this.trees = List.copyOf(trees);
    }

    @Override
    public String kind() {
        return GradientBoosting.CLASSIFIER_KIND;
    }

    /** The raw scores (log-odds of the second class) of the first {@code stages} trees (scikit-learn's {@code decision_function}). */
    public double[] decisionFunction(Matrix x, int stages) {
        schema().check(x, GradientBoosting.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), GradientBoosting.NAME);
        return GradientBoosting.raw(init, params().getDouble("learning_rate"), trees, stages, x.toArray(), x.rows());
    }

    /** Probabilities of the first {@code stages} trees (scikit-learn's {@code staged_predict_proba}). */
    public Matrix predictProba(Matrix x, int stages) {
        double[] f = decisionFunction(x, stages);
        Matrix p = Matrix.zeros(f.length, 2);
        for (int i = 0; i < f.length; i++) {
            double s = GradientBoosting.sigmoid(f[i]);
            p.set(i, 0, 1 - s);
            p.set(i, 1, s);
        }
        return p;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        return predictProba(x, trees.size());
    }

    /** Labels of the first {@code stages} trees (scikit-learn's {@code staged_predict}). */
    public int[] predict(Matrix x, int stages) {
        double[] f = decisionFunction(x, stages);
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i] > 0 ? 1 : 0;
        }
        return out;
    }

    @Override
    public int[] predict(Matrix x) {
        return predict(x, trees.size());
    }

    /** The initial score F_0 (prior log-odds). */
    public double init() {
        return init;
    }

    /** The trees, in stage order. */
    public List<Tree> trees() {
        return trees;
    }
}
