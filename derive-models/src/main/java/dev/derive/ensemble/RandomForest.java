package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.runtime.Parallelism;
import dev.derive.runtime.Progress;
import dev.derive.runtime.ProgressContext;
import dev.derive.tree.CartParams;
import dev.derive.tree.FlatForest;
import dev.derive.tree.Tree;
import dev.derive.tree.TreeBuilder;
import dev.derive.tree.TreePrediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Random forests (Breiman 2001): {@code n_estimators} CART trees, each grown on a bootstrap sample of
 * the rows (drawn with replacement, as many as there are rows; the draw counts become row weights) and
 * trying a random subset of {@code max_features} features at each split. A classifier averages the
 * trees' leaf class shares ({@code predict_proba}) and predicts the most probable class; a regressor
 * averages the trees' predictions. Parameters carry scikit-learn's names ({@code RandomForestClassifier},
 * {@code RandomForestRegressor}): {@code n_estimators}, {@code criterion}, the tree growth parameters of
 * {@link dev.derive.tree.DecisionTree}, {@code max_features} (default {@code sqrt} for classification,
 * {@code 1.0} for regression), {@code bootstrap}, {@code oob_score}, {@code class_weight}
 * ({@code none}, {@code balanced} over all rows, {@code balanced_subsample} per bootstrap sample) and
 * {@code seed}.
 *
 * <p>Missing values (NaN) are allowed and routed by the direction each split learned (see
 * {@link TreeBuilder}). Trees are grown in parallel on {@link Parallelism#pool()}. Tree {@code t} draws from its own
 * stream seeded with the {@code t}-th value of a {@link SplittableRandom} seeded with {@code seed}, and
 * trees are kept by index, so a seed gives a bit-identical forest whatever the thread count. The trees' scratch
 * memory ({@link TreeBuilder.Workspace}: node-local row copies, sort buffers, node arrays, bootstrap weights) is
 * allocated once per thread at work and reused for the trees that thread grows. Each tree is laid out for
 * prediction ({@link FlatForest}, the form the fitted model keeps) as soon as it is grown, and the grown {@link Tree}
 * dropped; the model's {@code trees()} rebuilds them exactly from that layout. With
 * {@code oob_score}, each row is predicted by the trees whose bootstrap sample left it out (out-of-bag)
 * and the report carries {@code oob_score}: accuracy for classifiers, R^2 for regressors, over the rows
 * that were out of bag at least once.
 *
 * <p>Extremely randomised trees (Geurts, Ernst &amp; Wehenkel 2006; scikit-learn's {@code ExtraTrees*},
 * registered as {@code extra_trees}) are the same ensemble with {@code bootstrap = false} by default and
 * trees whose candidate features are each cut at one threshold drawn uniformly between the feature's
 * node minimum and maximum ({@link TreeBuilder.Settings#randomSplits()}); a categorical feature is cut into one
 * random subset of the levels present in the node (each level left with probability 1/2).
 *
 * <p>Categorical features are split into level subsets as by {@link dev.derive.tree.DecisionTree}
 * ({@code categorical_splits = partition}, the default; {@code ordinal} for thresholds on the level codes).
 *
 * @param <M> {@link RandomForestClassifierModel} or {@link RandomForestRegressorModel}
 */
public final class RandomForest<M extends Model> extends AbstractLearner<RandomForest<M>, M> {

    /** The registered name. */
    public static final String NAME = "random_forest";
    public static final String CLASSIFIER_KIND = "random_forest.classifier";
    public static final String REGRESSOR_KIND = "random_forest.regressor";
    /** The registered name and persisted kinds of extremely randomised trees. */
    public static final String EXTRA_NAME = "extra_trees";
    public static final String EXTRA_CLASSIFIER_KIND = "extra_trees.classifier";
    public static final String EXTRA_REGRESSOR_KIND = "extra_trees.regressor";

    private static final Param<Integer> N_ESTIMATORS = Param.integer("n_estimators", 100, 1, 1_000_000, "number of trees");
    private static List<Param<?>> tail(boolean bootstrap) {
        return List.of(
                Param.flag("bootstrap", bootstrap, "grow each tree on a bootstrap sample (else on all rows)"),
                Param.flag("oob_score", false, "score the forest on out-of-bag rows (needs bootstrap)"));
    }

    private static List<Param<?>> classifierSpecs(boolean bootstrap) {
        return concat(List.of(N_ESTIMATORS, CartParams.classificationCriterion()), CartParams.growth("sqrt"), tail(bootstrap),
                List.of(Param.choice("class_weight", "none", List.of("none", "balanced", "balanced_subsample"),
                        "none; balanced: class c weighs n / (K n_c); balanced_subsample: the same per bootstrap sample"),
                        Param.seed(0)));
    }

    private static List<Param<?>> regressorSpecs(boolean bootstrap) {
        return concat(List.of(N_ESTIMATORS, CartParams.regressionCriterion()), CartParams.growth("1.0"), tail(bootstrap),
                List.of(Param.seed(0)));
    }

    static final List<Param<?>> CLASSIFIER_SPECS = classifierSpecs(true);
    static final List<Param<?>> REGRESSOR_SPECS = regressorSpecs(true);
    static final List<Param<?>> EXTRA_CLASSIFIER_SPECS = classifierSpecs(false);
    static final List<Param<?>> EXTRA_REGRESSOR_SPECS = regressorSpecs(false);

    @SafeVarargs
    private static List<Param<?>> concat(List<Param<?>>... parts) {
        List<Param<?>> all = new ArrayList<>();
        for (List<Param<?>> p : parts) {
            all.addAll(p);
        }
        return List.copyOf(all);
    }

    private final Dataset.Task task;
    private final boolean extra;

    private RandomForest(Dataset.Task task, boolean extra, Params params) {
        super(params);
        this.task = task;
        this.extra = extra;
    }

    /** A random forest classifier with scikit-learn's defaults (100 trees, Gini, sqrt features, bootstrap). */
    public static RandomForest<RandomForestClassifierModel> classifier() {
        return new RandomForest<>(Dataset.Task.CLASSIFICATION, false, defaults(CLASSIFIER_SPECS));
    }

    /** A random forest regressor with scikit-learn's defaults (100 trees, squared error, all features, bootstrap). */
    public static RandomForest<RandomForestRegressorModel> regressor() {
        return new RandomForest<>(Dataset.Task.REGRESSION, false, defaults(REGRESSOR_SPECS));
    }

    /** Extremely randomised trees for classification with scikit-learn's defaults (100 trees, Gini, sqrt features, no bootstrap). */
    public static RandomForest<RandomForestClassifierModel> extraTreesClassifier() {
        return new RandomForest<>(Dataset.Task.CLASSIFICATION, true, defaults(EXTRA_CLASSIFIER_SPECS));
    }

    /** Extremely randomised trees for regression with scikit-learn's defaults (100 trees, squared error, all features, no bootstrap). */
    public static RandomForest<RandomForestRegressorModel> extraTreesRegressor() {
        return new RandomForest<>(Dataset.Task.REGRESSION, true, defaults(EXTRA_REGRESSOR_SPECS));
    }

    /** True for extremely randomised trees. */
    public boolean extraTrees() {
        return extra;
    }

    public RandomForest<M> nEstimators(int n) {
        return with("n_estimators", n);
    }

    public RandomForest<M> criterion(String c) {
        return with("criterion", c);
    }

    /** Maximum tree depth; {@code null} for none. */
    public RandomForest<M> maxDepth(Integer d) {
        return with("max_depth", d);
    }

    public RandomForest<M> minSamplesLeaf(int m) {
        return with("min_samples_leaf", m);
    }

    /** {@code "all"}, {@code "sqrt"}, {@code "log2"}, a count or a fraction. */
    public RandomForest<M> maxFeatures(Object m) {
        return with("max_features", m);
    }

    public RandomForest<M> bootstrap(boolean b) {
        return with("bootstrap", b);
    }

    public RandomForest<M> oobScore(boolean b) {
        return with("oob_score", b);
    }

    public RandomForest<M> seed(long seed) {
        return with("seed", seed);
    }

    @Override
    public String name() {
        return extra ? EXTRA_NAME : NAME;
    }

    @Override
    public Dataset.Task task() {
        return task;
    }

    @Override
    protected RandomForest<M> create(Params params) {
        return new RandomForest<>(task, extra, params);
    }

    /** The seed of tree {@code t}'s stream: the {@code t}-th long of a SplittableRandom seeded with {@code seed}. */
    static long[] treeSeeds(long seed, int trees) {
        SplittableRandom master = new SplittableRandom(seed);
        long[] s = new long[trees];
        for (int t = 0; t < trees; t++) {
            s[t] = master.nextLong();
        }
        return s;
    }

    /** The bootstrap draw counts of one tree (n draws with replacement from {@code rng}). */
    static int[] bootstrapCounts(SplittableRandom rng, int n) {
        return bootstrapCounts(rng, n, new int[n]);
    }

    /** As {@link #bootstrapCounts(SplittableRandom, int)} into {@code counts[0, n)} (overwritten). */
    static int[] bootstrapCounts(SplittableRandom rng, int n, int[] counts) {
        java.util.Arrays.fill(counts, 0, n, 0);
        for (int i = 0; i < n; i++) {
            counts[rng.nextInt(n)]++;
        }
        return counts;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        CartParams.requireNoInfinity(data.features(), data.featureNames(), name());
        Params p = params();
        boolean cls = task == Dataset.Task.CLASSIFICATION;
        boolean bootstrap = p.getBoolean("bootstrap");
        boolean oob = p.getBoolean("oob_score");
        if (oob && !bootstrap) {
            throw new IllegalArgumentException("oob_score = true needs bootstrap = true (without bootstrap no row is out of bag)");
        }
        long t0 = System.nanoTime();
        int n = data.size();
        int f = data.featureCount();
        String classWeight = cls ? p.getString("class_weight") : "none";
        // sample weights times, for class_weight = balanced, the class weights over all rows
        double[] base = CartParams.rowWeights(data, p, cls);
        int[] labels = cls ? data.labels() : null;
        double[] y = cls ? null : data.target();
        int k = data.numClasses();
        double[] x = data.features().columnMajorView();  // read only: no copy of the training data
        int trees = p.getInt("n_estimators");
        long[] seeds = treeSeeds(p.getLong("seed"), trees);
        // each tree is laid out for prediction (FlatForest, the form the model keeps) as soon as it is grown, and the
        // grown Tree dropped: the forest is never held twice, and the first prediction finds the layout built
        FlatForest.Part[] forest = new FlatForest.Part[trees];
        CartParams.maxFeatures(p.getString("max_features"), f); // validates a count against the feature count
        // the feature ranks are shared by all trees (exact splits sort packed (rank, row) keys per node)
        TreeBuilder.Ranks ranks = extra ? null : TreeBuilder.ranks(x, n, f);
        // categorical features split into level subsets (categorical_splits = partition), checked once for all trees
        int[] categoryLevels = CartParams.categoryLevels(data, p);
        int maxExhaustive = p.getInt(CartParams.MAX_CATEGORIES_EXHAUSTIVE);
        Progress progress = ProgressContext.current();
        progress.start("trees", trees);
        // the trees' scratch memory (node-local copies of the rows, sort buffers, node arrays, weights): one
        // workspace per thread at work, taken from this pool for a tree and given back after it, so the memory is
        // allocated once per thread instead of once per tree (a tree does not depend on which workspace grew it)
        ConcurrentLinkedDeque<TreeBuilder.Workspace> pool = new ConcurrentLinkedDeque<>();
        try {
            Parallelism.forEach(trees, 2, t -> {
                TreeBuilder.Workspace ws = pool.pollFirst();
                if (ws == null) {
                    ws = new TreeBuilder.Workspace();
                }
                Tree tree = growTree(seeds[t], ws, x, n, f, labels, k, y, base, bootstrap, classWeight, p, categoryLevels, maxExhaustive, ranks);
                forest[t] = FlatForest.part(tree, cls);
                pool.addFirst(ws);
                progress.advance(1, null);
            });
        } finally {
            progress.finish();
        }
        pool.clear();
        FlatForest flat = FlatForest.of(forest);
        List<String> warnings = new ArrayList<>();
        Map<String, Double> numbers = new java.util.LinkedHashMap<>();
        double oobScore = Double.NaN;
        if (oob) {
            oobScore = cls ? oobAccuracy(flat, seeds, x, n, labels, k, warnings) : oobR2(flat, seeds, x, n, y, warnings);
            numbers.put("oob_score", oobScore);
        }
        numbers.put("nodes", (double) flat.nodeCount());
        TrainingReport report = new TrainingReport(trees, true, "all trees grown", new double[0], secondsSince(t0), warnings, numbers);
        ModelSchema schema = ModelSchema.of(data);
        return cls ? (M) new RandomForestClassifierModel(extra ? EXTRA_CLASSIFIER_KIND : CLASSIFIER_KIND, p, schema, report, flat, oobScore)
                : (M) new RandomForestRegressorModel(extra ? EXTRA_REGRESSOR_KIND : REGRESSOR_KIND, p, schema, report, flat, oobScore);
    }

    /** Grows one tree of the forest from its stream {@code seed} in the workspace {@code ws}. */
    private Tree growTree(long seed, TreeBuilder.Workspace ws, double[] x, int n, int f, int[] labels, int k, double[] y,
                          double[] base, boolean bootstrap, String classWeight, Params p, int[] categoryLevels, int maxExhaustive,
                          TreeBuilder.Ranks ranks) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = ws.rowWeights(n);
        System.arraycopy(base, 0, w, 0, n);
        if (bootstrap) {
            int[] counts = bootstrapCounts(rng, n, ws.rowCounts(n));
            scale(w, counts, n);
            if (classWeight.equals("balanced_subsample")) {
                applyBalanced(w, counts, labels, k, n);
            }
        } else if (classWeight.equals("balanced_subsample")) {
            int[] ones = ws.rowCounts(n);
            java.util.Arrays.fill(ones, 0, n, 1);
            applyBalanced(w, ones, labels, k, n);
        }
        double total = sum(w, n);
        if (w.length > n) {
            w = java.util.Arrays.copyOf(w, n); // the builders take exactly n weights (a workspace used before on more rows)
        }
        TreeBuilder.Settings s = CartParams.settings(p, f, total, extra).withCategories(categoryLevels, maxExhaustive);
        long treeSeed = rng.nextLong();
        return labels != null ? TreeBuilder.classification(x, n, f, labels, k, w, s, treeSeed, ranks, ws)
                : TreeBuilder.regression(x, n, f, y, w, s, treeSeed, ranks, ws);
    }

    // the row loops of growTree, out of it so that the JIT compiles them alone (growTree runs once per tree)

    /** {@code w[i] *= counts[i]} for {@code i < n}. */
    private static void scale(double[] w, int[] counts, int n) {
        for (int i = 0; i < n; i++) {
            w[i] *= counts[i];
        }
    }

    /** {@code w[0] + ... + w[n - 1]}, in order. */
    private static double sum(double[] w, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += w[i];
        }
        return total;
    }

    /**
     * Multiplies {@code w} by scikit-learn's {@code balanced_subsample} class weights: {@code m / (K' m_c)}
     * with {@code m_c} the drawn count of class {@code c}, {@code m} all draws and {@code K'} the classes drawn.
     */
    private static void applyBalanced(double[] w, int[] counts, int[] labels, int k, int n) {
        double[] classCount = new double[k];
        double m = 0;
        for (int i = 0; i < n; i++) {
            classCount[labels[i]] += counts[i];
            m += counts[i];
        }
        int present = 0;
        for (double c : classCount) {
            present += c > 0 ? 1 : 0;
        }
        for (int i = 0; i < n; i++) {
            double c = classCount[labels[i]];
            w[i] = c > 0 ? w[i] * m / (present * c) : 0;
        }
    }

    /** For each tree, the rows its bootstrap sample left out (recomputed from the tree's seed). */
    private static boolean[] outOfBag(long seed, int n) {
        int[] counts = bootstrapCounts(new SplittableRandom(seed), n);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = counts[i] == 0;
        }
        return out;
    }

    private static double oobAccuracy(FlatForest forest, long[] seeds, double[] x, int n, int[] labels, int k, List<String> warnings) {
        double[] sum = new double[n * k];
        int[] votes = new int[n];
        for (int t = 0; t < forest.treeCount(); t++) {
            boolean[] oob = outOfBag(seeds[t], n);
            Tree tree = forest.tree(t); // rebuilt from the layout, one tree at a time
            for (int i = 0; i < n; i++) {
                if (oob[i]) {
                    TreePrediction.addProbaRow(tree, x, n, i, sum, i * k, 1.0);
                    votes[i]++;
                }
            }
        }
        int scored = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (votes[i] == 0) {
                continue;
            }
            scored++;
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (sum[i * k + c] > sum[i * k + best]) {
                    best = c;
                }
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return finishOob(scored, n, warnings, (double) correct / scored);
    }

    private static double oobR2(FlatForest forest, long[] seeds, double[] x, int n, double[] y, List<String> warnings) {
        double[] sum = new double[n];
        int[] votes = new int[n];
        for (int t = 0; t < forest.treeCount(); t++) {
            boolean[] oob = outOfBag(seeds[t], n);
            Tree tree = forest.tree(t); // rebuilt from the layout, one tree at a time
            for (int i = 0; i < n; i++) {
                if (oob[i]) {
                    sum[i] += TreePrediction.valueRow(tree, x, n, i);
                    votes[i]++;
                }
            }
        }
        double mean = 0;
        int scored = 0;
        for (int i = 0; i < n; i++) {
            if (votes[i] > 0) {
                mean += y[i];
                scored++;
            }
        }
        if (scored == 0) {
            return finishOob(0, n, warnings, Double.NaN);
        }
        mean /= scored;
        double ssr = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            if (votes[i] > 0) {
                double e = y[i] - sum[i] / votes[i];
                ssr += e * e;
                sst += (y[i] - mean) * (y[i] - mean);
            }
        }
        return finishOob(scored, n, warnings, 1 - ssr / sst);
    }

    private static double finishOob(int scored, int n, List<String> warnings, double score) {
        if (scored == 0) {
            warnings.add("no row was out of bag; oob_score is NaN (use more trees)");
            return Double.NaN;
        }
        if (scored < n) {
            warnings.add((n - scored) + " of " + n + " rows were never out of bag and are left out of oob_score (use more trees)");
        }
        return score;
    }
}
