package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.optim.first.SGD;
import dev.derive.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rates not covered by {@link FirstOrderRatesTest} (GD with 1/L, Nesterov, heavy ball), {@link ProximalGradientTest}
 * (ISTA/FISTA bounds) and {@code DeterministicMethodsTest} (Newton on a non-quadratic test function):
 * <ul>
 *   <li>gradient descent with the step {@code 2/(L + mu)} on a strongly convex quadratic: the error along an
 *       eigenvector of eigenvalue {@code lambda} is multiplied by {@code 1 - 2 lambda/(L + mu)}, whose modulus is at
 *       most {@code (kappa - 1)/(kappa + 1)}, attained at both ends of the spectrum, so
 *       {@code ||e_k|| <= ((kappa - 1)/(kappa + 1))^k ||e_0||} at every {@code k} and the ratio of successive errors
 *       tends to exactly that bound (Nesterov, <i>Introductory Lectures on Convex Optimization</i>, Theorem 2.1.15);</li>
 *   <li>Newton's method on L2 logistic regression (breast cancer, not a quadratic): locally quadratic convergence,
 *       {@code ||e_{k+1}|| <= C ||e_k||^2}.</li>
 * </ul>
 */
class ConvergenceRatesTest {

    @Test
    void gradientDescentWithStepTwoOverLPlusMuMeetsTheExactBound() {
        for (double kappa : new double[] {10, 100, 1000}) {
            double mu = 0.5;
            double bigL = mu * kappa;
            Quadratic q = TestProblems.quadratic(20, mu, kappa, 51);
            double[] xs = q.minimizer();
            double rho = (kappa - 1) / (kappa + 1);
            int steps = (int) Math.ceil(25 / -Math.log(rho)); // rho^K ~ e^-25, above rounding
            List<Double> errors = new ArrayList<>();
            FirstOrderMinimizer.of(new SGD(), 2 / (bigL + mu)).withStop(StopCriteria.DEFAULT.withMaxIterations(steps)
                            .withGradientTolerance(0).withMaxEvaluations(Integer.MAX_VALUE))
                    .minimize(q, new double[20], (k, x, v, g) -> errors.add(Vec.distance(x, xs)));
            assertEquals(steps + 1, errors.size());
            double e0 = errors.get(0);
            for (int k = 1; k <= steps; k++) {
                // rounding of x (~1e-16 |x|) is the only slack
                assertTrue(errors.get(k) <= Math.pow(rho, k) * e0 * (1 + 1e-9) + 1e-15, "kappa " + kappa + ", k " + k
                        + ": " + errors.get(k) + " > rho^k e_0 = " + Math.pow(rho, k) * e0);
            }
            // the end modes dominate: the last successive ratio is the bound itself, to within 1e-3 of 1 - rho
            double last = errors.get(steps) / errors.get(steps - 1);
            assertEquals(rho, last, 1e-3 * (1 - rho), "kappa " + kappa);
            // and faster than the 1 - 1/kappa of the step 1/L
            assertTrue(rho < 1 - 1 / kappa);
        }
    }

    @Test
    void newtonConvergesQuadraticallyOnLogisticRegression() {
        for (String tag : new String[] {"c1", "c01"}) {
            TestProblems.Logistic f = VarianceReductionTest.breastCancer(tag);
            double[] ref = Fixtures.load("optim_logistic.txt").vector("newton_" + tag);
            List<double[]> iterates = new ArrayList<>();
            OptimResult r = Newton.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-13))
                    .minimize(f, new double[f.dimension()], (k, x, v, g) -> iterates.add(x.clone()));
            assertTrue(r.converged(), r.toString());
            assertTrue(TestProblems.relErr(r.solution(), ref) < 1e-10, tag + ": against numpy's Newton solution");
            // errors against the converged solution, and the quadratic-convergence constants e_{k+1} / e_k^2
            double[] xs = r.solution();
            List<Double> e = new ArrayList<>();
            for (double[] x : iterates) {
                e.add(Vec.distance(x, xs));
            }
            int quadraticSteps = 0;
            double maxC = 0;
            for (int k = 0; k + 1 < e.size(); k++) {
                double ek = e.get(k);
                double ek1 = e.get(k + 1);
                if (ek < 0.5 && ek1 > 1e-11) { // the local region, above rounding of the reference
                    maxC = Math.max(maxC, ek1 / (ek * ek));
                    quadraticSteps++;
                }
            }
            System.out.printf("Newton %s: errors %s, max e_{k+1}/e_k^2 = %.3g%n", tag, e, maxC);
            // at least three steps in the region, all with e_{k+1} <= C e_k^2 for one moderate C (a linear rate would
            // make e_{k+1}/e_k^2 blow up as e_k -> 0)
            assertTrue(quadraticSteps >= 3, tag + ": " + e);
            assertTrue(maxC < 10, tag + ": C = " + maxC);
        }
    }
}
