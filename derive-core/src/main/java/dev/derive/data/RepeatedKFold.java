package dev.derive.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Shuffled {@link KFold} repeated {@code repeats} times with different shuffles; the shuffle seeds of
 * the repetitions are successive outputs of SplitMix64 started at {@code seed}. Produces
 * {@code k * repeats} splits, repetition by repetition.
 *
 * @param k       number of folds, at least 2
 * @param repeats number of repetitions, at least 1
 * @param seed    master seed
 */
public record RepeatedKFold(int k, int repeats, long seed) implements CrossValidator {

    /** Validates the parameters. */
    public RepeatedKFold {
        Splits.checkK(k);
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1, got " + repeats);
        }
    }

    @Override
    public int numSplits() {
        return k * repeats;
    }

    /** The {@code k * repeats} splits of rows {@code 0..n-1}. */
    public List<Split> split(int n) {
        SplitMix64 seeds = new SplitMix64(seed);
        List<Split> out = new ArrayList<>(numSplits());
        for (int r = 0; r < repeats; r++) {
            out.addAll(new KFold(k, true, seeds.nextLong()).split(n));
        }
        return out;
    }

    @Override
    public List<Split> split(int n, int[] labels, int[] groups) {
        return split(n);
    }
}
