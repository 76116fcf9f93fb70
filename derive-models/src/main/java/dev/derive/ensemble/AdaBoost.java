package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import dev.derive.tree.TreeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AdaBoost for classification by SAMME (Zhu, Zou, Rosset &amp; Hastie 2009, "Multi-class AdaBoost"), as
 * scikit-learn 1.2's {@code AdaBoostClassifier(algorithm="SAMME")} on CART trees of depth
 * {@code max_depth} (default 1: decision stumps). Row weights start at {@code w_i = s_i / sum s} (sample
 * weights {@code s}, 1 if none). Round {@code m} grows a tree on the weighted rows, predicts the class
 * {@code h_m(x_i)} (the heaviest class of the leaf), and computes the weighted error
 * {@code err_m = sum_i w_i [h_m(x_i) != y_i] / sum_i w_i} and the weight
 * {@code alpha_m = learning_rate (log((1 - err_m) / err_m) + log(K - 1))}; misclassified rows are
 * multiplied by {@code exp(alpha_m)} and the weights renormalised to sum 1. Boosting stops early when a
 * tree is perfect ({@code err_m = 0}: it is kept with weight 1, as scikit-learn) or no better than chance
 * ({@code err_m >= 1 - 1/K}: it is dropped; if it is the first tree, fitting fails), or when the weights
 * stop being finite and positive.
 *
 * <p>The model's decision function is {@code f_c(x) = sum_m alpha_m [h_m(x) = c] / sum_m alpha_m}, its
 * prediction {@code argmax_c f_c(x)} (lowest index on a tie) and its probabilities
 * {@code softmax(f(x) / (K - 1))} (scikit-learn's {@code predict_proba} for SAMME; for two classes this
 * is its {@code softmax([-d/2, d/2])} with {@code d = f_1 - f_0}).
 *
 * <p>SAMME.R ({@code algorithm="SAMME.R"}, Zhu et al. 2009, Algorithm 4; scikit-learn 1.2's default, which
 * 1.4 deprecates, so the default here stays SAMME): round {@code m} takes the tree's leaf class shares
 * {@code p_m(x)} (clipped below at the double machine epsilon), records the weighted error of its most
 * probable class (boosting stops after a perfect tree), and multiplies each row weight by
 * {@code exp(-learning_rate (K-1)/K sum_c y_ic log p_mc(x_i))}, {@code y_ic = 1} for the true class and
 * {@code -1/(K-1)} otherwise (as scikit-learn, a zero weight stays zero unless the factor is below 1), then
 * renormalises. Every tree has weight 1; the decision function is the mean over trees of
 * {@code (K-1) (log p_mc(x) - mean_c' log p_mc'(x))} and the probabilities {@code softmax(f(x) / (K - 1))}.
 *
 * <p>Parameters (scikit-learn's names): {@code algorithm} (SAMME), {@code n_estimators} (50), {@code learning_rate} (1.0),
 * {@code max_depth} (1; {@code max_depth} of the base {@code DecisionTreeClassifier}), {@code criterion}
 * of the trees (gini), {@code seed} (each tree gets its own seed drawn from it; trees try all features,
 * so the seed only breaks ties between equally good splits), and the trees' {@code categorical_splits} /
 * {@code max_categories_exhaustive}: a categorical feature ({@link Dataset.Feature#isCategorical()}) is split into a
 * subset of its levels vs the rest, as by {@link dev.derive.tree.DecisionTree} ({@code partition}, the default; see
 * docs/trees.md), or by thresholds on its level codes ({@code ordinal}, the behaviour before partitions, which model
 * files written before report). Registered as {@code adaboost}.
 *
 * <p>Any weighted base learner ({@link #classifier(Learner)}, as scikit-learn's {@code estimator}): instead of the
 * built-in trees, round {@code m} fits {@code base} on the data with the row weights {@code w} (summing to 1, as
 * scikit-learn passes them) as the data set's sample weights, and takes its predicted classes (SAMME) or its class
 * probabilities (SAMME.R, clipped below at the double machine epsilon; the error uses its predicted classes). The
 * recursion, stopping rules and model are those above with {@code h_m} the base model. The base must honour sample
 * weights: the library has no capability flag for that, so this is the caller's responsibility (the
 * learners that read sample weights include logistic, cart, linear_svm, the forests and boosters; the k-NN learner
 * {@code knn}, which ignores them, is refused). SAMME.R needs a base whose models give
 * probabilities (not {@code linear_svm}); fitting stops with a clear error otherwise. The base's parameters are
 * exposed as {@code estimator__name} (scikit-learn's nested names; {@link NestedParams}); the tree parameters
 * ({@code max_depth}, {@code criterion}, ...) then do not exist. If the base has a {@code seed} parameter, round
 * {@code m} gets the seed the built-in path gives its tree {@code m} ({@code estimator__seed} is then unused), so
 * {@code classifier(DecisionTree.classifier().maxDepth(1))} gives the built-in stump ensemble bit for bit.
 * Library only: the registered {@code adaboost} (CLI) uses the built-in trees.
 */
public final class AdaBoost extends NamedLearner<AdaBoost, AdaBoostClassifierModel> {

    /** The registered name. */
    public static final String NAME = "adaboost";
    /** The persisted kind of the classifier. */
    public static final String CLASSIFIER_KIND = "adaboost.classifier";
    /** The persisted kind of a classifier boosting any base learner. */
    public static final String ESTIMATOR_CLASSIFIER_KIND = "adaboost.estimator_classifier";
    /** The prefix of the base learner's parameters: {@code estimator__c}. */
    public static final String ESTIMATOR = "estimator";

    static final List<Param<?>> SPECS = List.of(
            Param.integer("n_estimators", 50, 1, 1_000_000, "most boosting rounds (trees)"),
            Param.positive("learning_rate", 1.0, "shrinkage: each tree's weight alpha_m is multiplied by it"),
            Param.integer("max_depth", 1, 1, Integer.MAX_VALUE, "depth of each tree (1: decision stumps)"),
            CartParams.classificationCriterion(),
            Param.choice("algorithm", "samme", List.of("samme", "samme.r"),
                    "SAMME: discrete class votes weighted by alpha_m; SAMME.R: real-valued votes from the trees' class probabilities"),
            Param.seed(0), CartParams.CATEGORICAL_SPLITS_PARAM, CartParams.MAX_CATEGORIES_EXHAUSTIVE_PARAM);

    /** The parameters of AdaBoost over any base learner (its own are added as {@code estimator__name}). */
    static final List<Param<?>> BASE_SPECS = List.of(SPECS.get(0), SPECS.get(1), SPECS.get(4), Param.seed(0));

    /** The base learner, or null for the built-in CART trees. */
    private final Learner<?> base;

    private AdaBoost(Params params) {
        this(params, null);
    }

    private AdaBoost(Params params, Learner<?> base) {
        super(NAME, Dataset.Task.CLASSIFICATION, params);
        this.base = base;
        if (base != null) {
            AdaBoostEstimators.checkBase(base, Dataset.Task.CLASSIFICATION);
        }
    }

    /** A SAMME AdaBoost classifier with scikit-learn's defaults (50 stumps, learning rate 1). */
    public static AdaBoost classifier() {
        return new AdaBoost(defaults(SPECS));
    }

    /**
     * SAMME AdaBoost of any classification learner that honours sample weights (scikit-learn's
     * {@code AdaBoostClassifier(estimator=base)}); its parameters are {@code estimator__name}.
     *
     * @throws IllegalArgumentException if {@code base} is not a classifier or is known to ignore sample weights
     */
    public static AdaBoost classifier(Learner<?> base) {
        Objects.requireNonNull(base, "base learner");
        AdaBoostEstimators.checkBase(base, Dataset.Task.CLASSIFICATION);
        return new AdaBoost(defaults(BASE_SPECS).withNested(ESTIMATOR, base.params()), base);
    }

    /** The base learner, or null when boosting the built-in CART trees ({@link #classifier()}). */
    public Learner<?> base() {
        return base;
    }

    public AdaBoost nEstimators(int n) {
        return with("n_estimators", n);
    }

    public AdaBoost learningRate(double r) {
        return with("learning_rate", r);
    }

    public AdaBoost maxDepth(int d) {
        return with("max_depth", d);
    }

    /** {@code "samme"} (discrete) or {@code "samme.r"} (real), any case. */
    public AdaBoost algorithm(String algorithm) {
        return with("algorithm", algorithm);
    }

    /** {@code "partition"} (categorical features split into level subsets, the default) or {@code "ordinal"}. */
    public AdaBoost categoricalSplits(String mode) {
        return with(CartParams.CATEGORICAL_SPLITS, mode);
    }

    public AdaBoost seed(long seed) {
        return with("seed", seed);
    }

    @Override
    protected AdaBoost create(Params params) {
        return base == null ? new AdaBoost(params) : new AdaBoost(params, NestedParams.apply(base, params, ESTIMATOR));
    }

    /**
     * numpy's pairwise summation of {@code a[from, from + n)} (blocks of up to 128 summed with eight partial sums),
     * so that normalising the SAMME.R row weights rounds as scikit-learn's {@code np.sum} does.
     */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        } else if (n <= 128) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwiseSum(a, from, n2) + pairwiseSum(a, from + n2, n - n2);
    }

    @Override
    protected AdaBoostClassifierModel train(Dataset data) {
        if (base != null) {
            return AdaBoostEstimators.classifier(base, data, params());
        }
        CartParams.requireNoInfinity(data.features(), data.featureNames(), NAME);
        Params p = params();
        long t0 = System.nanoTime();
        int n = data.size();
        int f = data.featureCount();
        int k = data.numClasses();
        int[] y = data.labels();
        double[] x = data.features().toArray();
        double[] w = AdaBoostEstimators.initialWeights(data);
        int rounds = p.getInt("n_estimators");
        double rate = p.getDouble("learning_rate");
        // categorical features split into level subsets (categorical_splits = partition), as DecisionTree
        TreeBuilder.Settings settings = new TreeBuilder.Settings(CartParams.criterion(p), p.getInt("max_depth"), 2, 1, 0, 0, f, 0, false)
                .withCategories(CartParams.categoryLevels(data, p), p.getInt(CartParams.MAX_CATEGORIES_EXHAUSTIVE));
        long[] seeds = RandomForest.treeSeeds(p.getLong("seed"), rounds);
        List<Tree> trees = new ArrayList<>();
        List<Double> alphas = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String stop = "all " + rounds + " rounds run";
        boolean[] wrong = new boolean[n];
        int[] pred = new int[n];
        boolean real = p.getString("algorithm").equals("samme.r");
        double[] prob = new double[k];
        // the rounds share the feature ranks (the rows never change, only their weights) and one scratch workspace
        TreeBuilder.Ranks ranks = TreeBuilder.ranks(x, n, f);
        TreeBuilder.Workspace ws = new TreeBuilder.Workspace();
        for (int m = 0; m < rounds; m++) {
            Tree tree = TreeBuilder.classification(x, n, f, y, k, w, settings, seeds[m], ranks, ws);
            if (real) {
                double err = AdaBoostEstimators.weightedError(leafClasses(tree, x, n, pred), y, w, wrong);
                trees.add(tree);
                alphas.add(1.0);
                errors.add(err);
                if (err <= 0) {
                    stop = "tree " + (m + 1) + " classifies the training data perfectly";
                    break;
                }
                if (m == rounds - 1) {
                    break;
                }
                double next = 0;
                for (int i = 0; i < n; i++) {
                    AdaBoostClassifierModel.leafProba(tree, x, n, i, prob);
                    // -(K-1)/K * sum_c y_c log p_c, y_c = 1 for the true class and -1/(K-1) otherwise
                    double s = 0;
                    for (int c = 0; c < k; c++) {
                        s += (c == y[i] ? 1.0 : -1.0 / (k - 1)) * Math.log(prob[c]);
                    }
                    double e = -1.0 * rate * ((k - 1.0) / k) * s;
                    if (w[i] > 0 || e < 0) {
                        w[i] *= Math.exp(e);
                    }
                }
                next = pairwiseSum(w, 0, n);
                if (!Double.isFinite(next) || !(next > 0)) {
                    warnings.add("row weights became " + next + " after tree " + (m + 1) + "; boosting stopped");
                    stop = "row weights not finite and positive";
                    break;
                }
                for (int i = 0; i < n; i++) {
                    w[i] /= next;
                }
                continue;
            }
            double err = AdaBoostEstimators.weightedError(leafClasses(tree, x, n, pred), y, w, wrong);
            if (err <= 0) {
                trees.add(tree);
                alphas.add(1.0);
                errors.add(0.0);
                stop = "tree " + (m + 1) + " classifies the training data perfectly";
                break;
            }
            if (err >= 1.0 - 1.0 / k) {
                if (trees.isEmpty()) {
                    throw new IllegalArgumentException("the first tree of " + NAME + " has weighted error " + err
                            + " >= 1 - 1/K = " + (1.0 - 1.0 / k) + " (no better than chance); the ensemble cannot be fitted");
                }
                stop = "tree " + (m + 1) + " has weighted error " + err + " >= 1 - 1/K and was dropped";
                break;
            }
            double alpha = rate * (Math.log((1 - err) / err) + Math.log(k - 1.0));
            trees.add(tree);
            alphas.add(alpha);
            errors.add(err);
            if (m == rounds - 1) {
                break;
            }
            AdaBoostEstimators.discreteUpdate(wrong, w, Math.exp(alpha));
            double next = AdaBoostEstimators.sum(w);
            if (!Double.isFinite(next) || !(next > 0)) {
                warnings.add("row weights became " + next + " after tree " + (m + 1) + "; boosting stopped");
                stop = "row weights not finite and positive";
                break;
            }
            for (int i = 0; i < n; i++) {
                w[i] /= next;
            }
        }
        double[] a = alphas.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        TrainingReport report = new TrainingReport(trees.size(), true, stop, e.clone(), secondsSince(t0), warnings,
                Map.of("trees", (double) trees.size()));
        return new AdaBoostClassifierModel(p, ModelSchema.of(data), report, trees, a, e);
    }

    /** The classes {@code tree} predicts for the n rows of {@code x} (column-major), into {@code pred}. */
    private static int[] leafClasses(Tree tree, double[] x, int n, int[] pred) {
        for (int i = 0; i < n; i++) {
            pred[i] = AdaBoostClassifierModel.leafClass(tree, x, n, i);
        }
        return pred;
    }
}
