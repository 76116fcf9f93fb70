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
 * order (so it does not depend on the thread count), on a flat copy of the trees ({@link FlatForest}) built on first use. Immutable and thread-safe.
 */
public final class RandomForestRegressorModel extends AbstractModel implements Regressor {

    private final String kind;
    private final List<Tree> trees;
    private final double oobScore;
    private volatile FlatForest flat; // the prediction layout, built on first use

    RandomForestRegressorModel(String kind, Params params, ModelSchema schema, TrainingReport report, List<Tree> trees, double oobScore) {
        super(params, schema, report);
        ForestSupport.check(trees, schema, 1);
        this.kind = kind;
        this.trees = List.copyOf(trees);
        this.oobScore = oobScore;
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
        double m = trees.size();
        FlatForest flat = flat();
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

    private FlatForest flat() {
        FlatForest f = flat;
        if (f == null) {
            f = FlatForest.of(trees, false);
            flat = f;
        }
        return f;
    }

    /** The trees, in index order. */
    public List<Tree> trees() {
        return trees;
    }

    /** The out-of-bag R^2, or NaN when {@code oob_score} was off. */
    public double oobScore() {
        return oobScore;
    }

    /** Mean impurity-based feature importances over the trees with a split, normalised to sum to 1. */
    public double[] featureImportances() {
        return ForestSupport.importances(trees, schema().featureCount());
    }
}
