package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.NamedLearner;
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
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * AdaBoost.R2 regression (Drucker 1997, "Improving regressors using boosting techniques"), as scikit-learn
 * 1.2's {@code AdaBoostRegressor} on CART regression trees of depth {@code max_depth} (3). Row weights start
 * at {@code w_i = s_i / sum s}. Round {@code m} grows a tree on a weighted bootstrap sample (n rows drawn with
 * replacement with probabilities {@code w}, from the stream seeded by {@code seed}; the tree is grown with the
 * draw counts as row weights), computes the errors {@code e_i = |h_m(x_i) - y_i| / max_j |h_m(x_j) - y_j|}
 * over the rows of positive weight, transformed by {@code loss}: linear {@code e}, square {@code e^2},
 * exponential {@code 1 - exp(-e)}; the average loss {@code L = sum_i w_i e_i}; {@code beta = L / (1 - L)};
 * tree weight {@code learning_rate log(1 / beta)}; and row weights {@code w_i <- w_i beta^((1 - e_i)
 * learning_rate)}, renormalised. A perfect tree ({@code L = 0}) is kept with weight 1 and stops boosting; a
 * tree with {@code L >= 0.5} is dropped and stops boosting (fitting fails if it is the first).
 *
 * <p>The prediction is the weighted median of the trees' predictions: the smallest prediction whose
 * cumulative tree weight (in increasing prediction order) reaches half the total.
 *
 * <p>scikit-learn draws its bootstrap samples from numpy's random state, which cannot be reproduced, so its
 * models are matched in accuracy, not tree for tree. Parameters (scikit-learn's names): {@code loss} (linear),
 * {@code n_estimators} (50), {@code learning_rate} (1.0), {@code max_depth} (3), {@code seed}, and the trees'
 * {@code categorical_splits} / {@code max_categories_exhaustive}: categorical features split into level subsets
 * ({@code partition}, the default, as {@link dev.derive.tree.DecisionTree}) or by thresholds on their level codes
 * ({@code ordinal}, the behaviour before partitions, which model files written before report). Registered as
 * {@code adaboost} for regression.
 *
 * <p>Any base learner ({@link #regressor(Learner)}, scikit-learn's {@code estimator}): round {@code m} draws the
 * weighted bootstrap as above (sorted row indices), fits {@code base} on those rows, a row drawn {@code c} times
 * repeated {@code c} times and without sample weights (as scikit-learn, which fits {@code estimator} on
 * {@code X[bootstrap_idx]}), so the base need not honour sample weights; then the same update, weights and
 * weighted-median prediction with {@code h_m} the base model. If the base has a {@code seed} parameter, round
 * {@code m} gets the next long of the {@code seed} stream after its draws ({@code estimator__seed} is then unused).
 * The base's parameters are exposed as {@code estimator__name}; {@code max_depth} and the tree parameters then do not
 * exist. Library only: the registered {@code adaboost} (CLI) uses the built-in trees.
 */
public final class AdaBoostR2 extends NamedLearner<AdaBoostR2, AdaBoostRegressorModel> {

    static final List<Param<?>> SPECS = List.of(
            Param.choice("loss", "linear", List.of("linear", "square", "exponential"),
                    "error transform of |residual| / max |residual|: linear e, square e^2, exponential 1 - exp(-e)"),
            Param.integer("n_estimators", 50, 1, 1_000_000, "most boosting rounds (trees)"),
            Param.positive("learning_rate", 1.0, "shrinkage of the tree weights and of the row-weight updates"),
            Param.integer("max_depth", 3, 1, Integer.MAX_VALUE, "depth of each regression tree"),
            Param.seed(0), CartParams.CATEGORICAL_SPLITS_PARAM, CartParams.MAX_CATEGORIES_EXHAUSTIVE_PARAM);

    /** The parameters of AdaBoost.R2 over any base learner (its own are added as {@code estimator__name}). */
    static final List<Param<?>> BASE_SPECS = List.of(SPECS.get(0), SPECS.get(1), SPECS.get(2), Param.seed(0));

    /** The base learner, or null for the built-in CART trees. */
    private final Learner<?> base;

    private AdaBoostR2(Params params) {
        this(params, null);
    }

    private AdaBoostR2(Params params, Learner<?> base) {
        super(AdaBoost.NAME, Dataset.Task.REGRESSION, params);
        this.base = base;
        if (base != null) {
            AdaBoostEstimators.checkBase(base, Dataset.Task.REGRESSION);
        }
    }

    /**
     * AdaBoost.R2 of any regression learner (scikit-learn's {@code AdaBoostRegressor(estimator=base)}): each round fits
     * {@code base} on a weighted bootstrap sample (no sample weights needed); its parameters are {@code estimator__name}.
     *
     * @throws IllegalArgumentException if {@code base} is not a regressor
     */
    public static AdaBoostR2 regressor(Learner<?> base) {
        Objects.requireNonNull(base, "base learner");
        AdaBoostEstimators.checkBase(base, Dataset.Task.REGRESSION);
        return new AdaBoostR2(defaults(BASE_SPECS).withNested(AdaBoost.ESTIMATOR, base.params()), base);
    }

    /** The base learner, or null when boosting the built-in CART trees ({@link #regressor()}). */
    public Learner<?> base() {
        return base;
    }

    /** An AdaBoost.R2 regressor with scikit-learn's defaults (50 trees of depth 3, linear loss, rate 1). */
    public static AdaBoostR2 regressor() {
        return new AdaBoostR2(defaults(SPECS));
    }

    public AdaBoostR2 loss(String loss) {
        return with("loss", loss);
    }

    public AdaBoostR2 nEstimators(int n) {
        return with("n_estimators", n);
    }

    public AdaBoostR2 learningRate(double r) {
        return with("learning_rate", r);
    }

    /** {@code "partition"} (categorical features split into level subsets, the default) or {@code "ordinal"}. */
    public AdaBoostR2 categoricalSplits(String mode) {
        return with(dev.derive.tree.CartParams.CATEGORICAL_SPLITS, mode);
    }

    public AdaBoostR2 seed(long seed) {
        return with("seed", seed);
    }


    @Override
    protected AdaBoostR2 create(Params params) {
        return base == null ? new AdaBoostR2(params) : new AdaBoostR2(params, NestedParams.apply(base, params, AdaBoost.ESTIMATOR));
    }

    /** Fits with the bootstrap draws of {@code sampler} instead of the seeded ones (tests replaying scikit-learn's draws). */
    AdaBoostRegressorModel fitWithDraws(Dataset data, AdaBoostEstimators.Sampler sampler) {
        if (base == null) {
            throw new IllegalStateException("replayed draws need a base learner");
        }
        return AdaBoostEstimators.regressor(base, data, params(), sampler);
    }

    /** One round's result: the average loss L, and the row weights after the update (not renormalised). */
    record Round(double error, double beta, double[] weights) {
    }

    /**
     * The R2 update for the residuals {@code |h(x_i) - y_i|} and row weights {@code w}: loss-transformed relative
     * errors over rows of positive weight, {@code L}, {@code beta = L / (1 - L)} and {@code w_i beta^((1 - e_i) rate)}
     * (rows of zero weight unchanged).
     */
    static Round round(double[] absResidual, double[] w, String loss, double rate) {
        int n = w.length;
        double max = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                max = Math.max(max, absResidual[i]);
            }
        }
        double[] e = new double[n];
        double err = 0;
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                double r = max != 0 ? absResidual[i] / max : absResidual[i];
                e[i] = switch (loss) {
                    case "square" -> r * r;
                    case "exponential" -> 1 - Math.exp(-r);
                    default -> r;
                };
                err += w[i] * e[i];
            }
        }
        double beta = err / (1 - err);
        double[] next = w.clone();
        for (int i = 0; i < n; i++) {
            if (w[i] > 0) {
                next[i] = w[i] * Math.pow(beta, (1 - e[i]) * rate);
            }
        }
        return new Round(err, beta, next);
    }

    @Override
    protected AdaBoostRegressorModel train(Dataset data) {
        if (base != null) {
            return AdaBoostEstimators.regressor(base, data, params(), AdaBoostEstimators::inverseCdfDraws);
        }
        CartParams.requireNoInfinity(data.features(), data.featureNames(), AdaBoost.NAME);
        Params p = params();
        long t0 = System.nanoTime();
        int n = data.size();
        int f = data.featureCount();
        double[] y = data.target();
        double[] x = data.features().toArray();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target " + y[i] + " at row " + i + " is not finite");
            }
        }
        double[] w = AdaBoostEstimators.initialWeights(data);
        int rounds = p.getInt("n_estimators");
        double rate = p.getDouble("learning_rate");
        String loss = p.getString("loss");
        // categorical features split into level subsets (categorical_splits = partition), as DecisionTree
        TreeBuilder.Settings settings = new TreeBuilder.Settings(TreeBuilder.Criterion.SQUARED_ERROR, p.getInt("max_depth"), 2, 1, 0, 0, f,
                0, false).withCategories(CartParams.categoryLevels(data, p), p.getInt(CartParams.MAX_CATEGORIES_EXHAUSTIVE));
        SplittableRandom rng = new SplittableRandom(p.getLong("seed"));
        List<Tree> trees = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        String stop = "all " + rounds + " rounds run";
        double[] counts = new double[n];
        double[] res = new double[n];
        // the rounds share the feature ranks (the rows never change, only their draw counts) and one scratch workspace
        TreeBuilder.Ranks ranks = TreeBuilder.ranks(x, n, f);
        TreeBuilder.Workspace ws = new TreeBuilder.Workspace();
        for (int m = 0; m < rounds; m++) {
            // weighted bootstrap: n draws by inverse CDF of w, as draw counts
            java.util.Arrays.fill(counts, 0);
            for (int d : AdaBoostEstimators.inverseCdfDraws(w, rng, m)) {
                counts[d]++;
            }
            Tree tree = TreeBuilder.regression(x, n, f, y, counts, settings, rng.nextLong(), ranks, ws);
            double[] v = tree.value();
            for (int i = 0; i < n; i++) {
                res[i] = Math.abs(v[tree.leaf(x, n, i)] - y[i]);
            }
            Round r = round(res, w, loss, rate);
            if (r.error() <= 0) {
                trees.add(tree);
                weights.add(1.0);
                errors.add(0.0);
                stop = "tree " + (m + 1) + " fits the training data exactly";
                break;
            }
            if (r.error() >= 0.5) {
                if (trees.isEmpty()) {
                    throw new IllegalArgumentException("the first tree of AdaBoost.R2 has average loss " + r.error()
                            + " >= 0.5; the ensemble cannot be fitted");
                }
                stop = "tree " + (m + 1) + " has average loss " + r.error() + " >= 0.5 and was dropped";
                break;
            }
            trees.add(tree);
            weights.add(rate * Math.log(1 / r.beta()));
            errors.add(r.error());
            if (m == rounds - 1) {
                break;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                w[i] = r.weights()[i];
                sum += w[i];
            }
            if (!Double.isFinite(sum) || !(sum > 0)) {
                stop = "row weights not finite and positive after tree " + (m + 1);
                break;
            }
            for (int i = 0; i < n; i++) {
                w[i] /= sum;
            }
        }
        double[] a = weights.stream().mapToDouble(Double::doubleValue).toArray();
        double[] e = errors.stream().mapToDouble(Double::doubleValue).toArray();
        TrainingReport report = new TrainingReport(trees.size(), true, stop, e.clone(), secondsSince(t0), List.of(),
                Map.of("trees", (double) trees.size()));
        return new AdaBoostRegressorModel(p, ModelSchema.of(data), report, trees, a, e);
    }
}
