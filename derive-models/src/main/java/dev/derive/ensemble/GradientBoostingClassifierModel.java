package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import java.util.List;

/**
 * A fitted gradient boosting classifier (see {@link GradientBoosting}). Two classes: raw score
 * {@code F(x) = F_0 + learning_rate * sum_m tree_m(x)} (the log-odds of the second class), probabilities
 * {@code [1 - sigma(F), sigma(F)]}. K &gt; 2 classes: one raw score per class
 * {@code F_c(x) = F_0c + learning_rate * sum_m tree_mc(x)}, probabilities {@code softmax(F(x))}. The
 * prediction is the most probable class (the first on a tie). Immutable and thread-safe.
 */
public final class GradientBoostingClassifierModel extends AbstractModel implements Classifier {

    private final double[] init;
    private final List<Tree> trees;

    GradientBoostingClassifierModel(Params params, ModelSchema schema, TrainingReport report, double[] init, List<Tree> trees) {
        super(params, schema, report);
        int k = schema.classes().size();
        int outs = k > 2 ? k : 1;
        if (init.length != outs) {
            throw new IllegalArgumentException(k + " classes need " + outs + " initial scores, got " + init.length);
        }
        ForestSupport.check(trees, schema, 1);
        if (trees.size() % outs != 0) {
            throw new IllegalArgumentException(trees.size() + " trees is not a multiple of the " + outs + " trees per stage");
        }
        for (double v : init) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("initial score " + v + " is not finite");
            }
        }
        this.init = init.clone();
        this.trees = List.copyOf(trees);
    }

    /** The number of stages (trees per class). */
    public int stages() {
        return trees.size() / init.length;
    }

    @Override
    public String kind() {
        return GradientBoosting.CLASSIFIER_KIND;
    }

    /**
     * The raw scores of the first {@code stages} stages (scikit-learn's {@code decision_function}): for two
     * classes the log-odds of the second, else row-major {@code n x K} scores.
     */
    public double[] decisionFunction(Matrix x, int stages) {
        schema().check(x, GradientBoosting.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), GradientBoosting.NAME);
        return GradientBoosting.raw(init, params().getDouble("learning_rate"), trees, stages, x.toArray(), x.rows());
    }

    /** Probabilities of the first {@code stages} trees (scikit-learn's {@code staged_predict_proba}). */
    public Matrix predictProba(Matrix x, int stages) {
        double[] f = decisionFunction(x, stages);
        int k = init.length;
        if (k > 1) {
            int n = x.rows();
            Matrix p = Matrix.zeros(n, k);
            for (int i = 0; i < n; i++) {
                GradientBoosting.softmax(f, f, i * k, k);
                for (int c = 0; c < k; c++) {
                    p.set(i, c, f[i * k + c]);
                }
            }
            return p;
        }
        Matrix p = Matrix.zeros(f.length, 2);
        for (int i = 0; i < f.length; i++) {
            double s = GradientBoosting.sigmoid(f[i]);
            p.set(i, 0, 1 - s);
            p.set(i, 1, s);
        }
        return p;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        return predictProba(x, stages());
    }

    /** Labels of the first {@code stages} trees (scikit-learn's {@code staged_predict}). */
    public int[] predict(Matrix x, int stages) {
        if (init.length > 1) {
            return predictProba(x, stages).rowArgmax();
        }
        double[] f = decisionFunction(x, stages);
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i] > 0 ? 1 : 0;
        }
        return out;
    }

    @Override
    public int[] predict(Matrix x) {
        return predict(x, stages());
    }

    /** The initial scores F_0: the prior log-odds (two classes) or the log priors of the K classes. */
    public double[] init() {
        return init.clone();
    }

    /** The trees, in stage order (for K &gt; 2 classes, stage m holds trees m K .. m K + K - 1, one per class). */
    public List<Tree> trees() {
        return trees;
    }
}
