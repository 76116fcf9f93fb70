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
 * One-hot (dummy) encoding of the categorical features of a {@link Dataset}: a categorical feature with
 * categories {@code c_1..c_K} becomes {@code K} indicator columns named {@code feature=level} (fewer if
 * one is dropped); numeric features pass through unchanged. Columns stay in input order, each categorical
 * feature expanded in place (scikit-learn's {@code ColumnTransformer} would put the encoded columns
 * first). The encoding of one feature matches scikit-learn's {@code OneHotEncoder}.
 *
 * <ul>
 *   <li>{@code categories}: {@code levels} (default) uses every declared level of the feature, seen in
 *       the training rows or not, so that folds of a data set encode to the same columns;
 *       {@code observed} uses only the levels present in the training rows (scikit-learn's
 *       {@code categories='auto'}), in level order.</li>
 *   <li>{@code drop}: {@code none} (default), {@code first} (drop the first category's column, giving
 *       {@code K - 1} columns; that category encodes as all zeros) or {@code if_binary} (drop the first
 *       column only of features with exactly two categories).</li>
 *   <li>{@code handle_unknown}: a category not among the training categories (a code outside the
 *       training levels, a level of a data set that the model does not know, or with
 *       {@code categories = observed} a level absent from the training rows) is an error naming the
 *       feature, the level or code and the row ({@code error}, default), or encodes as all zeros
 *       ({@code ignore}).</li>
 *   <li>Missing values (NaN) in a categorical feature are an <b>error</b>, when fitting and when
 *       transforming; impute them first ({@link SimpleImputer} with {@code categorical_strategy =
 *       constant} gives missing values their own level, hence their own indicator column). Numeric
 *       features pass through whatever they hold.</li>
 *   <li>Sample weights do not affect the encoding.</li>
 * </ul>
 */
public final class OneHotEncoder extends PreprocessingLearner<OneHotEncoder, OneHotEncoderModel> {

    /** The registered name. */
    public static final String NAME = "one_hot_encoder";

    static final String MISSING_ADVICE = "; impute it first (simple_imputer: categorical_strategy = most_frequent,"
            + " or constant to give missing values their own level and indicator column)";

    static final List<Param<?>> SPECS = List.of(
            Param.choice("categories", "levels", List.of("levels", "observed"),
                    "levels: every declared level of a feature; observed: only the levels in the training rows"),
            Param.choice("drop", "none", List.of("none", "first", "if_binary"),
                    "drop no column, the first category's column, or the first of binary features only"),
            Param.choice("handle_unknown", "error", List.of("error", "ignore"),
                    "an unknown category is an error, or encodes as all zeros"));

    private OneHotEncoder(Params params) {
        super(params);
    }

    /** The encoder with default parameters (all levels, no drop, unknown categories are errors). */
    public static OneHotEncoder learner() {
        return new OneHotEncoder(defaults(SPECS));
    }

    public OneHotEncoder categories(String s) {
        return with("categories", s);
    }

    public OneHotEncoder drop(String s) {
        return with("drop", s);
    }

    public OneHotEncoder handleUnknown(String s) {
        return with("handle_unknown", s);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected OneHotEncoder create(Params params) {
        return new OneHotEncoder(params);
    }

    @Override
    protected OneHotEncoderModel train(Dataset data) {
        long t0 = System.nanoTime();
        boolean observed = params().getString("categories").equals("observed");
        String drop = params().getString("drop");
        Matrix x = data.features();
        List<Dataset.Feature> features = data.featureInfo();
        int p = x.cols();
        CategoryTable[] tables = new CategoryTable[p];
        int[] dropped = new int[p];
        for (int j = 0; j < p; j++) {
            Dataset.Feature f = features.get(j);
            dropped[j] = -1;
            if (!f.isCategorical()) {
                continue;
            }
            tables[j] = CategoryTable.fit(NAME, f, x, j, observed, false, MISSING_ADVICE);
            int k = tables[j].codes.length;
            if (k > 0 && (drop.equals("first") || (drop.equals("if_binary") && k == 2))) {
                dropped[j] = 0;
            }
        }
        List<String> warnings = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            if (tables[j] != null && tables[j].codes.length - (dropped[j] >= 0 ? 1 : 0) == 0) {
                warnings.add("feature '" + features.get(j).name() + "' encodes to no column (a single category, dropped)");
            }
        }
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), warnings, Map.of());
        return new OneHotEncoderModel(params(), FittedTransformer.unsupervisedSchema(data), report, tables, dropped,
                params().getString("handle_unknown").equals("ignore"));
    }
}
