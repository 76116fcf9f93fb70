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
 * Standardisation {@code z = (x - mean) / std} of each numeric feature, as scikit-learn's
 * {@code StandardScaler}: {@code mean = sum_i w_i x_i / sum_i w_i} and the (biased) variance
 * {@code var = sum_i w_i (x_i - mean)^2 / sum_i w_i} over the rows where the feature is present, with
 * {@code w_i} the data set's sample weights (1 when unweighted). The variance is computed by the corrected
 * two-pass algorithm (Chan, Golub &amp; LeVeque 1983).
 *
 * <ul>
 *   <li>Parameters: {@code with_mean} (subtract the mean, default true), {@code with_std} (divide by the
 *       standard deviation, default true).</li>
 *   <li>A feature indistinguishable from a constant ({@code var <= n eps var + (n mean eps)^2}, with
 *       {@code n} the sum of weights, scikit-learn's test) keeps scale 1: it is centred but not scaled.</li>
 *   <li>Missing values (NaN) are ignored when fitting and stay missing in the output, so imputation can
 *       come before or after scaling. A feature with no observed value (or only zero-weight rows) is an
 *       error. Infinite values are an error.</li>
 *   <li>Categorical features pass through unchanged (their codes are checked to be training levels), as
 *       with scikit-learn's {@code ColumnTransformer} applying the scaler to the numeric columns only.</li>
 * </ul>
 */
public final class StandardScaler extends PreprocessingLearner<StandardScaler, StandardScalerModel> {

    /** The registered name. */
    public static final String NAME = "standard_scaler";

    static final List<Param<?>> SPECS = List.of(
            Param.flag("with_mean", true, "subtract the (weighted) mean of each numeric feature"),
            Param.flag("with_std", true, "divide each numeric feature by its (weighted) standard deviation"));

    private StandardScaler(Params params) {
        super(params);
    }

    /** The scaler with default parameters (centre and scale). */
    public static StandardScaler learner() {
        return new StandardScaler(defaults(SPECS));
    }

    public StandardScaler withMean(boolean b) {
        return with("with_mean", b);
    }

    public StandardScaler withStd(boolean b) {
        return with("with_std", b);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected StandardScaler create(Params params) {
        return new StandardScaler(params);
    }

    @Override
    protected StandardScalerModel train(Dataset data) {
        long t0 = System.nanoTime();
        boolean withMean = params().getBoolean("with_mean");
        boolean withStd = params().getBoolean("with_std");
        Matrix x = data.features();
        double[] w = data.weights();
        List<Dataset.Feature> features = data.featureInfo();
        int p = x.cols();
        int n = x.rows();
        double[] mean = new double[p];
        double[] var = new double[p];
        double[] scale = new double[p];
        List<String> constant = new ArrayList<>();
        double eps = Math.ulp(1.0);
        for (int j = 0; j < p; j++) {
            Dataset.Feature f = features.get(j);
            if (f.isCategorical()) {
                FittedTransformer.checkCategoricalColumn(NAME, f, x, j, null, true);
                mean[j] = Double.NaN;
                var[j] = Double.NaN;
                scale[j] = Double.NaN;
                continue;
            }
            double count = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = x.get(i, j);
                if (Double.isNaN(v)) {
                    continue;
                }
                FittedTransformer.requireNotInfinite(NAME, f, v, i);
                double wi = w == null ? 1 : w[i];
                count += wi;
                sum += wi * v;
            }
            if (!(count > 0)) {
                throw new IllegalArgumentException(NAME + ": feature '" + f.name() + "' has no observed value"
                        + (w == null ? " (all " + n + " rows are missing)" : " with a positive weight")
                        + "; drop the column or impute it first");
            }
            mean[j] = sum / count;
            if (withStd) {
                double correction = 0;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    double v = x.get(i, j);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    double wi = w == null ? 1 : w[i];
                    double d = v - mean[j];
                    correction += wi * d;
                    sq += wi * (d * d);
                }
                var[j] = (sq - correction * correction / count) / count;
                double bound = count * eps * var[j] + (count * mean[j] * eps) * (count * mean[j] * eps);
                if (var[j] <= bound) {
                    scale[j] = 1;
                    constant.add(f.name());
                } else {
                    scale[j] = Math.sqrt(var[j]);
                }
            } else {
                var[j] = Double.NaN;
                scale[j] = 1;
            }
        }
        List<String> warnings = constant.isEmpty() ? List.of()
                : List.of("constant features left unscaled (zero variance): " + String.join(", ", constant));
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, Map.of());
        return new StandardScalerModel(params(), FittedTransformer.unsupervisedSchema(data), report, mean, var, scale,
                withMean, withStd);
    }
}
