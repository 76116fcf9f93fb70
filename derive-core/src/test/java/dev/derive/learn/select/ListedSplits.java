package dev.derive.learn.select;

import dev.derive.data.CrossValidator;
import dev.derive.data.Split;
import java.util.List;

/** A cross-validator that returns the given splits, whatever the data. */
record ListedSplits(List<Split> splits) implements CrossValidator {

    static ListedSplits of(Split... s) {
        return new ListedSplits(List.of(s));
    }

    @Override
    public int numSplits() {
        return splits.size();
    }

    @Override
    public List<Split> split(int n, int[] labels, int[] groups) {
        return splits;
    }
}
