package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.runtime.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Voting ensembles of any learners, as scikit-learn's {@code VotingClassifier}/{@code VotingRegressor}:
 * every estimator is fitted on all the data. A classifier combines them by soft voting, the weighted mean
 * {@code sum_t w_t P_t(x) / sum_t w_t} of their class probabilities (class = arg max), or by hard voting,
 * the class with the largest total weight of the estimators predicting it (lowest class index on a tie, as
 * {@code np.argmax}); with hard voting {@code predictProba} returns these weighted vote shares (scikit-learn
 * has no probabilities there). A regressor predicts the weighted mean {@code sum_t w_t f_t(x) / sum_t w_t}.
 *
 * <p>Parameters by name: {@code voting} ({@code hard}, scikit-learn's default, or {@code soft}; classifier
 * only), and each estimator's parameters as {@code <name>__<param>} (scikit-learn's nested names), where
 * {@code <name>} is the estimator's learner name, with {@code _2}, {@code _3}, ... for repeats as in
 * {@link dev.derive.learn.Pipeline#of} (e.g. {@code knn__n_neighbors}, {@code cart_2__max_depth}). The
 * estimators and their weights ({@code weights}, default all 1) are given in Java, so this learner is library-only (not registered for the CLI: it has no sensible
 * default estimators). Estimators are fitted in parallel and combined in their given order.
 *
 * @param <M> {@link VotingClassifierModel} or {@link VotingRegressorModel}
 */
public final class Voting<M extends Model> extends AbstractLearner<Voting<M>, M> {

    public static final String NAME = "voting";
    public static final String CLASSIFIER_KIND = "voting.classifier";
    public static final String REGRESSOR_KIND = "voting.regressor";

    static final List<Param<?>> CLASSIFIER_SPECS = List.of(
            Param.choice("voting", "hard", List.of("hard", "soft"),
                    "hard: weighted majority of predicted classes; soft: arg max of the weighted mean probability"));
    static final List<Param<?>> REGRESSOR_SPECS = List.of();

    private final Dataset.Task task;
    private final List<Learner<?>> estimators;
    private final double[] weights;

    private Voting(Dataset.Task task, List<Learner<?>> estimators, double[] weights, Params params) {
        super(params);
        this.task = task;
        this.estimators = List.copyOf(estimators);
        if (this.estimators.isEmpty()) {
            throw new IllegalArgumentException("voting needs at least one estimator");
        }
        for (Learner<?> l : this.estimators) {
            if (l.task() != task) {
                throw new IllegalArgumentException("voting " + task.name().toLowerCase() + " got estimator '" + l.name() + "', which does "
                        + l.task().name().toLowerCase());
            }
        }
        this.weights = checkWeights(weights, this.estimators.size());
    }

    /** {@code own} followed by the estimators' parameters as {@code <unique name>__<param>}. */
    private static Params withEstimators(Params own, List<? extends Learner<?>> estimators) {
        return NestedParams.combine(own, NestedParams.uniqueNames(names(List.copyOf(estimators))), estimators);
    }

    /** The estimators with the nested values of {@code params} applied. */
    static List<Learner<?>> applyAll(List<Learner<?>> estimators, Params params) {
        List<String> unique = NestedParams.uniqueNames(names(estimators));
        List<Learner<?>> out = new ArrayList<>();
        for (int i = 0; i < estimators.size(); i++) {
            out.add(NestedParams.apply(estimators.get(i), params, unique.get(i)));
        }
        return out;
    }

    static double[] checkWeights(double[] weights, int count) {
        if (weights == null) {
            double[] w = new double[count];
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
        if (weights.length != count) {
            throw new IllegalArgumentException("weights has " + weights.length + " entries for " + count + " estimators");
        }
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " = " + weights[i] + " must be a finite number >= 0");
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the voting weights sum to " + total + "; at least one must be positive");
        }
        return weights.clone();
    }

    /** A voting classifier over {@code estimators} (hard voting, equal weights). */
    public static Voting<VotingClassifierModel> classifier(List<? extends Learner<?>> estimators) {
        return new Voting<>(Dataset.Task.CLASSIFICATION, List.copyOf(estimators), null,
                withEstimators(defaults(CLASSIFIER_SPECS), estimators));
    }

    /** A voting regressor over {@code estimators} (equal weights). */
    public static Voting<VotingRegressorModel> regressor(List<? extends Learner<?>> estimators) {
        return new Voting<>(Dataset.Task.REGRESSION, List.copyOf(estimators), null,
                withEstimators(defaults(REGRESSOR_SPECS), estimators));
    }

    /** {@code hard} or {@code soft} (classifier only). */
    public Voting<M> voting(String v) {
        return with("voting", v);
    }

    /** One weight {@code >= 0} per estimator. */
    public Voting<M> weights(double... w) {
        return new Voting<>(task, estimators, w, params());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset.Task task() {
        return task;
    }

    @Override
    protected Voting<M> create(Params params) {
        return new Voting<>(task, applyAll(estimators, params), weights, params);
    }

    /** Fits every learner on {@code data} in parallel, naming the failing one in an error. */
    static Model[] fitAll(List<Learner<?>> learners, Dataset data, String what) {
        Model[] models = new Model[learners.size()];
        Parallelism.forEach(models.length, 2, t -> {
            try {
                models[t] = learners.get(t).fit(data);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " estimator " + t + " (" + learners.get(t).name() + "): " + e.getMessage(), e);
            }
        });
        return models;
    }

    static List<String> names(List<Learner<?>> learners) {
        List<String> n = new ArrayList<>();
        for (Learner<?> l : learners) {
            n.add(l.name());
        }
        return n;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        long t0 = System.nanoTime();
        Model[] models = fitAll(estimators, data, NAME);
        TrainingReport report = new TrainingReport(models.length, true, "all estimators fitted", new double[0], secondsSince(t0),
                List.of(), Map.of());
        ModelSchema schema = ModelSchema.of(data);
        return task == Dataset.Task.CLASSIFICATION
                ? (M) new VotingClassifierModel(params(), schema, report, names(estimators), List.of(models), weights)
                : (M) new VotingRegressorModel(params(), schema, report, names(estimators), List.of(models), weights);
    }

    static void checkModels(List<Model> models, List<String> names, double[] weights, ModelSchema schema, Class<?> type) {
        checkWeights(weights, models.size());
        if (names.size() != models.size()) {
            throw new IllegalArgumentException(names.size() + " estimator names for " + models.size() + " models");
        }
        for (int t = 0; t < models.size(); t++) {
            Model m = models.get(t);
            if (!type.isInstance(m)) {
                throw new IllegalArgumentException("estimator " + t + " (" + m.kind() + ") is not a " + type.getSimpleName());
            }
            if (m.schema().featureCount() != schema.featureCount()) {
                throw new IllegalArgumentException("estimator " + t + " has " + m.schema().featureCount() + " features, the ensemble "
                        + schema.featureCount());
            }
            if (type == Classifier.class && !m.schema().classes().equals(schema.classes())) {
                throw new IllegalArgumentException("estimator " + t + " has classes " + m.schema().classes() + ", the ensemble "
                        + schema.classes());
            }
        }
    }
}
