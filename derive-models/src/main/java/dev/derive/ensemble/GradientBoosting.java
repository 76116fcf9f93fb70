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
 * <p>Robust regression losses (scikit-learn 1.2's {@code absolute_error}, {@code huber}, {@code quantile}):
 * the tree is grown on the negative gradient ({@code sign(y - F)}, -1 at 0; {@code y - F} clipped to
 * {@code [-delta, delta]}, {@code delta} the weighted {@code alpha}-quantile of {@code |y - F|} over all rows at
 * the start of the stage; {@code alpha} or {@code -(1 - alpha)}) and each leaf then gets its line search over the
 * leaf's in-bag residuals {@code d = y - F}: the weighted median (absolute error), the weighted
 * {@code alpha}-quantile (quantile), or Friedman's Huber step {@code med + mean sign(d - med) min(|d - med|, delta)}.
 * {@code F_0} is the median (absolute error, Huber) or the {@code alpha}-quantile (quantile) of {@code y}: numpy's
 * interpolating percentile when the data set has no sample weights, else the weighted percentile. Weighted
 * percentiles follow scikit-learn's {@code _weighted_percentile} exactly ({@link #weightedPercentile}: the smallest
 * value whose cumulative weight reaches {@code q/100} of the total, no interpolation). The loss curve is then the
 * weighted mean absolute error, Huber loss with the stage's delta, or pinball loss.
 *
 * <p>These losses give many exactly tied candidate splits (the gradient takes few distinct values); the tree
 * builder keeps the first in feature-index order while scikit-learn breaks ties by a feature shuffle drawn from
 * its random state, so fitted models agree with scikit-learn stage by stage until the first tie and differ after
 * it (by a different, equally good partition), not tree for tree over many stages.
 *
 * <p>Early stopping (scikit-learn's rule): with {@code n_iter_no_change} set, {@code ceil(validation_fraction * n)}
 * rows (stratified by class for classification; drawn from {@code seed}, so not scikit-learn's split) are held
 * out; after stage {@code m} the validation loss {@code v_m} is kept if {@code v_m + tol} is below one of the last
 * {@code n_iter_no_change} recorded losses, else boosting stops with {@code m + 1} stages (the failing stage is
 * kept, as scikit-learn's {@code n_estimators_}). The report gives {@code n_estimators_}, the validation rows and
 * the validation-loss curve (a warning line).
 *
 * <p>Parameters (scikit-learn's names): {@code loss}, {@code alpha} (0.9; regression), {@code n_estimators} (100),
 * {@code learning_rate} (0.1), {@code max_depth} (3), {@code min_samples_split} (2), {@code min_samples_leaf} (1),
 * {@code subsample} (1.0), {@code validation_fraction} (0.1), {@code n_iter_no_change} (none), {@code tol} (1e-4),
 * {@code seed}, and {@code categorical_splits} / {@code max_categories_exhaustive} (categorical features split into
 * level subsets, as {@link dev.derive.tree.DecisionTree}; {@code ordinal} for thresholds on the level codes).
 * Registered as {@code gbdt}.
 *
 * @param <M> {@link GradientBoostingClassifierModel} or {@link GradientBoostingRegressorModel}
 */
public final class GradientBoosting<M extends Model> extends AbstractLearner<GradientBoosting<M>, M> {

    /** The registered name. */
    public static final String NAME = "gbdt";
    public static final String CLASSIFIER_KIND = "gbdt.classifier";
    public static final String REGRESSOR_KIND = "gbdt.regressor";

    private static List<Param<?>> specs(Param<String> loss, Param<?>... extra) {
        List<Param<?>> l = new ArrayList<>(List.of(loss,
                Param.integer("n_estimators", 100, 1, 1_000_000, "boosting stages (trees)"),
                Param.positive("learning_rate", 0.1, "shrinkage applied to each tree's leaf values"),
                Param.integer("max_depth", 3, 1, Integer.MAX_VALUE, "depth of each tree"),
                Param.integer("min_samples_split", 2, 2, Integer.MAX_VALUE, "fewest rows a node needs to be split"),
                Param.integer("min_samples_leaf", 1, 1, Integer.MAX_VALUE, "fewest rows each leaf must keep"),
                Param.real("subsample", 1.0, 0, false, 1, true, "share of rows each tree is grown on (stochastic gradient boosting below 1)"),
                Param.real("validation_fraction", 0.1, 0, false, 1, false,
                        "share of the rows held out to monitor the validation loss (only with n_iter_no_change)"),
                Param.optionalInteger("n_iter_no_change", null, 1, Integer.MAX_VALUE,
                        "stop when the validation loss has not improved by tol for this many stages (none: no early stopping)"),
                Param.nonNegative("tol", 1e-4, "least validation-loss improvement that counts (early stopping)"),
                Param.seed(0), CartParams.CATEGORICAL_SPLITS_PARAM, CartParams.MAX_CATEGORIES_EXHAUSTIVE_PARAM));
        l.addAll(List.of(extra));
        return List.copyOf(l);
    }

    static final List<Param<?>> CLASSIFIER_SPECS = specs(
            Param.choice("loss", "log_loss", List.of("log_loss"), "log_loss: binomial deviance (two classes) or multinomial deviance (more)"));
    static final List<Param<?>> REGRESSOR_SPECS = specs(
            Param.choice("loss", "squared_error", List.of("squared_error", "absolute_error", "huber", "quantile"),
                    "squared_error: (y - F)^2 / 2; absolute_error: |y - F|; huber: squared within delta, linear beyond;"
                            + " quantile: pinball loss of level alpha"),
            Param.real("alpha", 0.9, 0, false, 1, false,
                    "quantile level (loss=quantile) or the quantile of |y - F| taken as the Huber delta (loss=huber)"));

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

    public GradientBoosting<M> loss(String loss) {
        return with("loss", loss);
    }

    /** The quantile level ({@code loss = quantile}) or the quantile of |residual| used as the Huber delta. */
    public GradientBoosting<M> alpha(double alpha) {
        return with("alpha", alpha);
    }

    /** Early stopping patience; {@code null} turns early stopping off. */
    public GradientBoosting<M> nIterNoChange(Integer stages) {
        return with("n_iter_no_change", stages);
    }

    public GradientBoosting<M> validationFraction(double fraction) {
        return with("validation_fraction", fraction);
    }

    public GradientBoosting<M> tol(double tol) {
        return with("tol", tol);
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

    static final int SQUARED = 0;
    static final int ABSOLUTE = 1;
    static final int HUBER = 2;
    static final int QUANTILE = 3;
    static final int BINOMIAL = 4;
    static final int MULTINOMIAL = 5;

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        CartParams.requireNoInfinity(data.features(), data.featureNames(), NAME);
        boolean cls = task == Dataset.Task.CLASSIFICATION;
        Params p = params();
        long t0 = System.nanoTime();
        int nAll = data.size();
        int f = data.featureCount();
        int k = cls ? data.numClasses() : 1;
        int outs = cls && k > 2 ? k : 1;  // trees per stage
        int lossKind = cls ? (outs > 1 ? MULTINOMIAL : BINOMIAL) : switch (p.getString("loss")) {
            case "squared_error" -> SQUARED;
            case "absolute_error" -> ABSOLUTE;
            case "huber" -> HUBER;
            case "quantile" -> QUANTILE;
            default -> throw new IllegalArgumentException("unknown loss " + p.getString("loss"));
        };
        double alpha = cls ? 0 : p.getDouble("alpha");
        double[] xAll = data.features().toArray();
        double[] yAll = new double[nAll];
        double[] wAll = new double[nAll];
        for (int i = 0; i < nAll; i++) {
            yAll[i] = cls ? data.labels()[i] : data.target()[i];
            if (!Double.isFinite(yAll[i])) {
                throw new IllegalArgumentException("target " + yAll[i] + " at row " + i + " is not finite");
            }
            double s = data.hasWeights() ? data.weights()[i] : 1.0;
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("sample weight " + s + " at row " + i + " is not a finite number >= 0");
            }
            wAll[i] = s;
        }
        Integer patience = p.getOptionalInt("n_iter_no_change");
        int[][] split = patience == null ? new int[][] {identity(nAll), new int[0]}
                : validationSplit(nAll, cls ? data.labels() : null, k, p.getDouble("validation_fraction"), p.getLong("seed"));
        int n = split[0].length;
        int nVal = split[1].length;
        double[] x = rows(xAll, nAll, f, split[0]);
        double[] xv = rows(xAll, nAll, f, split[1]);
        double[] y = pick(yAll, split[0]);
        double[] yv = pick(yAll, split[1]);
        double[] w = pick(wAll, split[0]);
        double[] wv = pick(wAll, split[1]);
        double wSum = 0;
        double wy = 0;
        double[] classWeight = new double[Math.max(k, 2)];
        for (int i = 0; i < n; i++) {
            wSum += w[i];
            wy += w[i] * y[i];
            if (cls) {
                classWeight[(int) y[i]] += w[i];
            }
        }
        if (!(wSum > 0)) {
            throw new IllegalArgumentException("the sample weights (of the training part) sum to " + wSum + "; at least one must be positive");
        }
        if (patience != null && !(java.util.Arrays.stream(wv).sum() > 0)) {
            throw new IllegalArgumentException("the " + nVal + " validation rows held out for early stopping all have sample weight 0;"
                    + " the validation loss is undefined (change seed or validation_fraction)");
        }
        double[] init = new double[outs];
        switch (lossKind) {
            case SQUARED -> init[0] = wy / wSum;
            case ABSOLUTE, HUBER -> init[0] = data.hasWeights() ? weightedPercentile(y, w, 50.0) : percentile(y, 0.5 * 100.0);
            case QUANTILE -> init[0] = data.hasWeights() ? weightedPercentile(y, w, alpha * 100.0) : percentile(y, alpha * 100.0);
            case BINOMIAL -> {
                double prior = clip(wy / wSum);
                init[0] = Math.log(prior / (1 - prior));
            }
            default -> {
                for (int c = 0; c < k; c++) {
                    init[c] = Math.log(clip(classWeight[c] / wSum));
                }
            }
        }
        int stages = p.getInt("n_estimators");
        double rate = p.getDouble("learning_rate");
        double subsample = p.getDouble("subsample");
        double tol = p.getDouble("tol");
        int inBag = subsample >= 1 ? n : Math.max(1, (int) (subsample * n));
        TreeBuilder.Settings settings = new TreeBuilder.Settings(TreeBuilder.Criterion.SQUARED_ERROR, p.getInt("max_depth"),
                p.getInt("min_samples_split"), p.getInt("min_samples_leaf"), 0, 0, f, 0, false)
                .withCategories(CartParams.categoryLevels(data, p), p.getInt(CartParams.MAX_CATEGORIES_EXHAUSTIVE));
        SplittableRandom rng = new SplittableRandom(p.getLong("seed"));
        double[] raw = new double[n * outs];  // row-major n x outs
        for (int i = 0; i < n; i++) {
            System.arraycopy(init, 0, raw, i * outs, outs);
        }
        double[] rawVal = new double[nVal * outs];
        for (int i = 0; i < nVal; i++) {
            System.arraycopy(init, 0, rawVal, i * outs, outs);
        }
        double[] prob = new double[n * outs];
        double[] r = new double[n];
        double[] yk = new double[n];
        double[] tw = new double[n];
        boolean[] bag = new boolean[n];
        double[] lossCurve = new double[stages];
        double[] valCurve = new double[stages];
        double[] history = new double[patience == null ? 0 : patience];
        java.util.Arrays.fill(history, Double.POSITIVE_INFINITY);
        List<Tree> trees = new ArrayList<>();
        int[] perm = identity(n);
        int[] leaf = new int[n];
        int kept = stages;
        boolean stopped = false;
        Progress progress = ProgressContext.current();
        progress.start("boosting", stages);
        try {
            for (int m = 0; m < stages; m++) {
                if (inBag < n) {
                    // the first inBag entries of a partial Fisher-Yates shuffle are the subsample
                    java.util.Arrays.fill(tw, 0);
                    java.util.Arrays.fill(bag, false);
                    for (int i = 0; i < inBag; i++) {
                        int j = i + rng.nextInt(n - i);
                        int t = perm[i];
                        perm[i] = perm[j];
                        perm[j] = t;
                        tw[perm[i]] = w[perm[i]];
                        bag[perm[i]] = true;
                    }
                } else {
                    System.arraycopy(w, 0, tw, 0, n);
                    java.util.Arrays.fill(bag, true);
                }
                // probabilities from the scores before this stage (all trees of a stage see the same scores)
                for (int i = 0; i < n; i++) {
                    if (lossKind == MULTINOMIAL) {
                        softmax(raw, prob, i * outs, outs);
                    } else if (lossKind == BINOMIAL) {
                        prob[i] = sigmoid(raw[i]);
                    }
                }
                double gamma = lossKind == HUBER ? huberDelta(y, raw, w, alpha) : 0;
                double[] delta = new double[n * outs];
                for (int c = 0; c < outs; c++) {
                    long treeSeed = rng.nextLong();
                    for (int i = 0; i < n; i++) {
                        yk[i] = outs > 1 ? (y[i] == c ? 1 : 0) : y[i];
                        r[i] = cls ? yk[i] - prob[i * outs + c] : negativeGradient(lossKind, y[i], raw[i], alpha, gamma);
                    }
                    Tree tree = TreeBuilder.regression(x, n, f, r, tw, settings, treeSeed);
                    for (int i = 0; i < n; i++) {
                        leaf[i] = tree.leaf(x, n, i);
                    }
                    if (cls) {
                        tree = newtonLeaves(tree, leaf, r, yk, tw, outs > 1 ? (k - 1.0) / k : 1.0);
                    } else if (lossKind != SQUARED) {
                        tree = robustLeaves(tree, leaf, y, raw, tw, bag, lossKind, alpha, gamma);
                    }
                    double[] v = tree.value();
                    for (int i = 0; i < n; i++) {
                        delta[i * outs + c] = rate * v[leaf[i]];
                    }
                    trees.add(tree);
                }
                for (int i = 0; i < n * outs; i++) {
                    raw[i] += delta[i];
                }
                lossCurve[m] = loss(lossKind, y, raw, tw, outs, alpha, gamma);
                String msg = String.format(java.util.Locale.ROOT, "loss %.5g", lossCurve[m]);
                if (patience != null) {
                    for (int c = 0; c < outs; c++) {
                        Tree t = trees.get(m * outs + c);
                        double[] v = t.value();
                        for (int i = 0; i < nVal; i++) {
                            rawVal[i * outs + c] += rate * v[t.leaf(xv, nVal, i)];
                        }
                    }
                    double vl = loss(lossKind, yv, rawVal, wv, outs, alpha, gamma);
                    valCurve[m] = vl;
                    msg += String.format(java.util.Locale.ROOT, ", validation %.5g", vl);
                    boolean better = false;
                    for (double h : history) {
                        better |= vl + tol < h;
                    }
                    if (better) {
                        history[m % history.length] = vl;
                    } else {
                        // as scikit-learn, the stage that failed to improve is kept
                        kept = m + 1;
                        stopped = true;
                        progress.advance(1, msg);
                        break;
                    }
                }
                progress.advance(1, msg);
            }
        } finally {
            progress.finish();
        }
        double[] curve = java.util.Arrays.copyOf(lossCurve, kept);
        Map<String, Double> extra = new java.util.LinkedHashMap<>();
        extra.put("trees", (double) trees.size());
        extra.put("n_estimators_", (double) kept);
        List<String> notes = List.of();
        if (patience != null) {
            extra.put("validation_rows", (double) nVal);
            extra.put("validation_loss", valCurve[kept - 1]);
            notes = List.of("validation loss per stage: " + java.util.Arrays.toString(java.util.Arrays.copyOf(valCurve, kept)));
        }
        String reason = stopped ? "early stopping: the validation loss did not improve by tol = " + tol + " on any of the last "
                + patience + " stages; " + kept + " stages kept" : "all " + stages + " stages run";
        TrainingReport report = new TrainingReport(kept, true, reason, curve, secondsSince(t0), notes, Map.copyOf(extra));
        ModelSchema schema = ModelSchema.of(data);
        return cls ? (M) new GradientBoostingClassifierModel(p, schema, report, init, trees)
                : (M) new GradientBoostingRegressorModel(p, schema, report, init[0], trees);
    }

    /**
     * The mean loss over the rows with positive weight (scikit-learn's {@code train_score_} convention):
     * squared error, |y - F|, Huber with the stage's delta {@code gamma}
     * ({@code d^2 / 2} for |d| <= gamma, {@code gamma (|d| - gamma / 2)} beyond), pinball
     * ({@code alpha d} for y > F, {@code -(1 - alpha) d} otherwise), binomial deviance
     * {@code -2 (y F - log(1 + e^F))} or multinomial deviance {@code logsumexp(F) - F_y}, weighted by {@code w}.
     */
    static double loss(int kind, double[] y, double[] raw, double[] w, int outs, double alpha, double gamma) {
        double sum = 0;
        double wSum = 0;
        for (int i = 0; i < y.length; i++) {
            if (w[i] > 0) {
                double d = y[i] - raw[i * outs];
                double l = switch (kind) {
                    case SQUARED -> d * d;
                    case ABSOLUTE -> Math.abs(d);
                    case HUBER -> Math.abs(d) <= gamma ? 0.5 * d * d : gamma * (Math.abs(d) - gamma / 2);
                    case QUANTILE -> y[i] > raw[i] ? alpha * d : -(1 - alpha) * d;
                    case BINOMIAL -> -2 * (y[i] * raw[i] - logOnePlusExp(raw[i]));
                    default -> logSumExp(raw, i * outs, outs) - raw[i * outs + (int) y[i]];
                };
                sum += w[i] * l;
                wSum += w[i];
            }
        }
        return wSum > 0 ? sum / wSum : Double.NaN;
    }

    /**
     * The Huber delta of a stage, as scikit-learn: the weighted {@code alpha}-quantile ({@link #weightedPercentile})
     * of {@code |y - F|} over all training rows with their full weights (in-bag or not).
     */
    static double huberDelta(double[] y, double[] raw, double[] w, double alpha) {
        double[] abs = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            abs[i] = Math.abs(y[i] - raw[i]);
        }
        return weightedPercentile(abs, w, alpha * 100);
    }

    /**
     * The negative gradient a regression tree is fitted to, {@code d = y - F}: {@code d} (squared error), {@code sign d}
     * with {@code -1} at {@code d = 0} (absolute error), {@code d} clipped to {@code [-gamma, gamma]} (Huber), and
     * {@code alpha} for {@code y > F} else {@code -(1 - alpha)} (quantile).
     */
    static double negativeGradient(int kind, double y, double raw, double alpha, double gamma) {
        double d = y - raw;
        return switch (kind) {
            case SQUARED -> d;
            case ABSOLUTE -> d > 0 ? 1 : -1;
            case HUBER -> Math.abs(d) <= gamma ? d : gamma * Math.signum(d);
            case QUANTILE -> y > raw ? alpha : -(1 - alpha);
            default -> throw new IllegalArgumentException("loss kind " + kind + " has no regression gradient");
        };
    }

    private static Tree robustLeaves(Tree tree, int[] leaf, double[] y, double[] raw, double[] w, boolean[] bag, int kind,
                                     double alpha, double gamma) {
        double[] value = tree.value().clone();
        double[] line = leafValues(tree.nodeCount(), leaf, y, raw, w, bag, kind, alpha, gamma);
        int[] left = tree.left();
        for (int j = 0; j < value.length; j++) {
            if (left[j] == -1 && !Double.isNaN(line[j])) {
                value[j] = line[j];
            }
        }
        return tree.withValues(value);
    }

    /**
     * The line search of the robust losses for each node id of {@code leaf} (NaN for ids no in-bag row reaches),
     * over the in-bag rows of the node, {@code d_i = y_i - F(x_i)}: the weighted median of {@code d} (absolute
     * error), the weighted {@code alpha}-quantile (quantile), or Friedman's (2001, Algorithm 4) Huber step
     * {@code med + mean_i sign(d_i - med) min(|d_i - med|, gamma)}, {@code med} the weighted median, the mean
     * unweighted (as scikit-learn); weighted quantiles as {@link #weightedPercentile}.
     */
    static double[] leafValues(int nodes, int[] leaf, double[] y, double[] raw, double[] w, boolean[] bag, int kind,
                               double alpha, double gamma) {
        int[] count = new int[nodes];
        for (int i = 0; i < leaf.length; i++) {
            if (bag[i]) {
                count[leaf[i]]++;
            }
        }
        double[][] d = new double[nodes][];
        double[][] dw = new double[nodes][];
        for (int j = 0; j < nodes; j++) {
            d[j] = new double[count[j]];
            dw[j] = new double[count[j]];
        }
        int[] fill = new int[nodes];
        for (int i = 0; i < leaf.length; i++) {
            if (bag[i]) {
                int j = leaf[i];
                d[j][fill[j]] = y[i] - raw[i];
                dw[j][fill[j]++] = w[i];
            }
        }
        double[] value = new double[nodes];
        for (int j = 0; j < nodes; j++) {
            if (count[j] == 0) {
                value[j] = Double.NaN;
                continue;
            }
            value[j] = switch (kind) {
                case ABSOLUTE -> weightedPercentile(d[j], dw[j], 50);
                case QUANTILE -> weightedPercentile(d[j], dw[j], alpha * 100);
                case HUBER -> {
                    double med = weightedPercentile(d[j], dw[j], 50);
                    double s = 0;
                    for (double di : d[j]) {
                        double e = di - med;
                        s += Math.signum(e) * Math.min(Math.abs(e), gamma);
                    }
                    yield med + s / count[j];
                }
                default -> throw new IllegalArgumentException("loss kind " + kind + " has no robust line search");
            };
        }
        return value;
    }

    /**
     * scikit-learn's weighted percentile ({@code sklearn.utils.stats._weighted_percentile}, 1.2): sort the
     * values, accumulate their weights in that order into {@code cdf}, and return the smallest sorted value
     * whose {@code cdf >= percentile / 100 * total weight} (no interpolation; a target of exactly 0 is moved to
     * the next double above 0 so leading zero-weight values are skipped; the last value when rounding leaves
     * none). With unit weights and an even count this is the lower middle value, not the mean of the two.
     */
    static double weightedPercentile(double[] values, double[] weights, double percentile) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("weighted percentile of an empty set");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] cdf = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += weights[order[i]];
            cdf[i] = s;
        }
        double target = percentile / 100 * cdf[n - 1];
        if (target == 0) {
            target = Math.nextUp(target);
        }
        int idx = 0;
        while (idx < n && cdf[idx] < target) {
            idx++;
        }
        return values[order[Math.min(idx, n - 1)]];
    }

    /**
     * numpy's default ({@code method="linear"}) percentile, which scikit-learn's {@code DummyRegressor} uses
     * for the initial estimate when {@code fit} gets no sample weights: sorted {@code v}, position
     * {@code h = (n - 1) q / 100}, {@code v[floor h] + (h - floor h) (v[floor h + 1] - v[floor h])}.
     */
    static double percentile(double[] values, double q) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        double h = (n - 1) * (q / 100);
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return v[n - 1];
        }
        double t = h - lo;
        double diff = v[lo + 1] - v[lo];
        return t >= 0.5 ? v[lo + 1] - diff * (1 - t) : v[lo] + diff * t;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    /** The rows {@code idx} of the column-major {@code n x f} array {@code x}, column-major. */
    private static double[] rows(double[] x, int n, int f, int[] idx) {
        int m = idx.length;
        double[] out = new double[m * f];
        for (int j = 0; j < f; j++) {
            for (int i = 0; i < m; i++) {
                out[j * m + i] = x[j * n + idx[i]];
            }
        }
        return out;
    }

    /**
     * The early-stopping split {training rows, validation rows} (each ascending): {@code ceil(fraction * n)}
     * validation rows drawn from a permutation seeded by {@code seed}; for classification (labels non-null)
     * stratified, each class giving its share rounded by largest remainder. scikit-learn's
     * {@code train_test_split} draws from numpy's RandomState and cannot be reproduced.
     */
    static int[][] validationSplit(int n, int[] labels, int k, double fraction, long seed) {
        int nVal = (int) Math.ceil(fraction * n);
        if (nVal < 1 || nVal >= n) {
            throw new IllegalArgumentException("validation_fraction = " + fraction + " leaves " + nVal + " of " + n
                    + " rows for validation; early stopping needs at least one validation and one training row");
        }
        int[] perm = identity(n);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        boolean[] val = new boolean[n];
        if (labels == null) {
            for (int i = 0; i < nVal; i++) {
                val[perm[i]] = true;
            }
        } else {
            int[] count = new int[k];
            for (int l : labels) {
                count[l]++;
            }
            int[] take = new int[k];
            double[] rest = new double[k];
            int given = 0;
            for (int c = 0; c < k; c++) {
                double share = (double) nVal * count[c] / n;
                take[c] = (int) Math.floor(share);
                rest[c] = share - take[c];
                given += take[c];
            }
            while (given < nVal) {
                int best = -1;
                for (int c = 0; c < k; c++) {
                    if (take[c] < count[c] && (best < 0 || rest[c] > rest[best])) {
                        best = c;
                    }
                }
                take[best]++;
                rest[best] = -1;
                given++;
            }
            for (int c = 0; c < k; c++) {
                if (count[c] > 0 && take[c] >= count[c]) {
                    throw new IllegalArgumentException("validation_fraction = " + fraction + " leaves class " + c
                            + " (" + count[c] + " rows) without training rows");
                }
            }
            int[] taken = new int[k];
            for (int i = 0; i < n; i++) {
                int c = labels[perm[i]];
                if (taken[c] < take[c]) {
                    taken[c]++;
                    val[perm[i]] = true;
                }
            }
        }
        int[] tr = new int[n - nVal];
        int[] va = new int[nVal];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (val[i]) {
                va[b++] = i;
            } else {
                tr[a++] = i;
            }
        }
        return new int[][] {tr, va};
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
        return tree.withValues(value);
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
