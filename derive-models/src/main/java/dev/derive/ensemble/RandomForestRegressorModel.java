package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import dev.derive.tree.FlatForest;
import dev.derive.tree.Tree;
import java.util.List;

/**
 * A fitted random forest regressor: the prediction is the mean of the trees' leaf values, summed in tree
 * order (so it does not depend on the thread count), on the flat layout of the trees ({@link FlatForest}), which is how the model stores them (each tree laid out as soon as it is grown, or on loading). Immutable and thread-safe.
 */
public final class RandomForestRegressorModel extends AbstractModel implements Regressor {

    private final String kind;
    private final double oobScore;
    private final FlatForest flat; // the trees, laid out for prediction (the stored form of the forest)

    RandomForestRegressorModel(String kind, Params params, ModelSchema schema, TrainingReport report, List<Tree> trees, double oobScore) {
        this(kind, params, schema, report, layout(trees, schema, 1), oobScore);
    }

    /** A forest whose trees are already laid out ({@link FlatForest}, tree by tree as they were grown). */
    RandomForestRegressorModel(String kind, Params params, ModelSchema schema, TrainingReport report, FlatForest flat, double oobScore) {
        super(params, schema, report);
        ForestSupport.check(flat, schema, 1);
        this.kind = kind;
        this.flat = flat;
        this.oobScore = oobScore;
    }

    private static FlatForest layout(List<Tree> trees, ModelSchema schema, int outputs) {
        ForestSupport.check(trees, schema, outputs);
        return FlatForest.of(trees, false);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public double[] predict(Matrix x) {
        String learner = kind.substring(0, kind.indexOf('.'));
        schema().check(x, learner, false);
        dev.derive.tree.CartParams.requireNoInfinity(x, schema().featureNames(), learner);
        int n = x.rows();
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        double[] a = x.toArray();
        int block = ForestSupport.blockRows(x.cols());
        int blocks = (n + block - 1) / block;
        double m = flat.treeCount();
        Parallelism.forEach(blocks, 2, b -> {
            int start = b * block;
            int end = Math.min(n, start + block);
            // tree by tree over the block (one tree's nodes stay in cache); each row sums its trees in index order
            double[] s = new double[end - start];
            flat.accumulate(a, n, start, end, s);
            for (int i = start; i < end; i++) {
                out[i] = s[i - start] / m;
            }
        });
        return out;
    }


    /**
     * The trees, in index order: a list that rebuilds tree {@code t} from the stored layout on each {@code get(t)}
     * ({@link FlatForest#tree(int)}; the same trees as grown, array for array), so keep a tree rather than calling
     * {@code get} repeatedly.
     */
    public List<Tree> trees() {
        return flat.trees();
    }

    /** The stored form of the trees (for the codec). */
    FlatForest flat() {
        return flat;
    }

    /** Number of trees. */
    public int treeCount() {
        return flat.treeCount();
    }

    /** The out-of-bag R^2, or NaN when {@code oob_score} was off. */
    public double oobScore() {
        return oobScore;
    }

    /** Mean impurity-based feature importances over the trees with a split, normalised to sum to 1. */
    public double[] featureImportances() {
        return ForestSupport.importances(flat, schema().featureCount());
    }
}
