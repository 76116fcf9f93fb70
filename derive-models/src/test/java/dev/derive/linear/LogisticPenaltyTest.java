package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * L1 and elastic-net {@link LogisticRegression} ({@code newton_cd} and {@code saga}) against scikit-learn 1.2.1's
 * saga at {@code tol=1e-12} (fixture {@code logistic_l1_sklearn.txt} from {@code tools/gen_logistic_l1_fixtures.py};
 * inputs from {@code logistic_sklearn.txt}), against the KKT conditions of the penalised problem, the sparse
 * SAGA path against the dense one, and through the learner contract.
 */
class LogisticPenaltyTest {

    static final Fixtures FX = Fixtures.load("logistic_l1_sklearn.txt");

    static Dataset data(String ds) {
        return LinearSvmTest.classification(LogisticRegressionTest.FX, FX, ds);
    }

    static LogisticRegression config(String penalty, double c, double ratio) {
        return LogisticRegression.learner().penalty(penalty).c(c).l1Ratio(ratio);
    }

    /**
     * KKT conditions of {@code sum_i s_i loss_i + l1 ||W||_1 + l2 ||W||^2/2}: {@code |g_j + l1 sign(w_j)| <= tol l1} where
     * {@code w_j != 0}, {@code |g_j| <= l1 (1 + tol)} where {@code w_j = 0} ({@code g} the gradient of the smooth part), and
     * {@code |g_b| <= tol l1} for the intercepts; returns the largest violation relative to {@code l1}.
     */
    static double kkt(LogisticModel m, Dataset d, double[] s, double l1, double l2) {
        LogisticObjective f = LogisticObjective.withL2(d.features(), d.labels(), s, d.numClasses(), true, l2);
        double[] theta = new double[f.dimension()];
        Matrix coef = m.coefficients();
        for (int c = 0; c < coef.rows(); c++) {
            for (int j = 0; j < coef.cols(); j++) {
                theta[c * f.d + j] = coef.get(c, j);
            }
            theta[c * f.d + f.p] = m.intercepts()[c];
        }
        double[] g = new double[theta.length];
        f.valueAndGradient(theta, g);
        double worst = 0;
        for (int i = 0; i < theta.length; i++) {
            double v;
            if (!f.penalised(i)) {
                v = Math.abs(g[i]);
            } else if (theta[i] != 0) {
                v = Math.abs(g[i] + l1 * Math.signum(theta[i]));
            } else {
                v = Math.max(0, Math.abs(g[i]) - l1);
            }
            worst = Math.max(worst, v / l1);
        }
        return worst;
    }

    static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    static double relErr(Matrix a, Matrix b) {
        return a.maxAbsDiff(b) / Math.max(1e-300, b.normMax());
    }

    /**
     * Compares with the reference {@code ref}; where scikit-learn's saga stopped at max_iter (binary L1 on breast
     * cancer, KKT residual 2.5e-5 to 4e-5) the fixture also holds its answer polished by scipy's L-BFGS-B
     * ({@code _polished}, KKT residual recorded), and the comparison is against that.
     */
    static void compare(String ref, Dataset d, LogisticModel m, double tol) {
        boolean polished = FX.has(ref + "_polished_coef");
        String key = polished ? ref + "_polished" : ref;
        double ec = relErr(m.coefficients(), FX.matrix(key + "_coef"));
        double eb = relErr(Matrix.columnVector(m.intercepts()), Matrix.columnVector(FX.vector(key + "_intercept")));
        double ep = ref.startsWith("wine") ? m.predictProba(d.features()).maxAbsDiff(FX.matrix(ref + "_proba")) : 0;
        System.out.printf("%-22s %-9s coef %.2e intercept %.2e proba %.2e iterations %d nnz %.0f (reference kkt %.1e)%s%n", key,
                m.params().getString("solver"), ec, eb, ep, m.report().iterations(), m.report().extra().get("nonzero_coefficients"),
                FX.vector(key + "_kkt")[0], polished ? String.format(" unpolished saga: coef %.2e (kkt %.1e)",
                        relErr(m.coefficients(), FX.matrix(ref + "_coef")), FX.vector(ref + "_kkt")[0]) : "");
        if (polished) {
            assertTrue(FX.vector(key + "_kkt")[0] < 1e-6, "the polished reference is tight");
        }
        assertTrue(ec <= tol, () -> key + ": coefficient relative error " + ec);
        assertTrue(eb <= tol, () -> key + ": intercept relative error " + eb);
        assertTrue(ep <= tol, () -> ref + ": probability error " + ep);
    }

    @ParameterizedTest
    @CsvSource({"bc, l1_C1, l1, 1.0, 1.0", "bc, l1_C0_1, l1, 0.1, 1.0", "bc, en_C1_r0_5, elasticnet, 1.0, 0.5",
            "bc, en_C0_1_r0_3, elasticnet, 0.1, 0.3", "wine, l1_C1, l1, 1.0, 1.0", "wine, l1_C0_1, l1, 0.1, 1.0",
            "wine, en_C1_r0_5, elasticnet, 1.0, 0.5", "wine, en_C0_1_r0_3, elasticnet, 0.1, 0.3"})
    void newtonCdMatchesSklearnSagaAndMeetsKkt(String ds, String ref, String penalty, double c, double ratio) {
        Dataset d = data(ds);
        LogisticModel m = config(penalty, c, ratio).solver("newton_cd").tol(1e-12).maxIter(200).fit(d);
        assertTrue(m.report().converged(), () -> m.report().toString());
        compare(ds + "_" + ref, d, m, 1e-4);
        double[] ones = new double[d.size()];
        java.util.Arrays.fill(ones, 1.0);
        double v = kkt(m, d, ones, ratio / c, (1 - ratio) / c);
        assertTrue(v <= 1e-6, () -> ds + "_" + ref + ": KKT violation " + v + " relative to l1");
    }

    /** SAGA on the references scikit-learn's saga converged on (the two it left at max_iter are compared with newton_cd above). */
    @ParameterizedTest
    @CsvSource({"bc, l1_C0_1, l1, 0.1, 1.0", "bc, en_C0_1_r0_3, elasticnet, 0.1, 0.3", "wine, l1_C1, l1, 1.0, 1.0",
            "wine, en_C1_r0_5, elasticnet, 1.0, 0.5", "wine, en_C0_1_r0_3, elasticnet, 0.1, 0.3"})
    void sagaMatchesSklearnSaga(String ds, String ref, String penalty, double c, double ratio) {
        Dataset d = data(ds);
        LogisticModel m = config(penalty, c, ratio).solver("saga").tol(1e-8).maxIter(100_000).fit(d);
        assertTrue(m.report().converged(), () -> m.report().toString());
        compare(ds + "_" + ref, d, m, 1e-4);
    }

    @Test
    void sampleWeights() {
        Dataset d = data("bc").withWeights(FX.vector("bc_w"));
        LogisticModel m = config("l1", 1.0, 1.0).solver("newton_cd").tol(1e-12).maxIter(200).fit(d);
        compare("bc_l1_weighted", d, m, 1e-4);
        assertTrue(kkt(m, d, FX.vector("bc_w"), 1.0, 0.0) <= 1e-6);
    }

    /**
     * The sparse SAGA path (CSR rows, deferred just-in-time penalty steps) reaches the same optimum as newton_cd on
     * the same matrix held densely, with 70% of the entries zero.
     */
    @Test
    void sparseSagaMatchesDense() {
        Dataset d = data("wine");
        Matrix x = d.features().copy();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                if (rnd.nextDouble() < 0.7) {
                    x.set(i, j, 0);
                }
            }
        }
        Dataset sparseData = d.withFeatureMatrix(x, d.featureInfo());
        double[] w = new double[d.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 3;
        }
        for (String penalty : List.of("l1", "elasticnet")) {
            // the elastic net run also carries sample weights
            double[] sw = penalty.equals("l1") ? null : w;
            LogisticRegression l = config(penalty, 1.0, 0.5).tol(1e-12).maxIter(100_000);
            LogisticModel exact = l.solver("newton_cd").fit(sw == null ? sparseData : sparseData.withWeights(sw));
            LogisticSaga.Fit s = LogisticSaga.fit(SparseMatrix.fromDense(x), d.labels(), d.numClasses(), sw, l.tol(1e-10));
            assertTrue(s.converged());
            double ec = relErr(s.coef(), exact.coefficients());
            double eb = relErr(Matrix.columnVector(s.intercepts()), Matrix.columnVector(exact.intercepts()));
            System.out.printf("sparse saga %s: coef %.2e intercept %.2e epochs %d%n", penalty, ec, eb, s.epochs());
            assertTrue(ec <= 1e-6 && eb <= 1e-6, penalty + ": " + ec + ", " + eb);
            // the KKT conditions at the sparse SAGA solution
            LogisticModel asModel = new LogisticModel(l.params(), exact.schema(), exact.report(), s.coef(), s.intercepts());
            double v = kkt(asModel, sparseData, sw == null ? ones(d.size()) : sw, penalty.equals("l1") ? 1.0 : 0.5,
                    penalty.equals("l1") ? 0.0 : 0.5);
            System.out.printf("sparse saga %s: KKT violation %.2e relative to l1%n", penalty, v);
            assertTrue(v <= 1e-6, penalty + ": KKT violation " + v);
        }
        assertThrows(IllegalArgumentException.class, () -> LogisticSaga.fit(SparseMatrix.fromDense(x), new int[3], 3, null,
                LogisticRegression.learner()));
    }

    @Test
    void smoothSolversRejectL1AndNoneMatchesNewtonCd() {
        Dataset d = data("wine");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.learner().penalty("l1").fit(d));
        assertTrue(e.getMessage().contains("newton_cd") && e.getMessage().contains("lbfgs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.learner().l1Ratio(1.5));
        // the l2 penalty through newton_cd equals the smooth solvers' answer
        LogisticModel a = LogisticRegression.learner().solver("newton").tol(1e-12).maxIter(100).fit(d);
        LogisticModel b = LogisticRegression.learner().solver("newton_cd").tol(1e-12).maxIter(100).fit(d);
        assertTrue(relErr(b.coefficients(), a.coefficients()) <= 1e-8);
        // elastic net with l1_ratio = 0 is the l2 penalty
        LogisticModel c = config("elasticnet", 1.0, 0.0).solver("newton_cd").tol(1e-12).maxIter(100).fit(d);
        assertTrue(relErr(c.coefficients(), a.coefficients()) <= 1e-8);
        assertEquals(d.numClasses() * d.featureCount(), b.report().extra().get("nonzero_coefficients"));
    }

    /**
     * penalty = none on iris versicolor against virginica (they overlap, so the maximum-likelihood estimate is
     * finite): newton_cd equals newton.
     */
    @Test
    void noPenalty() {
        Dataset iris = LogisticRegressionTest.data("iris");
        int[] rows = java.util.stream.IntStream.range(0, iris.size()).filter(i -> iris.labels()[i] > 0).toArray();
        Matrix x = iris.subset(rows).features();
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = iris.labels()[rows[i]] - 1;
        }
        Dataset d = Dataset.classification(x, y, List.of("versicolor", "virginica"));
        LogisticModel a = LogisticRegression.learner().penalty("none").solver("newton").tol(1e-12).maxIter(200).fit(d);
        LogisticModel b = LogisticRegression.learner().penalty("none").solver("newton_cd").tol(1e-12).maxIter(200).fit(d);
        assertTrue(a.report().converged() && b.report().converged(), () -> a.report() + " / " + b.report());
        double e = relErr(b.coefficients(), a.coefficients());
        assertTrue(e <= 1e-6, () -> "newton_cd vs newton without penalty: " + e);
        assertTrue(b.report().extra().get("kkt_residual") <= 1e-12 * d.size());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.of(
                LearnerContract.tests(config("l1", 1.0, 1.0).solver("newton_cd").tol(1e-10).maxIter(200), data("bc"),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-7)),
                LearnerContract.tests(config("elasticnet", 0.1, 0.3).solver("saga").tol(1e-10).maxIter(100_000), data("wine"),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6))).flatMap(s -> s);
    }
}
