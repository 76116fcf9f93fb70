package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The sparse-input paths ({@link SparseLearners}): lasso, elastic net, logistic regression (lbfgs, newton_cd,
 * saga) and the linear SVM fitted on a CSR {@link Dataset} against (a) the same learner on the same data held
 * densely, (b) scikit-learn 1.2.1 on {@code scipy.sparse} input (fixture {@code sparse_linear_sklearn.txt} from
 * {@code tools/gen_sparse_fixtures.py}) and (c) the optimality conditions, plus the learner contract on sparse
 * data and sparse prediction equal to dense prediction.
 */
class SparseLinearTest {

    static final Fixtures FX = Fixtures.load("sparse_linear_sklearn.txt");
    static final SparseMatrix X;
    static final int N;
    static final int P;

    static {
        double[] shape = FX.vector("X_shape");
        N = (int) shape[0];
        P = (int) shape[1];
        Matrix t = FX.matrix("X");
        int nnz = t.rows();
        int[] r = new int[nnz];
        int[] c = new int[nnz];
        double[] v = new double[nnz];
        for (int k = 0; k < nnz; k++) {
            r[k] = (int) t.get(k, 0);
            c[k] = (int) t.get(k, 1);
            v[k] = t.get(k, 2);
        }
        X = SparseMatrix.fromTriplets(N, P, r, c, v);
    }

    static int[] labels(String name) {
        double[] d = FX.vector(name);
        int[] y = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            y[i] = (int) d[i];
        }
        return y;
    }

    static Dataset regression(boolean sparse) {
        return sparse ? Dataset.regression(X, FX.vector("y_reg")) : Dataset.regression(X.toDense(), FX.vector("y_reg"));
    }

    static Dataset classification(String y, boolean sparse) {
        return sparse ? Dataset.classification(X, labels(y)) : Dataset.classification(X.toDense(), labels(y));
    }

    static double maxAbsDiff(double[] a, double[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** The KKT residual of the elastic net {@code 1/(2n)||y - b0 - Xb||^2 + alpha rho |b|_1 + alpha (1-rho)/2 |b|^2}. */
    static double enetKkt(PenalizedLinearModel m, double alpha, double rho) {
        double[] y = FX.vector("y_reg");
        double[] pred = m.predict(X);
        double[] r = new double[N];
        double rs = 0;
        for (int i = 0; i < N; i++) {
            r[i] = y[i] - pred[i];
            rs += r[i];
        }
        double[] g = X.tmvmul(r);
        double[] b = m.coefficients();
        double worst = Math.abs(rs / N);
        for (int j = 0; j < P; j++) {
            double gj = -g[j] / N + alpha * (1 - rho) * b[j];
            double l1 = alpha * rho;
            double v = b[j] != 0 ? Math.abs(gj + l1 * Math.signum(b[j])) : Math.max(Math.abs(gj) - l1, 0);
            worst = Math.max(worst, v);
        }
        return worst;
    }

    @Test
    void lassoAndElasticNetMatchDenseScikitLearnAndKkt() {
        for (String name : new String[] {"lasso", "enet"}) {
            double alpha = name.equals("lasso") ? 0.01 : 0.02;
            double rho = name.equals("lasso") ? 1.0 : 0.5;
            Learner<? extends PenalizedLinearModel> learner = name.equals("lasso")
                    ? Lasso.learner().alpha(alpha).tol(1e-12).maxIter(100_000)
                    : ElasticNet.learner().alpha(alpha).l1Ratio(rho).tol(1e-12).maxIter(100_000);
            PenalizedLinearModel sparse = learner.fit(regression(true));
            PenalizedLinearModel dense = learner.fit(regression(false));
            assertEquals(1.0, sparse.report().extra().get("sparse"), name + " took the sparse path");
            assertTrue(sparse.report().converged(), name);
            assertTrue(enetKkt(sparse, alpha, rho) < 1e-7, name + " KKT " + enetKkt(sparse, alpha, rho));
            assertTrue(maxAbsDiff(sparse.coefficients(), dense.coefficients()) < 1e-6,
                    name + " sparse vs dense " + maxAbsDiff(sparse.coefficients(), dense.coefficients()));
            assertEquals(dense.intercept(), sparse.intercept(), 1e-6, name);
            double[] ref = FX.matrix(name + "_coef").toArray();
            assertTrue(maxAbsDiff(sparse.coefficients(), ref) < 1e-6, name + " vs sklearn " + maxAbsDiff(sparse.coefficients(), ref));
            assertEquals(FX.scalar(name + "_intercept"), sparse.intercept(), 1e-6, name);
            // the same zero pattern as scikit-learn
            for (int j = 0; j < P; j++) {
                assertEquals(ref[j] == 0, sparse.coefficients()[j] == 0, name + " zero pattern at " + j);
            }
            assertArrayEquals(dense.predict(X.toDense()), sparse.predict(X), 1e-9, name + ": sparse prediction");
        }
    }

    @Test
    void elasticNetWarmStartOnSparseData() {
        ElasticNet l = ElasticNet.learner().alpha(0.02).l1Ratio(0.5).tol(1e-12).maxIter(100_000);
        PenalizedLinearModel cold = l.fit(regression(true));
        double[] start = new double[P];
        java.util.Arrays.fill(start, 0.3);
        PenalizedLinearModel warm = l.fitFrom(regression(true), start);
        assertTrue(maxAbsDiff(cold.coefficients(), warm.coefficients()) < 1e-6);
    }

    static double centredDiff(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((a[i] - ma) - (b[i] - mb)));
        }
        return m;
    }

    void checkLogistic(String ref, String y, LogisticRegression learner, double tol) {
        LogisticModel sparse = learner.fit(classification(y, true));
        assertEquals(1.0, sparse.report().extra().get("sparse"), ref);
        assertTrue(sparse.report().converged(), ref + " " + sparse.report());
        Matrix refCoef = FX.matrix(ref + "_coef");
        double coefDiff = maxAbsDiff(sparse.coefficients().toArray(), refCoef.toArray());
        assertTrue(coefDiff < tol, ref + " coefficients vs sklearn " + coefDiff);
        double[] refB = FX.vector(ref + "_intercept");
        // softmax intercepts are defined up to a common shift: compare them centred
        double bDiff = refB.length > 1 ? centredDiff(sparse.intercepts(), refB) : Math.abs(sparse.intercepts()[0] - refB[0]);
        assertTrue(bDiff < tol, ref + " intercepts vs sklearn " + bDiff);
        double pDiff = maxAbsDiff(sparse.predictProba(X).toArray(), FX.matrix(ref + "_proba").toArray());
        assertTrue(pDiff < tol, ref + " probabilities vs sklearn " + pDiff);
        assertArrayEquals(sparse.predictProba(X.toDense()).toArray(), sparse.predictProba(X).toArray(), 1e-12, ref + ": sparse prediction");
        assertArrayEquals(sparse.predict(X.toDense()), sparse.predict(X), ref);
        // the same learner on the dense data
        LogisticModel dense = learner.fit(classification(y, false));
        double dd = maxAbsDiff(sparse.predictProba(X).toArray(), dense.predictProba(X.toDense()).toArray());
        assertTrue(dd < tol, ref + " sparse vs dense probabilities " + dd);
        assertTrue(sparse.report().extra().get("kkt_residual") <= learner.params().getDouble("tol") * N, ref);
    }

    @Test
    void logisticL2LbfgsMatchesScikitLearn() {
        checkLogistic("logit_l2_bin", "y_bin", LogisticRegression.learner().c(1.0).tol(1e-10).maxIter(10_000), 1e-6);
        checkLogistic("logit_l2_multi", "y_multi", LogisticRegression.learner().c(0.5).tol(1e-10).maxIter(10_000), 1e-6);
    }

    @Test
    void logisticL1NewtonCdMatchesScikitLearn() {
        for (String s : new String[] {"bin", "multi"}) {
            LogisticRegression l = LogisticRegression.learner().penalty("l1").c(0.5).solver("newton_cd").tol(1e-10).maxIter(1000);
            checkLogistic("logit_l1_" + s, "y_" + s, l, 1e-6);
            LogisticModel m = l.fit(classification("y_" + s, true));
            Matrix ref = FX.matrix("logit_l1_" + s + "_coef");
            Matrix coef = m.coefficients();
            for (int c = 0; c < ref.rows(); c++) {
                for (int j = 0; j < P; j++) {
                    assertEquals(ref.get(c, j) == 0, coef.get(c, j) == 0, s + ": zero pattern at (" + c + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void logisticL1SagaMatchesScikitLearn() {
        checkLogistic("logit_l1_bin", "y_bin",
                LogisticRegression.learner().penalty("l1").c(0.5).solver("saga").tol(1e-9).maxIter(100_000).seed(3), 1e-5);
    }

    @Test
    void linearSvmSparseEqualsDenseAndScikitLearn() {
        for (String loss : new String[] {"squared_hinge", "hinge"}) {
            LinearSVC l = LinearSVC.learner().c(0.5).loss(loss).tol(1e-10).maxIter(1_000_000).seed(1);
            LinearSvmModel sparse = l.fit(classification("y_bin", true));
            LinearSvmModel dense = l.fit(classification("y_bin", false));
            // the same seed visits the same coordinates; the products skip only exact zeros
            assertArrayEquals(dense.coefficients().toArray(), sparse.coefficients().toArray(), 1e-12, loss);
            assertArrayEquals(dense.intercepts(), sparse.intercepts(), 1e-12, loss);
            String ref = loss.equals("hinge") ? "svc_hinge" : "svc_sq";
            double d = maxAbsDiff(sparse.coefficients().toArray(), FX.matrix(ref + "_coef").toArray());
            assertTrue(d < 1e-4, loss + " vs sklearn " + d);
            assertEquals(FX.vector(ref + "_intercept")[0], sparse.intercepts()[0], 1e-4, loss);
            assertArrayEquals(dense.predict(X.toDense()), sparse.predict(X), loss);
        }
        LinearSvmModel multi = LinearSVC.learner().c(0.5).tol(1e-10).maxIter(1_000_000).fit(classification("y_multi", true));
        double d = maxAbsDiff(multi.coefficients().toArray(), FX.matrix("svc_multi_coef").toArray());
        assertTrue(d < 1e-4, "multiclass vs sklearn " + d);
    }

    @TestFactory
    Stream<DynamicTest> contractOnSparseData() {
        return Stream.of(
                LearnerContract.tests(Lasso.learner().alpha(0.01), regression(true)),
                LearnerContract.tests(ElasticNet.learner().alpha(0.02), regression(true)),
                LearnerContract.tests(LogisticRegression.learner().tol(1e-8), classification("y_multi", true),
                        LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)),
                LearnerContract.tests(LogisticRegression.learner().penalty("l1").solver("newton_cd").tol(1e-8),
                        classification("y_bin", true), LearnerContract.Options.DEFAULT.withOrderTolerance(1e-6)),
                LearnerContract.tests(LinearSVC.learner(), classification("y_bin", true),
                        LearnerContract.Options.DEFAULT.withProbabilities(false).withOrderInvariant(false))).flatMap(s -> s);
    }

    @Test
    void sparseModelsSaveAndLoad() throws Exception {
        Model m = LogisticRegression.learner().fit(classification("y_bin", true));
        var out = new java.io.ByteArrayOutputStream();
        dev.derive.learn.persist.Models.write(m, out, java.util.Map.of());
        LogisticModel back = dev.derive.learn.persist.Models.read(new java.io.ByteArrayInputStream(out.toByteArray()), LogisticModel.class,
                "test", dev.derive.learn.persist.Models.Limits.DEFAULT);
        assertArrayEquals(((LogisticModel) m).predictProba(X).toArray(), back.predictProba(X).toArray(), 0.0);
    }
}
