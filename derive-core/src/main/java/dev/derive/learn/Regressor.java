package dev.derive.learn;

import dev.derive.linalg.Matrix;

/** A model that predicts a real number for each row. */
public interface Regressor extends Model {

    /** The prediction for each row of {@code x}. */
    double[] predict(Matrix x);
}
