package dev.derive.ensemble;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import dev.derive.tree.TreeBuilder;
import dev.derive.tree.DecisionTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Bootstrap aggregating (Breiman 1996, "Bagging predictors") of any learner, with random feature subspaces
 * (Ho 1998) as scikit-learn's {@code BaggingClassifier}/{@code BaggingRegressor}. Estimator {@code t} is
 * fitted on {@code m} training rows drawn with replacement ({@code bootstrap = true}) or without, and on
 * {@code q} of the {@code p} feature columns drawn without replacement (with, if {@code bootstrap_features});
 * {@code m} and {@code q} come from {@code max_samples} and {@code max_features} (a count such as
 * {@code "100"} or a fraction such as {@code "0.5"} of the rows / features, floor, at least 1). The ensemble
 * predicts the mean of the estimators' class probabilities (soft vote; class = arg max, lowest index on
 * a tie) or the mean of their predictions (regression). With {@code oob_score} the out-of-bag estimate is
 * computed: for each row, the mean prediction of the estimators whose sample left it out, scored by
 * accuracy (classification) or R^2 (regression) over the rows left out at least once.
 *
 * <p>The base learner is any {@link Learner} of the same task, given in Java ({@link #classifier(Learner)},
 * {@link #regressor(Learner)}); the registered {@code bagging} uses CART with its defaults. Its parameters
 * are exposed by name as {@code estimator__name} (scikit-learn's nested names), e.g.
 * {@code with("estimator__max_depth", 3)} or {@code --set estimator__max_depth=3} on the command line. If the
 * base learner has a {@code seed} parameter, estimator {@code t} gets its own seed (drawn from {@code seed};
 * {@code estimator__seed} is then unused). Randomness: estimator {@code t} draws from a
 * {@link SplittableRandom} seeded with the {@code t}-th long of a master stream seeded with {@code seed}
 * (features, then rows, then the base seed), and estimators are fitted in parallel
 * ({@link Parallelism}) and combined in index order, so a seed gives a bit-identical model whatever the
 * thread count (provided the base learner is deterministic for its seed). Sample weights are carried to
 * the drawn rows. Missing values (NaN) are accepted only with a tree base ({@code cart},
 * {@code random_forest}, {@code extra_trees}), which routes them.
 *
 * @param <M> {@link BaggingClassifierModel} or {@link BaggingRegressorModel}
 */
public final class Bagging<M extends Model> extends AbstractLearner<Bagging<M>, M> {

    /** The registered name. */
    public static final String NAME = "bagging";
    /** The prefix of the base learner's parameters: {@code estimator__max_depth}. */
    public static final String ESTIMATOR = "estimator";
    public static final String CLASSIFIER_KIND = "bagging.classifier";
    public static final String REGRESSOR_KIND = "bagging.regressor";

    static final List<Param<?>> SPECS = List.of(
            Param.integer("n_estimators", 10, 1, 100_000, "number of base estimators"),
            Param.choiceOrNumber("max_samples", "1.0", List.of(),
                    "rows drawn per estimator: a count (\"200\") or a fraction of the rows (\"0.5\")"),
            Param.choiceOrNumber("max_features", "1.0", List.of(),
                    "feature columns per estimator: a count (\"3\") or a fraction of the features (\"0.5\")"),
            Param.flag("bootstrap", true, "draw rows with replacement (false: without)"),
            Param.flag("bootstrap_features", false, "draw feature columns with replacement"),
            Param.flag("oob_score", false, "compute the out-of-bag accuracy / R^2 (needs bootstrap)"),
            Param.seed(0));

    private final Dataset.Task task;
    private final Learner<?> base;

    private Bagging(Dataset.Task task, Learner<?> base, Params params) {
        super(params);
        this.task = task;
        this.base = Objects.requireNonNull(base, "base learner");
        if (base.task() != task) {
            throw new IllegalArgumentException("bagging " + task.name().toLowerCase() + " needs a base learner of the same task; '"
                    + base.name() + "' does " + base.task().name().toLowerCase());
        }
    }

    /** Bagged CART classifiers (scikit-learn's default base estimator is a decision tree too). */
    public static Bagging<BaggingClassifierModel> classifier() {
        return classifier(DecisionTree.classifier());
    }

    /** Bagged {@code base} classifiers. */
    public static Bagging<BaggingClassifierModel> classifier(Learner<?> base) {
        return new Bagging<>(Dataset.Task.CLASSIFICATION, base, params(base));
    }

    /** Bagged CART regressors. */
    public static Bagging<BaggingRegressorModel> regressor() {
        return regressor(DecisionTree.regressor());
    }

    /** Bagged {@code base} regressors. */
    public static Bagging<BaggingRegressorModel> regressor(Learner<?> base) {
        return new Bagging<>(Dataset.Task.REGRESSION, base, params(base));
    }

    /** The default bagging parameters followed by {@code base}'s as {@code estimator__name}. */
    static Params params(Learner<?> base) {
        return defaults(SPECS).withNested(ESTIMATOR, Objects.requireNonNull(base, "base learner").params());
    }

    public Bagging<M> estimators(int n) {
        return with("n_estimators", n);
    }

    /** A count ({@code "100"}) or fraction ({@code "0.5"}) of the rows. */
    public Bagging<M> maxSamples(Object v) {
        return with("max_samples", v);
    }

    /** A count ({@code "3"}) or fraction ({@code "0.5"}) of the features. */
    public Bagging<M> maxFeatures(Object v) {
        return with("max_features", v);
    }

    public Bagging<M> bootstrap(boolean b) {
        return with("bootstrap", b);
    }

    public Bagging<M> bootstrapFeatures(boolean b) {
        return with("bootstrap_features", b);
    }

    public Bagging<M> oobScore(boolean b) {
        return with("oob_score", b);
    }

    public Bagging<M> seed(long seed) {
        return with("seed", seed);
    }

    /** The base learner. */
    public Learner<?> base() {
        return base;
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
    protected Bagging<M> create(Params params) {
        return new Bagging<>(task, NestedParams.apply(base, params, ESTIMATOR), params);
    }

    /** A count ("3") or a fraction ("0.5", floor, at least 1) of {@code total}, checked against it. */
    static int amount(String name, String value, int total) {
        if (value.contains(".")) {
            return Math.max(1, (int) (Double.parseDouble(value) * total));
        }
        int c = Integer.parseInt(value);
        if (c > total) {
            throw new IllegalArgumentException(name + " = " + c + " exceeds the " + total + " available; allowed: [1, " + total + "]");
        }
        return c;
    }

    /** The drawn rows (sorted) and feature columns (sorted) of one estimator. */
    record Draw(int[] rows, int[] features, long baseSeed) {
    }

    static Draw draw(long seed, int n, int p, int m, int q, boolean bootstrap, boolean bootstrapFeatures) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] features = sample(rng, p, q, bootstrapFeatures);
        int[] rows = sample(rng, n, m, bootstrap);
        return new Draw(rows, features, rng.nextLong());
    }

    /** {@code k} of {@code 0..n-1}, with or without replacement, sorted. */
    private static int[] sample(SplittableRandom rng, int n, int k, boolean replace) {
        int[] out = new int[k];
        if (replace) {
            for (int i = 0; i < k; i++) {
                out[i] = rng.nextInt(n);
            }
        } else if (k == n) {
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
        } else {
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = 0; i < k; i++) { // partial Fisher-Yates
                int j = i + rng.nextInt(n - i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
                out[i] = perm[i];
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** The columns {@code features} of {@code x} (repeats allowed). */
    static Matrix columns(Matrix x, int[] features) {
        Matrix out = Matrix.zeros(x.rows(), features.length);
        for (int c = 0; c < features.length; c++) {
            for (int i = 0; i < x.rows(); i++) {
                out.set(i, c, x.get(i, features[c]));
            }
        }
        return out;
    }

    /** The data restricted to the given rows and feature columns (repeated columns get a {@code #k} suffix). */
    static Dataset restrict(Dataset data, int[] rows, int[] features) {
        Dataset d = data.subset(rows);
        boolean all = features.length == data.featureCount();
        for (int c = 0; all && c < features.length; c++) {
            all = features[c] == c;
        }
        if (all) {
            return d;
        }
        List<Dataset.Feature> info = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int f : features) {
            Dataset.Feature fi = data.featureInfo().get(f);
            int k = seen.merge(fi.name(), 1, Integer::sum);
            info.add(k == 1 ? fi : new Dataset.Feature(fi.name() + "#" + k, fi.levels()));
        }
        return d.withFeatureMatrix(columns(d.features(), features), info);
    }

    /**
     * Whether bagging of the registered learner {@code estimator} accepts missing values (NaN): true for the
     * tree learners that route them ({@code cart}, {@code random_forest}, {@code extra_trees}); for any other
     * base the ensemble rejects NaN itself, since a feature subset may hide a NaN from the base models.
     */
    static boolean acceptsMissing(String estimator) {
        return estimator.equals(DecisionTree.NAME) || estimator.equals(RandomForest.NAME) || estimator.equals(RandomForest.EXTRA_NAME);
    }

    /** Rejects NaN and infinite values of {@code x} when the base does not accept missing values, else infinite ones only. */
    static void checkValues(Matrix x, List<String> names, String estimator) {
        boolean missingOk = acceptsMissing(estimator);
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isInfinite(v) || (!missingOk && Double.isNaN(v))) {
                    throw new IllegalArgumentException("bagging of " + estimator + " does not accept "
                            + (Double.isNaN(v) ? "missing values (NaN)" : "infinite values") + ": feature '" + names.get(j)
                            + "' is " + v + " at row " + i);
                }
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        checkValues(data.features(), data.featureNames(), base.name());
        long t0 = System.nanoTime();
        Params p = params();
        int n = data.size();
        int f = data.featureCount();
        boolean bootstrap = p.getBoolean("bootstrap");
        boolean oob = p.getBoolean("oob_score");
        if (oob && !bootstrap) {
            throw new IllegalArgumentException("oob_score = true needs bootstrap = true (scikit-learn's rule: out-of-bag rows come from bootstrap draws)");
        }
        int m = amount("max_samples", p.getString("max_samples"), n);
        int q = amount("max_features", p.getString("max_features"), f);
        int count = p.getInt("n_estimators");
        SplittableRandom master = new SplittableRandom(p.getLong("seed"));
        long[] seeds = new long[count];
        for (int t = 0; t < count; t++) {
            seeds[t] = master.nextLong();
        }
        boolean baseSeeded = base.params().names().contains("seed");
        boolean cls = task == Dataset.Task.CLASSIFICATION;
        Draw[] draws = new Draw[count];
        Model[] models = new Model[count];
        // decision trees' scratch memory: one workspace per thread at work, lent to the fits that thread runs (as the
        // forests do; an estimator does not depend on the workspace, and learners other than trees ignore it)
        java.util.concurrent.ConcurrentLinkedDeque<TreeBuilder.Workspace> pool = new java.util.concurrent.ConcurrentLinkedDeque<>();
        Parallelism.forEach(count, 2, t -> {
            Draw d = draw(seeds[t], n, f, m, q, bootstrap, p.getBoolean("bootstrap_features"));
            draws[t] = d;
            Learner<?> l = baseSeeded ? base.with("seed", d.baseSeed()) : base;
            Model model;
            TreeBuilder.Workspace ws = pool.pollFirst();
            if (ws == null) {
                ws = new TreeBuilder.Workspace();
            }
            try {
                Dataset part = restrict(data, d.rows(), d.features());
                model = TreeBuilder.Workspace.lend(ws, () -> l.fit(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bagging estimator " + t + " (" + base.name() + "): " + e.getMessage(), e);
            }
            pool.addFirst(ws);
            if (cls ? !(model instanceof Classifier) : !(model instanceof Regressor)) {
                throw new IllegalArgumentException("bagging needs base models that are " + (cls ? "classifiers" : "regressors")
                        + "; " + base.name() + " gave " + model.kind());
            }
            models[t] = model;
        });
        List<String> warnings = new ArrayList<>();
        Map<String, Double> numbers = new LinkedHashMap<>();
        double oobScore = Double.NaN;
        int[][] feats = new int[count][];
        for (int t = 0; t < count; t++) {
            feats[t] = draws[t].features();
        }
        if (oob) {
            oobScore = oobScore(data, draws, models, cls, warnings);
            numbers.put("oob_score", oobScore);
        }
        TrainingReport report = new TrainingReport(count, true, "all estimators fitted", new double[0], secondsSince(t0), warnings, numbers);
        ModelSchema schema = ModelSchema.of(data);
        List<Model> list = List.of(models);
        return cls ? (M) new BaggingClassifierModel(p, schema, report, base.name(), list, feats, oobScore)
                : (M) new BaggingRegressorModel(p, schema, report, base.name(), list, feats, oobScore);
    }

    private static double oobScore(Dataset data, Draw[] draws, Model[] models, boolean cls, List<String> warnings) {
        int n = data.size();
        int k = cls ? data.numClasses() : 1;
        double[] sum = new double[n * k];
        int[] votes = new int[n];
        for (int t = 0; t < draws.length; t++) {
            boolean[] in = new boolean[n];
            for (int r : draws[t].rows()) {
                in[r] = true;
            }
            int[] out = java.util.stream.IntStream.range(0, n).filter(i -> !in[i]).toArray();
            if (out.length == 0) {
                continue;
            }
            Matrix x = columns(data.subset(out).features(), draws[t].features());
            if (cls) {
                Matrix pr = ((Classifier) models[t]).predictProba(x);
                for (int r = 0; r < out.length; r++) {
                    for (int c = 0; c < k; c++) {
                        sum[out[r] * k + c] += pr.get(r, c);
                    }
                    votes[out[r]]++;
                }
            } else {
                double[] pr = ((Regressor) models[t]).predict(x);
                for (int r = 0; r < out.length; r++) {
                    sum[out[r]] += pr[r];
                    votes[out[r]]++;
                }
            }
        }
        int used = 0;
        double correct = 0;
        double mean = 0;
        double[] y = cls ? null : data.target();
        int[] labels = cls ? data.labels() : null;
        for (int i = 0; i < n; i++) {
            if (votes[i] == 0) {
                continue;
            }
            used++;
            if (cls) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (sum[i * k + c] > sum[i * k + best]) {
                        best = c;
                    }
                }
                correct += best == labels[i] ? 1 : 0;
            } else {
                mean += y[i];
            }
        }
        if (used < n) {
            warnings.add((n - used) + " of " + n + " rows were in every estimator's sample; the out-of-bag score leaves them out");
        }
        if (used == 0) {
            return Double.NaN;
        }
        if (cls) {
            return correct / used;
        }
        mean /= used;
        double ssr = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            if (votes[i] > 0) {
                double e = y[i] - sum[i] / votes[i];
                ssr += e * e;
                sst += (y[i] - mean) * (y[i] - mean);
            }
        }
        return 1 - ssr / sst;
    }
}
