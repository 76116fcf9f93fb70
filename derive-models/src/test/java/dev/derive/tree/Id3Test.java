package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * ID3 on Quinlan's (1986) weather data: the information gains by hand and against scipy, the textbook tree,
 * stopping rules, errors, and the learner contract.
 */
class Id3Test {

    static final Fixtures REF = Fixtures.load("c45_reference.txt");

    /** Entropy in bits of class counts. */
    static double h(double... counts) {
        double t = 0;
        for (double c : counts) {
            t += c;
        }
        double s = 0;
        for (double c : counts) {
            if (c > 0) {
                s -= c / t * Math.log(c / t) / Math.log(2);
            }
        }
        return s;
    }

    @Test
    void informationGainsAtTheRootMatchHandComputationAndScipy() {
        double[] g = Id3.informationGains(MultiwayTreeData.weatherNominal());
        // 9 yes / 5 no overall. outlook: sunny 2/3, overcast 4/0, rainy 3/2
        double base = h(9, 5);
        double[] hand = {
            base - 5.0 / 14 * h(2, 3) - 4.0 / 14 * h(4, 0) - 5.0 / 14 * h(3, 2),
            // temperature: hot 2/2, mild 4/2, cool 3/1
            base - 4.0 / 14 * h(2, 2) - 6.0 / 14 * h(4, 2) - 4.0 / 14 * h(3, 1),
            // humidity: high 3/4, normal 6/1
            base - 7.0 / 14 * h(3, 4) - 7.0 / 14 * h(6, 1),
            // windy: FALSE 6/2, TRUE 3/3
            base - 8.0 / 14 * h(6, 2) - 6.0 / 14 * h(3, 3)};
        assertArrayEquals(hand, g, 1e-12);
        assertArrayEquals(REF.vector("weather_gain"), g, 1e-12);
        assertArrayEquals(new double[] {0.246750, 0.029223, 0.151836, 0.048127}, g, 5e-7);
    }

    @Test
    void weatherGivesTheTextbookTree() {
        Dataset d = MultiwayTreeData.weatherNominal();
        Id3Model m = Id3.learner().fit(d);
        MultiwayTree t = m.tree();
        // outlook (feature 0) at the root; levels in natural order: overcast, rainy, sunny
        assertEquals(List.of("overcast", "rainy", "sunny"), d.featureInfo().get(0).levels());
        assertEquals(0, t.feature(0));
        assertEquals(3, t.childCount(0));
        int overcast = t.child(0, 0);
        int rainy = t.child(0, 1);
        int sunny = t.child(0, 2);
        assertTrue(t.isLeaf(overcast));
        assertArrayEquals(new double[] {0, 4}, t.distribution(overcast));
        assertEquals(2, t.feature(sunny), "humidity under sunny");
        assertEquals(3, t.feature(rainy), "windy under rainy");
        assertEquals(8, t.nodeCount());
        assertEquals("""
                outlook = overcast: yes (4.0)
                outlook = rainy
                |   windy = FALSE: yes (3.0)
                |   windy = TRUE: no (2.0)
                outlook = sunny
                |   humidity = high: no (3.0)
                |   humidity = normal: yes (2.0)
                """, m.toText());
        assertArrayEquals(d.labels(), m.predict(d.features()));
        // the gains that chose the second level, against scipy
        Dataset sunnyRows = d.subset(rowsWith(d, 0, 2));
        assertArrayEquals(REF.vector("weather_sunny_gain"), Id3.informationGains(sunnyRows), 1e-12);
        Dataset rainyRows = d.subset(rowsWith(d, 0, 1));
        assertArrayEquals(REF.vector("weather_rainy_gain"), Id3.informationGains(rainyRows), 1e-12);
        // humidity has the largest gain (0.971 bits, a perfect split) under sunny, windy under rainy
        assertEquals(h(2, 3), Id3.informationGains(sunnyRows)[2], 1e-12);
        assertEquals(h(3, 2), Id3.informationGains(rainyRows)[3], 1e-12);
    }

    static int[] rowsWith(Dataset d, int feature, int level) {
        return java.util.stream.IntStream.range(0, d.size()).filter(i -> d.features().get(i, feature) == level).toArray();
    }

    @Test
    void booleanColumnsAreTwoLevelFeatures() {
        // read as CSV inference does: windy (TRUE/FALSE) becomes a numeric 0/1 column
        Dataset d = Dataset.from(dev.derive.data.io.CsvReader.defaults().types(
                MultiwayTreeData.allCategorical("outlook", "temperature", "humidity", "play")).parse(MultiwayTreeData.WEATHER_NOMINAL), "play");
        assertTrue(!d.featureInfo().get(3).isCategorical());
        Id3Model m = Id3.learner().fit(d);
        assertEquals(Id3.learner().fit(MultiwayTreeData.weatherNominal()).toText().replace("FALSE", "0").replace("TRUE", "1"), m.toText());
        assertArrayEquals(d.labels(), m.predict(d.features()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.predict(Matrix.of(new double[][] {{1, 0, 0, 0.5}})));
        assertTrue(e.getMessage().contains("windy"), e.getMessage());
    }

    @Test
    void stoppingRules() {
        Dataset d = MultiwayTreeData.weatherNominal();
        MultiwayTree stump = Id3.learner().maxDepth(1).fit(d).tree();
        assertEquals(4, stump.nodeCount());
        // sunny: 2 yes / 3 no -> majority no; rainy 3/2 -> yes
        assertEquals(1, Id3.learner().minGain(0.25).fit(d).tree().nodeCount(), "best gain 0.2467 < 0.25: a single leaf");
        assertEquals(4, Id3.learner().minSamplesSplit(6).fit(d).tree().nodeCount(), "nodes of 5 rows are not split");
    }

    @Test
    void splitsAtZeroGainOnXorAndLeavesEmptyLevelsToTheParent() {
        // y = a XOR b: both gains are 0 at the root; ID3 still splits (lowest index first) and ends pure
        double[][] rows = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0, 0}, {1, 1}};
        int[] y = {0, 1, 1, 0, 0, 0};
        List<Dataset.Feature> f = List.of(Dataset.Feature.categorical("a", List.of("p", "q", "r")),
                Dataset.Feature.categorical("b", List.of("u", "v")));
        Dataset d = Dataset.classification(Matrix.of(rows), y, List.of("n", "y")).withFeatures(f);
        Id3Model m = Id3.learner().fit(d);
        assertArrayEquals(y, m.predict(d.features()));
        MultiwayTree t = m.tree();
        assertEquals(0, t.feature(0));
        int empty = t.child(0, 2);
        assertTrue(t.isLeaf(empty));
        assertArrayEquals(new double[] {0, 0}, t.distribution(empty));
        // level r never seen: the root's class shares (4 n, 2 y)
        Matrix p = m.predictProba(Matrix.of(new double[][] {{2, 0}}));
        assertEquals(4.0 / 6, p.get(0, 0), 1e-15);
        assertEquals(2.0 / 6, p.get(0, 1), 1e-15);
    }

    @Test
    void majorityTiesGoToTheLowestClass() {
        // one feature with a single level cannot split: a leaf with a 1:1 tie
        Dataset d = Dataset.classification(Matrix.of(new double[][] {{0}, {0}}), new int[] {1, 0}, List.of("a", "b"))
                .withFeatures(List.of(Dataset.Feature.categorical("x", List.of("only"))));
        Id3Model m = Id3.learner().fit(d);
        assertEquals(1, m.tree().nodeCount());
        assertArrayEquals(new int[] {0}, m.predict(Matrix.of(new double[][] {{0}})));
    }

    @Test
    void rejectsNumericFeaturesMissingValuesAndUnknownLevels() {
        Dataset num = MultiwayTreeData.weatherNumeric();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Id3.learner().fit(num));
        assertTrue(e.getMessage().contains("'temperature' is numeric"), e.getMessage());
        Dataset d = MultiwayTreeData.weatherNominal();
        Matrix x = d.features().copy();
        x.set(3, 2, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> Id3.learner().fit(d.withFeatureMatrix(x, d.featureInfo())));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("humidity"), e.getMessage());
        Id3Model m = Id3.learner().fit(d);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.of(new double[][] {{5, 0, 0, 0}})));
        assertTrue(e.getMessage().contains("outlook"), e.getMessage());
        Matrix bad = d.features().copy();
        bad.set(0, 1, 7);
        e = assertThrows(IllegalArgumentException.class, () -> Id3.learner().fit(d.withFeatureMatrix(bad, d.featureInfo())));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
    }

    @Test
    void sampleWeightsActAsCounts() {
        Dataset d = MultiwayTreeData.weatherNominal();
        double[] w = new double[d.size()];
        java.util.Arrays.fill(w, 2.0);
        assertArrayEquals(Id3.informationGains(d), Id3.informationGains(d.withWeights(w)), 1e-15);
        MultiwayTree t1 = Id3.learner().fit(d).tree();
        MultiwayTree t2 = Id3.learner().fit(d.withWeights(w)).tree();
        assertEquals(t1.nodeCount(), t2.nodeCount());
        for (int v = 0; v < t1.nodeCount(); v++) {
            assertEquals(t1.feature(v), t2.feature(v));
            double[] d1 = t1.distribution(v);
            for (int c = 0; c < d1.length; c++) {
                d1[c] *= 2;
            }
            assertArrayEquals(d1, t2.distribution(v), 0);
        }
    }

    @Test
    void registered() {
        assertTrue(LearnerRegistry.create("id3", Dataset.Task.CLASSIFICATION) instanceof Id3);
    }

    /** A 300-row synthetic categorical set: y depends on three of five features with noise. */
    static Dataset synthetic() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 300;
        double[][] x = new double[n][5];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = r.nextInt(j + 2);
            }
            int s = (int) x[i][0] + (x[i][2] == 1 ? 1 : 0) + (int) x[i][3] / 2;
            y[i] = r.nextDouble() < 0.1 ? r.nextInt(3) : s % 3;
        }
        List<Dataset.Feature> f = new java.util.ArrayList<>();
        for (int j = 0; j < 5; j++) {
            List<String> levels = new java.util.ArrayList<>();
            for (int l = 0; l < j + 2; l++) {
                levels.add("v" + l);
            }
            f.add(Dataset.Feature.categorical("f" + j, levels));
        }
        return Dataset.classification(Matrix.of(x), y, List.of("a", "b", "c")).withFeatures(f);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        return Stream.concat(LearnerContract.tests(Id3.learner(), MultiwayTreeData.weatherNominal()),
                LearnerContract.tests(Id3.learner().maxDepth(3).minSamplesSplit(5), synthetic()));
    }
}
