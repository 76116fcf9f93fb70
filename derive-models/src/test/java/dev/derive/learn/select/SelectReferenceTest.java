package dev.derive.learn.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.linalg.Matrix;
import dev.derive.linear.LinearModel;
import dev.derive.linear.Ridge;
import dev.derive.neighbors.KNeighbors;
import dev.derive.runtime.Progress;
import dev.derive.testing.Fixtures;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-validation and grid search against scikit-learn 1.2.1 (fixture from tools/gen_select_fixtures.py):
 * with exactly scikit-learn's folds, every fold's score must agree to 1e-10 (relative to the score's size,
 * so an MSE of 3000 is compared to 3e-7), and GridSearchCV's choice, mean and std must agree too.
 */
class SelectReferenceTest {

    static final Fixtures FX = Fixtures.load("select_sklearn.txt");
    static final double TOL = 1e-10;

    static int[] ints(double[] v) {
        return IntStream.range(0, v.length).map(i -> (int) v[i]).toArray();
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
    }

    static Dataset classification(String ds) {
        return Dataset.classification(FX.matrix(ds + "_X"), ints(FX.vector(ds + "_y")));
    }

    @ParameterizedTest
    @CsvSource({"0.1,0_1", "1.0,1", "10.0,10"})
    void ridgeFoldScoresMatchCrossValScore(double alpha, String key) {
        List<Scorer> scorers = List.of(Scorers.R2, Scorers.MSE, Scorers.RMSE, Scorers.MAE, Scorers.EXPLAINED_VARIANCE,
                Scorers.byName("neg_mean_squared_error"));
        CvResult r = CrossValidation.run(Ridge.learner().alpha(alpha), diabetes(),
                FixedFolds.of(FX.vector("diabetes_kfold5_fold")), scorers, Progress.NONE);
        assertEquals(5, r.numFolds());
        String[][] pairs = {{"r2", "r2", "1"}, {"mse", "neg_mse", "-1"}, {"rmse", "neg_rmse", "-1"},
                {"mae", "neg_mae", "-1"}, {"explained_variance", "explained_variance", "1"},
                {"neg_mean_squared_error", "neg_mse", "1"}};
        for (String[] p : pairs) {
            double[] expected = FX.vector("ridge_" + key + "_" + p[1]);
            double[] actual = r.scores(p[0]);
            double sign = Double.parseDouble(p[2]);
            for (int f = 0; f < 5; f++) {
                assertClose(expected[f], sign * actual[f], p[0] + " fold " + f);
            }
        }
    }

    @Test
    void ridgeOutOfFoldPredictionsMatchCrossValPredict() {
        double[] oof = CrossValidation.crossValPredict(Ridge.learner().alpha(1.0), diabetes(),
                FixedFolds.of(FX.vector("diabetes_kfold5_fold")));
        double[] expected = FX.vector("ridge_1_oof");
        for (int i = 0; i < oof.length; i++) {
            assertClose(expected[i], oof[i], "row " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"r2,r2,1", "mse,neg_mse,-1", "neg_mean_squared_error,neg_mse,1"})
    void gridSearchPicksTheSameAlphaWithTheSameMeans(String scorer, String key, double sign) {
        double[] alphas = FX.vector("grid_alphas");
        SearchResult r = GridSearch.of(Ridge.learner()).grid("alpha", alphas)
                .cv(FixedFolds.of(FX.vector("diabetes_kfold10_fold")))
                .scoring(scorer)
                .run(diabetes());
        assertEquals(alphas.length, r.size());
        double[] mean = FX.vector("grid_" + key + "_mean");
        double[] std = FX.vector("grid_" + key + "_std");
        for (int i = 0; i < alphas.length; i++) {
            assertEquals(alphas[i], (Double) r.candidates().get(i).get("alpha"));
            assertClose(mean[i], sign * r.results().get(i).mean()[0], "mean of candidate " + i);
            assertClose(std[i], r.results().get(i).std()[0], "std of candidate " + i);
        }
        assertEquals((int) FX.scalar("grid_" + key + "_best_index"), r.bestIndex());
        assertEquals(FX.scalar("grid_" + key + "_best_alpha"), (Double) r.bestParams().get("alpha"));
        // the refitted best model is scikit-learn's best_estimator_
        LinearModel best = (LinearModel) r.bestModel();
        double[] coef = FX.vector("grid_" + key + "_best_coef");
        for (int j = 0; j < coef.length; j++) {
            assertEquals(coef[j], best.coefficients()[j], 1e-8 * Math.abs(coef[j]), "coef " + j);
        }
        double b = FX.scalar("grid_" + key + "_best_intercept");
        assertEquals(b, best.intercept(), 1e-8 * Math.abs(b));
    }

    @Test
    void gridSearchesWithDifferentScorersPickDifferentAlphas() {
        // a check that the fixture really tests the choice: R^2 and MSE disagree on these folds
        assertTrue(FX.scalar("grid_r2_best_index") != FX.scalar("grid_neg_mse_best_index"));
    }

    static final String[] MULTICLASS = {"accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "precision_macro",
            "recall_macro", "log_loss", "roc_auc_ovr"};
    static final String[] BINARY = {"accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "precision_macro",
            "recall_macro", "log_loss", "roc_auc", "brier", "average_precision"};

    /** The fixture key of a Derive scorer and the sign that turns Derive's value into scikit-learn's. */
    static String sklearnName(String name) {
        return switch (name) {
            case "log_loss" -> "neg_log_loss";
            case "brier" -> "neg_brier_score";
            default -> name;
        };
    }

    @ParameterizedTest
    @CsvSource({"iris,5,uniform", "iris,5,distance", "iris,15,uniform", "iris,15,distance", "wine,5,uniform",
            "wine,5,distance", "wine,15,uniform", "wine,15,distance", "breast,15,uniform", "breast,15,distance"})
    void knnFoldScoresMatchCrossValidate(String ds, int k, String weights) {
        Dataset data = classification(ds);
        String[] names = data.numClasses() == 2 ? BINARY : MULTICLASS;
        List<Scorer> scorers = Scorers.byNames(List.of(names));
        CvResult r = CrossValidation.run(KNeighbors.classifier().neighbors(k).weights(weights), data,
                FixedFolds.of(FX.vector(ds + "_skfold5_fold")), scorers, Progress.NONE);
        for (Scorer s : scorers) {
            double[] expected = FX.vector("knn_" + ds + "_" + k + "_" + weights + "_" + sklearnName(s.name()));
            double sign = s.greaterIsBetter() ? 1 : -1;
            double[] actual = r.scores(s.name());
            for (int f = 0; f < 5; f++) {
                assertClose(expected[f], sign * actual[f], ds + " k=" + k + " " + weights + " " + s.name() + " fold " + f);
            }
        }
        // roc_auc on three classes is the one-vs-rest macro mean
        if (data.numClasses() > 2) {
            CvResult auc = CrossValidation.run(KNeighbors.classifier().neighbors(k).weights(weights), data,
                    FixedFolds.of(FX.vector(ds + "_skfold5_fold")), List.of(Scorers.ROC_AUC), Progress.NONE);
            assertArrayEquals(r.scores("roc_auc_ovr"), auc.scores("roc_auc"));
        }
    }

    @ParameterizedTest
    @CsvSource({"iris", "wine", "breast"})
    void knnOutOfFoldPredictionsMatchCrossValPredict(String ds) {
        Dataset data = classification(ds);
        FixedFolds folds = FixedFolds.of(FX.vector(ds + "_skfold5_fold"));
        Learner<?> knn = KNeighbors.classifier().neighbors(5);
        assertArrayEquals(ints(FX.vector("knn_" + ds + "_5_oof")), CrossValidation.crossValPredictLabels(knn, data, folds));
        Matrix proba = CrossValidation.crossValPredictProba(knn, data, folds);
        assertTrue(proba.maxAbsDiff(FX.matrix("knn_" + ds + "_5_oof_proba")) < 1e-12, ds);
        double[] asDoubles = CrossValidation.crossValPredict(knn, data, folds);
        assertArrayEquals(FX.vector("knn_" + ds + "_5_oof"), asDoubles);
    }
}
