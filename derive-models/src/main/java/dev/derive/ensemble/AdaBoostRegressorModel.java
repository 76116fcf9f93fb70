package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fitted AdaBoost.R2 regressor (see {@link AdaBoostR2}): trees {@code h_m} with weights
 * {@code a_m = learning_rate log(1 / beta_m)}; the prediction is their weighted median, the smallest
 * {@code h_m(x)} whose cumulative weight in increasing order reaches half the total. Immutable and thread-safe.
 */
public final class AdaBoostRegressorModel extends AbstractModel implements Regressor {

    /** The persisted kind. */
    public static final String KIND = "adaboost.regressor";
    /** The persisted kind of a regressor boosting any base learner. */
    public static final String ESTIMATOR_KIND = "adaboost.estimator_regressor";

    private final List<Tree> trees;
    private final double[] weights;
    private final double[] errors;
    /** The base learner's name and models when boosting any learner (null and empty for the built-in trees). */
    private final String estimator;
    private final List<Regressor> models;

    AdaBoostRegressorModel(Params params, ModelSchema schema, TrainingReport report, List<Tree> trees, double[] weights, double[] errors) {
        super(params, schema, report);
        ForestSupport.check(trees, schema, 1);
        this.estimator = null;
        this.models = List.of();
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

    /** A model boosting the base learner {@code estimator}: its fitted {@code models} (regressors of the same features). */
    AdaBoostRegressorModel(Params params, ModelSchema schema, TrainingReport report, String estimator, List<Model> models, double[] weights,
                           double[] errors) {
        super(params, schema, report);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an AdaBoost.R2 model needs at least one estimator");
        }
        if (weights.length != models.size() || errors.length != models.size()) {
            throw new IllegalArgumentException(models.size() + " estimators but " + weights.length + " weights and " + errors.length + " errors");
        }
        List<Regressor> list = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            if (!(models.get(m) instanceof Regressor r)) {
                throw new IllegalArgumentException("estimator " + m + " (" + models.get(m).kind() + ") is not a regressor");
            }
            if (r.schema().featureCount() != schema.featureCount()) {
                throw new IllegalArgumentException("estimator " + m + " knows " + r.schema().featureCount() + " features; the ensemble has "
                        + schema.featureCount());
            }
            if (!Double.isFinite(weights[m]) || !(weights[m] > 0)) {
                throw new IllegalArgumentException("estimator weight " + weights[m] + " of estimator " + m + " is not finite and positive");
            }
            list.add(r);
        }
        this.trees = List.of();
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.models = List.copyOf(list);
        this.weights = weights.clone();
        this.errors = errors.clone();
    }

    @Override
    public String kind() {
        return estimator == null ? KIND : ESTIMATOR_KIND;
    }

    /** The weighted-median prediction of the first {@code stages} trees (or base models). */
    public double[] predict(Matrix x, int stages) {
        if (estimator != null) {
            return estimatorPredict(x, stages);
        }
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

    /** The weighted median of the first {@code stages} base models' predictions. */
    private double[] estimatorPredict(Matrix x, int stages) {
        schema().check(x, AdaBoost.NAME, false);
        AdaBoostEstimators.checkValues(x, schema().featureNames(), estimator);
        if (stages < 1 || stages > models.size()) {
            throw new IllegalArgumentException("stages = " + stages + " is outside [1, " + models.size() + "]");
        }
        int n = x.rows();
        double[][] preds = new double[stages][];
        for (int m = 0; m < stages; m++) {
            preds[m] = models.get(m).predict(x);
        }
        double[] out = new double[n];
        double[] pred = new double[stages];
        double[] w = java.util.Arrays.copyOf(weights, stages);
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < stages; m++) {
                pred[m] = preds[m][i];
            }
            out[i] = GradientBoosting.weightedPercentile(pred, w, 50);
        }
        return out;
    }

    @Override
    public double[] predict(Matrix x) {
        return predict(x, weights.length);
    }

    /** The trees, in boosting order (empty when boosting another base learner: see {@link #models()}). */
    public List<Tree> trees() {
        return trees;
    }

    /** The fitted base models, in boosting order (empty for the built-in trees: see {@link #trees()}). */
    public List<Regressor> models() {
        return models;
    }

    /** The base learner's registered name, or null for the built-in trees. */
    public String estimator() {
        return estimator;
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
