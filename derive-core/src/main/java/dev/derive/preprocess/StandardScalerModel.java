package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted {@link StandardScaler}: {@code z = (x - mean) / scale} on numeric features (without the
 * subtraction when {@code with_mean = false}, without the division when {@code with_std = false});
 * categorical features pass through. Output features have the input names and kinds. Immutable and
 * thread-safe.
 */
public final class StandardScalerModel extends FittedTransformer {

    private final double[] mean;
    private final double[] variance;
    private final double[] scale;
    private final boolean withMean;
    private final boolean withStd;

    StandardScalerModel(Params params, ModelSchema schema, TrainingReport report, double[] mean, double[] variance,
                        double[] scale, boolean withMean, boolean withStd) {
        super(StandardScaler.NAME, params, schema, report, schema.features());
        this.mean = mean.clone();
        this.variance = variance.clone();
        this.scale = scale.clone();
        this.withMean = withMean;
        this.withStd = withStd;
    }

    /**
     * The (weighted) mean of each feature, computed even when {@code with_mean = false}; NaN for
     * categorical features. A copy.
     */
    public double[] mean() {
        return mean.clone();
    }

    /** The (weighted, biased) variance of each feature; NaN for categorical features and when {@code with_std = false}. */
    public double[] variance() {
        return variance.clone();
    }

    /**
     * The divisor of each feature: the standard deviation, or 1 for a constant feature or when
     * {@code with_std = false}; NaN for categorical features. A copy.
     */
    public double[] scale() {
        return scale.clone();
    }

    @Override
    Matrix apply(Matrix x, List<Dataset.Feature> inputFeatures) {
        return mapNumericColumns(x, inputFeatures, (j, v) -> {
            double t = withMean ? v - mean[j] : v;
            return withStd ? t / scale[j] : t;
        });
    }
}
