package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Frame;
import dev.derive.data.io.Csv;
import dev.derive.linalg.Matrix;
import dev.derive.optim.GradientCheck;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Log-link GLMs against scikit-learn 1.2.1 and an exact Newton solution (tools/gen_glm_fixtures.py). */
class GlmTest {

    static final Fixtures FX = Fixtures.load("glm_sklearn.txt");

    static Matrix z() {
        return FX.matrix("diabetes_Z");
    }

    static double[] ys() {
        double[] y = FX.vector("diabetes_y");
        for (int i = 0; i < y.length; i++) {
            y[i] /= 100;
        }
        return y;
    }

    static Dataset data() {
        return Dataset.regression(z(), ys());
    }

    /** max |a - b| / max |b|: the normwise relative difference. */
    static double normRel(double[] a, double[] b) {
        double d = 0;
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
            m = Math.max(m, Math.abs(b[i]));
        }
        return d / m;
    }

    static double[] theta(GlmModel m) {
        double[] c = m.coefficients();
        double[] t = Arrays.copyOf(c, c.length + 1);
        t[c.length] = m.intercept();
        return t;
    }

    record Case(String prefix, GeneralizedLinearRegression learner, boolean weighted) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("poisson", GeneralizedLinearRegression.poisson().alpha(0.01), false),
                new Case("poisson_w", GeneralizedLinearRegression.poisson().alpha(0.01), true),
                new Case("gamma", GeneralizedLinearRegression.gamma().alpha(0.01), false),
                new Case("tweedie15", GeneralizedLinearRegression.tweedie().power(1.5).alpha(0.01), false),
                new Case("tweedie3", GeneralizedLinearRegression.tweedie().power(3).alpha(0.1), false),
                new Case("tweedie0", GeneralizedLinearRegression.tweedie().power(0).alpha(0.01), false),
                new Case("poisson_noint", GeneralizedLinearRegression.poisson().alpha(0.1).fitIntercept(false), false));
    }

    @TestFactory
    Stream<DynamicTest> matchesScikitLearnAndExactSolution() {
        return cases().flatMap(c -> Stream.of("lbfgs", "newton").map(solver -> DynamicTest.dynamicTest(c.prefix() + " " + solver, () -> {
            Dataset d = c.weighted() ? data().withWeights(FX.vector("diabetes_w")) : data();
            GlmModel m = c.learner().solver(solver).tol(1e-12).maxIter(10_000).fit(d);
            assertTrue(m.report().converged(), m.report().toString());
            boolean icpt = c.learner().params().getBoolean("fit_intercept");
            double[] got = icpt ? theta(m) : m.coefficients();
            double[] exact = FX.vector(c.prefix() + "_exact");
            double[] sk = FX.vector(c.prefix() + "_coef");
            if (icpt) {
                sk = Arrays.copyOf(sk, sk.length + 1);
                sk[sk.length - 1] = FX.scalar(c.prefix() + "_intercept");
            }
            assertTrue(normRel(got, exact) < 1e-9, c.prefix() + ": vs exact Newton " + normRel(got, exact));
            // scikit-learn's lbfgs stops with ~1e-6 absolute accuracy (ftol = 64 eps), hence 1e-5 here
            assertTrue(normRel(got, sk) < 1e-5, c.prefix() + ": vs scikit-learn " + normRel(got, sk));
            // KKT: the gradient of the penalised objective vanishes at the solution
            GlmObjective f = new GlmObjective(z(), ys(), d.weights(), c.learner().familyPower(),
                    c.learner().params().getDouble("alpha"), icpt);
            double[] g = new double[f.dimension()];
            f.valueAndGradient(got, g);
            for (double gi : g) {
                assertEquals(0, gi, 1e-11, "gradient at the solution");
            }
        })));
    }

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        double[] w = FX.vector("diabetes_w");
        for (double power : new double[] {0, 1, 1.5, 2, 3}) {
            GlmObjective f = new GlmObjective(z(), ys(), w, power, 0.3, true);
            double[] x = new double[11];
            for (int j = 0; j < x.length; j++) {
                x[j] = 0.05 * Math.sin(j + 1);
            }
            assertTrue(GradientCheck.gradient(f, x).passes(1e-6), "gradient, power " + power);
            double[] v = new double[11];
            Arrays.fill(v, 0.3);
            v[3] = -1;
            assertTrue(GradientCheck.hessianVector(f, x, v).passes(1e-6), "Hessian, power " + power);
        }
    }

    @Test
    void quakesPoissonCounts() throws Exception {
        Path csv = Path.of(System.getProperty("derive.datasets", "/work/shared/datasets"), "small/r_datasets/quakes.csv");
        Assumptions.assumeTrue(Files.exists(csv), csv + " (R datasets, GPL, not shipped) is absent: skipped");
        Frame f = Csv.read(csv);
        String[] cols = {"lat", "long", "depth", "mag"};
        int n = f.nrows();
        Matrix x = Matrix.zeros(n, 4);
        for (int j = 0; j < 4; j++) {
            double[] c = f.numeric(cols[j]).toArray();
            double mean = Arrays.stream(c).sum() / n;
            double ss = 0;
            for (double v : c) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / n);
            for (int i = 0; i < n; i++) {
                x.set(i, j, (c[i] - mean) / sd);
            }
        }
        GlmModel m = GeneralizedLinearRegression.poisson().alpha(1e-3).tol(1e-12).maxIter(10_000)
                .fit(Dataset.regression(x, f.numeric("stations").toArray()));
        assertTrue(normRel(theta(m), FX.vector("quakes_poisson_exact")) < 1e-9);
        double[] sk = Arrays.copyOf(FX.vector("quakes_poisson_coef"), 5);
        sk[4] = FX.scalar("quakes_poisson_intercept");
        assertTrue(normRel(theta(m), sk) < 1e-5);
    }

    @Test
    void invalidTargetsAndPowers() {
        double[] y = ys();
        y[5] = -1;
        Dataset neg = Dataset.regression(z(), y);
        var e = assertThrows(IllegalArgumentException.class, () -> GeneralizedLinearRegression.poisson().fit(neg));
        assertTrue(e.getMessage().contains(">= 0") && e.getMessage().contains("row 5"), e.getMessage());
        double[] y0 = ys();
        y0[7] = 0;
        Dataset zero = Dataset.regression(z(), y0);
        GeneralizedLinearRegression.poisson().fit(zero);   // zero counts are fine for Poisson
        e = assertThrows(IllegalArgumentException.class, () -> GeneralizedLinearRegression.gamma().fit(zero));
        assertTrue(e.getMessage().contains("> 0") && e.getMessage().contains("row 7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GeneralizedLinearRegression.tweedie().power(2.5).fit(zero));
        GeneralizedLinearRegression.tweedie().power(1.2).fit(zero);
        e = assertThrows(IllegalArgumentException.class, () -> GeneralizedLinearRegression.tweedie().power(0.5));
        assertTrue(e.getMessage().contains("power"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GeneralizedLinearRegression.poisson().with("power", 1.5));
        assertTrue(e.getMessage().contains("power"), e.getMessage());
        double[] allZero = new double[y.length];
        e = assertThrows(IllegalArgumentException.class, () -> GeneralizedLinearRegression.poisson().fit(Dataset.regression(z(), allZero)));
        assertTrue(e.getMessage().contains("mean"), e.getMessage());
    }

    @Test
    void meanDevianceOfPoissonModel() {
        GlmModel m = GeneralizedLinearRegression.poisson().alpha(0).tol(1e-12).maxIter(1000).solver("newton").fit(data());
        double[] mu = m.predict(z());
        double[] y = ys();
        double dev = 0;
        for (int i = 0; i < y.length; i++) {
            dev += 2 * (y[i] * Math.log(y[i] / mu[i]) - y[i] + mu[i]);
        }
        assertEquals(dev / y.length, m.meanDeviance(z(), y, null), 1e-13);
        // unpenalised Poisson with an intercept: sum (y - mu) = 0
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] - mu[i];
        }
        assertEquals(0, s, 1e-8);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.of(
                LearnerContract.tests(GeneralizedLinearRegression.poisson().alpha(0.01), data()),
                LearnerContract.tests(GeneralizedLinearRegression.gamma().solver("newton"), data().withWeights(FX.vector("diabetes_w"))),
                LearnerContract.tests(GeneralizedLinearRegression.tweedie().power(1.5), data()))
                .flatMap(s -> s);
    }
}
