package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.optim.GradientCheck;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Huber regression against scikit-learn 1.2.1's HuberRegressor (tools/gen_glm_fixtures.py). */
class HuberTest {

    static final Fixtures FX = Fixtures.load("glm_sklearn.txt");

    static Dataset data() {
        return Dataset.regression(FX.matrix("diabetes_Z"), FX.vector("diabetes_y"));
    }

    static void check(String prefix, Huber learner, Dataset d) {
        HuberModel m = learner.maxIter(100_000).tol(1e-8).fit(d);
        assertTrue(m.report().converged(), m.report().toString());
        double[] sk = FX.vector(prefix + "_coef");
        double[] got = m.coefficients();
        // scikit-learn's HuberRegressor stops early (scipy's default ftol): good to ~1e-4 per coefficient, 1e-5
        // normwise; each coefficient is compared with the same objective minimised tightly at 1e-6
        assertTrue(GlmTest.normRel(got, sk) < 1e-4, prefix + " vs scikit-learn: " + GlmTest.normRel(got, sk));
        assertEquals(FX.scalar(prefix + "_intercept"), m.intercept(), 1e-4 * Math.abs(FX.scalar(prefix + "_intercept")));
        assertEquals(FX.scalar(prefix + "_scale"), m.scale(), 1e-4 * FX.scalar(prefix + "_scale"));
        double[] tight = FX.vector(prefix + "_tight");
        for (int j = 0; j < got.length; j++) {
            assertEquals(tight[j], got[j], 1e-6 * Math.abs(tight[j]), prefix + " coef[" + j + "] vs tight solution");
        }
        assertEquals(tight[got.length], m.intercept(), 1e-6 * Math.abs(tight[got.length]));
        assertEquals(tight[got.length + 1], m.scale(), 1e-6 * tight[got.length + 1]);
        // KKT: the gradient of the (differentiable, convex) objective vanishes at the interior solution
        HuberObjective f = new HuberObjective(d.features(), d.target(), d.weights(), learner.params().getDouble("epsilon"),
                learner.params().getDouble("alpha"), true);
        double[] theta = Arrays.copyOf(got, got.length + 2);
        theta[got.length] = m.intercept();
        theta[got.length + 1] = m.scale();
        double[] g = new double[theta.length];
        f.valueAndGradient(theta, g);
        for (double gi : g) {
            assertEquals(0, gi, 1e-8);
        }
    }

    @Test
    void matchesScikitLearn() {
        check("huber", Huber.learner(), data());
    }

    @Test
    void matchesScikitLearnWeighted() {
        check("huber_w", Huber.learner().epsilon(1.2).alpha(0.5), data().withWeights(FX.vector("diabetes_w")));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Dataset d = data().withWeights(FX.vector("diabetes_w"));
        HuberObjective f = new HuberObjective(d.features(), d.target(), d.weights(), 1.35, 0.3, true);
        double[] theta = new double[12];
        for (int j = 0; j < 11; j++) {
            theta[j] = 3 * Math.cos(j);
        }
        theta[10] = 150;
        theta[11] = 40;
        assertTrue(GradientCheck.gradient(f, theta).passes(1e-6));
    }

    @Test
    void resistsOutliers() {
        // a clean line y = 2 + 3x with 10% gross outliers: Huber recovers it, least squares does not
        int n = 200;
        Matrix x = Matrix.zeros(n, 1);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double xi = (i - 100) / 50.0;
            x.set(i, 0, xi);
            y[i] = 2 + 3 * xi + 0.1 * Math.sin(7 * i) + (i % 10 == 0 ? 50 : 0);
        }
        HuberModel m = Huber.learner().maxIter(10_000).tol(1e-8).fit(Dataset.regression(x, y));
        assertEquals(3, m.coefficients()[0], 0.05);
        assertEquals(2, m.intercept(), 0.1);
        boolean[] out = m.outliers(x, y);
        for (int i = 0; i < n; i += 10) {
            assertTrue(out[i], "row " + i + " is an outlier");
        }
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.concat(LearnerContract.tests(Huber.learner().maxIter(1000), data(),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)),
                LearnerContract.tests(Huber.learner().fitIntercept(false).maxIter(1000), data().withWeights(FX.vector("diabetes_w")),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)));
    }
}
