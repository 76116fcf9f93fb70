package dev.derive.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Shuffled {@link StratifiedKFold} repeated {@code repeats} times with different shuffles; the shuffle
 * seeds of the repetitions are successive outputs of SplitMix64 started at {@code seed}. Produces
 * {@code k * repeats} splits, repetition by repetition.
 *
 * @param k                 number of folds, at least 2
 * @param repeats           number of repetitions, at least 1
 * @param seed              master seed
 * @param allowSmallClasses as in {@link StratifiedKFold}
 */
public record RepeatedStratifiedKFold(int k, int repeats, long seed, boolean allowSmallClasses) implements CrossValidator {

    /** Validates the parameters. */
    public RepeatedStratifiedKFold {
        Splits.checkK(k);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
    }

    /** Refuses classes smaller than {@code k}. */
    public RepeatedStratifiedKFold(int k, int repeats, long seed) {
        this(k, repeats, seed, false);
    }

    @Override
    public int numSplits() {
        return k * repeats;
    }

    /** The {@code k * repeats} stratified splits of rows with these class labels. */
    public List<Split> split(int[] labels) {
        SplitMix64 seeds = new SplitMix64(seed);
        List<Split> out = new ArrayList<>(numSplits());
        for (int r = 0; r < repeats; r++) {
            out.addAll(new StratifiedKFold(k, true, seeds.nextLong(), allowSmallClasses).split(labels));
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
