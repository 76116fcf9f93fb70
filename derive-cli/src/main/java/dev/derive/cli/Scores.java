package dev.derive.cli;

import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.learn.metrics.Average;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.learn.metrics.RegressionMetrics;
import dev.derive.linalg.Matrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The metrics the CLI reports for a model on labelled data, as scikit-learn names them. Classification:
 * {@code accuracy}, {@code balanced_accuracy}, {@code f1_macro}, {@code log_loss} (from the predicted
 * probabilities), {@code roc_auc} (binary: the second class is positive; several classes: one-vs-rest,
 * macro average). Regression: {@code r2}, {@code rmse}, {@code mae}. These are the names and
 * definitions of {@link dev.derive.learn.select.Scorers#defaultsFor}, which cross-validation uses.
 */
final class Scores {

    private Scores() {
    }

    /** Predictions of a model on one data set, with the metrics computed from them. */
    record Evaluated(Map<String, Double> metrics, int[] labels, Matrix proba, double[] values) {
    }

    /**
     * Evaluates {@code model} on sparse features {@code x} (its sparse prediction path: {@code O(nnz)} for the
     * linear models, block-by-block densification for the others) against {@code truth}.
     */
    static Evaluated evaluate(Model model, dev.derive.linalg.SparseMatrix x, Object truth, List<String> notes) {
        return evaluate(model, truth, notes, c -> c.predict(x), c -> c.predictProba(x), r -> r.predict(x));
    }

    /** Evaluates {@code model} on features {@code x} against {@code truth} (int[] labels or double[] values). */
    static Evaluated evaluate(Model model, Matrix x, Object truth, List<String> notes) {
        return evaluate(model, truth, notes, c -> c.predict(x), c -> c.predictProba(x), r -> r.predict(x));
    }

    /**
     * Evaluates {@code model} against {@code truth} (int[] labels or double[] values) with the predictions of
     * {@code labels}, {@code proba} (classifiers) or {@code values} (regressors) on the features.
     */
    private static Evaluated evaluate(Model model, Object truth, List<String> notes, Function<Classifier, int[]> labels,
                                      Function<Classifier, Matrix> proba, Function<Regressor, double[]> values) {
        try {
            if (model instanceof Classifier c) {
                int[] y = (int[]) truth;
                int[] pred = labels.apply(c);
                Matrix p = null;
                if (c.hasProbabilities()) {
                    p = proba.apply(c);
                } else if (!notes.contains(c.kind() + " gives no class probabilities: log_loss and roc_auc are not computed")) {
                    notes.add(c.kind() + " gives no class probabilities: log_loss and roc_auc are not computed");
                }
                return new Evaluated(classification(y, pred, p, c.classes(), notes), pred, p, null);
            }
            if (model instanceof Regressor r) {
                double[] y = (double[]) truth;
                double[] pred = values.apply(r);
                return new Evaluated(regression(y, pred), null, null, pred);
            }
        } catch (IllegalArgumentException e) {
            throw CliException.data("cannot evaluate the " + model.kind() + " model on these data: " + e.getMessage());
        }
        throw CliException.usage("a " + model.kind() + " model is neither a classifier nor a regressor; it cannot be evaluated");
    }

    /** Classification metrics of predicted labels and probabilities ({@code n x K}). */
    static Map<String, Double> classification(int[] y, int[] pred, Matrix proba, List<String> classes, List<String> notes) {
        Map<String, Double> m = new LinkedHashMap<>();
        int k = classes.size();
        m.put("accuracy", ClassificationMetrics.accuracy(y, pred));
        m.put("balanced_accuracy", ClassificationMetrics.balancedAccuracy(y, pred));
        m.put("f1_macro", ClassificationMetrics.f1(y, pred, Average.MACRO));
        if (proba != null && k >= 2) {
            m.put("log_loss", ClassificationMetrics.logLoss(y, proba));
            int[] count = new int[k];
            for (int v : y) {
                count[v]++;
            }
            StringBuilder absent = new StringBuilder();
            for (int c = 0; c < k; c++) {
                if (count[c] == 0) {
                    absent.append(absent.isEmpty() ? "" : ", ").append(classes.get(c));
                }
            }
            String name = "roc_auc";
            if (!absent.isEmpty()) {
                notes.add(name + " not computed: class " + absent + " does not occur in the data");
            } else if (k == 2) {
                m.put(name, ClassificationMetrics.rocAuc(y, proba.columnArray(1)));
            } else {
                m.put(name, ClassificationMetrics.rocAucOvr(y, proba, Average.MACRO));
            }
        }
        return m;
    }

    /** Regression metrics. */
    static Map<String, Double> regression(double[] y, double[] pred) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("r2", RegressionMetrics.r2(y, pred));
        m.put("rmse", RegressionMetrics.rmse(y, pred));
        m.put("mae", RegressionMetrics.mae(y, pred));
        return m;
    }
}
