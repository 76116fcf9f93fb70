package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.select.CrossValidation;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * C4.5 against hand computation and the textbook examples (Quinlan 1993), the pessimistic bound against
 * scipy's beta quantile, J48's known contact-lenses tree, cross-validated accuracy on labor, HouseVotes84
 * and Soybean, and the learner contract.
 */
class C45Test {

    static final Fixtures REF = Fixtures.load("c45_reference.txt");

    static double h(double... counts) {
        return Id3Test.h(counts);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    static void assertScores(Matrix expected, List<C45.SplitScore> got, double tol) {
        assertEquals(expected.rows(), got.size());
        for (int j = 0; j < got.size(); j++) {
            assertEquals(expected.get(j, 0), got.get(j).gain(), tol, "gain of feature " + j);
            assertEquals(expected.get(j, 1), got.get(j).splitInfo(), tol, "split info of feature " + j);
            if (expected.cols() > 2) {
                assertEquals(expected.get(j, 2), got.get(j).threshold(), 0, "threshold of feature " + j);
            }
        }
    }

    @Test
    void weatherNumericRootScoresAndTextbookTree() {
        Dataset d = MultiwayTreeData.weatherNumeric();
        List<C45.SplitScore> s = C45.learner().rootScores(d);
        assertScores(REF.matrix("weathernum_root"), s, 1e-12);
        // by hand: outlook splits 9 yes / 5 no into sunny 2/3, overcast 4/0, rainy 3/2
        double base = h(9, 5);
        assertEquals(base - 5.0 / 14 * h(2, 3) - 5.0 / 14 * h(3, 2), s.get(0).gain(), 1e-12);
        assertEquals(h(5, 4, 5), s.get(0).splitInfo(), 1e-12);
        assertEquals(0.246750 / 1.577406, s.get(0).gainRatio(), 1e-6);
        // temperature: best cut 70.5 (4 yes 1 no | 5 yes 4 no), 12 distinct values -> MDL log2(11)/14
        assertEquals(70.5, s.get(1).threshold());
        assertEquals(base - 5.0 / 14 * h(4, 1) - 9.0 / 14 * h(5, 4) - log2(11) / 14, s.get(1).gain(), 1e-12);
        assertFalse(s.get(1).usable(), "the corrected gain is negative");
        // humidity: best cut 82.5 (6 yes 1 no | 3 yes 4 no), 10 distinct values
        assertEquals(82.5, s.get(2).threshold());
        assertEquals(base - 0.5 * h(6, 1) - 0.5 * h(3, 4) - log2(9) / 14, s.get(2).gain(), 1e-12);
        assertFalse(s.get(2).usable());
        // windy: FALSE 6/2, TRUE 3/3
        assertEquals(base - 8.0 / 14 * h(6, 2) - 6.0 / 14 * h(3, 3), s.get(3).gain(), 1e-12);
        assertEquals(h(8, 6), s.get(3).splitInfo(), 1e-12);
        assertTrue(s.get(0).usable() && s.get(3).usable());
        // the textbook tree (C4.5 and J48 print humidity <= 75, the largest training value below the midpoint 77.5)
        String textbook = """
                outlook = overcast: yes (4.0)
                outlook = rainy
                |   windy = FALSE: yes (3.0)
                |   windy = TRUE: no (2.0)
                outlook = sunny
                |   humidity <= 77.5: yes (2.0)
                |   humidity > 77.5: no (3.0)
                """;
        C45Model m = C45.learner().fit(d);
        assertEquals(textbook, m.toText());
        assertEquals(textbook, C45.learner().prune(false).fit(d).toText(), "pruning keeps every split here");
        assertArrayEquals(d.labels(), m.predict(d.features()));
        // as C4.5 and J48 print it: the split point moved down to the largest training humidity not above 77.5
        C45Model j48 = C45.learner().with("threshold", "training_value").fit(d);
        assertEquals(textbook.replace("77.5", "75.0"), j48.toText());
        assertEquals(75.0, j48.tree().threshold(j48.tree().child(0, 2)));
        assertEquals(82.5, C45.learner().with("threshold", "training_value").rootScores(d).get(2).threshold() + 2.5,
                1e-12, "82.5 -> 80, the largest humidity not above it");
        // without the MDL correction humidity (gain 0.1518 >= average) competes but outlook keeps the best ratio
        List<C45.SplitScore> raw = C45.learner().mdlCorrection(false).rootScores(d);
        assertEquals(base - 0.5 * h(6, 1) - 0.5 * h(3, 4), raw.get(2).gain(), 1e-12);
        assertEquals(0, C45.learner().mdlCorrection(false).fit(d).tree().feature(0));
    }

    @Test
    void missingValuesFollowQuinlansExample() {
        // Quinlan (1993), ch. 3: outlook of case 12 (overcast, 72, 90, TRUE, play) unknown
        Dataset d = MultiwayTreeData.weatherMissing();
        List<C45.SplitScore> s = C45.learner().rootScores(d);
        assertScores(REF.matrix("weathermiss_root"), s, 1e-12);
        // 13 known cases: 8 yes / 5 no; sunny 2/3, overcast 3/0, rainy 3/2
        double gain = 13.0 / 14 * (h(8, 5) - 5.0 / 13 * h(2, 3) - 5.0 / 13 * h(3, 2));
        double split = -2 * (5.0 / 14) * log2(5.0 / 14) - 3.0 / 14 * log2(3.0 / 14) - 1.0 / 14 * log2(1.0 / 14);
        assertEquals(gain, s.get(0).gain(), 1e-12);
        assertEquals(split, s.get(0).splitInfo(), 1e-12);
        assertEquals(0.199, s.get(0).gain(), 5e-4, "the book's 0.199 bits");
        assertEquals(1.809, s.get(0).splitInfo(), 5e-4, "the book's 1.809 bits");

        C45Model m = C45.learner().fit(d);
        MultiwayTree t = m.tree();
        // the unknown case goes to sunny, overcast, rainy with weights 5/13, 3/13, 5/13 (the book's 3.4/0.4, 3.2, 2.4/0.4)
        int overcast = t.child(0, 0);
        int rainy = t.child(0, 1);
        int sunny = t.child(0, 2);
        assertArrayEquals(new double[] {5.0 / 13, 3.0 / 13, 5.0 / 13},
                new double[] {t.branchProbability(sunny), t.branchProbability(overcast), t.branchProbability(rainy)}, 1e-15);
        assertArrayEquals(new double[] {0, 3 + 3.0 / 13}, t.distribution(overcast), 1e-14);
        int sunnyHigh = t.child(sunny, 1);
        assertEquals(2, t.feature(sunny));
        assertEquals(77.5, t.threshold(sunny));
        assertArrayEquals(new double[] {3, 5.0 / 13}, t.distribution(sunnyHigh), 1e-14);
        assertArrayEquals(new double[] {0, 2}, t.distribution(t.child(sunny, 0)), 1e-14);
        assertEquals(3, t.feature(rainy));
        assertArrayEquals(new double[] {2, 5.0 / 13}, t.distribution(t.child(rainy, 1)), 1e-14);
        assertArrayEquals(new double[] {0, 3}, t.distribution(t.child(rainy, 0)), 1e-14);

        // the book's classification of (sunny, 75, ?, FALSE): humidity unknown, branches 2/(70/13) and (44/13)/(70/13)
        // P(play) = 26/70 * 1 + 44/70 * (5/13)/(44/13) = 31/70 (the book's 0.44)
        double sunnyCode = d.featureInfo().get(0).levels().indexOf("sunny");
        double falseCode = d.featureInfo().get(3).levels().indexOf("FALSE");
        Matrix p = m.predictProba(Matrix.of(new double[][] {{sunnyCode, 75, Double.NaN, falseCode}}));
        assertEquals(31.0 / 70, p.get(0, 1), 1e-14);
        assertEquals(39.0 / 70, p.get(0, 0), 1e-14);
        // outlook unknown: sunny (humidity 96 -> no 3, yes 5/13), overcast (yes), rainy + FALSE (yes)
        Matrix q = m.predictProba(Matrix.of(new double[][] {{Double.NaN, 70, 96, falseCode}}));
        double yes = 5.0 / 13 * (5.0 / 13) / (3 + 5.0 / 13) + 3.0 / 13 + 5.0 / 13;
        assertEquals(yes, q.get(0, 1), 1e-14);
        assertEquals(1 - yes, q.get(0, 0), 1e-14);
        // every value unknown: the weighted combination of all leaves, still a distribution
        Matrix r = m.predictProba(Matrix.of(new double[][] {{Double.NaN, Double.NaN, Double.NaN, Double.NaN}}));
        assertEquals(1, r.get(0, 0) + r.get(0, 1), 1e-15);
    }

    @Test
    void upperConfidenceLimitMatchesScipyBetaQuantile() {
        Matrix u = REF.matrix("u_cf");
        for (int i = 0; i < u.rows(); i++) {
            double cf = u.get(i, 0);
            double e = u.get(i, 1);
            double n = u.get(i, 2);
            assertEquals(u.get(i, 3), PessimisticError.upperBound(e, n, cf), 1e-12, "U_" + cf + "(" + e + ", " + n + ")");
        }
        // E = 0: 1 - CF^(1/N); and Beta(2, 1) has cdf x^2, so U(1, 2) = sqrt(1 - CF)
        assertEquals(1 - Math.pow(0.25, 1.0 / 3), PessimisticError.upperBound(0, 3, 0.25), 1e-15);
        assertEquals(Math.sqrt(0.75), PessimisticError.upperBound(1, 2, 0.25), 1e-14);
        // I_x(a, 1) = x^a and the reflection I_x(a, b) = 1 - I_{1-x}(b, a)
        assertEquals(Math.pow(0.3, 2.5), PessimisticError.regularizedBeta(0.3, 2.5, 1), 1e-15);
        assertEquals(1 - PessimisticError.regularizedBeta(0.6, 4.2, 3.1), PessimisticError.regularizedBeta(0.4, 3.1, 4.2), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> PessimisticError.upperBound(3, 3, 0.25));
        assertThrows(IllegalArgumentException.class, () -> PessimisticError.upperBound(1, 3, 1.5));
    }

    @Test
    void pessimisticPruningOnAHandExample() {
        // the two subtrees of the unpruned contact-lenses tree under tear-prod-rate = normal (classes: a, b)
        C45.Builder b = new C45.Builder(C45.Input.of(MultiwayTreeData.weatherNumeric()), C45.learner().params());
        Matrix u = REF.matrix("u_cf");
        // (1) 5 a / 1 b split into 2/0, 2/0, 1/1: subtree 2 U(0,2) + 2 U(0,2) + 2 U(1,2) = 3.732 > leaf 6 U(1,6) + 0.1 = 2.437
        MultiwayTree.Node n1 = node(5, 1, node(2, 0), node(2, 0), node(1, 1));
        double leaf1 = 6 * find(u, 0.25, 1, 6);
        double sub1 = 2 * find(u, 0.25, 0, 2) * 2 + 2 * find(u, 0.25, 1, 2);
        assertEquals(3.732050807568877, sub1, 1e-12);
        assertEquals(2.336876911204347, leaf1, 1e-12);
        assertEquals(leaf1, b.prune(n1), 1e-12);
        assertTrue(n1.isLeaf(), "replaced by a leaf");
        // (2) 4 a / 2 b split into 3/0 and 1/2: subtree 3 U(0,3) + 3 U(1,3) = 3.131 < leaf 6 U(2,6) - 0.1 = 3.219: kept
        MultiwayTree.Node n2 = node(4, 2, node(3, 0), node(1, 2));
        double sub2 = 3 * find(u, 0.25, 0, 3) + 3 * find(u, 0.25, 1, 3);
        assertEquals(3.319189510463752, 6 * find(u, 0.25, 2, 6), 1e-12);
        assertEquals(sub2, b.prune(n2), 1e-12);
        assertFalse(n2.isLeaf());
        // a smaller CF prunes more: at CF = 0.1 the leaf costs 6 U(2,6) = 4.0008 <= 3 U(0,3) + 3 U(1,3) + 0.1 = 4.1201
        C45.Builder strict = new C45.Builder(C45.Input.of(MultiwayTreeData.weatherNumeric()), C45.learner().confidenceFactor(0.1).params());
        MultiwayTree.Node n3 = node(4, 2, node(3, 0), node(1, 2));
        assertEquals(4.000833680833109, strict.prune(n3), 1e-12);
        assertEquals(6 * find(u, 0.1, 2, 6), 4.000833680833109, 1e-12);
        assertTrue(n3.isLeaf());
    }

    static MultiwayTree.Node node(double a, double bb, MultiwayTree.Node... children) {
        MultiwayTree.Node n = new MultiwayTree.Node(new double[] {a, bb});
        if (children.length > 0) {
            n.feature = 0;
            n.children = children;
        }
        return n;
    }

    static double find(Matrix u, double cf, double e, double n) {
        for (int i = 0; i < u.rows(); i++) {
            if (u.get(i, 0) == cf && u.get(i, 1) == e && u.get(i, 2) == n) {
                return u.get(i, 3);
            }
        }
        throw new IllegalArgumentException("no U_" + cf + "(" + e + ", " + n + ") in the fixture");
    }

    @Test
    void contactLensesGivesJ48sTree() throws Exception {
        Dataset d = MultiwayTreeData.sharedCsv("weka/contact-lenses.csv", "contact-lenses", List.of());
        List<C45.SplitScore> s = C45.learner().rootScores(d);
        assertScores(REF.matrix("lenses_root"), s, 1e-12);
        // tear-prod-rate: 12 reduced (all none) / 12 normal (5 soft, 4 hard, 3 none) of 24 (15 none, 5 soft, 4 hard)
        assertEquals(h(15, 5, 4) - 0.5 * h(3, 5, 4), s.get(3).gain(), 1e-12);
        assertEquals(1.0, s.get(3).splitInfo(), 1e-15);
        /*
         * By hand, below tear-prod-rate = normal (5 soft, 4 hard, 3 none): astigmatism splits it into
         * no (5 soft, 1 none) and yes (4 hard, 2 none): gain 1.555 - 0.5 H(5,1) - 0.5 H(4,2) = 0.770, split 1, the
         * best ratio. Under astigmatism = yes, spectacle-prescrip gives myope (3 hard) / hypermetrope (1 hard,
         * 2 none), gain H(4,2) - 0.5 H(1,2) = 0.459 against age's 0.252 (ratio 0.159); the three-case
         * branches stop (3 < 2 * 2). Under astigmatism = no, age gives 2 soft / 2 soft / 1 soft + 1 none.
         * Pruning (CF 0.25): the age subtree costs 2 U(0,2) + 2 U(0,2) + 2 U(1,2) = 3.73 against 6 U(1,6) = 2.34
         * as a leaf, so it becomes "soft (6/1)"; the prescription subtree costs 3 U(0,3) + 3 U(1,3) = 3.13
         * against 6 U(2,6) = 3.32 > 3.13 + 0.1, so it stays: J48's tree (levels here in alphabetical order).
         */
        String j48 = """
                tear-prod-rate = normal
                |   astigmatism = no: soft (6.0/1.0)
                |   astigmatism = yes
                |   |   spectacle-prescrip = hypermetrope: none (3.0/1.0)
                |   |   spectacle-prescrip = myope: hard (3.0)
                tear-prod-rate = reduced: none (12.0)
                """;
        assertEquals(j48, C45.learner().fit(d).toText());
        String unpruned = C45.learner().prune(false).fit(d).toText();
        assertTrue(unpruned.contains("|   |   age = presbyopic: none (2.0/1.0)"), unpruned);
    }

    @Test
    void subtreeRaisingOnAHandExample() {
        // A splits 10 cases (B = y exactly) from 2 cases (also B = y); the grown tree tests A, then B under A = 0
        double[][] x = new double[12][2];
        int[] y = new int[12];
        for (int i = 0; i < 12; i++) {
            x[i][0] = i < 10 ? 0 : 1;
            x[i][1] = i < 10 ? (i < 5 ? 0 : 1) : i - 10;
            y[i] = (int) x[i][1];
        }
        Dataset d = Dataset.classification(Matrix.of(x), y, List.of("n", "p")).withFeatures(List.of(
                Dataset.Feature.categorical("A", List.of("a0", "a1")), Dataset.Feature.categorical("B", List.of("b0", "b1"))));
        MultiwayTree.Node root = node(6, 6, node(5, 5, node(5, 0), node(0, 5)), node(1, 1));
        root.children[0].feature = 1;
        int[] rows = java.util.stream.IntStream.range(0, 12).toArray();
        double[] w = new double[12];
        java.util.Arrays.fill(w, 1);
        C45.Builder raising = new C45.Builder(C45.Input.of(d), C45.learner().with("subtree_raising", true).params());
        /*
         * subtree: 5 U(0,5) + 5 U(0,5) under A = 0 plus 2 U(1,2) for A = 1: 10 (1 - 0.25^(1/5)) + sqrt(3) = 4.153;
         * the most used branch (A = 0) given all 12 cases: 6 U(0,6) + 6 U(0,6) = 12 (1 - 0.25^(1/6)) = 2.476 <= 4.253,
         * and the root as a leaf, 12 U(6,12), is far worse: B is raised to the root.
         */
        double raised = 12 * (1 - Math.pow(0.25, 1.0 / 6));
        double subtree = 10 * (1 - Math.pow(0.25, 1.0 / 5)) + Math.sqrt(3);
        assertTrue(raised <= subtree + 0.1 && 12 * PessimisticError.upperBound(6, 12, 0.25) > raised + 0.1);
        assertEquals(raised, raising.pruneWithCases(root, rows, w, true), 1e-12);
        assertEquals(1, root.feature);
        assertArrayEquals(new double[] {6, 0}, root.children[0].dist);
        assertArrayEquals(new double[] {0, 6}, root.children[1].dist);
        assertEquals(0.5, root.children[0].branchProb);
        // without raising the same cases keep the grown tree (the leaf is worse than the subtree)
        MultiwayTree.Node kept = node(6, 6, node(5, 5, node(5, 0), node(0, 5)), node(1, 1));
        kept.children[0].feature = 1;
        C45.Builder plain = new C45.Builder(C45.Input.of(d), C45.learner().params());
        assertEquals(subtree, plain.pruneWithCases(kept, rows, w, true), 1e-12);
        assertEquals(0, kept.feature);
        assertEquals(subtree, plain.prune(kept), 1e-12);
    }

    @Test
    void laborWithJ48SettingsGivesJ48sTree() throws Exception {
        Dataset d = MultiwayTreeData.sharedCsv("weka/labor.csv", "class", List.of("duration", "wage-increase-first-year",
                "wage-increase-second-year", "wage-increase-third-year", "working-hours", "standby-pay", "shift-differential",
                "statutory-holidays"));
        /*
         * Weka's J48 (defaults, which raise subtrees and put thresholds at training values) on labor prints
         *   wage-increase-first-year <= 2.5: bad (15.27/2.27)
         *   wage-increase-first-year > 2.5
         *   |   statutory-holidays <= 10: bad (10.77/4.77)
         *   |   statutory-holidays > 10: good (30.96/1.0)
         * The fractional weights come from the missing values (labor has 57 cases, most with gaps).
         */
        C45Model m = C45.learner().with("subtree_raising", true).with("threshold", "training_value").fit(d);
        MultiwayTree t = m.tree();
        assertEquals(5, t.nodeCount(), m.toText());
        assertEquals(d.featureNames().indexOf("wage-increase-first-year"), t.feature(0));
        assertEquals(2.5, t.threshold(0));
        int low = t.child(0, 0);
        int high = t.child(0, 1);
        assertEquals(d.featureNames().indexOf("statutory-holidays"), t.feature(high));
        assertEquals(10.0, t.threshold(high));
        int bad = d.classes().indexOf("bad");
        assertLeaf(t, low, bad, 15.27, 2.27);
        assertLeaf(t, t.child(high, 0), bad, 10.77, 4.77);
        assertLeaf(t, t.child(high, 1), 1 - bad, 30.96, 1.0);
        // without raising the second level is not raised: a bigger tree with the same root
        assertTrue(C45.learner().fit(d).tree().nodeCount() > 5);
    }

    static void assertLeaf(MultiwayTree t, int v, int cls, double n, double errors) {
        assertTrue(t.isLeaf(v));
        double[] dist = t.distribution(v);
        double total = dist[0] + dist[1];
        assertEquals(n, Math.round(total * 100) / 100.0, 1e-9, "weight at node " + v);
        assertEquals(errors, Math.round((total - dist[cls]) * 100) / 100.0, 1e-9, "errors at node " + v);
        assertTrue(dist[cls] > total - dist[cls]);
    }

    /** Mean accuracy of 10-fold stratified cross-validation over {@code repeats} shuffles. */
    static double cvAccuracy(C45 learner, Dataset d, int repeats) {
        double sum = 0;
        int[] y = d.labels();
        for (int seed = 0; seed < repeats; seed++) {
            int[] p = CrossValidation.crossValPredictLabels(learner, d, CrossValidation.defaultCv(d, 10, seed));
            int ok = 0;
            for (int i = 0; i < y.length; i++) {
                ok += p[i] == y[i] ? 1 : 0;
            }
            sum += ok / (double) y.length;
        }
        return sum / repeats;
    }

    /*
     * Accuracy ranges: Weka's J48 (C4.5 Release 8 with defaults -C 0.25 -M 2) is commonly reported at about
     * 73.7% on labor, 96.3% on vote (HouseVotes84) and 91.5% on soybean by stratified 10-fold
     * cross-validation (e.g. the Weka Explorer's standard runs in Witten, Frank & Hall, Data Mining, 3rd ed.).
     * The bands below allow for the spread between cross-validation shuffles (one labor case is 1.75 points)
     * and for the documented differences from J48 (no subtree raising, exact binomial bound, midpoints).
     * Measured here: labor 0.800, HouseVotes84 0.965, Soybean 0.914 (5 shuffles).
     */
    @Test
    void laborAccuracyIsInTheLiteratureRange() throws Exception {
        Dataset d = MultiwayTreeData.sharedCsv("weka/labor.csv", "class", List.of("duration", "wage-increase-first-year",
                "wage-increase-second-year", "wage-increase-third-year", "working-hours", "standby-pay", "shift-differential",
                "statutory-holidays"));
        double acc = cvAccuracy(C45.learner(), d, 10);
        assertTrue(acc >= 0.70 && acc <= 0.90, "labor 10-fold CV accuracy " + acc);
    }

    @Test
    void houseVotesAccuracyIsInTheLiteratureRange() throws Exception {
        Dataset d = MultiwayTreeData.sharedCsv("mlbench/HouseVotes84.csv", "Class", List.of());
        double acc = cvAccuracy(C45.learner(), d, 3);
        assertTrue(acc >= 0.94 && acc <= 0.98, "HouseVotes84 10-fold CV accuracy " + acc);
    }

    @Test
    void soybeanAccuracyIsInTheLiteratureRange() throws Exception {
        Dataset d = MultiwayTreeData.sharedCsv("mlbench/Soybean.csv", "Class", List.of());
        double acc = cvAccuracy(C45.learner(), d, 3);
        assertTrue(acc >= 0.88 && acc <= 0.94, "Soybean 10-fold CV accuracy " + acc);
    }

    @Test
    void integerWeightsEqualDuplicatedRows() {
        Dataset d = mixed(120, 9);
        int[] reps = new int[d.size()];
        double[] w = new double[d.size()];
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            reps[i] = 1 + i % 3;
            w[i] = reps[i];
            for (int r = 0; r < reps[i]; r++) {
                rows.add(i);
            }
        }
        Dataset dup = d.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        C45Model a = C45.learner().fit(d.withWeights(w));
        C45Model b = C45.learner().fit(dup);
        assertEquals(b.toText(), a.toText());
        assertArrayEquals(b.predictProba(d.features()).toArray(), a.predictProba(d.features()).toArray(), 1e-12);
    }

    @Test
    void pruningShrinksTheTreeAndParametersAreChecked() {
        Dataset d = mixed(400, 3);
        C45Model pruned = C45.learner().fit(d);
        C45Model full = C45.learner().prune(false).fit(d);
        assertTrue(pruned.tree().nodeCount() < full.tree().nodeCount(), pruned.tree().nodeCount() + " vs " + full.tree().nodeCount());
        assertTrue(pruned.report().extra().get("grown_nodes") == full.tree().nodeCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> C45.learner().confidenceFactor(0.7));
        assertTrue(e.getMessage().contains("confidence_factor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> C45.learner().minSamplesLeaf(0));
        assertTrue(e.getMessage().contains("min_samples_leaf"), e.getMessage());
    }

    @Test
    void badInput() {
        Dataset d = MultiwayTreeData.weatherNumeric();
        Matrix x = d.features().copy();
        x.set(2, 1, Double.POSITIVE_INFINITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> C45.learner().fit(d.withFeatureMatrix(x, d.featureInfo())));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        Matrix y = d.features().copy();
        y.set(2, 0, 1.5);
        e = assertThrows(IllegalArgumentException.class, () -> C45.learner().fit(d.withFeatureMatrix(y, d.featureInfo())));
        assertTrue(e.getMessage().contains("outlook"), e.getMessage());
        C45Model m = C45.learner().fit(d);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.of(new double[][] {{3, 70, 70, 0}})));
        assertTrue(e.getMessage().contains("outlook"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(Matrix.of(new double[][] {{0, 70, Double.NEGATIVE_INFINITY, 0}})));
        assertTrue(e.getMessage().contains("humidity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiwayTree.of(new int[] {0, -1}, new double[] {Double.NaN, Double.NaN},
                new int[] {1, -1}, new int[] {2, 0}, new double[] {1, 1}, new double[] {1, 1, 1, 0}, 2, 1), "child out of range");
    }

    @Test
    void sortByKeyIsAStableSort() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : new int[] {0, 1, 2, 7, 64, 1000}) {
            double[] key = new double[n];
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                key[i] = r.nextInt(20) / 4.0;
                idx[i] = i;
            }
            double[] orig = key.clone();
            C45.Builder.sortByKey(idx, key);
            for (int i = 0; i < n; i++) {
                assertEquals(orig[idx[i]], key[i]);
                if (i > 0) {
                    assertTrue(key[i - 1] < key[i] || (key[i - 1] == key[i] && idx[i - 1] < idx[i]), "stable at " + i);
                }
            }
        }
    }

    @Test
    void registered() {
        assertTrue(LearnerRegistry.create("c45", Dataset.Task.CLASSIFICATION) instanceof C45);
    }

    /** A synthetic mixed data set: two numeric and two categorical features, about 10% missing values, 3 classes. */
    static Dataset mixed(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = Math.round(r.nextDouble() * 100) / 10.0;
            x[i][1] = r.nextGaussian();
            x[i][2] = r.nextInt(3);
            x[i][3] = r.nextInt(4);
            int c = (x[i][0] > 5 ? 1 : 0) + (x[i][2] == 2 ? 1 : 0);
            y[i] = r.nextDouble() < 0.15 ? r.nextInt(3) : c;
            for (int j = 0; j < 4; j++) {
                if (r.nextDouble() < 0.1) {
                    x[i][j] = Double.NaN;
                }
            }
        }
        List<Dataset.Feature> f = List.of(Dataset.Feature.numeric("u"), Dataset.Feature.numeric("v"),
                Dataset.Feature.categorical("colour", List.of("red", "green", "blue")),
                Dataset.Feature.categorical("size", List.of("s", "m", "l", "xl")));
        return Dataset.classification(Matrix.of(x), y, List.of("p", "q", "r")).withFeatures(f);
    }

    @TestFactory
    Stream<DynamicTest> contract() {
        LearnerContract.Options opts = LearnerContract.Options.DEFAULT.withSupportsMissing(true);
        return Stream.of(LearnerContract.tests(C45.learner(), mixed(300, 1), opts),
                LearnerContract.tests(C45.learner().with("subtree_raising", true).confidenceFactor(0.4), mixed(200, 4), opts),
                LearnerContract.tests(C45.learner().prune(false).minSamplesLeaf(1).mdlCorrection(false).with("threshold", "training_value"),
                        MultiwayTreeData.weatherNumeric(), opts)).flatMap(t -> t);
    }
}
