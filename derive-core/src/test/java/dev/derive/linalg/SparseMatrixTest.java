package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.runtime.Parallelism;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SparseMatrixTest {

    @Test
    void fromTripletsSumsDuplicatesDropsZerosAndSorts() {
        //   [ 0  5  0 ]
        //   [ 1  0  0 ]     (row 2 is empty; (1, 2) sums to zero; (0, 0) is an explicit zero)
        //   [ 0  0  0 ]
        //   [ 3  0  7 ]
        SparseMatrix s = SparseMatrix.fromTriplets(4, 3,
                new int[]{3, 0, 1, 3, 1, 0, 1, 0},
                new int[]{2, 1, 0, 0, 2, 1, 2, 0},
                new double[]{7, 2, 1, 3, 4, 3, -4, 0});
        assertEquals(4, s.rows());
        assertEquals(3, s.cols());
        assertEquals(4, s.nnz());
        assertArrayEquals(new int[]{0, 1, 2, 2, 4}, s.rowPointers());
        assertArrayEquals(new int[]{1, 0, 0, 2}, s.columnIndices());
        assertArrayEquals(new double[]{5, 1, 3, 7}, s.values());
        assertEquals(5.0, s.get(0, 1));
        assertEquals(0.0, s.get(1, 2));
        assertEquals(0.0, s.get(2, 1));
        Matrix dense = Matrix.of(new double[]{0, 5, 0}, new double[]{1, 0, 0}, new double[]{0, 0, 0},
                new double[]{3, 0, 7});
        assertEquals(0.0, s.toDense().maxAbsDiff(dense));
        assertEquals(0.0, SparseMatrix.fromDense(dense).toDense().maxAbsDiff(dense));
        assertEquals(0.0, s.transpose().toDense().maxAbsDiff(dense.transpose()));
        assertEquals(0, s.rowNnz(2));
        SparseMatrix.Row r3 = s.row(3);
        assertEquals(3, r3.index());
        assertArrayEquals(new int[]{0, 2}, r3.columns());
        assertArrayEquals(new double[]{3, 7}, r3.values());
        List<String> seen = new ArrayList<>();
        s.forEachNonZero((i, j, v) -> seen.add(i + "," + j + "=" + v));
        assertEquals(List.of("0,1=5.0", "1,0=1.0", "3,0=3.0", "3,2=7.0"), seen);
        List<String> row = new ArrayList<>();
        s.forEachInRow(3, (i, j, v) -> row.add(j + "=" + v));
        assertEquals(List.of("0=3.0", "2=7.0"), row);
    }

    @Test
    void accessorsReturnCopies() {
        SparseMatrix s = SparseMatrix.fromTriplets(2, 2, new int[]{0, 1}, new int[]{1, 0}, new double[]{2, 3});
        s.values()[0] = 99;
        s.columnIndices()[0] = 0;
        s.rowPointers()[1] = 0;
        assertEquals(2.0, s.get(0, 1));
        int[] ptr = {0, 1, 2};
        int[] ci = {1, 0};
        double[] v = {2, 3};
        SparseMatrix c = SparseMatrix.ofCsr(2, 2, ptr, ci, v);
        v[0] = 99;
        ci[0] = 0;
        assertEquals(2.0, c.get(0, 1));
    }

    @Test
    void productsMatchDense() {
        SplittableRandom rng = new SplittableRandom(17);
        SparseMatrix s = random(37, 23, 150, rng);
        Matrix d = s.toDense();
        double[] x = Matrix.randn(23, 1, rng).columnArray(0);
        double[] y = Matrix.randn(37, 1, rng).columnArray(0);
        Matrix b = Matrix.randn(23, 4, rng);
        Matrix c = Matrix.randn(37, 3, rng);
        // the sparse sums skip zeros and may add in another order than BLAS: each entry agrees to within
        // n eps sum |a_ij x_j| (the standard dot-product error bound), with n the inner dimension
        assertClose(s.mvmul(x), d.mvmul(x), absProduct(d, x, false), 23);
        assertClose(s.tmvmul(y), d.tmvmul(y), absProduct(d, y, true), 37);
        Matrix sb = s.mmul(b);
        Matrix db = d.mmul(b);
        Matrix tc = s.tmmul(c);
        Matrix dc = d.tmmul(c);
        for (int k = 0; k < 4; k++) {
            assertClose(sb.columnArray(k), db.columnArray(k), absProduct(d, b.columnArray(k), false), 23);
        }
        for (int k = 0; k < 3; k++) {
            assertClose(tc.columnArray(k), dc.columnArray(k), absProduct(d, c.columnArray(k), true), 37);
        }
        // mmul reads a dense view with an offset and a leading dimension
        Matrix big = Matrix.randn(30, 10, rng);
        Matrix view = big.block(3, 2, 23, 5);
        assertEquals(0.0, s.mmul(view).maxAbsDiff(s.mmul(view.copy())));
    }

    @Test
    void largeMvmulIsParallelAndBitIdenticalToSequential() {
        SplittableRandom rng = new SplittableRandom(99);
        SparseMatrix s = random(3000, 2000, 200_000, rng); // above the parallel threshold of 65536 entries
        double[] x = Matrix.randn(2000, 1, rng).columnArray(0);
        Matrix b = Matrix.randn(2000, 2, rng);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            double[] seq = s.mvmul(x);
            Matrix seqB = s.mmul(b);
            Parallelism.setThreads(4);
            assertArrayEquals(seq, s.mvmul(x));
            assertEquals(0.0, s.mmul(b).maxAbsDiff(seqB));
            // and it is the row-by-row sum
            double[] ptrCheck = new double[3000];
            s.forEachNonZero((i, j, v) -> ptrCheck[i] += v * x[j]);
            assertArrayEquals(ptrCheck, seq);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void emptyShapes() {
        SparseMatrix e = SparseMatrix.fromTriplets(3, 0, new int[0], new int[0], new double[0]);
        assertEquals(0, e.nnz());
        assertArrayEquals(new double[3], e.mvmul(new double[0]));
        assertArrayEquals(new double[0], e.tmvmul(new double[3]));
        SparseMatrix z = SparseMatrix.fromTriplets(2, 2, new int[0], new int[0], new double[0]);
        assertEquals(0.0, z.toDense().normMax());
        assertEquals(2, z.transpose().rows());
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void rejectsOutOfRangeTripletsNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.fromTriplets(3, 3, new int[]{0, 3}, new int[]{0, 1}, new double[]{1, 2}));
        assertTrue(e.getMessage().contains("entry 1") && e.getMessage().contains("(3, 1)")
                && e.getMessage().contains("3x3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.fromTriplets(3, 3, new int[]{0}, new int[]{-1}, new double[]{1}));
        assertTrue(e.getMessage().contains("entry 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.fromTriplets(3, 3, new int[]{0, 1}, new int[]{0}, new double[]{1, 2}));
        assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
    }

    @Test
    void ofCsrValidates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(2, 3, new int[]{0, 2, 1}, new int[]{0}, new double[]{1}));
        assertTrue(e.getMessage().contains("rowPointers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(2, 3, new int[]{0, 2, 2}, new int[]{2, 1}, new double[]{1, 2}));
        assertTrue(e.getMessage().contains("strictly increasing") && e.getMessage().contains("row 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(2, 3, new int[]{0, 1, 2}, new int[]{0, 3}, new double[]{1, 2}));
        assertTrue(e.getMessage().contains("columnIndices[1] = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(2, 3, new int[]{0, 1}, new int[]{0}, new double[]{1}));
        assertTrue(e.getMessage().contains("rows + 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsr(2, 3, new int[]{0, 1, 3}, new int[]{0, 1}, new double[]{1, 2}));
        assertTrue(e.getMessage().contains("number of stored entries"), e.getMessage());
    }

    @Test
    void rejectsMismatchedProducts() {
        SparseMatrix s = SparseMatrix.fromDense(Matrix.identity(3).block(0, 0, 3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.mvmul(new double[3]));
        assertTrue(e.getMessage().contains("3x2") && e.getMessage().contains("length 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.tmvmul(new double[2]));
        e = assertThrows(IllegalArgumentException.class, () -> s.mmul(Matrix.zeros(3, 1)));
        assertTrue(e.getMessage().contains("3x2") && e.getMessage().contains("3x1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.tmmul(Matrix.zeros(2, 1)));
        assertTrue(e.getMessage().contains("3x2") && e.getMessage().contains("2x1"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(3, 0));
    }

    // ---------------------------------------------------------------- helpers (also used by the properties)

    /** A random sparse matrix from `count` triplets (with duplicates likely). */
    static SparseMatrix random(int rows, int cols, int count, SplittableRandom rng) {
        int[] i = new int[count];
        int[] j = new int[count];
        double[] v = new double[count];
        for (int k = 0; k < count; k++) {
            i[k] = rng.nextInt(rows);
            j[k] = rng.nextInt(cols);
            v[k] = rng.nextDouble() < 0.1 ? 0 : rng.nextGaussian();
        }
        return SparseMatrix.fromTriplets(rows, cols, i, j, v);
    }

    /** |A| |x| (or |A|' |x|): the scale of the rounding error of each entry of A x. */
    static double[] absProduct(Matrix a, double[] x, boolean trans) {
        Matrix abs = a.map(Math::abs);
        double[] ax = x.clone();
        for (int k = 0; k < ax.length; k++) {
            ax[k] = Math.abs(ax[k]);
        }
        return trans ? abs.tmvmul(ax) : abs.mvmul(ax);
    }

    static void assertClose(double[] got, double[] ref, double[] scale, int inner) {
        assertEquals(ref.length, got.length);
        for (int k = 0; k < ref.length; k++) {
            double tol = 2 * inner * TestMatrices.EPS * scale[k];
            assertTrue(Math.abs(got[k] - ref[k]) <= tol,
                    "entry " + k + ": " + got[k] + " vs " + ref[k] + " (tolerance " + tol + ")");
        }
    }
}
