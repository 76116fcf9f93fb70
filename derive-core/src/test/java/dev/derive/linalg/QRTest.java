package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.EPS;
import static dev.derive.linalg.TestMatrices.assertBelow;
import static dev.derive.linalg.TestMatrices.assertOrthonormalColumns;
import static dev.derive.linalg.TestMatrices.relErr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.testing.Fixtures;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QRTest {

    private static final Fixtures FX = Fixtures.load("linalg_lu_qr.txt");

    private static Matrix columns(Matrix a, int[] perm) {
        Matrix ap = Matrix.zeros(a.rows(), perm.length);
        for (int j = 0; j < perm.length; j++) {
            ap.column(j).assign(a.column(perm[j]));
        }
        return ap;
    }

    /** Shapes, upper-triangularity, orthogonality and ||AP - QR|| / ||A|| <= 1e-12. */
    private static void assertReconstructs(Matrix a, QR qr) {
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        Matrix q = qr.q();
        Matrix r = qr.r();
        assertEquals(m, q.rows());
        assertEquals(k, q.cols());
        assertEquals(k, r.rows());
        assertEquals(n, r.cols());
        for (int j = 0; j < n; j++) {
            for (int i = j + 1; i < k; i++) {
                assertEquals(0.0, r.get(i, j));
            }
        }
        int[] perm = qr.permutation();
        int[] sorted = perm.clone();
        Arrays.sort(sorted);
        for (int j = 0; j < n; j++) {
            assertEquals(j, sorted[j]);
        }
        Matrix ap = columns(a, perm);
        assertEquals(0.0, a.mmul(qr.permutationMatrix()).maxAbsDiff(ap), "A P == A[:, perm]");
        assertBelow(relErr(q.mmul(r), ap), 1e-12, "||AP - QR|| / ||A||");
        assertOrthonormalColumns(q, 1e-12, "thin Q");
        Matrix qf = qr.qFull();
        assertOrthonormalColumns(qf, 1e-12, "full Q");
        assertEquals(0.0, qf.block(0, 0, m, k).maxAbsDiff(q), 1e-14, "thin Q is the leading columns of full Q");
        if (qr.isPivoted()) {
            double[] d = qr.rDiagonal();
            for (int i = 1; i < k; i++) {
                assertTrue(Math.abs(d[i]) <= Math.abs(d[i - 1]) * (1 + 1e-12), "pivoting orders |r_kk|");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1", "5,5", "12,4", "40,40", "200,30", "3,9", "17,60"})
    void reconstructsRandomMatrices(int m, int n) {
        for (long seed = 1; seed <= 2; seed++) {
            Matrix a = Matrix.randn(m, n, new SplittableRandom(seed * 7919 + m * 31L + n));
            QR plain = QR.of(a);
            assertReconstructs(a, plain);
            assertFalse(plain.isPivoted());
            for (int j = 0; j < n; j++) {
                assertEquals(j, plain.permutation()[j]);
            }
            assertEquals(Math.min(m, n), plain.rank());
            QR piv = QR.pivoted(a);
            assertReconstructs(a, piv);
            assertEquals(Math.min(m, n), piv.rank());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 9, 10, 11, 12})
    void hilbertMatrices(int n) {
        // Householder QR is backward stable, so the reconstruction is accurate even for cond2(H_12) = 1.6e16
        Matrix h = TestMatrices.hilbert(n);
        assertReconstructs(h, QR.of(h));
        assertReconstructs(h, QR.pivoted(h));
    }

    @Test
    void pivotedRevealsRank() {
        Matrix a = TestMatrices.lowRank(10, 6, 4, 77);
        QR qr = QR.pivoted(a);
        assertReconstructs(a, qr);
        assertEquals(4, qr.rank());
        Matrix b = TestMatrices.lowRank(8, 8, 3, 78);
        QR qb = QR.pivoted(b);
        assertReconstructs(b, qb);
        assertEquals(3, qb.rank());
        // an explicit tolerance counts the |r_kk| strictly above it
        double[] d = qb.rDiagonal();
        assertEquals(3, qb.rank(Math.abs(d[2]) * 0.5));
        assertEquals(2, qb.rank(Math.abs(d[2])));
        assertEquals(1, qb.rank(Math.abs(d[1])));
        assertEquals(0, qb.rank(Math.abs(d[0])));
        assertEquals(0, QR.pivoted(Matrix.zeros(4, 3)).rank());
    }

    @Test
    void leastSquaresTallFullRank() {
        SplittableRandom rng = new SplittableRandom(5);
        Matrix a = Matrix.randn(40, 6, rng);
        Matrix b = Matrix.randn(40, 2, rng);
        for (QR qr : new QR[]{QR.of(a), QR.pivoted(a)}) {
            Matrix x = qr.solve(b);
            assertEquals(6, x.rows());
            assertEquals(2, x.cols());
            Matrix normal = a.tmmul(a.mmul(x).sub(b));
            double scale = a.normFrobenius() * (a.mmul(x).sub(b).normFrobenius() + a.normFrobenius() * x.normFrobenius());
            assertBelow(normal.normFrobenius(), 10 * 40 * 6 * EPS * scale, "A'(Ax - b)");
            double[] xv = qr.solve(b.columnArray(1));
            assertArrayEquals(x.columnArray(1), xv, 1e-14 * TestMatrices.norm2(xv));
        }
        // square non-singular: least squares is the ordinary solution
        Matrix sq = TestMatrices.wellConditioned(7, 3);
        double[] rhs = Matrix.randn(7, 1, rng).columnArray(0);
        assertBelow(relErr(QR.of(sq).solve(rhs), LU.of(sq).solve(rhs)), 10 * 7 * 76 * EPS, "QR vs LU on a square system");
    }

    @Test
    void unpivotedSolveRefusesRankDeficientMatrix() {
        Matrix a = TestMatrices.lowRank(10, 6, 4, 77);
        QR qr = QR.of(a);
        SingularMatrixException e = assertThrows(SingularMatrixException.class, () -> qr.solve(new double[10]));
        String m = e.getMessage();
        assertTrue(m.contains("10x6") && m.contains("rank-deficient") && m.contains("QR.pivoted")
                && m.contains("SVD"), m);
        // an exactly zero column
        Matrix z = Matrix.randn(5, 3, new SplittableRandom(1));
        z.column(1).fill(0);
        assertThrows(SingularMatrixException.class, () -> QR.of(z).solve(new double[5]));
    }

    @Test
    void pivotedSolveGivesTheBasicSolution() {
        Matrix a = TestMatrices.lowRank(10, 6, 4, 77);
        double[] x0 = {1, -2, 0.5, 3, -1, 2};
        double[] b = a.mvmul(x0); // consistent system: the residual of any least-squares solution is 0
        QR qr = QR.pivoted(a);
        double[] x = qr.solve(b);
        int[] perm = qr.permutation();
        // the n - r = 2 columns that pivoting put last get coefficient exactly zero
        assertEquals(0.0, x[perm[4]]);
        assertEquals(0.0, x[perm[5]]);
        double[] r = a.mvmul(x);
        for (int i = 0; i < 10; i++) {
            r[i] -= b[i];
        }
        // the basic solution solves R11 z = c1 where R11 is well conditioned (its smallest |r_kk| is O(1) here),
        // so the residual is at the rounding level of ||A|| ||x||
        double cond11 = Math.abs(qr.rDiagonal()[0] / qr.rDiagonal()[3]);
        assertBelow(TestMatrices.norm2(r), 10 * 10 * 6 * EPS * cond11 * a.normFrobenius() * TestMatrices.norm2(x),
                "residual of the basic solution of a consistent system");
        // an inconsistent right-hand side still satisfies the normal equations
        double[] c = Matrix.randn(10, 1, new SplittableRandom(3)).columnArray(0);
        double[] xc = qr.solve(c);
        double[] rc = a.mvmul(xc);
        for (int i = 0; i < 10; i++) {
            rc[i] -= c[i];
        }
        double[] normal = a.tmvmul(rc);
        assertBelow(TestMatrices.norm2(normal), 10 * 10 * 6 * EPS * cond11 * a.normFrobenius()
                * (TestMatrices.norm2(rc) + a.normFrobenius() * TestMatrices.norm2(xc)), "A'(Ax - c)");
    }

    @Test
    void wideMatrixFactorsButDoesNotSolve() {
        Matrix a = Matrix.randn(3, 7, new SplittableRandom(8));
        QR qr = QR.of(a);
        assertReconstructs(a, qr);
        assertEquals(7, qr.qFull().rows() + 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> qr.solve(new double[3]));
        assertTrue(e.getMessage().contains("underdetermined") && e.getMessage().contains("3x7")
                && e.getMessage().contains("SVD"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QR.pivoted(a).solve(Matrix.zeros(3, 1)));
    }

    @Test
    void doesNotModifyItsInputs() {
        Matrix a = Matrix.randn(9, 4, new SplittableRandom(2));
        Matrix a0 = a.copy();
        double[] b = Matrix.randn(9, 1, new SplittableRandom(4)).columnArray(0);
        double[] b0 = b.clone();
        QR qr = QR.pivoted(a);
        double[] x1 = qr.solve(b);
        qr.q();
        qr.qFull();
        assertEquals(0.0, a.maxAbsDiff(a0));
        assertArrayEquals(b0, b);
        assertArrayEquals(x1, qr.solve(b), "repeated solves are identical");
    }

    // ---------------------------------------------------------------- reference values

    @ParameterizedTest
    @ValueSource(strings = {"tall12x5", "tall30x8"})
    void leastSquaresMatchesNumpy(String name) {
        Matrix a = FX.matrix("A_" + name);
        Matrix b = FX.matrix("b_" + name);
        int m = a.rows();
        int n = a.cols();
        // Both solutions are backward stable: each is the exact least-squares solution for a relative
        // perturbation eps' <= c m n eps of (A, b), c = 10 (numpy's lstsq via the SVD, ours via Householder
        // QR). Wedin's bound (Higham, Thm 20.1) gives for each
        //   ||dx|| / ||x|| <= kappa eps' (2 + (kappa + 1) ||r|| / (||A||_2 ||x||)),
        // with kappa = cond2(A) (the SVD is not column-scaling invariant, so the unscaled condition number
        // governs the reference), and the two errors add. ||A||_2 >= ||A||_F / sqrt(n) bounds the ratio.
        double kappa = FX.scalar("cond2_" + name);
        double eps1 = 10 * m * n * EPS;
        double a2 = a.normFrobenius() / Math.sqrt(n);
        Matrix ref = FX.matrix("lstsq_" + name);
        double[] resRef = FX.vector("resnorm_" + name);
        for (QR qr : new QR[]{QR.of(a), QR.pivoted(a)}) {
            Matrix x = qr.solve(b);
            for (int c = 0; c < b.cols(); c++) {
                double[] xr = ref.columnArray(c);
                double ratio = resRef[c] / (a2 * TestMatrices.norm2(xr));
                double bound = 2 * kappa * eps1 * (2 + (kappa + 1) * ratio);
                assertBelow(relErr(x.columnArray(c), xr), bound, name + " " + qr + " column " + c);
            }
        }
        // Householder QR (ours and numpy's dgeqrf) is column-scaling invariant: the backward error is
        // columnwise, |da_j| <= c m n eps |a_j|, so r_kk / ||a_k|| is perturbed by ~ kappa_s c m n eps, where
        // kappa_s is the condition number of A with unit columns.
        double kappaScaled = FX.scalar("cond2colscaled_" + name);
        double[] colNorm = new double[n];
        for (int j = 0; j < n; j++) {
            colNorm[j] = a.column(j).normFrobenius();
        }
        QR qr = QR.of(a);
        double[] d = qr.rDiagonal();
        double[] ref2 = FX.vector("qr_absdiag_" + name);
        for (int i = 0; i < n; i++) {
            // the same column-scaling argument: r_kk of A D^-1 is r_kk / ||a_k||
            assertBelow(Math.abs(Math.abs(d[i]) - ref2[i]) / colNorm[i], 2 * eps1 * kappaScaled,
                    name + " |r_" + i + i + "|");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tall12x5", "tall30x8", "rank8r3", "rank10x6r4"})
    void pivotedMatchesScipy(String name) {
        Matrix a = FX.matrix("A_" + name);
        int m = a.rows();
        int n = a.cols();
        QR qr = QR.pivoted(a);
        int rank = (int) FX.scalar("pqr_rank_" + name);
        assertEquals(rank, qr.rank(), name + " rank");
        assertEquals((int) FX.scalar("svd_rank_" + name), qr.rank(), name + " rank vs SVD");
        // the same algorithm (LAPACK dgeqp3): the same column order where the choice is well separated, i.e.
        // for the first `rank` columns; the order of the remaining ones is decided by rounding noise
        double[] refPerm = FX.vector("pqr_perm_" + name);
        int[] perm = qr.permutation();
        for (int j = 0; j < rank; j++) {
            assertEquals((int) refPerm[j], perm[j], name + " permutation[" + j + "]");
        }
        double[] refDiag = FX.vector("pqr_absdiag_" + name);
        double[] d = qr.rDiagonal();
        double r00 = Math.abs(d[0]);
        for (int j = 0; j < rank; j++) {
            // |r_kk| of the leading full-rank block: its perturbation is bounded by cond(R11) eps |r_00| ~
            // (|r_00| / |r_rr|) eps |r_00|, with c = 10 m n
            double bound = 10 * m * n * EPS * r00 * (r00 / Math.abs(d[rank - 1]));
            assertBelow(Math.abs(Math.abs(d[j]) - refDiag[j]), bound, name + " |r_" + j + j + "|");
        }
        for (int j = rank; j < Math.min(m, n); j++) {
            // beyond the rank: rounding noise on both sides, below the rank tolerance
            assertBelow(Math.abs(d[j]), Math.max(m, n) * EPS * r00, name + " noise r_" + j + j);
            assertBelow(refDiag[j], Math.max(m, n) * EPS * refDiag[0], name + " scipy noise r_" + j + j);
        }
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void rejectsBadInput() {
        Matrix a = Matrix.randn(4, 3, new SplittableRandom(1));
        a.set(3, 2, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QR.of(a));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("(3, 2)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QR.pivoted(a));
        assertThrows(IllegalArgumentException.class, () -> QR.of(Matrix.zeros(0, 3)));
        QR qr = QR.of(Matrix.randn(4, 3, new SplittableRandom(2)));
        e = assertThrows(IllegalArgumentException.class, () -> qr.solve(Matrix.zeros(5, 1)));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("5x1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> qr.solve(new double[3]));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> qr.rank(-1));
        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    }
}
