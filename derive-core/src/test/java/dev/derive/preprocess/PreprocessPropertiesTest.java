package dev.derive.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of the preprocessing transformers on random data. */
class PreprocessPropertiesTest {

    /**
     * Columns of very different scales, each offset by at most ~30 of its standard deviations, so that
     * centring loses no more than a few digits (the properties are about the transformers, not about
     * cancellation in badly conditioned columns).
     */
    private static Matrix randomMatrix(Random rng, int n, int p) {
        Matrix x = Matrix.zeros(n, p);
        for (int j = 0; j < p; j++) {
            double scale = Math.exp(rng.nextGaussian() * 3);
            double shift = scale * rng.nextGaussian() * 10;
            for (int i = 0; i < n; i++) {
                x.set(i, j, shift + scale * rng.nextGaussian());
            }
        }
        return x;
    }

    @Property(tries = 60)
    void standardisedColumnsHaveWeightedMeanZeroAndUnitVariance(@ForAll @IntRange(min = 3, max = 60) int n,
                                                                 @ForAll @IntRange(min = 1, max = 6) int p,
                                                                 @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = randomMatrix(rng, n, p);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.1 + rng.nextDouble();
        }
        Matrix z = StandardScaler.learner().fit(Dataset.unlabeled(x).withWeights(w)).transform(x);
        double sw = 0;
        for (double v : w) {
            sw += v;
        }
        for (int j = 0; j < p; j++) {
            double m = 0;
            double v = 0;
            for (int i = 0; i < n; i++) {
                m += w[i] * z.get(i, j);
                v += w[i] * z.get(i, j) * z.get(i, j);
            }
            assertEquals(0, m / sw, 1e-12, "weighted mean of column " + j);
            assertEquals(1, v / sw, 1e-12, "weighted variance of column " + j);
        }
    }

    @Property(tries = 40)
    void integerWeightsEqualRepeatedRows(@ForAll @IntRange(min = 2, max = 30) int n, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = randomMatrix(rng, n, 3);
        double[] w = new double[n];
        List<Integer> repeated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            w[i] = 1 + rng.nextInt(3);
            for (int k = 0; k < w[i]; k++) {
                repeated.add(i);
            }
        }
        Dataset d = Dataset.unlabeled(x);
        StandardScalerModel weighted = StandardScaler.learner().fit(d.withWeights(w));
        StandardScalerModel copies = StandardScaler.learner().fit(d.subset(repeated.stream().mapToInt(Integer::intValue).toArray()));
        PreprocessData.assertClose(copies.mean(), weighted.mean(), 1e-12, 1e-12, "mean");
        PreprocessData.assertClose(copies.variance(), weighted.variance(), 1e-10, 0, "variance");
    }

    @Property(tries = 60)
    void minMaxTrainingColumnsSpanTheRange(@ForAll @IntRange(min = 2, max = 50) int n,
                                           @ForAll @IntRange(min = 1, max = 5) int p, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = randomMatrix(rng, n, p);
        double a = rng.nextGaussian() * 5;
        double b = a + 0.01 + rng.nextDouble() * 10;
        Matrix z = MinMaxScaler.learner().featureRange(a, b).fit(Dataset.unlabeled(x)).transform(x);
        double tol = 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
        for (int j = 0; j < p; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, z.get(i, j));
                hi = Math.max(hi, z.get(i, j));
            }
            assertEquals(a, lo, tol, "column " + j + " minimum");
            assertEquals(b, hi, tol, "column " + j + " maximum");
        }
    }

    @Property(tries = 60)
    void oneHotRowsSumToTheNumberOfCategoricalFeatures(@ForAll @IntRange(min = 1, max = 40) int n,
                                                       @ForAll @IntRange(min = 1, max = 4) int q, @ForAll long seed) {
        Random rng = new Random(seed);
        // q categorical features with 1..5 levels, each followed by one numeric feature
        Matrix x = Matrix.zeros(n, 2 * q);
        List<Dataset.Feature> f = new ArrayList<>();
        for (int c = 0; c < q; c++) {
            int levels = 1 + rng.nextInt(5);
            List<String> names = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                names.add("l" + l);
            }
            f.add(Dataset.Feature.categorical("c" + c, names));
            f.add(Dataset.Feature.numeric("n" + c));
            for (int i = 0; i < n; i++) {
                x.set(i, 2 * c, rng.nextInt(levels));
                x.set(i, 2 * c + 1, rng.nextGaussian());
            }
        }
        Dataset d = Dataset.unlabeled(x).withFeatures(f);
        OneHotEncoderModel m = OneHotEncoder.learner().fit(d);
        Dataset out = m.transform(d);
        Matrix z = out.features();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < z.cols(); j++) {
                if (out.featureInfo().get(j).name().contains("=")) {
                    double v = z.get(i, j);
                    assertTrue(v == 0 || v == 1, "indicator values are 0 or 1");
                    s += v;
                }
            }
            assertEquals(q, s, "row " + i);
        }
        for (int c = 0; c < q; c++) {
            int col = out.featureNames().indexOf("n" + c);
            for (int i = 0; i < n; i++) {
                assertEquals(x.get(i, 2 * c + 1), z.get(i, col), "numeric features pass through");
            }
        }
    }

    @Property(tries = 40)
    void polynomialColumnsAreTheProductsTheirNamesSay(@ForAll @IntRange(min = 1, max = 4) int p,
                                                     @ForAll @IntRange(min = 0, max = 4) int degree,
                                                     @ForAll boolean interaction, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = randomMatrix(rng, 5, p);
        PolynomialFeaturesModel m = PolynomialFeatures.learner().degree(degree).interactionOnly(interaction)
                .fit(Dataset.unlabeled(x));
        Matrix z = m.transform(x);
        assertEquals(PolynomialFeatures.outputCount(p, degree, interaction, true), z.cols());
        int[][] pw = m.powers();
        for (int k = 0; k < z.cols(); k++) {
            for (int i = 0; i < x.rows(); i++) {
                double prod = 1;
                for (int j = 0; j < p; j++) {
                    prod *= Math.pow(x.get(i, j), pw[k][j]);
                }
                assertEquals(prod, z.get(i, k), 1e-12 * Math.abs(prod), "column " + m.outputFeatureNames().get(k));
            }
        }
    }
}
