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
 * A fitted SAMME AdaBoost classifier (see {@link AdaBoost}): trees {@code h_m} with weights
 * {@code alpha_m}; decision function {@code f_c(x) = sum_m alpha_m [h_m(x) = c] / sum_m alpha_m}
 * (SAMME.R: {@code f_c(x) = mean_m (K-1)(log p_mc(x) - mean_c' log p_mc'(x))}, {@code p_m} the leaf class shares),
 * prediction {@code argmax_c f_c(x)}, probabilities {@code softmax(f(x) / (K - 1))}. Immutable and
 * thread-safe.
 */
public final class AdaBoostClassifierModel extends AbstractModel implements Classifier {

    private final List<Tree> trees;
    private final double[] alphas;
    private final double[] errors;

    AdaBoostClassifierModel(Params params, ModelSchema schema, TrainingReport report, List<Tree> trees, double[] alphas, double[] errors) {
        super(params, schema, report);
        ForestSupport.check(trees, schema, schema.classes().size());
        if (alphas.length != trees.size() || errors.length != trees.size()) {
            throw new IllegalArgumentException(trees.size() + " trees but " + alphas.length + " weights and " + errors.length + " errors");
        }
        for (int m = 0; m < alphas.length; m++) {
            if (!Double.isFinite(alphas[m]) || !(alphas[m] > 0)) {
                throw new IllegalArgumentException("estimator weight " + alphas[m] + " of tree " + m + " is not finite and positive");
            }
        }
        this.trees = List.copyOf(trees);
        this.alphas = alphas.clone();
        this.errors = errors.clone();
    }

    /** The heaviest class of the leaf that row {@code i} of the column-major {@code n}-row array {@code x} reaches (lowest index on a tie). */
    static int leafClass(Tree tree, double[] x, int n, int i) {
        int k = tree.outputs();
        double[] v = tree.value();
        int base = tree.leaf(x, n, i) * k;
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (v[base + c] > v[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The class shares of the leaf that row {@code i} reaches, clipped below at the double machine epsilon
     * (scikit-learn's SAMME.R clip), into {@code out}.
     */
    static void leafProba(Tree tree, double[] x, int n, int i, double[] out) {
        int k = tree.outputs();
        double[] v = tree.value();
        int base = tree.leaf(x, n, i) * k;
        double z = 0;
        for (int c = 0; c < k; c++) {
            z += v[base + c];
        }
        if (z == 0) {
            z = 1;
        }
        for (int c = 0; c < k; c++) {
            out[c] = Math.max(v[base + c] / z, Math.ulp(1.0));
        }
    }

    @Override
    public String kind() {
        return AdaBoost.CLASSIFIER_KIND;
    }

    /** The decision function {@code f_c(x)} of the first {@code stages} trees, {@code n x K}. */
    public Matrix decisionFunction(Matrix x, int stages) {
        schema().check(x, AdaBoost.NAME, false);
        CartParams.requireNoInfinity(x, schema().featureNames(), AdaBoost.NAME);
        if (stages < 1 || stages > trees.size()) {
            throw new IllegalArgumentException("stages = " + stages + " is outside [1, " + trees.size() + "]");
        }
        int n = x.rows();
        int k = schema().classes().size();
        double[] a = x.toArray();
        Matrix f = Matrix.zeros(n, k);
        double total = 0;
        for (int m = 0; m < stages; m++) {
            total += alphas[m];
        }
        boolean real = params().getString("algorithm").equals("samme.r");
        double[] prob = new double[k];
        for (int m = 0; m < stages; m++) {
            Tree t = trees.get(m);
            for (int i = 0; i < n; i++) {
                if (real) {
                    // (K - 1) (log p_c - (1/K) sum_c' log p_c')
                    leafProba(t, a, n, i, prob);
                    double s = 0;
                    for (int c = 0; c < k; c++) {
                        prob[c] = Math.log(prob[c]);
                        s += prob[c];
                    }
                    double mean = (1.0 / k) * s;
                    for (int c = 0; c < k; c++) {
                        f.set(i, c, f.get(i, c) + (k - 1) * (prob[c] - mean));
                    }
                } else {
                    int c = leafClass(t, a, n, i);
                    f.set(i, c, f.get(i, c) + alphas[m]);
                }
            }
        }
        return f.scale(1.0 / total);
    }

    /** The decision function of all trees (scikit-learn's {@code decision_function} has {@code f_1 - f_0} for two classes). */
    public Matrix decisionFunction(Matrix x) {
        return decisionFunction(x, trees.size());
    }

    /** Probabilities {@code softmax(f(x) / (K - 1))} of the first {@code stages} trees. */
    public Matrix predictProba(Matrix x, int stages) {
        Matrix f = decisionFunction(x, stages);
        int k = f.cols();
        for (int i = 0; i < f.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, f.get(i, c));
            }
            double z = 0;
            for (int c = 0; c < k; c++) {
                double e = Math.exp((f.get(i, c) - max) / (k - 1));
                f.set(i, c, e);
                z += e;
            }
            for (int c = 0; c < k; c++) {
                f.set(i, c, f.get(i, c) / z);
            }
        }
        return f;
    }

    @Override
    public Matrix predictProba(Matrix x) {
        return predictProba(x, trees.size());
    }

    /** Labels predicted by the first {@code stages} trees (scikit-learn's {@code staged_predict}). */
    public int[] predict(Matrix x, int stages) {
        return decisionFunction(x, stages).rowArgmax();
    }

    @Override
    public int[] predict(Matrix x) {
        return predict(x, trees.size());
    }

    /** The trees, in boosting order. */
    public List<Tree> trees() {
        return trees;
    }

    /** The tree weights {@code alpha_m} (scikit-learn's {@code estimator_weights_}, without its trailing zeros). */
    public double[] estimatorWeights() {
        return alphas.clone();
    }

    /** The weighted training errors {@code err_m} (scikit-learn's {@code estimator_errors_}, without its trailing ones). */
    public double[] estimatorErrors() {
        return errors.clone();
    }
}
