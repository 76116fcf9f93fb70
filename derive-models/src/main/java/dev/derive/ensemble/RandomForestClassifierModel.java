package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import dev.derive.tree.FlatForest;
import dev.derive.tree.Tree;
import java.util.List;

/**
 * A fitted random forest classifier: class probabilities are the mean over trees of the leaf class
 * shares (as scikit-learn's {@code predict_proba}); the prediction is the most probable class (lowest
 * index on a tie). Rows are predicted in parallel blocks (on the flat layout of the trees, {@link FlatForest}, which is how the model stores them: each tree is laid out as soon as it is grown, or on loading), each row summing the trees in index order, so
 * the output does not depend on the thread count. Immutable and thread-safe.
 */
public final class RandomForestClassifierModel extends AbstractModel implements Classifier {

    private final String kind;
    private final double oobScore;
    private final FlatForest flat; // the trees, laid out for prediction (the stored form of the forest)

    RandomForestClassifierModel(String kind, Params params, ModelSchema schema, TrainingReport report, List<Tree> trees, double oobScore) {
        this(kind, params, schema, report, layout(trees, schema, schema.classes().size()), oobScore);
    }

    /** A forest whose trees are already laid out ({@link FlatForest}, tree by tree as they were grown). */
    RandomForestClassifierModel(String kind, Params params, ModelSchema schema, TrainingReport report, FlatForest flat, double oobScore) {
        super(params, schema, report);
        ForestSupport.check(flat, schema, schema.classes().size());
        this.kind = kind;
        this.flat = flat;
        this.oobScore = oobScore;
    }

    private static FlatForest layout(List<Tree> trees, ModelSchema schema, int outputs) {
        ForestSupport.check(trees, schema, outputs);
        return FlatForest.of(trees, true);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        String learner = kind.substring(0, kind.indexOf('.'));
        schema().check(x, learner, false);
        dev.derive.tree.CartParams.requireNoInfinity(x, schema().featureNames(), learner);
        int n = x.rows();
        int k = schema().classes().size();
        double[] sum = new double[n * k];
        if (n > 0) {
            double[] a = x.toArray();
            int block = ForestSupport.blockRows(x.cols());
            int blocks = (n + block - 1) / block;
            Parallelism.forEach(blocks, 2, b -> {
                int start = b * block;
                int end = Math.min(n, start + block);
                // tree by tree over the block; each row still adds its trees in index order (the same sums
                // as row by row, whatever the thread count)
                double[] s = new double[(end - start) * k];
                flat.accumulate(a, n, start, end, s);
                System.arraycopy(s, 0, sum, start * k, s.length);
            });
        }
        Matrix p = Matrix.zeros(n, k);
        double m = flat.treeCount();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                p.set(i, c, sum[i * k + c] / m);
            }
        }
        return p;
    }

    @Override
    public int[] predict(Matrix x) {
        return predictProba(x).rowArgmax();
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

    /** The out-of-bag accuracy, or NaN when {@code oob_score} was off. */
    public double oobScore() {
        return oobScore;
    }

    /** Mean impurity-based feature importances over the trees with a split, normalised to sum to 1. */
    public double[] featureImportances() {
        return ForestSupport.importances(flat, schema().featureCount());
    }
}
