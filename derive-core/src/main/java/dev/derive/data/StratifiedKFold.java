package dev.derive.data;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Stratified k-fold cross-validation: every fold keeps each class's proportion within one row, and
 * fold sizes match scikit-learn's {@code StratifiedKFold} (the first {@code n % k} folds have one row
 * more). The allocation follows scikit-learn's method: with rows sorted by class (classes in order of
 * first appearance), row {@code t} of that order counts towards fold {@code t mod k}, which fixes how
 * many rows of each class each fold gets; the rows of a class are then dealt out in index order, or in
 * a seeded random order when {@code shuffle}.
 *
 * <p>A class with fewer than {@code k} rows cannot appear in every test fold. scikit-learn warns; here
 * it is an error unless {@code allowSmallClasses} is set, in which case a warning is logged
 * ({@code java.util.logging}, logger {@code dev.derive.data}) and such classes are missing from some
 * folds. When every class is smaller than {@code k} it is always an error.
 *
 * @param k                 number of folds, at least 2
 * @param shuffle           whether to shuffle the rows within each class
 * @param seed              the shuffle's seed (unused without shuffling)
 * @param allowSmallClasses whether a class with fewer than {@code k} rows is allowed
 */
public record StratifiedKFold(int k, boolean shuffle, long seed, boolean allowSmallClasses) implements CrossValidator {

    private static final Logger LOG = Logger.getLogger("dev.derive.data");

    /** Validates {@code k}. */
    public StratifiedKFold {
        Splits.checkK(k);
    }

    /** Stratified k-fold that refuses classes smaller than {@code k}. */
    public StratifiedKFold(int k, boolean shuffle, long seed) {
        this(k, shuffle, seed, false);
    }

    @Override
    public int numSplits() {
        return k;
    }

    /** The {@code k} stratified splits of rows with these class labels (any int values). */
    public List<Split> split(int[] labels) {
        int n = labels.length;
        if (n < k) {
            throw new IllegalArgumentException("cannot split " + n + " rows into " + k + " folds (k must be <= n)");
        }
        Splits.Encoded e = Splits.encode(labels);
        int c = e.counts().length;
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        int smallClass = 0;
        for (int j = 0; j < c; j++) {
            if (e.counts()[j] < smallest) {
                smallest = e.counts()[j];
                smallClass = e.classes()[j];
            }
            largest = Math.max(largest, e.counts()[j]);
        }
        if (largest < k) {
            throw new IllegalArgumentException("k = " + k + " folds is more than the number of rows in every class"
                    + " (largest class: " + largest + " rows)");
        }
        if (smallest < k) {
            String msg = "class " + smallClass + " has only " + smallest + " rows, fewer than k = " + k
                    + " folds, so some test folds will lack it";
            if (!allowSmallClasses) {
                throw new IllegalArgumentException(msg + "; use fewer folds, or allowSmallClasses = true to accept this");
            }
            LOG.warning(msg);
        }
        // allocation[f][j]: rows of class j in fold f, from dealing the class-sorted rows round-robin
        int[][] allocation = new int[k][c];
        int t = 0;
        for (int j = 0; j < c; j++) {
            for (int r = 0; r < e.counts()[j]; r++) {
                allocation[t % k][j]++;
                t++;
            }
        }
        SplitMix64 rng = new SplitMix64(seed);
        int[][] members = Splits.members(e, c);
        int[] fold = new int[n];
        for (int j = 0; j < c; j++) {
            int[] assign = new int[e.counts()[j]];
            int pos = 0;
            for (int f = 0; f < k; f++) {
                for (int r = 0; r < allocation[f][j]; r++) {
                    assign[pos++] = f;
                }
            }
            if (shuffle) {
                rng.shuffle(assign);
            }
            for (int r = 0; r < assign.length; r++) {
                fold[members[j][r]] = assign[r];
            }
        }
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int size = 0;
            for (int j = 0; j < c; j++) {
                size += allocation[f][j];
            }
            out.add(Splits.fromFolds(fold, f, size));
        }
        return out;
    }

    @Override
    public List<Split> split(int n, int[] labels, int[] groups) {
        Splits.checkLength(n, labels, "class labels");
        return split(labels);
    }

    @Override
    public List<Split> split(Dataset data) {
        if (data.task() != Dataset.Task.CLASSIFICATION) {
            throw new IllegalArgumentException("stratified folds need class labels, but the dataset's task is " + data.task());
        }
        return split(data.labels());
    }
}
