package dev.derive.ensemble;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.learn.select.CrossValidation;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Stacked generalisation (Wolpert 1992) of any learners, as scikit-learn's
 * {@code StackingClassifier}/{@code StackingRegressor}: the out-of-fold predictions of each base estimator
 * over k folds ({@link CrossValidation#crossValPredictProba} / {@link CrossValidation#crossValPredict})
 * become the features of a final learner; the base estimators are then refitted on all the data, and a
 * prediction feeds their outputs to the final model. For classifiers the base outputs are class
 * probabilities, all {@code K} columns, or only the second one for two classes (scikit-learn's
 * {@code stack_method='auto'} with {@code predict_proba}); for regressors the predictions. With
 * {@code passthrough} the original features follow the base outputs.
 *
 * <p>Parameters by name: {@code cv} (folds, default 5), {@code passthrough}, {@code seed} (of the folds), each
 * base estimator's parameters as {@code <name>__<param>} ({@code <name>} its learner name, {@code _2},
 * {@code _3}, ... for repeats, as {@link Voting}) and the final learner's as {@code final_estimator__<param>}
 * (scikit-learn's nested names).
 * The folds are {@link CrossValidation#defaultCv}: stratified and shuffled with {@code seed} for
 * classification, shuffled k-fold otherwise (scikit-learn's default is unshuffled (stratified) k-fold);
 * {@link #cv(CrossValidator)} sets explicit folds instead (they must partition the rows). The base and final
 * learners are given in Java; the final learner defaults to {@code logistic} for classification and
 * {@code ridge} (alpha 1) for regression (scikit-learn: LogisticRegression and RidgeCV). Library-only
 * (not registered for the CLI): there are no sensible default base estimators.
 *
 * @param <M> {@link StackingClassifierModel} or {@link StackingRegressorModel}
 */
public final class Stacking<M extends Model> extends AbstractLearner<Stacking<M>, M> {

    public static final String NAME = "stacking";
    public static final String CLASSIFIER_KIND = "stacking.classifier";
    public static final String REGRESSOR_KIND = "stacking.regressor";
    /** The prefix of the final learner's parameters: {@code final_estimator__C}. */
    public static final String FINAL_ESTIMATOR = "final_estimator";

    static final List<Param<?>> SPECS = List.of(
            Param.integer("cv", 5, 2, 1000, "folds of the out-of-fold base predictions"),
            Param.flag("passthrough", false, "append the original features to the base outputs"),
            Param.seed(0));

    private final Dataset.Task task;
    private final List<Learner<?>> estimators;
    private final Learner<?> finalLearner;
    private final CrossValidator cv;

    /**
     * {@code params}: this learner's own parameters followed by the nested ones, or {@code null} for the defaults
     * with the given learners' values.
     */
    private Stacking(Dataset.Task task, List<Learner<?>> estimators, Learner<?> finalLearner, CrossValidator cv, Params params) {
        super(params != null ? params : withLearners(Params.defaults(SPECS), estimators, finalLearner));
        this.task = task;
        this.estimators = List.copyOf(estimators);
        this.finalLearner = Objects.requireNonNull(finalLearner, "final learner");
        this.cv = cv;
        if (this.estimators.isEmpty()) {
            throw new IllegalArgumentException("stacking needs at least one base estimator");
        }
        for (Learner<?> l : this.estimators) {
            if (l.task() != task) {
                throw new IllegalArgumentException("stacking " + task.name().toLowerCase() + " got estimator '" + l.name()
                        + "', which does " + l.task().name().toLowerCase());
            }
        }
        if (finalLearner.task() != task) {
            throw new IllegalArgumentException("the final learner '" + finalLearner.name() + "' does " + finalLearner.task().name().toLowerCase()
                    + "; stacking " + task.name().toLowerCase() + " needs the same task");
        }
    }

    /** Stacked {@code estimators} with a logistic regression on top. */
    public static Stacking<StackingClassifierModel> classifier(List<? extends Learner<?>> estimators) {
        return new Stacking<>(Dataset.Task.CLASSIFICATION, List.copyOf(estimators),
                LearnerRegistry.create("logistic", Dataset.Task.CLASSIFICATION), null, null);
    }

    /** Stacked {@code estimators} with ridge regression (alpha 1) on top. */
    public static Stacking<StackingRegressorModel> regressor(List<? extends Learner<?>> estimators) {
        return new Stacking<>(Dataset.Task.REGRESSION, List.copyOf(estimators),
                LearnerRegistry.create("ridge", Dataset.Task.REGRESSION), null, null);
    }

    /** {@code own} followed by the base learners' parameters ({@code <name>__<param>}) and the final one's. */
    private static Params withLearners(Params own, List<Learner<?>> estimators, Learner<?> finalLearner) {
        Params p = NestedParams.combine(own, NestedParams.uniqueNames(Voting.names(estimators)), estimators);
        return p.withNested(FINAL_ESTIMATOR, Objects.requireNonNull(finalLearner, "final learner").params());
    }

    /** This learner's own parameters (no nested ones) with the values of {@code p}. */
    private static Params own(Params p) {
        Params o = Params.defaults(SPECS);
        for (String name : o.names()) {
            o = o.with(name, p.get(name));
        }
        return o;
    }

    /** The final learner, fitted on the base outputs. */
    public Stacking<M> finalLearner(Learner<?> l) {
        return new Stacking<>(task, estimators, l, cv, withLearners(own(params()), estimators, l));
    }

    /** Explicit folds for the out-of-fold predictions (instead of {@code cv} shuffled folds). */
    public Stacking<M> cv(CrossValidator folds) {
        return new Stacking<>(task, estimators, finalLearner, folds, params());
    }

    /** Number of shuffled folds (when no explicit folds are set). */
    public Stacking<M> cv(int folds) {
        return with("cv", folds);
    }

    public Stacking<M> passthrough(boolean b) {
        return with("passthrough", b);
    }

    public Stacking<M> seed(long s) {
        return with("seed", s);
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
    protected Stacking<M> create(Params params) {
        return new Stacking<>(task, Voting.applyAll(estimators, params), NestedParams.apply(finalLearner, params, FINAL_ESTIMATOR), cv,
                params);
    }

    /** The number of meta columns one base model contributes: K, 1 for two classes, 1 for regression. */
    static int width(Dataset.Task task, int classes) {
        return task == Dataset.Task.CLASSIFICATION && classes > 2 ? classes : 1;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        long t0 = System.nanoTime();
        boolean cls = task == Dataset.Task.CLASSIFICATION;
        CrossValidator folds = cv != null ? cv : CrossValidation.defaultCv(data, params().getInt("cv"), params().getLong("seed"));
        int n = data.size();
        int k = data.numClasses();
        int wdt = width(task, k);
        int b = estimators.size();
        boolean pass = params().getBoolean("passthrough");
        int p = data.featureCount();
        Matrix meta = Matrix.zeros(n, b * wdt + (pass ? p : 0));
        for (int t = 0; t < b; t++) {
            Learner<?> l = estimators.get(t);
            try {
                if (cls) {
                    Matrix pr = CrossValidation.crossValPredictProba(l, data, folds);
                    for (int j = 0; j < wdt; j++) {
                        int src = k == 2 ? 1 : j;
                        for (int i = 0; i < n; i++) {
                            meta.set(i, t * wdt + j, pr.get(i, src));
                        }
                    }
                } else {
                    double[] pr = CrossValidation.crossValPredict(l, data, folds);
                    for (int i = 0; i < n; i++) {
                        meta.set(i, t, pr[i]);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stacking estimator " + t + " (" + l.name() + "): " + e.getMessage(), e);
            }
        }
        if (pass) {
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    meta.set(i, b * wdt + j, data.features().get(i, j));
                }
            }
        }
        List<String> names = Voting.names(estimators);
        Model[] bases = Voting.fitAll(estimators, data, NAME);
        Dataset metaData = data.withFeatureMatrix(meta, metaFeatures(names, data, wdt, pass));
        Model fin;
        try {
            fin = finalLearner.fit(metaData);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stacking final learner (" + finalLearner.name() + "): " + e.getMessage(), e);
        }
        TrainingReport report = new TrainingReport(b + 1, true, "base estimators and final learner fitted", new double[0],
                secondsSince(t0), List.of(), Map.of());
        ModelSchema schema = ModelSchema.of(data);
        return cls ? (M) new StackingClassifierModel(params(), schema, report, names, List.of(bases), fin)
                : (M) new StackingRegressorModel(params(), schema, report, names, List.of(bases), fin);
    }

    /** Names of the final learner's features: {@code <t>_<learner>[_<class>]}, then the original features. */
    static List<Dataset.Feature> metaFeatures(List<String> names, Dataset data, int wdt, boolean pass) {
        List<Dataset.Feature> f = new ArrayList<>();
        boolean cls = data.task() == Dataset.Task.CLASSIFICATION;
        for (int t = 0; t < names.size(); t++) {
            for (int j = 0; j < wdt; j++) {
                String c = cls ? "_" + data.classes().get(data.numClasses() == 2 ? 1 : j) : "";
                f.add(Dataset.Feature.numeric(t + "_" + names.get(t) + c));
            }
        }
        if (pass) {
            f.addAll(data.featureInfo());
        }
        return f;
    }

    /** The final model's input for {@code x}: the base models' outputs (and {@code x} with passthrough). */
    static Matrix metaInput(List<Model> bases, Matrix x, int classes, boolean pass) {
        int n = x.rows();
        boolean cls = bases.get(0) instanceof Classifier;
        int wdt = cls && classes > 2 ? classes : 1;
        int p = x.cols();
        Matrix meta = Matrix.zeros(n, bases.size() * wdt + (pass ? p : 0));
        for (int t = 0; t < bases.size(); t++) {
            if (cls) {
                Matrix pr = ((Classifier) bases.get(t)).predictProba(x);
                for (int j = 0; j < wdt; j++) {
                    int src = classes == 2 ? 1 : j;
                    for (int i = 0; i < n; i++) {
                        meta.set(i, t * wdt + j, pr.get(i, src));
                    }
                }
            } else {
                double[] pr = ((Regressor) bases.get(t)).predict(x);
                for (int i = 0; i < n; i++) {
                    meta.set(i, t, pr[i]);
                }
            }
        }
        if (pass) {
            for (int j = 0; j < p; j++) {
                for (int i = 0; i < n; i++) {
                    meta.set(i, bases.size() * wdt + j, x.get(i, j));
                }
            }
        }
        return meta;
    }
}
