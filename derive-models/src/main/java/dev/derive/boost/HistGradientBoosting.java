package dev.derive.boost;

import dev.derive.data.Dataset;
import dev.derive.learn.AbstractLearner;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import dev.derive.runtime.Progress;
import dev.derive.runtime.ProgressContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Histogram gradient boosting with second-order (Newton) trees, as LightGBM and XGBoost's {@code hist}
 * method: features are quantised once into at most {@code max_bins} bins ({@link Binner}), each round
 * computes per-row gradients {@code g_i} and hessians {@code h_i} of the {@link Objective} at the current raw
 * scores, and grows a tree on them ({@link TreeGrower}: split gain
 * {@code T(G_L)^2/(H_L + lambda) + T(G_R)^2/(H_R + lambda) - T(G)^2/(H + lambda)}, {@code T} the L1 soft
 * threshold by {@code reg_alpha}; leaf value {@code -learning_rate * T(G)/(H + lambda)}, optionally clipped by
 * {@code max_delta_step}). Raw scores start at the objective's constant minimiser ({@link Objective#initScore})
 * and {@code F <- F + tree(x)}. Softmax (multiclass) grows K trees per round from the same scores.
 *
 * <p>Each round's tree sees a bag of rows (every {@code subsample_freq} rounds a new draw of
 * {@code floor(subsample * n)} rows without replacement, when {@code subsample < 1} and
 * {@code subsample_freq > 0}) and a random share {@code colsample_bytree} of the features (at least one).
 * With {@code early_stopping_rounds > 0}, a share {@code validation_fraction} of the rows is held out
 * (stratified by class for classification), the validation metric (the objective's loss; mean squared error
 * for {@code l2}) is computed after every round, training stops after {@code early_stopping_rounds} rounds
 * without a strict improvement, and the model keeps the rounds up to the best one. All random draws come
 * from streams derived from {@code seed}; the result does not depend on the thread count.
 *
 * <p>Missing values ({@code NaN}) are supported: they get their own bin and every split learns where they
 * go. Infinite values are rejected. Registered as {@code hist_gbdt}; parameter names follow LightGBM's
 * scikit-learn API (see {@code docs/boost.md} for the mapping to XGBoost and scikit-learn).
 *
 * @param <M> {@link HistGradientBoostingClassifierModel} or {@link HistGradientBoostingRegressorModel}
 */
public final class HistGradientBoosting<M extends Model> extends AbstractLearner<HistGradientBoosting<M>, M> {

    /** The registered name. */
    public static final String NAME = "hist_gbdt";
    public static final String CLASSIFIER_KIND = "hist_gbdt.classifier";
    public static final String REGRESSOR_KIND = "hist_gbdt.regressor";

    private static List<Param<?>> specs(Param<String> objective, boolean regression) {
        List<Param<?>> l = new ArrayList<>(List.of(objective,
                Param.integer("n_estimators", 100, 1, 1_000_000, "boosting rounds (trees per output)"),
                Param.positive("learning_rate", 0.1, "shrinkage applied to each tree's leaf values"),
                Param.integer("num_leaves", 31, 2, 131_072, "most leaves per tree"),
                Param.integer("max_depth", -1, -1, 1_000, "most depth per tree; -1 = no limit (0 is not allowed)"),
                Param.choice("grow_policy", "leafwise", List.of("leafwise", "depthwise"),
                        "leafwise: split the leaf with the largest gain first (LightGBM); depthwise: level by level (XGBoost)"),
                Param.integer("max_bins", 255, 2, 255, "most bins per feature (plus one bin for missing values)"),
                Param.integer("bin_construct_sample_cnt", Binner.DEFAULT_SAMPLE, 1, Integer.MAX_VALUE,
                        "rows sampled to compute the bin edges"),
                Param.integer("min_child_samples", 20, 1, Integer.MAX_VALUE, "fewest rows per leaf (min_data_in_leaf)"),
                Param.nonNegative("min_child_weight", 1e-3, "smallest hessian sum per leaf (min_sum_hessian_in_leaf)"),
                Param.nonNegative("reg_lambda", 0.0, "L2 penalty on leaf values (lambda_l2)"),
                Param.nonNegative("reg_alpha", 0.0, "L1 penalty on leaf values (lambda_l1)"),
                Param.nonNegative("min_split_gain", 0.0, "smallest gain a split needs (gamma, min_gain_to_split)"),
                Param.nonNegative("max_delta_step", 0.0, "clip of each leaf output before shrinkage; 0 = none"),
                Param.real("subsample", 1.0, 0, false, 1, true, "share of rows each bag holds (bagging_fraction)"),
                Param.integer("subsample_freq", 1, 0, Integer.MAX_VALUE, "draw a new bag every this many rounds; 0 = no bagging"),
                Param.real("colsample_bytree", 1.0, 0, false, 1, true, "share of features each tree may split on (feature_fraction)"),
                Param.integer("early_stopping_rounds", 0, 0, Integer.MAX_VALUE,
                        "stop after this many rounds without validation improvement; 0 = no early stopping"),
                Param.real("validation_fraction", 0.1, 0, false, 1, false, "share of rows held out for early stopping")));
        if (regression) {
            l.add(Param.positive("alpha", 0.9, "huber: delta; quantile: the quantile level (in (0, 1))"));
            l.add(Param.real("tweedie_variance_power", 1.5, 1, false, 2, false, "tweedie: variance power p in (1, 2)"));
        }
        l.add(Param.seed(0));
        return List.copyOf(l);
    }

    static final List<Param<?>> CLASSIFIER_SPECS = specs(Param.choice("objective", "auto", List.of("auto", "binary", "multiclass"),
            "auto: binary for two classes, multiclass (softmax) for more"), false);
    static final List<Param<?>> REGRESSOR_SPECS = specs(Param.choice("objective", "l2",
            List.of("l2", "l1", "huber", "quantile", "poisson", "gamma", "tweedie"), "regression loss"), true);

    private final Dataset.Task task;

    private HistGradientBoosting(Dataset.Task task, Params params) {
        super(params);
        this.task = task;
        if (params.getInt("max_depth") == 0) {
            throw new IllegalArgumentException("max_depth must be -1 (no limit) or >= 1, got 0");
        }
        if (task == Dataset.Task.REGRESSION) {
            String o = params.getString("objective");
            double a = params.getDouble("alpha");
            if (o.equals("quantile") && !(a < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1) for the quantile objective, got " + a);
            }
        }
    }

    /** A classifier with LightGBM's defaults (100 rounds, 31 leaves, rate 0.1, 255 bins). */
    public static HistGradientBoosting<HistGradientBoostingClassifierModel> classifier() {
        return new HistGradientBoosting<>(Dataset.Task.CLASSIFICATION, defaults(CLASSIFIER_SPECS));
    }

    /** A regressor with LightGBM's defaults (l2, 100 rounds, 31 leaves, rate 0.1, 255 bins). */
    public static HistGradientBoosting<HistGradientBoostingRegressorModel> regressor() {
        return new HistGradientBoosting<>(Dataset.Task.REGRESSION, defaults(REGRESSOR_SPECS));
    }

    public HistGradientBoosting<M> nEstimators(int n) {
        return with("n_estimators", n);
    }

    public HistGradientBoosting<M> learningRate(double r) {
        return with("learning_rate", r);
    }

    public HistGradientBoosting<M> numLeaves(int n) {
        return with("num_leaves", n);
    }

    public HistGradientBoosting<M> maxDepth(int d) {
        return with("max_depth", d);
    }

    public HistGradientBoosting<M> seed(long seed) {
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
    protected HistGradientBoosting<M> create(Params params) {
        return new HistGradientBoosting<>(task, params);
    }

    /** The objective these parameters select for {@code k} classes (ignored for regression). */
    Objective objective(int k) {
        Params p = params();
        String o = p.getString("objective");
        if (task == Dataset.Task.REGRESSION) {
            return Objectives.regression(o, p.getDouble("alpha"), p.getDouble("tweedie_variance_power"));
        }
        if (o.equals("binary") && k != 2) {
            throw new IllegalArgumentException("objective 'binary' needs 2 classes, the data have " + k + "; use multiclass");
        }
        return o.equals("multiclass") || (o.equals("auto") && k > 2) ? Objectives.multiclass(k) : Objectives.binary();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        long t0 = System.nanoTime();
        Params p = params();
        boolean cls = task == Dataset.Task.CLASSIFICATION;
        BoostedTrees.requireNoInfinity(data.features(), data.featureNames(), NAME);
        int n = data.size();
        int f = data.featureCount();
        int k = cls ? data.numClasses() : 0;
        Objective obj = objective(k);
        int outs = obj.outputs();
        double[] yAll = new double[n];
        int[] labels = cls ? data.labels() : null;
        double[] target = cls ? null : data.target();
        for (int i = 0; i < n; i++) {
            yAll[i] = cls ? labels[i] : target[i];
        }
        obj.checkTarget(yAll);
        double[] wAll = data.hasWeights() ? data.weights() : null;
        if (wAll != null) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if (!(wAll[i] >= 0) || Double.isInfinite(wAll[i])) {
                    throw new IllegalArgumentException("sample weight " + wAll[i] + " at row " + i + " is not a finite number >= 0");
                }
                sum += wAll[i];
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("the sample weights sum to " + sum + "; at least one must be positive");
            }
        }
        SplittableRandom master = new SplittableRandom(p.getLong("seed"));
        long splitSeed = master.nextLong();
        long binSeed = master.nextLong();
        SplittableRandom bagRng = new SplittableRandom(master.nextLong());
        SplittableRandom colRng = new SplittableRandom(master.nextLong());

        int esr = p.getInt("early_stopping_rounds");
        int[] trainRows;
        int[] validRows;
        if (esr > 0) {
            int[][] tv = holdOut(n, labels, k, p.getDouble("validation_fraction"), splitSeed);
            trainRows = tv[0];
            validRows = tv[1];
        } else {
            trainRows = null;
            validRows = new int[0];
        }
        Matrix xAll = data.features();
        int nt = trainRows == null ? n : trainRows.length;
        double[] y = trainRows == null ? yAll : gather(yAll, trainRows);
        double[] w = wAll == null ? null : trainRows == null ? wAll : gather(wAll, trainRows);
        int nv = validRows.length;
        double[] xv = gather(xAll, validRows);
        double[] yv = gather(yAll, validRows);
        double[] wv = wAll == null ? null : gather(wAll, validRows);
        if (w != null && !(sum(w) > 0)) {
            throw new IllegalArgumentException("the sample weights of the training part sum to 0");
        }

        // binned column by column from the dataset's matrix: no copy of the whole feature matrix is made
        BinnedData bins = Binner.bin(xAll, trainRows, p.getInt("max_bins"), p.getInt("bin_construct_sample_cnt"), binSeed);
        double[] init = obj.initScore(y, w);
        double rate = p.getDouble("learning_rate");
        TreeGrower grower = new TreeGrower(bins, new TreeGrower.Settings(p.getInt("num_leaves"), p.getInt("max_depth"),
                p.getInt("min_child_samples"), p.getDouble("min_child_weight"), p.getDouble("reg_lambda"),
                p.getDouble("reg_alpha"), p.getDouble("min_split_gain"), p.getDouble("max_delta_step"), rate,
                p.getString("grow_policy").equals("depthwise")));
        double[] raw = new double[nt * outs];
        for (int i = 0; i < nt; i++) {
            System.arraycopy(init, 0, raw, i * outs, outs);
        }
        double[] rawV = new double[nv * outs];
        for (int i = 0; i < nv; i++) {
            System.arraycopy(init, 0, rawV, i * outs, outs);
        }
        double[] g = new double[nt * outs];
        double[] h = new double[nt * outs];
        int rounds = p.getInt("n_estimators");
        double subsample = p.getDouble("subsample");
        int freq = p.getInt("subsample_freq");
        boolean bagging = subsample < 1 && freq > 0;
        int bagSize = Math.max(1, (int) (subsample * nt));
        int[] all = new int[nt];
        for (int i = 0; i < nt; i++) {
            all[i] = i;
        }
        int[] bag = all;
        int[] perm = bagging ? all.clone() : null;
        int bagCount = nt;
        double colFrac = p.getDouble("colsample_bytree");
        int colCount = Math.max(1, (int) Math.round(colFrac * f));
        boolean[] active = new boolean[f];
        Arrays.fill(active, true);
        int[] featPerm = new int[f];

        List<HistTree> trees = new ArrayList<>();
        double[] trainCurve = new double[rounds];
        double[] validCurve = new double[esr > 0 ? rounds : 0];
        double best = Double.POSITIVE_INFINITY;
        int bestRound = -1;
        int run = 0;
        String stop = "all " + rounds + " rounds run";
        Progress progress = ProgressContext.current();
        progress.start("boosting", rounds);
        try {
            for (int m = 0; m < rounds; m++) {
                obj.gradients(y, w, raw, g, h);
                if (bagging && m % freq == 0) {
                    for (int i = 0; i < bagSize; i++) {
                        int j = i + bagRng.nextInt(nt - i);
                        int t = perm[i];
                        perm[i] = perm[j];
                        perm[j] = t;
                    }
                    bag = Arrays.copyOf(perm, bagSize);
                    Arrays.sort(bag);
                    bagCount = bagSize;
                }
                for (int c = 0; c < outs; c++) {
                    if (colCount < f) {
                        for (int j = 0; j < f; j++) {
                            featPerm[j] = j;
                        }
                        Arrays.fill(active, false);
                        for (int j = 0; j < colCount; j++) {
                            int r = j + colRng.nextInt(f - j);
                            int t = featPerm[j];
                            featPerm[j] = featPerm[r];
                            featPerm[r] = t;
                            active[featPerm[j]] = true;
                        }
                    }
                    HistTree tree = grower.grow(g, h, c * nt, bag, bagCount, active);
                    trees.add(tree);
                    if (bagCount == nt) {
                        grower.addLeafValues(tree, raw, outs, c);
                    } else {
                        for (int i = 0; i < nt; i++) {
                            raw[i * outs + c] += tree.value[tree.leaf(bins, i)];
                        }
                    }
                    for (int i = 0; i < nv; i++) {
                        rawV[i * outs + c] += tree.predict(xv, nv, i);
                    }
                }
                trainCurve[m] = metric(obj, y, w, raw);
                run = m + 1;
                progress.advance(1, String.format(java.util.Locale.ROOT, "train %.5g", trainCurve[m]));
                if (esr > 0) {
                    double v = metric(obj, yv, wv, rawV);
                    validCurve[m] = v;
                    if (v < best) {
                        best = v;
                        bestRound = m;
                    } else if (m - bestRound >= esr) {
                        stop = "early stopping: no validation improvement in " + esr + " rounds (best round " + (bestRound + 1) + ")";
                        break;
                    }
                }
            }
        } finally {
            progress.finish();
        }
        int kept = esr > 0 && bestRound >= 0 ? bestRound + 1 : run;
        List<HistTree> keptTrees = trees.subList(0, kept * outs);
        Map<String, Double> extra = new java.util.HashMap<>();
        extra.put("rounds_run", (double) run);
        extra.put("best_iteration", (double) kept);
        if (esr > 0) {
            extra.put("best_validation_metric", best);
        }
        TrainingReport report = new TrainingReport(kept, esr == 0 || run < rounds, stop, Arrays.copyOf(trainCurve, run),
                secondsSince(t0), List.of(), extra);
        ModelSchema schema = ModelSchema.of(data);
        BoostedTrees model = new BoostedTrees(init, keptTrees, f);
        double[] vc = Arrays.copyOf(validCurve, esr > 0 ? run : 0);
        return cls ? (M) new HistGradientBoostingClassifierModel(p, schema, report, model, obj.name(), vc)
                : (M) new HistGradientBoostingRegressorModel(p, schema, report, model, obj.name(), vc);
    }

    /** Rows per block of {@link #metric}. */
    static final int METRIC_BLOCK = 8192;

    /**
     * The weighted mean of the objective's per-round metric: partial sums over blocks of
     * {@link #METRIC_BLOCK} rows (in parallel), added in block order, so the value does not depend on the
     * thread count (and equals the plain left-to-right sum when there is one block).
     */
    static double metric(Objective obj, double[] y, double[] w, double[] raw) {
        int n = y.length;
        int blocks = (n + METRIC_BLOCK - 1) / METRIC_BLOCK;
        double[] ps = new double[blocks];
        double[] pw = new double[blocks];
        Parallelism.forEach(blocks, 2, q -> {
            double s = 0;
            double sw = 0;
            for (int i = q * METRIC_BLOCK, end = Math.min(n, i + METRIC_BLOCK); i < end; i++) {
                double wi = w == null ? 1 : w[i];
                if (wi != 0) {
                    s += wi * obj.rowMetric(y[i], raw, i);
                    sw += wi;
                }
            }
            ps[q] = s;
            pw[q] = sw;
        });
        double s = 0;
        double sw = 0;
        for (int q = 0; q < blocks; q++) {
            s += ps[q];
            sw += pw[q];
        }
        return sw > 0 ? s / sw : Double.NaN;
    }

    /**
     * Splits rows 0..n-1 into (train, validation), both sorted: {@code round(fraction * count)} rows of
     * each class (or of all rows for regression, {@code labels == null}) drawn without replacement for
     * validation, at least one row in each part (and at least one training row per class).
     */
    static int[][] holdOut(int n, int[] labels, int k, double fraction, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] valid = new boolean[n];
        int groups = labels == null ? 1 : k;
        for (int c = 0; c < groups; c++) {
            int cnt = 0;
            for (int i = 0; i < n; i++) {
                if (labels == null || labels[i] == c) {
                    cnt++;
                }
            }
            int[] members = new int[cnt];
            int q = 0;
            for (int i = 0; i < n; i++) {
                if (labels == null || labels[i] == c) {
                    members[q++] = i;
                }
            }
            int take = (int) Math.round(fraction * cnt);
            take = Math.min(take, cnt - 1);
            for (int i = 0; i < take; i++) {
                int j = i + rng.nextInt(cnt - i);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
                valid[members[i]] = true;
            }
        }
        int nv = 0;
        for (boolean b : valid) {
            nv += b ? 1 : 0;
        }
        if (nv == 0) {
            throw new IllegalArgumentException("validation_fraction " + fraction + " of " + n
                    + " rows holds out no row; use a larger fraction or no early stopping");
        }
        int[] tr = new int[n - nv];
        int[] va = new int[nv];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (valid[i]) {
                va[b++] = i;
            } else {
                tr[a++] = i;
            }
        }
        return new int[][] {tr, va};
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    private static double[] gather(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    /** The column-major sub-matrix of the given rows of x. */
    private static double[] gather(Matrix x, int[] rows) {
        int m = rows.length;
        int f = x.cols();
        double[] out = new double[m * f];
        if (m == 0) {
            return out;
        }
        for (int j = 0; j < f; j++) {
            double[] col = x.columnArray(j);
            for (int i = 0; i < m; i++) {
                out[j * m + i] = col[rows[i]];
            }
        }
        return out;
    }
}
