package dev.derive.learn.select;

import dev.derive.data.Dataset;
import dev.derive.learn.Model;
import dev.derive.learn.Params;
import dev.derive.learn.metrics.Average;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.learn.metrics.RegressionMetrics;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The built-in {@link Scorer}s, by the names scikit-learn uses where one exists. Each computes the metric
 * of {@link ClassificationMetrics} or {@link RegressionMetrics} on the test set's true target and the
 * model's predictions, weighted by the test set's sample weights when it has them.
 *
 * <table>
 *   <caption>Built-in scorers</caption>
 *   <tr><th>name</th><th>task</th><th>better</th><th>value</th></tr>
 *   <tr><td>accuracy</td><td>classification</td><td>higher</td><td>fraction of correct labels</td></tr>
 *   <tr><td>balanced_accuracy</td><td>classification</td><td>higher</td><td>mean recall over the classes present in the test part</td></tr>
 *   <tr><td>f1_macro, precision_macro, recall_macro</td><td>classification</td><td>higher</td><td>unweighted mean over the classes present in the true or predicted labels</td></tr>
 *   <tr><td>f1_weighted, precision_weighted, recall_weighted</td><td>classification</td><td>higher</td><td>mean weighted by true class counts</td></tr>
 *   <tr><td>f1_micro</td><td>classification</td><td>higher</td><td>F1 from pooled counts</td></tr>
 *   <tr><td>log_loss</td><td>classification</td><td>lower</td><td>cross-entropy of {@code predictProba} over all K classes</td></tr>
 *   <tr><td>roc_auc</td><td>classification</td><td>higher</td><td>binary: AUC of P(class 1); K &gt; 2: one-vs-rest, macro mean</td></tr>
 *   <tr><td>roc_auc_ovr, roc_auc_ovr_weighted</td><td>classification</td><td>higher</td><td>one-vs-rest AUC, macro or weighted by class count</td></tr>
 *   <tr><td>average_precision</td><td>binary classification</td><td>higher</td><td>area under the precision-recall curve of P(class 1)</td></tr>
 *   <tr><td>brier</td><td>binary classification</td><td>lower</td><td>mean of {@code (y - P(class 1))^2}</td></tr>
 *   <tr><td>r2, explained_variance</td><td>regression</td><td>higher</td><td>coefficient of determination, explained variance</td></tr>
 *   <tr><td>mse, rmse, mae, median_absolute_error</td><td>regression</td><td>lower</td><td>squared, root squared, absolute, median absolute error</td></tr>
 * </table>
 *
 * <p><b>Classes.</b> Labels are matched to the model's classes by name, so a training fold that lacks a
 * class still scores correctly: its model gives that class probability 0 in column {@code c} of the
 * {@code K = data.numClasses()} columns, and the class counts in the test part's labels. The
 * precision/recall/F1 averages follow scikit-learn's default ({@code labels=None}: the classes present in
 * the true or the predicted labels of the fold), so a class absent from a fold's test part and never
 * predicted there does not pull the fold's macro average down. For one-vs-rest ROC AUC a class absent
 * from the test part has no AUC; it is left out of the macro mean (scikit-learn raises an error instead)
 * and a fold whose test part holds a single class cannot be scored.
 *
 * <p><b>Margin classifiers.</b> In cross-validation and searches, a probability scorer ({@code log_loss},
 * {@code roc_auc}, {@code brier}, ...) gives NaN for a classifier without probabilities
 * ({@link dev.derive.learn.Classifier#hasProbabilities()} false, a linear SVM).
 *
 * <p><b>scikit-learn names.</b> {@link #byName} also accepts scikit-learn's negated loss names
 * ({@code neg_log_loss}, {@code neg_mean_squared_error}, {@code neg_root_mean_squared_error},
 * {@code neg_mean_absolute_error}, {@code neg_median_absolute_error}, {@code neg_brier_score}): they
 * return the negated loss with {@link Scorer#greaterIsBetter()} true, as scikit-learn reports them.
 */
public final class Scorers {

    private Scorers() {
    }

    /**
     * A built-in scorer: computes its value from shared {@link Predictions}, so that several built-in scorers
     * of one fold predict once.
     */
    abstract static class Builtin implements Scorer {
        private final String name;
        private final boolean greaterIsBetter;
        private final Dataset.Task task;
        private final boolean binaryOnly;

        Builtin(String name, boolean greaterIsBetter, Dataset.Task task, boolean binaryOnly) {
            this.name = name;
            this.greaterIsBetter = greaterIsBetter;
            this.task = task;
            this.binaryOnly = binaryOnly;
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final boolean greaterIsBetter() {
            return greaterIsBetter;
        }

        @Override
        public final boolean supports(Dataset.Task t, int numClasses) {
            return t == task && (!binaryOnly || numClasses == 2);
        }

        @Override
        public final double score(Model model, Dataset test) {
            return compute(new Predictions(model, test, name));
        }

        /** The score from (possibly shared) predictions. */
        abstract double compute(Predictions p);

        /** Where it applies, in words (for error messages). */
        String domain() {
            return binaryOnly ? "binary classification" : task.name().toLowerCase();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Builtin classification(String name, boolean greaterIsBetter, ToDoubleFunction<Predictions> f) {
        return new Builtin(name, greaterIsBetter, Dataset.Task.CLASSIFICATION, false) {
            @Override
            double compute(Predictions p) {
                return f.applyAsDouble(p);
            }
        };
    }

    private static Builtin binary(String name, boolean greaterIsBetter, ToDoubleFunction<Predictions> f) {
        return new Builtin(name, greaterIsBetter, Dataset.Task.CLASSIFICATION, true) {
            @Override
            double compute(Predictions p) {
                if (p.numClasses() != 2) {
                    throw new IllegalArgumentException("scorer '" + name() + "' is for binary classification, but the data have "
                            + p.numClasses() + " classes");
                }
                return f.applyAsDouble(p);
            }
        };
    }

    private static Builtin regression(String name, boolean greaterIsBetter, ToDoubleFunction<Predictions> f) {
        return new Builtin(name, greaterIsBetter, Dataset.Task.REGRESSION, false) {
            @Override
            double compute(Predictions p) {
                return f.applyAsDouble(p);
            }
        };
    }

    /** A scorer that reports {@code -base}, with the opposite direction (scikit-learn's {@code neg_*} names). */
    private static Builtin negated(String name, Builtin base) {
        return new Builtin(name, !base.greaterIsBetter(), base.task, base.binaryOnly) {
            @Override
            double compute(Predictions p) {
                return -base.compute(p);
            }
        };
    }

    // ---------------------------------------------------------------- classification

    /** Fraction of correct labels (scikit-learn {@code accuracy}). */
    public static final Scorer ACCURACY = classification("accuracy", true,
            p -> ClassificationMetrics.accuracy(p.trueLabels(), p.predictedLabels(), p.weights()));

    /** Mean per-class recall over the classes in the test part (scikit-learn {@code balanced_accuracy}). */
    public static final Scorer BALANCED_ACCURACY = classification("balanced_accuracy", true,
            p -> ClassificationMetrics.balancedAccuracy(p.trueLabels(), p.predictedLabels(), p.weights()));

    /** Macro-averaged F1 (scikit-learn {@code f1_macro}). */
    public static final Scorer F1_MACRO = classification("f1_macro", true,
            p -> ClassificationMetrics.f1(p.trueLabels(), p.predictedLabels(), Average.MACRO, p.weights()));

    /** Support-weighted F1 (scikit-learn {@code f1_weighted}). */
    public static final Scorer F1_WEIGHTED = classification("f1_weighted", true,
            p -> ClassificationMetrics.f1(p.trueLabels(), p.predictedLabels(), Average.WEIGHTED, p.weights()));

    /** Micro-averaged F1, which equals accuracy for single-label data (scikit-learn {@code f1_micro}). */
    public static final Scorer F1_MICRO = classification("f1_micro", true,
            p -> ClassificationMetrics.f1(p.trueLabels(), p.predictedLabels(), Average.MICRO, p.weights()));

    /** Macro-averaged precision (scikit-learn {@code precision_macro}). */
    public static final Scorer PRECISION_MACRO = classification("precision_macro", true,
            p -> ClassificationMetrics.precision(p.trueLabels(), p.predictedLabels(), Average.MACRO, p.weights()));

    /** Support-weighted precision (scikit-learn {@code precision_weighted}). */
    public static final Scorer PRECISION_WEIGHTED = classification("precision_weighted", true,
            p -> ClassificationMetrics.precision(p.trueLabels(), p.predictedLabels(), Average.WEIGHTED, p.weights()));

    /** Macro-averaged recall (scikit-learn {@code recall_macro}). */
    public static final Scorer RECALL_MACRO = classification("recall_macro", true,
            p -> ClassificationMetrics.recall(p.trueLabels(), p.predictedLabels(), Average.MACRO, p.weights()));

    /** Support-weighted recall (scikit-learn {@code recall_weighted}). */
    public static final Scorer RECALL_WEIGHTED = classification("recall_weighted", true,
            p -> ClassificationMetrics.recall(p.trueLabels(), p.predictedLabels(), Average.WEIGHTED, p.weights()));

    /**
     * Cross-entropy {@code -(1/n) sum_i log p_i(y_i)} of the predicted probabilities over all K classes
     * (scikit-learn {@code log_loss} with {@code labels=range(K)}; its scorer {@code neg_log_loss} is the
     * negation). Lower is better.
     */
    public static final Scorer LOG_LOSS = classification("log_loss", false,
            p -> ClassificationMetrics.logLoss(p.trueLabels(), p.proba(), p.weights()));

    /**
     * Area under the ROC curve: for two classes, of the probability of class 1 (scikit-learn
     * {@code roc_auc}); for more, one-vs-rest with the macro mean over the classes present in the test part
     * (scikit-learn {@code roc_auc_ovr}).
     */
    public static final Scorer ROC_AUC = classification("roc_auc", true, p -> rocAuc(p, Average.MACRO));

    /** One-vs-rest ROC AUC, macro mean (scikit-learn {@code roc_auc_ovr}); for two classes the binary AUC. */
    public static final Scorer ROC_AUC_OVR = classification("roc_auc_ovr", true, p -> rocAuc(p, Average.MACRO));

    /** One-vs-rest ROC AUC weighted by class counts (scikit-learn {@code roc_auc_ovr_weighted}). */
    public static final Scorer ROC_AUC_OVR_WEIGHTED = classification("roc_auc_ovr_weighted", true,
            p -> rocAuc(p, Average.WEIGHTED));

    /** Average precision of the probability of class 1 (scikit-learn {@code average_precision}); binary only. */
    public static final Scorer AVERAGE_PRECISION = binary("average_precision", true,
            p -> ClassificationMetrics.averagePrecision(p.trueLabels(), p.probaColumn(1), p.weights()));

    /**
     * Brier score {@code (1/n) sum_i (y_i - P(class 1))^2} (scikit-learn {@code brier_score_loss}; its scorer
     * {@code neg_brier_score} is the negation); binary only, lower is better.
     */
    public static final Scorer BRIER = binary("brier", false,
            p -> ClassificationMetrics.brierScore(p.trueLabels(), p.probaColumn(1), p.weights()));

    // ---------------------------------------------------------------- regression

    /** Coefficient of determination R^2 (scikit-learn {@code r2}). */
    public static final Scorer R2 = regression("r2", true,
            p -> RegressionMetrics.r2(p.target(), p.values(), p.weights()));

    /** Explained variance (scikit-learn {@code explained_variance}). */
    public static final Scorer EXPLAINED_VARIANCE = regression("explained_variance", true,
            p -> RegressionMetrics.explainedVariance(p.target(), p.values(), p.weights()));

    /** Mean squared error (scikit-learn {@code neg_mean_squared_error}, negated); lower is better. */
    public static final Scorer MSE = regression("mse", false,
            p -> RegressionMetrics.mse(p.target(), p.values(), p.weights()));

    /** Root mean squared error (scikit-learn {@code neg_root_mean_squared_error}, negated); lower is better. */
    public static final Scorer RMSE = regression("rmse", false,
            p -> RegressionMetrics.rmse(p.target(), p.values(), p.weights()));

    /** Mean absolute error (scikit-learn {@code neg_mean_absolute_error}, negated); lower is better. */
    public static final Scorer MAE = regression("mae", false,
            p -> RegressionMetrics.mae(p.target(), p.values(), p.weights()));

    /** Median absolute error (scikit-learn {@code neg_median_absolute_error}, negated); lower is better. */
    public static final Scorer MEDIAN_ABSOLUTE_ERROR = regression("median_absolute_error", false,
            p -> RegressionMetrics.medianAbsoluteError(p.target(), p.values(), p.weights()));

    private static final Map<String, Scorer> BY_NAME = index();

    private static Map<String, Scorer> index() {
        Map<String, Scorer> m = new LinkedHashMap<>();
        for (Scorer s : List.of(ACCURACY, BALANCED_ACCURACY, F1_MACRO, F1_WEIGHTED, F1_MICRO, PRECISION_MACRO,
                PRECISION_WEIGHTED, RECALL_MACRO, RECALL_WEIGHTED, LOG_LOSS, ROC_AUC, ROC_AUC_OVR, ROC_AUC_OVR_WEIGHTED,
                AVERAGE_PRECISION, BRIER, R2, EXPLAINED_VARIANCE, MSE, RMSE, MAE, MEDIAN_ABSOLUTE_ERROR)) {
            m.put(s.name(), s);
        }
        return m;
    }

    private static final Map<String, Scorer> SKLEARN_NEGATED = Map.of(
            "neg_log_loss", negated("neg_log_loss", (Builtin) LOG_LOSS),
            "neg_brier_score", negated("neg_brier_score", (Builtin) BRIER),
            "neg_mean_squared_error", negated("neg_mean_squared_error", (Builtin) MSE),
            "neg_root_mean_squared_error", negated("neg_root_mean_squared_error", (Builtin) RMSE),
            "neg_mean_absolute_error", negated("neg_mean_absolute_error", (Builtin) MAE),
            "neg_median_absolute_error", negated("neg_median_absolute_error", (Builtin) MEDIAN_ABSOLUTE_ERROR));

    private static double rocAuc(Predictions p, Average average) {
        int[] y = p.trueLabels();
        int k = p.numClasses();
        double[] w = p.weights();
        if (k == 2) {
            return ClassificationMetrics.rocAuc(y, p.probaColumn(1), w);
        }
        int[] count = new int[k];
        for (int v : y) {
            count[v]++;
        }
        int present = 0;
        for (int c : count) {
            present += c > 0 ? 1 : 0;
        }
        Matrix proba = p.proba();
        if (present == k) {
            return ClassificationMetrics.rocAucOvr(y, proba, average, w);
        }
        if (present < 2) {
            throw new IllegalArgumentException("the test data hold a single class; ROC AUC is not defined (use stratified folds)");
        }
        // one-vs-rest over the classes present in the test part only
        double num = 0;
        double den = 0;
        int[] yc = new int[y.length];
        for (int c = 0; c < k; c++) {
            if (count[c] == 0) {
                continue;
            }
            double cw = 0;
            for (int i = 0; i < y.length; i++) {
                yc[i] = y[i] == c ? 1 : 0;
                cw += yc[i] * (w == null ? 1 : w[i]);
            }
            double auc = ClassificationMetrics.rocAuc(yc, proba.columnArray(c), w);
            double weight = average.kind() == Average.Kind.WEIGHTED ? cw : 1;
            num += weight * auc;
            den += weight;
        }
        return num / den;
    }

    // ---------------------------------------------------------------- look-up

    /** Every built-in scorer, in a fixed order (classification first). */
    public static List<Scorer> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The names of the built-in scorers, in the order of {@link #all()}. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * The built-in scorer called {@code name}, or one of scikit-learn's negated loss names (see the class
     * comment).
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Scorer byName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("scorer name is null; valid scorers: " + String.join(", ", BY_NAME.keySet()));
        }
        String key = name.trim();
        Scorer s = BY_NAME.get(key);
        if (s == null) {
            s = SKLEARN_NEGATED.get(key);
        }
        if (s == null) {
            String best = null;
            int bestD = Integer.MAX_VALUE;
            for (String n : BY_NAME.keySet()) {
                int d = Params.editDistance(key, n);
                if (d < bestD) {
                    bestD = d;
                    best = n;
                }
            }
            String hint = best != null && bestD <= Math.max(2, key.length() / 3) ? " (did you mean '" + best + "'?)" : "";
            throw new IllegalArgumentException("unknown scorer '" + name + "'" + hint + "; valid scorers: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return s;
    }

    /** The scorers for a list of names (each as {@link #byName}). */
    public static List<Scorer> byNames(List<String> names) {
        List<Scorer> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(byName(n));
        }
        return out;
    }

    /**
     * The scorers reported by default: for classification {@code accuracy, balanced_accuracy, f1_macro,
     * log_loss, roc_auc}; for regression {@code r2, rmse, mae}.
     *
     * @throws IllegalArgumentException for {@code UNSUPERVISED} (no target to score against)
     */
    public static List<Scorer> defaultsFor(Dataset.Task task) {
        return switch (task) {
            case CLASSIFICATION -> List.of(ACCURACY, BALANCED_ACCURACY, F1_MACRO, LOG_LOSS, ROC_AUC);
            case REGRESSION -> List.of(R2, RMSE, MAE);
            case UNSUPERVISED -> throw new IllegalArgumentException("unsupervised data have no target to score predictions against");
        };
    }

    /** The default scorers for a data set's task. */
    public static List<Scorer> defaultsFor(Dataset data) {
        return defaultsFor(data.task());
    }

    /** The built-in scorers defined for a task with {@code numClasses} classes (0 for regression). */
    public static List<Scorer> applicable(Dataset.Task task, int numClasses) {
        List<Scorer> out = new ArrayList<>();
        for (Scorer s : BY_NAME.values()) {
            if (s.supports(task, numClasses)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The built-in scorers defined for a data set's task. */
    public static List<Scorer> applicable(Dataset data) {
        return applicable(data.task(), data.numClasses());
    }

    /** The scorer used to rank candidates when none is given: {@code accuracy} or {@code r2}. */
    public static Scorer primaryFor(Dataset.Task task) {
        return defaultsFor(task).get(0);
    }

    /**
     * Checks that every scorer applies to {@code data} and that the names are distinct.
     *
     * @throws IllegalArgumentException naming the scorer and listing those that apply
     */
    public static void check(List<Scorer> scorers, Dataset data) {
        if (scorers == null || scorers.isEmpty()) {
            throw new IllegalArgumentException("no scorer given; valid scorers for this "
                    + describe(data) + ": " + names(applicable(data)));
        }
        List<String> seen = new ArrayList<>();
        for (Scorer s : scorers) {
            if (s == null) {
                throw new IllegalArgumentException("a scorer is null");
            }
            if (seen.contains(s.name())) {
                throw new IllegalArgumentException("scorer '" + s.name() + "' is given twice");
            }
            seen.add(s.name());
            if (!s.supports(data.task(), data.numClasses())) {
                String domain = s instanceof Builtin b ? " is for " + b.domain() + " and" : "";
                throw new IllegalArgumentException("scorer '" + s.name() + "'" + domain + " does not apply to this "
                        + describe(data) + "; valid scorers: " + names(applicable(data)));
            }
        }
    }

    private static String describe(Dataset data) {
        return switch (data.task()) {
            case CLASSIFICATION -> "classification task (" + data.numClasses() + " classes)";
            case REGRESSION -> "regression task";
            case UNSUPERVISED -> "unsupervised task";
        };
    }

    private static String names(List<Scorer> scorers) {
        List<String> n = new ArrayList<>();
        for (Scorer s : scorers) {
            n.add(s.name());
        }
        return n.isEmpty() ? "(none)" : String.join(", ", n);
    }
}
