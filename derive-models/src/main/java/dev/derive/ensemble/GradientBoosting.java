package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.runtime.Progress;
import dev.derive.runtime.ProgressContext;
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
 * (classification), or for {@code K > 2} classes the log priors {@code log p_c} (multinomial deviance,
one tree per class and stage). Stage {@code m} fits a regression tree (squared error; its splits are those of
 * scikit-learn's {@code friedman_mse}, which orders candidate splits the same way) to the negative
 * gradient {@code r_i = y_i - F(x_i)} (squared error) or {@code r_i = y_i - sigma(F(x_i))} (log-loss; for K classes {@code r_ic = [y_i = c] - softmax(F(x_i))_c},
all K trees of a stage from the scores before it), on
 * the rows of a subsample (a share {@code subsample} of the rows drawn without replacement from the
 * stream seeded by {@code seed}; all rows when {@code subsample = 1}). Each leaf {@code j} then gets the
 * value {@code gamma_j}: the weighted mean residual (squared error) or one Newton step
 * {@code sum_i w_i r_i / sum_i w_i p_i (1 - p_i)} over the leaf's in-bag rows (log-loss; 0 when the
 * denominator is below 1e-150, as scikit-learn; times {@code (K - 1) / K} for K classes), and {@code F <- F + learning_rate * gamma}.
 *
 * <p>The report's loss curve is scikit-learn's {@code train_score_}: after each stage the weighted mean
 * squared error, the binomial deviance {@code -2 mean(y F - log(1 + e^F))}, or the multinomial deviance
{@code mean(logsumexp(F) - F_y)}, over the in-bag rows.
 * Models give staged predictions ({@code predict(x, stages)}).
 *
 * <p>Parameters (scikit-learn's names): {@code loss}, {@code n_estimators} (100), {@code learning_rate}
 * (0.1), {@code max_depth} (3), {@code min_samples_split} (2), {@code min_samples_leaf} (1),
 * {@code subsample} (1.0), {@code seed}. Registered as {@code gbdt}.
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
            Param.choice("loss", "log_loss", List.of("log_loss"), "log_loss: binomial deviance (two classes) or multinomial deviance (more)"));
    static final List<Param<?>> REGRESSOR_SPECS = specs(
            Param.choice("loss", "squared_error", List.of("squared_error"), "squared_error: (y - F)^2 / 2, gradient y - F"));

    private final Dataset.Task task;

    private GradientBoosting(Dataset.Task task, Params params) {
        super(params);
        this.task = task;
    }

    /** A gradient boosting classifier with scikit-learn's defaults (log-loss, 100 trees of depth 3, rate 0.1). */
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
        Params p = params();
        long t0 = System.nanoTime();
        int n = data.size();
        int f = data.featureCount();
        int k = cls ? data.numClasses() : 1;
        int outs = cls && k > 2 ? k : 1;  // trees per stage
        double[] x = data.features().toArray();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = cls ? data.labels()[i] : data.target()[i];
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target " + y[i] + " at row " + i + " is not finite");
            }
        }
        double[] w = new double[n];
        double wSum = 0;
        double[] classWeight = new double[Math.max(k, 2)];
        double wy = 0;
        for (int i = 0; i < n; i++) {
            double s = data.hasWeights() ? data.weights()[i] : 1.0;
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("sample weight " + s + " at row " + i + " is not a finite number >= 0");
            }
            w[i] = s;
            wSum += s;
            wy += s * y[i];
            if (cls) {
                classWeight[(int) y[i]] += s;
            }
        }
        if (!(wSum > 0)) {
            throw new IllegalArgumentException("the sample weights sum to " + wSum + "; at least one must be positive");
        }
        double[] init = new double[outs];
        if (!cls) {
            init[0] = wy / wSum;
        } else if (outs == 1) {
            double prior = clip(wy / wSum);
            init[0] = Math.log(prior / (1 - prior));
        } else {
            for (int c = 0; c < k; c++) {
                init[c] = Math.log(clip(classWeight[c] / wSum));
            }
        }
        int stages = p.getInt("n_estimators");
        double rate = p.getDouble("learning_rate");
        double subsample = p.getDouble("subsample");
        int inBag = subsample >= 1 ? n : Math.max(1, (int) (subsample * n));
        TreeBuilder.Settings settings = new TreeBuilder.Settings(TreeBuilder.Criterion.SQUARED_ERROR, p.getInt("max_depth"),
                p.getInt("min_samples_split"), p.getInt("min_samples_leaf"), 0, 0, f, 0, false);
        SplittableRandom rng = new SplittableRandom(p.getLong("seed"));
        double[] raw = new double[n * outs];  // row-major n x outs
        for (int i = 0; i < n; i++) {
            System.arraycopy(init, 0, raw, i * outs, outs);
        }
        double[] prob = new double[n * outs];
        double[] r = new double[n];
        double[] yk = new double[n];
        double[] tw = new double[n];
        double[] loss = new double[stages];
        List<Tree> trees = new ArrayList<>();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int[] leaf = new int[n];
        Progress progress = ProgressContext.current();
        progress.start("boosting", stages);
        try {
            for (int m = 0; m < stages; m++) {
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
                // probabilities from the scores before this stage (all trees of a stage see the same scores)
                for (int i = 0; i < n; i++) {
                    if (cls && outs > 1) {
                        softmax(raw, prob, i * outs, outs);
                    } else if (cls) {
                        prob[i] = sigmoid(raw[i]);
                    }
                }
                double[] delta = new double[n * outs];
                for (int c = 0; c < outs; c++) {
                    long treeSeed = rng.nextLong();
                    for (int i = 0; i < n; i++) {
                        yk[i] = outs > 1 ? (y[i] == c ? 1 : 0) : y[i];
                        r[i] = cls ? yk[i] - prob[i * outs + c] : y[i] - raw[i];
                    }
                    Tree tree = TreeBuilder.regression(x, n, f, r, tw, settings, treeSeed);
                    for (int i = 0; i < n; i++) {
                        leaf[i] = tree.leaf(x, n, i);
                    }
                    if (cls) {
                        tree = newtonLeaves(tree, leaf, r, yk, tw, outs > 1 ? (k - 1.0) / k : 1.0);
                    }
                    double[] v = tree.value();
                    for (int i = 0; i < n; i++) {
                        delta[i * outs + c] = rate * v[leaf[i]];
                    }
                    trees.add(tree);
                }
                double lossSum = 0;
                double bagWeight = 0;
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < outs; c++) {
                        raw[i * outs + c] += delta[i * outs + c];
                    }
                    if (tw[i] > 0) {
                        bagWeight += tw[i];
                        double l;
                        if (!cls) {
                            l = (y[i] - raw[i]) * (y[i] - raw[i]);
                        } else if (outs == 1) {
                            l = -2 * (y[i] * raw[i] - logOnePlusExp(raw[i]));
                        } else {
                            l = logSumExp(raw, i * outs, outs) - raw[i * outs + (int) y[i]];
                        }
                        lossSum += tw[i] * l;
                    }
                }
                loss[m] = lossSum / bagWeight;
                progress.advance(1, String.format(java.util.Locale.ROOT, "loss %.5g", loss[m]));
            }
        } finally {
            progress.finish();
        }
        TrainingReport report = new TrainingReport(stages, true, "all " + stages + " stages run", loss, secondsSince(t0), List.of(),
                Map.of("trees", (double) trees.size()));
        ModelSchema schema = ModelSchema.of(data);
        return cls ? (M) new GradientBoostingClassifierModel(p, schema, report, init, trees)
                : (M) new GradientBoostingRegressorModel(p, schema, report, init[0], trees);
    }

    /** scikit-learn's clip of prior probabilities to [eps, 1 - eps], eps the float32 machine epsilon. */
    private static double clip(double prob) {
        double eps = Math.ulp(1.0f);
        return Math.min(1 - eps, Math.max(eps, prob));
    }

    static double logSumExp(double[] z, int off, int len) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < len; c++) {
            max = Math.max(max, z[off + c]);
        }
        double s = 0;
        for (int c = 0; c < len; c++) {
            s += Math.exp(z[off + c] - max);
        }
        return max + Math.log(s);
    }

    /** out[off..off+len) = softmax(z[off..off+len)) as exp(z - logsumexp z). */
    static void softmax(double[] z, double[] out, int off, int len) {
        double lse = logSumExp(z, off, len);
        for (int c = 0; c < len; c++) {
            out[off + c] = Math.exp(z[off + c] - lse);
        }
    }

    /**
     * The tree with each leaf's value replaced by the Newton step {@code scale * sum w r / sum w p (1 - p)}
     * over its in-bag rows, {@code p = y - r} ({@code scale = (K - 1) / K} for multinomial deviance, else 1).
     */
    private static Tree newtonLeaves(Tree tree, int[] leaf, double[] r, double[] y, double[] w, double scale) {
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
                value[j] = Math.abs(den[j]) < 1e-150 ? 0 : num[j] * scale / den[j];
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
        return raw(new double[] {init}, rate, trees, stages, x, n);
    }

    /**
     * The raw scores (row-major {@code n x outs}, {@code outs = init.length}) of the first {@code stages}
     * stages, stage {@code m} holding trees {@code m * outs .. m * outs + outs - 1}.
     */
    static double[] raw(double[] init, double rate, List<Tree> trees, int stages, double[] x, int n) {
        int outs = init.length;
        int total = trees.size() / outs;
        if (stages < 1 || stages > total) {
            throw new IllegalArgumentException("stages = " + stages + " is outside [1, " + total + "]");
        }
        double[] out = new double[n * outs];
        for (int i = 0; i < n; i++) {
            System.arraycopy(init, 0, out, i * outs, outs);
        }
        for (int m = 0; m < stages; m++) {
            for (int c = 0; c < outs; c++) {
                Tree t = trees.get(m * outs + c);
                double[] v = t.value();
                for (int i = 0; i < n; i++) {
                    out[i * outs + c] += rate * v[t.leaf(x, n, i)];
                }
            }
        }
        return out;
    }
}
