package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.backward;
import static dev.derive.linalg.TestMatrices.orthonormalityError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the SVD, the symmetric and general eigendecompositions and Tikhonov over random matrices.
 * Each property draws a shape, a seed (the matrix is built from a {@link SplittableRandom}) and, where
 * it matters, a scale {@code 2^e}, so that the same checks run across magnitudes. The checks live in
 * plain static methods; the jqwik methods only draw the arguments.
 */
class SvdEigenPropertiesTest {

    private static Matrix matrix(int m, int n, long seed, int scaleExp) {
        return Matrix.randn(m, n, new SplittableRandom(seed)).scale(Math.scalb(1.0, scaleExp));
    }

    // ------------------------------------------------------------------ SVD

    @Property(tries = 200)
    void thinSvdReconstructs(@ForAll @IntRange(min = 1, max = 14) int m, @ForAll @IntRange(min = 1, max = 14) int n,
                             @ForAll long seed, @ForAll @IntRange(min = -300, max = 300) int e) {
        Matrix a = matrix(m, n, seed, e);
        SVD svd = SVD.of(a);
        assertTrue(TestMatrices.relativeReconstructionError(a, svd) <= 1e-12);
        assertTrue(orthonormalityError(svd.u()) <= 1e-12);
        assertTrue(orthonormalityError(svd.v()) <= 1e-12);
    }

    @Property(tries = 200)
    void singularValuesOfTransposeAgree(@ForAll @IntRange(min = 1, max = 14) int m,
                                        @ForAll @IntRange(min = 1, max = 14) int n, @ForAll long seed,
                                        @ForAll @IntRange(min = -300, max = 300) int e) {
        Matrix a = matrix(m, n, seed, e);
        double[] s = SVD.values(a);
        double[] st = SVD.values(a.transpose());
        assertEquals(s.length, st.length);
        // both within Weyl's bound ||E||_2 <= backward * s_1 of the exact values
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i], st[i], 2 * backward(m, n) * s[0], "s_" + i);
        }
    }

    @Property(tries = 200)
    void sumOfSquaredSingularValuesIsFrobeniusNormSquared(@ForAll @IntRange(min = 1, max = 14) int m,
                                                          @ForAll @IntRange(min = 1, max = 14) int n,
                                                          @ForAll long seed,
                                                          @ForAll @IntRange(min = -250, max = 250) int e) {
        Matrix a = matrix(m, n, seed, e);
        double[] s = SVD.values(a);
        double f = a.normFrobenius();
        // sum s_i^2 = ||A + E||_F^2, and | ||A + E||_F^2 - ||A||_F^2 | <~ 2 ||E||_F ||A||_F; scaled by s_1 to stay in range
        double sum = 0;
        for (double x : s) {
            sum += (x / s[0]) * (x / s[0]);
        }
        double expected = (f / s[0]) * (f / s[0]);
        assertEquals(expected, sum, 2 * backward(m, n) * expected);
    }

    /**
     * Eckart–Young–Mirsky: {@code ||A - A_k||_F = tailError(k)} and {@code ||A - A_k||_2 = s_{k+1}}. The
     * difference {@code A - A_k} is formed explicitly, so both sides agree to {@code eps ||A||}, not to eps
     * relative to the (possibly tiny) tail.
     */
    static void checkEckartYoung(Matrix a, int k) {
        int m = a.rows();
        int n = a.cols();
        SVD svd = SVD.of(a);
        double[] s = svd.singularValues();
        Matrix diff = a.sub(svd.lowRank(k));
        double fro = diff.normFrobenius();
        assertEquals(svd.tailError(k), fro, backward(m, n) * a.normFrobenius(), "Frobenius error, k = " + k);
        double two = diff.normMax() == 0 ? 0 : SVD.values(diff)[0];
        double expected = k < s.length ? s[k] : 0;
        assertEquals(expected, two, 2 * backward(m, n) * s[0], "spectral error, k = " + k);
        // and no other rank-k matrix does better: a random rank-k competitor has at least this error
        if (k >= 1 && k < s.length) {
            Matrix competitor = TestMatrices.lowRank(m, n, k, k * 31L + m).scale(s[0] / Math.max(m, n));
            assertTrue(a.sub(competitor).normFrobenius() >= svd.tailError(k) * (1 - backward(m, n)));
        }
    }

    @Property(tries = 200)
    void eckartYoung(@ForAll @IntRange(min = 1, max = 12) int m, @ForAll @IntRange(min = 1, max = 12) int n,
                     @ForAll long seed, @ForAll @IntRange(min = 0, max = 12) int kRaw,
                     @ForAll @IntRange(min = -200, max = 200) int e) {
        int k = kRaw % (Math.min(m, n) + 1);
        checkEckartYoung(matrix(m, n, seed, e), k);
    }

    @Property(tries = 150)
    void rankOfRandomLowRankProductsIsExact(@ForAll @IntRange(min = 1, max = 15) int m,
                                            @ForAll @IntRange(min = 1, max = 15) int n,
                                            @ForAll @IntRange(min = 1, max = 15) int rRaw, @ForAll long seed,
                                            @ForAll @IntRange(min = -300, max = 300) int e) {
        int r = 1 + (rRaw - 1) % Math.min(m, n);
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = Matrix.randn(m, r, rng).mmul(Matrix.randn(r, n, rng)).scale(Math.scalb(1.0, e));
        double[] s = SVD.values(a);
        // exact rank needs the true s_r well above the tolerance; Gaussian factors give that except with
        // vanishing probability, which Assume turns into a skipped try instead of a false failure
        Assume.that(s[r - 1] > 1e-8 * s[0]);
        assertEquals(r, SVD.of(a).rank());
        assertEquals(r, Linalg.rank(a));
    }

    @Property(tries = 150)
    void pinvSatisfiesPenroseConditions(@ForAll @IntRange(min = 1, max = 12) int m,
                                        @ForAll @IntRange(min = 1, max = 12) int n,
                                        @ForAll @IntRange(min = 1, max = 12) int rRaw, @ForAll long seed) {
        int r = 1 + (rRaw - 1) % Math.min(m, n);
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = Matrix.randn(m, r, rng).mmul(Matrix.randn(r, n, rng));
        SVD svd = SVD.of(a);
        double[] s = svd.singularValues();
        Assume.that(s[r - 1] > 1e-8 * s[0]);
        double tol = backward(m, n) * s[0] / s[r - 1];
        Matrix p = svd.pinv();
        Matrix ap = a.mmul(p);
        Matrix pa = p.mmul(a);
        assertTrue(ap.mmul(a).sub(a).normFrobenius() <= tol * a.normFrobenius());
        assertTrue(pa.mmul(p).sub(p).normFrobenius() <= tol * p.normFrobenius());
        assertTrue(ap.sub(ap.transpose()).normFrobenius() <= tol * ap.normFrobenius());
        assertTrue(pa.sub(pa.transpose()).normFrobenius() <= tol * pa.normFrobenius());
    }

    // ------------------------------------------------------------------ symmetric eigen

    private static Matrix symmetric(int n, long seed, int e) {
        Matrix b = matrix(n, n, seed, e);
        return b.add(b.transpose()).scale(0.5);
    }

    @Property(tries = 200)
    void symmetricEigenvaluesSumToTheTrace(@ForAll @IntRange(min = 1, max = 14) int n, @ForAll long seed,
                                           @ForAll @IntRange(min = -300, max = 300) int e) {
        Matrix a = symmetric(n, seed, e);
        double[] w = SymmetricEigen.values(a);
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        // each eigenvalue is within ||E||_2 of exact (Weyl), so the sum is within n ||E||_2
        double norm = TestMatrices.norm2(a);
        assertEquals(a.trace(), sum, n * backward(n, n) * norm);
    }

    @Property(tries = 200)
    void symmetricDecompositionIsOrthonormalAndSatisfiesTheEigenEquation(
            @ForAll @IntRange(min = 1, max = 14) int n, @ForAll long seed,
            @ForAll @IntRange(min = -300, max = 300) int e) {
        Matrix a = symmetric(n, seed, e);
        SymmetricEigen eig = SymmetricEigen.of(a);
        assertTrue(SymmetricEigenTest.residual(a, eig) <= 1e-12);
        assertTrue(orthonormalityError(eig.vectors()) <= 1e-12);
    }

    @Property(tries = 200)
    void byIndexReturnsTheRightSubset(@ForAll @IntRange(min = 1, max = 14) int n, @ForAll long seed,
                                      @ForAll @IntRange(min = 0, max = 13) int i,
                                      @ForAll @IntRange(min = 0, max = 13) int j) {
        Matrix a = symmetric(n, seed, 0);
        int first = Math.min(i, j) % n;
        int last = Math.max(first, Math.max(i, j) % n);
        double[] all = SymmetricEigen.of(a).values();
        SymmetricEigen sub = SymmetricEigen.byIndex(a, first, last);
        double[] w = sub.values();
        assertEquals(last - first + 1, w.length);
        double tol = 2 * backward(n, n) * TestMatrices.norm2(a);
        for (int k = 0; k < w.length; k++) {
            assertEquals(all[first + k], w[k], tol);
        }
        assertTrue(SymmetricEigenTest.residual(a, sub) <= 1e-12);
        assertTrue(orthonormalityError(sub.vectors()) <= 1e-12);
    }

    @Property(tries = 200)
    void byValueReturnsTheEigenvaluesInTheInterval(@ForAll @IntRange(min = 1, max = 14) int n, @ForAll long seed,
                                                   @ForAll @IntRange(min = 0, max = 13) int i,
                                                   @ForAll @IntRange(min = 0, max = 13) int j) {
        Matrix a = symmetric(n, seed, 0);
        int first = Math.min(i, j) % n;
        int last = Math.max(first, Math.max(i, j) % n);
        double[] all = SymmetricEigen.of(a).values();
        double tol = 2 * backward(n, n) * TestMatrices.norm2(a);
        // bounds in the middle of the gaps next to the selected eigenvalues (infinite at the ends); a gap
        // within rounding of zero cannot separate eigenvalues reliably, so such draws are skipped
        double lower = first == 0 ? Double.NEGATIVE_INFINITY : 0.5 * (all[first - 1] + all[first]);
        double upper = last == n - 1 ? Double.POSITIVE_INFINITY : 0.5 * (all[last] + all[last + 1]);
        Assume.that(first == 0 || all[first] - all[first - 1] > 4 * tol);
        Assume.that(last == n - 1 || all[last + 1] - all[last] > 4 * tol);
        SymmetricEigen sub = SymmetricEigen.byValue(a, lower, upper);
        double[] w = sub.values();
        assertEquals(last - first + 1, w.length, "interval (" + lower + ", " + upper + "]");
        for (int k = 0; k < w.length; k++) {
            assertEquals(all[first + k], w[k], tol);
        }
        assertTrue(SymmetricEigenTest.residual(a, sub) <= 1e-12);
    }

    // ------------------------------------------------------------------ general eigen

    @Property(tries = 200)
    void generalEigenpairsSatisfyTheEigenEquation(@ForAll @IntRange(min = 1, max = 14) int n, @ForAll long seed,
                                                  @ForAll @IntRange(min = -300, max = 300) int e) {
        Matrix a = matrix(n, n, seed, e);
        Eigen eig = Eigen.of(a);
        assertTrue(EigenTest.maxResidual(a, eig) <= 1e-12);
        EigenTest.assertUnitVectorsAndPairs(eig);
        // the eigenvalues sum to the trace; each is within kappa_i ||E|| of exact, so allow the general bound
        // with the eigenvalue condition numbers replaced by the eigenvector matrix's condition (Bauer–Fike)
        double sum = 0;
        for (double x : eig.real()) {
            sum += x;
        }
        double kv = complexCond(eig.vectorsReal(), eig.vectorsImag());
        Assume.that(Double.isFinite(kv) && kv < 1e8);
        assertEquals(a.trace(), sum, n * backward(n, n) * kv * a.normFrobenius());
    }

    /**
     * The 2-norm condition number of the complex matrix {@code R + iI}, from its real embedding
     * {@code [[R, -I], [I, R]]}, whose singular values are those of {@code R + iI}, each twice.
     */
    static double complexCond(Matrix re, Matrix im) {
        int n = re.rows();
        Matrix big = Matrix.zeros(2 * n, 2 * n);
        big.block(0, 0, n, n).assign(re);
        big.block(0, n, n, n).assign(im.negate());
        big.block(n, 0, n, n).assign(im);
        big.block(n, n, n, n).assign(re);
        return SVD.of(big).cond();
    }

    // ------------------------------------------------------------------ Tikhonov

    @Property(tries = 150)
    void tikhonovSolutionZeroesTheGradient(@ForAll @IntRange(min = 1, max = 12) int m,
                                           @ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed,
                                           @ForAll @DoubleRange(min = -12, max = 6) double log10Alpha) {
        Matrix a = matrix(m, n, seed, 0);
        Matrix b = matrix(m, 2, seed + 1, 0);
        double alpha = Math.pow(10, log10Alpha);
        Tikhonov t = Tikhonov.of(a);
        Matrix x = t.solve(b, alpha);
        double na = TestMatrices.norm2(a);
        Matrix grad = a.tmmul(a.mmul(x).sub(b)).add(x.scale(alpha));
        double scale = na * (na * x.normFrobenius() + b.normFrobenius()) + alpha * x.normFrobenius();
        assertTrue(grad.normFrobenius() <= backward(m, n) * scale);
        for (double f : t.filterFactors(alpha)) {
            assertTrue(f >= 0 && f < 1);
        }
    }
}
