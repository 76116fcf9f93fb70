package dev.derive.learn.select;

import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's predictions on one test set, computed at most once each (labels, probabilities or values) so
 * that several built-in scorers of one fold share them. Not thread-safe: one instance per fold.
 *
 * <p>Classes are matched by name. When the model's class list equals the test set's (the usual case: the
 * training fold is a {@link Dataset#subset} of the same data set, which keeps every class), labels and
 * probability columns are used as they are. Otherwise the class space is the model's classes followed by
 * the test set's classes the model does not know; true labels are re-indexed into it and probability
 * columns of unknown classes are 0.
 *
 * <p>Sparse test sets ({@link Dataset#isSparse()}) are predicted through the models' sparse entry points
 * ({@link Classifier#predict(dev.derive.linalg.SparseMatrix)} and friends) on the CSR rows, never through the
 * dense {@link Dataset#features()}: a cross-validation fold of a LibSVM file too large to densify stays sparse.
 */
final class Predictions {

    private final Model model;
    private final Dataset test;
    private final String scorer;

    // classification
    private int[] yTrue;
    private int numClasses;
    private int[] labels;
    private Matrix proba;

    // regression
    private double[] y;
    private double[] values;

    Predictions(Model model, Dataset test, String scorer) {
        this.model = model;
        this.test = test;
        this.scorer = scorer;
    }

    double[] weights() {
        return test.weights();
    }

    private Classifier classifier() {
        if (test.task() != Dataset.Task.CLASSIFICATION) {
            throw new IllegalArgumentException("scorer '" + scorer + "' is for classification but the test data's task is "
                    + test.task().name().toLowerCase());
        }
        if (!(model instanceof Classifier c)) {
            throw new IllegalArgumentException("scorer '" + scorer + "' needs a classifier, but model '" + model.kind()
                    + "' is not one");
        }
        return c;
    }

    private void classes() {
        if (yTrue != null) {
            return;
        }
        Classifier c = classifier();
        List<String> modelClasses = c.classes();
        List<String> dataClasses = test.classes();
        int[] t = test.labels();
        if (modelClasses.isEmpty() || modelClasses.equals(dataClasses)) {
            numClasses = dataClasses.size();
        } else {
            List<String> space = new ArrayList<>(modelClasses);
            for (String d : dataClasses) {
                if (!space.contains(d)) {
                    space.add(d);
                }
            }
            int[] map = new int[dataClasses.size()];
            for (int j = 0; j < map.length; j++) {
                map[j] = space.indexOf(dataClasses.get(j));
            }
            for (int i = 0; i < t.length; i++) {
                t[i] = map[t[i]];
            }
            numClasses = space.size();
        }
        yTrue = t;
    }

    /** The true class indices in the class space. */
    int[] trueLabels() {
        classes();
        return yTrue;
    }

    /** The number of classes of the class space (at least the data set's). */
    int numClasses() {
        classes();
        return numClasses;
    }

    /** The model's predicted class indices ({@link Classifier#predict}). */
    int[] predictedLabels() {
        if (labels == null) {
            classes();
            int[] p = predictLabels(classifier(), test);
            int known = modelClassCount();
            if (p.length != test.size()) {
                throw new IllegalStateException("model '" + model.kind() + "' returned " + p.length + " predictions for "
                        + test.size() + " rows");
            }
            for (int i = 0; i < p.length; i++) {
                if (p[i] < 0 || p[i] >= known) {
                    throw new IllegalStateException("model '" + model.kind() + "' predicted class index " + p[i]
                            + " at row " + i + ", outside [0, " + known + ")");
                }
            }
            labels = p;
        }
        return labels;
    }

    private int modelClassCount() {
        List<String> mc = classifier().classes();
        return mc.isEmpty() ? test.numClasses() : mc.size();
    }

    /** The class probabilities, {@code n x numClasses()}, columns in the class space. */
    Matrix proba() {
        if (proba == null) {
            classes();
            if (!classifier().hasProbabilities()) {
                throw new UnsupportedOperationException("model '" + model.kind() + "' gives no class probabilities");
            }
            Matrix p = predictProba(classifier(), test);
            int known = modelClassCount();
            if (p.rows() != test.size() || p.cols() != known) {
                throw new IllegalStateException("model '" + model.kind() + "' returned " + p.rows() + " x " + p.cols()
                        + " probabilities for " + test.size() + " rows and " + known + " classes");
            }
            if (known < numClasses) {
                Matrix wide = Matrix.zeros(p.rows(), numClasses);
                wide.block(0, 0, p.rows(), known).assign(p);
                p = wide;
            }
            proba = p;
        }
        return proba;
    }

    /** Column {@code c} of {@link #proba()}. */
    double[] probaColumn(int c) {
        return proba().columnArray(c);
    }

    private Regressor regressor() {
        if (test.task() != Dataset.Task.REGRESSION) {
            throw new IllegalArgumentException("scorer '" + scorer + "' is for regression but the test data's task is "
                    + test.task().name().toLowerCase());
        }
        if (!(model instanceof Regressor r)) {
            throw new IllegalArgumentException("scorer '" + scorer + "' needs a regressor, but model '" + model.kind()
                    + "' is not one");
        }
        return r;
    }

    /** The true regression target. */
    double[] target() {
        if (y == null) {
            regressor();
            y = test.target();
        }
        return y;
    }

    /** The model's predictions ({@link Regressor#predict}). */
    double[] values() {
        if (values == null) {
            double[] v = predictValues(regressor(), test);
            if (v.length != test.size()) {
                throw new IllegalStateException("model '" + model.kind() + "' returned " + v.length + " predictions for "
                        + test.size() + " rows");
            }
            values = v;
        }
        return values;
    }

    /** {@code c.predict} on the test rows: the CSR matrix of a sparse data set, the dense one otherwise. */
    static int[] predictLabels(Classifier c, Dataset test) {
        return test.isSparse() ? c.predict(test.sparseFeatures()) : c.predict(test.features());
    }

    /** {@code c.predictProba} on the test rows, sparse or dense as the data set holds them. */
    static Matrix predictProba(Classifier c, Dataset test) {
        return test.isSparse() ? c.predictProba(test.sparseFeatures()) : c.predictProba(test.features());
    }

    /** {@code r.predict} on the test rows, sparse or dense as the data set holds them. */
    static double[] predictValues(Regressor r, Dataset test) {
        return test.isSparse() ? r.predict(test.sparseFeatures()) : r.predict(test.features());
    }
}
