package dev.derive.linalg;

import static dev.derive.linalg.TestMatrices.EPS;
import static dev.derive.linalg.TestMatrices.backward;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compares with numpy 1.24 / scipy 1.10 values recorded by {@code tools/gen_linalg_svd_eig_fixtures.py}.
 * Both sides are backward stable, each exact for {@code A + E} with {@code ||E|| <= backward * ||A||}, so
 * every tolerance is twice that backward error propagated through the condition number of the quantity
 * compared: Weyl's inequality for singular values and symmetric eigenvalues, the sin(theta) theorem for
 * eigenvectors, the pseudo-inverse and least-squares perturbation bounds, and first-order eigenvalue
 * condition numbers {@code 1/|y'x|} (recorded in the fixture) for general eigenvalues.
 */
class SvdEigenReferenceTest {

    private static final Fixtures F = Fixtures.load("linalg_svd_eig.txt");

    @ParameterizedTest
    @ValueSource(strings = {"tall", "wide", "square", "hilbert8", "rankdef8", "rankdef12x7", "rankdef5x9"})
    void svdMatchesNumpy(String name) {
        Matrix a = F.matrix(name + ".a");
        int m = a.rows();
        int n = a.cols();
        SVD svd = SVD.of(a);
        double[] s = svd.singularValues();
        double[] ref = F.vector(name + ".s");
        double e = 2 * backward(m, n) * ref[0]; // bound on |s_i - s_i(ref)|
        assertEquals(ref.length, s.length);
        for (int i = 0; i < s.length; i++) {
            assertEquals(ref[i], s[i], e, name + " s_" + i);
        }
        int r = (int) F.scalar(name + ".rank");
        assertEquals(r, svd.rank(), name + " rank");
        assertEquals(r, Linalg.rank(a), name + " rank (facade)");

        double refCond = F.scalar(name + ".cond");
        if (r == Math.min(m, n)) {
            // d(cond)/cond <= |ds_1|/s_1 + |ds_k|/s_k <= 2 e / s_k
            double tol = 2 * e / ref[ref.length - 1] * refCond;
            assertEquals(refCond, svd.cond(), tol, name + " cond");
            assertEquals(refCond, Linalg.cond(a), tol, name + " cond (facade)");
        } else {
            // s_min is rounding noise on both sides: its value is meaningless, only that it lies below the
            // rank tolerance, i.e. cond > 1 / (max(m, n) eps)
            assertTrue(svd.cond() > 1 / (Math.max(m, n) * EPS), name + " cond = " + svd.cond());
            assertTrue(refCond > 1 / (Math.max(m, n) * EPS));
        }
        assertEquals(ref[0], Linalg.norm2(a), e);

        // pseudo-inverse: ||A+ - A+(ref)||_2 <~ kappa_r ||A+||_2 (2 backward); kappa_r = s_1 / s_r
        double kappa = ref[0] / ref[r - 1];
        Matrix pinvRef = F.matrix(name + ".pinv");
        Matrix p = svd.pinv();
        double pn = 1 / ref[r - 1];
        assertTrue(TestMatrices.norm2(p.sub(pinvRef)) <= 2 * backward(m, n) * kappa * pn,
                name + " pinv: " + TestMatrices.norm2(p.sub(pinvRef)) / pn + " relative");
        assertEquals(0, Linalg.pinv(a).maxAbsDiff(p));

        // minimum-norm least squares: ||dx|| <~ eps (kappa ||A+|| ||b|| + kappa^2 ||r|| / ||A||)
        // (Golub and Van Loan, Theorem 5.3.1, with ||x|| / cos(theta) <= ||A+|| ||b||)
        Matrix b = F.matrix(name + ".b");
        Matrix xRef = F.matrix(name + ".x");
        Matrix x = svd.solve(b);
        double rNorm = a.mmul(xRef).sub(b).normFrobenius();
        double tol = 2 * backward(m, n) * (kappa * pn * b.normFrobenius() + kappa * kappa * rNorm / ref[0]);
        assertTrue(x.sub(xRef).normFrobenius() <= tol, name + " lstsq: " + x.sub(xRef).normFrobenius() + " > " + tol);
        assertEquals(0, Linalg.lstsqSvd(a, b).maxAbsDiff(x));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sym7", "symhilbert10"})
    void symmetricEigenMatchesNumpyAndScipy(String name) {
        Matrix a = F.matrix(name + ".a");
        int n = a.rows();
        double[] wRef = F.vector(name + ".w");
        double norm = Math.max(Math.abs(wRef[0]), Math.abs(wRef[n - 1]));
        double e = 2 * backward(n, n) * norm;
        SymmetricEigen eig = SymmetricEigen.of(a);
        double[] w = eig.values();
        for (int i = 0; i < n; i++) {
            assertEquals(wRef[i], w[i], e, name + " w_" + i);
        }
        double[] wv = SymmetricEigen.values(a);
        for (int i = 0; i < n; i++) {
            assertEquals(wRef[i], wv[i], e, name + " values() w_" + i);
        }
        // eigenvectors up to sign, within ||E|| / gap (Davis–Kahan)
        Matrix vRef = F.matrix(name + ".v");
        Matrix v = eig.vectors();
        for (int j = 0; j < n; j++) {
            double gap = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (i != j) {
                    gap = Math.min(gap, Math.abs(wRef[i] - wRef[j]));
                }
            }
            double dot = 0;
            for (int i = 0; i < n; i++) {
                dot += v.get(i, j) * vRef.get(i, j);
            }
            double sign = Math.signum(dot);
            double d = 0;
            for (int i = 0; i < n; i++) {
                double x = v.get(i, j) - sign * vRef.get(i, j);
                d += x * x;
            }
            assertTrue(Math.sqrt(d) <= 2 * e / gap, name + " vector " + j + ": " + Math.sqrt(d) + ", gap " + gap);
        }
        // subset_by_index
        double[] idx = F.vector(name + ".idx");
        double[] wIdx = F.vector(name + ".w_idx");
        SymmetricEigen byIndex = SymmetricEigen.byIndex(a, (int) idx[0], (int) idx[1]);
        assertEquals(wIdx.length, byIndex.count());
        for (int i = 0; i < wIdx.length; i++) {
            assertEquals(wIdx[i], byIndex.values()[i], e, name + " byIndex " + i);
        }
        // subset_by_value: (lower, upper] with bounds mid-gap, so both sides select the same eigenvalues
        double[] val = F.vector(name + ".val");
        double[] wVal = F.vector(name + ".w_val");
        SymmetricEigen byValue = SymmetricEigen.byValue(a, val[0], val[1]);
        assertEquals(wVal.length, byValue.count());
        for (int i = 0; i < wVal.length; i++) {
            assertEquals(wVal[i], byValue.values()[i], e, name + " byValue " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"genreal", "gencomplex", "genrandom"})
    void generalEigenvaluesMatchNumpy(String name) {
        Matrix a = F.matrix(name + ".a");
        int n = a.rows();
        double[] re = F.vector(name + ".re");
        double[] im = F.vector(name + ".im");
        double[] econd = F.vector(name + ".econd");
        Eigen eig = Eigen.of(a);
        double[] r = eig.real();
        double[] c = eig.imag();
        double norm = TestMatrices.norm2(a);
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            // the nearest unused computed eigenvalue must lie within 2 kappa_i ||E|| of the reference
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                double d = Math.hypot(r[j] - re[i], c[j] - im[i]);
                if (!used[j] && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            used[best] = true;
            double tol = 2 * backward(n, n) * norm * econd[i];
            assertTrue(bestD <= tol, name + " eigenvalue " + re[i] + " + " + im[i] + "i: distance " + bestD + " > " + tol);
            // the real/complex classification agrees exactly
            assertEquals(im[i] == 0, c[best] == 0, name + " eigenvalue " + i + " real vs complex");
        }
        boolean refReal = true;
        for (double x : im) {
            refReal &= x == 0;
        }
        assertEquals(refReal, eig.isReal());
        if (name.equals("genreal")) {
            assertTrue(eig.isReal());
        } else {
            assertFalse(eig.isReal());
        }
        assertTrue(EigenTest.maxResidual(a, eig) <= 1e-12);
        // the values-only path agrees to the same bound
        double[][] v = Eigen.values(a);
        for (int i = 0; i < n; i++) {
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                bestD = Math.min(bestD, Math.hypot(v[0][j] - re[i], v[1][j] - im[i]));
            }
            assertTrue(bestD <= 2 * backward(n, n) * norm * econd[i], name + " values() eigenvalue " + i);
        }
    }
}
