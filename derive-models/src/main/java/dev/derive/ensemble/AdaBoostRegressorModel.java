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
 * A fitted AdaBoost.R2 regressor (see {@link AdaBoostR2}): trees {@code h_m} with weights
 * {@code a_m = learning_rate log(1 / beta_m)}; the prediction is their weighted median, the smallest
 * {@code h_m(x)} whose cumulative weight in increasing order reaches half the total. Immutable and thread-safe.
 */
public final class AdaBoostRegressorModel extends AbstractModel implements Regressor {

    /** The persisted kind. */
    public static final String KIND = "adaboost.regressor";

    private final List<Tree> trees;
    private final double[] weights;
    private final double[] errors;

    AdaBoostRegressorModel(Params params, ModelSchema schema, TrainingReport report, List<Tree> trees, double[] weights, double[] errors) {
        super(params, schema, report);
        ForestSupport.check(trees, schema, 1);
        if (weights.length != trees.size() || errors.length != trees.size()) {
            throw new IllegalArgumentException(trees.size() + " trees but " + weights.length + " weights and " + errors.length + " errors");
        }
        for (int m = 0; m < weights.length; m++) {
            if (!Double.isFinite(weights[m]) || !(weights[m] > 0)) {
                throw new IllegalArgumentException("estimator weight " + weights[m] + " of tree " + m + " is not finite and positive");
            }
        }
        this.trees = List.copyOf(trees);
        this.weights = weights.clone();
        this.errors = errors.clone();
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The weighted-median prediction of the first {@code stages} trees. */
    public double[] predict(Matrix x, int stages) {
        schema().check(x, AdaBoost.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), AdaBoost.NAME);
        if (stages < 1 || stages > trees.size()) {
            throw new IllegalArgumentException("stages = " + stages + " is outside [1, " + trees.size() + "]");
        }
        int n = x.rows();
        double[] a = x.toArray();
        double[] out = new double[n];
        double[] pred = new double[stages];
        double[] w = java.util.Arrays.copyOf(weights, stages);
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < stages; m++) {
                Tree t = trees.get(m);
                pred[m] = t.value()[t.leaf(a, n, i)];
            }
            out[i] = GradientBoosting.weightedPercentile(pred, w, 50);
        }
        return out;
    }

    @Override
    public double[] predict(Matrix x) {
        return predict(x, trees.size());
    }

    public List<Tree> trees() {
        return trees;
    }

    /** The tree weights {@code learning_rate log(1 / beta_m)} (scikit-learn's {@code estimator_weights_}). */
    public double[] estimatorWeights() {
        return weights.clone();
    }

    /** The average losses {@code L_m} (scikit-learn's {@code estimator_errors_}). */
    public double[] estimatorErrors() {
        return errors.clone();
    }
}
