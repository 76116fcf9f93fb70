package dev.derive.ensemble;

import dev.derive.learn.Model;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import dev.derive.tree.Tree;
import dev.derive.tree.TreeCodecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence of AdaBoost models: the trees as flat arrays ({@link TreeCodecs#writeTrees}), their weights and errors;
 * models over any base learner as nested model files ({@link EstimatorClassifier}, {@link EstimatorRegressor}).
 */
public final class AdaBoostCodecs {

    private AdaBoostCodecs() {
    }

    /** Codec of SAMME AdaBoost classifiers. */
    public static final class Classifier implements ModelCodec<AdaBoostClassifierModel> {
        @Override
        public String kind() {
            return AdaBoost.CLASSIFIER_KIND;
        }

        @Override
        public Class<AdaBoostClassifierModel> type() {
            return AdaBoostClassifierModel.class;
        }

        @Override
        public void write(AdaBoostClassifierModel m, ModelState.Writer out) {
            TreeCodecs.writeTrees(m.trees(), out);
            out.putArray("estimator_weights", m.estimatorWeights());
            out.putArray("estimator_errors", m.estimatorErrors());
        }

        @Override
        public AdaBoostClassifierModel read(ModelState.Reader in) throws IOException {
            // files written before categorical splits existed were grown with ordinal level codes
            Params p = in.params(AdaBoost.classifier().categoricalSplits("ordinal").params());
            List<Tree> trees = TreeCodecs.readTrees(in, in.schema().classes().size(), in.schema().featureCount());
            double[] a = in.doubles("estimator_weights");
            double[] e = in.doubles("estimator_errors");
            in.expectSize("estimator_weights", a.length, trees.size());
            in.expectSize("estimator_errors", e.length, trees.size());
            if (trees.size() > p.getInt("n_estimators")) {
                throw new dev.derive.learn.persist.ModelFormatException(trees.size() + " trees exceed n_estimators = " + p.getInt("n_estimators"));
            }
            return new AdaBoostClassifierModel(p, in.schema(), in.report(), trees, a, e);
        }
    }

    /** Codec of AdaBoost.R2 regressors. */
    public static final class Regressor implements ModelCodec<AdaBoostRegressorModel> {
        @Override
        public String kind() {
            return AdaBoostRegressorModel.KIND;
        }

        @Override
        public Class<AdaBoostRegressorModel> type() {
            return AdaBoostRegressorModel.class;
        }

        @Override
        public void write(AdaBoostRegressorModel m, ModelState.Writer out) {
            TreeCodecs.writeTrees(m.trees(), out);
            out.putArray("estimator_weights", m.estimatorWeights());
            out.putArray("estimator_errors", m.estimatorErrors());
        }

        @Override
        public AdaBoostRegressorModel read(ModelState.Reader in) throws IOException {
            // files written before categorical splits existed were grown with ordinal level codes
            Params p = in.params(AdaBoostR2.regressor().categoricalSplits("ordinal").params());
            List<Tree> trees = TreeCodecs.readTrees(in, 1, in.schema().featureCount());
            double[] a = in.doubles("estimator_weights");
            double[] e = in.doubles("estimator_errors");
            in.expectSize("estimator_weights", a.length, trees.size());
            in.expectSize("estimator_errors", e.length, trees.size());
            if (trees.size() > p.getInt("n_estimators")) {
                throw new dev.derive.learn.persist.ModelFormatException(trees.size() + " trees exceed n_estimators = " + p.getInt("n_estimators"));
            }
            return new AdaBoostRegressorModel(p, in.schema(), in.report(), trees, a, e);
        }
    }

    /**
     * The parameters of a model boosting a base learner: {@code specs} followed by the first base model's as
     * {@code estimator__name} (the saved values then replace them), as bagging's codec does.
     */
    static Params estimatorParams(List<Param<?>> specs, List<? extends Model> models) {
        return Params.defaults(specs).withNested(AdaBoost.ESTIMATOR, models.get(0).params());
    }

    static int count(ModelState.Reader in) throws IOException {
        int n = in.getInt("n_models");
        if (n < 1 || n > 1_000_000) {
            throw new ModelFormatException("an AdaBoost model holds " + n + " estimators; expected 1 to 1000000");
        }
        return n;
    }

    static void writeEstimators(String estimator, List<? extends Model> models, double[] weights, double[] errors, ModelState.Writer out)
            throws IOException {
        out.put("estimator", estimator);
        out.put("n_models", models.size());
        out.putArray("estimator_weights", weights);
        out.putArray("estimator_errors", errors);
        NestedModels.write("model", models, out);
    }

    /**
     * Codec of AdaBoost classifiers over any base learner: the base learner's name ({@code estimator}), the weights
     * and errors, and each base model as a complete nested model file of its own kind ({@link NestedModels}, prefix
     * {@code model}).
     */
    public static final class EstimatorClassifier implements ModelCodec<AdaBoostClassifierModel> {
        @Override
        public String kind() {
            return AdaBoost.ESTIMATOR_CLASSIFIER_KIND;
        }

        @Override
        public Class<AdaBoostClassifierModel> type() {
            return AdaBoostClassifierModel.class;
        }

        @Override
        public void write(AdaBoostClassifierModel m, ModelState.Writer out) throws IOException {
            writeEstimators(m.estimator(), m.models(), m.estimatorWeights(), m.estimatorErrors(), out);
        }

        @Override
        public AdaBoostClassifierModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, dev.derive.learn.Classifier.class, in));
            Params p = in.params(estimatorParams(AdaBoost.BASE_SPECS, models));
            double[] a = in.doubles("estimator_weights");
            double[] e = in.doubles("estimator_errors");
            in.expectSize("estimator_weights", a.length, n);
            in.expectSize("estimator_errors", e.length, n);
            if (n > p.getInt("n_estimators")) {
                throw new ModelFormatException(n + " estimators exceed n_estimators = " + p.getInt("n_estimators"));
            }
            try {
                return new AdaBoostClassifierModel(p, in.schema(), in.report(), in.getString("estimator"), models, a, e);
            } catch (IllegalArgumentException ex) {
                throw new ModelFormatException("invalid AdaBoost model: " + ex.getMessage(), ex);
            }
        }
    }

    /** Codec of AdaBoost.R2 regressors over any base learner (the layout of {@link EstimatorClassifier}). */
    public static final class EstimatorRegressor implements ModelCodec<AdaBoostRegressorModel> {
        @Override
        public String kind() {
            return AdaBoostRegressorModel.ESTIMATOR_KIND;
        }

        @Override
        public Class<AdaBoostRegressorModel> type() {
            return AdaBoostRegressorModel.class;
        }

        @Override
        public void write(AdaBoostRegressorModel m, ModelState.Writer out) throws IOException {
            writeEstimators(m.estimator(), m.models(), m.estimatorWeights(), m.estimatorErrors(), out);
        }

        @Override
        public AdaBoostRegressorModel read(ModelState.Reader in) throws IOException {
            int n = count(in);
            List<Model> models = new ArrayList<>(NestedModels.read("model", n, dev.derive.learn.Regressor.class, in));
            Params p = in.params(estimatorParams(AdaBoostR2.BASE_SPECS, models));
            double[] a = in.doubles("estimator_weights");
            double[] e = in.doubles("estimator_errors");
            in.expectSize("estimator_weights", a.length, n);
            in.expectSize("estimator_errors", e.length, n);
            if (n > p.getInt("n_estimators")) {
                throw new ModelFormatException(n + " estimators exceed n_estimators = " + p.getInt("n_estimators"));
            }
            try {
                return new AdaBoostRegressorModel(p, in.schema(), in.report(), in.getString("estimator"), models, a, e);
            } catch (IllegalArgumentException ex) {
                throw new ModelFormatException("invalid AdaBoost.R2 model: " + ex.getMessage(), ex);
            }
        }
    }
}
