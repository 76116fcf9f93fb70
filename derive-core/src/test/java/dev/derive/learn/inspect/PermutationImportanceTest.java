package dev.derive.learn.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.Regressor;
import dev.derive.learn.TrainingReport;
import dev.derive.learn.select.Scorers;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Permutation importance against the mathematics (scikit-learn parity, with its recorded permutations, is
 * derive-models' PermutationImportanceSklearnTest): a feature the model ignores scores exactly 0; for a noiseless linear
 * model with the MSE, one permutation's importance is {@code beta_j^2 mean_i (x_ij - x_pi(i)j)^2}, whose
 * expectation is {@code 2 beta_j^2 Var(x_j) n/(n-1)} (the large-sample limit {@code 2 beta_j^2 Var(x_j)});
 * with R^2 the same drop divided by the target variance; results do not depend on the thread count.
 */
class PermutationImportanceTest {

    /** f(x) = b + beta^T x, fixed. */
    record Linear(double[] beta, double b, ModelSchema schema) implements Regressor {
        @Override
        public double[] predict(Matrix x) {
            double[] out = new double[x.rows()];
            for (int i = 0; i < out.length; i++) {
                double s = b;
                for (int j = 0; j < beta.length; j++) {
                    s += beta[j] * x.get(i, j);
                }
                out[i] = s;
            }
            return out;
        }

        @Override
        public String kind() {
            return "test.linear";
        }

        @Override
        public Params params() {
            return Params.defaults(List.of());
        }

        @Override
        public TrainingReport report() {
            return new TrainingReport(0, true, "fixed", new double[0], 0, List.of(), Map.of());
        }
    }

    static final double[] BETA = {2.0, 0.0, -0.5, 1.0};
    static final double[] SCALE = {1.0, 3.0, 2.0, 0.1};

    static Dataset data(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix x = Matrix.zeros(n, 4);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 1.5;
            for (int j = 0; j < 4; j++) {
                x.set(i, j, SCALE[j] * (rng.nextDouble() * 2 - 1));
                s += BETA[j] * x.get(i, j);
            }
            y[i] = s;
        }
        return Dataset.regression(x, y);
    }

    static Linear model(Dataset d) {
        return new Linear(BETA, 1.5, ModelSchema.of(d));
    }

    static double var(Matrix x, int j) {
        int n = x.rows();
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += x.get(i, j);
        }
        m /= n;
        double v = 0;
        for (int i = 0; i < n; i++) {
            v += (x.get(i, j) - m) * (x.get(i, j) - m);
        }
        return v / n;
    }

    @Test
    void linearModelWithMseApproachesTwoBetaSquaredVariance() {
        Dataset d = data(20000, 1);
        PermutationImportance.Result r = PermutationImportance.compute(model(d), d, Scorers.MSE, 10, 7);
        assertEquals(0.0, r.baseline(), 1e-20);
        for (int j = 0; j < 4; j++) {
            double expected = 2 * BETA[j] * BETA[j] * var(d.features(), j);
            if (BETA[j] == 0) {
                assertEquals(0.0, r.mean()[j], 0.0, "ignored feature");
                assertEquals(0.0, r.std()[j], 0.0);
            } else {
                // sampling error of the mean of 10 permutations of 20000 rows is about 0.5%
                assertEquals(expected, r.mean()[j], 0.03 * expected, "feature " + j);
            }
        }
    }

    @Test
    void r2ImportanceIsTheMseRiseOverTheTargetVariance() {
        Dataset d = data(500, 2);
        PermutationImportance.Result mse = PermutationImportance.compute(model(d), d, Scorers.MSE, 3, 11);
        PermutationImportance.Result r2 = PermutationImportance.compute(model(d), d, Scorers.R2, 3, 11);
        double vy = 0;
        double my = 0;
        for (double v : d.target()) {
            my += v;
        }
        my /= d.size();
        for (double v : d.target()) {
            vy += (v - my) * (v - my);
        }
        vy /= d.size();
        for (int j = 0; j < 4; j++) {
            for (int r = 0; r < 3; r++) {
                assertEquals(mse.importances().get(j, r) / vy, r2.importances().get(j, r), 1e-12, "feature " + j + " repeat " + r);
            }
        }
    }

    @Test
    void sameResultWhateverTheThreadCount() {
        Dataset d = data(300, 3);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            PermutationImportance.Result a = PermutationImportance.compute(model(d), d, Scorers.MSE, 4, 5);
            Parallelism.setThreads(2);
            PermutationImportance.Result b = PermutationImportance.compute(model(d), d, Scorers.MSE, 4, 5);
            assertEquals(0, a.importances().maxAbsDiff(b.importances()));
            PermutationImportance.Result c = PermutationImportance.compute(model(d), d, Scorers.MSE, 4, 6);
            assertTrue(a.importances().maxAbsDiff(c.importances()) > 0, "another seed permutes differently");
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void badArguments() {
        Dataset d = data(50, 4);
        assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(model(d), d, Scorers.MSE, 0, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(model(d), d, Scorers.ACCURACY, 2, 1));
        assertTrue(e.getMessage().contains("accuracy"), e.getMessage());
    }
}
