package dev.derive.linear;

import static dev.derive.linear.MultiOutputTest.assertColumnsClose;
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
 * Multi-output ridge with one alpha per target ({@link Ridge#fitMulti(Dataset, Matrix, List, double[])}) and
 * {@link RidgeCV#fitMulti} with {@code alpha_per_target} true and false, against scikit-learn 1.2.1's
 * {@code Ridge(alpha=array)} and {@code RidgeCV(alphas, alpha_per_target, store_cv_values=True)} (fixture
 * {@code linrest_sklearn.txt}, {@code tools/gen_linrest_fixtures.py}) on raw diabetes with five targets, against the
 * single-target fits column by column, and the ridge normal equations.
 */
class RidgePerTargetTest {

    static final Fixtures FX = Fixtures.load("linrest_sklearn.txt");
    static final Fixtures IN = Fixtures.load("lasso_sklearn.txt");
    static final Matrix X = IN.matrix("diabetes_X");
    static final Matrix Y = FX.matrix("mo_Y");
    static final double[] W = IN.vector("diabetes_w");

    static Dataset features(boolean weighted) {
        Dataset d = Dataset.regression(X, new double[X.rows()]);
        return weighted ? d.withWeights(W) : d;
    }

    /** The (weighted) mean of target {@code t}. */
    static double yMean(int t, boolean weighted) {
        double s = 0;
        double sw = 0;
        for (int i = 0; i < Y.rows(); i++) {
            double w = weighted ? W[i] : 1;
            s += w * Y.get(i, t);
            sw += w;
        }
        return s / sw;
    }

    /** The (weighted) mean of feature {@code j}. */
    static double xMean(int j, boolean weighted) {
        double s = 0;
        double sw = 0;
        for (int i = 0; i < X.rows(); i++) {
            double w = weighted ? W[i] : 1;
            s += w * X.get(i, j);
            sw += w;
        }
        return s / sw;
    }

    /**
     * Intercepts to {@code rel} of {@code max(1, |b0|)} plus {@code 1e-12 |ybar|}: {@code b0 = ybar - xbar'beta} cancels
     * when the target's mean is large (target 3 has mean 3.5e5 and intercept 0.18), so its rounding error scales with
     * {@code |ybar|}, not with {@code |b0|}.
     */
    static void assertIntercepts(double[] expected, double[] got, double rel, boolean weighted, String what) {
        assertEquals(expected.length, got.length, what);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], got[t], rel * Math.max(1, Math.abs(expected[t])) + 1e-12 * Math.abs(yMean(t, weighted)),
                    what + "[" + t + "]");
        }
    }

    @Test
    void ridgeWithOneAlphaPerTargetMatchesScikitLearnAndSingleFits() {
        double[] alphas = FX.vector("mo_alphas");
        for (String tag : new String[] {"", "w_"}) {
            boolean weighted = !tag.isEmpty();
            for (String solver : new String[] {"cholesky", "svd"}) {
                String key = "mo_" + tag + solver;
                MultiOutputLinearModel m = Ridge.learner().solver(solver).fitMulti(features(weighted), Y,
                        MultiOutputLinearModel.defaultTargetNames(Y.cols()), alphas);
                assertEquals(MultiOutputLinearModel.RIDGE_KIND, m.kind());
                assertArrayEquals(alphas, m.alphas());
                assertColumnsClose(FX.matrix(key + "_coef"), m.coefficients(), 1e-8, key + " coef");
                assertIntercepts(FX.vector(key + "_intercept"), m.intercepts(), 1e-8, weighted, key + " intercept");
                for (int t = 0; t < Y.cols(); t++) {
                    Dataset single = Dataset.regression(X, Y.columnArray(t));
                    if (weighted) {
                        single = single.withWeights(W);
                    }
                    LinearModel s = Ridge.learner().solver(solver).alpha(alphas[t]).fit(single);
                    assertColumnsClose(Matrix.columnVector(s.coefficients()), m.coefficients().column(t), 1e-10, key + " single " + t);
                    assertEquals(s.intercept(), m.intercepts()[t], 1e-10 * Math.max(1, Math.abs(s.intercept())), key + " b0 " + t);
                    // normal equations: Xc' W (y - yhat) = alpha_t beta_t
                    double[] pred = m.predict(X).columnArray(t);
                    double[] wr = new double[X.rows()];
                    double sum = 0;
                    for (int i = 0; i < wr.length; i++) {
                        wr[i] = (weighted ? W[i] : 1) * (Y.get(i, t) - pred[i]);
                        sum += wr[i];
                    }
                    double[] g = X.tmvmul(wr);
                    double scale = 0;
                    for (double v : X.tmvmul(Y.columnArray(t))) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    assertEquals(0, sum, 1e-9 * scale, key + " intercept equation " + t);
                    for (int j = 0; j < g.length; j++) {
                        assertEquals(alphas[t] * m.coefficients().get(j, t), g[j], 1e-9 * scale, key + " stationarity " + j + ", " + t);
                    }
                }
            }
        }
        // equal alphas: the same as the scalar alpha
        double[] same = {0.5, 0.5, 0.5, 0.5, 0.5};
        MultiOutputLinearModel a = Ridge.learner().fitMulti(X, Y, same);
        MultiOutputLinearModel b = Ridge.learner().alpha(0.5).fitMulti(X, Y);
        assertArrayEquals(b.coefficients().toArray(), a.coefficients().toArray());
        assertArrayEquals(same, b.alphas());
    }

    @Test
    void ridgeCvAlphaPerTargetMatchesScikitLearn() {
        double[] grid = FX.vector("mocv_grid");
        for (String tag : new String[] {"", "w_"}) {
            for (boolean per : new boolean[] {true, false}) {
                String key = "mocv_" + tag + (per ? "per" : "joint");
                RidgeCV learner = RidgeCV.learner().alphaList(grid).alphaPerTarget(per);
                MultiOutputLinearModel m = learner.fitMulti(features(!tag.isEmpty()), Y);
                assertEquals(MultiOutputLinearModel.RIDGE_CV_KIND, m.kind());
                double[] refAlpha = FX.vector(key + "_alpha");
                double[] refScore = FX.vector(key + "_best_score");
                for (int t = 0; t < Y.cols(); t++) {
                    double ra = refAlpha.length == 1 ? refAlpha[0] : refAlpha[t];
                    assertEquals(ra, m.alphas()[t], 1e-12 * ra, key + " alpha " + t);
                    if (per) {
                        assertEquals(refScore[t], m.report().extra().get("best_score_" + t), 1e-8 * Math.abs(refScore[t]),
                                key + " best score " + t);
                    }
                }
                if (!per) {
                    assertEquals(refScore[0], m.report().extra().get("best_score"), 1e-8 * Math.abs(refScore[0]), key + " best score");
                }
                // against an accurate solution at the chosen alphas (augmented least squares by QR in the script) ...
                assertColumnsClose(FX.matrix(key + "_coef_exact"), m.coefficients(), 1e-9, key + " coef vs exact");
                assertIntercepts(FX.vector(key + "_intercept_exact"), m.intercepts(), 1e-9, !tag.isEmpty(), key + " intercept vs exact");
                // ... and against scikit-learn, whose RidgeCV coef_ (formed from its dual vector) is itself off the accurate
                // solution by skErr[t] relative (up to 1e-5 on the near-noiseless target 3 at alpha 1e-4): within 1e-8 + skErr[t]
                double[] skErr = FX.vector(key + "_sklearn_rel_error");
                Matrix sk = FX.matrix(key + "_coef");
                double[] skB0 = FX.vector(key + "_intercept");
                for (int t = 0; t < Y.cols(); t++) {
                    assertColumnsClose(sk.column(t), m.coefficients().column(t), 1e-8 + skErr[t], key + " coef vs sklearn, target " + t);
                    // its intercept ybar - xbar'beta carries that error times sum_j |xbar_j| max_j |beta_j| (raw means up to 190)
                    double prop = 0;
                    double bmax = 0;
                    for (int j = 0; j < X.cols(); j++) {
                        prop += Math.abs(xMean(j, !tag.isEmpty()));
                        bmax = Math.max(bmax, Math.abs(m.coefficients().get(j, t)));
                    }
                    double tol = 1e-8 * Math.max(1, Math.abs(skB0[t])) + 1e-12 * Math.abs(yMean(t, !tag.isEmpty())) + skErr[t] * bmax * prop;
                    assertEquals(skB0[t], m.intercepts()[t], tol, key + " intercept vs sklearn, target " + t);
                }
                // the mean LOO error of every target and alpha (scikit-learn's cv_values_ averaged over rows)
                RidgeCV.CvResult[] cv = learner.crossValidateMulti(features(!tag.isEmpty()), Y);
                Matrix ref = FX.matrix(key + "_mean_cv");
                for (int t = 0; t < Y.cols(); t++) {
                    double[] got = cv[t].meanErrors();
                    // 1e-8 relative, plus what a residual error of 1e-12 of the centred target's spread does to the mean square
                    // (target 3 fits to residuals ~1e-2 on values of spread ~5e4: the residuals themselves cancel 7 digits)
                    double spread = 0;
                    double ybar = yMean(t, !tag.isEmpty());
                    for (int i = 0; i < Y.rows(); i++) {
                        spread += (Y.get(i, t) - ybar) * (Y.get(i, t) - ybar);
                    }
                    spread = Math.sqrt(spread / Y.rows());
                    for (int a = 0; a < grid.length; a++) {
                        double e = ref.get(t, a);
                        assertEquals(e, got[a], 1e-8 * e + 2e-12 * Math.sqrt(e) * spread, key + " LOO mean, target " + t + ", alpha " + a);
                    }
                }
                // each column is the single-target ridge at the chosen alpha
                for (int t = 0; t < Y.cols(); t++) {
                    Dataset single = Dataset.regression(X, Y.columnArray(t));
                    if (!tag.isEmpty()) {
                        single = single.withWeights(W);
                    }
                    LinearModel s = Ridge.learner().alpha(m.alphas()[t]).solver("svd").fit(single);
                    assertColumnsClose(Matrix.columnVector(s.coefficients()), m.coefficients().column(t), 1e-8, key + " single " + t);
                }
            }
        }
        // a single-target RidgeCV.fitMulti is the learner's fit
        RidgeCV learner = RidgeCV.learner().alphaList(grid).alphaPerTarget(true);
        MultiOutputLinearModel one = learner.fitMulti(X, Y.column(0).copy());
        LinearModel fit = learner.fit(Dataset.regression(X, Y.columnArray(0)));
        assertArrayEquals(fit.coefficients(), one.coefficients().columnArray(0));
        assertEquals(fit.report().extra().get("alpha"), one.alphas()[0]);
    }

    @Test
    void persistsAndChecksAlphas() throws IOException {
        double[] alphas = FX.vector("mo_alphas");
        MultiOutputLinearModel[] models = {
                Ridge.learner().fitMulti(X, Y, alphas),
                RidgeCV.learner().alphaList(FX.vector("mocv_grid")).alphaPerTarget(true).fitMulti(X, Y)};
        for (MultiOutputLinearModel m : models) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Models.write(m, out, Map.of());
            MultiOutputLinearModel back = Models.read(new ByteArrayInputStream(out.toByteArray()), MultiOutputLinearModel.class, "memory",
                    Models.Limits.DEFAULT);
            assertEquals(m.kind(), back.kind());
            assertEquals(m.params(), back.params());
            assertArrayEquals(m.alphas(), back.alphas());
            assertArrayEquals(m.predict(X).toArray(), back.predict(X).toArray());
        }
        // a file written before per-target alphas (no 'alphas' array) reads back with the learner's alpha for every target
        MultiOutputLinearModel fresh = Ridge.learner().alpha(0.7).fitMulti(X, Y);
        MultiOutputLinearModel old = new MultiOutputLinearModel(fresh.kind(), fresh.params(), fresh.schema(), fresh.report(),
                fresh.coefficients(), fresh.intercepts(), fresh.targetNames(), fresh.solver(), fresh.rank(), null);
        ByteArrayOutputStream oldOut = new ByteArrayOutputStream();
        Models.write(old, oldOut, Map.of());
        MultiOutputLinearModel oldBack = Models.read(new ByteArrayInputStream(oldOut.toByteArray()), MultiOutputLinearModel.class,
                "memory", Models.Limits.DEFAULT);
        assertArrayEquals(new double[] {0.7, 0.7, 0.7, 0.7, 0.7}, oldBack.alphas());
        assertArrayEquals(fresh.predict(X).toArray(), oldBack.predict(X).toArray());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ridge.learner().fitMulti(X, Y, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("2 values for 5 targets"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ridge.learner().fitMulti(X, Y, new double[] {1, 2, -1, 1, 1}));
        assertTrue(e.getMessage().contains("alpha of target 2 is -1.0"), e.getMessage());
        assertEquals(null, LinearRegression.learner().fitMulti(X, Y).alphas());
    }
}
