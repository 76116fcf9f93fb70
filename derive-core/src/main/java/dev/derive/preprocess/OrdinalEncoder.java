package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.List;
import java.util.Map;

/**
 * Ordinal encoding: each categorical feature becomes one numeric feature (same name) holding the
 * position {@code 0..K-1} of its category among the feature's categories, as scikit-learn's
 * {@code OrdinalEncoder}; numeric features pass through. With the default {@code categories = levels}
 * the output is the level code itself, now typed numeric (so scalers and models treat it as a number).
 *
 * <ul>
 *   <li>{@code categories}: {@code levels} (default: all declared levels) or {@code observed} (only the
 *       levels present in the training rows, in level order: scikit-learn's {@code categories='auto'}).</li>
 *   <li>{@code handle_unknown}: a category not among the training categories is an error naming feature,
 *       level or code and row ({@code error}, default), becomes {@code unknown_value}
 *       ({@code use_encoded_value}, scikit-learn's name; {@code unknown_value} defaults to -1 and must not
 *       be one of the codes {@code 0..K-1}), or becomes missing, NaN ({@code missing}: scikit-learn's
 *       {@code unknown_value=np.nan}).</li>
 *   <li>Missing values (NaN) stay missing, as scikit-learn's default {@code encoded_missing_value} does
 *       for missing values seen in training (scikit-learn treats a missing value that never occurred in
 *       training as an unknown category; Derive always passes it through).</li>
 * </ul>
 */
public final class OrdinalEncoder extends PreprocessingLearner<OrdinalEncoder, OrdinalEncoderModel> {

    /** The registered name. */
    public static final String NAME = "ordinal_encoder";

    static final List<Param<?>> SPECS = List.of(
            Param.choice("categories", "levels", List.of("levels", "observed"),
                    "levels: every declared level of a feature; observed: only the levels in the training rows"),
            Param.choice("handle_unknown", "error", List.of("error", "use_encoded_value", "missing"),
                    "an unknown category is an error, becomes unknown_value, or becomes missing (NaN)"),
            Param.real("unknown_value", -1.0, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false,
                    "the encoding of unknown categories under handle_unknown = use_encoded_value"));

    private OrdinalEncoder(Params params) {
        super(params);
    }

    /** The encoder with default parameters (all levels, unknown categories are errors). */
    public static OrdinalEncoder learner() {
        return new OrdinalEncoder(defaults(SPECS));
    }

    public OrdinalEncoder categories(String s) {
        return with("categories", s);
    }

    public OrdinalEncoder handleUnknown(String s) {
        return with("handle_unknown", s);
    }

    public OrdinalEncoder unknownValue(double v) {
        return with("unknown_value", v);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected OrdinalEncoder create(Params params) {
        return new OrdinalEncoder(params);
    }

    @Override
    protected OrdinalEncoderModel train(Dataset data) {
        long t0 = System.nanoTime();
        boolean observed = params().getString("categories").equals("observed");
        String unknown = params().getString("handle_unknown");
        double unknownValue = params().getDouble("unknown_value");
        Matrix x = data.features();
        List<Dataset.Feature> features = data.featureInfo();
        CategoryTable[] tables = new CategoryTable[x.cols()];
        for (int j = 0; j < x.cols(); j++) {
            Dataset.Feature f = features.get(j);
            if (!f.isCategorical()) {
                continue;
            }
            tables[j] = CategoryTable.fit(NAME, f, x, j, observed, true, "");
            int k = tables[j].codes.length;
            if (unknown.equals("use_encoded_value") && unknownValue == Math.rint(unknownValue)
                    && unknownValue >= 0 && unknownValue < k) {
                throw new IllegalArgumentException(NAME + ": unknown_value = " + unknownValue + " is already the encoding of"
                        + " category '" + tables[j].names().get((int) unknownValue) + "' of feature '" + f.name()
                        + "'; choose a value outside [0, " + k + "), e.g. -1");
            }
        }
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), List.of(), Map.of());
        double fill = switch (unknown) {
            case "use_encoded_value" -> unknownValue;
            case "missing" -> Double.NaN;
            default -> 0; // unused: unknown categories are errors
        };
        return new OrdinalEncoderModel(params(), FittedTransformer.unsupervisedSchema(data), report, tables,
                unknown.equals("error"), fill);
    }
}
