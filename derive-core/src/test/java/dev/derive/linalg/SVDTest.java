package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.EPS;
import static dev.derive.linalg.TestMatrices.backward;
import static dev.derive.linalg.TestMatrices.hilbert;
import static dev.derive.linalg.TestMatrices.lowRank;
import static dev.derive.linalg.TestMatrices.orthonormalityError;
import static dev.derive.linalg.TestMatrices.randn;
import static dev.derive.linalg.TestMatrices.relativeReconstructionError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SVDTest {

    /** Shapes covering tall, wide, square, vectors and 1 x 1. */
    private static final int[][] SHAPES = {
        {1, 1}, {1, 6}, {6, 1}, {7, 3}, {3, 7}, {6, 6}, {40, 13}, {13, 40}, {64, 64}, {120, 70}, {70, 120},
    };

    private static void assertDescendingNonNegative(double[] s) {
        for (int i = 0; i < s.length; i++) {
            assertTrue(s[i] >= 0, "singular value " + i + " is negative: " + s[i]);
            if (i > 0) {
                assertTrue(s[i] <= s[i - 1], "singular values not descending at " + i);
            }
        }
    }

    @Test
    void thinSvdReconstructsAndIsOrthonormal() {
        long seed = 1;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            Matrix a = randn(m, n, seed++);
            SVD svd = SVD.of(a);
            int k = Math.min(m, n);
            String what = m + "x" + n;
            assertEquals(m, svd.u().rows(), what);
            assertEquals(k, svd.u().cols(), what);
            assertEquals(n, svd.v().rows(), what);
            assertEquals(k, svd.v().cols(), what);
            assertEquals(k, svd.s().rows(), what);
            assertFalse(svd.isFull());
            assertFalse(svd.isTruncated());
            assertDescendingNonNegative(svd.singularValues());
            assertTrue(relativeReconstructionError(a, svd) <= 1e-12, what);
            // U S V' with the public factors exactly as returned
            Matrix usv = svd.u().mmul(svd.s()).mmul(svd.vt());
            assertTrue(a.sub(usv).normFrobenius() <= 1e-12 * a.normFrobenius(), what);
            assertTrue(orthonormalityError(svd.u()) <= 1e-12, what);
            assertTrue(orthonormalityError(svd.v()) <= 1e-12, what);
            assertEquals(0, svd.vt().maxAbsDiff(svd.v().transpose()));
        }
    }

    @Test
    void fullSvdHasSquareOrthogonalFactors() {
        long seed = 100;
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            Matrix a = randn(m, n, seed++);
            SVD svd = SVD.full(a);
            String what = m + "x" + n;
            assertTrue(svd.isFull());
            Matrix u = svd.u();
            Matrix v = svd.v();
            assertEquals(m, u.rows());
            assertEquals(m, u.cols());
            assertEquals(n, v.rows());
            assertEquals(n, v.cols());
            assertTrue(orthonormalityError(u) <= 1e-12, what);
            assertTrue(orthonormalityError(v) <= 1e-12, what);
            assertTrue(u.mmult(u).maxAbsDiff(Matrix.identity(m)) <= 1e-12, what);
            assertTrue(v.mmult(v).maxAbsDiff(Matrix.identity(n)) <= 1e-12, what);
            assertTrue(relativeReconstructionError(a, svd) <= 1e-12, what);
            // the extra columns are orthogonal to the range of A (resp. A'): A' U[:, k:] = 0, A V[:, k:] = 0
            int k = Math.min(m, n);
            double scale = a.normFrobenius();
            if (m > k) {
                assertTrue(a.tmmul(u.block(0, k, m, m - k)).normMax() <= 1e-12 * scale, what);
            }
            if (n > k) {
                assertTrue(a.mmul(v.block(0, k, n, n - k)).normMax() <= 1e-12 * scale, what);
            }
            // the same singular values as the thin SVD (both backward stable: Weyl's bound)
            double[] thin = SVD.of(a).singularValues();
            double[] s = svd.singularValues();
            for (int i = 0; i < k; i++) {
                assertEquals(thin[i], s[i], 2 * backward(m, n) * s[0], what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 9, 10, 11, 12})
    void hilbertMatricesReconstruct(int n) {
        // cond(H_12) ~ 1.7e16: the small singular values carry no relative accuracy, but the factorisation
        // is backward stable, so reconstruction and orthogonality hold to ~eps regardless.
        Matrix h = hilbert(n);
        for (SVD svd : new SVD[] {SVD.of(h), SVD.full(h)}) {
            assertDescendingNonNegative(svd.singularValues());
            assertTrue(relativeReconstructionError(h, svd) <= 1e-12);
            assertTrue(orthonormalityError(svd.u()) <= 1e-12);
            assertTrue(orthonormalityError(svd.v()) <= 1e-12);
        }
        // H is symmetric positive definite: its singular values are its eigenvalues
        double[] s = SVD.values(h);
        double[] w = SymmetricEigen.values(h);
        for (int i = 0; i < n; i++) {
            assertEquals(w[n - 1 - i], s[i], 2 * backward(n, n) * s[0]);
        }
    }

    @ParameterizedTest
    @CsvSource({"8, 8, 3", "12, 7, 4", "7, 12, 4", "30, 20, 5", "20, 30, 1", "50, 50, 49", "9, 9, 9"})
    void rankIsExactForRankDeficientMatrices(int m, int n, int r) {
        Matrix a = lowRank(m, n, r, 31L * m + n + r);
        SVD svd = SVD.of(a);
        assertEquals(r, svd.rank(), m + "x" + n + " of rank " + r);
        assertEquals(r, SVD.full(a).rank());
        assertEquals(r, Linalg.rank(a));
        assertTrue(relativeReconstructionError(a, svd) <= 1e-12);
        double[] s = svd.singularValues();
        // the gap the default tolerance must fall into: s_r well above it, s_{r+1} (rounding noise) below
        double tol = Math.max(m, n) * EPS * s[0];
        assertTrue(s[r - 1] > 1e3 * tol, "s_r = " + s[r - 1] + " tol = " + tol);
        if (r < s.length) {
            assertTrue(s[r] < tol, "s_{r+1} = " + s[r] + " tol = " + tol);
            assertTrue(svd.cond() > 1 / (Math.max(m, n) * EPS), "cond = " + svd.cond());
        }
        // explicit absolute tolerances
        assertEquals(0, svd.rank(2 * s[0]));
        assertTrue(svd.rank(0) >= r);
        assertEquals(r, svd.rank(Math.sqrt(tol * s[r - 1])));
    }

    @Test
    void zeroMatrix() {
        Matrix z = Matrix.zeros(4, 3);
        SVD svd = SVD.of(z);
        assertArrayEquals(new double[3], svd.singularValues());
        assertEquals(0, svd.rank());
        assertEquals(0, svd.norm2());
        assertEquals(Double.POSITIVE_INFINITY, svd.cond());
        assertEquals(0, svd.pinv().normMax());
        assertEquals(3, svd.pinv().rows());
        assertEquals(4, svd.pinv().cols());
        assertArrayEquals(new double[3], svd.solve(new double[] {1, 2, 3, 4}));
        assertEquals(0, svd.tailError(0));
        assertTrue(orthonormalityError(svd.u()) <= 1e-15);
    }

    @Test
    void knownSmallCases() {
        // diag(3, -4, 0, 1) as a 4x4: singular values 4, 3, 1, 0
        Matrix d = Matrix.diag(3, -4, 0, 1);
        SVD svd = SVD.of(d);
        assertArrayEquals(new double[] {4, 3, 1, 0}, svd.singularValues(), 4 * EPS * 4);
        assertEquals(3, svd.rank());
        assertEquals(Double.POSITIVE_INFINITY, svd.cond());
        assertEquals(4, svd.norm2(), 4 * EPS * 4);
        Matrix p = svd.pinv();
        Matrix expected = Matrix.diag(1.0 / 3, -0.25, 0, 1);
        assertTrue(p.maxAbsDiff(expected) <= 1e-15);
        // a 2x2 with cond 3
        Matrix b = Matrix.of(new double[] {2, 1}, new double[] {1, 2});
        assertEquals(3, SVD.of(b).cond(), 1e-14);
        assertEquals(3, Linalg.cond(b), 1e-14);
        assertEquals(3, Linalg.norm2(b), 1e-14);
        // a rotation has all singular values 1
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        Matrix q = Matrix.of(new double[] {c, -s}, new double[] {s, c});
        assertArrayEquals(new double[] {1, 1}, SVD.values(q), 4 * EPS);
        assertEquals(1, SVD.of(q).cond(), 4 * EPS);
        // a row vector: one singular value, its Euclidean norm
        Matrix row = Matrix.rowVector(3, 4);
        assertArrayEquals(new double[] {5}, SVD.values(row), 5 * 4 * EPS);
    }

    @Test
    void valuesOnlyAgreeWithFullDecomposition() {
        long seed = 7;
        for (int[] shape : SHAPES) {
            Matrix a = randn(shape[0], shape[1], seed++);
            double[] s1 = SVD.values(a);
            double[] s2 = SVD.of(a).singularValues();
            assertEquals(s2.length, s1.length);
            for (int i = 0; i < s1.length; i++) {
                assertEquals(s2[i], s1[i], 2 * backward(shape[0], shape[1]) * s2[0]);
            }
        }
    }

    @Test
    void inputIsNeverModified() {
        Matrix a = randn(9, 5, 42);
        Matrix before = a.copy();
        SVD.of(a);
        SVD.full(a);
        SVD.values(a);
        SVD.of(a).pinv();
        Linalg.lstsqSvd(a, randn(9, 2, 1));
        Tikhonov.of(a).solve(new double[9], 0.5);
        assertEquals(0, a.maxAbsDiff(before));
        // a view (offset and leading dimension) is read correctly and left alone
        Matrix big = randn(12, 10, 43);
        Matrix bigBefore = big.copy();
        Matrix view = big.block(2, 3, 7, 4);
        SVD svd = SVD.of(view);
        assertTrue(relativeReconstructionError(view.copy(), svd) <= 1e-12);
        assertEquals(0, big.maxAbsDiff(bigBefore));
    }

    @Test
    void accessorsReturnCopies() {
        SVD svd = SVD.of(randn(5, 4, 3));
        svd.u().fill(0);
        svd.v().fill(0);
        svd.vt().fill(0);
        svd.singularValues()[0] = -1;
        assertTrue(svd.u().normMax() > 0);
        assertTrue(svd.vt().normMax() > 0);
        assertTrue(svd.singularValues()[0] > 0);
    }

    // ------------------------------------------------------------------ pinv

    /** The four Penrose conditions, each relative to the size of the quantities compared. */
    private static double[] penroseErrors(Matrix a, Matrix p) {
        Matrix ap = a.mmul(p);
        Matrix pa = p.mmul(a);
        return new double[] {
            ap.mmul(a).sub(a).normFrobenius() / a.normFrobenius(),
            pa.mmul(p).sub(p).normFrobenius() / p.normFrobenius(),
            ap.sub(ap.transpose()).normFrobenius() / ap.normFrobenius(),
            pa.sub(pa.transpose()).normFrobenius() / pa.normFrobenius(),
        };
    }

    @ParameterizedTest
    @CsvSource({
        "9, 5, 5", "5, 9, 5", "6, 6, 6", "40, 25, 25", // full rank, tall / wide / square
        "9, 5, 3", "5, 9, 2", "8, 8, 3", "12, 7, 4", "7, 12, 4", "40, 25, 10", // rank-deficient
    })
    void pinvSatisfiesPenroseConditions(int m, int n, int r) {
        Matrix a = lowRank(m, n, r, 1000L + 17 * m + n + r);
        SVD svd = SVD.of(a);
        Matrix p = svd.pinv();
        assertEquals(n, p.rows());
        assertEquals(m, p.cols());
        double[] s = svd.singularValues();
        // Errors scale with the condition number of the kept part, kappa_r = s_1 / s_r: A+ has norm 1/s_r,
        // and a backward error E (||E|| ~ eps ||A||) perturbs A+ by about ||A+||^2 ||E||.
        double kappa = s[0] / s[r - 1];
        double tol = backward(m, n) * kappa;
        double[] e = penroseErrors(a, p);
        for (int i = 0; i < 4; i++) {
            assertTrue(e[i] <= tol, "Penrose condition " + (i + 1) + " for " + m + "x" + n + " rank " + r + ": "
                    + e[i] + " > " + tol);
        }
        // the facade runs the same computation; the full SVD agrees to the pinv perturbation bound
        // ||delta A+||_2 <~ kappa_r ||A+||_2 (eps-level relative backward error), doubled for two computations
        assertEquals(0, Linalg.pinv(a).maxAbsDiff(p));
        double pn = TestMatrices.norm2(p);
        assertTrue(TestMatrices.norm2(SVD.full(a).pinv().sub(p)) <= 2 * tol * pn);
    }

    @Test
    void pinvOfInvertibleMatrixIsTheInverse() {
        Matrix a = randn(8, 8, 5);
        Matrix p = SVD.of(a).pinv();
        double kappa = SVD.of(a).cond();
        assertTrue(a.mmul(p).maxAbsDiff(Matrix.identity(8)) <= backward(8, 8) * kappa);
        assertTrue(p.mmul(a).maxAbsDiff(Matrix.identity(8)) <= backward(8, 8) * kappa);
    }

    @Test
    void pinvCutOff() {
        // singular values 1, 1e-3, 1e-9 (U, V random orthogonal): rcond decides which are inverted
        Matrix q1 = SVD.of(randn(5, 3, 8)).u();
        Matrix q2 = SVD.of(randn(3, 3, 9)).u();
        Matrix a = q1.mulRowVector(new double[] {1, 1e-3, 1e-9}).mmult(q2);
        SVD svd = SVD.of(a);
        assertEquals(3, svd.rank());
        assertEquals(2, svd.rank(1e-6));
        // ||A+||_2 = 1/s_3; s_3 = 1e-9 is known to absolute accuracy ~ backward * s_1, relative 1e9 times that
        double relS3 = backward(5, 3) * 1e9;
        assertEquals(1e9, TestMatrices.norm2(svd.pinv()), 1e9 * relS3);
        // rcond = 1e-6 drops 1e-9: ||A+||_2 = 1/s_2 = 1e3
        assertEquals(1e3, TestMatrices.norm2(svd.pinv(1e-6)), 1e3 * backward(5, 3) * 1e3);
        // the cut-off is "<=": rcond exactly s_2/s_1 drops s_2 too, leaving ||A+||_2 = 1/s_1
        double[] s = svd.singularValues();
        assertEquals(1 / s[0], TestMatrices.norm2(svd.pinv(s[1] / s[0])), backward(5, 3));
        // solve uses the same cut-off: b = u_2 maps to v_2 / s_2 by default and to 0 when s_2 is dropped
        double[] u2 = svd.u().columnArray(1);
        double[] x = svd.solve(u2);
        double[] v2 = svd.v().columnArray(1);
        // rounding in U'b leaves eps-sized components along u_3, amplified by 1/s_3: error ~ eps ||b|| ||A+||
        for (int i = 0; i < 3; i++) {
            assertEquals(v2[i] / s[1], x[i], backward(5, 3) / s[2]);
        }
        assertTrue(Matrix.columnVector(svd.solve(u2, s[1] / s[0])).normMax() <= backward(5, 3));
        assertEquals(Math.max(5, 3) * EPS, svd.defaultRcond());
    }

    // ------------------------------------------------------------------ least squares

    @ParameterizedTest
    @CsvSource({"12, 5, 5", "5, 12, 5", "7, 7, 7", "12, 7, 4", "7, 12, 3", "8, 8, 3"})
    void solveGivesMinimumNormLeastSquares(int m, int n, int r) {
        Matrix a = lowRank(m, n, r, 77L * m + n + r);
        Matrix b = randn(m, 3, 5L + m);
        SVD svd = SVD.of(a);
        Matrix x = svd.solve(b);
        assertEquals(n, x.rows());
        assertEquals(3, x.cols());
        double[] s = svd.singularValues();
        double kappa = s[0] / s[r - 1];
        double scale = a.normFrobenius() * (a.normFrobenius() * x.normFrobenius() + b.normFrobenius());
        // normal equations: the residual is orthogonal to the range of A
        Matrix grad = a.tmmul(a.mmul(x).sub(b));
        assertTrue(grad.normFrobenius() <= backward(m, n) * kappa * scale, "A'(Ax - b) = " + grad.normFrobenius());
        // minimum norm: x lies in the row space of A, i.e. V_r V_r' x = x
        Matrix vr = svd.v().block(0, 0, n, r);
        Matrix proj = vr.mmul(vr.tmmul(x));
        assertTrue(proj.sub(x).normFrobenius() <= backward(m, n) * kappa * x.normFrobenius());
        // same as pinv(A) b: ||delta A+||_2 <~ kappa ||A+||_2 * eps-level, applied to b
        Matrix pinv = svd.pinv();
        Matrix viaPinv = pinv.mmul(b);
        double pinvScale = TestMatrices.norm2(pinv) * b.normFrobenius();
        assertTrue(viaPinv.sub(x).normFrobenius() <= backward(m, n) * kappa * pinvScale);
        // vector form agrees with the matrix form column by column
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(x.columnArray(j), svd.solve(b.columnArray(j)), backward(m, n) * pinvScale);
        }
        assertEquals(0, Linalg.lstsqSvd(a, b).maxAbsDiff(x));
        assertArrayEquals(x.columnArray(0), Linalg.lstsqSvd(a, b.columnArray(0)));
    }

    // ------------------------------------------------------------------ low rank

    @Test
    void lowRankTailErrorAndTruncate() {
        Matrix a = randn(10, 7, 11);
        SVD svd = SVD.of(a);
        double[] s = svd.singularValues();
        for (int k = 0; k <= 7; k++) {
            Matrix ak = svd.lowRank(k);
            assertEquals(10, ak.rows());
            assertEquals(7, ak.cols());
            double err = a.sub(ak).normFrobenius();
            assertEquals(svd.tailError(k), err, backward(10, 7) * a.normFrobenius(), "k = " + k);
            assertEquals(k, k == 0 ? 0 : SVD.of(ak).rank(), "rank of lowRank(" + k + ")");
            if (k >= 1) {
                SVD t = svd.truncate(k);
                assertEquals(k < 7, t.isTruncated());
                assertEquals(k, t.singularValues().length);
                assertEquals(k, t.u().cols());
                assertEquals(k, t.v().cols());
                assertArrayEquals(java.util.Arrays.copyOf(s, k), t.singularValues());
                assertEquals(0, t.lowRank(k).maxAbsDiff(ak));
                assertEquals(k, t.rank());
                assertEquals(k < 7 ? Double.POSITIVE_INFINITY : svd.cond(), t.cond());
                assertEquals(s[0], t.norm2());
                // the truncated SVD is the exact SVD of A_k: its pinv satisfies the Penrose conditions for A_k
                double[] e = penroseErrors(ak, t.pinv());
                for (double x : e) {
                    assertTrue(x <= backward(10, 7) * s[0] / s[k - 1]);
                }
                // tail error inside a truncated SVD: relative to A_k
                assertEquals(0, t.tailError(k));
                if (k >= 2) {
                    assertEquals(Math.sqrt(sumSq(s, 1, k)), t.tailError(1), 1e-14 * s[0]);
                }
            }
        }
        assertEquals(0, svd.tailError(7));
        assertEquals(Math.sqrt(sumSq(s, 0, 7)), svd.tailError(0), 1e-14 * a.normFrobenius());
        assertEquals(a.normFrobenius(), svd.tailError(0), backward(10, 7) * a.normFrobenius());
        assertEquals(0, Linalg.lowRank(a, 3).maxAbsDiff(svd.lowRank(3)));
    }

    private static double sumSq(double[] s, int from, int to) {
        double t = 0;
        for (int i = from; i < to; i++) {
            t += s[i] * s[i];
        }
        return t;
    }

    @Test
    void tailErrorDoesNotOverflowOrUnderflow() {
        for (double scale : new double[] {1e-300, 1e300}) {
            SVD svd = SVD.of(Matrix.diag(3, 4).scale(scale));
            assertEquals(3 * scale, svd.tailError(1), 4 * EPS * 3 * scale);
            assertEquals(5 * scale, svd.tailError(0), 4 * EPS * 5 * scale);
        }
    }

    @Test
    void fullSvdLowRankUsesTheFirstColumns() {
        Matrix a = randn(4, 9, 12);
        SVD full = SVD.full(a);
        SVD thin = SVD.of(a);
        for (int k = 0; k <= 4; k++) {
            assertTrue(full.lowRank(k).maxAbsDiff(thin.lowRank(k)) <= backward(4, 9) * thin.norm2());
        }
        Matrix p = thin.pinv();
        assertTrue(TestMatrices.norm2(full.pinv().sub(p)) <= 2 * backward(4, 9) * thin.cond() * TestMatrices.norm2(p));
    }

    // ------------------------------------------------------------------ bad input

    private static <T extends Throwable> String message(Class<T> type, org.junit.jupiter.api.function.Executable e) {
        return assertThrows(type, e).getMessage();
    }

    @Test
    void rejectsNonFiniteInput() {
        Matrix a = randn(4, 3, 1);
        a.set(1, 2, Double.NaN);
        String msg = message(IllegalArgumentException.class, () -> SVD.of(a));
        assertTrue(msg.contains("NaN") && msg.contains("(1, 2)") && msg.contains("4x3"), msg);
        Matrix b = randn(3, 5, 1);
        b.set(2, 0, Double.POSITIVE_INFINITY);
        msg = message(IllegalArgumentException.class, () -> SVD.full(b));
        assertTrue(msg.contains("Infinity") && msg.contains("(2, 0)"), msg);
        msg = message(IllegalArgumentException.class, () -> SVD.values(b));
        assertTrue(msg.contains("Infinity") && msg.contains("(2, 0)"), msg);
        msg = message(IllegalArgumentException.class, () -> Linalg.pinv(a));
        assertTrue(msg.contains("NaN"), msg);
        msg = message(IllegalArgumentException.class, () -> Linalg.rank(b));
        assertTrue(msg.contains("Infinity"), msg);
    }

    @Test
    void rejectsEmptyInput() {
        for (Matrix e : new Matrix[] {Matrix.zeros(0, 3), Matrix.zeros(3, 0), Matrix.zeros(0, 0)}) {
            String msg = message(IllegalArgumentException.class, () -> SVD.of(e));
            assertTrue(msg.contains("non-empty") && msg.contains(e.rows() + "x" + e.cols()), msg);
            message(IllegalArgumentException.class, () -> SVD.full(e));
            message(IllegalArgumentException.class, () -> SVD.values(e));
            message(IllegalArgumentException.class, () -> Linalg.cond(e));
            message(IllegalArgumentException.class, () -> Linalg.norm2(e));
        }
    }

    @Test
    void rejectsBadArguments() {
        SVD svd = SVD.of(randn(6, 4, 2));
        for (int k : new int[] {-1, 5}) {
            String msg = message(IllegalArgumentException.class, () -> svd.lowRank(k));
            assertTrue(msg.contains("k = " + k) && msg.contains("[0, 4]"), msg);
            msg = message(IllegalArgumentException.class, () -> svd.tailError(k));
            assertTrue(msg.contains("k = " + k) && msg.contains("[0, 4]"), msg);
        }
        String msg = message(IllegalArgumentException.class, () -> svd.truncate(0));
        assertTrue(msg.contains("k = 0") && msg.contains("[1, 4]"), msg);
        SVD t = svd.truncate(2);
        msg = message(IllegalArgumentException.class, () -> t.lowRank(3));
        assertTrue(msg.contains("k = 3") && msg.contains("[0, 2]") && msg.contains("truncated"), msg);
        msg = message(IllegalArgumentException.class, () -> svd.rank(-1));
        assertTrue(msg.contains("tol") && msg.contains("-1"), msg);
        message(IllegalArgumentException.class, () -> svd.rank(Double.NaN));
        msg = message(IllegalArgumentException.class, () -> svd.pinv(Double.NaN));
        assertTrue(msg.contains("rcond") && msg.contains("NaN"), msg);
        message(IllegalArgumentException.class, () -> svd.pinv(-0.1));
        msg = message(IllegalArgumentException.class, () -> svd.solve(new double[5]));
        assertTrue(msg.contains("length 5") && msg.contains("6x4"), msg);
        msg = message(IllegalArgumentException.class, () -> svd.solve(Matrix.zeros(4, 2)));
        assertTrue(msg.contains("4x2") && msg.contains("6x4"), msg);
        double[] nanB = new double[6];
        nanB[3] = Double.NaN;
        msg = message(IllegalArgumentException.class, () -> svd.solve(nanB));
        assertTrue(msg.contains("NaN") && msg.contains("(3, 0)"), msg);
        message(IllegalArgumentException.class, () -> Linalg.lowRank(randn(3, 3, 1), 4));
        message(IllegalArgumentException.class, () -> Linalg.lstsqSvd(randn(3, 3, 1), Matrix.zeros(2, 1)));
    }

    @Test
    void fullSvdTooLargeForAnArrayIsRejectedClearly() {
        Matrix tall = Matrix.constant(50_000, 1, 1.0); // U would be 50000 x 50000 = 2.5e9 entries
        String msg = message(IllegalArgumentException.class, () -> SVD.full(tall));
        assertTrue(msg.contains("50000x1") && msg.contains("SVD.of"), msg);
        // the thin SVD of the same matrix is fine: one singular value sqrt(50000)
        assertEquals(Math.sqrt(50_000), SVD.values(tall)[0], backward(50_000, 1) * Math.sqrt(50_000));
    }

    @Test
    void nonConvergenceMessage() {
        // dgesdd and dgesvd practically never fail on finite input; the message is checked directly
        ArithmeticException e = SVD.notConverged(3, 10, 7);
        assertTrue(e.getMessage().contains("did not converge") && e.getMessage().contains("10x7")
                && e.getMessage().contains("3 superdiagonal"), e.getMessage());
    }

    @Test
    void toStringDescribesTheDecomposition() {
        String s = SVD.of(lowRank(8, 8, 3, 1)).toString();
        assertTrue(s.contains("8x8") && s.contains("rank 3"), s);
    }
}
