package dev.derive.learn;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model was trained on: the features (names, kinds and levels), the target's name and, for
 * classifiers, the class names. Models check prediction input against it.
 *
 * @param features   the training features, one per column
 * @param targetName the target column ({@code null} for unsupervised models)
 * @param classes      the class names (empty unless a classifier)
 * @param trainingRows the number of training rows
 * @param dataSha256   {@link Dataset#sha256()} of the training data (provenance; {@code null} if unknown)
 */
public record ModelSchema(List<Dataset.Feature> features, String targetName, List<String> classes,
                          int trainingRows, String dataSha256) {

    public ModelSchema {
        features = List.copyOf(features);
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    /** The schema of a training set, with its digest as provenance. */
    public static ModelSchema of(Dataset data) {
        return new ModelSchema(data.featureInfo(), data.targetName(), data.classes(), data.size(), data.sha256());
    }

    /** Number of features. */
    public int featureCount() {
        return features.size();
    }

    /** Feature names in column order. */
    public List<String> featureNames() {
        List<String> n = new ArrayList<>(features.size());
        for (Dataset.Feature f : features) {
            n.add(f.name());
        }
        return n;
    }

    /**
     * Checks that {@code x} has the training feature count (and, if {@code finite}, no NaN/Inf), naming
     * the model, the features and the offending value.
     */
    public void check(Matrix x, String model, boolean finite) {
        if (x.cols() != features.size()) {
            List<String> names = featureNames();
            String shown = names.size() <= 12 ? String.join(", ", names) : String.join(", ", names.subList(0, 12)) + ", ...";
            throw new IllegalArgumentException(model + " was trained on " + features.size() + " features (" + shown
                    + ") but the input has " + x.cols() + " columns");
        }
        if (finite) {
            for (int j = 0; j < x.cols(); j++) {
                for (int i = 0; i < x.rows(); i++) {
                    double v = x.get(i, j);
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException(model + " cannot predict from " + v + ": feature '"
                                + features.get(j).name() + "' at row " + i + (Double.isNaN(v) ? " is missing; impute it first" : ""));
                    }
                }
            }
        }
    }

    /**
     * Checks that the sparse {@code x} has the training feature count (and, if {@code finite}, that no
     * stored entry is NaN/Inf), naming the model, the features and the offending value.
     */
    public void check(SparseMatrix x, String model, boolean finite) {
        if (x.cols() != features.size()) {
            List<String> names = featureNames();
            String shown = names.size() <= 12 ? String.join(", ", names) : String.join(", ", names.subList(0, 12)) + ", ...";
            throw new IllegalArgumentException(model + " was trained on " + features.size() + " features (" + shown
                    + ") but the sparse input has " + x.cols() + " columns");
        }
        if (finite) {
            x.forEachNonZero((i, j, v) -> {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(model + " cannot predict from " + v + ": feature '"
                            + features.get(j).name() + "' at row " + i + (Double.isNaN(v) ? " is missing; impute it first" : ""));
                }
            });
        }
    }
}
