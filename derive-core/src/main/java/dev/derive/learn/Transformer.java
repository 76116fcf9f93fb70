package dev.derive.learn;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted transformation of feature matrices (a scaler, an encoder, an imputer, a projection). It also
 * says what the output columns are, so that a {@link Dataset} passed through it keeps meaningful feature
 * names and kinds (a pipeline relies on that).
 */
public interface Transformer extends Model {

    /** The transformed rows of {@code x} (a new matrix; {@code x} is not modified). */
    Matrix transform(Matrix x);

    /** The output features, one per column of {@link #transform}'s result. */
    List<Dataset.Feature> outputFeatures();

    /** The data set with its features transformed; target and weights unchanged. */
    default Dataset transform(Dataset data) {
        return data.withFeatureMatrix(transform(data.features()), outputFeatures());
    }
}
