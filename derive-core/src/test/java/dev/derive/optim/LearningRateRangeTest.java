package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.optim.first.Adam;
import dev.derive.optim.first.SGD;
import dev.derive.optim.first.Sophia;
import dev.derive.optim.schedule.LearningRateRange;
import org.junit.jupiter.api.Test;

/**
 * The learning-rate range test on quadratics whose divergence threshold is known: gradient descent on
 * {@code 1/2 (x - x*)'A(x - x*)} multiplies the error along an eigenvector of eigenvalue {@code lambda} by
 * {@code 1 - lr lambda}, so no mode grows while {@code lr <= 2/L} and the top mode grows once {@code lr > 2/L}.
 */
class LearningRateRangeTest {

    @Test
    void gradientDescentDivergesJustPastTwoOverL() {
        for (double bigL : new double[] {100, 1000}) {
            Quadratic q = TestProblems.quadratic(20, 1, bigL, 41); // eigenvalues 1 .. L
            double limit = 2 / bigL;
            LearningRateRange range = LearningRateRange.of(1e-4 / bigL, 100 / bigL, 300);
            double[] x0 = new double[20];
            // unsmoothed: the loss never increases while lr <= 2/L (every |1 - lr lambda| <= 1)
            LearningRateRange.Result raw = range.withSmoothing(0).run(new SGD(), q, x0);
            double[] lr = raw.learningRates();
            double[] loss = raw.losses();
            for (int k = 1; k < lr.length && lr[k - 1] <= limit; k++) {
                assertTrue(loss[k] <= loss[k - 1] * (1 + 1e-12), "L " + bigL + ": loss rose at lr " + lr[k - 1]);
            }
            for (LearningRateRange.Result r : new LearningRateRange.Result[] {raw, range.run(new SGD(), q, x0)}) {
                System.out.println("L = " + bigL + ", 2/L = " + limit + ": " + r);
                assertTrue(r.diverged(), r.toString());
                // detected after the threshold; late, because around lr = 1/L the top mode is damped to rounding
                // level and must grow back by ~1e16 with factors 2 q^j - 1 (q the schedule ratio): a sanity bracket
                assertTrue(r.divergedAt() > limit && r.divergedAt() < 10 * limit, r.toString());
                assertTrue(r.minimumAt() < r.divergedAt(), r.toString());
                // the suggestion (steepest descent of the smoothed loss) is a stable rate
                assertTrue(r.suggestion() < limit && r.suggestion() > 1e-3 / bigL, r.toString());
            }
        }
    }

    @Test
    void stochasticRunsAreSeededAndMethodsWithoutHvpWork() {
        VarianceReductionTest.LeastSquares f = VarianceReductionTest.diabetes(0.05);
        LearningRateRange range = LearningRateRange.of(1e-3, 10, 150);
        LearningRateRange.Result a = range.runStochastic(new SGD(), f, new double[10], 64, 3);
        LearningRateRange.Result b = range.runStochastic(new SGD(), f, new double[10], 64, 3);
        assertArrayEquals(a.losses(), b.losses());
        System.out.println("diabetes, mini-batch 64: " + a);
        assertTrue(a.diverged(), a.toString()); // 10 is far above 2 / L_max for these data
        assertTrue(a.suggestion() < a.divergedAt(), a.toString());
        LearningRateRange.Result adam = LearningRateRange.of(1e-5, 1, 100).run(new Adam(), f, new double[10]);
        assertTrue(adam.diverged() || adam.learningRates().length == 100, adam.toString());
        assertFalse(Double.isNaN(adam.minimumAt()));
    }

    @Test
    void rejectsBadParameters() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateRange.of(0, 1, 10)).getMessage()
                .contains("minLearningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateRange.of(1, 0.5, 10)).getMessage()
                .contains("maxLearningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateRange.of(1e-3, 1, 2)).getMessage()
                .contains("steps"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateRange.of(1e-3, 1, 10).withSmoothing(1));
        Quadratic q = TestProblems.quadratic(3, 1, 10, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LearningRateRange.of(1e-3, 1, 10)
                .run(new Sophia(), q, new double[3])).getMessage().contains("Hessian-vector"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateRange.of(1e-3, 1, 10).run(new SGD(), q, new double[2]));
    }
}
