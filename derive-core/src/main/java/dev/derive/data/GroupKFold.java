package dev.derive.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * K-fold cross-validation that never splits a group: all rows with the same group id land in the same
 * test fold. As scikit-learn's {@code GroupKFold}, groups are taken from largest to smallest (ties: the
 * group that appears first) and each goes to the fold with the fewest rows so far (ties: the lowest
 * fold), which balances fold sizes. Deterministic; no shuffling.
 *
 * @param k number of folds, at least 2 and at most the number of distinct groups
 */
public record GroupKFold(int k) implements CrossValidator {

    /** Validates {@code k}. */
    public GroupKFold {
        Splits.checkK(k);
    }

    @Override
    public int numSplits() {
        return k;
    }

    /** The {@code k} splits of rows with these group ids. */
    public List<Split> split(int[] groups) {
        int n = groups.length;
        Splits.Encoded e = Splits.encode(groups);
        int g = e.counts().length;
        if (k > g) {
            throw new IllegalArgumentException("cannot split " + g + " distinct groups into " + k
                    + " folds (k must be <= the number of groups)");
        }
        Integer[] order = new Integer[g];
        for (int j = 0; j < g; j++) {
            order[j] = j;
        }
        int[] counts = e.counts();
        Arrays.sort(order, Comparator.<Integer>comparingInt(j -> -counts[j]).thenComparingInt(j -> j));
        int[] foldOfGroup = new int[g];
        int[] size = new int[k];
        for (int j : order) {
            int best = 0;
            for (int f = 1; f < k; f++) {
                if (size[f] < size[best]) {
                    best = f;
                }
            }
            foldOfGroup[j] = best;
            size[best] += counts[j];
        }
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[i] = foldOfGroup[e.codes()[i]];
        }
        List<Split> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            out.add(Splits.fromFolds(fold, f, size[f]));
        }
        return out;
    }

    @Override
    public List<Split> split(int n, int[] labels, int[] groups) {
        Splits.checkLength(n, groups, "group ids");
        return split(groups);
    }

    @Override
    public List<Split> split(Dataset data) {
        throw new IllegalArgumentException("GroupKFold needs group ids: call split(groups) or split(n, labels, groups)");
    }
}
