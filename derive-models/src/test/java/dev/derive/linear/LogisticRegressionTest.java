package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.optim.GradientCheck;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LogisticRegression} against scikit-learn 1.2.1 (fixture {@code logistic_sklearn.txt} from
 * {@code tools/gen_logistic_fixtures.py}), against its own mathematics (finite-difference gradient and
 * Hessian, the first-order optimality condition) and through the learner contract.
 */
class LogisticRegressionTest {

    static final Fixtures FX = Fixtures.load("logistic_sklearn.txt");

    static Dataset data(String prefix) {
        Matrix x = FX.matrix(prefix + "_X");
        double[] yd = FX.vector(prefix + "_y");
        int[] y = new int[yd.length];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) yd[i];
            k = Math.max(k, y[i] + 1);
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add("c" + c);
        }
        return Dataset.classification(x, y, classes);
    }

    static double relErr(Matrix a, Matrix b) {
        return a.maxAbsDiff(b) / Math.max(1e-300, b.normMax());
    }

    static double relErr(double[] a, double[] b) {
        return relErr(Matrix.columnVector(a), Matrix.columnVector(b));
    }

    /** Fits and compares coefficients, intercepts and probabilities; returns the coefficient error. */
    static LogisticModel check(Dataset d, LogisticRegression learner, String ref, double coefTol) {
        LogisticModel m = learner.tol(1e-10).maxIter(1000).fit(d);
        assertTrue(m.report().converged(), () -> ref + " did not converge: " + m.report());
        Matrix coef = FX.matrix(ref + "_coef");
        double[] b = FX.vector(ref + "_intercept");
        double ec = relErr(m.coefficients(), coef);
        double eb = Math.abs(b[0]) == 0 && m.intercepts()[0] == 0 ? 0 : relErr(m.intercepts(), b);
        double ep = m.predictProba(d.features()).maxAbsDiff(FX.matrix(ref + "_proba"));
        System.out.printf("%-14s %-6s coef %.2e intercept %.2e proba %.2e iterations %d%n", ref,
                learner.params().getString("solver"), ec, eb, ep, m.report().iterations());
        assertTrue(ec <= coefTol, () -> ref + ": coefficient relative error " + ec);
        assertTrue(eb <= coefTol, () -> ref + ": intercept relative error " + eb);
        assertTrue(ep <= 1e-6, () -> ref + ": probability error " + ep);
        return m;
    }

    @ParameterizedTest
    @CsvSource({"bc_C1, 1.0, none", "bc_C0_1, 0.1, none", "bc_C10, 10.0, none", "bc_balanced, 1.0, balanced"})
    void binaryMatchesSklearnNewtonCholesky(String ref, double c, String cw) {
        Dataset d = data("bc");
        for (String solver : List.of("newton", "lbfgs")) {
            check(d, LogisticRegression.learner().c(c).classWeight(cw).solver(solver), ref, 1e-6);
        }
    }

    @Test
    void binaryWeightedAndWithoutIntercept() {
        Dataset d = data("bc");
        check(d.withWeights(FX.vector("bc_w")), LogisticRegression.learner().solver("newton"), "bc_weighted", 1e-6);
        LogisticModel m = check(d, LogisticRegression.learner().solver("newton").fitIntercept(false), "bc_noint", 1e-6);
        assertArrayEquals(new double[] {0.0}, m.intercepts());
    }

    /**
     * Multinomial models against scikit-learn. The {@code lbfgs} references requested by the issue
     * ({@code tol=1e-12}) stop on scipy's relative function decrease with a gradient norm of 2e-4 to 7e-4 on
     * the summed objective (stored as {@code _gradnorm}); a tight scipy L-BFGS-B run lands 5e-5 away from
     * them, where we land too. So against them the coefficients are compared at 1e-4 relative, the distance
     * over all parameters must equal the distance between scikit-learn's two answers, probabilities agree to
     * 1e-4; and the tightly converged {@code newton-cg} references ({@code _ncg}, gradient norm
     * below 1e-8) at 1e-6 relative and 1e-6 in probability.
     */
    @ParameterizedTest
    @CsvSource({"iris_C1, iris, 1.0, none", "iris_C0_1, iris, 0.1, none", "iris_balanced, iris, 1.0, balanced",
            "wine_C1, wine, 1.0, none", "wine_C0_1, wine, 0.1, none", "wine_balanced, wine, 1.0, balanced"})
    void multinomialMatchesSklearn(String ref, String ds, double c, String cw) {
        Dataset d = data(ds);
        assertTrue(FX.vector(ref + "_gradnorm")[0] > 1e-5, "the lbfgs reference is loosely converged, as documented");
        assertTrue(FX.vector(ref + "_ncg_gradnorm")[0] < 1e-8);
        for (String solver : List.of("lbfgs", "newton")) {
            LogisticModel m = check(d, LogisticRegression.learner().c(c).classWeight(cw).solver(solver), ref + "_ncg", 1e-6);
            assertEquals(d.numClasses(), m.coefficients().rows());
            Matrix lbfgsRef = params(FX.matrix(ref + "_coef"), FX.vector(ref + "_intercept"));
            Matrix ncgRef = params(FX.matrix(ref + "_ncg_coef"), FX.vector(ref + "_ncg_intercept"));
            double ec = relErr(m.coefficients(), FX.matrix(ref + "_coef"));
            double ep = relErr(params(m.coefficients(), m.intercepts()), lbfgsRef);
            double refGap = relErr(ncgRef, lbfgsRef);
            double pp = m.predictProba(d.features()).maxAbsDiff(FX.matrix(ref + "_proba"));
            System.out.printf("%-14s %-6s vs sklearn lbfgs: coef %.2e parameters %.2e (sklearn ncg vs lbfgs %.2e) proba %.2e%n",
                    ref, solver, ec, ep, refGap, pp);
            assertTrue(ec <= 1e-4, () -> ref + " vs lbfgs reference: coefficient relative error " + ec);
            // the whole remaining gap is the reference's own: we are as far from it as sklearn's converged answer
            assertEquals(refGap, ep, 1e-3 * refGap + 1e-8, ref + ": distance to the lbfgs reference");
            assertTrue(pp <= 1e-4, () -> ref + " vs lbfgs reference: probability error " + pp);
        }
    }

    /** Coefficients (K x p) and intercepts as one K x (p + 1) matrix. */
    static Matrix params(Matrix coef, double[] b) {
        Matrix out = Matrix.zeros(coef.rows(), coef.cols() + 1);
        out.block(0, 0, coef.rows(), coef.cols()).assign(coef);
        for (int c = 0; c < b.length; c++) {
            out.set(c, coef.cols(), b[c]);
        }
        return out;
    }

    /** First-order optimality: the gradient of the objective at the returned solution is below the tolerance. */
    @Test
    void kktGradientVanishesAtSolution() {
        for (String ds : List.of("bc", "iris", "wine")) {
            Dataset d = data(ds);
            for (String solver : List.of("lbfgs", "newton")) {
                LogisticModel m = LogisticRegression.learner().solver(solver).tol(1e-8).maxIter(1000).fit(d);
                LogisticObjective f = new LogisticObjective(d.features(), d.labels(), LogisticRegression.rowWeights(d, "none"),
                        d.numClasses(), true, 1.0);
                double[] theta = pack(m, f);
                double[] g = new double[theta.length];
                f.valueAndGradient(theta, g);
                double norm = Math.sqrt(dot(g, g));
                assertTrue(norm <= 1e-8 * d.size(), ds + "/" + solver + ": gradient norm " + norm);
            }
        }
    }

    static double[] pack(LogisticModel m, LogisticObjective f) {
        Matrix w = m.coefficients();
        double[] b = m.intercepts();
        double[] theta = new double[f.dimension()];
        for (int c = 0; c < f.k; c++) {
            for (int j = 0; j < f.p; j++) {
                theta[c * f.d + j] = w.get(c, j);
            }
            if (f.intercept) {
                theta[c * f.d + f.p] = b[c];
            }
        }
        return theta;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] randomPoint(int n, Random rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        Random rng = new Random(5);
        for (String ds : List.of("bc", "iris", "wine")) {
            Dataset d = data(ds);
            double[] s = new double[d.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = 0.5 + rng.nextDouble();
            }
            for (boolean intercept : new boolean[] {true, false}) {
                LogisticObjective f = new LogisticObjective(d.features(), d.labels(), s, d.numClasses(), intercept, 0.7);
                double[] x = randomPoint(f.dimension(), rng);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= 0.3;
                }
                GradientCheck.Report gr = GradientCheck.gradient(f, x);
                assertTrue(gr.passes(1e-7), ds + " gradient: " + gr);
                double[] v = randomPoint(f.dimension(), rng);
                if (intercept && f.k > 1) {
                    // the Hessian adds u u' on the intercepts (u = ones); a direction whose intercept part sums
                    // to zero sees the exact Hessian
                    double sum = 0;
                    for (int c = 0; c < f.k; c++) {
                        sum += v[c * f.d + f.p];
                    }
                    for (int c = 0; c < f.k; c++) {
                        v[c * f.d + f.p] -= sum / f.k;
                    }
                }
                GradientCheck.Report hr = GradientCheck.hessianVector(f, x, v);
                assertTrue(hr.passes(1e-6), ds + " Hessian: " + hr);
            }
        }
    }

    @Test
    void logSumExpIsStableForHugeScores() {
        Dataset d = data("iris");
        LogisticObjective f = new LogisticObjective(d.features(), d.labels(), LogisticRegression.rowWeights(d, "none"), 3, true, 1.0);
        double[] x = new double[f.dimension()];
        java.util.Arrays.fill(x, 800.0);
        double[] g = new double[x.length];
        double v = f.valueAndGradient(x, g);
        assertTrue(Double.isFinite(v));
        for (double gi : g) {
            assertTrue(Double.isFinite(gi));
        }
        LogisticObjective fb = new LogisticObjective(data("bc").features(), data("bc").labels(), new double[569], 2, true, 1.0);
        double[] xb = new double[fb.dimension()];
        java.util.Arrays.fill(xb, 900.0);
        assertTrue(Double.isFinite(fb.valueAndGradient(xb, new double[xb.length])));
    }

    @Test
    void reportHasLossCurveAndWarnsWhenNotConverged() {
        LogisticModel m = LogisticRegression.learner().maxIter(3).tol(1e-12).fit(data("bc"));
        assertFalse(m.report().converged());
        assertEquals(3, m.report().iterations());
        assertEquals(4, m.report().lossCurve().length);
        double[] curve = m.report().lossCurve();
        for (int i = 1; i < curve.length; i++) {
            assertTrue(curve[i] <= curve[i - 1], "loss curve must not increase");
        }
        assertTrue(m.report().warnings().stream().anyMatch(w -> w.contains("did not converge")), m.report().warnings().toString());
    }

    @Test
    void warnsOnPerfectSeparation() {
        // two well separated clouds: every training row is classified correctly
        Random rng = new Random(3);
        int n = 60;
        Matrix x = Matrix.zeros(n, 2);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x.set(i, 0, (y[i] == 1 ? 3 : -3) + rng.nextGaussian() * 0.5);
            x.set(i, 1, rng.nextGaussian());
        }
        Dataset d = Dataset.classification(x, y);
        LogisticModel small = LogisticRegression.learner().c(1).solver("newton").fit(d);
        LogisticModel big = LogisticRegression.learner().c(1e4).solver("newton").maxIter(1000).fit(d);
        assertTrue(big.report().warnings().stream().anyMatch(w -> w.contains("perfectly separated")), big.report().warnings().toString());
        assertTrue(big.coefficients().normFrobenius() > 2 * small.coefficients().normFrobenius(),
                "coefficients grow with C on separable data");
        // breast cancer is not separable at C = 1: no such warning
        LogisticModel bc = LogisticRegression.learner().solver("newton").fit(data("bc"));
        assertTrue(bc.report().warnings().isEmpty(), bc.report().warnings().toString());
    }

    @Test
    void warnsWhenAClassHasNoRows() {
        Dataset iris = data("iris");
        int[] rows = new int[100];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i; // setosa and versicolor only; virginica is a class of the schema with no rows
        }
        LogisticModel m = LogisticRegression.learner().maxIter(200).fit(iris.subset(rows));
        assertEquals(3, m.coefficients().rows());
        assertTrue(m.report().warnings().stream().anyMatch(w -> w.contains("'c2' has no training rows")), m.report().warnings().toString());
        assertTrue(m.predictProba(iris.features()).isFinite());
    }

    @Test
    void decisionFunctionShapesAndPredictions() {
        Dataset bc = data("bc");
        LogisticModel m = LogisticRegression.learner().fit(bc);
        Matrix z = m.decisionFunction(bc.features());
        assertEquals(1, z.cols());
        assertEquals(1, m.coefficients().rows());
        int[] pred = m.predict(bc.features());
        for (int i = 0; i < pred.length; i++) {
            assertEquals(z.get(i, 0) > 0 ? 1 : 0, pred[i]);
        }
        Dataset iris = data("iris");
        LogisticModel mi = LogisticRegression.learner().fit(iris);
        assertEquals(3, mi.decisionFunction(iris.features()).cols());
        assertArrayEquals(mi.decisionFunction(iris.features()).rowArgmax(), mi.predict(iris.features()));
    }

    @Test
    void badParametersAndInput() {
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.learner().c(0));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.learner().solver("liblinear"));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.learner().classWeight("auto"));
        Dataset d = data("iris");
        LogisticModel m = LogisticRegression.learner().fit(d);
        assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.zeros(2, 3)));
    }

    @Test
    void registeredAndPersisted(@TempDir Path dir) throws Exception {
        assertTrue(LearnerRegistry.create("logistic", Dataset.Task.CLASSIFICATION) instanceof LogisticRegression);
        Dataset d = data("wine");
        LogisticModel m = LogisticRegression.learner().c(0.5).fit(d);
        Path file = dir.resolve("logistic.derive");
        Models.save(m, file);
        Classifier back = (Classifier) Models.load(file);
        assertEquals(0.0, back.predictProba(d.features()).maxAbsDiff(m.predictProba(d.features())));
        assertTrue(Files.size(file) > 0);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        Dataset bc = data("bc");
        double[] w = new double[bc.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
        }
        LearnerContract.Options opt = LearnerContract.Options.DEFAULT.withOrderTolerance(1e-7);
        return Stream.of(
                LearnerContract.tests(LogisticRegression.learner().tol(1e-10).maxIter(1000), data("iris"), opt),
                LearnerContract.tests(LogisticRegression.learner().solver("newton").tol(1e-10), bc.withWeights(w), opt),
                LearnerContract.tests(LogisticRegression.learner().classWeight("balanced").tol(1e-10).maxIter(1000), data("wine"), opt))
                .flatMap(s -> s);
    }
}
