package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * The CART growth parameters shared by {@link DecisionTree} and the forests, with scikit-learn's names,
 * and their translation into {@link TreeBuilder.Settings}.
 */
public final class CartParams {

    private CartParams() {
    }

    /** The named choices of {@code max_features}. */
    public static final List<String> MAX_FEATURES_CHOICES = List.of("all", "sqrt", "log2");

    /** The parameters that shape one tree (without criterion, class weight and seed), {@code max_features} defaulting to {@code maxFeatures}. */
    public static List<Param<?>> growth(String maxFeatures) {
        return List.of(
                Param.optionalInteger("max_depth", null, 1, Integer.MAX_VALUE, "deepest allowed node (root at depth 0); none: no limit"),
                Param.integer("min_samples_split", 2, 2, Integer.MAX_VALUE, "fewest rows a node needs to be split"),
                Param.integer("min_samples_leaf", 1, 1, Integer.MAX_VALUE, "fewest rows each leaf must keep"),
                Param.real("min_weight_fraction_leaf", 0.0, 0, true, 0.5, true,
                        "least share of the total sample weight each leaf must keep"),
                Param.choiceOrNumber("max_features", maxFeatures, MAX_FEATURES_CHOICES,
                        "features tried per split: all, sqrt, log2, a count, or a fraction of the features"),
                Param.optionalInteger("max_leaf_nodes", null, 2, Integer.MAX_VALUE,
                        "grow best-first up to this many leaves; none: depth-first without a leaf limit"),
                Param.nonNegative("min_impurity_decrease", 0.0,
                        "least weighted impurity decrease (W_node/W_total)(I - W_L/W_node I_L - W_R/W_node I_R) a split must bring"),
                CATEGORICAL_SPLITS_PARAM, MAX_CATEGORIES_EXHAUSTIVE_PARAM);
    }

    /** {@code categorical_splits}: how categorical features are split ({@code partition}, the default, or {@code ordinal}). */
    public static final Param<String> CATEGORICAL_SPLITS_PARAM = Param.choice(CartParams.CATEGORICAL_SPLITS, "partition", List.of("partition", "ordinal"),
                        "categorical features (Dataset.Feature.isCategorical): partition = split into a subset of levels vs the rest"
                                + " (optimal binary partition); ordinal = thresholds on the level codes as numbers");

    /** {@code max_categories_exhaustive}: the level count up to which multiclass and absolute error partitions are searched exhaustively. */
    public static final Param<Integer> MAX_CATEGORIES_EXHAUSTIVE_PARAM = Param.integer(CartParams.MAX_CATEGORIES_EXHAUSTIVE, TreeBuilder.DEFAULT_MAX_CATEGORIES_EXHAUSTIVE, 1, TreeBuilder.Settings.MAX_EXHAUSTIVE,
                        "multiclass and absolute_error categorical splits: exhaustive search over the 2^(m-1)-1 partitions up to this many levels"
                                + " in the node, principal-component and one-vs-rest class orderings above");

    /** Name of the parameter choosing how categorical features are split ({@code partition} or {@code ordinal}). */
    public static final String CATEGORICAL_SPLITS = "categorical_splits";
    /** Name of the parameter bounding the exhaustive multiclass partition search. */
    public static final String MAX_CATEGORIES_EXHAUSTIVE = "max_categories_exhaustive";

    /**
     * Per feature of {@code data}, its number of levels when it is split as categorical (a categorical
     * feature and {@code categorical_splits = partition}), else 0; null when no feature is. Checks that each
     * such feature holds level codes {@code 0..L-1} or NaN, naming the feature and the row.
     */
    public static int[] categoryLevels(Dataset data, Params params) {
        if (!params.getString(CATEGORICAL_SPLITS).equals("partition")) {
            return null;
        }
        List<Dataset.Feature> info = data.featureInfo();
        int[] levels = new int[info.size()];
        boolean any = false;
        dev.derive.linalg.Matrix x = null;
        for (int j = 0; j < levels.length; j++) {
            Dataset.Feature f = info.get(j);
            if (f.isCategorical()) {
                if (f.levels().isEmpty()) {
                    continue; // no level: nothing but missing values, nothing to split
                }
                any = true;
                levels[j] = f.levels().size();
                x = x == null ? data.features() : x;
                for (int i = 0; i < x.rows(); i++) {
                    double v = x.get(i, j);
                    if (v == v && !(v >= 0 && v < levels[j] && (int) v == v)) {
                        throw new IllegalArgumentException("categorical feature '" + f.name() + "' has " + levels[j] + " levels but holds "
                                + v + " at row " + i + "; expected a level code 0.." + (levels[j] - 1) + " or NaN (missing)");
                    }
                }
            }
        }
        return any ? levels : null;
    }

    /**
     * The builder settings from {@code params} for the features of {@code data} (categorical ones split into
     * level subsets unless {@code categorical_splits = ordinal}), total training weight {@code totalWeight},
     * random splits (extremely randomised trees) when {@code randomSplits}.
     */
    public static TreeBuilder.Settings settings(Params params, Dataset data, double totalWeight, boolean randomSplits) {
        return settings(params, data.featureCount(), totalWeight, randomSplits)
                .withCategories(categoryLevels(data, params), params.getInt(MAX_CATEGORIES_EXHAUSTIVE));
    }

    /** The classification criterion parameter. */
    public static Param<String> classificationCriterion() {
        return Param.choice("criterion", "gini", List.of("gini", "entropy", "log_loss"),
                "impurity: gini (1 - sum p_k^2) or entropy (-sum p_k log2 p_k; log_loss is a synonym)");
    }

    /** The regression criterion parameter. */
    public static Param<String> regressionCriterion() {
        return Param.choice("criterion", "squared_error", List.of("squared_error", "poisson", "absolute_error"),
                "impurity: squared_error (weighted variance), poisson (half Poisson deviance; targets >= 0) or absolute_error"
                        + " (mean absolute deviation from the weighted median; median leaf values)");
    }

    /** The class weight parameter. */
    public static Param<String> classWeight() {
        return Param.choice("class_weight", "none", List.of("none", "balanced"),
                "none, or balanced: class c weighs n / (K n_c) (scikit-learn's 'balanced')");
    }

    /** A list with {@code head} followed by {@code tail}. */
    static List<Param<?>> concat(List<Param<?>> head, List<Param<?>> tail) {
        List<Param<?>> all = new ArrayList<>(head);
        all.addAll(tail);
        return List.copyOf(all);
    }

    /**
     * The number of features to try per split, as scikit-learn: all = p, sqrt = max(1, floor(sqrt p)),
     * log2 = max(1, floor(log2 p)), a count c (at most p), a fraction f: max(1, floor(f p)).
     */
    public static int maxFeatures(String value, int p) {
        return switch (value) {
            case "all" -> p;
            case "sqrt" -> Math.max(1, (int) Math.sqrt(p));
            case "log2" -> Math.max(1, (int) (Math.log(p) / Math.log(2)));
            default -> {
                if (value.contains(".")) {
                    yield Math.max(1, (int) (Double.parseDouble(value) * p));
                }
                int c = Integer.parseInt(value);
                if (c > p) {
                    throw new IllegalArgumentException("max_features = " + c + " exceeds the " + p + " features; allowed: [1, " + p + "]");
                }
                yield c;
            }
        };
    }

    /** The criterion named by parameter {@code criterion}. */
    public static TreeBuilder.Criterion criterion(Params params) {
        return switch (params.getString("criterion")) {
            case "gini" -> TreeBuilder.Criterion.GINI;
            case "entropy", "log_loss" -> TreeBuilder.Criterion.ENTROPY;
            case "squared_error" -> TreeBuilder.Criterion.SQUARED_ERROR;
            case "poisson" -> TreeBuilder.Criterion.POISSON;
            case "absolute_error" -> TreeBuilder.Criterion.ABSOLUTE_ERROR;
            default -> throw new IllegalArgumentException("unknown criterion " + params.getString("criterion"));
        };
    }

    /** The builder settings from {@code params}, for {@code p} features and total training weight {@code totalWeight}. */
    public static TreeBuilder.Settings settings(Params params, int p, double totalWeight) {
        return settings(params, p, totalWeight, false);
    }

    /** As {@link #settings(Params, int, double)}, with random thresholds (extremely randomised trees) when {@code randomSplits}. */
    public static TreeBuilder.Settings settings(Params params, int p, double totalWeight, boolean randomSplits) {
        Integer depth = params.getOptionalInt("max_depth");
        Integer leaves = params.getOptionalInt("max_leaf_nodes");
        return new TreeBuilder.Settings(criterion(params), depth == null ? Integer.MAX_VALUE : depth,
                params.getInt("min_samples_split"), params.getInt("min_samples_leaf"),
                params.getDouble("min_weight_fraction_leaf") * totalWeight, params.getDouble("min_impurity_decrease"),
                maxFeatures(params.getString("max_features"), p), leaves == null ? 0 : leaves, randomSplits);
    }

    /**
     * Per-row weights: the data's sample weights (1 if none) times the class weight of the row's class
     * when {@code class_weight = balanced} ({@code n / (K n_c)} over the rows' labels, as scikit-learn).
     * Rejects negative or non-finite weights.
     */
    public static double[] rowWeights(Dataset data, Params params, boolean classification) {
        int n = data.size();
        double[] w = data.hasWeights() ? data.weights() : filled(n);
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("sample weight " + w[i] + " at row " + i + " is not a finite number >= 0");
            }
        }
        if (classification && params.getString("class_weight").equals("balanced")) {
            int[] labels = data.labels();
            int k = data.numClasses();
            int[] counts = new int[k];
            int present = 0;
            for (int l : labels) {
                if (counts[l]++ == 0) {
                    present++;
                }
            }
            double[] cw = new double[k];
            for (int c = 0; c < k; c++) {
                cw[c] = counts[c] == 0 ? 0 : (double) n / (present * counts[c]);
            }
            for (int i = 0; i < n; i++) {
                w[i] *= cw[labels[i]];
            }
        }
        double total = 0;
        for (double v : w) {
            total += v;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the sample weights sum to " + total + "; at least one must be positive");
        }
        return w;
    }

    private static double[] filled(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    /**
     * Rejects infinite feature values (missing values, NaN, are allowed: trees route them by a learned
     * direction), naming the learner, the feature and the row.
     */
    public static void requireNoInfinity(dev.derive.linalg.Matrix x, List<String> names, String learner) {
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException(learner + " does not accept infinite values: feature '" + names.get(j)
                            + "' is " + v + " at row " + i);
                }
            }
        }
    }
}
