package dev.derive.optim.nonconvex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SymmetricEigen;
import dev.derive.optim.GradientDescent;
import dev.derive.optim.OptimResult;
import dev.derive.optim.Quadratic;
import dev.derive.optim.Rosenbrock;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.StopReason;
import dev.derive.optim.TwiceDifferentiableObjective;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Saddle escape on {@code f(x, y) = x^2 - y^2 + y^4/4} (strict saddle at 0 with Hessian diag(2, -2); minima
 * {@code (0, +-sqrt 2)} with value -1 and Hessian diag(2, 4)), and the negative-curvature detector (exact and Lanczos)
 * against LAPACK on known spectra.
 */
class NonConvexTest {

    /** x^2 - y^2 + y^4/4. */
    static final TwiceDifferentiableObjective SADDLE = new TwiceDifferentiableObjective() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double value(double[] p) {
            double y2 = p[1] * p[1];
            return p[0] * p[0] - y2 + y2 * y2 / 4;
        }

        @Override
        public double valueAndGradient(double[] p, double[] g) {
            g[0] = 2 * p[0];
            g[1] = -2 * p[1] + p[1] * p[1] * p[1];
            return value(p);
        }

        @Override
        public void hessian(double[] p, Matrix out) {
            out.set(0, 0, 2);
            out.set(0, 1, 0);
            out.set(1, 0, 0);
            out.set(1, 1, -2 + 3 * p[1] * p[1]);
        }
    };

    static PerturbedGradientDescent practical() {
        // eta = 1/ell with ell = 4 (the curvature at the minima); escape: (1 + 2 eta)^t = 1.5^t grows r = 1e-3 to O(1)
        // in ~17 steps, so 60 steps and a decrease of 1e-3 are ample
        return new PerturbedGradientDescent(0.25, 1e-3, 1e-6, 60, 1e-3, 7, StopCriteria.DEFAULT.withMaxIterations(10_000));
    }

    @Test
    void plainGradientDescentStaysAtTheSaddlePerturbedEscapes() {
        double[] origin = {0, 0};
        OptimResult gd = GradientDescent.defaults().minimize(SADDLE, origin, (k, x, v, g) -> true);
        assertEquals(StopReason.GRADIENT_TOLERANCE, gd.stopReason());
        assertArrayEquals(origin, gd.solution());
        NegativeCurvature.Report atSaddle = NegativeCurvature.exact(SADDLE, gd.solution());
        assertEquals(-2, atSaddle.smallestEigenvalue(), 1e-14);
        assertEquals(1, Math.abs(atSaddle.direction()[1]), 1e-14);
        assertTrue(atSaddle.hasNegativeCurvature(1e-8), "the detector flags GD's answer as a saddle");

        Set<Long> signs = new HashSet<>();
        for (long seed = 0; seed < 8; seed++) {
            OptimResult r = practical().withSeed(seed).minimize(SADDLE, origin);
            assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
            double[] p = r.solution();
            assertEquals(0, p[0], 1e-6, r.toString());
            assertEquals(Math.sqrt(2), Math.abs(p[1]), 1e-6, r.toString());
            assertEquals(-1, r.value(), 1e-12, r.toString());
            assertTrue(r.gradientNorm() <= 1e-6);
            NegativeCurvature.Report atMin = NegativeCurvature.exact(SADDLE, p);
            assertEquals(2, atMin.smallestEigenvalue(), 1e-5);
            assertFalse(atMin.hasNegativeCurvature(1e-8));
            signs.add((long) Math.signum(p[1]));
        }
        assertEquals(2, signs.size(), "the random perturbation reaches both minima over 8 seeds");
        // same seed, same run
        assertArrayEquals(practical().minimize(SADDLE, origin).solution(), practical().minimize(SADDLE, origin).solution());
    }

    @Test
    void theoreticalParametersAlsoEscape() {
        // ell = 4, rho = 6 sqrt 2 (|d^3 f / dy^3| = 6|y| on |y| <= sqrt 2), eps = 1e-2, c = 0.5, delta = 0.1, Df = 1
        PerturbedGradientDescent pgd = PerturbedGradientDescent.theory(2, 4, 6 * Math.sqrt(2), 1e-2, 0.5, 0.1, 1, 3);
        assertTrue(pgd.radius() < 1e-5 && pgd.escapeSteps() > 1000, pgd.toString());
        OptimResult r = pgd.minimize(SADDLE, new double[] {0, 0});
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        // an eps-second-order stationary point: |grad| <= eps, lambda_min >= -sqrt(rho eps)
        assertTrue(r.gradientNorm() <= 1e-2, r.toString());
        assertTrue(NegativeCurvature.exact(SADDLE, r.solution()).smallestEigenvalue() >= -Math.sqrt(6 * Math.sqrt(2) * 1e-2));
        assertEquals(-1, r.value(), 1e-4, r.toString());
    }

    @Test
    void pgdFindsTheRosenbrockMinimiserAndStopsOnBudgets() {
        PerturbedGradientDescent pgd = new PerturbedGradientDescent(1.0 / 1200, 1e-4, 1e-7, 100, 1e-9, 1,
                StopCriteria.DEFAULT.withMaxIterations(400_000).withRecordTrajectory(true));
        OptimResult r = pgd.minimize(new Rosenbrock(2), new double[] {-1.2, 1});
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        assertEquals(1, r.solution()[0], 1e-5);
        assertEquals(r.iterations() + 1, r.trajectory().length);
        OptimResult b = pgd.withStop(StopCriteria.DEFAULT.withMaxIterations(50)).minimize(new Rosenbrock(2), new double[] {-1.2, 1});
        assertEquals(StopReason.MAX_ITERATIONS, b.stopReason());
        assertEquals(50, b.iterations());
        OptimResult nan = new PerturbedGradientDescent(10, 1e-3, 1e-6, 10, 1e-3, 1, StopCriteria.DEFAULT)
                .minimize(new Rosenbrock(2), new double[] {-1.2, 1});
        assertEquals(StopReason.NON_FINITE, nan.stopReason(), nan.toString());
        for (double v : nan.solution()) {
            assertTrue(Double.isFinite(v));
        }
        assertThrows(IllegalArgumentException.class, () -> new PerturbedGradientDescent(0, 1, 1, 1, 1, 0, StopCriteria.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new PerturbedGradientDescent(1, 1, 1, 0, 1, 0, StopCriteria.DEFAULT));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> practical().minimize(SADDLE, new double[3]))
                .getMessage().contains("length 3"));
    }

    /**
     * Lanczos against LAPACK on a 150-dimensional symmetric matrix with spectrum {-0.5} U [0.1, 10] and on one with
     * a cluster at its bottom, and on a positive definite one (no negative curvature reported).
     */
    @Test
    void lanczosAgreesWithTheExactSmallestEigenpair() {
        int n = 150;
        SplittableRandom rng = new SplittableRandom(11);
        double[][] spectra = new double[3][n];
        for (int i = 0; i < n; i++) {
            spectra[0][i] = 0.1 + 9.9 * rng.nextDouble();
            spectra[1][i] = 0.1 + 9.9 * rng.nextDouble();
            spectra[2][i] = 0.1 + 9.9 * rng.nextDouble();
        }
        spectra[0][0] = -0.5;
        spectra[1][0] = -0.5;
        spectra[1][1] = -0.45; // a close second: slower, still resolved
        spectra[2][0] = 0.01;
        double[] expected = {-0.5, -0.5, 0.01};
        for (int c = 0; c < 3; c++) {
            Quadratic q = Quadratic.withEigenvalues(spectra[c], new double[n], 20 + c);
            Matrix a = q.matrix();
            NegativeCurvature.Report exact = NegativeCurvature.exact(a);

            assertEquals(expected[c], exact.smallestEigenvalue(), 1e-12);
            assertEquals(expected[c], SymmetricEigen.values(a)[0], 1e-12);
            NegativeCurvature.Report lz = NegativeCurvature.lanczos(q, new double[n], n, 1e-10, 5);
            assertEquals(exact.smallestEigenvalue(), lz.smallestEigenvalue(), 1e-9, "spectrum " + c + ": " + lz);
            assertTrue(lz.smallestEigenvalue() >= exact.smallestEigenvalue() - 1e-12, "Ritz values bound from above");
            // the Ritz vector is an eigenvector: |A u - theta u| small, and parallel to LAPACK's
            double[] u = lz.direction();
            double[] au = a.mvmul(u);
            double res = 0;
            for (int i = 0; i < n; i++) {
                res += Math.pow(au[i] - lz.smallestEigenvalue() * u[i], 2);
            }
            assertTrue(Math.sqrt(res) < 1e-8, "spectrum " + c + ": residual " + Math.sqrt(res));
            double cos = Math.abs(NegativeCurvature.dot(u, exact.direction()));
            assertEquals(1, cos, 1e-8);
            assertTrue(lz.products() < n, "Lanczos needs fewer products than n: " + lz.products());
            assertEquals(c < 2, lz.hasNegativeCurvature(1e-6));
            System.out.println("spectrum " + c + ": " + lz);
        }
        // on the 2-d saddle Lanczos is exact in two steps
        NegativeCurvature.Report two = NegativeCurvature.lanczos(SADDLE, new double[] {0, 0}, 10, 1e-12, 1);
        assertEquals(-2, two.smallestEigenvalue(), 1e-14);
        assertTrue(two.products() <= 2);
        assertThrows(IllegalArgumentException.class, () -> NegativeCurvature.lanczos(SADDLE, new double[] {0}, 10, 1e-8, 1));
        assertThrows(IllegalArgumentException.class, () -> NegativeCurvature.exact(Matrix.zeros(2, 3)));
    }
}
