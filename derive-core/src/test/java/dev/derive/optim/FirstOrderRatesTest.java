package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.optim.first.FirstOrderMethod;
import dev.derive.optim.first.Momentum;
import dev.derive.optim.first.Nesterov;
import dev.derive.optim.first.SGD;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Observed linear rates on quadratics {@code 1/2 (x - x*)'A(x - x*)} with eigenvalues spread from
 * {@code mu = 1} to {@code L = kappa} (for gradient descent with a gap: 1, then 2 ... kappa, so that the slowest
 * mode dominates within the measured steps), against the theory, measured as
 * {@code rate = (e_K / e_{K/2})^(2/K)} with {@code e_k = ||x_k - x*||} over the second half of K steps (so the
 * slowest mode dominates):
 * <ul>
 *   <li>gradient descent with step {@code 1/L}: each eigen-component contracts by {@code 1 - lambda/L}, the
 *       slowest by {@code 1 - 1/kappa}, so the rate must lie in {@code [1 - 1/kappa - 0.01/kappa, 1 - 1/kappa]}
 *       (at most 1% of the gap {@code 1/kappa} below the bound, never above it but for rounding);</li>
 *   <li>Nesterov's constant-step method ({@code 1/L}, momentum {@code (sqrt kappa - 1)/(sqrt kappa + 1)}): the
 *       slowest mode has the double root {@code 1 - 1/sqrt kappa} of {@code r^2 - 2(1 - q) r + (1 - q)^2}
 *       ({@code q = 1/sqrt kappa}), so {@code e_k ~ (a + b k)(1 - q)^k} and the measured rate lies in
 *       {@code [(1 - q)(1 - 0.01 q), (1 - q) 2^(2/K)]};</li>
 *   <li>heavy ball with Polyak's optimal parameters: every mode has modulus
 *       {@code (sqrt kappa - 1)/(sqrt kappa + 1)} (double roots at the spectrum's ends), same bracket.</li>
 * </ul>
 */
class FirstOrderRatesTest {

    static double measuredRate(Quadratic q, FirstOrderMethod method, double lr, int steps) {
        double[] xs = q.minimizer();
        List<Double> errors = new ArrayList<>();
        OptimResult r = FirstOrderMinimizer.of(method, lr).withStop(StopCriteria.DEFAULT.withMaxIterations(steps).withGradientTolerance(0)
                        .withMaxEvaluations(Integer.MAX_VALUE))
                .minimize(q, new double[q.dimension()], (k, x, v, g) -> errors.add(Vec.distance(x, xs)));
        assertTrue(errors.size() == steps + 1, "one check per step: " + r);
        double eHalf = errors.get(steps / 2);
        double eEnd = errors.get(steps);
        assertTrue(eEnd > 1e-13 * errors.get(0), "the error must stay above rounding for the measurement: " + eEnd);
        return Math.pow(eEnd / eHalf, 2.0 / steps);
    }

    @Test
    void gradientDescentContractsByOneMinusOneOverKappa() {
        for (double kappa : new double[] {10, 100, 1000}) {
            Quadratic q = TestProblems.quadraticWithGap(20, kappa, 31);
            int steps = (int) (18 * kappa); // e_K / e_0 ~ exp(-18) stays above rounding
            double rate = measuredRate(q, new SGD(), 1 / kappa, steps);
            double bound = 1 - 1 / kappa;
            // + 1e-8: rounding of x (~1e-16) against e_K ~ 1e-8 perturbs e_K by ~1e-8 relative, the rate by
            // (2/K) of that
            assertTrue(rate <= bound + 1e-8, "kappa " + kappa + ": rate " + rate + " above the bound " + bound);
            assertTrue(rate >= bound - 0.01 / kappa, "kappa " + kappa + ": rate " + rate + " below " + bound
                    + " by more than 1% of 1/kappa");
        }
    }

    @Test
    void nesterovContractsByOneMinusOneOverSqrtKappa() {
        for (double kappa : new double[] {100, 1000, 10000}) {
            Quadratic q = TestProblems.quadratic(20, 1, kappa, 32);
            double sq = Math.sqrt(kappa);
            int steps = (int) (25 * sq);
            double rate = measuredRate(q, Nesterov.stronglyConvex(kappa, 1), 1 / kappa, steps);
            double bound = 1 - 1 / sq;
            assertTrue(rate <= bound * Math.pow(2, 2.0 / steps) + 1e-8, "kappa " + kappa + ": rate " + rate
                    + " above (1 - 1/sqrt kappa) 2^(2/K) = " + bound * Math.pow(2, 2.0 / steps));
            assertTrue(rate >= bound * (1 - 0.01 / sq), "kappa " + kappa + ": rate " + rate + " below " + bound);
            // and much faster than gradient descent's 1 - 1/kappa
            assertTrue(rate < 1 - 1 / kappa - 0.5 / sq);
        }
    }

    @Test
    void heavyBallWithPolyaksParameters() {
        for (double kappa : new double[] {100, 1000}) {
            Quadratic q = TestProblems.quadratic(20, 1, kappa, 33);
            double sq = Math.sqrt(kappa);
            int steps = (int) (12 * sq); // the rate is about 1 - 2/sqrt(kappa): half Nesterov's steps
            double rate = measuredRate(q, Momentum.optimalFor(kappa, 1), Momentum.optimalLearningRate(kappa, 1), steps);
            double bound = (sq - 1) / (sq + 1);
            assertTrue(rate <= bound * Math.pow(2, 2.0 / steps) + 1e-8, "kappa " + kappa + ": " + rate + " vs " + bound);
            assertTrue(rate >= bound * (1 - 0.01 / sq), "kappa " + kappa + ": " + rate + " vs " + bound);
        }
    }
}
