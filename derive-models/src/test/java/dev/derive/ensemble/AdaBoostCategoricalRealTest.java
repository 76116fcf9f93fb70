package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.io.Csv;
import dev.derive.data.CategoricalColumn;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * AdaBoost on real categorical data against scikit-learn 1.2.1 ({@code tools/gen_adaboost_categorical_fixtures.py}):
 * German credit (13 categorical and 7 numeric columns; SAMME and SAMME.R on stumps) and HouseVotes84 (16 y/n votes
 * with missing votes; SAMME on depth-2 trees), read from {@code ../shared/datasets} (GPL data, not committed:
 * skipped with a message when absent). scikit-learn has no categorical trees, so both libraries see the level codes
 * ({@code categorical_splits = ordinal}); on HouseVotes84 a missing vote is one more level (code 2) for both.
 * Probabilities must agree to 1e-10 (relative to max(1, |p|)), the estimator weights to 1e-10, and the root split of
 * every tree is compared (a different feature with the same partition of the rows is a tie, which the
 * probabilities tell apart from a real difference).
 */
class AdaBoostCategoricalRealTest {

    static final Path ROOT = Path.of(System.getProperty("derive.datasets", "/work/shared/datasets"));
    static final Fixtures FX = Fixtures.load("adaboost_categorical_sklearn.txt");

    static Dataset read(String file, String target) throws IOException {
        Path p = ROOT.resolve(file);
        Assumptions.assumeTrue(Files.isReadable(p), "skipped: " + p + " is absent (the shared data sets are not on this machine)");
        Dataset d = Dataset.from(Csv.read(p), target);
        // the script encodes a level as its index in the sorted level names: Derive's level order must be that one
        for (Dataset.Feature f : d.featureInfo()) {
            if (f.isCategorical()) {
                assertEquals(CategoricalColumn.sortLevels(f.levels()), f.levels(), f.name());
            }
        }
        assertEquals(CategoricalColumn.sortLevels(d.classes()), d.classes());
        return d;
    }

    static void compare(String name, AdaBoost learner, Dataset d, double tol) {
        AdaBoostClassifierModel m = learner.categoricalSplits("ordinal").fit(d);
        double[] fRef = FX.vector(name + "_feature");
        double[] tRef = FX.vector(name + "_threshold");
        assertEquals(fRef.length, m.trees().size(), name + " tree count");
        int same = 0;
        for (int t = 0; t < fRef.length; t++) {
            var tree = m.trees().get(t);
            if ((int) fRef[t] == tree.feature()[0] && Math.abs(tRef[t] - tree.threshold()[0]) <= 1e-9 * Math.max(1, Math.abs(tRef[t]))) {
                same++;
            }
        }
        System.out.printf("%s: %d of %d root splits as scikit-learn's%n", name, same, fRef.length);
        GradientBoostingTest.close(FX.vector(name + "_weights"), m.estimatorWeights(), tol, name + " estimator weights");
        Matrix p = m.predictProba(d.features());
        GradientBoostingTest.close(FX.vector(name + "_proba1"), p.columnArray(1), tol, name + " probabilities");
        assertEquals(FX.scalar(name + "_acc"), ClassificationMetrics.accuracy(d.labels(), m.predict(d.features())), 1e-12, name);
    }

    @Test
    void germanCreditSammeMatchesScikitLearn() throws IOException {
        Dataset d = read("small/weka/credit-g.csv", "class");
        assertEquals(13, d.featureInfo().stream().filter(Dataset.Feature::isCategorical).count());
        compare("creditg_samme", AdaBoost.classifier().algorithm("samme"), d, 1e-10);
    }

    @Test
    void germanCreditSammeRMatchesScikitLearn() throws IOException {
        Dataset d = read("small/weka/credit-g.csv", "class");
        compare("creditg_sammer", AdaBoost.classifier().algorithm("samme.r"), d, 1e-10);
    }

    @Test
    void houseVotesWithMissingAsALevelMatchesScikitLearn() throws IOException {
        Dataset d = read("small/mlbench/HouseVotes84.csv", "Class");
        Matrix x = d.features().copy();
        int missing = 0;
        for (int j = 0; j < x.cols(); j++) {
            assertEquals(List.of("n", "y"), d.featureInfo().get(j).levels());
            for (int i = 0; i < x.rows(); i++) {
                if (Double.isNaN(x.get(i, j))) {
                    x.set(i, j, 2); // one more level, as the script gives scikit-learn
                    missing++;
                }
            }
        }
        assertTrue(missing > 0);
        // the codes 0, 1, 2 as numbers (a code outside the training levels is not a level of a categorical feature)
        List<Dataset.Feature> numeric = d.featureInfo().stream().map(f -> Dataset.Feature.numeric(f.name())).toList();
        Dataset coded = d.withFeatureMatrix(x, numeric);
        compare("votes", AdaBoost.classifier().algorithm("samme").nEstimators(30).maxDepth(2), coded, 1e-10);
    }
}
