package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * List-valued CV parameters against scikit-learn 1.2.1 (tools/gen_cv_list_fixtures.py): RidgeCV's {@code alphas}
 * and ElasticNetCV's {@code l1_ratio} list, chosen jointly with alpha.
 */
class CvListParamsTest {

    static final Fixtures FX = Fixtures.load("cv_list_sklearn.txt");
    static final Fixtures IN = Fixtures.load("lasso_sklearn.txt");

    static Dataset diabetes() {
        return Dataset.regression(IN.matrix("diabetes_X"), IN.vector("diabetes_y"));
    }

    static Dataset cancer() {
        return Dataset.regression(IN.matrix("bc_X"), IN.vector("bc_y"));
    }

    @Test
    void ridgeCvTakesAnUnsortedAlphaList() {
        double[] alphas = FX.vector("ridgecv_alphas");
        RidgeCV learner = RidgeCV.learner().with("alphas", "3,0.01,30,0.3,1");
        assertArrayEquals(alphas, learner.alphaGrid());
        assertEquals(learner.params(), RidgeCV.learner().alphaList(alphas).params());
        for (String tag : new String[] {"", "w_"}) {
            Dataset d = tag.isEmpty() ? diabetes() : diabetes().withWeights(IN.vector("diabetes_w"));
            LinearModel m = learner.fit(d);
            assertEquals(FX.scalar("ridgecv_" + tag + "alpha"), m.report().extra().get("alpha"), 0.0, tag);
            assertTrue(GlmTest.normRel(m.coefficients(), FX.vector("ridgecv_" + tag + "coef")) < 1e-8, tag + " coef");
            double b0 = FX.scalar("ridgecv_" + tag + "intercept");
            assertEquals(b0, m.intercept(), 1e-8 * Math.abs(b0), tag + " intercept");
            double score = FX.scalar("ridgecv_" + tag + "best_score");
            assertEquals(score, m.report().extra().get("best_score"), 1e-9 * Math.abs(score), tag + " best score");
        }
        double[] mse = FX.vector("ridgecv_loo_mse");
        double[] got = learner.crossValidate(diabetes()).meanErrors();
        for (int k = 0; k < mse.length; k++) {
            assertEquals(mse[k], got[k], 1e-9 * mse[k], "LOO mse of alpha " + alphas[k]);
        }
    }

    @Test
    void ridgeCvRejectsAListTogetherWithGridBoundsAndBadElements() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RidgeCV.learner().with("alphas", "1,10").with("n_alphas", 7));
        assertTrue(e.getMessage().contains("set either alphas"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RidgeCV.learner().with("alphas", "1,0,10"));
        assertTrue(e.getMessage().contains("parameter alphas") && e.getMessage().contains("element 1 = 0.0 is out of range"),
                e.getMessage());
        // the grid parameters still work when no list is given
        assertEquals(5, RidgeCV.learner().alphas(0.01, 100, 5).alphaGrid().length);
    }

    @Test
    void elasticNetCvChoosesL1RatioAndAlphaJointly() {
        double[] l1 = FX.vector("enetcv_l1_ratios");
        ElasticNetCV learner = ElasticNetCV.learner().l1Ratios(l1).nAlphas(30).eps(1e-2).cv(4).tol(1e-12).maxIter(1_000_000);
        assertEquals(learner.params(), learner.with("l1_ratio", "0.1, 0.5, 0.9, 1").params());
        Matrix alphas = FX.matrix("enetcv_alphas");
        Matrix mean = FX.matrix("enetcv_mean_mse");
        ElasticNetPath.Settings base = ElasticNet.settings(learner.params(), 0.5);
        for (int r = 0; r < l1.length; r++) {
            ElasticNetCV.CvPath cv = ElasticNetCV.crossValidate(cancer(),
                    new ElasticNetPath.Settings(l1[r], true, false, 1e-12, 1_000_000, base.precompute(), true), 30, 1e-2, 4);
            for (int k = 0; k < 30; k++) {
                assertEquals(alphas.get(r, k), cv.alphas()[k], 1e-12 * alphas.get(r, k), "alpha grid l1 " + l1[r]);
                assertEquals(mean.get(r, k), cv.meanMse()[k], 1e-7 * mean.get(r, k), "mean mse l1 " + l1[r] + " k " + k);
            }
        }
        PenalizedLinearModel m = learner.fit(cancer());
        assertEquals(FX.scalar("enetcv_l1_ratio"), m.l1Ratio(), 0.0);
        assertEquals(FX.scalar("enetcv_alpha"), m.alpha(), 1e-12 * m.alpha());
        ElasticNetTest.assertClose(FX.vector("enetcv_coef"), m.coefficients(), 1e-6, "coef");
        assertEquals(FX.scalar("enetcv_intercept"), m.intercept(), 1e-6 * Math.abs(FX.scalar("enetcv_intercept")));
        // a single number is still accepted (a one-element list), as before
        assertEquals(List.of(0.7), ElasticNetCV.learner().l1Ratio(0.7).params().get("l1_ratio"));
        assertThrows(IllegalArgumentException.class, () -> ElasticNetCV.learner().with("l1_ratio", "0.5,0"));
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        Dataset d = diabetes();
        return Stream.of(
                LearnerContract.tests(RidgeCV.learner().alphaList(3, 0.1, 30), d),
                LearnerContract.tests(ElasticNetCV.learner().l1Ratios(0.2, 1).nAlphas(10).cv(3), d, ElasticNetTest.CV_OPTIONS))
                .flatMap(s -> s);
    }
}
