package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.EPS;
import static dev.derive.linalg.TestMatrices.WELL_CONDITIONED_COND;
import static dev.derive.linalg.TestMatrices.assertBelow;
import static dev.derive.linalg.TestMatrices.relErr;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Algebraic properties of the decompositions on random matrices. Each property draws a size and a seed;
 * the matrices are built deterministically from the seed (see {@link TestMatrices#wellConditioned}), and
 * jqwik's own seed is fixed so every run tries the same cases. Tolerances are first-order error bounds
 * {@code c * n * eps * cond} with {@code c = 10} and the generator's guaranteed condition bound.
 */
class DecompositionPropertiesTest {

    private static final String SEED = "20240611";
    private static final double K = WELL_CONDITIONED_COND;

    @Property(tries = 60, seed = SEED)
    void detOfProductIsProductOfDets(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed) {
        Matrix a = TestMatrices.wellConditioned(n, seed);
        Matrix b = TestMatrices.wellConditioned(n, seed * 31 + 17);
        double dab = LU.of(a.mmul(b)).det();
        double expected = LU.of(a).det() * LU.of(b).det();
        // relative error of a computed det: <= n * cond * (c n eps), for A, B and AB (cond(AB) <= K^2)
        assertBelow(Math.abs(dab / expected - 1), 10 * n * n * EPS * (2 * K + K * K), "det(AB)/(det A det B) - 1");
    }

    @Property(tries = 60, seed = SEED)
    void solveInvertsMultiplication(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        Matrix a = TestMatrices.wellConditioned(n, seed);
        Matrix x = Matrix.randn(n, 3, new SplittableRandom(seed + 1));
        LU lu = LU.of(a);
        assertBelow(relErr(lu.solve(a.mmul(x)), x), 10 * n * EPS * K, "solve(A, A x) vs x");
        double[] v = x.columnArray(0);
        assertBelow(relErr(lu.solve(a.mvmul(v)), v), 10 * n * EPS * K, "vector solve(A, A x) vs x");
    }

    @Property(tries = 60, seed = SEED)
    void inverseTimesMatrixIsIdentity(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        Matrix a = TestMatrices.wellConditioned(n, seed);
        Matrix inv = LU.of(a).inverse();
        assertBelow(inv.mmul(a).sub(Matrix.identity(n)).normMax(), 10 * n * EPS * K, "|A^-1 A - I|_max");
    }

    @Property(tries = 60, seed = SEED)
    void choleskyOfGramPlusIdentity(@ForAll @IntRange(min = 1, max = 10) int n,
                                    @ForAll @IntRange(min = 0, max = 5) int extraRows, @ForAll long seed) {
        Matrix b = Matrix.randn(n + extraRows, n, new SplittableRandom(seed));
        Matrix a = b.gram().addi(Matrix.identity(n));
        Cholesky c = Cholesky.of(a);
        Matrix l = c.l();
        assertBelow(relErr(l.mmult(l), a), 10 * n * EPS, "||A - LL'|| / ||A||");
        // eigenvalues of B'B + I lie in [1, 1 + ||B||_2^2], so cond2 <= 1 + ||B||_F^2
        double cond = 1 + b.normFrobenius() * b.normFrobenius();
        double logAbsDet = LU.of(a).logAbsDet();
        assertBelow(Math.abs(c.logDet() - logAbsDet), 10 * n * n * EPS * cond, "Cholesky logDet vs LU logAbsDet");
    }

    @Property(tries = 60, seed = SEED)
    void leastSquaresSatisfiesNormalEquations(@ForAll @IntRange(min = 1, max = 8) int n,
                                              @ForAll @IntRange(min = 0, max = 12) int extraRows,
                                              @ForAll boolean pivoted, @ForAll long seed) {
        int m = n + extraRows;
        SplittableRandom rng = new SplittableRandom(seed);
        // a square Gaussian matrix can be arbitrarily ill-conditioned; I + E (as in wellConditioned) on top of
        // Gaussian extra rows keeps it full rank, which the unpivoted solve needs
        Matrix a = Matrix.zeros(m, n);
        a.block(0, 0, n, n).assign(TestMatrices.wellConditioned(n, seed));
        if (extraRows > 0) {
            a.block(n, 0, extraRows, n).assign(Matrix.randn(extraRows, n, rng));
        }
        double[] b = Matrix.randn(m, 1, rng).columnArray(0);
        QR qr = pivoted ? QR.pivoted(a) : QR.of(a);
        double[] x = qr.solve(b);
        double[] r = a.mvmul(x);
        for (int i = 0; i < m; i++) {
            r[i] -= b[i];
        }
        double[] normal = a.tmvmul(r);
        // backward stability: x solves (A + dA) x ~ b + db exactly with |dA| <= c m n eps |A|, so
        // |A'(Ax - b)| <= c m n eps ||A|| (||r|| + ||A|| ||x||)
        double na = a.normFrobenius();
        assertBelow(TestMatrices.norm2(normal),
                10 * m * n * EPS * na * (TestMatrices.norm2(r) + na * TestMatrices.norm2(x)), "||A'(Ax - b)||");
    }

    @Property(tries = 60, seed = SEED)
    void sparseProductsEqualDenseProducts(@ForAll @IntRange(min = 1, max = 30) int rows,
                                          @ForAll @IntRange(min = 1, max = 30) int cols,
                                          @ForAll @IntRange(min = 0, max = 200) int count, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        SparseMatrix s = SparseMatrixTest.random(rows, cols, count, rng);
        Matrix d = s.toDense();
        double[] x = Matrix.randn(cols, 1, rng).columnArray(0);
        double[] y = Matrix.randn(rows, 1, rng).columnArray(0);
        SparseMatrixTest.assertClose(s.mvmul(x), d.mvmul(x), SparseMatrixTest.absProduct(d, x, false), cols);
        SparseMatrixTest.assertClose(s.tmvmul(y), d.tmvmul(y), SparseMatrixTest.absProduct(d, y, true), rows);
        Matrix b = Matrix.randn(cols, 2, rng);
        Matrix sb = s.mmul(b);
        Matrix c = Matrix.randn(rows, 2, rng);
        Matrix tc = s.tmmul(c);
        for (int k = 0; k < 2; k++) {
            SparseMatrixTest.assertClose(sb.columnArray(k), d.mmul(b).columnArray(k),
                    SparseMatrixTest.absProduct(d, b.columnArray(k), false), cols);
            SparseMatrixTest.assertClose(tc.columnArray(k), d.tmmul(c).columnArray(k),
                    SparseMatrixTest.absProduct(d, c.columnArray(k), true), rows);
        }
        // round trips are exact
        assertBelow(SparseMatrix.fromDense(d).toDense().maxAbsDiff(d), 0, "fromDense round trip");
        assertBelow(s.transpose().transpose().toDense().maxAbsDiff(d), 0, "transpose twice");
        SparseMatrix csr = SparseMatrix.ofCsr(rows, cols, s.rowPointers(), s.columnIndices(), s.values());
        assertBelow(csr.toDense().maxAbsDiff(d), 0, "ofCsr of the accessors");
    }
}
