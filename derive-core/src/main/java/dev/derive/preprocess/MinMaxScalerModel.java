package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted {@link MinMaxScaler}: {@code z = x * scale + min} on numeric features, optionally clipped to
 * the target range; categorical features pass through. Output features have the input names and kinds.
 * Immutable and thread-safe.
 */
public final class MinMaxScalerModel extends FittedTransformer {

    private final double[] dataMin;
    private final double[] dataMax;
    private final double[] scale;
    private final double[] min;
    private final double rangeMin;
    private final double rangeMax;
    private final boolean clip;

    MinMaxScalerModel(Params params, ModelSchema schema, TrainingReport report, double[] dataMin, double[] dataMax,
                      double[] scale, double[] min, double rangeMin, double rangeMax, boolean clip) {
        super(MinMaxScaler.NAME, params, schema, report, schema.features());
        this.dataMin = dataMin.clone();
        this.dataMax = dataMax.clone();
        this.scale = scale.clone();
        this.min = min.clone();
        this.rangeMin = rangeMin;
        this.rangeMax = rangeMax;
        this.clip = clip;
    }

    /** The training minimum of each feature (NaN for categorical features). A copy. */
    public double[] dataMin() {
        return dataMin.clone();
    }

    /** The training maximum of each feature (NaN for categorical features). A copy. */
    public double[] dataMax() {
        return dataMax.clone();
    }

    /** The factor of each feature (scikit-learn's {@code scale_}; NaN for categorical features). A copy. */
    public double[] scale() {
        return scale.clone();
    }

    /** The offset of each feature (scikit-learn's {@code min_}; NaN for categorical features). A copy. */
    public double[] min() {
        return min.clone();
    }

    @Override
    Matrix apply(Matrix x, List<Dataset.Feature> inputFeatures) {
        return mapNumericColumns(x, inputFeatures, (j, v) -> {
            double t = v * scale[j] + min[j];
            return clip && !Double.isNaN(t) ? Math.min(rangeMax, Math.max(rangeMin, t)) : t;
        });
    }
}
