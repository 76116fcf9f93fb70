package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Split properties: disjoint, covering, sized as scikit-learn, stratified, groups intact, deterministic. */
class SplitsTest {

    private static void assertPartition(Split s, int n) {
        boolean[] seen = new boolean[n];
        for (int i : s.train()) {
            assertTrue(!seen[i], "row " + i + " twice");
            seen[i] = true;
        }
        for (int i : s.test()) {
            assertTrue(!seen[i], "row " + i + " in train and test");
            seen[i] = true;
        }
        for (int i = 0; i < n; i++) {
            assertTrue(seen[i], "row " + i + " in neither part");
        }
    }

    /** Every row is in exactly one test fold, and each train set is the complement of its test set. */
    private static void assertFolds(List<Split> folds, int n) {
        int[] inTest = new int[n];
        for (Split s : folds) {
            assertPartition(s, n);
            for (int i : s.test()) {
                inTest[i]++;
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, inTest[i], "row " + i + " test count");
        }
    }

    private static int[] sizes(List<Split> folds) {
        return folds.stream().mapToInt(Split::testSize).toArray();
    }

    private static int count(int[] labels, int[] rows, int c) {
        int k = 0;
        for (int i : rows) {
            if (labels[i] == c) {
                k++;
            }
        }
        return k;
    }

    /** Labels of 2 to 4 classes with 5 to 50 rows each, in random order. */
    @Provide
    Arbitrary<int[]> labels() {
        return Arbitraries.integers().between(5, 50).array(int[].class).ofMinSize(2).ofMaxSize(4)
                .flatMap(counts -> Arbitraries.randoms().map(r -> {
                    int n = Arrays.stream(counts).sum();
                    int[] y = new int[n];
                    int k = 0;
                    for (int c = 0; c < counts.length; c++) {
                        for (int t = 0; t < counts[c]; t++) {
                            y[k++] = c;
                        }
                    }
                    for (int i = n - 1; i > 0; i--) {
                        int j = r.nextInt(i + 1);
                        int tmp = y[i];
                        y[i] = y[j];
                        y[j] = tmp;
                    }
                    return y;
                }));
    }

    // ---------------------------------------------------------------- train/test

    @Property(tries = 200)
    void trainTestPartitionsWithSklearnSizes(@ForAll @IntRange(min = 2, max = 500) int n,
                                             @ForAll @DoubleRange(min = 0.01, max = 0.99) double f, @ForAll long seed) {
        int nTest = (int) Math.ceil(f * n);
        if (nTest >= n) {
            assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(n, f, seed));
            return;
        }
        Split s = Splits.trainTest(n, f, seed);
        assertPartition(s, n);
        assertEquals(nTest, s.testSize());
        assertEquals(s, Splits.trainTest(n, f, seed), "same seed, same split");
    }

    @Property(tries = 200)
    void stratifiedTrainTestKeepsProportionsWithinOne(@ForAll("labels") int[] y,
                                                      @ForAll @DoubleRange(min = 0.1, max = 0.5) double f, @ForAll long seed) {
        int n = y.length;
        int classes = Arrays.stream(y).max().orElseThrow() + 1;
        int nTest = (int) Math.ceil(f * n);
        if (nTest < classes) {
            assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(y, f, seed, true));
            return;
        }
        Split s = Splits.trainTest(y, f, seed, true);
        assertPartition(s, n);
        assertEquals((int) Math.ceil(f * n), s.testSize());
        for (int c = 0; c <= 3; c++) {
            int total = count(y, s.train(), c) + count(y, s.test(), c);
            double expected = (double) total * s.testSize() / n;
            assertTrue(Math.abs(count(y, s.test(), c) - expected) < 1, "class " + c + ": " + count(y, s.test(), c)
                    + " test rows, proportion " + expected);
        }
        assertEquals(s, Splits.trainTest(y, f, seed, true));
    }

    @Test
    void differentSeedsGiveDifferentSplits() {
        assertNotEquals(Splits.trainTest(100, 0.3, 1), Splits.trainTest(100, 0.3, 2));
    }

    @Test
    void trainTestErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(10, 0, 1)).getMessage()
                .contains("(0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(1, 0.5, 1)).getMessage()
                .contains("0 training and 1 test"));
        IllegalArgumentException single = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainTest(new int[] {0, 0, 0, 1}, 0.5, 1, true));
        assertTrue(single.getMessage().contains("class 1 has only 1 row"), single.getMessage());
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> Splits.trainTest(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4}, 0.2, 1, true));
        assertTrue(few.getMessage().contains("at least one row per class (5 classes)"), few.getMessage());
    }

    @Test
    void datasetSplitIsStratifiedForClassification() {
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 90 ? 0 : 1;
        }
        Dataset d = Dataset.classification(Matrix.zeros(100, 1), y);
        Split s = Splits.trainTest(d, 0.2, 9);
        assertEquals(2, count(y, s.test(), 1));
        assertEquals(20, s.testSize());
    }

    // ---------------------------------------------------------------- k-fold

    @Property(tries = 200)
    void kFoldSizesMatchSklearn(@ForAll @IntRange(min = 2, max = 12) int k, @ForAll @IntRange(min = 0, max = 200) int extra,
                                @ForAll boolean shuffle, @ForAll long seed) {
        int n = k + extra;
        List<Split> folds = new KFold(k, shuffle, seed).split(n);
        assertEquals(k, folds.size());
        assertFolds(folds, n);
        for (int f = 0; f < k; f++) {
            assertEquals(n / k + (f < n % k ? 1 : 0), folds.get(f).testSize(), "fold " + f);
        }
        assertEquals(folds, new KFold(k, shuffle, seed).split(n));
    }

    @Test
    void unshuffledKFoldIsContiguous() {
        List<Split> folds = new KFold(4).split(10);
        assertArrayEquals(new int[] {3, 3, 2, 2}, sizes(folds));
        assertArrayEquals(new int[] {0, 1, 2}, folds.get(0).test());
        assertArrayEquals(new int[] {8, 9}, folds.get(3).test());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 8, 9}, folds.get(2).train());
    }

    @Test
    void kFoldErrors() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KFold(1)).getMessage().contains(">= 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KFold(5).split(3)).getMessage()
                .contains("cannot split 3 rows into 5 folds"));
    }

    @Property(tries = 200)
    void stratifiedKFoldKeepsClassCountsWithinOne(@ForAll("labels") int[] y, @ForAll @IntRange(min = 2, max = 5) int k,
                                                  @ForAll boolean shuffle, @ForAll long seed) {
        int n = y.length;
        List<Split> folds = new StratifiedKFold(k, shuffle, seed).split(y);
        assertFolds(folds, n);
        for (int f = 0; f < k; f++) {
            assertEquals(n / k + (f < n % k ? 1 : 0), folds.get(f).testSize(), "fold sizes as sklearn");
            for (int c = 0; c <= 3; c++) {
                int total = count(y, Splits.identity(n), c);
                int inFold = count(y, folds.get(f).test(), c);
                assertTrue(inFold == total / k || inFold == (total + k - 1) / k, "class " + c + " fold " + f + ": "
                        + inFold + " of " + total);
            }
        }
        assertEquals(folds, new StratifiedKFold(k, shuffle, seed).split(y));
    }

    @Test
    void unshuffledStratifiedKFoldEqualsSklearn() {
        // scikit-learn 1.2.1: StratifiedKFold(3).split(X, [0]*7 + [1]*3) test folds
        int[] y = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1};
        List<Split> folds = new StratifiedKFold(3, false, 0).split(y);
        assertArrayEquals(new int[] {0, 1, 2, 7}, folds.get(0).test());
        assertArrayEquals(new int[] {3, 4, 8}, folds.get(1).test());
        assertArrayEquals(new int[] {5, 6, 9}, folds.get(2).test());
        // StratifiedKFold(4).split(X, y2) (sklearn warns about class 0 with 3 rows; we need allowSmallClasses)
        int[] y2 = {2, 0, 1, 2, 2, 0, 1, 2, 2, 1, 0, 2, 1};
        List<Split> f2 = new StratifiedKFold(4, false, 0, true).split(y2);
        assertArrayEquals(new int[] {0, 1, 2, 3}, f2.get(0).test());
        assertArrayEquals(new int[] {4, 6, 7}, f2.get(1).test());
        assertArrayEquals(new int[] {5, 8, 9}, f2.get(2).test());
        assertArrayEquals(new int[] {10, 11, 12}, f2.get(3).test());
    }

    @Test
    void stratifiedKFoldSmallClasses() {
        int[] y2 = {2, 0, 1, 2, 2, 0, 1, 2, 2, 1, 0, 2, 1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(4, false, 0).split(y2));
        assertTrue(e.getMessage().contains("class 0 has only 3 rows, fewer than k = 4") && e.getMessage().contains("allowSmallClasses"),
                e.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> new StratifiedKFold(7, false, 0, true).split(y2));
        assertTrue(all.getMessage().contains("every class"), all.getMessage());
        Dataset reg = Dataset.regression(Matrix.zeros(13, 1), new double[13]);
        assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(3, false, 0).split(reg));
    }

    @Property(tries = 200)
    void groupKFoldNeverSplitsAGroup(@ForAll("groupIds") int[] groups, @ForAll @IntRange(min = 2, max = 4) int k) {
        Set<Integer> distinct = new HashSet<>();
        for (int g : groups) {
            distinct.add(g);
        }
        if (distinct.size() < k) {
            assertThrows(IllegalArgumentException.class, () -> new GroupKFold(k).split(groups));
            return;
        }
        List<Split> folds = new GroupKFold(k).split(groups);
        assertFolds(folds, groups.length);
        Map<Integer, Integer> foldOf = new HashMap<>();
        for (int f = 0; f < k; f++) {
            for (int i : folds.get(f).test()) {
                Integer prev = foldOf.put(groups[i], f);
                assertTrue(prev == null || prev == f, "group " + groups[i] + " in folds " + prev + " and " + f);
            }
            assertTrue(folds.get(f).testSize() > 0);
        }
    }

    @Provide
    Arbitrary<int[]> groupIds() {
        return Arbitraries.integers().between(0, 9).array(int[].class).ofMinSize(4).ofMaxSize(80);
    }

    @Test
    void groupKFoldEqualsSklearn() {
        // scikit-learn 1.2.1: GroupKFold(3).split(X, groups=g) test folds
        int[] g = {5, 5, 5, 1, 1, 2, 3, 3, 3, 3, 4, 9};
        List<Split> folds = new GroupKFold(3).split(g);
        assertArrayEquals(new int[] {6, 7, 8, 9}, folds.get(0).test());
        assertArrayEquals(new int[] {0, 1, 2, 10}, folds.get(1).test());
        assertArrayEquals(new int[] {3, 4, 5, 11}, folds.get(2).test());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GroupKFold(3).split(new int[] {1, 1, 2}))
                .getMessage().contains("2 distinct groups into 3 folds"));
    }

    @Test
    void repeatedSchemes() {
        List<Split> r = new RepeatedKFold(5, 3, 11).split(23);
        assertEquals(15, r.size());
        for (int rep = 0; rep < 3; rep++) {
            assertFolds(r.subList(rep * 5, rep * 5 + 5), 23);
            assertArrayEquals(new int[] {5, 5, 5, 4, 4}, sizes(r.subList(rep * 5, rep * 5 + 5)));
        }
        assertNotEquals(r.subList(0, 5), r.subList(5, 10), "repetitions shuffle differently");
        assertEquals(r, new RepeatedKFold(5, 3, 11).split(23));

        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i % 4 == 0 ? 1 : 0;
        }
        List<Split> s = new RepeatedStratifiedKFold(5, 2, 3).split(y);
        assertEquals(10, s.size());
        for (Split sp : s) {
            assertEquals(2, count(y, sp.test(), 1));
        }
        assertFolds(s.subList(5, 10), 40);
        assertEquals(s, new RepeatedStratifiedKFold(5, 2, 3).split(y));
        assertThrows(IllegalArgumentException.class, () -> new RepeatedKFold(5, 0, 1));
    }

    @Test
    void crossValidatorInterface() {
        int[] y = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1};
        Dataset d = Dataset.classification(Matrix.zeros(10, 2), y);
        for (CrossValidator cv : List.<CrossValidator>of(new KFold(5, true, 1), new StratifiedKFold(5, true, 1),
                new RepeatedKFold(2, 2, 1), new RepeatedStratifiedKFold(5, 2, 1))) {
            List<Split> folds = cv.split(d);
            assertEquals(cv.numSplits(), folds.size(), cv.toString());
            assertEquals(folds, cv.split(10, y, null));
        }
        assertEquals(2, new GroupKFold(2).split(4, null, new int[] {1, 1, 2, 2}).size());
        assertThrows(IllegalArgumentException.class, () -> new GroupKFold(2).split(4, null, null));
        assertThrows(IllegalArgumentException.class, () -> new StratifiedKFold(2, false, 0).split(5, y, null));
    }

    @Test
    void splitRecordCopiesArrays() {
        int[] train = {0, 1};
        Split s = new Split(train, new int[] {2});
        train[0] = 9;
        assertEquals(0, s.train()[0]);
        s.train()[1] = 9;
        assertEquals(1, s.train()[1]);
    }
}
