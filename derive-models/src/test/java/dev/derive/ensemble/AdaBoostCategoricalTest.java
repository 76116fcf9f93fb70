package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.io.Csv;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.testing.LearnerContract;
import dev.derive.tree.CartParams;
import dev.derive.tree.Tree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * AdaBoost (SAMME, SAMME.R) and AdaBoost.R2 grow their trees with native categorical partitions
 * ({@code categorical_splits = partition}, the default) as {@link dev.derive.tree.DecisionTree} does; {@code ordinal}
 * gives exactly the ensemble of the same columns declared numeric. Data: {@link AdaBoostCategoricalGoldenTest}'s
 * generators (class 1 iff colour in {green, purple, black}, codes 1, 4, 5: no threshold on the codes separates it),
 * and German credit / HouseVotes84 from {@code ../shared/datasets} (skipped when absent).
 */
class AdaBoostCategoricalTest {

    static final Path ROOT = Path.of(System.getProperty("derive.datasets", "/work/shared/datasets"));

    static Dataset numericCopy(Dataset d) {
        List<Dataset.Feature> f = new ArrayList<>();
        for (String name : d.featureNames()) {
            f.add(Dataset.Feature.numeric(name));
        }
        return d.withFeatures(f);
    }

    static int categoricalNodes(List<Tree> trees) {
        int c = 0;
        for (Tree t : trees) {
            for (int i = 0; i < t.nodeCount(); i++) {
                c += t.isCategorical(i) ? 1 : 0;
            }
        }
        return c;
    }

    @Test
    void stumpSplitsTheColourSetThatNoThresholdCanMake() {
        Dataset d = AdaBoostCategoricalGoldenTest.classification(200, 7);
        for (String algorithm : List.of("samme", "samme.r")) {
            AdaBoostClassifierModel m = AdaBoost.classifier().algorithm(algorithm).nEstimators(5).fit(d);
            Tree first = m.trees().get(0);
            assertEquals(0, first.feature()[0], algorithm);
            assertTrue(first.isCategorical(0), algorithm);
            int[] left = first.leftLevels(0);
            assertTrue(java.util.Arrays.equals(left, new int[] {1, 4, 5}) || java.util.Arrays.equals(left, new int[] {0, 2, 3}),
                    algorithm + ": " + java.util.Arrays.toString(left));
            assertEquals("partition", m.params().getString(CartParams.CATEGORICAL_SPLITS));
            // ordinal: thresholds only
            AdaBoostClassifierModel o = AdaBoost.classifier().algorithm(algorithm).nEstimators(5).categoricalSplits("ordinal").fit(d);
            assertEquals(0, categoricalNodes(o.trees()), algorithm);
        }
        AdaBoostRegressorModel r = AdaBoostR2.regressor().nEstimators(5).seed(2).fit(AdaBoostCategoricalGoldenTest.regression(200, 8));
        assertTrue(categoricalNodes(r.trees()) > 0, "R2 trees split the colour into level sets");
    }

    @Test
    void ordinalIsTheEnsembleOfTheColumnsDeclaredNumeric() {
        Dataset d = AdaBoostCategoricalGoldenTest.classification(180, 3);
        Dataset r = AdaBoostCategoricalGoldenTest.regression(180, 4);
        Matrix x = AdaBoostCategoricalGoldenTest.x(60, 5);
        for (String algorithm : List.of("samme", "samme.r")) {
            AdaBoost a = AdaBoost.classifier().algorithm(algorithm).nEstimators(10).maxDepth(2);
            assertArrayEquals(a.fit(numericCopy(d)).predictProba(x).toArray(), a.categoricalSplits("ordinal").fit(d).predictProba(x).toArray(), 0.0,
                    algorithm);
        }
        AdaBoostR2 b = AdaBoostR2.regressor().nEstimators(8).seed(1);
        assertArrayEquals(b.fit(numericCopy(r)).predict(x), b.categoricalSplits("ordinal").fit(r).predict(x), 0.0);
    }

    @Test
    void partitionModelsRoundTrip() throws IOException {
        Dataset d = AdaBoostCategoricalGoldenTest.classification(150, 11);
        Dataset r = AdaBoostCategoricalGoldenTest.regression(150, 12);
        Matrix x = AdaBoostCategoricalGoldenTest.x(40, 13);
        AdaBoostClassifierModel c = AdaBoost.classifier().nEstimators(6).maxDepth(2).fit(d);
        AdaBoostRegressorModel g = AdaBoostR2.regressor().nEstimators(6).seed(4).fit(r);
        assertTrue(categoricalNodes(c.trees()) > 0 && categoricalNodes(g.trees()) > 0);
        AdaBoostClassifierModel c2 = roundTrip(c, AdaBoostClassifierModel.class);
        AdaBoostRegressorModel g2 = roundTrip(g, AdaBoostRegressorModel.class);
        assertArrayEquals(c.predictProba(x).toArray(), c2.predictProba(x).toArray(), 0.0);
        assertArrayEquals(g.predict(x), g2.predict(x), 0.0);
        assertEquals("partition", c2.params().getString(CartParams.CATEGORICAL_SPLITS));
        assertEquals("partition", g2.params().getString(CartParams.CATEGORICAL_SPLITS));
    }

    static <M extends Model> M roundTrip(M m, Class<M> type) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of());
        return Models.read(new ByteArrayInputStream(out.toByteArray()), type, "memory", Models.Limits.DEFAULT);
    }

    @Test
    void aValueThatIsNotALevelCodeIsRejected() {
        Dataset d = AdaBoostCategoricalGoldenTest.classification(60, 1);
        Matrix x = d.features().copy();
        x.set(7, 0, 2.5);
        Dataset bad = d.withFeatureMatrix(x, d.featureInfo());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AdaBoost.classifier().nEstimators(2).fit(bad));
        assertTrue(e.getMessage().contains("colour") && e.getMessage().contains("2.5"), e.getMessage());
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options o = LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true);
        return Stream.of(
                LearnerContract.tests(AdaBoost.classifier().nEstimators(10).maxDepth(2).seed(3), AdaBoostCategoricalGoldenTest.classification(150, 21), o),
                LearnerContract.tests(AdaBoost.classifier().algorithm("samme.r").nEstimators(10), AdaBoostCategoricalGoldenTest.classification(150, 22), o),
                LearnerContract.tests(AdaBoostR2.regressor().nEstimators(8).seed(3), AdaBoostCategoricalGoldenTest.regression(150, 23), o))
                .flatMap(s -> s);
    }

    // ------------------------------------------------------------------ real data

    static Dataset read(String file, String target) throws IOException {
        Path p = ROOT.resolve(file);
        Assumptions.assumeTrue(Files.isReadable(p), "skipped: " + p + " is absent (the shared data sets are not on this machine)");
        return Dataset.from(Csv.read(p), target);
    }

    static double heldOutAccuracy(AdaBoost learner, Dataset d) {
        List<Integer> tr = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            (i % 10 < 3 ? te : tr).add(i);
        }
        Dataset train = d.subset(tr.stream().mapToInt(Integer::intValue).toArray());
        Dataset test = d.subset(te.stream().mapToInt(Integer::intValue).toArray());
        int[] p = learner.fit(train).predict(test.features());
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            ok += p[i] == test.labels()[i] ? 1 : 0;
        }
        return ok / (double) p.length;
    }

    static double majorityRate(Dataset d) {
        int[] c = new int[d.numClasses()];
        for (int l : d.labels()) {
            c[l]++;
        }
        return java.util.Arrays.stream(c).max().getAsInt() / (double) d.size();
    }

    @Test
    void germanCreditPartitionAgainstOrdinalCodes() throws IOException {
        Dataset d = read("small/weka/credit-g.csv", "class");
        AdaBoost a = AdaBoost.classifier().nEstimators(50);
        AdaBoostClassifierModel m = a.fit(d);
        assertTrue(categoricalNodes(m.trees()) > 0, "stumps split categorical columns into level sets");
        double part = heldOutAccuracy(a, d);
        double ord = heldOutAccuracy(a.categoricalSplits("ordinal"), d);
        double base = majorityRate(d);
        System.out.printf(Locale.ROOT, "German credit, adaboost 50 stumps, held-out accuracy: partition %.4f, ordinal codes %.4f, majority %.4f%n",
                part, ord, base);
        assertTrue(part > base && ord > base, part + " " + ord + " " + base);
    }

    @Test
    void houseVotesPartitionAgainstOrdinalCodes() throws IOException {
        Dataset d = read("small/mlbench/HouseVotes84.csv", "Class");
        for (String algorithm : List.of("samme", "samme.r")) {
            AdaBoost a = AdaBoost.classifier().algorithm(algorithm).nEstimators(30);
            assertTrue(categoricalNodes(a.fit(d).trees()) > 0, algorithm);
            double part = heldOutAccuracy(a, d);
            double ord = heldOutAccuracy(a.categoricalSplits("ordinal"), d);
            System.out.printf(Locale.ROOT, "HouseVotes84, adaboost %s 30 stumps, held-out accuracy: partition %.4f, ordinal codes %.4f%n",
                    algorithm, part, ord);
            assertTrue(part > majorityRate(d) && ord > majorityRate(d), part + " " + ord);
        }
    }

    @TestFactory
    Stream<DynamicTest> contractOnHouseVotes() throws IOException {
        Dataset d = read("small/mlbench/HouseVotes84.csv", "Class");
        LearnerContract.Options o = LearnerContract.Options.DEFAULT.withOrderInvariant(false).withSupportsMissing(true);
        return LearnerContract.tests(AdaBoost.classifier().nEstimators(10), d, o);
    }
}
