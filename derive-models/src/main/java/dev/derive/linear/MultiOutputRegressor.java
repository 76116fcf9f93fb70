package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A linear learner that fits every column of a target matrix {@code Y} ({@code n x k}) at once: column {@code t}
 * of the coefficients is what the single-target fit gives for target {@code t} alone, as scikit-learn's
 * {@code fit(X, Y)} with a 2-D {@code Y} ({@link LinearRegression}, {@link Ridge}).
 */
public interface MultiOutputRegressor {

    /**
     * The multi-output fit on the features and sample weights of {@code features} (its own target, if any, is
     * ignored), keeping its feature names, with the targets named {@code targetNames}.
     *
     * @throws IllegalArgumentException naming the problem if the shapes disagree or a value is not finite
     */
    MultiOutputLinearModel fitMulti(Dataset features, Matrix y, List<String> targetNames);

    /**
     * The multi-output fit of {@code y} ({@code n x k}) on {@code x} ({@code n x p}, features named
     * {@code x0, x1, ...}, targets {@code y0, y1, ...}).
     *
     * @throws IllegalArgumentException naming the problem if the shapes disagree or a value is not finite
     */
    default MultiOutputLinearModel fitMulti(Matrix x, Matrix y) {
        return fitMulti(MultiOutputLinearModel.features(x, null), y);
    }

    /** {@link #fitMulti(Dataset, Matrix, List)} with the targets named {@code y0, y1, ...}. */
    default MultiOutputLinearModel fitMulti(Dataset features, Matrix y) {
        return fitMulti(features, y, MultiOutputLinearModel.defaultTargetNames(y == null ? 0 : y.cols()));
    }
}
