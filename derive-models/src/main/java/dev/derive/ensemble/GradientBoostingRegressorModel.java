package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import java.util.List;

/**
 * A fitted gradient boosting regressor (see {@link GradientBoosting}):
 * {@code F(x) = F_0 + learning_rate * sum_m tree_m(x)}. Immutable and thread-safe.
 */
public final class GradientBoostingRegressorModel extends AbstractModel implements Regressor {

    private final double init;
    private final List<Tree> trees;

    GradientBoostingRegressorModel(Params params, ModelSchema schema, TrainingReport report, double init, List<Tree> trees) {
        super(params, schema, report);
        ForestSupport.check(trees, schema, 1);
        if (!Double.isFinite(init)) {
            throw new IllegalArgumentException("initial score " + init + " is not finite");
        }
        this.init = init;
        this.trees = List.copyOf(trees);
    }

    @Override
    public String kind() {
        return GradientBoosting.REGRESSOR_KIND;
    }

    /** Predictions of the first {@code stages} trees (scikit-learn's {@code staged_predict}). */
    public double[] predict(Matrix x, int stages) {
        schema().check(x, GradientBoosting.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), GradientBoosting.NAME);
        return GradientBoosting.raw(init, params().getDouble("learning_rate"), trees, stages, x.toArray(), x.rows());
    }

    @Override
    public double[] predict(Matrix x) {
        return predict(x, trees.size());
    }

    /** The initial score F_0 (mean, median or alpha-quantile of the target, by loss). */
    public double init() {
        return init;
    }

    /** The trees, in stage order. */
    public List<Tree> trees() {
        return trees;
    }
}
