package dev.derive.learn.select;

import dev.derive.data.CrossValidator;
import dev.derive.data.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A cross-validator that returns exactly the folds given by a fold index per row (as scikit-learn's
 * KFold/StratifiedKFold wrote them into the fixture): the test part of fold {@code f} is the rows with
 * {@code fold[i] == f}, the training part every other row, both ascending.
 */
record FixedFolds(int[] fold) implements CrossValidator {

    static FixedFolds of(double[] fold) {
        return new FixedFolds(IntStream.range(0, fold.length).map(i -> (int) fold[i]).toArray());
    }

    @Override
    public int numSplits() {
        return IntStream.of(fold).max().orElse(-1) + 1;
    }

    @Override
    public List<Split> split(int n, int[] labels, int[] groups) {
        if (n != fold.length) {
            throw new IllegalArgumentException("these folds are for " + fold.length + " rows, not " + n);
        }
        List<Split> out = new ArrayList<>();
        for (int f = 0; f < numSplits(); f++) {
            int ff = f;
            out.add(new Split(IntStream.range(0, n).filter(i -> fold[i] != ff).toArray(),
                    IntStream.range(0, n).filter(i -> fold[i] == ff).toArray()));
        }
        return out;
    }
}
