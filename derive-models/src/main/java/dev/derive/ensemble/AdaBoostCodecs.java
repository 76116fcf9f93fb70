package dev.derive.ensemble;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import dev.derive.tree.Tree;
import dev.derive.tree.TreeCodecs;
import java.io.IOException;
import java.util.List;

/** Persistence of AdaBoost models: the trees as flat arrays ({@link TreeCodecs#writeTrees}), their weights and errors. */
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
}
