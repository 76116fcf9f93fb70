package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MatrixTest {

    @Test
    void columnMajorViewSharesAWholeBackingArrayAndCopiesAView() {
        double[] a = {1, 2, 3, 4, 5, 6};
        Matrix m = Matrix.wrap(2, 3, a);
        org.junit.jupiter.api.Assertions.assertSame(a, m.columnMajorView());
        Matrix b = m.block(0, 1, 2, 2);  // columns 1 and 2: offset 2
        double[] v = b.columnMajorView();
        org.junit.jupiter.api.Assertions.assertNotSame(a, v);
        assertArrayEquals(new double[] {3, 4, 5, 6}, v, 0);
        assertArrayEquals(new double[] {2, 4, 6}, m.row(1).columnMajorView(), 0);
    }

    /** Plain triple loop: the definition of the product, used as the reference. */
    static Matrix naiveProduct(Matrix a, Matrix b) {
        Matrix c = Matrix.zeros(a.rows(), b.cols());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double s = 0;
                for (int k = 0; k < a.cols(); k++) {
                    s += a.get(i, k) * b.get(k, j);
                }
                c.set(i, j, s);
            }
        }
        return c;
    }

    @Test
    void layoutIsColumnMajorAndFactoriesAgree() {
        Matrix m = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.toArray());
        assertEquals(0, Matrix.fromRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6}).maxAbsDiff(m));
        assertEquals(0, Matrix.fromColumnMajor(2, 3, new double[] {1, 4, 2, 5, 3, 6}).maxAbsDiff(m));
        assertArrayEquals(new double[] {4, 5, 6}, m.rowArray(1));
        assertArrayEquals(new double[] {3, 6}, m.columnArray(2));
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, m.toRowArrays());
    }

    @Test
    void viewsShareStorage() {
        Matrix m = Matrix.zeros(4, 5);
        Matrix b = m.block(1, 2, 2, 3);
        b.set(0, 0, 7);
        assertEquals(7, m.get(1, 2));
        m.row(3).fill(2);
        assertEquals(2, m.get(3, 4));
        m.column(0).assign(Matrix.columnVector(1, 2, 3, 4));
        assertEquals(3, m.get(2, 0));
        assertFalse(b.isContiguous());
        assertTrue(m.column(1).isContiguous());
        // a copy of a view is independent and contiguous
        Matrix c = b.copy();
        c.set(0, 0, -1);
        assertEquals(7, m.get(1, 2));
        assertTrue(c.isContiguous());
    }

    @Test
    void elementWiseAndBroadcasting() {
        Matrix a = Matrix.of(new double[][] {{1, 2}, {3, 4}});
        Matrix b = Matrix.of(new double[][] {{5, 6}, {7, 8}});
        assertEquals(0, a.add(b).maxAbsDiff(Matrix.of(new double[][] {{6, 8}, {10, 12}})));
        assertEquals(0, a.sub(b).maxAbsDiff(Matrix.constant(2, 2, -4)));
        assertEquals(0, a.mul(b).maxAbsDiff(Matrix.of(new double[][] {{5, 12}, {21, 32}})));
        assertEquals(0, a.scale(2).maxAbsDiff(a.add(a)));
        assertEquals(0, a.addRowVector(new double[] {10, 20}).maxAbsDiff(Matrix.of(new double[][] {{11, 22}, {13, 24}})));
        assertEquals(0, a.mulColumnVector(new double[] {2, 3}).maxAbsDiff(Matrix.diag(2, 3).mmul(a)));
        assertEquals(0, a.mulRowVector(new double[] {2, 3}).maxAbsDiff(a.mmul(Matrix.diag(2, 3))));
        assertArrayEquals(new double[] {4, 6}, a.columnSums());
        assertArrayEquals(new double[] {1.5, 3.5}, a.rowMeans());
        assertEquals(5, a.trace());
        assertEquals(Math.sqrt(30), a.normFrobenius(), 1e-15);
        assertEquals(6, a.norm1());
        assertEquals(7, a.normInf());
        Matrix c = a.copy().addi(b).subi(b);
        assertEquals(0, c.maxAbsDiff(a));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(Matrix.zeros(3, 2)));
        assertTrue(e.getMessage().contains("2x2") && e.getMessage().contains("3x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.addRowVector(new double[3]));
        assertTrue(e.getMessage().contains("length 3"), e.getMessage());
    }

    @Test
    void rowArgmaxTakesTheFirstMaximum() {
        Matrix p = Matrix.of(new double[][] {{0.2, 0.5, 0.3}, {0.4, 0.2, 0.4}, {0, 0, 1}, {Double.NaN, 0.1, 0.1}});
        assertArrayEquals(new int[] {1, 0, 2, 1}, p.rowArgmax());
        assertArrayEquals(new int[] {0, 0}, Matrix.zeros(2, 3).rowArgmax());
        assertEquals(0, Matrix.zeros(0, 3).rowArgmax().length);
    }

    @Test
    void frobeniusNormDoesNotOverflow() {
        Matrix m = Matrix.constant(2, 2, 1e300);
        assertEquals(2e300, m.normFrobenius(), 1e286);
    }

    @Test
    void productsMatchTheDefinitionSmallAndLarge() {
        SplittableRandom rng = new SplittableRandom(3);
        int[][] shapes = {{3, 4, 5}, {1, 7, 1}, {50, 40, 60}, {130, 70, 90}};
        for (int[] s : shapes) {
            Matrix a = Matrix.randn(s[0], s[1], rng);
            Matrix b = Matrix.randn(s[1], s[2], rng);
            Matrix ref = naiveProduct(a, b);
            double tol = 1e-13 * s[1] * a.normMax() * b.normMax();
            assertTrue(a.mmul(b).maxAbsDiff(ref) <= tol);
            assertTrue(a.transpose().tmmul(b).maxAbsDiff(ref) <= tol);
            assertTrue(a.mmult(b.transpose()).maxAbsDiff(ref) <= tol);
            double[] x = b.columnArray(0);
            assertArrayEquals(ref.columnArray(0), a.mvmul(x), tol);
            assertArrayEquals(ref.columnArray(0), a.transpose().tmvmul(x), tol);
            assertTrue(a.gram().maxAbsDiff(naiveProduct(a.transpose(), a)) <= tol);
        }
    }

    @Test
    void productsOnViewsUseTheLeadingDimension() {
        SplittableRandom rng = new SplittableRandom(5);
        Matrix big = Matrix.randn(120, 110, rng);
        Matrix a = big.block(3, 5, 60, 50);
        Matrix b = big.block(10, 40, 50, 70);
        Matrix ref = naiveProduct(a.copy(), b.copy());
        assertTrue(a.mmul(b).maxAbsDiff(ref) <= 1e-12);
        Matrix target = Matrix.zeros(100, 100);
        Matrix.gemm(1, a, false, b, false, 0, target.block(20, 10, 60, 70));
        assertTrue(target.block(20, 10, 60, 70).maxAbsDiff(ref) <= 1e-12);
        assertEquals(0, target.get(19, 10));
        assertEquals(0, target.get(80, 10));
        double[] v = big.block(0, 0, 100, 60).mvmul(new double[60]);
        assertEquals(100, v.length);
    }

    @Test
    void gemmAccumulatesWithBeta() {
        SplittableRandom rng = new SplittableRandom(9);
        Matrix a = Matrix.randn(64, 64, rng);
        Matrix b = Matrix.randn(64, 64, rng);
        Matrix c = Matrix.randn(64, 64, rng);
        Matrix expect = naiveProduct(a, b).scale(2).add(c.scale(0.5));
        Matrix.gemm(2, a, false, b, false, 0.5, c);
        assertTrue(c.maxAbsDiff(expect) <= 1e-12);
    }

    @Test
    void productDimensionMismatchNamesShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Matrix.zeros(3, 4).mmul(Matrix.zeros(5, 2)));
        assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("5x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(3, 4).mvmul(new double[3]));
        assertTrue(e.getMessage().contains("needs 4"), e.getMessage());
    }

    @Test
    void badConstructionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Matrix.wrap(2, 2, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Matrix.of(new double[][] {{1, 2}, {3}}));
        assertThrows(IndexOutOfBoundsException.class, () -> Matrix.zeros(2, 2).get(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Matrix.zeros(2, 2).block(1, 1, 2, 1));
    }

    @Test
    void emptyMatricesCopyAndCombine() {
        Matrix e = Matrix.zeros(0, 3);
        assertEquals(0, e.copy().rows());
        assertEquals(3, e.copy().cols());
        assertEquals(0, e.toArray().length);
        assertEquals(0, e.columnArray(2).length);
        assertEquals(0, e.toRowArrays().length);
        e.fill(1).assign(Matrix.zeros(0, 3));
        assertEquals(0, e.add(e).rows());
        assertEquals(0, Matrix.randn(5, 4, new SplittableRandom(1)).block(5, 1, 0, 3).copy().size());
        assertEquals(0, e.mmul(Matrix.zeros(3, 2)).rows());
        assertEquals(0, Matrix.zeros(4, 0).mvmul(new double[0])[0] == 0 ? 0 : 1);
    }

    @Test
    void toStringIsReadable() {
        String s = Matrix.of(new double[][] {{1, 2.5}, {-3, 0.125}}).toString();
        assertEquals("2x2 matrix\n   1    2.5\n  -3  0.125", s);
        String big = Matrix.zeros(20, 30).toString();
        assertTrue(big.startsWith("20x30 matrix") && big.contains("..."));
        assertEquals(10, big.split("\n").length);
    }

    @Property(tries = 40)
    void transposeOfProductIsProductOfTransposes(@ForAll @IntRange(min = 1, max = 70) int m,
                                                 @ForAll @IntRange(min = 1, max = 70) int k,
                                                 @ForAll @IntRange(min = 1, max = 70) int n,
                                                 @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = Matrix.randn(m, k, rng);
        Matrix b = Matrix.randn(k, n, rng);
        Matrix lhs = a.mmul(b).transpose();
        Matrix rhs = b.transpose().mmul(a.transpose());
        assertTrue(lhs.maxAbsDiff(rhs) <= 1e-12 * k);
    }

    @Property(tries = 40)
    void productDistributesOverAddition(@ForAll @IntRange(min = 1, max = 60) int m,
                                        @ForAll @IntRange(min = 1, max = 60) int k,
                                        @ForAll @IntRange(min = 1, max = 60) int n,
                                        @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = Matrix.randn(m, k, rng);
        Matrix b = Matrix.randn(k, n, rng);
        Matrix c = Matrix.randn(k, n, rng);
        assertTrue(a.mmul(b.add(c)).maxAbsDiff(a.mmul(b).add(a.mmul(c))) <= 1e-12 * k);
    }

    @Test
    void blasBackendIsBundledAndFollowsThreads() {
        assertTrue(Blas.backend().startsWith("OpenBLAS"), Blas.backend());
        // on JDK 22+ the zero-copy path must be active
        boolean ffmWanted = Boolean.parseBoolean(System.getProperty("derive.blas.ffm", "true"));
        if (Runtime.version().feature() >= 22 && ffmWanted) {
            assertTrue(Blas.backend().contains("FFM"), Blas.backend());
        }
        if (!ffmWanted) {
            assertTrue(Blas.backend().contains("JavaCPP"), Blas.backend());
        }
        int before = dev.derive.runtime.Parallelism.threads();
        try {
            dev.derive.runtime.Parallelism.setThreads(1);
            assertEquals(1, Blas.threads());
        } finally {
            dev.derive.runtime.Parallelism.setThreads(before);
        }
        assertEquals(before, Blas.threads());
    }
}
