package dev.derive.learn.select;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.Param;
import dev.derive.runtime.Progress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Random search over named hyper-parameters (Bergstra &amp; Bengio 2012; scikit-learn's
 * {@code RandomizedSearchCV}): {@code iterations} candidates are drawn from a distribution per parameter and
 * each is scored by cross-validation, as in {@link GridSearch}.
 *
 * <pre>{@code
 * SearchResult r = RandomSearch.of(Ridge.learner())
 *         .param("alpha", RandomSearch.logUniform(1e-3, 1e3))
 *         .param("solver", RandomSearch.choice("svd", "cholesky"))
 *         .iterations(20).seed(7)
 *         .run(data);
 * }</pre>
 *
 * <p><b>Drawing.</b> The candidates are drawn up front from a SplitMix64 stream started at {@code seed}
 * (the same on every JDK): candidate by candidate, parameter by parameter in declaration order. When every
 * distribution is discrete ({@link #choice}, {@link #intUniform}) the candidates are drawn without
 * replacement from the grid of all combinations, and if {@code iterations} is at least the grid's size the
 * whole grid is evaluated, in {@link GridSearch}'s order (scikit-learn does the same). Drawn values are
 * checked against the parameter specs before anything is fitted.
 *
 * <p>Defaults: 10 iterations, seed 0, 5-fold {@link CrossValidation#defaultCv}, scoring by {@code accuracy}
 * or {@code r2}, refit on. Progress reports {@code start("random search", candidates x folds)}. The best
 * candidate, ties and parallelism are as in {@link GridSearch}. Instances are immutable.
 */
public final class RandomSearch {

    /** A distribution of one parameter's values. */
    public interface Distribution {

        /** One value drawn with {@code rng}. */
        Object sample(RandomGenerator rng);

        /** The values of a discrete distribution with finite support, each equally likely; {@code null} otherwise. */
        default List<Object> values() {
            return null;
        }
    }

    private record Uniform(double low, double high) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            double v = low + (high - low) * Rng.unit(rng);
            return v < high ? v : Math.nextDown(high);
        }

        @Override
        public String toString() {
            return "uniform(" + low + ", " + high + ")";
        }
    }

    private record LogUniform(double low, double high) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            double a = Math.log(low);
            double v = Math.exp(a + (Math.log(high) - a) * Rng.unit(rng));
            return Math.min(Math.max(v, low), Math.nextDown(high));
        }

        @Override
        public String toString() {
            return "logUniform(" + low + ", " + high + ")";
        }
    }

    private record IntUniform(long low, long high) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            long v = low + Rng.below(rng, high - low + 1);
            return (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) ? (Object) (int) v : (Object) v;
        }

        @Override
        public List<Object> values() {
            List<Object> v = new ArrayList<>();
            for (long x = low; x <= high; x++) {
                v.add((x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) ? (Object) (int) x : (Object) x);
            }
            return v;
        }

        @Override
        public String toString() {
            return "intUniform(" + low + ", " + high + ")";
        }
    }

    private record Choice(List<Object> options) implements Distribution {
        @Override
        public Object sample(RandomGenerator rng) {
            return options.get((int) Rng.below(rng, options.size()));
        }

        @Override
        public List<Object> values() {
            return options;
        }

        @Override
        public String toString() {
            return "choice" + options;
        }
    }

    /** Largest support of {@link #intUniform} treated as a discrete set of values (larger ranges are only sampled). */
    private static final long MAX_ENUMERATED = 1 << 16;

    /**
     * Uniform on {@code [low, high)}, for real parameters.
     *
     * @throws IllegalArgumentException unless {@code low < high}, both finite
     */
    public static Distribution uniform(double low, double high) {
        if (!(Double.isFinite(low) && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("uniform(low, high) needs finite low < high, got " + low + ", " + high);
        }
        return new Uniform(low, high);
    }

    /**
     * Log-uniform on {@code [low, high)}: {@code exp(U)} with {@code U} uniform on {@code [log low, log high)},
     * so each decade is equally likely (scikit-learn's {@code scipy.stats.loguniform}); for real parameters
     * such as a penalty.
     *
     * @throws IllegalArgumentException unless {@code 0 < low < high}, both finite
     */
    public static Distribution logUniform(double low, double high) {
        if (!(low > 0 && Double.isFinite(high) && low < high)) {
            throw new IllegalArgumentException("logUniform(low, high) needs finite 0 < low < high, got " + low + ", " + high);
        }
        return new LogUniform(low, high);
    }

    /**
     * Uniform on the integers {@code low, low + 1, ..., high} (both ends included, unlike scipy's
     * {@code randint}).
     *
     * @throws IllegalArgumentException unless {@code low <= high}
     */
    public static Distribution intUniform(long low, long high) {
        if (low > high) {
            throw new IllegalArgumentException("intUniform(low, high) needs low <= high, got " + low + ", " + high);
        }
        if (high - low < 0 || high - low == Long.MAX_VALUE) {
            throw new IllegalArgumentException("intUniform(" + low + ", " + high + ") spans too many values");
        }
        return new IntUniform(low, high);
    }

    /**
     * One of {@code values}, each equally likely.
     *
     * @throws IllegalArgumentException if there are no values
     */
    public static Distribution choice(Object... values) {
        return choice(values == null ? List.of() : Arrays.asList(values));
    }

    /** One of {@code values}, each equally likely. */
    public static Distribution choice(List<?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("choice needs at least one value");
        }
        return new Choice(Collections.unmodifiableList(new ArrayList<>(values)));
    }

    private final Learner<?> learner;
    private final LinkedHashMap<String, Distribution> space;
    private final int iterations;
    private final long seed;
    private final Function<Dataset, CrossValidator> cv;
    private final List<Scorer> scoring;
    private final boolean refit;
    private final Progress progress;

    private RandomSearch(Learner<?> learner, LinkedHashMap<String, Distribution> space, int iterations, long seed,
                         Function<Dataset, CrossValidator> cv, List<Scorer> scoring, boolean refit, Progress progress) {
        this.learner = learner;
        this.space = space;
        this.iterations = iterations;
        this.seed = seed;
        this.cv = cv;
        this.scoring = scoring;
        this.refit = refit;
        this.progress = progress;
    }

    /** A random search over {@code learner}'s parameters, with no distributions yet. */
    public static RandomSearch of(Learner<?> learner) {
        if (learner == null) {
            throw new IllegalArgumentException("learner is null");
        }
        return new RandomSearch(learner, new LinkedHashMap<>(), 10, 0,
                data -> CrossValidation.defaultCv(data, Search.DEFAULT_FOLDS, 0), null, true, Progress.NONE);
    }

    /**
     * Draws parameter {@code name} from {@code distribution}. The name is checked against the learner's
     * parameters, and so is every value of a discrete distribution; a real-valued distribution for a
     * parameter that is not real fails here.
     *
     * @throws IllegalArgumentException for an unknown or repeated name, or values that do not suit the parameter
     */
    public RandomSearch param(String name, Distribution distribution) {
        Param<?> spec = Search.spec(learner, name);
        if (space.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' already has the distribution " + space.get(name));
        }
        if (distribution == null) {
            throw new IllegalArgumentException("parameter '" + name + "' has a null distribution");
        }
        if ((distribution instanceof Uniform || distribution instanceof LogUniform) && spec.kind() != Param.Kind.DOUBLE) {
            throw new IllegalArgumentException("parameter '" + name + "' is " + spec.kind().name().toLowerCase(Locale.ROOT)
                    + " (" + spec.range() + ") but " + distribution + " draws real numbers"
                    + (spec.kind() == Param.Kind.INT || spec.kind() == Param.Kind.LONG ? "; use intUniform" : "; use choice"));
        }
        Distribution d = distribution;
        List<Object> values = finiteValues(distribution);
        if (values != null) {
            List<Object> checked = new ArrayList<>(values.size());
            for (Object v : values) {
                checked.add(Search.validate(learner, name, v));
            }
            d = distribution instanceof IntUniform ? distribution : new Choice(Collections.unmodifiableList(checked));
        }
        LinkedHashMap<String, Distribution> s = new LinkedHashMap<>(space);
        s.put(name, d);
        return new RandomSearch(learner, s, iterations, seed, cv, scoring, refit, progress);
    }

    /** Draws parameter {@code name} uniformly from {@code values} ({@link #choice}). */
    public RandomSearch param(String name, Object... values) {
        return param(name, choice(values));
    }

    /** The number of candidates to draw (default 10; scikit-learn's {@code n_iter}). */
    public RandomSearch iterations(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + n);
        }
        return new RandomSearch(learner, space, n, seed, cv, scoring, refit, progress);
    }

    /** The same as {@link #iterations(int)}, by scikit-learn's name {@code n_iter}. */
    public RandomSearch nIter(int n) {
        return iterations(n);
    }

    /** The seed of the draws (default 0). The learner's own seed, if it has one, is not touched. */
    public RandomSearch seed(long seed) {
        return new RandomSearch(learner, space, iterations, seed, cv, scoring, refit, progress);
    }

    /** The cross-validator that scores each candidate (default: {@code cv(5)}). */
    public RandomSearch cv(CrossValidator cv) {
        if (cv == null) {
            throw new IllegalArgumentException("cross-validator is null");
        }
        return new RandomSearch(learner, space, iterations, seed, data -> cv, scoring, refit, progress);
    }

    /**
     * Scores each candidate on {@code k} folds of {@link CrossValidation#defaultCv} with seed 0 (stratified
     * for classification, shuffled k-fold otherwise).
     */
    public RandomSearch cv(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k (number of folds) must be >= 2, got " + k);
        }
        return new RandomSearch(learner, space, iterations, seed, data -> CrossValidation.defaultCv(data, k, 0), scoring, refit,
                progress);
    }

    /** Scores with {@code primary}, which ranks the candidates, and reports {@code more} alongside. */
    public RandomSearch scoring(Scorer primary, Scorer... more) {
        List<Scorer> s = new ArrayList<>();
        s.add(primary);
        s.addAll(Arrays.asList(more));
        return new RandomSearch(learner, space, iterations, seed, cv, List.copyOf(s), refit, progress);
    }

    /** Scores with the built-in scorers of these names ({@link Scorers#byName}); the first ranks. */
    public RandomSearch scoring(String primary, String... more) {
        Scorer[] rest = new Scorer[more.length];
        for (int i = 0; i < more.length; i++) {
            rest[i] = Scorers.byName(more[i]);
        }
        return scoring(Scorers.byName(primary), rest);
    }

    /** Whether to fit the best candidate on all the data; default true. */
    public RandomSearch refit(boolean refit) {
        return new RandomSearch(learner, space, iterations, seed, cv, scoring, refit, progress);
    }

    /** Where to report progress (default: nowhere). */
    public RandomSearch progress(Progress progress) {
        return new RandomSearch(learner, space, iterations, seed, cv, scoring, refit, FoldRunner.orNone(progress));
    }

    private static List<Object> finiteValues(Distribution d) {
        if (d instanceof IntUniform u) {
            return u.high() - u.low() < MAX_ENUMERATED ? u.values() : null;
        }
        return d.values();
    }

    /**
     * The candidates this search evaluates, in order (the same for the same seed).
     *
     * @throws IllegalArgumentException if no parameter has a distribution, or a drawn value is invalid
     */
    public List<Map<String, Object>> candidates() {
        if (space.isEmpty()) {
            throw new IllegalArgumentException("nothing to search: add parameters with param(name, distribution); "
                    + "parameters of '" + learner.name() + "': " + String.join(", ", learner.params().names()));
        }
        List<String> names = new ArrayList<>(space.keySet());
        List<List<Object>> finite = new ArrayList<>();
        for (String n : names) {
            finite.add(finiteValues(space.get(n)));
        }
        Rng rng = new Rng(seed);
        if (!finite.contains(null)) {
            long total = 1;
            for (List<Object> v : finite) {
                total = total > Long.MAX_VALUE / v.size() ? Long.MAX_VALUE : total * v.size();
            }
            long[] picks;
            if (iterations >= total) {
                picks = new long[(int) total];
                for (int i = 0; i < picks.length; i++) {
                    picks[i] = i;
                }
            } else {
                picks = sampleWithoutReplacement(total, iterations, rng);
            }
            List<Map<String, Object>> out = new ArrayList<>(picks.length);
            for (long flat : picks) {
                Map<String, Object> c = new LinkedHashMap<>();
                long rest = flat;
                Object[] vals = new Object[names.size()];
                for (int j = names.size() - 1; j >= 0; j--) {
                    int size = finite.get(j).size();
                    vals[j] = finite.get(j).get((int) (rest % size));
                    rest /= size;
                }
                for (int j = 0; j < names.size(); j++) {
                    c.put(names.get(j), Search.validate(learner, names.get(j), vals[j]));
                }
                out.add(c);
            }
            return out;
        }
        List<Map<String, Object>> out = new ArrayList<>(iterations);
        for (int i = 0; i < iterations; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (String n : names) {
                Object v = space.get(n).sample(rng);
                try {
                    c.put(n, Search.validate(learner, n, v));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("candidate " + (i + 1) + ": " + space.get(n) + " drew an invalid value for '"
                            + n + "': " + e.getMessage(), e);
                }
            }
            out.add(c);
        }
        return out;
    }

    /** {@code m} distinct integers from {@code [0, total)}, {@code m < total}, in the order drawn. */
    private static long[] sampleWithoutReplacement(long total, int m, Rng rng) {
        long[] out = new long[m];
        if (total <= 4L * m) {
            // partial Fisher-Yates over the whole (small) range
            long[] all = new long[(int) total];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            for (int i = 0; i < m; i++) {
                int j = i + (int) Rng.below(rng, total - i);
                long t = all[i];
                all[i] = all[j];
                all[j] = t;
                out[i] = all[i];
            }
            return out;
        }
        // sparse: rejection of repeats (fewer than 1/4 of the draws can collide)
        Set<Long> seen = new HashSet<>();
        int i = 0;
        while (i < m) {
            long v = Rng.below(rng, total);
            if (seen.add(v)) {
                out[i++] = v;
            }
        }
        return out;
    }

    /**
     * Draws the candidates, cross-validates each on {@code data} and picks the best.
     *
     * @throws IllegalArgumentException as {@link GridSearch#run}
     */
    public SearchResult run(Dataset data) {
        return Search.run(learner, candidates(), data, cv, scoring, refit, progress, "random search");
    }

    @Override
    public String toString() {
        return "RandomSearch(" + learner.name() + ", " + space + ", iterations " + iterations + ", seed " + seed + ")";
    }
}
