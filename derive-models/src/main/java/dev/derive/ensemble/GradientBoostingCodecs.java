package dev.derive.ensemble;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import dev.derive.tree.Tree;
import dev.derive.tree.TreeCodecs;
import java.io.IOException;
import java.util.List;

/** Persistence of gradient boosting models: the initial score and the trees as flat arrays ({@link TreeCodecs#writeTrees}). */
public final class GradientBoostingCodecs {

    private GradientBoostingCodecs() {
    }

    private static List<Tree> trees(ModelState.Reader in, Params p, int perStage) throws IOException {
        List<Tree> trees = TreeCodecs.readTrees(in, 1, in.schema().featureCount());
        if (trees.size() % perStage != 0 || trees.size() > p.getInt("n_estimators") * perStage) {
            throw new dev.derive.learn.persist.ModelFormatException(trees.size() + " trees: expected a multiple of " + perStage
                    + " up to n_estimators * " + perStage + " (fewer after early stopping)");
        }
        return trees;
    }

    /** Codec of gradient boosting classifiers. */
    public static final class Classifier implements ModelCodec<GradientBoostingClassifierModel> {
        @Override
        public String kind() {
            return GradientBoosting.CLASSIFIER_KIND;
        }

        @Override
        public Class<GradientBoostingClassifierModel> type() {
            return GradientBoostingClassifierModel.class;
        }

        @Override
        public void write(GradientBoostingClassifierModel m, ModelState.Writer out) {
            TreeCodecs.writeTrees(m.trees(), out);
            out.putArray("init", m.init());
        }

        @Override
        public GradientBoostingClassifierModel read(ModelState.Reader in) throws IOException {
            // files written before categorical splits existed were grown with ordinal level codes
            Params p = in.params(GradientBoosting.classifier().with(dev.derive.tree.CartParams.CATEGORICAL_SPLITS, "ordinal").params());
            int k = in.schema().classes().size();
            int outs = k > 2 ? k : 1;
            double[] init = in.doubles("init");
            in.expectSize("init", init.length, outs);
            return new GradientBoostingClassifierModel(p, in.schema(), in.report(), init, trees(in, p, outs));
        }
    }

    /** Codec of gradient boosting regressors. */
    public static final class Regressor implements ModelCodec<GradientBoostingRegressorModel> {
        @Override
        public String kind() {
            return GradientBoosting.REGRESSOR_KIND;
        }

        @Override
        public Class<GradientBoostingRegressorModel> type() {
            return GradientBoostingRegressorModel.class;
        }

        @Override
        public void write(GradientBoostingRegressorModel m, ModelState.Writer out) {
            TreeCodecs.writeTrees(m.trees(), out);
            out.put("init", m.init());
        }

        @Override
        public GradientBoostingRegressorModel read(ModelState.Reader in) throws IOException {
            // files written before categorical splits existed were grown with ordinal level codes
            Params p = in.params(GradientBoosting.regressor().with(dev.derive.tree.CartParams.CATEGORICAL_SPLITS, "ordinal").params());
            return new GradientBoostingRegressorModel(p, in.schema(), in.report(), in.getDouble("init"), trees(in, p, 1));
        }
    }
}
