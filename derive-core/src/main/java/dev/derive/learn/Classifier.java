package dev.derive.learn;

import dev.derive.linalg.Matrix;
import java.util.List;

/** A model that assigns each row one of {@code K} classes and can say how probable each class is. */
public interface Classifier extends Model {

    /** The predicted class index ({@code 0..K-1}, indexing {@link #classes()}) of each row of {@code x}. */
    int[] predict(Matrix x);

    /** Class probabilities, {@code n x K}, each row summing to 1. */
    Matrix predictProba(Matrix x);

    /** The class names, in index order. */
    default List<String> classes() {
        return schema().classes();
    }
}
