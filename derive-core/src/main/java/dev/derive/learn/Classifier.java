package dev.derive.learn;

import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A model that assigns each row one of {@code K} classes and, unless it is a margin classifier (a linear
 * SVM: {@link #hasProbabilities()} false), says how probable each class is.
 */
public interface Classifier extends Model {

    /** The predicted class index ({@code 0..K-1}, indexing {@link #classes()}) of each row of {@code x}. */
    int[] predict(Matrix x);

    /**
     * Class probabilities, {@code n x K}, each row summing to 1.
     *
     * @throws UnsupportedOperationException if {@link #hasProbabilities()} is false
     */
    Matrix predictProba(Matrix x);

    /**
     * False for a classifier that gives only labels and margins (an SVM without calibration), whose
     * {@link #predictProba} throws; probability scores (log-loss, ROC AUC) are then not computed. True by default.
     */
    default boolean hasProbabilities() {
        return true;
    }

    /** The class names, in index order. */
    default List<String> classes() {
        return schema().classes();
    }
}
