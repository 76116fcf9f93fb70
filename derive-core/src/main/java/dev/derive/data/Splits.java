package dev.derive.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeded train/test splits. Sizes follow scikit-learn's {@code train_test_split}: the test set has
 * {@code ceil(testFraction * n)} rows and the training set the rest; both are returned in random
 * order. A stratified split gives each class a share of the test set within one row of its proportion
 * (largest-remainder apportionment, ties broken at random), as scikit-learn's
 * {@code StratifiedShuffleSplit}. The same seed always gives the same split (the generator is
 * SplitMix64, independent of the JDK); the indices differ from scikit-learn's, whose generator differs.
 *
 * <p>For k-fold schemes see {@link KFold}, {@link StratifiedKFold}, {@link GroupKFold},
 * {@link RepeatedKFold} and {@link RepeatedStratifiedKFold}.
 */
public final class Splits {

    private Splits() {
    }

    /** A random split of rows {@code 0..n-1} with {@code ceil(testFraction * n)} test rows. */
    public static Split trainTest(int n, double testFraction, long seed) {
        int nTest = testCount(n, testFraction);
        int[] perm = identity(n);
        new SplitMix64(seed).shuffle(perm);
        return new Split(Arrays.copyOfRange(perm, nTest, n), Arrays.copyOf(perm, nTest));
    }

    /**
     * A random split of {@code labels.length} rows; when {@code stratified}, each class keeps its
     * proportion in both parts (within one row). Stratification needs at least two rows per class and
     * at least as many rows as classes in each part.
     */
    public static Split trainTest(int[] labels, double testFraction, long seed, boolean stratified) {
        if (!stratified) {
            return trainTest(labels.length, testFraction, seed);
        }
        int n = labels.length;
        int nTest = testCount(n, testFraction);
        int nTrain = n - nTest;
        Encoded e = encode(labels);
        int c = e.counts.length;
        for (int k = 0; k < c; k++) {
            if (e.counts[k] < 2) {
                throw new IllegalArgumentException("class " + e.classes[k] + " has only " + e.counts[k]
                        + " row; a stratified split needs at least 2 rows in every class");
            }
        }
        if (nTest < c || nTrain < c) {
            throw new IllegalArgumentException("a stratified split of " + n + " rows with testFraction " + testFraction
                    + " gives " + nTrain + " training and " + nTest + " test rows, but each part needs at least one row per class ("
                    + c + " classes)");
        }
        SplitMix64 rng = new SplitMix64(seed);
        int[] trainPer = apportion(e.counts, nTrain, rng);
        int[][] members = members(e, c);
        int[] train = new int[nTrain];
        int[] test = new int[nTest];
        int a = 0;
        int b = 0;
        for (int k = 0; k < c; k++) {
            int[] m = members[k];
            rng.shuffle(m);
            for (int t = 0; t < m.length; t++) {
                if (t < trainPer[k]) {
                    train[a++] = m[t];
                } else {
                    test[b++] = m[t];
                }
            }
        }
        rng.shuffle(train);
        rng.shuffle(test);
        return new Split(train, test);
    }

    /** A split of a dataset's rows: stratified by class for classification, plain otherwise. */
    public static Split trainTest(Dataset data, double testFraction, long seed) {
        return data.task() == Dataset.Task.CLASSIFICATION ? trainTest(data.labels(), testFraction, seed, true)
                : trainTest(data.size(), testFraction, seed);
    }

    static int testCount(int n, double testFraction) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        }
        int nTest = (int) Math.ceil(testFraction * n);
        if (nTest < 1 || n - nTest < 1) {
            throw new IllegalArgumentException("testFraction " + testFraction + " of " + n + " rows leaves "
                    + (n - nTest) + " training and " + nTest + " test rows; both must be at least 1");
        }
        return nTest;
    }

    /**
     * Splits {@code draws} among classes in proportion to {@code counts}: each class gets the floor of
     * its share, and the remaining draws go to the largest fractional remainders, ties at random.
     */
    static int[] apportion(int[] counts, int draws, SplitMix64 rng) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        int k = counts.length;
        int[] out = new int[k];
        double[] rem = new double[k];
        int given = 0;
        for (int i = 0; i < k; i++) {
            double share = (double) counts[i] * draws / total;
            out[i] = (int) Math.floor(share);
            rem[i] = share - out[i];
            given += out[i];
        }
        int need = draws - given;
        double[] values = Arrays.stream(rem).filter(r -> r > 0).distinct().sorted().toArray();
        for (int v = values.length - 1; v >= 0 && need > 0; v--) {
            List<Integer> tied = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (rem[i] == values[v]) {
                    tied.add(i);
                }
            }
            int[] t = tied.stream().mapToInt(Integer::intValue).toArray();
            rng.shuffle(t);
            for (int a = 0; a < t.length && need > 0; a++) {
                out[t[a]]++;
                need--;
            }
        }
        return out;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Labels re-coded 0..c-1 in order of first appearance, with the original values and counts. */
    record Encoded(int[] codes, int[] classes, int[] counts) {
    }

    static Encoded encode(int[] labels) {
        Map<Integer, Integer> idx = new HashMap<>();
        List<Integer> classes = new ArrayList<>();
        int[] codes = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Integer c = idx.get(labels[i]);
            if (c == null) {
                c = classes.size();
                idx.put(labels[i], c);
                classes.add(labels[i]);
            }
            codes[i] = c;
        }
        int[] counts = new int[classes.size()];
        for (int c : codes) {
            counts[c]++;
        }
        return new Encoded(codes, classes.stream().mapToInt(Integer::intValue).toArray(), counts);
    }

    /** Row indices of each class, ascending. */
    static int[][] members(Encoded e, int c) {
        int[][] m = new int[c][];
        int[] fill = new int[c];
        for (int k = 0; k < c; k++) {
            m[k] = new int[e.counts[k]];
        }
        for (int i = 0; i < e.codes.length; i++) {
            int k = e.codes[i];
            m[k][fill[k]++] = i;
        }
        return m;
    }

    /** The split whose test rows are those with {@code fold[i] == f}, both parts ascending. */
    static Split fromFolds(int[] fold, int f, int testSize) {
        int n = fold.length;
        int[] test = new int[testSize];
        int[] train = new int[n - testSize];
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            if (fold[i] == f) {
                test[b++] = i;
            } else {
                train[a++] = i;
            }
        }
        return new Split(train, test);
    }

    static void checkK(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k (number of folds) must be >= 2, got " + k);
        }
    }

    static void checkLength(int n, int[] a, String what) {
        if (a == null) {
            throw new IllegalArgumentException("this scheme needs " + what + " (one per row)");
        }
        if (a.length != n) {
            throw new IllegalArgumentException(what + " has " + a.length + " entries but n = " + n);
        }
    }
}
