package dev.derive.learn.inspect;

import dev.derive.data.Dataset;
import dev.derive.learn.Model;
import dev.derive.learn.select.Scorer;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Permutation feature importance (Breiman 2001, "Random Forests", section 10; as scikit-learn's
 * {@code sklearn.inspection.permutation_importance}) of any fitted model: the importance of feature
 * {@code j} in repeat {@code r} is the drop in score when column {@code j} of the data is randomly
 * permuted, {@code s(model, X) - s(model, X with column j permuted)} for a score where larger is better,
 * and the rise {@code s(permuted) - s(X)} for a loss ({@link Scorer#greaterIsBetter()} false), so that a
 * larger importance always means the model relies more on the feature. The mean and the population
 * standard deviation over {@code n_repeats} permutations are reported (scikit-learn's
 * {@code importances_mean}, {@code importances_std}).
 *
 * <p>A feature the model ignores has importance exactly 0. For a linear model {@code f(x) = b + beta^T x}
 * with the mean squared error, noiseless targets and a permutation independent of the data, the expected
 * importance is {@code 2 beta_j^2 Var(x_j)} in the large-sample limit (since
 * {@code E[(x_j - x_j')^2] = 2 Var(x_j)} for independent copies).
 *
 * <p>Randomness: feature {@code j} draws its permutations (Fisher-Yates) from a {@link SplittableRandom}
 * seeded with the {@code j}-th long of a master stream seeded with {@code seed}; features are computed in
 * parallel ({@link Parallelism}), so a seed gives bit-identical results whatever the thread count (for a model
 * whose predictions do not depend on the thread count). scikit-learn's permutations come from numpy's
 * generator; {@link #compute(Model, Dataset, Scorer, int[][][])} takes explicit permutations, which is how the
 * tests reproduce scikit-learn's numbers.
 */
public final class PermutationImportance {

    private PermutationImportance() {
    }

    /**
     * The importances.
     *
     * @param baseline    the score on the unpermuted data
     * @param importances {@code p x n_repeats}: feature {@code j}, repeat {@code r}
     * @param mean        mean over the repeats, per feature
     * @param std         population standard deviation over the repeats, per feature
     * @param scorer      the scorer's name
     */
    public record Result(double baseline, Matrix importances, double[] mean, double[] std, String scorer) {
        public Result {
            mean = mean.clone();
            std = std.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        @Override
        public double[] std() {
            return std.clone();
        }
    }

    /**
     * Permutation importances of {@code model} on {@code data} (held-out data is what makes them measure
     * generalisation), with {@code repeats >= 1} permutations per feature.
     *
     * @throws IllegalArgumentException if {@code repeats < 1}, the data are empty, or the scorer does not
     *                                  apply to the data's task
     */
    public static Result compute(Model model, Dataset data, Scorer scorer, int repeats, long seed) {
        check(model, data, scorer, repeats);
        SplittableRandom master = new SplittableRandom(seed);
        long[] seeds = new long[data.featureCount()];
        for (int j = 0; j < seeds.length; j++) {
            seeds[j] = master.nextLong();
        }
        int n = data.size();
        return run(model, data, scorer, repeats, j -> {
            SplittableRandom rng = new SplittableRandom(seeds[j]);
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            return r -> {
                for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                    int k = rng.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[k];
                    perm[k] = t;
                }
                return perm;
            };
        });
    }

    /**
     * Permutation importances with given permutations: in repeat {@code r}, row {@code i} of feature
     * {@code j} takes the value of row {@code permutations[j][r][i]} (e.g. to reproduce another
     * implementation's draws).
     *
     * @throws IllegalArgumentException if the array is not {@code p x repeats x n} or a row is not a permutation
     */
    public static Result compute(Model model, Dataset data, Scorer scorer, int[][][] permutations) {
        int p = data.featureCount();
        int n = data.size();
        if (permutations.length != p || p == 0) {
            throw new IllegalArgumentException("permutations are given for " + permutations.length + " features; the data have " + p);
        }
        int repeats = permutations[0].length;
        check(model, data, scorer, repeats);
        for (int j = 0; j < p; j++) {
            if (permutations[j].length != repeats) {
                throw new IllegalArgumentException("feature " + j + " has " + permutations[j].length + " permutations, feature 0 has " + repeats);
            }
            for (int r = 0; r < repeats; r++) {
                int[] perm = permutations[j][r];
                boolean[] seen = new boolean[n];
                if (perm.length != n) {
                    throw new IllegalArgumentException("permutation " + r + " of feature " + j + " has " + perm.length + " entries for " + n + " rows");
                }
                for (int v : perm) {
                    if (v < 0 || v >= n || seen[v]) {
                        throw new IllegalArgumentException("permutation " + r + " of feature " + j + " is not a permutation of 0.." + (n - 1));
                    }
                    seen[v] = true;
                }
            }
        }
        return run(model, data, scorer, repeats, j -> r -> permutations[j][r]);
    }

    private static void check(Model model, Dataset data, Scorer scorer, int repeats) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scorer, "scorer");
        if (repeats < 1) {
            throw new IllegalArgumentException("n_repeats must be >= 1, got " + repeats);
        }
        if (data.size() < 2) {
            throw new IllegalArgumentException("permutation importance needs at least 2 rows, got " + data.size());
        }
        if (!scorer.supports(data.task(), data.numClasses())) {
            throw new IllegalArgumentException("scorer " + scorer.name() + " does not apply to " + data.task().name().toLowerCase()
                    + " data" + (data.task() == Dataset.Task.CLASSIFICATION ? " with " + data.numClasses() + " classes" : ""));
        }
    }

    private static Result run(Model model, Dataset data, Scorer scorer, int repeats,
                              IntFunction<IntFunction<int[]>> permutationsOfFeature) {
        int n = data.size();
        int p = data.featureCount();
        double sign = scorer.greaterIsBetter() ? 1 : -1;
        double baseline = scorer.score(model, data);
        if (Double.isNaN(baseline)) {
            throw new IllegalArgumentException("the baseline " + scorer.name() + " is NaN");
        }
        Matrix x0 = data.features();
        Matrix imp = Matrix.zeros(p, repeats);
        Parallelism.forEach(p, 2, j -> {
            IntFunction<int[]> perms = permutationsOfFeature.apply(j);
            Matrix x = x0.copy();
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = x0.get(i, j);
            }
            Dataset permuted = data.withFeatureMatrix(x, data.featureInfo());
            for (int r = 0; r < repeats; r++) {
                int[] perm = perms.apply(r);
                for (int i = 0; i < n; i++) {
                    x.set(i, j, col[perm[i]]);
                }
                imp.set(j, r, sign * (baseline - scorer.score(model, permuted)));
            }
        });
        double[] mean = new double[p];
        double[] std = new double[p];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (int r = 0; r < repeats; r++) {
                s += imp.get(j, r);
            }
            mean[j] = s / repeats;
            double v = 0;
            for (int r = 0; r < repeats; r++) {
                double d = imp.get(j, r) - mean[j];
                v += d * d;
            }
            std[j] = Math.sqrt(v / repeats);
        }
        return new Result(baseline, imp, mean, std, scorer.name());
    }
}
