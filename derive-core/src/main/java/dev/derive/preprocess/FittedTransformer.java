package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.learn.Transformer;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The common part of the fitted preprocessing models: kind, parameters, schema, report and output
 * features; the input checks (column count, feature names, categorical codes) shared by every
 * transformer of this package.
 *
 * <p>{@link #transform(Matrix)} reads categorical columns as codes into the training levels.
 * {@link #transform(Dataset)} first checks that the data set has the training features (same names, in
 * the same order) and re-expresses its categorical codes in the training levels by level name, so a data
 * set whose levels are ordered differently, or that holds levels never seen in training, is read
 * correctly; a level unknown to the model is given the code {@code L + c} (where {@code L} is the number
 * of training levels and {@code c} its code in the data set) and named in error messages.
 */
abstract class FittedTransformer extends AbstractModel implements Transformer {

    private final String kind;
    private final ModelSchema schema;
    private final List<Dataset.Feature> outputFeatures;

    FittedTransformer(String kind, Params params, ModelSchema schema, TrainingReport report,
                      List<Dataset.Feature> outputFeatures) {
        super(params, schema, report);
        this.kind = kind;
        this.schema = schema;
        this.outputFeatures = List.copyOf(outputFeatures);
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final List<Dataset.Feature> outputFeatures() {
        return outputFeatures;
    }

    /** The output feature names, one per output column. */
    public final List<String> outputFeatureNames() {
        List<String> names = new ArrayList<>(outputFeatures.size());
        for (Dataset.Feature f : outputFeatures) {
            names.add(f.name());
        }
        return names;
    }

    @Override
    public final Matrix transform(Matrix x) {
        schema.check(x, kind, false);
        return x.rows() == 0 ? Matrix.zeros(0, outputFeatures.size()) : apply(x, null);
    }

    @Override
    public final Dataset transform(Dataset data) {
        Matrix x = data.features();
        schema.check(x, kind, false);
        List<Dataset.Feature> in = data.featureInfo();
        List<Dataset.Feature> trained = schema.features();
        boolean recode = false;
        for (int j = 0; j < trained.size(); j++) {
            Dataset.Feature t = trained.get(j);
            Dataset.Feature f = in.get(j);
            if (!t.name().equals(f.name())) {
                throw new IllegalArgumentException(kind + " was trained with feature '" + t.name() + "' in column " + j
                        + " but the data set has '" + f.name() + "' there; training features: " + schema.featureNames());
            }
            if (t.isCategorical() != f.isCategorical()) {
                throw new IllegalArgumentException(kind + ": feature '" + t.name() + "' was " + kindOf(t)
                        + " in training but is " + kindOf(f) + " in the data set");
            }
            recode |= t.isCategorical() && !t.levels().equals(f.levels());
        }
        if (x.rows() == 0) {
            return data.withFeatureMatrix(Matrix.zeros(0, outputFeatures.size()), outputFeatures);
        }
        if (recode) {
            x = recode(x, in, trained);
        }
        return data.withFeatureMatrix(apply(x, in), outputFeatures);
    }

    private static String kindOf(Dataset.Feature f) {
        return f.isCategorical() ? "categorical" : "numeric";
    }

    /** Codes of {@code x} re-expressed in the training levels by level name; unknown levels get {@code L + c}. */
    private static Matrix recode(Matrix x, List<Dataset.Feature> in, List<Dataset.Feature> trained) {
        Matrix out = x.copy();
        for (int j = 0; j < trained.size(); j++) {
            Dataset.Feature t = trained.get(j);
            if (!t.isCategorical() || t.levels().equals(in.get(j).levels())) {
                continue;
            }
            List<String> inLevels = in.get(j).levels();
            int l = t.levels().size();
            int[] map = new int[inLevels.size()];
            for (int c = 0; c < map.length; c++) {
                int k = t.levels().indexOf(inLevels.get(c));
                map[c] = k >= 0 ? k : l + c;
            }
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (v >= 0 && v < map.length && v == Math.rint(v)) {
                    out.set(i, j, map[(int) v]);
                } else if (!Double.isNaN(v)) {
                    throw invalidCode(t.name(), v, i, inLevels.size());
                }
            }
        }
        return out;
    }

    /**
     * The transformation proper, on a matrix already checked to have the training column count.
     *
     * @param x             the input; categorical columns hold codes into the training levels (codes
     *                      {@code >= L} are unknown levels)
     * @param inputFeatures the input data set's features when called from {@link #transform(Dataset)}
     *                      (used to name unknown levels in messages), else {@code null}
     */
    abstract Matrix apply(Matrix x, List<Dataset.Feature> inputFeatures);

    /** A per-feature map of finite or missing values, as the scalers apply. */
    interface ColumnMap {
        double apply(int feature, double value);
    }

    /**
     * Applies {@code map} to every numeric feature of {@code x} (NaN passes through the map as it chooses;
     * infinities are refused) and passes categorical features through after checking their codes.
     */
    Matrix mapNumericColumns(Matrix x, List<Dataset.Feature> inputFeatures, ColumnMap map) {
        List<Dataset.Feature> features = schema().features();
        Matrix out = x.copy();
        for (int j = 0; j < x.cols(); j++) {
            Dataset.Feature f = features.get(j);
            if (f.isCategorical()) {
                checkCategoricalColumn(kind(), f, x, j, inputFeatures, true);
                continue;
            }
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                requireNotInfinite(kind(), f, v, i);
                out.set(i, j, map.apply(j, v));
            }
        }
        return out;
    }

    // ------------------------------------------------------------ shared checks for subclasses

    /**
     * The category index of value {@code v} of categorical column {@code j} at row {@code i}: its code
     * if it is one of the {@code L} training levels, {@code -1} if it is a valid but unknown code
     * ({@code >= L}, from a data set with other levels, or from a matrix), or it throws for a value that
     * is not a non-negative integer. {@code v} must not be NaN.
     */
    static int category(String model, Dataset.Feature f, double v, int i) {
        if (!(v >= 0) || v != Math.rint(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(model + ": categorical feature '" + f.name() + "' holds " + v + " at row " + i
                    + ", which is not a level code (an integer in [0, " + f.levels().size() + "))");
        }
        return v < f.levels().size() ? (int) v : -1;
    }

    /** How to name category value {@code v} of feature {@code j} in a message. */
    static String describe(Dataset.Feature trained, List<Dataset.Feature> inputFeatures, int j, double v) {
        int code = (int) v;
        int l = trained.levels().size();
        if (code < l) {
            return "'" + trained.levels().get(code) + "' (code " + code + ")";
        }
        if (inputFeatures != null) {
            List<String> in = inputFeatures.get(j).levels();
            int c = code - l;
            if (c < in.size()) {
                return "'" + in.get(c) + "' (code " + c + " in the data set)";
            }
        }
        return "code " + code;
    }

    static IllegalArgumentException invalidCode(String feature, double v, int row, int levels) {
        return new IllegalArgumentException("categorical feature '" + feature + "' holds " + v + " at row " + row
                + ", which is not a level code (an integer in [0, " + levels + "))");
    }

    /** Throws if {@code v} is infinite, naming the model, feature and row. */
    static void requireNotInfinite(String model, Dataset.Feature f, double v, int i) {
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(model + " does not accept infinite values: feature '" + f.name()
                    + "' is " + v + " at row " + i);
        }
    }

    /**
     * Checks a categorical column that the transformer passes through or fills: each value is NaN (if
     * {@code allowMissing}) or one of the training level codes.
     */
    static void checkCategoricalColumn(String model, Dataset.Feature f, Matrix x, int j,
                                       List<Dataset.Feature> inputFeatures, boolean allowMissing) {
        for (int i = 0; i < x.rows(); i++) {
            double v = x.get(i, j);
            if (Double.isNaN(v)) {
                if (!allowMissing) {
                    throw new IllegalArgumentException(model + " does not accept missing values: feature '" + f.name()
                            + "' is missing at row " + i);
                }
                continue;
            }
            if (category(model, f, v, i) < 0) {
                throw new IllegalArgumentException(model + ": feature '" + f.name() + "' has the unknown category "
                        + describe(f, inputFeatures, j, v) + " at row " + i + "; training levels: " + f.levels());
            }
        }
    }

    static ModelSchema unsupervisedSchema(Dataset data) {
        return new ModelSchema(data.featureInfo(), null, List.of(), data.size(), data.sha256());
    }
}
