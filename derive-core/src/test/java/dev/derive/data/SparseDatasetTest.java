package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.learn.SparseBlocks;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Dataset} holding sparse (CSR) features: every method against the same data held densely. */
class SparseDatasetTest {

    static SparseMatrix random(int n, int p, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Matrix d = Matrix.zeros(n, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (r.nextDouble() < density) {
                    d.set(i, j, r.nextInt(1, 5) * 0.5);
                }
            }
        }
        return SparseMatrix.fromDense(d);
    }

    @Test
    void sparseFactoriesKeepCsrAndDensifyOnDemand() {
        SparseMatrix x = random(30, 7, 0.3, 1);
        double[] y = new double[30];
        for (int i = 0; i < y.length; i++) {
            y[i] = i * 0.25;
        }
        Dataset s = Dataset.regression(x, y);
        assertTrue(s.isSparse());
        assertSame(x, s.sparseFeatures());
        assertEquals(30, s.size());
        assertEquals(7, s.featureCount());
        assertEquals(List.of("x0", "x1", "x2", "x3", "x4", "x5", "x6"), s.featureNames());
        Matrix dense = s.features();
        assertArrayEquals(x.toDense().toArray(), dense.toArray(), 0.0);
        assertSame(dense, s.features(), "the dense form is built once and cached");
        Dataset d = Dataset.regression(x.toDense(), y);
        assertFalse(d.isSparse());
        IllegalStateException e = assertThrows(IllegalStateException.class, d::sparseFeatures);
        assertTrue(e.getMessage().contains("dense"), e.getMessage());
        assertTrue(s.toString().contains("sparse"), s.toString());
    }

    @Test
    void classificationAndUnlabeled() {
        SparseMatrix x = random(12, 4, 0.5, 2);
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        Dataset c = Dataset.classification(x, labels);
        assertEquals(List.of("0", "1", "2"), c.classes());
        assertArrayEquals(labels, c.labels());
        Dataset named = Dataset.classification(x, labels, List.of("a", "b", "c"));
        assertEquals(List.of("a", "b", "c"), named.classes());
        assertEquals(Dataset.Task.UNSUPERVISED, Dataset.unlabeled(x).task());
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(x, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification(x, labels, List.of("a", "b")));
    }

    @Test
    void subsetWeightsAndRenamesStaySparseAndMatchDense() {
        SparseMatrix x = random(20, 5, 0.4, 3);
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            y[i] = i;
        }
        Dataset s = Dataset.regression(x, y);
        Dataset d = Dataset.regression(x.toDense(), y);
        int[] rows = {5, 0, 19, 5, 7};
        Dataset ss = s.subset(rows);
        assertTrue(ss.isSparse());
        assertArrayEquals(d.subset(rows).features().toArray(), ss.features().toArray(), 0.0);
        assertArrayEquals(d.subset(rows).target(), ss.target(), 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> s.subset(new int[] {20}));
        double[] w = new double[20];
        java.util.Arrays.fill(w, 2.0);
        Dataset sw = s.withWeights(w);
        assertTrue(sw.isSparse());
        assertArrayEquals(w, sw.weights(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> s.withWeights(new double[3]));
        Dataset renamed = s.withFeatureNames(List.of("a", "b", "c", "d", "e")).withTargetName("t");
        assertTrue(renamed.isSparse());
        assertEquals("t", renamed.targetName());
        assertEquals(List.of("a", "b", "c", "d", "e"), renamed.featureNames());
        assertThrows(IllegalArgumentException.class, () -> s.withFeatureNames(List.of("a")));
        Dataset replaced = s.withFeatureMatrix(random(20, 2, 0.5, 9), List.of(Dataset.Feature.numeric("u"), Dataset.Feature.numeric("v")));
        assertTrue(replaced.isSparse());
        assertEquals(2, replaced.featureCount());
    }

    @Test
    void sha256HashesSparseContentDeterministically() {
        SparseMatrix x = random(15, 6, 0.3, 4);
        double[] y = new double[15];
        Dataset a = Dataset.regression(x, y);
        Dataset b = Dataset.regression(SparseMatrix.ofCsr(15, 6, x.rowPointers(), x.columnIndices(), x.values()), y);
        assertEquals(a.sha256(), b.sha256(), "equal content, equal digest");
        // the same content with an explicitly stored zero
        int[] ptr = x.rowPointers();
        int[] ci = x.columnIndices();
        double[] v = x.values();
        int row0 = ptr[1] - ptr[0];
        assertTrue(row0 < 6, "row 0 has a free column");
        int free = 0;
        for (int k = ptr[0]; k < ptr[1] && ci[k] == free; k++) {
            free++;
        }
        int[] ci2 = new int[ci.length + 1];
        double[] v2 = new double[v.length + 1];
        int[] ptr2 = ptr.clone();
        int q = 0;
        boolean put = false;
        for (int k = 0; k < ci.length; k++) {
            if (!put && k >= ptr[0] && (k == ptr[1] || ci[k] > free)) {
                ci2[q] = free;
                v2[q++] = 0.0;
                put = true;
            }
            ci2[q] = ci[k];
            v2[q++] = v[k];
        }
        if (!put) {
            throw new AssertionError("setup");
        }
        for (int r = 1; r < ptr2.length; r++) {
            ptr2[r]++;
        }
        Dataset withZero = Dataset.regression(SparseMatrix.ofCsr(15, 6, ptr2, ci2, v2), y);
        assertEquals(a.sha256(), withZero.sha256(), "an explicitly stored zero does not change the digest");
        double[] v3 = x.values();
        v3[0] += 1;
        Dataset changed = Dataset.regression(SparseMatrix.ofCsr(15, 6, x.rowPointers(), x.columnIndices(), v3), y);
        assertNotEquals(a.sha256(), changed.sha256());
        double[] w = new double[15];
        java.util.Arrays.fill(w, 1.0);
        assertNotEquals(a.sha256(), a.withWeights(w).sha256(), "weights are part of the digest");
        assertEquals(a.sha256(), a.subset(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}).sha256());
    }

    @Test
    void requireFiniteFeaturesNamesTheSparseEntry() {
        SparseMatrix x = SparseMatrix.fromTriplets(3, 3, new int[] {0, 2}, new int[] {1, 2}, new double[] {1.0, Double.NaN});
        Dataset s = Dataset.regression(x, new double[3]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.requireFiniteFeatures("lasso"));
        assertTrue(e.getMessage().contains("'x2'") && e.getMessage().contains("row 2"), e.getMessage());
    }

    @Test
    void densifyingAHugeSparseMatrixIsRefusedWithItsSize() {
        SparseMatrix x = SparseMatrix.fromTriplets(100_000, 50_000, new int[] {0, 99_999}, new int[] {3, 49_999}, new double[] {1, 2});
        Dataset s = Dataset.regression(x, new double[100_000]);
        assertEquals(2, s.sparseFeatures().nnz());
        TooLargeToDensifyException e = assertThrows(TooLargeToDensifyException.class, s::features);
        assertTrue(e.getMessage().contains("100000 x 50000") && e.getMessage().contains("5000000000 entries"), e.getMessage());
        // everything that does not need the dense matrix still works
        assertEquals(64, s.sha256().length());
        assertEquals(2, s.subset(new int[] {0, 99_999}).size());
    }

    @Test
    void blocksCoverEveryRowOnce() {
        SparseMatrix x = random(50, 3, 0.5, 5);
        Matrix all = Matrix.zeros(50, 3);
        int[] calls = {0};
        SparseBlocks.forEachBlock(x, (from, block) -> {
            calls[0]++;
            all.block(from, 0, block.rows(), 3).assign(block);
        });
        assertEquals(1, calls[0]);
        assertArrayEquals(x.toDense().toArray(), all.toArray(), 0.0);
        assertEquals(1, SparseBlocks.rowsPerBlock(1 << 21));
        Matrix sel = x.selectRows(new int[] {3, 3, 0}).toDense();
        Matrix dense = x.toDense();
        int[] src = {3, 3, 0};
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(dense.get(src[r], j), sel.get(r, j), 0.0);
            }
        }
        assertArrayEquals(new double[0], x.toDense(4, 4).toArray(), 0.0);
    }
}
