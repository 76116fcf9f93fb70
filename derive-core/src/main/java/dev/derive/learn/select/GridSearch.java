package dev.derive.learn.select;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.runtime.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Exhaustive search over a grid of named hyper-parameter values, each candidate scored by cross-validation
 * (scikit-learn's {@code GridSearchCV}).
 *
 * <pre>{@code
 * SearchResult r = GridSearch.of(Ridge.learner())
 *         .grid("alpha", 0.1, 1.0, 10.0)
 *         .grid("solver", "svd", "cholesky")
 *         .cv(new KFold(5, true, 7))
 *         .scoring(Scorers.RMSE)
 *         .run(data);
 * Model best = r.bestModel();
 * }</pre>
 *
 * <p>The candidates are the Cartesian product of the value lists, in declaration order with the last
 * parameter varying fastest (above: alpha 0.1 with svd, alpha 0.1 with cholesky, alpha 1 with svd, ...).
 * Every name and value is checked against the learner's parameter specs when it is added, and every
 * candidate learner is built before any fitting, so a typo or an out-of-range value fails at once with the
 * valid names or range. All candidates x folds fits run in parallel; the result does not depend on the
 * thread count (see {@link CrossValidation}).
 *
 * <p>The best candidate has the best mean of the first scorer (the largest, or the smallest for a loss);
 * the first in candidate order wins a tie. Defaults: 5-fold {@link CrossValidation#defaultCv} with seed 0,
 * scoring by {@code accuracy} or {@code r2}, refit on. Progress reports {@code start("grid search",
 * candidates x folds)} and one step per fitted fold. As the folds of all candidates run interleaved, each
 * candidate's {@link CvResult#seconds()} is the time its folds took to fit and score, summed, not a wall time.
 *
 * <p>Instances are immutable: each method returns a new search.
 */
public final class GridSearch {

    private final Learner<?> learner;
    private final LinkedHashMap<String, List<Object>> grid;
    private final Function<Dataset, CrossValidator> cv;
    private final List<Scorer> scoring;
    private final boolean refit;
    private final Progress progress;

    private GridSearch(Learner<?> learner, LinkedHashMap<String, List<Object>> grid, Function<Dataset, CrossValidator> cv,
                       List<Scorer> scoring, boolean refit, Progress progress) {
        this.learner = learner;
        this.grid = grid;
        this.cv = cv;
        this.scoring = scoring;
        this.refit = refit;
        this.progress = progress;
    }

    /** A search over {@code learner}'s parameters, with an empty grid. */
    public static GridSearch of(Learner<?> learner) {
        if (learner == null) {
            throw new IllegalArgumentException("learner is null");
        }
        return new GridSearch(learner, new LinkedHashMap<>(), data -> CrossValidation.defaultCv(data, Search.DEFAULT_FOLDS, 0), null,
                true, Progress.NONE);
    }

    /**
     * Adds parameter {@code name} with the values to try (converted and checked by the parameter's spec, so
     * {@code "0.5"} and {@code 0.5} are the same).
     *
     * @throws IllegalArgumentException for an unknown name (listing the valid ones), a name already in the
     *                                  grid, no values, or an invalid value
     */
    public GridSearch grid(String name, List<?> values) {
        Search.spec(learner, name);
        if (grid.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is already in the grid with values " + grid.get(name));
        }
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("parameter '" + name + "' has no values to try; give at least one");
        }
        List<Object> checked = new ArrayList<>(values.size());
        for (Object v : values) {
            Object c = Search.validate(learner, name, v);
            if (checked.contains(c)) {
                throw new IllegalArgumentException("parameter '" + name + "' lists the value " + c + " twice");
            }
            checked.add(c);
        }
        LinkedHashMap<String, List<Object>> g = new LinkedHashMap<>(grid);
        g.put(name, Collections.unmodifiableList(checked)); // may hold null ("none")
        return new GridSearch(learner, g, cv, scoring, refit, progress);
    }

    /** Adds parameter {@code name} with these values (see {@link #grid(String, List)}). */
    public GridSearch grid(String name, Object... values) {
        return grid(name, values == null ? List.of() : Arrays.asList(values));
    }

    /** Adds a real parameter with the values of an array (see {@link #grid(String, List)}). */
    public GridSearch grid(String name, double[] values) {
        return grid(name, values == null ? List.of() : Arrays.stream(values).boxed().toList());
    }

    /** Adds an integer parameter with the values of an array (see {@link #grid(String, List)}). */
    public GridSearch grid(String name, int[] values) {
        return grid(name, values == null ? List.of() : Arrays.stream(values).boxed().toList());
    }

    /** The cross-validator that scores each candidate (default: {@code cv(5)}). */
    public GridSearch cv(CrossValidator cv) {
        if (cv == null) {
            throw new IllegalArgumentException("cross-validator is null");
        }
        return new GridSearch(learner, grid, data -> cv, scoring, refit, progress);
    }

    /**
     * Scores each candidate on {@code k} folds of {@link CrossValidation#defaultCv} with seed 0 (stratified
     * for classification, shuffled k-fold otherwise).
     */
    public GridSearch cv(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k (number of folds) must be >= 2, got " + k);
        }
        return new GridSearch(learner, grid, data -> CrossValidation.defaultCv(data, k, 0), scoring, refit, progress);
    }

    /** Scores with {@code primary}, which ranks the candidates, and reports {@code more} alongside. */
    public GridSearch scoring(Scorer primary, Scorer... more) {
        List<Scorer> s = new ArrayList<>();
        s.add(primary);
        s.addAll(Arrays.asList(more));
        return new GridSearch(learner, grid, cv, List.copyOf(s), refit, progress);
    }

    /** Scores with the built-in scorers of these names ({@link Scorers#byName}); the first ranks. */
    public GridSearch scoring(String primary, String... more) {
        Scorer[] rest = new Scorer[more.length];
        for (int i = 0; i < more.length; i++) {
            rest[i] = Scorers.byName(more[i]);
        }
        return scoring(Scorers.byName(primary), rest);
    }

    /** Whether to fit the best candidate on all the data ({@link SearchResult#bestModel()}); default true. */
    public GridSearch refit(boolean refit) {
        return new GridSearch(learner, grid, cv, scoring, refit, progress);
    }

    /** Where to report progress (default: nowhere). */
    public GridSearch progress(Progress progress) {
        return new GridSearch(learner, grid, cv, scoring, refit, FoldRunner.orNone(progress));
    }

    /**
     * The candidates in evaluation order: each a map from parameter name to value.
     *
     * @throws IllegalArgumentException if the grid is empty
     */
    public List<Map<String, Object>> candidates() {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty; add parameters with grid(name, values...); "
                    + "parameters of '" + learner.name() + "': " + String.join(", ", learner.params().names()));
        }
        List<String> names = new ArrayList<>(grid.keySet());
        List<Map<String, Object>> out = new ArrayList<>();
        int[] idx = new int[names.size()];
        while (true) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (int j = 0; j < names.size(); j++) {
                c.put(names.get(j), grid.get(names.get(j)).get(idx[j]));
            }
            out.add(c);
            int j = names.size() - 1;
            while (j >= 0 && ++idx[j] == grid.get(names.get(j)).size()) {
                idx[j] = 0;
                j--;
            }
            if (j < 0) {
                return out;
            }
        }
    }

    /**
     * Cross-validates every candidate on {@code data} and picks the best.
     *
     * @throws IllegalArgumentException if the grid is empty, a candidate's parameters are invalid together,
     *                                  a scorer does not apply to the data's task, or a fold fails
     */
    public SearchResult run(Dataset data) {
        return Search.run(learner, candidates(), data, cv, scoring, refit, progress, "grid search");
    }

    @Override
    public String toString() {
        return "GridSearch(" + learner.name() + ", " + grid + ")";
    }
}
