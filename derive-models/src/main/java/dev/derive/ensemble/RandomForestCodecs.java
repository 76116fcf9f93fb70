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
 * and the out-of-bag score; random forests and extremely randomised trees share the layout. The models keep their
 * trees as a {@link dev.derive.tree.FlatForest}: writing reads the arrays straight from it
 * ({@link TreeCodecs#writeForest}; the same bytes as writing each tree, without rebuilding any), reading lays the
 * stored trees out again.
 */
public final class RandomForestCodecs {

    private RandomForestCodecs() {
    }

    private static List<Tree> trees(ModelState.Reader in, Params p, int outputs) throws IOException {
        List<Tree> trees = TreeCodecs.readTrees(in, outputs, in.schema().featureCount());
        in.expectSize("trees", trees.size(), p.getInt("n_estimators"));
        return trees;
    }

    /** Codec of a forest classifier of one kind. */
    abstract static class ClassifierCodec implements ModelCodec<RandomForestClassifierModel> {
        abstract RandomForest<RandomForestClassifierModel> defaults();

        @Override
        public Class<RandomForestClassifierModel> type() {
            return RandomForestClassifierModel.class;
        }

        @Override
        public void write(RandomForestClassifierModel m, ModelState.Writer out) {
            TreeCodecs.writeForest(m.flat(), out);
            out.put("oob_score", m.oobScore());
        }

        @Override
        public RandomForestClassifierModel read(ModelState.Reader in) throws IOException {
            // files written before categorical splits existed were grown with ordinal level codes
            Params p = in.params(defaults().with(dev.derive.tree.CartParams.CATEGORICAL_SPLITS, "ordinal").params());
            return new RandomForestClassifierModel(kind(), p, in.schema(), in.report(), trees(in, p, in.schema().classes().size()),
                    in.getDouble("oob_score"));
        }
    }

    /** Codec of a forest regressor of one kind. */
    abstract static class RegressorCodec implements ModelCodec<RandomForestRegressorModel> {
        abstract RandomForest<RandomForestRegressorModel> defaults();

        @Override
        public Class<RandomForestRegressorModel> type() {
            return RandomForestRegressorModel.class;
        }

        @Override
        public void write(RandomForestRegressorModel m, ModelState.Writer out) {
            TreeCodecs.writeForest(m.flat(), out);
            out.put("oob_score", m.oobScore());
        }

        @Override
        public RandomForestRegressorModel read(ModelState.Reader in) throws IOException {
            // files written before categorical splits existed were grown with ordinal level codes
            Params p = in.params(defaults().with(dev.derive.tree.CartParams.CATEGORICAL_SPLITS, "ordinal").params());
            return new RandomForestRegressorModel(kind(), p, in.schema(), in.report(), trees(in, p, 1), in.getDouble("oob_score"));
        }
    }

    /** Codec of random forest classifiers. */
    public static final class Classifier extends ClassifierCodec {
        @Override
        public String kind() {
            return RandomForest.CLASSIFIER_KIND;
        }

        @Override
        RandomForest<RandomForestClassifierModel> defaults() {
            return RandomForest.classifier();
        }
    }

    /** Codec of random forest regressors. */
    public static final class Regressor extends RegressorCodec {
        @Override
        public String kind() {
            return RandomForest.REGRESSOR_KIND;
        }

        @Override
        RandomForest<RandomForestRegressorModel> defaults() {
            return RandomForest.regressor();
        }
    }

    /** Codec of extra-trees classifiers. */
    public static final class ExtraClassifier extends ClassifierCodec {
        @Override
        public String kind() {
            return RandomForest.EXTRA_CLASSIFIER_KIND;
        }

        @Override
        RandomForest<RandomForestClassifierModel> defaults() {
            return RandomForest.extraTreesClassifier();
        }
    }

    /** Codec of extra-trees regressors. */
    public static final class ExtraRegressor extends RegressorCodec {
        @Override
        public String kind() {
            return RandomForest.EXTRA_REGRESSOR_KIND;
        }

        @Override
        RandomForest<RandomForestRegressorModel> defaults() {
            return RandomForest.extraTreesRegressor();
        }
    }
}
