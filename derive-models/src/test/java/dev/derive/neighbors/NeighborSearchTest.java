package dev.derive.neighbors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class NeighborSearchTest {

    /** The definition: sort all rows by (exact distance, index). */
    static int[] naive(Matrix x, double[] q, int k) {
        double[] d2 = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            double s = 0;
            for (int j = 0; j < x.cols(); j++) {
                double t = x.get(i, j) - q[j];
                s += t * t;
            }
            d2[i] = s;
        }
        return IntStream.range(0, x.rows()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> d2[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** Data on a coarse grid, so that many points coincide and many distances tie (as in iris). */
    static Matrix gridData(int n, int d, SplittableRandom rng) {
        Matrix m = Matrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m.set(i, j, rng.nextInt(5) * 0.1);
            }
        }
        return m;
    }

    private static void assertAgrees(Matrix x, Matrix q, int k, NeighborIndex index) {
        Neighbors nb = index.query(q, k);
        for (int r = 0; r < q.rows(); r++) {
            int[] expect = naive(x, q.rowArray(r), k);
            assertArrayEquals(expect, nb.indices()[r], "query " + r + " with " + index.getClass().getSimpleName());
            for (int t = 0; t < k; t++) {
                double s = 0;
                for (int j = 0; j < x.cols(); j++) {
                    double v = x.get(expect[t], j) - q.get(r, j);
                    s += v * v;
                }
                assertEquals(Math.sqrt(s), nb.distances()[r][t], 0.0);
            }
        }
    }

    @Test
    void kdTreeAndBruteForceEqualTheDefinitionWithManyTies() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int d : new int[] {1, 2, 4, 7}) {
            Matrix x = gridData(400, d, rng);
            Matrix q = gridData(150, d, rng);
            for (int k : new int[] {1, 5, 17}) {
                assertAgrees(x, q, k, KDTree.build(x, 8));
                assertAgrees(x, q, k, KDTree.build(x, 1));
                assertAgrees(x, q, k, BruteForceSearch.build(x));
            }
        }
    }

    @Property(tries = 30)
    void randomDataAgree(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 20) int d,
                         @ForAll @IntRange(min = 1, max = 10) int k, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix x = Matrix.randn(n, d, rng);
        Matrix q = Matrix.randn(20, d, rng);
        int kk = Math.min(k, n);
        assertAgrees(x, q, kk, KDTree.build(x, 5));
        assertAgrees(x, q, kk, BruteForceSearch.build(x));
    }

    @Test
    void largeQueryBatchesRunInParallelWithTheSameAnswer() {
        SplittableRandom rng = new SplittableRandom(2);
        Matrix x = Matrix.randn(3000, 3, rng);
        Matrix q = Matrix.randn(700, 3, rng);
        Neighbors a = KDTree.build(x, 30).query(q, 4);
        Neighbors b = BruteForceSearch.build(x).query(q, 4);
        for (int r = 0; r < q.rows(); r++) {
            assertArrayEquals(a.indices()[r], b.indices()[r]);
            assertArrayEquals(a.distances()[r], b.distances()[r], 1e-12);
        }
        assertArrayEquals(naive(x, q.rowArray(699), 4), a.indices()[699]);
    }

    @Test
    void selfQueryFindsItselfFirst() {
        Matrix x = Matrix.randn(100, 3, new SplittableRandom(4));
        Neighbors nb = NeighborIndex.build(x).query(x, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, nb.indices()[i][0]);
            assertEquals(0, nb.distances()[i][0]);
        }
    }

    @Test
    void badInputIsRejectedClearly() {
        Matrix x = Matrix.randn(10, 3, new SplittableRandom(1));
        KDTree t = KDTree.build(x, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.query(Matrix.zeros(2, 4), 1));
        assertTrue(e.getMessage().contains("4 columns") && e.getMessage().contains("3-dimensional"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> t.query(Matrix.zeros(2, 3), 11));
        assertTrue(e.getMessage().contains("k = 11") && e.getMessage().contains("[1, 10]"), e.getMessage());
        Matrix bad = x.copy();
        bad.set(4, 2, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> KDTree.build(bad, 2));
        assertTrue(e.getMessage().contains("row 4, column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BruteForceSearch.build(Matrix.zeros(0, 3)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KDTree.build(x, 0));
        assertTrue(Arrays.stream(t.query(x, 10).indices()).allMatch(r -> r.length == 10));
    }
}
