package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Multi-output least squares and ridge against scikit-learn 1.2.1 (tools/gen_multi_output_fixtures.py), against
 * the single-target fits column by column, and against the normal equations.
 */
class MultiOutputTest {

    static final Fixtures FX = Fixtures.load("multi_output_sklearn.txt");
    static final Fixtures IN = Fixtures.load("lasso_sklearn.txt");
    static final Matrix X = IN.matrix("diabetes_X");
    static final Matrix Y = FX.matrix("Y");
    static final double[] W = IN.vector("diabetes_w");

    /** max_j |a_jt - b_jt| / max_j |b_jt| for every column t is at most {@code rel}. */
    static void assertColumnsClose(Matrix expected, Matrix got, double rel, String what) {
        assertEquals(expected.rows(), got.rows(), what + " rows");
        assertEquals(expected.cols(), got.cols(), what + " cols");
        for (int t = 0; t < expected.cols(); t++) {
            double scale = 0;
            for (int j = 0; j < expected.rows(); j++) {
                scale = Math.max(scale, Math.abs(expected.get(j, t)));
            }
            for (int j = 0; j < expected.rows(); j++) {
                assertEquals(expected.get(j, t), got.get(j, t), rel * scale, what + " [" + j + ", " + t + "]");
            }
        }
    }

    static void assertClose(double[] expected, double[] got, double rel, String what) {
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], got[t], rel * Math.max(1, Math.abs(expected[t])), what + "[" + t + "]");
        }
    }

    @Test
    void olsMatchesScikitLearn() {
        MultiOutputLinearModel m = LinearRegression.learner().fitMulti(X, Y);
        assertEquals(MultiOutputLinearModel.OLS_KIND, m.kind());
        assertColumnsClose(FX.matrix("ols_coef"), m.coefficients(), 1e-8, "ols coef");
        assertClose(FX.vector("ols_intercept"), m.intercepts(), 1e-8, "ols intercept");
        MultiOutputLinearModel mw = LinearRegression.learner().fitMulti(Dataset.regression(X, new double[X.rows()]).withWeights(W), Y);
        assertColumnsClose(FX.matrix("ols_w_coef"), mw.coefficients(), 1e-8, "weighted ols coef");
        assertClose(FX.vector("ols_w_intercept"), mw.intercepts(), 1e-8, "weighted ols intercept");
        MultiOutputLinearModel m0 = LinearRegression.learner().fitIntercept(false).fitMulti(X, Y);
        assertColumnsClose(FX.matrix("ols_noint_coef"), m0.coefficients(), 1e-8, "ols coef without intercept");
        assertArrayEquals(new double[3], m0.intercepts());
        for (String solver : List.of("svd", "normal")) {
            MultiOutputLinearModel s = LinearRegression.learner().solver(solver).fitMulti(X, Y);
            assertColumnsClose(FX.matrix("ols_coef"), s.coefficients(), solver.equals("normal") ? 1e-7 : 1e-8, solver);
        }
    }

    @Test
    void olsOfARankDeficientDesignIsTheMinimumNormSolution() {
        Matrix xd = Matrix.zeros(X.rows(), X.cols() + 1);
        for (int i = 0; i < X.rows(); i++) {
            for (int j = 0; j < X.cols(); j++) {
                xd.set(i, j, X.get(i, j));
            }
            xd.set(i, X.cols(), X.get(i, 2));
        }
        MultiOutputLinearModel m = LinearRegression.learner().fitMulti(xd, Y);
        assertEquals("svd", m.solver());
        assertEquals(10, m.rank());
        assertTrue(m.report().warnings().get(0).contains("rank 10 < 11"), m.report().warnings().toString());
        assertColumnsClose(FX.matrix("ols_dup_coef"), m.coefficients(), 1e-8, "min-norm coef");
        assertClose(FX.vector("ols_dup_intercept"), m.intercepts(), 1e-8, "min-norm intercept");
    }

    @Test
    void ridgeMatchesScikitLearnIncludingTheDual() {
        Ridge r = Ridge.learner().alpha(0.5);
        MultiOutputLinearModel m = r.fitMulti(X, Y);
        assertEquals(MultiOutputLinearModel.RIDGE_KIND, m.kind());
        assertColumnsClose(FX.matrix("ridge_coef"), m.coefficients(), 1e-8, "ridge coef");
        assertClose(FX.vector("ridge_intercept"), m.intercepts(), 1e-8, "ridge intercept");
        MultiOutputLinearModel mw = r.fitMulti(Dataset.regression(X, new double[X.rows()]).withWeights(W), Y);
        assertColumnsClose(FX.matrix("ridge_w_coef"), mw.coefficients(), 1e-8, "weighted ridge coef");
        assertClose(FX.vector("ridge_w_intercept"), mw.intercepts(), 1e-8, "weighted ridge intercept");
        assertColumnsClose(FX.matrix("ridge_coef"), r.solver("svd").fitMulti(X, Y).coefficients(), 1e-8, "ridge svd");
        Matrix xw = IN.matrix("wide_X");
        Matrix yw = Y.block(0, 0, 40, 3).copy();
        MultiOutputLinearModel wide = Ridge.learner().alpha(2).fitMulti(xw, yw);
        assertColumnsClose(FX.matrix("ridge_wide_coef"), wide.coefficients(), 1e-8, "wide ridge coef");
        assertClose(FX.vector("ridge_wide_intercept"), wide.intercepts(), 1e-8, "wide ridge intercept");
    }

    @Test
    void everyColumnIsTheSingleTargetFitAndSatisfiesTheNormalEquations() {
        double alpha = 0.5;
        MultiOutputLinearModel ols = LinearRegression.learner().fitMulti(X, Y);
        MultiOutputLinearModel ridge = Ridge.learner().alpha(alpha).fitMulti(X, Y);
        MultiOutputLinearModel cg = Ridge.learner().alpha(alpha).solver("cg").tol(1e-12).fitMulti(X, Y);
        Matrix pOls = ols.predict(X);
        Matrix pRidge = ridge.predict(X);
        assertEquals(X.rows(), pOls.rows());
        assertEquals(3, pOls.cols());
        double[] xMean = X.columnMeans();
        for (int t = 0; t < Y.cols(); t++) {
            Dataset d = Dataset.regression(X, Y.columnArray(t));
            LinearModel single = LinearRegression.learner().fit(d);
            assertClose(single.coefficients(), ols.coefficients().columnArray(t), 1e-10, "ols column " + t);
            LinearModel singleRidge = Ridge.learner().alpha(alpha).fit(d);
            assertClose(singleRidge.coefficients(), ridge.coefficients().columnArray(t), 1e-10, "ridge column " + t);
            assertClose(ridge.coefficients().columnArray(t), cg.coefficients().columnArray(t), 1e-8, "cg column " + t);
            // normal equations on the centred design: Xc'(y - yhat) = 0 (ols), = alpha beta (ridge)
            for (int j = 0; j < X.cols(); j++) {
                double gOls = 0;
                double gRidge = 0;
                double scale = 0;
                for (int i = 0; i < X.rows(); i++) {
                    double xc = X.get(i, j) - xMean[j];
                    gOls += xc * (Y.get(i, t) - pOls.get(i, t));
                    gRidge += xc * (Y.get(i, t) - pRidge.get(i, t));
                    scale += Math.abs(xc * Y.get(i, t));
                }
                assertEquals(0, gOls, 1e-10 * scale, "ols stationarity " + j + ", " + t);
                assertEquals(alpha * ridge.coefficients().get(j, t), gRidge, 1e-10 * scale, "ridge stationarity " + j + ", " + t);
            }
        }
    }

    @Test
    void persistsAndChecksItsInput() throws IOException {
        MultiOutputLinearModel m = Ridge.learner().alpha(0.5).fitMulti(Dataset.regression(X, new double[X.rows()]), Y,
                List.of("progression", "log_progression", "bmi_x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of());
        MultiOutputLinearModel back = Models.read(new ByteArrayInputStream(out.toByteArray()), MultiOutputLinearModel.class, "memory",
                Models.Limits.DEFAULT);
        assertEquals(m.params(), back.params());
        assertEquals(m.kind(), back.kind());
        assertEquals(List.of("progression", "log_progression", "bmi_x"), back.targetNames());
        assertArrayEquals(m.predict(X).toArray(), back.predict(X).toArray());
        assertEquals(0, m.predict(Matrix.zeros(0, X.cols())).rows());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.learner().fitMulti(X, Y.block(0, 0, 10, 3).copy()));
        assertTrue(e.getMessage().contains("the target matrix has 10 rows but the features have 442"), e.getMessage());
        Matrix bad = Y.copy();
        bad.set(7, 1, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> Ridge.learner().fitMulti(X, bad));
        assertTrue(e.getMessage().contains("target 1 is NaN at row 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.zeros(2, 3)));
        assertTrue(e.getMessage().contains("trained on 10 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ridge.learner().fitMulti(X, Matrix.zeros(X.rows(), 0)));
        assertTrue(e.getMessage().contains("no columns"), e.getMessage());
    }
}
