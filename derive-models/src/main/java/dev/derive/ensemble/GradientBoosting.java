package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import dev.derive.tree.TreeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Gradient boosting (Friedman 2001, "Greedy function approximation") with exact-split CART regression
 * trees from the shared {@link TreeBuilder}, as scikit-learn 1.2's {@code GradientBoostingRegressor}
 * ({@code loss="squared_error"}) and {@code GradientBoostingClassifier} ({@code loss="log_loss"}, two
 * classes). The raw score starts at {@code F_0}: the weighted mean of {@code y} (regression) or the
 * prior log-odds {@code log(p / (1 - p))}, {@code p} the weighted share of the second class
 * (classification). Stage {@code m} fits a regression tree (squared error; its splits are those of
 * scikit-learn's {@code friedman_mse}, which orders candidate splits the same way) to the negative
 * gradient {@code r_i = y_i - F(x_i)} (squared error) or {@code r_i = y_i - sigma(F(x_i))} (log-loss), on
 * the rows of a subsample (a share {@code subsample} of the rows drawn without replacement from the
 * stream seeded by {@code seed}; all rows when {@code subsample = 1}). Each leaf {@code j} then gets the
 * value {@code gamma_j}: the weighted mean residual (squared error) or one Newton step
 * {@code sum_i w_i r_i / sum_i w_i p_i (1 - p_i)} over the leaf's in-bag rows (log-loss; 0 when the
 * denominator is below 1e-150, as scikit-learn), and {@code F <- F + learning_rate * gamma}.
 *
 * <p>The report's loss curve is scikit-learn's {@code train_score_}: after each stage the weighted mean
 * squared error, or the binomial deviance {@code -2 mean(y F - log(1 + e^F))}, over the in-bag rows.
 * Models give staged predictions ({@code predict(x, stages)}).
 *
 * <p>Parameters (scikit-learn's names): {@code loss}, {@code n_estimators} (100), {@code learning_rate}
 * (0.1), {@code max_depth} (3), {@code min_samples_split} (2), {@code min_samples_leaf} (1),
 * {@code subsample} (1.0), {@code seed}. Registered as {@code gbdt}. Multinomial deviance (more than two
 * classes) is not implemented yet and is refused with a clear message.
 *
 * @param <M> {@link GradientBoostingClassifierModel} or {@link GradientBoostingRegressorModel}
 */
public final class GradientBoosting<M extends Model> extends AbstractLearner<GradientBoosting<M>, M> {

    /** The registered name. */
    public static final String NAME = "gbdt";
    public static final String CLASSIFIER_KIND = "gbdt.classifier";
    public static final String REGRESSOR_KIND = "gbdt.regressor";

    private static List<Param<?>> specs(Param<String> loss) {
        return List.of(loss,
                Param.integer("n_estimators", 100, 1, 1_000_000, "boosting stages (trees)"),
                Param.positive("learning_rate", 0.1, "shrinkage applied to each tree's leaf values"),
                Param.integer("max_depth", 3, 1, Integer.MAX_VALUE, "depth of each tree"),
                Param.integer("min_samples_split", 2, 2, Integer.MAX_VALUE, "fewest rows a node needs to be split"),
                Param.integer("min_samples_leaf", 1, 1, Integer.MAX_VALUE, "fewest rows each leaf must keep"),
                Param.real("subsample", 1.0, 0, false, 1, true, "share of rows each tree is grown on (stochastic gradient boosting below 1)"),
                Param.seed(0));
    }

    static final List<Param<?>> CLASSIFIER_SPECS = specs(
            Param.choice("loss", "log_loss", List.of("log_loss"), "log_loss: binomial deviance (two classes)"));
    static final List<Param<?>> REGRESSOR_SPECS = specs(
            Param.choice("loss", "squared_error", List.of("squared_error"), "squared_error: (y - F)^2 / 2, gradient y - F"));

    private final Dataset.Task task;

    private GradientBoosting(Dataset.Task task, Params params) {
        super(params);
        this.task = task;
    }

    /** A binary gradient boosting classifier with scikit-learn's defaults (log-loss, 100 trees of depth 3, rate 0.1). */
    public static GradientBoosting<GradientBoostingClassifierModel> classifier() {
        return new GradientBoosting<>(Dataset.Task.CLASSIFICATION, defaults(CLASSIFIER_SPECS));
    }

    /** A gradient boosting regressor with scikit-learn's defaults (squared error, 100 trees of depth 3, rate 0.1). */
    public static GradientBoosting<GradientBoostingRegressorModel> regressor() {
        return new GradientBoosting<>(Dataset.Task.REGRESSION, defaults(REGRESSOR_SPECS));
    }

    public GradientBoosting<M> nEstimators(int n) {
        return with("n_estimators", n);
    }

    public GradientBoosting<M> learningRate(double r) {
        return with("learning_rate", r);
    }

    public GradientBoosting<M> maxDepth(int d) {
        return with("max_depth", d);
    }

    public GradientBoosting<M> subsample(double s) {
        return with("subsample", s);
    }

    public GradientBoosting<M> seed(long seed) {
        return with("seed", seed);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Dataset.Task task() {
        return task;
    }

    @Override
    protected GradientBoosting<M> create(Params params) {
        return new GradientBoosting<>(task, params);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        CartParams.requireNoInfinity(data.features(), data.featureNames(), NAME);
        boolean cls = task == Dataset.Task.CLASSIFICATION;
        if (cls && data.numClasses() != 2) {
            throw new IllegalArgumentException(NAME + " classification supports two classes (binary log-loss); the data have "
                    + data.numClasses() + " (multinomial deviance is not implemented)");
        }
        Params p = params();
        long t0 = System.nanoTime();
        int n = data.size();
        int f = data.featureCount();
        double[] x = data.features().toArray();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = cls ? data.labels()[i] : data.target()[i];
        }
        if (!cls) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("target " + y[i] + " at row " + i + " is not finite");
                }
            }
        }
        double[] w = new double[n];
        double wSum = 0;
        double wy = 0;
        for (int i = 0; i < n; i++) {
            double s = data.hasWeights() ? data.weights()[i] : 1.0;
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("sample weight " + s + " at row " + i + " is not a finite number >= 0");
            }
            w[i] = s;
            wSum += s;
            wy += s * y[i];
        }
        if (!(wSum > 0)) {
            throw new IllegalArgumentException("the sample weights sum to " + wSum + "; at least one must be positive");
        }
        double init = wy / wSum;
        if (cls) {
            if (!(init > 0 && init < 1)) {
                throw new IllegalArgumentException("one class has all the sample weight; log-odds prior " + init + " is not in (0, 1)");
            }
            init = Math.log(init / (1 - init));
        }
        int stages = p.getInt("n_estimators");
        double rate = p.getDouble("learning_rate");
        double subsample = p.getDouble("subsample");
        int inBag = subsample >= 1 ? n : Math.max(1, (int) (subsample * n));
        TreeBuilder.Settings settings = new TreeBuilder.Settings(TreeBuilder.Criterion.SQUARED_ERROR, p.getInt("max_depth"),
                p.getInt("min_samples_split"), p.getInt("min_samples_leaf"), 0, 0, f, 0, false);
        SplittableRandom rng = new SplittableRandom(p.getLong("seed"));
        double[] raw = new double[n];
        java.util.Arrays.fill(raw, init);
        double[] r = new double[n];
        double[] tw = new double[n];
        double[] loss = new double[stages];
        List<Tree> trees = new ArrayList<>();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int m = 0; m < stages; m++) {
            long treeSeed = rng.nextLong();
            if (inBag < n) {
                // the first inBag entries of a partial Fisher-Yates shuffle are the subsample
                java.util.Arrays.fill(tw, 0);
                for (int i = 0; i < inBag; i++) {
                    int j = i + rng.nextInt(n - i);
                    int t = perm[i];
                    perm[i] = perm[j];
                    perm[j] = t;
                    tw[perm[i]] = w[perm[i]];
                }
            } else {
                System.arraycopy(w, 0, tw, 0, n);
            }
            for (int i = 0; i < n; i++) {
                r[i] = cls ? y[i] - sigmoid(raw[i]) : y[i] - raw[i];
            }
            Tree tree = TreeBuilder.regression(x, n, f, r, tw, settings, treeSeed);
            int[] leaf = new int[n];
            for (int i = 0; i < n; i++) {
                leaf[i] = tree.leaf(x, n, i);
            }
            if (cls) {
                tree = newtonLeaves(tree, leaf, r, y, tw);
            }
            double[] v = tree.value();
            double lossSum = 0;
            double bagWeight = 0;
            for (int i = 0; i < n; i++) {
                raw[i] += rate * v[leaf[i]];
                if (tw[i] > 0) {
                    bagWeight += tw[i];
                    lossSum += tw[i] * (cls ? -2 * (y[i] * raw[i] - logOnePlusExp(raw[i])) : (y[i] - raw[i]) * (y[i] - raw[i]));
                }
            }
            loss[m] = lossSum / bagWeight;
            trees.add(tree);
        }
        TrainingReport report = new TrainingReport(stages, true, "all " + stages + " stages run", loss, secondsSince(t0), List.of(),
                Map.of("init", init));
        ModelSchema schema = ModelSchema.of(data);
        return cls ? (M) new GradientBoostingClassifierModel(p, schema, report, init, trees)
                : (M) new GradientBoostingRegressorModel(p, schema, report, init, trees);
    }

    /** The tree with each leaf's value replaced by the Newton step sum w r / sum w p (1 - p) over its in-bag rows, p = y - r. */
    private static Tree newtonLeaves(Tree tree, int[] leaf, double[] r, double[] y, double[] w) {
        int nodes = tree.nodeCount();
        double[] num = new double[nodes];
        double[] den = new double[nodes];
        for (int i = 0; i < leaf.length; i++) {
            if (w[i] > 0) {
                double prob = y[i] - r[i];
                num[leaf[i]] += w[i] * r[i];
                den[leaf[i]] += w[i] * prob * (1 - prob);
            }
        }
        double[] value = tree.value().clone();
        int[] left = tree.left();
        for (int j = 0; j < nodes; j++) {
            if (left[j] == -1) {
                value[j] = Math.abs(den[j]) < 1e-150 ? 0 : num[j] / den[j];
            }
        }
        return Tree.of(tree.feature(), tree.threshold(), left, tree.right(), value, tree.impurity(), tree.nodeSamples(),
                tree.weightedNodeSamples(), tree.missingLeft(), 1, tree.featureCount());
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** log(1 + e^z) without overflow. */
    static double logOnePlusExp(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** The raw scores F(x) of the first {@code stages} trees for the column-major {@code n}-row array {@code x}. */
    static double[] raw(double init, double rate, List<Tree> trees, int stages, double[] x, int n) {
        if (stages < 1 || stages > trees.size()) {
            throw new IllegalArgumentException("stages = " + stages + " is outside [1, " + trees.size() + "]");
        }
        double[] out = new double[n];
        java.util.Arrays.fill(out, init);
        for (int m = 0; m < stages; m++) {
            Tree t = trees.get(m);
            double[] v = t.value();
            for (int i = 0; i < n; i++) {
                out[i] += rate * v[t.leaf(x, n, i)];
            }
        }
        return out;
    }
}
