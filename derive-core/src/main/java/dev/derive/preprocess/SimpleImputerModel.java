package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;

/**
 * A fitted {@link SimpleImputer}: each missing value of feature {@code j} becomes {@code statistics()[j]}
 * (for a categorical feature, a code into its output levels). Immutable and thread-safe.
 */
public final class SimpleImputerModel extends FittedTransformer {

    private final double[] fill;

    SimpleImputerModel(Params params, ModelSchema schema, TrainingReport report, List<Dataset.Feature> outputFeatures,
                       double[] fill) {
        super(SimpleImputer.NAME, params, schema, report, outputFeatures);
        this.fill = fill.clone();
    }

    /**
     * The fill of each feature (scikit-learn's {@code statistics_}): a number for a numeric feature, the
     * code of the fill level in the output levels for a categorical one. A copy.
     */
    public double[] statistics() {
        return fill.clone();
    }

    @Override
    Matrix apply(Matrix x, List<Dataset.Feature> inputFeatures) {
        List<Dataset.Feature> features = schema().features();
        Matrix out = x.copy();
        for (int j = 0; j < x.cols(); j++) {
            Dataset.Feature f = features.get(j);
            if (f.isCategorical()) {
                checkCategoricalColumn(kind(), f, x, j, inputFeatures, true);
            }
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isNaN(v)) {
                    out.set(i, j, fill[j]);
                } else if (!f.isCategorical()) {
                    requireNotInfinite(kind(), f, v, i);
                }
            }
        }
        return out;
    }
}
