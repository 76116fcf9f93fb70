package dev.derive.learn.metrics;

import static dev.derive.learn.metrics.Ref.close;
import static dev.derive.learn.metrics.Ref.ints;
import static dev.derive.learn.metrics.Ref.matrix;
import static dev.derive.learn.metrics.Ref.scalar;
import static dev.derive.learn.metrics.Ref.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Regression metrics on diabetes (linear regression, depth-3 tree), clustering metrics on iris (true
 * species, k-means with 3 and 8 clusters, Ward clustering into 40 clusters with singletons, DBSCAN with a
 * noise label -1) and information criteria of Gaussian mixtures, against scikit-learn 1.2.1
 * (tools/gen_metrics_fixtures.py): 1e-12 relative, 1e-9 for silhouettes.
 */
class RegressionClusteringSklearnTest {

    private static final String[] REGRESSION = {"diabetes_linear", "diabetes_tree"};
    private static final String[] LABELLINGS = {"true", "kmeans3", "kmeans8", "agglo40", "dbscan"};

    @TestFactory
    List<DynamicTest> regression() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String c : REGRESSION) {
            double[] yt = vec(c + ".y_true");
            double[] yp = vec(c + ".y_pred");
            double[] w = vec(c + ".w");
            tests.add(dynamicTest(c, () -> {
                close(c + ".max_error", RegressionMetrics.maxError(yt, yp));
                close(c + ".mse", RegressionMetrics.mse(yt, yp));
                close(c + ".rmse", RegressionMetrics.rmse(yt, yp));
                close(c + ".mae", RegressionMetrics.mae(yt, yp));
                close(c + ".r2", RegressionMetrics.r2(yt, yp));
                close(c + ".explained_variance", RegressionMetrics.explainedVariance(yt, yp));
                close(c + ".median_absolute_error", RegressionMetrics.medianAbsoluteError(yt, yp));
            }));
            tests.add(dynamicTest(c + " weighted", () -> {
                close(c + ".mse.w", RegressionMetrics.mse(yt, yp, w));
                close(c + ".rmse.w", RegressionMetrics.rmse(yt, yp, w));
                close(c + ".mae.w", RegressionMetrics.mae(yt, yp, w));
                close(c + ".r2.w", RegressionMetrics.r2(yt, yp, w));
                close(c + ".explained_variance.w", RegressionMetrics.explainedVariance(yt, yp, w));
                close(c + ".median_absolute_error.w", RegressionMetrics.medianAbsoluteError(yt, yp, w));
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> clustering() {
        Matrix x = matrix("iris.X");
        int[] truth = ints("iris.y_true");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : LABELLINGS) {
            String c = "clu_" + name;
            int[] lab = ints(c + ".labels");
            tests.add(dynamicTest(c + " silhouette (" + (int) scalar(c + ".n_singletons") + " singletons)", () -> {
                close(scalar(c + ".silhouette"), ClusteringMetrics.silhouetteScore(x, lab), Ref.SIL_TOL, c + ".silhouette");
                double[] s = ClusteringMetrics.silhouetteSamples(x, lab);
                close(c + ".silhouette_samples", s, Ref.SIL_TOL);
                // the same values with tiny distance blocks (many block boundaries, a ragged last block)
                close(c + ".silhouette_samples", ClusteringMetrics.silhouetteSamples(x, lab, 7 * 150), Ref.SIL_TOL);
            }));
            tests.add(dynamicTest(c + " agreement with the species", () -> {
                close(c + ".ari", ClusteringMetrics.adjustedRandIndex(truth, lab));
                close(c + ".nmi", ClusteringMetrics.normalizedMutualInfo(truth, lab));
                close(c + ".mi", ClusteringMetrics.mutualInfo(truth, lab));
                close(c + ".homogeneity", ClusteringMetrics.homogeneity(truth, lab));
                close(c + ".completeness", ClusteringMetrics.completeness(truth, lab));
                close(c + ".v_measure", ClusteringMetrics.vMeasure(truth, lab));
            }));
        }
        tests.add(dynamicTest("pairs of labellings", () -> {
            int checked = 0;
            for (String a : LABELLINGS) {
                for (String b : LABELLINGS) {
                    if (a.compareTo(b) < 0) {
                        String p = "pair_" + a + "_" + b;
                        int[] la = ints("clu_" + a + ".labels");
                        int[] lb = ints("clu_" + b + ".labels");
                        close(p + ".ari", ClusteringMetrics.adjustedRandIndex(la, lb));
                        close(p + ".nmi", ClusteringMetrics.normalizedMutualInfo(la, lb));
                        close(p + ".mi", ClusteringMetrics.mutualInfo(la, lb));
                        checked++;
                    }
                }
            }
            assertEquals(10, checked);
        }));
        return tests;
    }

    @Test
    void inertiaOfKMeans() {
        Matrix x = matrix("iris.X");
        for (String k : new String[] {"kmeans3", "kmeans8"}) {
            int[] lab = ints("clu_" + k + ".labels");
            Matrix centers = matrix(k + ".centers");
            double inertia = ClusteringMetrics.inertia(x, lab, centers);
            close(k + ".np_inertia", inertia);
            close(k + ".inertia", inertia); // KMeans.inertia_ sums in another order
        }
    }

    @Test
    void informationCriteriaOfGaussianMixtures() {
        for (String c : new String[] {"gmm_full", "gmm_diag"}) {
            double logL = scalar(c + ".log_likelihood");
            int k = (int) scalar(c + ".k");
            int n = (int) scalar(c + ".n");
            close(c + ".aic", InformationCriteria.aic(logL, k));
            close(c + ".bic", InformationCriteria.bic(logL, k, n));
            LikelihoodModel m = new LikelihoodModel() {
                public double logLikelihood() {
                    return logL;
                }

                public int parameterCount() {
                    return k;
                }

                public int sampleCount() {
                    return n;
                }
            };
            close(c + ".aic", m.aic());
            close(c + ".bic", m.bic());
            close(scalar(c + ".aic") + 2.0 * k * (k + 1) / (n - k - 1), m.aicc(), 1e-12, c + " AICc");
        }
    }
}
