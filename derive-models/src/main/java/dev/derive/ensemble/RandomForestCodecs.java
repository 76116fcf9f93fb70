package dev.derive.ensemble;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import dev.derive.tree.Tree;
import dev.derive.tree.TreeCodecs;
import java.io.IOException;
import java.util.List;

/**
 * Persistence of random forests: the trees as concatenated flat arrays ({@link TreeCodecs#writeTrees})
 * and the out-of-bag score.
 */
public final class RandomForestCodecs {

    private RandomForestCodecs() {
    }

    private static List<Tree> trees(ModelState.Reader in, Params p, int outputs) throws IOException {
        List<Tree> trees = TreeCodecs.readTrees(in, outputs, in.schema().featureCount());
        in.expectSize("trees", trees.size(), p.getInt("n_estimators"));
        return trees;
    }

    /** Codec of {@link RandomForestClassifierModel}. */
    public static final class Classifier implements ModelCodec<RandomForestClassifierModel> {
        @Override
        public String kind() {
            return RandomForest.CLASSIFIER_KIND;
        }

        @Override
        public Class<RandomForestClassifierModel> type() {
            return RandomForestClassifierModel.class;
        }

        @Override
        public void write(RandomForestClassifierModel m, ModelState.Writer out) {
            TreeCodecs.writeTrees(m.trees(), out);
            out.put("oob_score", m.oobScore());
        }

        @Override
        public RandomForestClassifierModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(RandomForest.classifier().params());
            return new RandomForestClassifierModel(p, in.schema(), in.report(), trees(in, p, in.schema().classes().size()),
                    in.getDouble("oob_score"));
        }
    }

    /** Codec of {@link RandomForestRegressorModel}. */
    public static final class Regressor implements ModelCodec<RandomForestRegressorModel> {
        @Override
        public String kind() {
            return RandomForest.REGRESSOR_KIND;
        }

        @Override
        public Class<RandomForestRegressorModel> type() {
            return RandomForestRegressorModel.class;
        }

        @Override
        public void write(RandomForestRegressorModel m, ModelState.Writer out) {
            TreeCodecs.writeTrees(m.trees(), out);
            out.put("oob_score", m.oobScore());
        }

        @Override
        public RandomForestRegressorModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(RandomForest.regressor().params());
            return new RandomForestRegressorModel(p, in.schema(), in.report(), trees(in, p, 1), in.getDouble("oob_score"));
        }
    }
}
