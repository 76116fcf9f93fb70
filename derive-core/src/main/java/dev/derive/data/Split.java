package dev.derive.data;

import java.util.Arrays;

/**
 * One train/test split: row indices for training and for testing, disjoint. The arrays are copied in
 * and out, so a split cannot be changed after construction.
 */
public record Split(int[] train, int[] test) {

    /** Copies the arrays. */
    public Split {
        train = train.clone();
        test = test.clone();
    }

    /** The training row indices (a copy). */
    @Override
    public int[] train() {
        return train.clone();
    }

    /** The test row indices (a copy). */
    @Override
    public int[] test() {
        return test.clone();
    }

    /** Number of training rows. */
    public int trainSize() {
        return train.length;
    }

    /** Number of test rows. */
    public int testSize() {
        return test.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(s.train, train) && Arrays.equals(s.test, test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split(train " + train.length + " rows, test " + test.length + " rows)";
    }
}
