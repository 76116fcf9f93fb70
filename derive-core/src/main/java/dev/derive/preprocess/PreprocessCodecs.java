package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence of the preprocessing models. Each stores its learned numbers as {@code .npy} arrays, one
 * entry per input feature where that applies (NaN for categorical features of the scalers); encoders
 * store their categories as level codes: {@code category_counts} (per feature, -1 for numeric features),
 * {@code category_codes} (all features' codes, concatenated) and, for one-hot, {@code dropped} (per
 * feature, -1 for none). Loading checks every size and code against the saved schema; an inconsistency
 * is reported by the loader as an inconsistent state, naming the file.
 */
public final class PreprocessCodecs {

    private PreprocessCodecs() {
    }

    private static double[] perFeature(ModelState.Reader in, String name) throws IOException {
        double[] v = in.doubles(name);
        in.expectSize(name, v.length, in.schema().featureCount());
        return v;
    }

    /** Codec of {@link StandardScalerModel} (kind {@code standard_scaler}). */
    public static final class StandardScalerCodec implements ModelCodec<StandardScalerModel> {
        @Override
        public String kind() {
            return StandardScaler.NAME;
        }

        @Override
        public Class<StandardScalerModel> type() {
            return StandardScalerModel.class;
        }

        @Override
        public void write(StandardScalerModel m, ModelState.Writer out) {
            out.putArray("mean", m.mean());
            out.putArray("variance", m.variance());
            out.putArray("scale", m.scale());
        }

        @Override
        public StandardScalerModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(StandardScaler.learner().params());
            return new StandardScalerModel(p, in.schema(), in.report(), perFeature(in, "mean"), perFeature(in, "variance"),
                    perFeature(in, "scale"), p.getBoolean("with_mean"), p.getBoolean("with_std"));
        }
    }

    /** Codec of {@link MinMaxScalerModel} (kind {@code min_max_scaler}). */
    public static final class MinMaxScalerCodec implements ModelCodec<MinMaxScalerModel> {
        @Override
        public String kind() {
            return MinMaxScaler.NAME;
        }

        @Override
        public Class<MinMaxScalerModel> type() {
            return MinMaxScalerModel.class;
        }

        @Override
        public void write(MinMaxScalerModel m, ModelState.Writer out) {
            out.putArray("data_min", m.dataMin());
            out.putArray("data_max", m.dataMax());
            out.putArray("scale", m.scale());
            out.putArray("min", m.min());
        }

        @Override
        public MinMaxScalerModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(MinMaxScaler.learner().params());
            return new MinMaxScalerModel(p, in.schema(), in.report(), perFeature(in, "data_min"), perFeature(in, "data_max"),
                    perFeature(in, "scale"), perFeature(in, "min"), p.getDouble("feature_range_min"),
                    p.getDouble("feature_range_max"), p.getBoolean("clip"));
        }
    }

    /** Codec of {@link SimpleImputerModel} (kind {@code simple_imputer}); output levels follow from the parameters. */
    public static final class SimpleImputerCodec implements ModelCodec<SimpleImputerModel> {
        @Override
        public String kind() {
            return SimpleImputer.NAME;
        }

        @Override
        public Class<SimpleImputerModel> type() {
            return SimpleImputerModel.class;
        }

        @Override
        public void write(SimpleImputerModel m, ModelState.Writer out) {
            out.putArray("statistics", m.statistics());
        }

        @Override
        public SimpleImputerModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(SimpleImputer.learner().params());
            double[] fill = perFeature(in, "statistics");
            List<Dataset.Feature> out = SimpleImputer.outputFeatures(in.schema().features(),
                    p.getString("categorical_strategy"));
            for (int j = 0; j < fill.length; j++) {
                Dataset.Feature f = out.get(j);
                if (f.isCategorical() ? !(fill[j] >= 0 && fill[j] < f.levels().size() && fill[j] == Math.rint(fill[j]))
                        : !Double.isFinite(fill[j])) {
                    throw new IllegalArgumentException("simple_imputer: the fill " + fill[j] + " of feature '" + f.name()
                            + "' is invalid");
                }
            }
            return new SimpleImputerModel(p, in.schema(), in.report(), out, fill);
        }
    }

    static void writeTables(CategoryTable[] tables, ModelState.Writer out) {
        int[] counts = new int[tables.length];
        List<Integer> codes = new ArrayList<>();
        for (int j = 0; j < tables.length; j++) {
            counts[j] = tables[j] == null ? -1 : tables[j].codes.length;
            if (tables[j] != null) {
                for (int c : tables[j].codes) {
                    codes.add(c);
                }
            }
        }
        out.putArray("category_counts", counts);
        out.putArray("category_codes", codes.stream().mapToInt(Integer::intValue).toArray());
    }

    static CategoryTable[] readTables(ModelState.Reader in) throws IOException {
        ModelSchema schema = in.schema();
        int[] counts = in.ints("category_counts");
        in.expectSize("category_counts", counts.length, schema.featureCount());
        int[] codes = in.ints("category_codes");
        CategoryTable[] tables = new CategoryTable[counts.length];
        int at = 0;
        for (int j = 0; j < counts.length; j++) {
            Dataset.Feature f = schema.features().get(j);
            if (!f.isCategorical()) {
                if (counts[j] != -1) {
                    throw new IllegalArgumentException("feature '" + f.name() + "' is numeric but has " + counts[j] + " categories");
                }
                continue;
            }
            if (counts[j] < 0 || counts[j] > f.levels().size() || at + counts[j] > codes.length) {
                throw new IllegalArgumentException("feature '" + f.name() + "': invalid category count " + counts[j]);
            }
            int[] c = java.util.Arrays.copyOfRange(codes, at, at + counts[j]);
            at += counts[j];
            for (int k = 0; k < c.length; k++) {
                if (c[k] < 0 || c[k] >= f.levels().size() || (k > 0 && c[k] <= c[k - 1])) {
                    throw new IllegalArgumentException("feature '" + f.name() + "': invalid category codes "
                            + java.util.Arrays.toString(c) + " for " + f.levels().size() + " levels");
                }
            }
            tables[j] = CategoryTable.of(f, c);
        }
        in.expectSize("category_codes", codes.length, at);
        return tables;
    }

    /** Codec of {@link OneHotEncoderModel} (kind {@code one_hot_encoder}). */
    public static final class OneHotEncoderCodec implements ModelCodec<OneHotEncoderModel> {
        @Override
        public String kind() {
            return OneHotEncoder.NAME;
        }

        @Override
        public Class<OneHotEncoderModel> type() {
            return OneHotEncoderModel.class;
        }

        @Override
        public void write(OneHotEncoderModel m, ModelState.Writer out) {
            writeTables(m.tables(), out);
            out.putArray("dropped", m.dropped());
        }

        @Override
        public OneHotEncoderModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(OneHotEncoder.learner().params());
            CategoryTable[] tables = readTables(in);
            int[] dropped = in.ints("dropped");
            in.expectSize("dropped", dropped.length, tables.length);
            for (int j = 0; j < dropped.length; j++) {
                int k = tables[j] == null ? 0 : tables[j].codes.length;
                if (dropped[j] < -1 || dropped[j] >= k) {
                    throw new IllegalArgumentException("one_hot_encoder: dropped category " + dropped[j] + " of feature " + j
                            + " is outside [-1, " + k + ")");
                }
            }
            return new OneHotEncoderModel(p, in.schema(), in.report(), tables, dropped,
                    p.getString("handle_unknown").equals("ignore"));
        }
    }

    /** Codec of {@link OrdinalEncoderModel} (kind {@code ordinal_encoder}). */
    public static final class OrdinalEncoderCodec implements ModelCodec<OrdinalEncoderModel> {
        @Override
        public String kind() {
            return OrdinalEncoder.NAME;
        }

        @Override
        public Class<OrdinalEncoderModel> type() {
            return OrdinalEncoderModel.class;
        }

        @Override
        public void write(OrdinalEncoderModel m, ModelState.Writer out) {
            writeTables(m.tables(), out);
        }

        @Override
        public OrdinalEncoderModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(OrdinalEncoder.learner().params());
            String unknown = p.getString("handle_unknown");
            double fill = switch (unknown) {
                case "use_encoded_value" -> p.getDouble("unknown_value");
                case "missing" -> Double.NaN;
                default -> 0;
            };
            return new OrdinalEncoderModel(p, in.schema(), in.report(), readTables(in), unknown.equals("error"), fill);
        }
    }

    /** Codec of {@link PolynomialFeaturesModel} (kind {@code polynomial_features}): the terms as index lists. */
    public static final class PolynomialFeaturesCodec implements ModelCodec<PolynomialFeaturesModel> {
        @Override
        public String kind() {
            return PolynomialFeatures.NAME;
        }

        @Override
        public Class<PolynomialFeaturesModel> type() {
            return PolynomialFeaturesModel.class;
        }

        @Override
        public void write(PolynomialFeaturesModel m, ModelState.Writer out) {
            int[][] terms = m.terms();
            int[] lengths = new int[terms.length];
            List<Integer> idx = new ArrayList<>();
            for (int k = 0; k < terms.length; k++) {
                lengths[k] = terms[k].length;
                for (int j : terms[k]) {
                    idx.add(j);
                }
            }
            out.putArray("term_lengths", lengths);
            out.putArray("term_indices", idx.stream().mapToInt(Integer::intValue).toArray());
        }

        @Override
        public PolynomialFeaturesModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(PolynomialFeatures.learner().params());
            int[] lengths = in.ints("term_lengths");
            int[] idx = in.ints("term_indices");
            int features = in.schema().featureCount();
            int[][] terms = new int[lengths.length][];
            int at = 0;
            for (int k = 0; k < lengths.length; k++) {
                if (lengths[k] < 0 || lengths[k] > p.getInt("degree") || at + lengths[k] > idx.length) {
                    throw new IllegalArgumentException("polynomial_features: term " + k + " has invalid length " + lengths[k]);
                }
                terms[k] = java.util.Arrays.copyOfRange(idx, at, at + lengths[k]);
                at += lengths[k];
                for (int a = 0; a < terms[k].length; a++) {
                    if (terms[k][a] < 0 || terms[k][a] >= features || (a > 0 && terms[k][a] < terms[k][a - 1])) {
                        throw new IllegalArgumentException("polynomial_features: term " + k + " has invalid feature indices "
                                + java.util.Arrays.toString(terms[k]));
                    }
                }
            }
            in.expectSize("term_indices", idx.length, at);
            return new PolynomialFeaturesModel(p, in.schema(), in.report(), terms);
        }
    }
}
