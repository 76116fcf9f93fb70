package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomizedSVDTest {

    /** {@code U diag(s) V'} with random orthonormal U (m x r) and V (n x r). */
    static Matrix withSpectrum(int m, int n, double[] s, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix u = QR.of(Matrix.randn(m, s.length, rng)).q();
        Matrix v = QR.of(Matrix.randn(n, s.length, rng)).q();
        return u.mulRowVector(s).mmult(v);
    }

    @Test
    void recoversAFastDecayingSpectrumToRoundoff() {
        double[] s = new double[60];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.pow(2, -i);
        }
        Matrix a = withSpectrum(200, 120, s, 1);
        int k = 10;
        SVD r = RandomizedSVD.of(a, k, 42);
        double[] got = r.singularValues();
        assertEquals(k, got.length);
        // with q = 7 power iterations the captured subspace error is ~ (s_{k+l}/s_k)^(2q+1) s_k: far below
        // roundoff, so the values agree to the backward error of the dense SVD of the projection
        for (int i = 0; i < k; i++) {
            assertEquals(s[i], got[i], TestMatrices.backward(200, 120) * s[0], "singular value " + i);
        }
        assertTrue(TestMatrices.orthonormalityError(r.u()) < 1e-13);
        assertTrue(TestMatrices.orthonormalityError(r.v()) < 1e-13);
        // the approximation is Eckart–Young optimal: its error is the exact tail
        double err = a.sub(r.u().mulRowVector(got).mmult(r.v())).normFrobenius();
        double tail = SVD.of(a).tailError(k);
        assertEquals(tail, err, 1e-12 * s[0]);
    }

    @Test
    void errorOnASlowSpectrumIsWithinTheHalkoMartinssonTroppBound() {
        Matrix a = Matrix.randn(300, 200, new SplittableRandom(7)); // flat spectrum: the hard case
        int k = 10;
        int p = RandomizedSVD.DEFAULT_OVERSAMPLING;
        int q = 2;
        SVD r = RandomizedSVD.of(a, k, p, q, 3);
        double[] exact = SVD.values(a);
        Matrix approx = r.u().mulRowVector(r.singularValues()).mmult(r.v());
        double err2 = SVD.values(a.sub(approx))[0];
        // HMT 2011, eq. (1.11) (sampling k + p columns with p = k = 10):
        // E||A - QQ'A|| <= (1 + 4 sqrt(2 min(m,n) / (k - 1)))^(1/(2q+1)) s_{k+1}; truncating the SVD of
        // B = Q'A to rank k adds at most s_{k+1} more (HMT section 9.4)
        double factor = Math.pow(1 + 4 * Math.sqrt(2.0 * 200 / (p - 1)), 1.0 / (2 * q + 1));
        assertTrue(err2 <= (factor + 1) * exact[k], err2 + " > " + (factor + 1) * exact[k]);
        assertTrue(err2 >= exact[k] * (1 - 1e-12), "no rank-k matrix beats Eckart–Young");
        for (int i = 0; i < k; i++) {
            assertTrue(r.singularValues()[i] <= exact[i] * (1 + 1e-12), "projection cannot increase singular values");
        }
    }

    @Test
    void deterministicForASeed() {
        Matrix a = Matrix.randn(80, 50, new SplittableRandom(2));
        SVD r1 = RandomizedSVD.of(a, 5, 9);
        SVD r2 = RandomizedSVD.of(a, 5, 9);
        assertEquals(0, r1.u().maxAbsDiff(r2.u()));
        assertEquals(0, r1.vt().maxAbsDiff(r2.vt()));
        assertEquals(5, r1.singularValues().length);
        assertTrue(r1.isTruncated());
    }

    @Test
    void fullRankRequestIsExact() {
        Matrix a = Matrix.randn(30, 12, new SplittableRandom(4));
        SVD r = RandomizedSVD.of(a, 12, 10, 0, 1);
        double[] exact = SVD.values(a);
        for (int i = 0; i < 12; i++) {
            assertEquals(exact[i], r.singularValues()[i], TestMatrices.backward(30, 12) * exact[0]);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Matrix a = Matrix.randn(10, 6, new SplittableRandom(1));
        String m = assertThrows(IllegalArgumentException.class, () -> RandomizedSVD.of(a, 7, 1)).getMessage();
        assertTrue(m.contains("k = 7") && m.contains("[1, 6]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> RandomizedSVD.of(a, 2, -1, 1, 1)).getMessage();
        assertTrue(m.contains("oversampling = -1"), m);
        m = assertThrows(IllegalArgumentException.class, () -> RandomizedSVD.of(a, 2, 1, -2, 1)).getMessage();
        assertTrue(m.contains("power_iterations = -2"), m);
        Matrix bad = a.copy();
        bad.set(3, 2, Double.POSITIVE_INFINITY);
        m = assertThrows(IllegalArgumentException.class, () -> RandomizedSVD.of(bad, 2, 1)).getMessage();
        assertTrue(m.contains("(3, 2)"), m);
    }
}
