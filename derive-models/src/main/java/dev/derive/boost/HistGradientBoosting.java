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
 * and {@code F <- F + tree(x)}. Softmax (multiclass) grows K trees per round from the same scores. For
 * {@code l1} and {@code quantile} the leaf values are then re-fitted to {@code learning_rate} times the
 * (weighted) median / {@code alpha}-quantile of the leaf rows' residuals {@code y - F}
 * ({@link TreeGrower#refitLeaves}, LightGBM's and scikit-learn's leaf update for these losses).
 *
 * <p>Each round's tree sees a bag of rows (every {@code subsample_freq} rounds a new draw of
 * {@code floor(subsample * n)} rows without replacement, when {@code subsample < 1} and
 * {@code subsample_freq > 0}) and a random share {@code colsample_bytree} of the features (at least one).
 * With {@code early_stopping_rounds > 0}, a share {@code validation_fraction} of the rows is held out
 * (stratified by class for classification), the validation metric (the objective's loss; mean squared error
 * for {@code l2}) is computed after every round, training stops after {@code early_stopping_rounds} rounds
 * without a strict improvement, and the model keeps the rounds up to the best one. Given validation sets
 * ({@link #validationSets(Map)}) replace the hold-out: every metric of {@code eval_metric} (comma-separated)
 * is computed on every set after each round, and early stopping watches the first metric of the last set.
 * All random draws come
 * from streams derived from {@code seed}; the result does not depend on the thread count.
 *
 * <p>Categorical features of the {@link Dataset} are split natively (LightGBM's gradient-sorted partition,
 * {@code max_cat_to_onehot}, {@code max_cat_threshold}, {@code cat_smooth}, {@code cat_l2},
 * {@code min_data_per_group}; see {@link TreeGrower}). Options: monotone and interaction constraints
 * ({@link #monotoneConstraints(String)}, {@link #interactionConstraints(String)}), per-level and per-node
 * column sampling ({@code colsample_bylevel}, {@code colsample_bynode}, multiplicative with
 * {@code colsample_bytree}) and GOSS ({@code data_sample_strategy = goss}, {@link #goss}). Sparse numeric
 * features are merged by exclusive feature bundling ({@code enable_bundle}, {@code max_conflict_rate};
 * {@link FeatureBundles}) so that the histogram pass reads one column per bundle.
 *
 * <p>Missing values ({@code NaN}) are supported: they get their own bin and every split learns where they
 * go (at categorical splits they go right). Infinite values are rejected. Registered as {@code hist_gbdt}; parameter names follow LightGBM's
 * scikit-learn API (see {@code docs/boost.md} for the mapping to XGBoost and scikit-learn).
 *
 * @param <M> {@link HistGradientBoostingClassifierModel} or {@link HistGradientBoostingRegressorModel}
 */
public final class HistGradientBoosting<M extends Model> extends AbstractLearner<HistGradientBoosting<M>, M> {

    /** The registered name. */
    public static final String NAME = "hist_gbdt";
    public static final String CLASSIFIER_KIND = "hist_gbdt.classifier";
    public static final String REGRESSOR_KIND = "hist_gbdt.regressor";
    /**
     * Name of the per-round training metric in {@code report().curves()}: the objective's metric on the
     * training rows (the same values as {@code report().lossCurve()}).
     */
    public static final String TRAIN_CURVE = "train_loss";
    /**
     * Prefix of the per-round validation metric in {@code report().curves()} for the set given by
     * {@link #validationSet(Dataset)} or held out for early stopping: {@code valid_} + the {@code eval_metric}
     * used ({@code auto} stays {@code auto}), e.g. {@code valid_auc}. In general every (set, metric) gets a
     * curve {@code <set>_<metric>}, sets in their order, metrics in {@code eval_metric}'s order within a set;
     * {@code validationCurve()} holds the first metric of the last set.
     */
    public static final String VALID_CURVE_PREFIX = "valid_";

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
                Param.real("colsample_bylevel", 1.0, 0, false, 1, true, "share of the tree's features each depth level may split on"),
                Param.real("colsample_bynode", 1.0, 0, false, 1, true,
                        "share of the level's features each node may split on (feature_fraction_bynode)"),
                Param.choice("data_sample_strategy", "bagging", List.of("bagging", "goss"),
                        "bagging: subsample/subsample_freq; goss: gradient-based one-side sampling (top_rate, other_rate)"),
                Param.real("top_rate", 0.2, 0, false, 1, false, "goss: share of rows with the largest |gradient| always kept"),
                Param.real("other_rate", 0.1, 0, false, 1, false, "goss: share of rows sampled from the others (reweighted)"),
                Param.flag("enable_bundle", true, "exclusive feature bundling (EFB): merge numeric features that are rarely "
                        + "non-default in the same row into one histogram column"),
                Param.real("max_conflict_rate", 0.0, 0, true, 1, false,
                        "EFB: largest share of rows in which features of one bundle may both be non-default; 0 = exact"),
                Param.integer("max_cat_to_onehot", 4, 1, Integer.MAX_VALUE,
                        "categorical features with at most this many levels split one level versus the rest"),
                Param.integer("max_cat_threshold", 32, 1, Integer.MAX_VALUE, "most levels on the left side of a categorical split"),
                Param.nonNegative("cat_smooth", 10.0, "categorical: hessian smoothing of the level ordering; levels with fewer rows are not split off"),
                Param.nonNegative("cat_l2", 10.0, "categorical: extra L2 penalty in the gain of sorted-partition splits"),
                Param.integer("min_data_per_group", 100, 1, Integer.MAX_VALUE,
                        "categorical: fewest rows added between two evaluated partitions, and fewest rows on the right"),
                Param.text("monotone_constraints", "", "comma-separated -1, 0 or 1 per feature, e.g. 1,0,-1; empty: none",
                        "1: prediction non-decreasing in the feature, -1: non-increasing, 0: free (LightGBM's basic method)"),
                Param.text("interaction_constraints", "", "feature-index sets, e.g. [0,1],[2,3,4]; empty: none",
                        "a branch uses features of one set only; features in no set are not used"),
                Param.integer("early_stopping_rounds", 0, 0, Integer.MAX_VALUE,
                        "stop after this many rounds without validation improvement; 0 = no early stopping"),
                Param.real("validation_fraction", 0.1, 0, false, 1, false, "share of rows held out for early stopping"),
                Param.text("eval_metric", "auto", "one or more comma-separated names of "
                                + String.join(", ", regression ? EvalMetrics.REGRESSOR : EvalMetrics.CLASSIFIER),
                        "validation metrics computed on every validation set after each round; early stopping uses "
                                + "the first metric on the last set; auto: the objective's loss")));
        if (regression) {
            l.add(Param.integer("eval_at", 10, 1, Integer.MAX_VALUE, "k of eval_metric 'ndcg' (NDCG@k)"));
            l.add(Param.integer("group_column", -1, -1, Integer.MAX_VALUE,
                    "objective 'lambdarank': the index of the feature column holding the query id of each row (never split on)"));
            l.add(Param.integer("lambdarank_truncation_level", 30, 1, Integer.MAX_VALUE,
                    "objective 'lambdarank': k of the NDCG@k whose swap changes weight the pairs (and of the reported metric)"));
            l.add(Param.choice("custom_link", "identity", List.of("identity", "log", "logit"),
                    "objective 'custom': the link of the CustomObjective (set by objective(CustomObjective))"));
            l.add(Param.positive("alpha", 0.9, "huber: delta; quantile: the quantile level (in (0, 1))"));
            l.add(Param.real("tweedie_variance_power", 1.5, 1, false, 2, false, "tweedie: variance power p in (1, 2)"));
        }
        if (!regression) {
            l.add(Param.choice("custom_link", "logit", List.of("logit", "probit", "softmax"),
                    "objective 'custom': how raw scores become probabilities (logit, probit: binary; softmax: K classes); "
                            + "set by objective(CustomObjective) or objective(CustomMulticlassObjective)"));
        }
        l.add(Param.seed(0));
        return List.copyOf(l);
    }

    static final List<Param<?>> CLASSIFIER_SPECS = specs(Param.choice("objective", "auto", List.of("auto", "binary", "multiclass", "custom"),
            "auto: binary for two classes, multiclass (softmax) for more; custom: the objective given to objective(...)"), false);
    static final List<Param<?>> REGRESSOR_SPECS = specs(Param.choice("objective", "l2",
            List.of("l2", "l1", "huber", "quantile", "poisson", "gamma", "tweedie", "lambdarank", "custom"),
            "regression loss; lambdarank: LambdaMART ranking with group_column; custom: the CustomObjective given to objective(...)"), true);

    private final Dataset.Task task;

    private final CustomObjective custom;
    private final CustomMulticlassObjective customMulti;
    private final Map<String, Dataset> validation;  // named validation sets in evaluation order (unmodifiable)

    private HistGradientBoosting(Dataset.Task task, Params params) {
        this(task, params, null, null, Map.of());
    }

    private HistGradientBoosting(Dataset.Task task, Params params, CustomObjective custom, CustomMulticlassObjective customMulti,
                                 Map<String, Dataset> validation) {
        super(params);
        this.task = task;
        this.custom = custom;
        this.customMulti = customMulti;
        this.validation = validation;
        EvalMetrics.parse(params.getString("eval_metric"), task == Dataset.Task.REGRESSION ? EvalMetrics.REGRESSOR : EvalMetrics.CLASSIFIER);
        parseMonotone(params.getString("monotone_constraints"), -1);
        parseInteractions(params.getString("interaction_constraints"), -1);
        if (params.getString("data_sample_strategy").equals("goss")) {
            double a = params.getDouble("top_rate");
            double b = params.getDouble("other_rate");
            if (a + b > 1) {
                throw new IllegalArgumentException("top_rate + other_rate must be <= 1 for goss, got " + a + " + " + b);
            }
            if (params.getDouble("subsample") < 1) {
                throw new IllegalArgumentException("subsample (bagging) must be 1 with data_sample_strategy=goss, got "
                        + params.getDouble("subsample"));
            }
        }
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

    /**
     * Reads a model dumped by {@code dumpJson()} ({@link HistGradientBoostingJson}): a
     * {@link HistGradientBoostingClassifierModel} or {@link HistGradientBoostingRegressorModel} that predicts
     * exactly as the dumped model.
     *
     * @throws IllegalArgumentException if the text is not such a dump
     */
    public static Model fromJson(String json) {
        return HistGradientBoostingJson.read(json);
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

    /**
     * Monotone constraints (LightGBM's {@code monotone_constraints}): one of {@code -1, 0, 1} per feature,
     * comma separated (brackets allowed), e.g. {@code "1,0,-1"}; {@code ""} for none. {@code 1}: the
     * prediction is non-decreasing in the feature, {@code -1}: non-increasing. Categorical features must be 0.
     * Parameter {@code monotone_constraints}.
     */
    public HistGradientBoosting<M> monotoneConstraints(String constraints) {
        return with("monotone_constraints", constraints == null ? "" : constraints);
    }

    /**
     * Interaction constraints (LightGBM's / XGBoost's {@code interaction_constraints}): sets of 0-based feature
     * indices, e.g. {@code "[0,1],[2,3,4]"}; {@code ""} for none. A branch may only use features of one set
     * that contains every feature used on it; features in no set are not used. Parameter
     * {@code interaction_constraints}.
     */
    public HistGradientBoosting<M> interactionConstraints(String constraints) {
        return with("interaction_constraints", constraints == null ? "" : constraints);
    }

    /** The monotone constraints ({@code ""}: none). */
    public String monotoneConstraints() {
        return params().getString("monotone_constraints");
    }

    /** The interaction constraints ({@code ""}: none). */
    public String interactionConstraints() {
        return params().getString("interaction_constraints");
    }

    /**
     * Parses {@code monotone_constraints} ("1,0,-1", optionally in brackets) for {@code f} features
     * ({@code f < 0}: syntax only); null when empty.
     */
    static int[] parseMonotone(String text, int f) {
        String t = text.replaceAll("\\s", "");
        if (t.startsWith("[") && t.endsWith("]") || t.startsWith("(") && t.endsWith(")")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isEmpty()) {
            return null;
        }
        String[] parts = t.split(",", -1);
        int[] out = new int[parts.length];
        for (int j = 0; j < parts.length; j++) {
            switch (parts[j]) {
                case "1", "+1" -> out[j] = 1;
                case "0" -> out[j] = 0;
                case "-1" -> out[j] = -1;
                default -> throw new IllegalArgumentException("monotone_constraints: entry " + j + " is '" + parts[j]
                        + "', expected -1, 0 or 1 (in '" + text + "')");
            }
        }
        if (f >= 0 && out.length != f) {
            throw new IllegalArgumentException("monotone_constraints has " + out.length + " entries but the data have "
                    + f + " features (in '" + text + "')");
        }
        return out;
    }

    /**
     * Parses {@code interaction_constraints} ("[0,1],[2,3,4]") for {@code f} features ({@code f < 0}: syntax
     * only); null when empty.
     */
    static int[][] parseInteractions(String text, int f) {
        String t = text.replaceAll("\\s", "");
        if (t.isEmpty()) {
            return null;
        }
        if (!t.matches("\\[\\d+(,\\d+)*](,\\[\\d+(,\\d+)*])*")) {
            throw new IllegalArgumentException("interaction_constraints must look like \"[0,1],[2,3,4]\" (non-empty "
                    + "lists of 0-based feature indices), got '" + text + "'");
        }
        String[] sets = t.substring(1, t.length() - 1).split("],\\[");
        int[][] out = new int[sets.length][];
        for (int q = 0; q < sets.length; q++) {
            String[] parts = sets[q].split(",");
            out[q] = new int[parts.length];
            for (int k = 0; k < parts.length; k++) {
                long v;
                try {
                    v = Long.parseLong(parts[k]);
                } catch (NumberFormatException e) {
                    v = Long.MAX_VALUE;
                }
                if (f >= 0 && v >= f || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("interaction_constraints: feature index " + parts[k]
                            + " is outside [0, " + (f >= 0 ? f : Integer.MAX_VALUE) + ") (in '" + text + "')");
                }
                out[q][k] = (int) v;
            }
        }
        return out;
    }

    /**
     * Gradient-based one-side sampling (Ke et al. 2017, LightGBM's GOSS) over rows {@code 0..n-1} of the
     * class-major gradients {@code g[c * n + i]} ({@code outs} classes): rows are ranked by
     * {@code sum_c |g[c * n + i]|} (ties: smaller row first); the {@code top = floor(a n)} largest are kept,
     * {@code other = floor(b n)} of the remaining {@code n - top} are drawn without replacement and their
     * gradients and hessians (all classes) are multiplied by {@code (n - top) / other} (that is
     * {@code (1 - a) / b} up to rounding; with it every row's expected weight is exactly 1, so histogram sums
     * are unbiased). Writes the kept rows, sorted, to {@code out} and returns their number ({@code n}, with no
     * change, when {@code top + other >= n} or {@code other = 0}).
     */
    static int goss(double[] g, double[] h, int n, int outs, double a, double b, SplittableRandom rng, int[] out) {
        int top = (int) (a * n);
        int other = (int) (b * n);
        if (top + other >= n || other < 1) {
            for (int i = 0; i < n; i++) {
                out[i] = i;
            }
            return n;
        }
        double[] score = new double[n];
        for (int c = 0; c < outs; c++) {
            for (int i = 0; i < n; i++) {
                score[i] += Math.abs(g[c * n + i]);
            }
        }
        boolean[] keep = new boolean[n];
        if (top > 0) {
            double[] sorted = score.clone();
            Arrays.sort(sorted);
            double thr = sorted[n - top];
            int taken = 0;
            for (int i = 0; i < n; i++) {
                if (score[i] > thr) {
                    keep[i] = true;
                    taken++;
                }
            }
            for (int i = 0; i < n && taken < top; i++) {
                if (score[i] == thr) {
                    keep[i] = true;
                    taken++;
                }
            }
        }
        int r = n - top;
        int[] rest = new int[r];
        int q = 0;
        for (int i = 0; i < n; i++) {
            if (!keep[i]) {
                rest[q++] = i;
            }
        }
        double mult = (double) r / other;
        for (int i = 0; i < other; i++) {
            int j = i + rng.nextInt(r - i);
            int t = rest[i];
            rest[i] = rest[j];
            rest[j] = t;
            int row = rest[i];
            keep[row] = true;
            for (int c = 0; c < outs; c++) {
                g[c * n + row] *= mult;
                h[c * n + row] *= mult;
            }
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[m++] = i;
            }
        }
        return m;
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
        return new HistGradientBoosting<>(task, params, custom, customMulti, validation);
    }

    /** The name {@link #validationSet(Dataset)} gives its set (and the row hold-out of early stopping has). */
    public static final String DEFAULT_VALIDATION_NAME = "valid";

    /**
     * A learner that evaluates {@code eval_metric} on {@code valid} after every round (the model's
     * {@code validationCurve()}) and, with {@code early_stopping_rounds > 0}, stops on it instead of holding
     * out {@code validation_fraction} of the training rows (LightGBM's {@code valid_sets}). {@code valid}
     * needs the training features (same count; for {@code lambdarank} its {@code group_column} holds its
     * query ids) and, for classification, the same classes. It replaces any validation sets given before and
     * is named {@value #DEFAULT_VALIDATION_NAME} (curves {@code valid_<metric>}). {@code null} removes them all.
     */
    public HistGradientBoosting<M> validationSet(Dataset valid) {
        return new HistGradientBoosting<>(task, params(), custom, customMulti,
                valid == null ? Map.of() : Map.of(DEFAULT_VALIDATION_NAME, valid));
    }

    /**
     * A learner that evaluates every {@code eval_metric} on every set of {@code sets} after each round
     * (LightGBM's {@code valid_sets} with {@code valid_names}, XGBoost's {@code evals}), in the map's iteration
     * order (use a {@link java.util.LinkedHashMap}); the curves are named {@code <set>_<metric>}. With
     * {@code early_stopping_rounds > 0} training stops on the first metric of the <em>last</em> set (as
     * XGBoost) and no rows are held out. Replaces any sets given before; an empty map removes them.
     * Names are non-empty and made of letters, digits, {@code _}, {@code -} and {@code .}.
     *
     * @throws IllegalArgumentException for a bad name, a {@code null} set or an empty set (naming it)
     */
    public HistGradientBoosting<M> validationSets(Map<String, Dataset> sets) {
        java.util.Objects.requireNonNull(sets, "sets");
        Map<String, Dataset> copy = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Dataset> e : sets.entrySet()) {
            checkValidationSet(e.getKey(), e.getValue());
            copy.put(e.getKey(), e.getValue());
        }
        return new HistGradientBoosting<>(task, params(), custom, customMulti, java.util.Collections.unmodifiableMap(copy));
    }

    /**
     * A learner with the validation sets of this one plus {@code valid} named {@code name}, evaluated after
     * them (so with early stopping it becomes the set stopped on; see {@link #validationSets(Map)}).
     *
     * @throws IllegalArgumentException if a set of that name is already given, or for a bad name or set
     */
    public HistGradientBoosting<M> addValidationSet(String name, Dataset valid) {
        checkValidationSet(name, valid);
        if (validation.containsKey(name)) {
            throw new IllegalArgumentException("validation set name '" + name + "' is used twice; names must be unique");
        }
        Map<String, Dataset> copy = new java.util.LinkedHashMap<>(validation);
        copy.put(name, valid);
        return new HistGradientBoosting<>(task, params(), custom, customMulti, java.util.Collections.unmodifiableMap(copy));
    }

    /** The named validation sets, in evaluation order (empty: none; an unmodifiable view). */
    public Map<String, Dataset> validationSets() {
        return validation;
    }

    private static void checkValidationSet(String name, Dataset d) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("validation set name '" + name
                    + "' is not allowed: use letters, digits, '_', '-' and '.' (it becomes the curve prefix)");
        }
        if (d == null) {
            throw new IllegalArgumentException("validation set '" + name + "' is null");
        }
        if (d.size() == 0) {
            throw new IllegalArgumentException("validation set '" + name + "' is empty");
        }
    }

    /**
     * A learner that minimises the user's {@link CustomObjective} (parameter {@code objective} becomes
     * {@code custom}, {@code custom_link} the objective's link). For the regressor the link is
     * {@code identity}, {@code log} or {@code logit}; for the classifier the objective is a binary one
     * (labels 0/1, two classes at fit) and its link ({@code logit} or {@code probit}) gives the probability of
     * the second class. Setting {@code objective} to a built-in name later switches back to it.
     *
     * @throws IllegalArgumentException for a classifier given an objective whose link is not a probability
     */
    public HistGradientBoosting<M> objective(CustomObjective objective) {
        java.util.Objects.requireNonNull(objective, "objective");
        CustomObjective.Link link = objective.link();
        if (task == Dataset.Task.CLASSIFICATION && link != CustomObjective.Link.LOGIT && link != CustomObjective.Link.PROBIT) {
            throw new IllegalArgumentException("a classifier's custom objective needs the link LOGIT or PROBIT, '"
                    + objective.name() + "' has " + link);
        }
        if (task == Dataset.Task.REGRESSION && link == CustomObjective.Link.PROBIT) {
            throw new IllegalArgumentException("custom_link 'probit' is for binary classifiers; the regressor allows identity, log, logit");
        }
        return new HistGradientBoosting<>(task, params().with("objective", "custom").with("custom_link", link.paramValue()),
                objective, null, validation);
    }

    /**
     * A classifier that minimises the user's K-class objective (K raw scores per row, one tree per class and
     * round; probabilities {@code softmax}): parameter {@code objective} becomes {@code custom},
     * {@code custom_link} {@code softmax}.
     *
     * @throws IllegalArgumentException for a regressor
     */
    public HistGradientBoosting<M> objective(CustomMulticlassObjective objective) {
        java.util.Objects.requireNonNull(objective, "objective");
        if (task != Dataset.Task.CLASSIFICATION) {
            throw new IllegalArgumentException("a K-class custom objective needs the classifier");
        }
        return new HistGradientBoosting<>(task, params().with("objective", "custom").with("custom_link", "softmax"),
                null, objective, validation);
    }

    /** The objective these parameters select for {@code k} classes (ignored for regression). */
    Objective objective(int k) {
        Params p = params();
        String o = p.getString("objective");
        if (task == Dataset.Task.REGRESSION) {
            if (o.equals("lambdarank")) {
                throw new IllegalStateException("lambdarank needs the query ids of the data (built in train)");
            }
            if (o.equals("custom")) {
                if (custom == null) {
                    throw new IllegalArgumentException("objective 'custom' needs a CustomObjective: use objective(CustomObjective)");
                }
                if (!custom.link().paramValue().equals(p.getString("custom_link"))) {
                    throw new IllegalArgumentException("custom_link '" + p.getString("custom_link") + "' disagrees with the link "
                            + custom.link().paramValue() + " of custom objective '" + custom.name() + "'");
                }
                return Objectives.custom(custom);
            }
            return Objectives.regression(o, p.getDouble("alpha"), p.getDouble("tweedie_variance_power"));
        }
        if (o.equals("binary") && k != 2) {
            throw new IllegalArgumentException("objective 'binary' needs 2 classes, the data have " + k + "; use multiclass");
        }
        if (o.equals("custom")) {
            String link = p.getString("custom_link");
            if (link.equals("softmax")) {
                if (customMulti == null) {
                    throw new IllegalArgumentException("objective 'custom' with custom_link 'softmax' needs a CustomMulticlassObjective: "
                            + "use objective(CustomMulticlassObjective)");
                }
                return Objectives.customMulticlass(customMulti, k);
            }
            if (custom == null) {
                throw new IllegalArgumentException("objective 'custom' with custom_link '" + link
                        + "' needs a binary CustomObjective: use objective(CustomObjective)");
            }
            if (!custom.link().paramValue().equals(link)) {
                throw new IllegalArgumentException("custom_link '" + link + "' disagrees with the link "
                        + custom.link().paramValue() + " of custom objective '" + custom.name() + "'");
            }
            if (k != 2) {
                throw new IllegalArgumentException("binary custom objective '" + custom.name() + "' needs 2 classes, the data have "
                        + k + "; use a CustomMulticlassObjective");
            }
            return Objectives.customBinary(custom);
        }
        return o.equals("multiclass") || (o.equals("auto") && k > 2) ? Objectives.multiclass(k) : Objectives.binary();
    }

    /**
     * How long (microseconds) the parallel helpers spin between the boosting loop's parallel sections, and the caller
     * for a helper's last task, before parking ({@link Parallelism#spinScope}); {@code -Dderive.boost.spinMicros=N},
     * 0 turns it off. 20 ms: long enough that neither thread parks during a fit, which on a virtual machine keeps the
     * vCPUs from going idle and waiting for the host when woken (HIGGS-like on 2 vCPUs, 6 alternating runs against
     * 200 us with the caller parking: median 13.0 -> 12.3 s; flights 3 of 3 faster, median 18.7 -> 17.5 s).
     */
    static final long SPIN_MICROS = Long.getLong("derive.boost.spinMicros", 20_000L);

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
        int groupColumn = -1;
        Objective obj;
        if (!cls && p.getString("objective").equals("lambdarank")) {
            groupColumn = p.getInt("group_column");
            if (groupColumn < 0 || groupColumn >= f) {
                throw new IllegalArgumentException("objective 'lambdarank' needs group_column, the index of the query-id column in [0, "
                        + f + "), got " + groupColumn);
            }
            if (p.getInt("early_stopping_rounds") > 0 && validation.isEmpty()) {
                throw new IllegalArgumentException("early stopping with objective 'lambdarank' needs a validation set "
                        + "(validationSet(...)); a row hold-out would split queries");
            }
            obj = new LambdaRank(queryIds(data, groupColumn), p.getInt("lambdarank_truncation_level"));
        } else {
            obj = objective(k);
        }
        int outs = obj.outputs();
        int[] labels = cls ? data.labels() : null;  // (a copy) read by the hold-out only
        double[] yAll = cls ? toDouble(labels) : data.target();  // target() is a copy: no second one
        obj.checkTarget(yAll);
        double[] wAll = data.hasWeights() ? data.weights() : null;
        if (wAll != null) {
            checkWeights(wAll);
        }
        SplittableRandom master = new SplittableRandom(p.getLong("seed"));
        long splitSeed = master.nextLong();
        long binSeed = master.nextLong();
        SplittableRandom bagRng = new SplittableRandom(master.nextLong());
        SplittableRandom colRng = new SplittableRandom(master.nextLong());
        long nodeColSeed = master.nextLong();
        SplittableRandom gossRng = new SplittableRandom(master.nextLong());
        int[] mono = parseMonotone(params().getString("monotone_constraints"), f);
        int[][] inter = parseInteractions(params().getString("interaction_constraints"), f);
        List<Dataset.Feature> info = data.featureInfo();
        boolean[] categorical = new boolean[f];
        int[] levels = new int[f];
        boolean anyCategorical = false;
        for (int j = 0; j < f; j++) {
            if (info.get(j).isCategorical()) {
                categorical[j] = true;
                levels[j] = info.get(j).levels().size();
                anyCategorical = true;
            }
        }

        int esr = p.getInt("early_stopping_rounds");
        boolean userValid = !validation.isEmpty();
        boolean evaluate = esr > 0 || userValid;
        List<String> metrics = new ArrayList<>();
        for (String name : EvalMetrics.parse(p.getString("eval_metric"), cls ? EvalMetrics.CLASSIFIER : EvalMetrics.REGRESSOR)) {
            String resolved = name.equals("auto") && obj.name().equals("lambdarank") ? "ndcg" : name;
            if (metrics.contains(resolved)) {
                throw new IllegalArgumentException("eval_metric '" + p.getString("eval_metric") + "' names '" + resolved
                        + "' twice (auto is ndcg for lambdarank)");
            }
            EvalMetrics.check(resolved, obj);
            metrics.add(resolved);
        }
        int nm = metrics.size();
        String metricName = metrics.get(0);  // the metric early stopping uses
        boolean higher = EvalMetrics.higherIsBetter(metricName);
        int evalAt = cls ? 10 : p.getInt("eval_at");
        int[] trainRows;
        int[] validRows;
        if (esr > 0 && !userValid) {
            int[][] tv = holdOut(n, labels, k, p.getDouble("validation_fraction"), splitSeed);
            trainRows = tv[0];
            validRows = tv[1];
        } else {
            trainRows = null;
            validRows = new int[0];
        }
        labels = null;  // not needed past the hold-out: let it go before the training arrays are made
        Matrix xAll = data.features();
        int nt = trainRows == null ? n : trainRows.length;
        double[] y = trainRows == null ? yAll : gather(yAll, trainRows);
        double[] w = wAll == null ? null : trainRows == null ? wAll : gather(wAll, trainRows);
        // the evaluation sets: the user's, in order, or the hold-out; early stopping watches the last one
        List<EvalSet> sets = new ArrayList<>();
        if (userValid) {
            for (Map.Entry<String, Dataset> e : validation.entrySet()) {
                sets.add(EvalSet.of(e.getKey(), e.getValue(), data, f, cls, obj, groupColumn));
            }
        } else if (evaluate) {
            double[] yv = gather(yAll, validRows);
            sets.add(new EvalSet(DEFAULT_VALIDATION_NAME, xAll, validRows, yv,
                    wAll == null ? null : gather(wAll, validRows), null));
        }
        yAll = null;  // the training part is y (and w); after a hold-out the full arrays are garbage
        wAll = null;
        int ns = sets.size();
        EvalSet stopSet = evaluate ? sets.get(ns - 1) : null;
        if (w != null && !(sum(w) > 0)) {
            throw new IllegalArgumentException("the sample weights of the training part sum to 0");
        }

        // binned column by column from the dataset's matrix: no copy of the whole feature matrix is made; with
        // bundling, sparse features are held as their non-default rows until their bundle columns are built
        // (the members of conflict-free bundles never get a column of their own)
        BinnedData bins;
        FeatureBundles bundles = null;
        if (p.getBoolean("enable_bundle")) {
            Binner.Staged staged = Binner.binStaged(xAll, trainRows, p.getInt("max_bins"), p.getInt("bin_construct_sample_cnt"),
                    binSeed, categorical);
            bundles = FeatureBundles.build(staged, p.getDouble("max_conflict_rate"));
            bins = staged.toBinned(bundles);
        } else {
            bins = Binner.bin(xAll, trainRows, p.getInt("max_bins"), p.getInt("bin_construct_sample_cnt"), binSeed);
        }
        boolean[] catMissingOnly = null;
        if (anyCategorical) {
            // the categorical columns one at a time (no copy of the whole matrix)
            java.util.function.IntFunction<double[]> xc = j -> trainRows == null ? xAll.columnArray(j) : gatherColumn(xAll, trainRows, j);
            bins = Binner.withCategorical(bins, xc, nt, categorical, levels, p.getInt("max_bins"), data.featureNames());
            catMissingOnly = categoricalMissingOnly(bins, xc, categorical, levels, p.getInt("max_bins"));
        }
        double[] init = obj.initScore(y, w);
        double rate = p.getDouble("learning_rate");
        TreeGrower grower = new TreeGrower(bins, new TreeGrower.Settings(p.getInt("num_leaves"), p.getInt("max_depth"),
                p.getInt("min_child_samples"), p.getDouble("min_child_weight"), p.getDouble("reg_lambda"),
                p.getDouble("reg_alpha"), p.getDouble("min_split_gain"), p.getDouble("max_delta_step"), rate,
                p.getString("grow_policy").equals("depthwise"), p.getInt("max_cat_to_onehot"), p.getInt("max_cat_threshold"),
                p.getDouble("cat_smooth"), p.getDouble("cat_l2"), p.getInt("min_data_per_group"), mono, inter,
                p.getDouble("colsample_bylevel"), p.getDouble("colsample_bynode"), nodeColSeed), bundles);
        if (catMissingOnly != null) {
            grower.learnCategoricalMissing(catMissingOnly);
        }
        double[] raw = initialScores(init, nt);
        for (EvalSet es : sets) {
            es.raw = initialScores(init, es.n);
        }
        double[] g = new double[nt * outs];
        double[] h = new double[nt * outs];
        int rounds = p.getInt("n_estimators");
        double refitQ = obj.leafRefitQuantile();
        double subsample = p.getDouble("subsample");
        int freq = p.getInt("subsample_freq");
        boolean bagging = subsample < 1 && freq > 0;
        int bagSize = Math.max(1, (int) (subsample * nt));
        int[] all = java.util.stream.IntStream.range(0, nt).toArray();
        int[] bag = all;
        int[] perm = bagging ? all.clone() : null;
        boolean goss = p.getString("data_sample_strategy").equals("goss");
        int[] gossRows = goss ? new int[nt] : null;
        int gossWarmup = (int) (1.0 / p.getDouble("learning_rate"));
        int bagCount = nt;
        double colFrac = p.getDouble("colsample_bytree");
        int colCount = Math.max(1, (int) Math.round(colFrac * f));
        boolean[] active = new boolean[f];
        Arrays.fill(active, true);
        int[] featPerm = new int[f];

        List<HistTree> trees = new ArrayList<>();
        double[] trainCurve = new double[rounds];
        double[][][] evalCurves = new double[ns][nm][rounds];  // [set][metric][round]
        double best = Double.POSITIVE_INFINITY;
        int bestRound = -1;
        int run = 0;
        String stop = "all " + rounds + " rounds run";
        Progress progress = ProgressContext.current();
        progress.start("boosting", rounds);
        // the rounds are many short parallel sections (a split's partition, histograms and search): helpers that
        // spin between them instead of parking are there when the next one starts
        try (Parallelism.SpinScope spin = Parallelism.spinScope(SPIN_MICROS)) {
            if (rounds > 0) {
                obj.gradients(y, w, raw, g, h);
            }
            for (int m = 0; m < rounds; m++) {
                if (goss && m >= gossWarmup) {  // LightGBM: no sampling for the first 1 / learning_rate rounds
                    bagCount = goss(g, h, nt, outs, p.getDouble("top_rate"), p.getDouble("other_rate"), gossRng, gossRows);
                    bag = gossRows;
                }
                if (bagging && m % freq == 0) {
                    bag = drawBag(perm, bagSize, bagRng);
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
                    if (groupColumn >= 0) {
                        active[groupColumn] = false;
                    }
                    HistTree tree = grower.grow(g, h, c * nt, bag, bagCount, active);
                    if (!Double.isNaN(refitQ)) {  // l1 / quantile: leaf values re-fitted to the residuals' quantile
                        grower.refitLeaves(tree, y, w, raw, outs, c, refitQ);
                    }
                    trees.add(tree);
                    if (bagCount == nt) {
                        grower.addLeafValues(tree, raw, outs, c);
                    } else {
                        addTree(tree, bins, raw, outs, c);
                    }
                }
                for (EvalSet es : sets) {  // the round's trees, one per output, in one pass over the set's rows
                    es.addRound(trees, trees.size() - outs, outs);
                }
                // this round's training metric, and the next round's gradients in the same pass
                trainCurve[m] = m + 1 < rounds ? obj.gradientsAndMetric(y, w, raw, g, h) : metric(obj, y, w, raw);
                run = m + 1;
                for (int q = 0; q < ns; q++) {
                    EvalSet es = sets.get(q);
                    for (int r = 0; r < nm; r++) {
                        evalCurves[q][r][m] = EvalMetrics.eval(metrics.get(r), obj, es.y, es.w, es.raw, es.queries, evalAt);
                    }
                }
                // the status text only for a sink that shows it: String.format costs about 50 ms in a fresh JVM
                progress.advance(1, progress == Progress.NONE ? null : evaluate  // the first metric of the first set
                        ? String.format(java.util.Locale.ROOT, "train %.5g %s %s %.5g", trainCurve[m], sets.get(0).name,
                                metrics.get(0), evalCurves[0][0][m])
                        : String.format(java.util.Locale.ROOT, "train %.5g", trainCurve[m]));
                if (evaluate) {
                    double v = evalCurves[ns - 1][0][m];  // early stopping: the first metric of the last set
                    double key = higher ? -v : v;
                    if (key < best) {
                        best = key;
                        bestRound = m;
                    } else if (esr > 0 && m - bestRound >= esr) {
                        stop = "early stopping: no improvement of " + stopSet.name + " " + metricName + " in " + esr
                                + " rounds (best round " + (bestRound + 1) + ")";
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
        extra.put("feature_bundles", (double) (bundles == null ? 0 : bundles.count()));
        extra.put("histogram_columns", (double) grower.histogramColumns());
        extra.put("bundle_conflicts", (double) (bundles == null ? 0 : bundles.conflicts));
        extra.put("best_iteration", (double) kept);
        if (evaluate) {
            extra.put("best_validation_metric", higher ? -best : best);
            extra.put("best_validation_round", (double) (bestRound + 1));
        }
        Map<String, double[]> curves = new java.util.LinkedHashMap<>();
        curves.put(TRAIN_CURVE, Arrays.copyOf(trainCurve, run));
        for (int q = 0; q < ns; q++) {
            for (int r = 0; r < nm; r++) {
                curves.put(sets.get(q).name + "_" + metrics.get(r), Arrays.copyOf(evalCurves[q][r], run));
            }
        }
        TrainingReport report = new TrainingReport(kept, esr == 0 || run < rounds, stop, Arrays.copyOf(trainCurve, run),
                secondsSince(t0), List.of(), extra, curves);
        ModelSchema schema = ModelSchema.of(data);
        BoostedTrees model = new BoostedTrees(init, keptTrees, f);
        double[] vc = evaluate ? Arrays.copyOf(evalCurves[ns - 1][0], run) : new double[0];
        return cls ? (M) new HistGradientBoostingClassifierModel(p, schema, report, model, obj.name(), vc)
                : (M) new HistGradientBoostingRegressorModel(p, schema, report, model, obj.name(), vc);
    }

    /**
     * Per feature: true for a categorical feature whose missing bin holds only missing values, i.e. no level
     * was merged into it for lack of bins (at most {@code maxBins} distinct levels in the training rows), so
     * that the direction of missing values at its splits can be learned ({@link TreeGrower#learnCategoricalMissing}).
     */
    static boolean[] categoricalMissingOnly(BinnedData bins, java.util.function.IntFunction<double[]> column, boolean[] categorical,
                                            int[] levels, int maxBins) {
        boolean[] out = new boolean[categorical.length];
        for (int j = 0; j < categorical.length; j++) {
            if (!categorical[j]) {
                continue;
            }
            if (bins.numBins(j) < maxBins) {
                out[j] = true;  // fewer bins than allowed: every seen level kept one
                continue;
            }
            boolean[] seen = new boolean[levels[j]];
            int distinct = 0;
            double[] xc = column.apply(j);
            for (int i = 0; i < xc.length; i++) {
                double v = xc[i];
                if (!Double.isNaN(v) && !seen[(int) v]) {
                    seen[(int) v] = true;
                    distinct++;
                }
            }
            out[j] = distinct <= maxBins;
        }
        return out;
    }

    /** The query id of every row: column {@code gc} of the features, which must hold integers. */
    static int[] queryIds(Dataset d, int gc) {
        Matrix xf = d.features();
        int[] qid = new int[d.size()];
        for (int i = 0; i < qid.length; i++) {
            double v = xf.get(i, gc);
            if (!(v == Math.rint(v)) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("query id " + v + " of group column '" + d.featureNames().get(gc)
                        + "' at row " + i + " is not an integer");
            }
            qid[i] = (int) v;
        }
        return qid;
    }

    // The row loops of train() live in these small methods: a loop over the rows inside train() would make the
    // JIT compile all of train() on stack replacement (a 220 kB, 12-14 MB-arena C2 compile, done up to three times).

    /** The labels as doubles. */
    private static double[] toDouble(int[] labels) {
        double[] y = new double[labels.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels[i];
        }
        return y;
    }

    /** Rejects a weight that is not a finite number {@code >= 0}, or weights that sum to 0. */
    private static void checkWeights(double[] w) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("sample weight " + w[i] + " at row " + i + " is not a finite number >= 0");
            }
            sum += w[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("the sample weights sum to " + sum + "; at least one must be positive");
        }
    }

    /** Row-major {@code n x init.length} scores, every row {@code init}. */
    private static double[] initialScores(double[] init, int n) {
        int outs = init.length;
        double[] raw = new double[n * outs];
        for (int i = 0; i < n; i++) {
            System.arraycopy(init, 0, raw, i * outs, outs);
        }
        return raw;
    }

    /** A new bag: the first {@code size} entries of {@code perm} after as many draws of a partial shuffle, sorted. */
    private static int[] drawBag(int[] perm, int size, SplittableRandom rng) {
        int nt = perm.length;
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(nt - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] bag = Arrays.copyOf(perm, size);
        Arrays.sort(bag);
        return bag;
    }

    /** Adds the tree's value for every row of the binned training data to output {@code c} of {@code raw}. */
    private static void addTree(HistTree tree, BinnedData bins, double[] raw, int outs, int c) {
        for (int i = 0, nt = bins.rows(); i < nt; i++) {
            raw[i * outs + c] += tree.value[tree.leaf(bins, i)];
        }
    }

    /** The objective's per-round metric ({@link Objective#metric}). */
    static double metric(Objective obj, double[] y, double[] w, double[] raw) {
        return obj.metric(y, w, raw);
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

    /**
     * One evaluation set during training: its rows (read from the data set's matrix, not copied), targets,
     * weights, queries and raw scores.
     */
    private static final class EvalSet {
        /** Rows per block of {@link #addRound}. */
        private static final int BLOCK = 1024;

        final String name;
        final int n;
        final Matrix x;
        final int[] rows;       // the rows of x in the set, or null for all of them
        final double[] y;
        final double[] w;
        final int[][] queries;  // lambdarank only
        double[] raw;           // row-major raw scores, updated round by round
        private double[] buf;   // one block of rows, column-major

        EvalSet(String name, Matrix x, int[] rows, double[] y, double[] w, int[][] queries) {
            this.name = name;
            this.n = rows == null ? x.rows() : rows.length;
            this.x = x;
            this.rows = rows;
            this.y = y;
            this.w = w;
            this.queries = queries;
        }

        /**
         * Adds the round's trees {@code trees[first + c]} to output {@code c} of the raw scores
         * ({@code c < outs}), a block of {@value #BLOCK} rows at a time copied into a reused buffer.
         */
        void addRound(List<HistTree> trees, int first, int outs) {
            int p = x.cols();
            if (buf == null) {
                buf = new double[Math.min(BLOCK, n) * p];
            }
            for (int i0 = 0; i0 < n; i0 += BLOCK) {
                int len = Math.min(BLOCK, n - i0);
                copyBlock(i0, len, p);
                for (int c = 0; c < outs; c++) {
                    addBlock(trees.get(first + c), i0, len, outs, c);
                }
            }
        }

        private void copyBlock(int i0, int len, int p) {
            for (int j = 0; j < p; j++) {
                if (rows == null) {
                    x.copyColumn(j, i0, buf, j * len, len);
                } else {
                    for (int t = 0; t < len; t++) {
                        buf[j * len + t] = x.get(rows[i0 + t], j);
                    }
                }
            }
        }

        private void addBlock(HistTree tree, int i0, int len, int outs, int c) {
            for (int t = 0; t < len; t++) {
                raw[(i0 + t) * outs + c] += tree.predict(buf, len, t);
            }
        }

        /** Checks the user's set {@code d} against the training data; its features are read from its matrix, not copied. */
        static EvalSet of(String name, Dataset d, Dataset train, int f, boolean cls, Objective obj, int groupColumn) {
            String what = "validation set '" + name + "'";
            int nv = d.size();
            if (nv == 0) {
                throw new IllegalArgumentException(what + " is empty");
            }
            if (d.featureCount() != f) {
                throw new IllegalArgumentException(what + " has " + d.featureCount() + " features, the training data " + f);
            }
            if (d.task() != train.task()) {
                throw new IllegalArgumentException(what + " is a " + d.task().name().toLowerCase(java.util.Locale.ROOT)
                        + " data set, the training data " + train.task().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (cls && !d.classes().equals(train.classes())) {
                throw new IllegalArgumentException("the classes " + d.classes() + " of " + what
                        + " differ from the training classes " + train.classes());
            }
            BoostedTrees.requireNoInfinity(d.features(), d.featureNames(), NAME + " (" + what + ")");
            double[] yv = new double[nv];
            int[] vl = cls ? d.labels() : null;
            double[] vt = cls ? null : d.target();
            for (int i = 0; i < nv; i++) {
                yv[i] = cls ? vl[i] : vt[i];
            }
            try {
                obj.checkTarget(yv);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
            double[] wv = d.hasWeights() ? d.weights() : null;
            int[][] queries = groupColumn >= 0 ? Ranking.queries(queryIds(d, groupColumn)) : null;
            return new EvalSet(name, d.features(), null, yv, wv, queries);
        }
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

    /** Column {@code j} of the given rows of x. */
    private static double[] gatherColumn(Matrix x, int[] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x.get(rows[i], j);
        }
        return out;
    }
}
