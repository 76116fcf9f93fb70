package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import java.util.List;
import java.util.Map;

/**
 * CART decision trees (Breiman, Friedman, Olshen &amp; Stone 1984) for classification (Gini or entropy)
 * and regression (squared error or Poisson deviance), grown by exact greedy search with {@link TreeBuilder}. Parameters
 * carry scikit-learn's names and meanings ({@code DecisionTreeClassifier}/{@code DecisionTreeRegressor}):
 * {@code criterion}, {@code max_depth}, {@code min_samples_split}, {@code min_samples_leaf},
 * {@code min_weight_fraction_leaf}, {@code max_features}, {@code max_leaf_nodes} (best-first growth),
 * {@code min_impurity_decrease}, {@code class_weight}, {@code ccp_alpha} (minimal cost-complexity pruning after
 * growth, {@link CostComplexityPruning}; {@link #costComplexityPruningPath} gives the path and
 * {@link CostComplexityPruning#selectAlpha} picks an alpha by k-fold cross-validation), {@code categorical_splits},
 * {@code max_categories_exhaustive} (see below) and {@code seed} (scikit-learn's
 * {@code random_state}; it only matters when {@code max_features} is below the feature count). Sample
 * weights of the data set are honoured.
 *
 * <p>Differences from scikit-learn: with all features tried, features are scanned in index order (no
 * random permutation), so among exactly equally good splits the lowest feature index wins and the tree
 * does not depend on the seed; scikit-learn breaks such ties by a seeded shuffle. Inputs are used as
 * {@code double} (scikit-learn rounds them to {@code float}). Missing values (NaN) are accepted at
 * training and prediction and routed by a direction learned at each split (see {@link TreeBuilder};
 * scikit-learn 1.2 rejects them, 1.3 routes them the same way).
 *
 * <p>Categorical features ({@link Dataset.Feature#isCategorical()}: level codes {@code 0..L-1}, NaN missing) are
 * split natively into a subset of levels against the rest ({@code categorical_splits = partition}, the default):
 * for regression (squared error, Poisson) and two classes the levels present in the node are sorted by mean target
 * / class-1 share and the {@code m - 1} cuts of that order are scored, which finds the optimal binary partition
 * (Fisher 1958; Breiman et al. 1984, Theorem 4.5); for more classes all {@code 2^(m-1) - 1} partitions are tried
 * when {@code m <= max_categories_exhaustive} (10), else the cuts of the first-principal-component order of the
 * levels' class shares (Coppersmith, Hong &amp; Hosking 1999) and of each class's share order (a heuristic: best of
 * these cuts, optimal when the levels' class-share vectors are collinear); absolute error tries all partitions when
 * {@code m <= max_categories_exhaustive}, else the cuts of the mean order (a heuristic: the median cost is not a
 * function of the mean). Missing values take a
 * learned side as at numeric splits; levels absent from the node's training rows, and codes unknown at training,
 * go to the child with more training weight. {@code categorical_splits = ordinal} splits the codes as ordered
 * numbers (the behaviour before partitions existed; model files written then load with this value). See
 * {@link TreeBuilder} and {@link Tree} for the search and the stored level sets.
 *
 * @param <M> {@link DecisionTreeClassifierModel} or {@link DecisionTreeRegressorModel}
 */
public final class DecisionTree<M extends Model> extends AbstractLearner<DecisionTree<M>, M> {

    /** The registered name. */
    public static final String NAME = "cart";
    public static final String CLASSIFIER_KIND = "cart.classifier";
    public static final String REGRESSOR_KIND = "cart.regressor";

    /** The minimal cost-complexity pruning parameter (scikit-learn's {@code ccp_alpha}). */
    static final Param<Double> CCP_ALPHA = Param.nonNegative("ccp_alpha", 0.0,
            "minimal cost-complexity pruning: collapse weakest links with effective alpha <= ccp_alpha; 0: no pruning");

    static final List<Param<?>> CLASSIFIER_SPECS = CartParams.concat(
            List.of(CartParams.classificationCriterion()),
            CartParams.concat(CartParams.growth("all"), List.of(CartParams.classWeight(), CCP_ALPHA, Param.seed(0))));
    static final List<Param<?>> REGRESSOR_SPECS = CartParams.concat(
            List.of(CartParams.regressionCriterion()), CartParams.concat(CartParams.growth("all"), List.of(CCP_ALPHA, Param.seed(0))));

    private final Dataset.Task task;

    private DecisionTree(Dataset.Task task, Params params) {
        super(params);
        this.task = task;
    }

    /** A classification tree with scikit-learn's defaults (Gini, fully grown). */
    public static DecisionTree<DecisionTreeClassifierModel> classifier() {
        return new DecisionTree<>(Dataset.Task.CLASSIFICATION, defaults(CLASSIFIER_SPECS));
    }

    /** A regression tree with scikit-learn's defaults (squared error, fully grown). */
    public static DecisionTree<DecisionTreeRegressorModel> regressor() {
        return new DecisionTree<>(Dataset.Task.REGRESSION, defaults(REGRESSOR_SPECS));
    }

    public DecisionTree<M> criterion(String c) {
        return with("criterion", c);
    }

    /** Maximum depth; {@code null} for none. */
    public DecisionTree<M> maxDepth(Integer d) {
        return with("max_depth", d);
    }

    public DecisionTree<M> minSamplesSplit(int m) {
        return with("min_samples_split", m);
    }

    public DecisionTree<M> minSamplesLeaf(int m) {
        return with("min_samples_leaf", m);
    }

    /** {@code "all"}, {@code "sqrt"}, {@code "log2"}, a count ({@code "3"}) or a fraction ({@code "0.5"}). */
    public DecisionTree<M> maxFeatures(Object m) {
        return with("max_features", m);
    }

    /** Best-first growth up to this many leaves; {@code null} for depth-first without a limit. */
    public DecisionTree<M> maxLeafNodes(Integer m) {
        return with("max_leaf_nodes", m);
    }

    public DecisionTree<M> minImpurityDecrease(double d) {
        return with("min_impurity_decrease", d);
    }

    /** Minimal cost-complexity pruning strength (0: none); see {@link CostComplexityPruning}. */
    public DecisionTree<M> ccpAlpha(double alpha) {
        return with("ccp_alpha", alpha);
    }

    public DecisionTree<M> seed(long seed) {
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
    protected DecisionTree<M> create(Params params) {
        return new DecisionTree<>(task, params);
    }

    /**
     * The minimal cost-complexity pruning path of the tree these parameters grow on {@code data} (with
     * {@code ccp_alpha} ignored), as scikit-learn's {@code cost_complexity_pruning_path}: the effective
     * alphas (ascending, the first 0) and the total leaf impurity of the subtree optimal from each alpha on.
     */
    public CostComplexityPruning.Path costComplexityPruningPath(Dataset data) {
        DecisionTree<M> full = with("ccp_alpha", 0.0);
        M m = full.fit(data);
        Tree t = m instanceof DecisionTreeClassifierModel c ? c.tree() : ((DecisionTreeRegressorModel) m).tree();
        return CostComplexityPruning.path(t);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        CartParams.requireNoInfinity(data.features(), data.featureNames(), NAME);
        long t0 = System.nanoTime();
        boolean cls = task == Dataset.Task.CLASSIFICATION;
        double[] w = CartParams.rowWeights(data, params(), cls);
        double total = 0;
        for (double v : w) {
            total += v;
        }
        TreeBuilder.Settings s = CartParams.settings(params(), data, total, false);
        double[] x = data.features().toArray();
        long seed = params().getLong("seed");
        // the scratch memory lent by a caller fitting many trees (bagging), else a new one (TreeBuilder.Workspace#lend)
        TreeBuilder.Workspace ws = TreeBuilder.Workspace.lent();
        Tree tree = cls
                ? TreeBuilder.classification(x, data.size(), data.featureCount(), data.labels(), data.numClasses(), w, s, seed, null, ws)
                : TreeBuilder.regression(x, data.size(), data.featureCount(), data.target(), w, s, seed, null, ws);
        double alpha = params().getDouble("ccp_alpha");
        if (alpha > 0) {
            tree = CostComplexityPruning.prune(tree, alpha);
        }
        TrainingReport report = new TrainingReport(1, true, "tree grown", new double[0], secondsSince(t0), List.of(),
                Map.of("nodes", (double) tree.nodeCount(), "leaves", (double) tree.leafCount(), "depth", (double) tree.depth()));
        ModelSchema schema = ModelSchema.of(data);
        return cls ? (M) new DecisionTreeClassifierModel(params(), schema, report, tree)
                : (M) new DecisionTreeRegressorModel(params(), schema, report, tree);
    }
}
