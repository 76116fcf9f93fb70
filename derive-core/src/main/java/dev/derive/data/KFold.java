package dev.derive.data;

import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation: the rows are cut into {@code k} consecutive folds (after a seeded shuffle
 * when {@code shuffle}); each fold is the test set once. Fold sizes match scikit-learn's {@code KFold}:
 * the first {@code n % k} folds have {@code n / k + 1} rows, the others {@code n / k}. Train and test
 * indices are ascending.
 *
 * @param k       number of folds, at least 2
 * @param shuffle whether to shuffle the rows before cutting them into folds
 * @param seed    the shuffle's seed (unused without shuffling)
 */
public record KFold(int k, boolean shuffle, long seed) implements CrossValidator {

    /** Validates {@code k}. */
    public KFold {
        Splits.checkK(k);
    }

    /** Unshuffled k-fold. */
    public KFold(int k) {
        this(k, false, 0);
    }

    @Override
    public int numSplits() {
        return k;
    }

    /** The {@code k} splits of rows {@code 0..n-1}; needs {@code n >= k}. */
    public List<Split> split(int n) {
        if (n < k) {
            throw new IllegalArgumentException("cannot split " + n + " rows into " + k + " folds (k must be <= n)");
        }
        int[] order = Splits.identity(n);
        if (shuffle) {
            new SplitMix64(seed).shuffle(order);
        }
        int[] fold = new int[n];
        int[] sizes = new int[k];
        int pos = 0;
        for (int f = 0; f < k; f++) {
            sizes[f] = n / k + (f < n % k ? 1 : 0);
            for (int t = 0; t < sizes[f]; t++) {
                fold[order[pos++]] = f;
            }
        }
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            out.add(Splits.fromFolds(fold, f, sizes[f]));
        }
        return out;
    }

    @Override
    public List<Split> split(int n, int[] labels, int[] groups) {
        return split(n);
    }
}
