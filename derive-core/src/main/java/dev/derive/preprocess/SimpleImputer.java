package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replaces missing values (NaN) column by column, as scikit-learn's {@code SimpleImputer} applied to the
 * numeric columns with {@code strategy} and to the categorical columns with {@code categorical_strategy}
 * (a {@code ColumnTransformer} of two imputers, in one step and without reordering columns).
 *
 * <ul>
 *   <li>{@code strategy} for numeric features: {@code mean} (default), {@code median} (the mean of the
 *       two middle values for an even count), {@code most_frequent} (the smallest of the most frequent
 *       values) or {@code constant} ({@code fill_value}, default 0), computed over the observed values of
 *       each feature. Sample weights are ignored, as in scikit-learn.</li>
 *   <li>{@code categorical_strategy} for categorical features: {@code most_frequent} (default; the most
 *       frequent level, ties to the smaller code, i.e. the earlier level) or {@code constant}: a new level
 *       {@code "missing_value"} (scikit-learn's default fill for strings) is appended to the levels of
 *       every categorical feature (unless it is already one of them) and missing values take it (so the
 *       output levels do not depend on which features happened to have missing training values; a
 *       following {@link OneHotEncoder} with {@code categories = observed} gives the new level a column
 *       only where it occurs).</li>
 *   <li>A feature with no observed value in the training data is an <b>error</b> for {@code mean},
 *       {@code median} and {@code most_frequent} (scikit-learn silently drops such columns, which would
 *       shift every later column); with {@code constant} it is filled like any other. Infinite values are
 *       an error.</li>
 *   <li>Transforming fills missing values in every feature, including features that had none in
 *       training; output features keep their names and kinds (categorical levels possibly extended).</li>
 * </ul>
 */
public final class SimpleImputer extends PreprocessingLearner<SimpleImputer, SimpleImputerModel> {

    /** The registered name. */
    public static final String NAME = "simple_imputer";

    /** The level added for missing categorical values under {@code categorical_strategy = constant}. */
    public static final String MISSING_LEVEL = "missing_value";

    static final List<Param<?>> SPECS = List.of(
            Param.choice("strategy", "mean", List.of("mean", "median", "most_frequent", "constant"),
                    "fill for numeric features: mean, median, most frequent value, or fill_value"),
            Param.real("fill_value", 0.0, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
                    "the numeric fill of strategy constant"),
            Param.choice("categorical_strategy", "most_frequent", List.of("most_frequent", "constant"),
                    "fill for categorical features: the most frequent level, or a new level 'missing_value'"));

    private SimpleImputer(Params params) {
        super(params);
    }

    /** The imputer with default parameters (numeric mean, categorical most frequent level). */
    public static SimpleImputer learner() {
        return new SimpleImputer(defaults(SPECS));
    }

    public SimpleImputer strategy(String s) {
        return with("strategy", s);
    }

    public SimpleImputer fillValue(double v) {
        return with("fill_value", v);
    }

    public SimpleImputer categoricalStrategy(String s) {
        return with("categorical_strategy", s);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected SimpleImputer create(Params params) {
        return new SimpleImputer(params);
    }

    @Override
    protected SimpleImputerModel train(Dataset data) {
        long t0 = System.nanoTime();
        String strategy = params().getString("strategy");
        String catStrategy = params().getString("categorical_strategy");
        Matrix x = data.features();
        List<Dataset.Feature> features = data.featureInfo();
        int p = x.cols();
        double[] fill = new double[p];
        List<Dataset.Feature> out = outputFeatures(features, catStrategy);
        for (int j = 0; j < p; j++) {
            Dataset.Feature f = features.get(j);
            if (f.isCategorical()) {
                FittedTransformer.checkCategoricalColumn(NAME, f, x, j, null, true);
                if (catStrategy.equals("constant")) {
                    fill[j] = out.get(j).levels().indexOf(MISSING_LEVEL);
                } else {
                    int[] counts = new int[f.levels().size()];
                    int seen = 0;
                    for (int i = 0; i < x.rows(); i++) {
                        double v = x.get(i, j);
                        if (!Double.isNaN(v)) {
                            counts[(int) v]++;
                            seen++;
                        }
                    }
                    if (seen == 0) {
                        throw allMissing(f, x.rows(), "its most frequent level", "categorical_strategy=constant");
                    }
                    int best = 0;
                    for (int c = 1; c < counts.length; c++) {
                        if (counts[c] > counts[best]) {
                            best = c;
                        }
                    }
                    fill[j] = best;
                }
                continue;
            }
            double[] obs = observed(x, j, f);
            if (strategy.equals("constant")) {
                fill[j] = params().getDouble("fill_value");
                continue;
            }
            if (obs.length == 0) {
                throw allMissing(f, x.rows(), "its " + strategy.replace('_', ' ') + " value", "strategy=constant");
            }
            fill[j] = switch (strategy) {
                case "mean" -> mean(obs);
                case "median" -> median(obs);
                default -> mostFrequent(obs);
            };
        }
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), List.of(), Map.of());
        return new SimpleImputerModel(params(), FittedTransformer.unsupervisedSchema(data), report, out, fill);
    }

    /**
     * The output features: the input features, with {@link #MISSING_LEVEL} appended to the levels of each
     * categorical feature (unless present) under {@code categorical_strategy = constant}.
     */
    static List<Dataset.Feature> outputFeatures(List<Dataset.Feature> in, String categoricalStrategy) {
        List<Dataset.Feature> out = new ArrayList<>(in.size());
        for (Dataset.Feature f : in) {
            if (f.isCategorical() && categoricalStrategy.equals("constant") && !f.levels().contains(MISSING_LEVEL)) {
                List<String> levels = new ArrayList<>(f.levels());
                levels.add(MISSING_LEVEL);
                out.add(Dataset.Feature.categorical(f.name(), levels));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    private static IllegalArgumentException allMissing(Dataset.Feature f, int n, String what, String alternative) {
        return new IllegalArgumentException(NAME + ": feature '" + f.name() + "' has no observed value (all " + n
                + " rows are missing), so " + what + " is undefined; drop the column or use " + alternative);
    }

    private static double[] observed(Matrix x, int j, Dataset.Feature f) {
        double[] v = new double[x.rows()];
        int k = 0;
        for (int i = 0; i < x.rows(); i++) {
            double a = x.get(i, j);
            if (!Double.isNaN(a)) {
                FittedTransformer.requireNotInfinite(NAME, f, a, i);
                v[k++] = a;
            }
        }
        return Arrays.copyOf(v, k);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a;
        }
        return s / v.length;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double mostFrequent(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double best = s[0];
        int bestCount = 0;
        for (int i = 0; i < s.length; ) {
            int k = i;
            while (k < s.length && s[k] == s[i]) {
                k++;
            }
            if (k - i > bestCount) { // strictly greater: the smallest value wins ties
                bestCount = k - i;
                best = s[i];
            }
            i = k;
        }
        return best;
    }
}
