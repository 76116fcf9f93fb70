package dev.derive.neighbors;

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
 * k-nearest-neighbour learners (Fix &amp; Hodges 1951; Cover &amp; Hart 1967): a classifier that votes among
 * the {@code k} nearest training rows and a regressor that averages their targets, with uniform or
 * inverse-distance weights. Neighbours are exact Euclidean neighbours from a {@link KDTree} or
 * {@link BruteForceSearch} (identical answers; ties broken by training row order).
 *
 * <p>With {@code weights = distance} a query that coincides with training rows takes the average of
 * those rows only (their weight would be infinite), as scikit-learn does. Parameters mirror
 * scikit-learn's {@code KNeighborsClassifier}: {@code n_neighbors}, {@code weights}, {@code algorithm},
 * {@code leaf_size}.
 *
 * @param <M> the model type ({@link KNeighborsClassifierModel} or {@link KNeighborsRegressorModel})
 */
public final class KNeighbors<M extends Model> extends AbstractLearner<KNeighbors<M>, M> {

    /** The registered name. */
    public static final String NAME = "knn";
    /** The persisted kinds of the two model types. */
    public static final String CLASSIFIER_KIND = "knn.classifier";
    public static final String REGRESSOR_KIND = "knn.regressor";

    static final List<Param<?>> SPECS = List.of(
            Param.integer("n_neighbors", 5, 1, Integer.MAX_VALUE, "number of neighbours k"),
            Param.choice("weights", "uniform", List.of("uniform", "distance"),
                    "uniform: each neighbour counts equally; distance: weight 1/distance"),
            Param.choice("algorithm", "auto", List.of("auto", "kd_tree", "brute"),
                    "neighbour search: k-d tree, BLAS brute force, or auto (k-d tree up to 15 features)"),
            Param.integer("leaf_size", KDTree.DEFAULT_LEAF_SIZE, 1, 1_000_000, "rows per k-d tree leaf"));

    private final Dataset.Task task;

    private KNeighbors(Dataset.Task task, Params params) {
        super(params);
        this.task = task;
    }

    /** The k-NN classifier with default parameters (k = 5, uniform weights). */
    public static KNeighbors<KNeighborsClassifierModel> classifier() {
        return new KNeighbors<>(Dataset.Task.CLASSIFICATION, defaults(SPECS));
    }

    /** The k-NN regressor with default parameters (k = 5, uniform weights). */
    public static KNeighbors<KNeighborsRegressorModel> regressor() {
        return new KNeighbors<>(Dataset.Task.REGRESSION, defaults(SPECS));
    }

    public KNeighbors<M> neighbors(int k) {
        return with("n_neighbors", k);
    }

    public KNeighbors<M> weights(String w) {
        return with("weights", w);
    }

    public KNeighbors<M> algorithm(String a) {
        return with("algorithm", a);
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
    protected KNeighbors<M> create(Params params) {
        return new KNeighbors<>(task, params);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected M train(Dataset data) {
        data.requireFiniteFeatures(NAME);
        int k = params().getInt("n_neighbors");
        if (k > data.size()) {
            throw new IllegalArgumentException("n_neighbors = " + k + " exceeds the " + data.size()
                    + " training rows; allowed: [1, " + data.size() + "]");
        }
        long t0 = System.nanoTime();
        NeighborIndex index = buildIndex(data.features(), params());
        ModelSchema schema = ModelSchema.of(data);
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), List.of(), Map.of());
        boolean distance = params().getString("weights").equals("distance");
        if (task == Dataset.Task.CLASSIFICATION) {
            return (M) new KNeighborsClassifierModel(params(), schema, report, index, data.features(), data.labels(), k, distance);
        }
        return (M) new KNeighborsRegressorModel(params(), schema, report, index, data.features(), data.target(), k, distance);
    }

    static NeighborIndex buildIndex(dev.derive.linalg.Matrix x, Params p) {
        return switch (p.getString("algorithm")) {
            case "kd_tree" -> KDTree.build(x, p.getInt("leaf_size"));
            case "brute" -> BruteForceSearch.build(x);
            default -> x.cols() <= 15 ? KDTree.build(x, p.getInt("leaf_size")) : BruteForceSearch.build(x);
        };
    }

    /**
     * The weights of one query's neighbours: 1 each (uniform), or {@code 1/d}; if any distance is 0,
     * weight 1 for the zero-distance neighbours and 0 for the rest.
     */
    static void neighbourWeights(double[] dist, boolean distance, double[] out) {
        if (!distance) {
            java.util.Arrays.fill(out, 1.0);
            return;
        }
        boolean exact = false;
        for (double d : dist) {
            exact |= d == 0;
        }
        for (int t = 0; t < dist.length; t++) {
            out[t] = exact ? (dist[t] == 0 ? 1 : 0) : 1 / dist[t];
        }
    }
}
