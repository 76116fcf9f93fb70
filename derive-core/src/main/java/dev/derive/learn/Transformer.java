package dev.derive.learn;

import dev.derive.linalg.Matrix;

/** A fitted transformation of feature matrices (a scaler, an encoder, a projection). */
public interface Transformer extends Model {

    /** The transformed rows of {@code x}. */
    Matrix transform(Matrix x);
}
