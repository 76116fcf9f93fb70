package dev.derive.ensemble;

import dev.derive.learn.AbstractModel;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fitted SAMME AdaBoost classifier (see {@link AdaBoost}): trees {@code h_m} with weights
 * {@code alpha_m}; decision function {@code f_c(x) = sum_m alpha_m [h_m(x) = c] / sum_m alpha_m}
 * (SAMME.R: {@code f_c(x) = mean_m (K-1)(log p_mc(x) - mean_c' log p_mc'(x))}, {@code p_m} the leaf class shares),
 * prediction {@code argmax_c f_c(x)}, probabilities {@code softmax(f(x) / (K - 1))}. When boosting another base
 * learner ({@link AdaBoost#classifier(dev.derive.learn.Learner)}), {@code h_m} are its fitted models (their predicted
 * classes, or for SAMME.R their class probabilities clipped at the machine epsilon) and the kind is
 * {@code adaboost.estimator_classifier}; prediction is thread-safe if the base models are. Immutable and
 * thread-safe.
 */
public final class AdaBoostClassifierModel extends AbstractModel implements Classifier {

    private final List<Tree> trees;
    private final double[] alphas;
    private final double[] errors;
    /** The base learner's name and models when boosting any learner (null and empty for the built-in trees). */
    private final String estimator;
    private final List<Classifier> models;

    AdaBoostClassifierModel(Params params, ModelSchema schema, TrainingReport report, List<Tree> trees, double[] alphas, double[] errors) {
        super(params, schema, report);
        ForestSupport.check(trees, schema, schema.classes().size());
        this.estimator = null;
        this.models = List.of();
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

    /** A model boosting the base learner {@code estimator}: its fitted {@code models} (classifiers of the same classes and features). */
    AdaBoostClassifierModel(Params params, ModelSchema schema, TrainingReport report, String estimator, List<Model> models, double[] alphas,
                            double[] errors) {
        super(params, schema, report);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("an AdaBoost model needs at least one estimator");
        }
        if (alphas.length != models.size() || errors.length != models.size()) {
            throw new IllegalArgumentException(models.size() + " estimators but " + alphas.length + " weights and " + errors.length + " errors");
        }
        List<Classifier> list = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            if (!(models.get(m) instanceof Classifier c)) {
                throw new IllegalArgumentException("estimator " + m + " (" + models.get(m).kind() + ") is not a classifier");
            }
            if (c.schema().classes().size() != schema.classes().size() || c.schema().featureCount() != schema.featureCount()) {
                throw new IllegalArgumentException("estimator " + m + " knows " + c.schema().classes().size() + " classes and "
                        + c.schema().featureCount() + " features; the ensemble has " + schema.classes().size() + " and " + schema.featureCount());
            }
            if (!Double.isFinite(alphas[m]) || !(alphas[m] > 0)) {
                throw new IllegalArgumentException("estimator weight " + alphas[m] + " of estimator " + m + " is not finite and positive");
            }
            list.add(c);
        }
        if (params.getString("algorithm").equals("samme.r") && !list.get(0).hasProbabilities()) {
            throw new IllegalArgumentException("a SAMME.R model needs estimators with class probabilities; " + estimator + " gives none");
        }
        this.trees = List.of();
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.models = List.copyOf(list);
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
        return estimator == null ? AdaBoost.CLASSIFIER_KIND : AdaBoost.ESTIMATOR_CLASSIFIER_KIND;
    }

    /** The decision function {@code f_c(x)} of the first {@code stages} trees (or base models), {@code n x K}. */
    public Matrix decisionFunction(Matrix x, int stages) {
        if (estimator != null) {
            return estimatorDecision(x, stages);
        }
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

    /**
     * The decision function of the first {@code stages} base models: the same sums, in the same order, as the tree
     * path, with the base models' predicted classes (SAMME) or clipped class probabilities (SAMME.R).
     */
    private Matrix estimatorDecision(Matrix x, int stages) {
        schema().check(x, AdaBoost.NAME, false);
        AdaBoostEstimators.checkValues(x, schema().featureNames(), estimator);
        if (stages < 1 || stages > models.size()) {
            throw new IllegalArgumentException("stages = " + stages + " is outside [1, " + models.size() + "]");
        }
        int n = x.rows();
        int k = schema().classes().size();
        Matrix f = Matrix.zeros(n, k);
        double total = 0;
        for (int m = 0; m < stages; m++) {
            total += alphas[m];
        }
        boolean real = params().getString("algorithm").equals("samme.r");
        for (int m = 0; m < stages; m++) {
            if (real) {
                addRealVotes(models.get(m).predictProba(x), f);
            } else {
                addVotes(models.get(m).predict(x), alphas[m], f);
            }
        }
        return f.scale(1.0 / total);
    }

    /** {@code f[i, pred_i] += alpha}. */
    private static void addVotes(int[] pred, double alpha, Matrix f) {
        for (int i = 0; i < pred.length; i++) {
            f.set(i, pred[i], f.get(i, pred[i]) + alpha);
        }
    }

    /** {@code f[i, c] += (K - 1) (log p_ic - (1/K) sum_c' log p_ic')}, {@code p} clipped below at the machine epsilon. */
    private static void addRealVotes(Matrix p, Matrix f) {
        int k = f.cols();
        double[] prob = new double[k];
        for (int i = 0; i < f.rows(); i++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                prob[c] = Math.log(Math.max(p.get(i, c), Math.ulp(1.0)));
                s += prob[c];
            }
            double mean = (1.0 / k) * s;
            for (int c = 0; c < k; c++) {
                f.set(i, c, f.get(i, c) + (k - 1) * (prob[c] - mean));
            }
        }
    }

    /** The decision function of all trees (scikit-learn's {@code decision_function} has {@code f_1 - f_0} for two classes). */
    public Matrix decisionFunction(Matrix x) {
        return decisionFunction(x, alphas.length);
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
        return predictProba(x, alphas.length);
    }

    /** Labels predicted by the first {@code stages} trees (scikit-learn's {@code staged_predict}). */
    public int[] predict(Matrix x, int stages) {
        return decisionFunction(x, stages).rowArgmax();
    }

    @Override
    public int[] predict(Matrix x) {
        return predict(x, alphas.length);
    }

    /** The trees, in boosting order (empty when boosting another base learner: see {@link #models()}). */
    public List<Tree> trees() {
        return trees;
    }

    /** The fitted base models, in boosting order (empty for the built-in trees: see {@link #trees()}). */
    public List<Classifier> models() {
        return models;
    }

    /** The base learner's registered name, or null for the built-in trees. */
    public String estimator() {
        return estimator;
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
