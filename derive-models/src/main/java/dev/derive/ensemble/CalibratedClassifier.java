package dev.derive.ensemble;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.Split;
import dev.derive.data.StratifiedKFold;
import dev.derive.learn.Classifier;
import dev.derive.learn.DecisionFunction;
import dev.derive.learn.Learner;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Probability calibration of any classifier by cross-validation, as scikit-learn's {@code CalibratedClassifierCV}.
 * The classifier's scores are its decision values when it gives them ({@link DecisionFunction}: the linear
 * classifiers {@code linear_svm}, {@code logistic}; {@link DecisionFunction#decisionFunction}, one column for two classes, one per class
 * otherwise) and else its class probabilities (the second class's column for two classes). For each class
 * ({@code K > 2}) or for the second class ({@code K = 2}) a map from score to probability is fitted on held-out
 * scores against the 0/1 indicator of the class: {@code method = sigmoid}, Platt scaling with Platt's smoothed
 * targets ({@link PlattScaling}), or {@code isotonic}, pool-adjacent-violators ({@link IsotonicRegression}).
 * Probabilities: for two classes {@code p_1 = c(s)}, {@code p_0 = 1 - p_1}; for more, {@code c_k(s_k)} normalised to
 * sum 1 (uniform if all are 0); values in {@code (1, 1 + 1e-5]} become 1.
 *
 * <p>With {@code ensemble = true} (scikit-learn's default) each of the {@code cv} folds fits the classifier on
 * its training rows and the calibrators on its test rows, and the model averages the folds' calibrated
 * probabilities. With {@code ensemble = false} the out-of-fold scores of all rows train one set of calibrators
 * and the classifier is refitted on all the rows. Folds: {@link StratifiedKFold} without shuffling (scikit-learn's
 * {@code cv=k} for classifiers), or explicit ones ({@link #cv(CrossValidator)}). Sample weights go to the
 * classifier and to the calibrators. The class predicted is the arg max of the probabilities.
 *
 * <p>The classifier is {@code linear_svm} by default (as scikit-learn's default {@code LinearSVC}), so the
 * registered {@code calibrated} learner gives a linear SVM probabilities; its parameters are set as
 * {@code estimator__name} ({@code --set estimator__c=0.1}). Folds are fitted in parallel; each is deterministic,
 * so the model does not depend on the thread count.
 */
public final class CalibratedClassifier extends NamedLearner<CalibratedClassifier, CalibratedClassifierModel> {

    /** The registered name and model kind. */
    public static final String NAME = "calibrated";

    static final List<Param<?>> SPECS = List.of(
            Param.choice("method", "sigmoid", List.of("sigmoid", "isotonic"),
                    "sigmoid: Platt scaling; isotonic: pool-adjacent-violators (needs more data)"),
            Param.integer("cv", 5, 2, 100_000, "stratified folds (without shuffling, as scikit-learn's cv=k)"),
            Param.flag("ensemble", true, "average the fold models (true) or refit on all rows with one calibrator fitted on "
                    + "out-of-fold scores (false)"));

    private final Learner<?> base;
    private final CrossValidator folds;

    private CalibratedClassifier(Learner<?> base, CrossValidator folds, Params params) {
        super(NAME, Dataset.Task.CLASSIFICATION, params);
        this.base = Objects.requireNonNull(base, "base learner");
        this.folds = folds;
        if (base.task() != Dataset.Task.CLASSIFICATION) {
            throw new IllegalArgumentException("calibrated needs a classifier; '" + base.name() + "' does "
                    + base.task().name().toLowerCase());
        }
    }

    /** Calibrated {@code linear_svm} (scikit-learn's default estimator, {@code LinearSVC}). */
    public static CalibratedClassifier learner() {
        return of(LearnerRegistry.create("linear_svm", Dataset.Task.CLASSIFICATION));
    }

    /** Calibrated {@code base}. */
    public static CalibratedClassifier of(Learner<?> base) {
        return new CalibratedClassifier(base, null, defaults(SPECS).withNested(Bagging.ESTIMATOR, base.params()));
    }

    /** {@code sigmoid} or {@code isotonic}. */
    public CalibratedClassifier method(String m) {
        return with("method", m);
    }

    /** The number of stratified folds (when no explicit folds are set). */
    public CalibratedClassifier cv(int k) {
        return with("cv", k);
    }

    /** Explicit folds (they must partition the rows) instead of {@code cv} stratified folds. */
    public CalibratedClassifier cv(CrossValidator explicit) {
        return new CalibratedClassifier(base, explicit, params());
    }

    public CalibratedClassifier ensemble(boolean b) {
        return with("ensemble", b);
    }

    /** The classifier being calibrated. */
    public Learner<?> base() {
        return base;
    }

    @Override
    protected CalibratedClassifier create(Params params) {
        return new CalibratedClassifier(NestedParams.apply(base, params, Bagging.ESTIMATOR), folds, params);
    }

    /**
     * The scores calibrated for {@code model} on {@code x}: decision values of a {@link DecisionFunction}, else class
     * probabilities; one column for two classes, {@code K} otherwise.
     */
    static Matrix scores(Classifier model, Matrix x, int classes) {
        Matrix s;
        if (model instanceof DecisionFunction df) {
            s = df.decisionFunction(x);
        } else if (model.hasProbabilities()) {
            Matrix p = model.predictProba(x);
            s = classes == 2 ? p.column(1).copy() : p;
        } else {
            throw new IllegalArgumentException("calibrated: the classifier '" + model.kind() + "' gives neither decision values "
                    + "(DecisionFunction) nor probabilities");
        }
        int want = classes == 2 ? 1 : classes;
        if (s.cols() != want) {
            throw new IllegalArgumentException("calibrated: the classifier '" + model.kind() + "' gave " + s.cols() + " score columns for "
                    + classes + " classes (expected " + want + "); a training fold may lack a class");
        }
        return s;
    }

    /** One calibrator per score column of {@code s}, fitted against the labels {@code y} (weights {@code w}, may be null). */
    static List<Calibrator> fitCalibrators(String method, Matrix s, int[] y, double[] w, int classes) {
        List<Calibrator> out = new ArrayList<>();
        for (int c = 0; c < s.cols(); c++) {
            int cls = classes == 2 ? 1 : c;
            double[] f = s.columnArray(c);
            if (method.equals("sigmoid")) {
                boolean[] pos = new boolean[y.length];
                for (int i = 0; i < y.length; i++) {
                    pos[i] = y[i] == cls;
                }
                out.add(PlattScaling.fit(f, pos, w));
            } else {
                double[] t = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    t[i] = y[i] == cls ? 1 : 0;
                }
                out.add(IsotonicRegression.fit(f, t, w));
            }
        }
        return out;
    }

    private Classifier fitBase(Dataset data, String where) {
        Model m;
        try {
            m = base.fit(data);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibrated: " + base.name() + " on " + where + ": " + e.getMessage(), e);
        }
        if (!(m instanceof Classifier c)) {
            throw new IllegalArgumentException("calibrated needs a classifier; " + base.name() + " gave " + m.kind());
        }
        return c;
    }

    @Override
    protected CalibratedClassifierModel train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        long t0 = System.nanoTime();
        int n = data.size();
        int k = data.numClasses();
        String method = params().getString("method");
        List<Split> splits = folds != null ? folds.split(n, data.labels(), null)
                : new StratifiedKFold(params().getInt("cv"), false, 0).split(n, data.labels(), null);
        boolean ensemble = params().getBoolean("ensemble");
        int[] labels = data.labels();
        double[] w = data.weights();
        List<Classifier> bases = new ArrayList<>();
        List<List<Calibrator>> calibrators = new ArrayList<>();
        if (ensemble) {
            Classifier[] models = new Classifier[splits.size()];
            List<List<Calibrator>> cals = new ArrayList<>();
            for (int f = 0; f < splits.size(); f++) {
                cals.add(null);
            }
            Parallelism.forEach(splits.size(), 2, f -> {
                Split sp = splits.get(f);
                models[f] = fitBase(data.subset(sp.train()), "fold " + f);
                Dataset test = data.subset(sp.test());
                cals.set(f, fitCalibrators(method, scores(models[f], test.features(), k), test.labels(), test.weights(), k));
            });
            bases.addAll(List.of(models));
            calibrators.addAll(cals);
        } else {
            Matrix oof = Matrix.zeros(n, k == 2 ? 1 : k);
            boolean[] seen = new boolean[n];
            Parallelism.forEach(splits.size(), 2, f -> {
                Split sp = splits.get(f);
                Classifier m = fitBase(data.subset(sp.train()), "fold " + f);
                Matrix s = scores(m, data.subset(sp.test()).features(), k);
                int[] test = sp.test();
                synchronized (oof) {
                    for (int r = 0; r < test.length; r++) {
                        seen[test[r]] = true;
                        for (int c = 0; c < s.cols(); c++) {
                            oof.set(test[r], c, s.get(r, c));
                        }
                    }
                }
            });
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    throw new IllegalArgumentException("calibrated with ensemble = false: row " + i + " is in no test fold; the folds must "
                            + "cover every row");
                }
            }
            bases.add(fitBase(data, "all rows"));
            calibrators.add(fitCalibrators(method, oof, labels, w, k));
        }
        TrainingReport report = new TrainingReport(splits.size(), true, "calibrated on " + splits.size() + " folds", new double[0],
                secondsSince(t0), List.of(), Map.of());
        return new CalibratedClassifierModel(params(), ModelSchema.of(data), report, base.name(), bases, calibrators);
    }
}
