package dev.derive.ensemble;

import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence of bagging models: the base learner's name ({@code estimator}), the out-of-bag score, the
 * feature subsets ({@code feature_counts} and the concatenated {@code features}) and each base model as a
 * complete nested model file of its own kind ({@link NestedModels}, prefix {@code model}).
 */
public final class BaggingCodecs {

    private BaggingCodecs() {
    }

    static void write(String estimator, List<Model> models, int[][] features, double oob, ModelState.Writer out) throws IOException {
        out.put("estimator", estimator);
        out.put("oob_score", oob);
        out.put("n_models", models.size());
        List<int[]> parts = List.of(features);
        out.putArray("feature_counts", RaggedArrays.lengths(parts));
        out.putArray("features", RaggedArrays.concat(parts, int[]::new));
        NestedModels.write("model", models, out);
    }

    static int[][] features(ModelState.Reader in, int count) throws IOException {
        int[] counts = in.ints("feature_counts");
        in.expectSize("feature_counts", counts.length, count);
        int[] flat = in.ints("features");
        in.expectSize("features", flat.length, RaggedArrays.total(counts, c -> "a bagging estimator has " + c + " features"));
        return RaggedArrays.split(flat, counts, int[]::new).toArray(new int[0][]);
    }

    static int count(ModelState.Reader in) throws IOException {
        int n = in.getInt("n_models");
        if (n < 1 || n > 100_000) {
            throw new ModelFormatException("a bagging model holds " + n + " estimators; expected 1 to 100000");
        }
        return n;
    }

    /** Codec of {@link BaggingClassifierModel}. */
    public static final class ClassifierCodec implements ModelCodec<BaggingClassifierModel> {
        @Override
        public String kind() {
            return Bagging.CLASSIFIER_KIND;
        }

        @Override
        public Class<BaggingClassifierModel> type() {
            return BaggingClassifierModel.class;
        }

        @Override
        public void write(BaggingClassifierModel m, ModelState.Writer out) throws IOException {
            int[][] f = new int[m.models().size()][];
            for (int t = 0; t < f.length; t++) {
                f[t] = m.features(t);
            }
            BaggingCodecs.write(m.estimator(), m.models(), f, m.oobScore(), out);
        }

        @Override
        public BaggingClassifierModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, Classifier.class, in));
            Params p = in.params(baggingParams(models));
            try {
                return new BaggingClassifierModel(p, in.schema(), in.report(), in.getString("estimator"), models, features(in, n),
                        in.getDouble("oob_score"));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("invalid bagging model: " + e.getMessage(), e);
            }
        }
    }

    /** Bagging's specs followed by the base models' as {@code estimator__name} (saved values then replace them). */
    static Params baggingParams(List<Model> models) {
        Params own = Params.defaults(Bagging.SPECS);
        return models.isEmpty() ? own : own.withNested(Bagging.ESTIMATOR, models.get(0).params());
    }

    /** Codec of {@link BaggingRegressorModel}. */
    public static final class RegressorCodec implements ModelCodec<BaggingRegressorModel> {
        @Override
        public String kind() {
            return Bagging.REGRESSOR_KIND;
        }

        @Override
        public Class<BaggingRegressorModel> type() {
            return BaggingRegressorModel.class;
        }

        @Override
        public void write(BaggingRegressorModel m, ModelState.Writer out) throws IOException {
            int[][] f = new int[m.models().size()][];
            for (int t = 0; t < f.length; t++) {
                f[t] = m.features(t);
            }
            BaggingCodecs.write(m.estimator(), m.models(), f, m.oobScore(), out);
        }

        @Override
        public BaggingRegressorModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, Regressor.class, in));
            Params p = in.params(baggingParams(models));
            try {
                return new BaggingRegressorModel(p, in.schema(), in.report(), in.getString("estimator"), models, features(in, n),
                        in.getDouble("oob_score"));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("invalid bagging model: " + e.getMessage(), e);
            }
        }
    }
}
