package dev.derive.linear;

import static dev.derive.linear.GlmTest.normRel;
import static dev.derive.linear.GlmTest.theta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Poisson, Gamma and Tweedie regression on CSR data ({@link GlmObjective} on a {@link SparseMatrix}): against the
 * dense fit, the exact minimiser (Newton's method in the script) and scikit-learn 1.2.1 on {@code scipy.sparse} input
 * (fixture {@code linrest_sklearn.txt}, {@code tools/gen_linrest_fixtures.py}); the sparse value, gradient and
 * Hessian equal the dense ones.
 */
class SparseGlmTest {

    static final Fixtures FX = Fixtures.load("linrest_sklearn.txt");
    static final SparseMatrix X = SparseLinearTest.X;

    record Case(String prefix, GeneralizedLinearRegression learner, String target) {
    }

    static Stream<Case> cases() {
        return Stream.of(new Case("glm_poisson", GeneralizedLinearRegression.poisson().alpha(0.01), "glm_y_poisson"),
                new Case("glm_gamma", GeneralizedLinearRegression.gamma().alpha(0.01), "glm_y_gamma"),
                new Case("glm_tweedie15", GeneralizedLinearRegression.tweedie().power(1.5).alpha(0.01), "glm_y_poisson"));
    }

    @TestFactory
    Stream<DynamicTest> sparseMatchesDenseExactAndScikitLearn() {
        return cases().flatMap(c -> Stream.of("lbfgs", "newton").map(solver -> DynamicTest.dynamicTest(c.prefix() + " " + solver, () -> {
            double[] y = FX.vector(c.target());
            GeneralizedLinearRegression learner = c.learner().solver(solver).tol(1e-12).maxIter(10_000);
            GlmModel s = learner.fit(Dataset.regression(X, y));
            GlmModel d = learner.fit(Dataset.regression(X.toDense(), y));
            assertEquals(1.0, s.report().extra().get("sparse"), "took the sparse path");
            assertTrue(s.report().converged(), s.report().toString());
            double[] got = theta(s);
            assertTrue(normRel(got, theta(d)) < 1e-9, c.prefix() + ": sparse vs dense " + normRel(got, theta(d)));
            double[] exact = FX.vector(c.prefix() + "_exact");
            assertTrue(normRel(got, exact) < 1e-9, c.prefix() + ": vs exact Newton " + normRel(got, exact));
            double[] sk = Arrays.copyOf(FX.vector(c.prefix() + "_coef"), got.length);
            sk[sk.length - 1] = FX.scalar(c.prefix() + "_intercept");
            // scikit-learn's lbfgs stops with ~1e-6 accuracy (ftol = 64 eps; 0.9-1.6e-6 here), as in GlmTest
            assertTrue(normRel(got, sk) < 1e-5, c.prefix() + ": vs scikit-learn " + normRel(got, sk));
            // sparse prediction = dense prediction
            double[] ps = s.predict(X);
            double[] pd = s.predict(X.toDense());
            for (int i = 0; i < ps.length; i++) {
                assertEquals(pd[i], ps[i], 1e-12 * pd[i]);
            }
        })));
    }

    @Test
    void sparseObjectiveEqualsDense() {
        double[] y = FX.vector("glm_y_gamma");
        double[] w = FX.vector("ridge_w");
        for (double power : new double[] {0, 1, 1.5, 2, 3}) {
            GlmObjective fs = new GlmObjective(X, y, w, power, 0.3, true);
            GlmObjective fd = new GlmObjective(X.toDense(), y, w, power, 0.3, true);
            double[] t = new double[fs.dimension()];
            for (int j = 0; j < t.length; j++) {
                t[j] = 0.05 * Math.sin(j + 1);
            }
            double[] gs = new double[t.length];
            double[] gd = new double[t.length];
            assertEquals(fd.valueAndGradient(t, gd), fs.valueAndGradient(t, gs), 1e-13, "value, power " + power);
            for (int j = 0; j < t.length; j++) {
                assertEquals(gd[j], gs[j], 1e-13, "gradient " + j + ", power " + power);
            }
            Matrix hs = Matrix.zeros(t.length, t.length);
            Matrix hd = Matrix.zeros(t.length, t.length);
            fs.hessian(t, hs);
            fd.hessian(t, hd);
            double[] a = hs.toArray();
            double[] b = hd.toArray();
            for (int k = 0; k < a.length; k++) {
                assertEquals(b[k], a[k], 1e-12 * (1 + Math.abs(b[k])), "Hessian entry " + k + ", power " + power);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return LearnerContract.tests(GeneralizedLinearRegression.poisson().alpha(0.01).tol(1e-10),
                Dataset.regression(X, FX.vector("glm_y_poisson")), LearnerContract.Options.DEFAULT.withOrderTolerance(1e-8));
    }
}
