package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The facade delegates: each entry returns exactly what the decomposition class returns. */
class LinalgTest {

    @Test
    void svdEntriesDelegate() {
        Matrix a = TestMatrices.lowRank(9, 6, 4, 12);
        Matrix b = TestMatrices.randn(9, 2, 13);
        SVD svd = SVD.of(a);
        assertEquals(0, Linalg.pinv(a).maxAbsDiff(svd.pinv()));
        assertEquals(0, Linalg.pinv(a, 1e-3).maxAbsDiff(svd.pinv(1e-3)));
        assertEquals(svd.rank(), Linalg.rank(a));
        assertEquals(4, Linalg.rank(a));
        assertEquals(0, Linalg.lowRank(a, 2).maxAbsDiff(svd.lowRank(2)));
        assertEquals(0, Linalg.lstsqSvd(a, b).maxAbsDiff(svd.solve(b)));
        assertArrayEquals(svd.solve(b.columnArray(1)), Linalg.lstsqSvd(a, b.columnArray(1)));
        // cond and norm2 come from the values-only SVD: equal to the thin SVD's to backward error
        Matrix c = TestMatrices.randn(7, 5, 14);
        SVD sc = SVD.of(c);
        double tol = 2 * TestMatrices.backward(7, 5);
        assertEquals(sc.cond(), Linalg.cond(c), tol * sc.cond() * sc.cond());
        assertEquals(sc.norm2(), Linalg.norm2(c), tol * sc.norm2());
        assertEquals(Double.POSITIVE_INFINITY, Linalg.cond(Matrix.zeros(3, 3)));
    }

    @Test
    void factorisationEntriesDelegate() {
        Matrix a = TestMatrices.wellConditioned(6, 21);
        Matrix b = TestMatrices.randn(6, 2, 22);
        LU lu = LU.of(a);
        assertEquals(0, Linalg.solve(a, b).maxAbsDiff(lu.solve(b)));
        assertArrayEquals(lu.solve(b.columnArray(0)), Linalg.solve(a, b.columnArray(0)));
        assertEquals(0, Linalg.inverse(a).maxAbsDiff(lu.inverse()));
        assertEquals(lu.det(), Linalg.det(a));
        Matrix spd = a.tmmul(a).add(Matrix.identity(6));
        assertEquals(0, Linalg.solveSpd(spd, b).maxAbsDiff(Cholesky.of(spd).solve(b)));
        Matrix tall = TestMatrices.randn(12, 4, 23);
        Matrix rhs = TestMatrices.randn(12, 2, 24);
        assertEquals(0, Linalg.lstsqQr(tall, rhs).maxAbsDiff(QR.of(tall).solve(rhs)));
        assertArrayEquals(QR.of(tall).solve(rhs.columnArray(1)), Linalg.lstsqQr(tall, rhs.columnArray(1)));
        // the QR and SVD least-squares paths agree on a well-conditioned full-rank problem
        assertTrue(Linalg.lstsqQr(tall, rhs).maxAbsDiff(Linalg.lstsqSvd(tall, rhs)) < 1e-12);
        assertEquals(0, Linalg.randomizedSvd(tall, 2, 5).u().maxAbsDiff(RandomizedSVD.of(tall, 2, 5).u()));
    }

    @Test
    void errorsComeFromTheDecomposition() {
        String msg = assertThrows(IllegalArgumentException.class, () -> Linalg.cond(Matrix.zeros(0, 2))).getMessage();
        assertTrue(msg.contains("non-empty") && msg.contains("0x2"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> Linalg.lowRank(Matrix.identity(3), 5)).getMessage();
        assertTrue(msg.contains("k = 5"), msg);
        msg = assertThrows(IllegalArgumentException.class, () -> Linalg.pinv(Matrix.identity(3), -1)).getMessage();
        assertTrue(msg.contains("rcond"), msg);
        msg = assertThrows(IllegalArgumentException.class,
                () -> Linalg.lstsqSvd(Matrix.identity(3), new double[4])).getMessage();
        assertTrue(msg.contains("length 4"), msg);
    }
}
