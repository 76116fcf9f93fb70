package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link LinearSVC} and {@link LinearSVR} against scikit-learn 1.2.1's LIBLINEAR (fixture
 * {@code linear_svm_sklearn.txt} from {@code tools/gen_logistic_l1_fixtures.py}), against the mathematics of
 * the dual (box feasibility, zero duality gap at the solution, sample weights equal to repeated rows) and
 * through the learner contract.
 */
class LinearSvmTest {

    static final Fixtures FX = Fixtures.load("linear_svm_sklearn.txt");

    /** The standardised inputs live in {@code logistic_sklearn.txt}; {@code <ds>_X_check} confirms they are the same. */
    static Dataset classification(String prefix) {
        return classification(LogisticRegressionTest.FX, FX, prefix);
    }

    static Dataset classification(Fixtures inputs, Fixtures refs, String prefix) {
        Matrix x = inputs.matrix(prefix + "_X");
        double[] yd = inputs.vector(prefix + "_y");
        double[] check = refs.vector(prefix + "_X_check");
        double sum = 0;
        double sq = 0;
        for (double v : x.toArray()) {
            sum += v;
            sq += v * v;
        }
        double ys = 0;
        for (double v : yd) {
            ys += v;
        }
        assertEquals(check[0], sum, 1e-9 * Math.max(1, Math.abs(check[1])), prefix + ": sum of X differs from the reference's inputs");
        assertEquals(check[1], sq, 1e-9 * check[1], prefix + ": sum of X^2 differs from the reference's inputs");
        assertEquals(check[2], ys, 0.0, prefix + ": labels differ from the reference's");
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

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diab_X"), FX.vector("diab_y"));
    }

    static double relErr(Matrix a, Matrix b) {
        return a.maxAbsDiff(b) / Math.max(1e-300, b.normMax());
    }

    static double relErr(double[] a, double[] b) {
        return relErr(Matrix.columnVector(a), Matrix.columnVector(b));
    }

    static LinearSVC tight() {
        return LinearSVC.learner().tol(1e-10).maxIter(1_000_000);
    }

    @ParameterizedTest
    @CsvSource({"bc, hinge_C1, hinge, 1.0, none", "bc, sq_C1, squared_hinge, 1.0, none", "bc, sq_C0_1, squared_hinge, 0.1, none",
            "bc, hinge_balanced, hinge, 1.0, balanced", "iris, hinge_C1, hinge, 1.0, none", "iris, sq_C1, squared_hinge, 1.0, none",
            "iris, sq_C0_1, squared_hinge, 0.1, none", "iris, hinge_balanced, hinge, 1.0, balanced"})
    void classifierMatchesLiblinear(String ds, String ref, String loss, double c, String cw) {
        Dataset d = classification(ds);
        LinearSvmModel m = tight().loss(loss).c(c).classWeight(cw).fit(d);
        assertTrue(m.report().converged(), () -> m.report().toString());
        String r = ds + "_" + ref;
        double ec = relErr(m.coefficients(), FX.matrix(r + "_coef"));
        double eb = relErr(m.intercepts(), FX.vector(r + "_intercept"));
        Matrix dec = m.decisionFunction(d.features());
        // the reference decision values are stored for iris; for breast cancer they follow from coef and intercept
        Matrix refDec = ds.equals("iris") ? FX.matrix(r + "_decision")
                : d.features().mmult(FX.matrix(r + "_coef")).addRowVector(FX.vector(r + "_intercept"));
        double ed = relErr(dec, refDec);
        System.out.printf("%-20s coef %.2e intercept %.2e decision %.2e epochs %d%n", r, ec, eb, ed, m.report().iterations());
        assertTrue(ec <= 1e-4, () -> r + ": coefficient relative error " + ec);
        assertTrue(eb <= 1e-4, () -> r + ": intercept relative error " + eb);
        assertTrue(ed <= 1e-4, () -> r + ": decision relative error " + ed);
    }

    /** One-vs-rest with balanced class weights on wine (59 / 71 / 48 rows): LIBLINEAR weights only each problem's positive class. */
    @ParameterizedTest
    @CsvSource({"hinge_balanced, hinge", "sq_balanced, squared_hinge"})
    void oneVsRestClassWeightsMatchLiblinear(String ref, String loss) {
        Dataset d = classification(LogisticRegressionTest.FX, FX, "wine");
        LinearSvmModel m = tight().loss(loss).classWeight("balanced").fit(d);
        double ec = relErr(m.coefficients(), FX.matrix("wine_" + ref + "_coef"));
        double eb = relErr(m.intercepts(), FX.vector("wine_" + ref + "_intercept"));
        System.out.printf("wine_%-15s coef %.2e intercept %.2e epochs %d%n", ref, ec, eb, m.report().iterations());
        assertTrue(ec <= 1e-4, () -> ref + ": coefficient relative error " + ec);
        assertTrue(eb <= 1e-4, () -> ref + ": intercept relative error " + eb);
    }

    @Test
    void interceptScalingAndNoIntercept() {
        Dataset d = classification("bc");
        LinearSvmModel m = tight().loss("hinge").interceptScaling(3.0).fit(d);
        assertTrue(relErr(m.coefficients(), FX.matrix("bc_hinge_is3_coef")) <= 1e-4);
        assertTrue(relErr(m.intercepts(), FX.vector("bc_hinge_is3_intercept")) <= 1e-4);
        m = tight().loss("hinge").fitIntercept(false).fit(d);
        assertTrue(relErr(m.coefficients(), FX.matrix("bc_hinge_noint_coef")) <= 1e-4);
        assertEquals(0.0, m.intercepts()[0]);
    }

    /**
     * Dual feasibility {@code 0 <= a_i <= C} (hinge) and a vanishing duality gap
     * {@code P(w) - D(a) = ||w||^2 + sum_i C_i xi_i - 1'a [+ sum_i a_i^2 / (4 C_i)]} at the solution, with
     * {@code w = sum_i a_i y_i x_i} checked against the returned vector.
     */
    @ParameterizedTest
    @CsvSource({"false, 1.0", "true, 1.0", "false, 0.05", "true, 10.0"})
    void dualFeasibleAndZeroGap(boolean squared, double c) {
        Dataset d = classification("bc");
        double[][] rows = LinearSVC.rows(d.features(), true, 1.0);
        int n = rows.length;
        double[] y = new double[n];
        double[] ci = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = d.labels()[i] == 1 ? 1 : -1;
            ci[i] = c * (1 + i % 3);
        }
        DualCoordinateDescent.Result r = DualCoordinateDescent.classify(rows, y, ci, squared, 1e-10, 1_000_000, true, 7);
        assertTrue(r.converged());
        double[] w = r.w();
        double[] w2 = new double[w.length];
        double sumA = 0;
        double quad = 0;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double a = r.dual()[i];
            assertTrue(a >= 0, "a_" + i + " = " + a);
            if (!squared) {
                assertTrue(a <= ci[i], "a_" + i + " = " + a + " > C_i = " + ci[i]);
            }
            sumA += a;
            quad += squared ? a * a / (4 * ci[i]) : 0;
            double m = 0;
            for (int j = 0; j < w.length; j++) {
                w2[j] += a * y[i] * rows[i][j];
                m += w[j] * rows[i][j];
            }
            double xi = Math.max(0, 1 - y[i] * m);
            loss += ci[i] * (squared ? xi * xi : xi);
        }
        double ww = 0;
        for (int j = 0; j < w.length; j++) {
            assertEquals(w2[j], w[j], 1e-9 * (1 + Math.abs(w[j])), "w = sum a_i y_i x_i");
            ww += w[j] * w[j];
        }
        double primal = 0.5 * ww + loss;
        double dual = sumA - 0.5 * ww - quad;
        double gap = primal - dual;
        System.out.printf("svc squared=%b C=%g primal %.10g gap %.2e%n", squared, c, primal, gap);
        assertTrue(gap >= -1e-9 * primal, "weak duality");
        assertTrue(gap <= 1e-7 * primal, () -> "duality gap " + gap + " for primal " + primal);
    }

    /** Duality gap of the regression dual: {@code P = ||w||^2/2 + sum C_i xi_i}, {@code D = y'b - eps|b|_1 - ||w||^2/2 [- sum b_i^2/(4 C_i)]}. */
    @ParameterizedTest
    @CsvSource({"false, 1.0, 0.0", "false, 10.0, 5.0", "true, 0.01, 0.0", "true, 0.1, 10.0"})
    void regressionZeroGap(boolean squared, double c, double eps) {
        Dataset d = diabetes();
        double[][] rows = LinearSVC.rows(d.features(), true, 1.0);
        double[] y = d.target();
        int n = rows.length;
        double[] ci = new double[n];
        java.util.Arrays.fill(ci, c);
        DualCoordinateDescent.Result r = DualCoordinateDescent.regress(rows, y, ci, eps, squared, 1e-12, 1_000_000, 3);
        double[] w = r.w();
        double ww = 0;
        for (double v : w) {
            ww += v * v;
        }
        double loss = 0;
        double lin = 0;
        for (int i = 0; i < n; i++) {
            double b = r.dual()[i];
            if (!squared) {
                assertTrue(Math.abs(b) <= ci[i], "|b_i| <= C");
            }
            double f = 0;
            for (int j = 0; j < w.length; j++) {
                f += w[j] * rows[i][j];
            }
            double xi = Math.max(0, Math.abs(f - y[i]) - eps);
            loss += ci[i] * (squared ? xi * xi : xi);
            lin += y[i] * b - eps * Math.abs(b) - (squared ? b * b / (4 * ci[i]) : 0);
        }
        double primal = 0.5 * ww + loss;
        double dual = lin - 0.5 * ww;
        double gap = primal - dual;
        System.out.printf("svr squared=%b C=%g eps=%g primal %.10g gap %.2e epochs %d%n", squared, c, eps, primal, gap, r.epochs());
        assertTrue(gap >= -1e-9 * primal, "weak duality");
        assertTrue(gap <= 1e-6 * primal, () -> "duality gap " + gap + " for primal " + primal);
    }

    @ParameterizedTest
    @CsvSource({"l1_C1_e0, epsilon_insensitive, 1.0, 0.0", "l1_C10_e5, epsilon_insensitive, 10.0, 5.0",
            "l2_C0_01_e0, squared_epsilon_insensitive, 0.01, 0.0", "l2_C0_1_e10, squared_epsilon_insensitive, 0.1, 10.0"})
    void regressorMatchesLiblinear(String ref, String loss, double c, double eps) {
        Dataset d = diabetes();
        LinearModel m = LinearSVR.learner().loss(loss).c(c).epsilon(eps).tol(1e-10).maxIter(1_000_000).fit(d);
        String r = "diab_" + ref;
        double ec = relErr(m.coefficients(), FX.vector(r + "_coef"));
        double eb = Math.abs(m.intercept() - FX.vector(r + "_intercept")[0]) / Math.abs(FX.vector(r + "_intercept")[0]);
        double[] refPred = d.features().mvmul(FX.vector(r + "_coef"));
        for (int i = 0; i < refPred.length; i++) {
            refPred[i] += FX.vector(r + "_intercept")[0];
        }
        double ep = relErr(m.predict(d.features()), refPred);
        System.out.printf("%-20s coef %.2e intercept %.2e prediction %.2e epochs %d converged %b%n", r, ec, eb, ep,
                m.report().iterations(), m.report().converged());
        assertTrue(ec <= 1e-4, () -> r + ": coefficient relative error " + ec);
        assertTrue(eb <= 1e-4, () -> r + ": intercept relative error " + eb);
        assertTrue(ep <= 1e-4, () -> r + ": prediction relative error " + ep);
    }

    /** A sample weight of 2 is the same primal problem as the row given twice. */
    @Test
    void sampleWeightsEqualRepeatedRows() {
        Dataset d = classification("iris");
        int n = d.size();
        double[] w = new double[n];
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w[i] = 1 + (i % 2);
            rows.add(i);
            if (i % 2 == 1) {
                rows.add(i);
            }
        }
        Dataset repeated = d.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        for (String loss : List.of("hinge", "squared_hinge")) {
            LinearSvmModel a = tight().loss(loss).fit(d.withWeights(w));
            LinearSvmModel b = tight().loss(loss).fit(repeated);
            assertTrue(relErr(a.coefficients(), b.coefficients()) <= 1e-6, loss);
        }
        Dataset reg = diabetes();
        double[] wr = new double[reg.size()];
        List<Integer> rr = new ArrayList<>();
        for (int i = 0; i < reg.size(); i++) {
            wr[i] = 1 + (i % 2);
            rr.add(i);
            if (i % 2 == 1) {
                rr.add(i);
            }
        }
        LinearModel a = LinearSVR.learner().c(10).tol(1e-12).maxIter(1_000_000).fit(reg.withWeights(wr));
        LinearModel b = LinearSVR.learner().c(10).tol(1e-12).maxIter(1_000_000).fit(reg.subset(rr.stream().mapToInt(Integer::intValue).toArray()));
        assertTrue(relErr(a.coefficients(), b.coefficients()) <= 1e-6);
    }

    @Test
    void noProbabilitiesButDecisionValuesSurviveSaving() throws Exception {
        Dataset d = classification("iris");
        LinearSvmModel m = LinearSVC.learner().fit(d);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> m.predictProba(d.features()));
        assertTrue(e.getMessage().contains("decisionFunction"), e.getMessage());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Models.write(m, bytes, Map.of());
        Model back = Models.read(new ByteArrayInputStream(bytes.toByteArray()), Model.class, "test", Models.Limits.DEFAULT);
        assertEquals(0.0, ((LinearSvmModel) back).decisionFunction(d.features()).maxAbsDiff(m.decisionFunction(d.features())));
        assertEquals(LinearSVC.NAME, LearnerRegistry.create(LinearSVC.NAME, Dataset.Task.CLASSIFICATION).name());
        assertEquals(LinearSVR.NAME, LearnerRegistry.create(LinearSVR.NAME, Dataset.Task.REGRESSION).name());
    }

    @Test
    void nonConvergenceIsReported() {
        LinearSvmModel m = LinearSVC.learner().tol(1e-12).maxIter(2).fit(classification("bc"));
        assertFalse(m.report().converged());
        assertTrue(m.report().warnings().get(0).contains("did not converge"), m.report().warnings().toString());
        assertThrows(IllegalArgumentException.class, () -> LinearSVC.learner().c(0));
        assertThrows(IllegalArgumentException.class, () -> LinearSVC.learner().loss("log"));
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options noProba = LearnerContract.Options.DEFAULT.withProbabilities(false);
        return Stream.of(
                LearnerContract.tests(tight(), classification("bc"), noProba),
                LearnerContract.tests(tight().loss("hinge").classWeight("balanced"), classification("iris"), noProba),
                LearnerContract.tests(LinearSVR.learner().c(10).epsilon(2).tol(1e-10).maxIter(1_000_000), diabetes(),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-7)),
                LearnerContract.tests(LinearSVR.learner().loss("squared_epsilon_insensitive").c(0.1).tol(1e-10).maxIter(1_000_000),
                        diabetes(), LearnerContract.Options.DEFAULT.withOrderTolerance(1e-7))).flatMap(s -> s);
    }
}
