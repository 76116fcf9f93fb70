package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Min-max scaling of each numeric feature to {@code [a, b]} (scikit-learn's {@code MinMaxScaler}):
 * {@code z = x * scale + min} with {@code scale = (b - a) / (max_x - min_x)} and
 * {@code min = a - min_x * scale}, where {@code min_x, max_x} are the feature's training extremes.
 *
 * <ul>
 *   <li>Parameters: {@code feature_range_min} ({@code a}, default 0) and {@code feature_range_max}
 *       ({@code b}, default 1), scikit-learn's {@code feature_range=(a, b)}, with {@code a < b} checked at
 *       fit time; {@code clip} (default false) clips transformed values to {@code [a, b]} (values beyond
 *       the training range otherwise map outside it).</li>
 *   <li>A constant feature ({@code max_x - min_x < 10 eps}) gets range 1 as in scikit-learn, so it maps
 *       to {@code a + (x - min_x)(b - a)}, i.e. to {@code a} on the training data.</li>
 *   <li>Missing values (NaN) are ignored when fitting and stay missing; a feature with no observed value
 *       is an error, as are infinite values. Sample weights do not change extremes and are ignored.</li>
 *   <li>Categorical features pass through unchanged (codes checked against the training levels).</li>
 * </ul>
 */
public final class MinMaxScaler extends PreprocessingLearner<MinMaxScaler, MinMaxScalerModel> {

    /** The registered name. */
    public static final String NAME = "min_max_scaler";

    static final List<Param<?>> SPECS = List.of(
            Param.real("feature_range_min", 0.0, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
                    "lower end a of the target range (scikit-learn feature_range[0]); must be < feature_range_max"),
            Param.real("feature_range_max", 1.0, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
                    "upper end b of the target range (scikit-learn feature_range[1]); must be > feature_range_min"),
            Param.flag("clip", false, "clip transformed values to the target range"));

    private MinMaxScaler(Params params) {
        super(params);
    }

    /** The scaler to {@code [0, 1]}. */
    public static MinMaxScaler learner() {
        return new MinMaxScaler(defaults(SPECS));
    }

    /** The scaler to {@code [min, max]} ({@code min < max}). */
    public MinMaxScaler featureRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("feature_range = (" + min + ", " + max + ") is invalid; the minimum must be "
                    + "smaller than the maximum");
        }
        return create(params().with("feature_range_min", min).with("feature_range_max", max));
    }

    public MinMaxScaler clip(boolean b) {
        return with("clip", b);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected MinMaxScaler create(Params params) {
        return new MinMaxScaler(params);
    }

    @Override
    protected MinMaxScalerModel train(Dataset data) {
        long t0 = System.nanoTime();
        double a = params().getDouble("feature_range_min");
        double b = params().getDouble("feature_range_max");
        if (!(a < b)) {
            throw new IllegalArgumentException(NAME + ": feature_range_min = " + a + " must be smaller than feature_range_max = "
                    + b);
        }
        Matrix x = data.features();
        List<Dataset.Feature> features = data.featureInfo();
        int p = x.cols();
        double[] dataMin = new double[p];
        double[] dataMax = new double[p];
        double[] scale = new double[p];
        double[] min = new double[p];
        List<String> constant = new ArrayList<>();
        double eps = Math.ulp(1.0);
        for (int j = 0; j < p; j++) {
            Dataset.Feature f = features.get(j);
            if (f.isCategorical()) {
                FittedTransformer.checkCategoricalColumn(NAME, f, x, j, null, true);
                dataMin[j] = dataMax[j] = scale[j] = min[j] = Double.NaN;
                continue;
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            boolean seen = false;
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isNaN(v)) {
                    continue;
                }
                FittedTransformer.requireNotInfinite(NAME, f, v, i);
                seen = true;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (!seen) {
                throw new IllegalArgumentException(NAME + ": feature '" + f.name() + "' has no observed value (all "
                        + x.rows() + " rows are missing); drop the column or impute it first");
            }
            double range = hi - lo;
            if (range < 10 * eps) {
                range = 1;
                constant.add(f.name());
            }
            dataMin[j] = lo;
            dataMax[j] = hi;
            scale[j] = (b - a) / range;
            min[j] = a - lo * scale[j];
        }
        List<String> warnings = constant.isEmpty() ? List.of()
                : List.of("constant features mapped to feature_range_min: " + String.join(", ", constant));
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, Map.of());
        return new MinMaxScalerModel(params(), FittedTransformer.unsupervisedSchema(data), report, dataMin, dataMax, scale,
                min, a, b, params().getBoolean("clip"));
    }
}
