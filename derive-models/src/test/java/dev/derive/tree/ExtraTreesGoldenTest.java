package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Extremely randomised trees ({@link TreeBuilder.Settings#randomSplits()}) are the same, bit for bit, as the trees
 * the builder grew before it kept node-local copies of the feature values: {@code golden/extra-trees-digest1.txt}
 * holds, as written by that earlier builder, a digest of every array of every tree grown here, for every
 * criterion, depth-first and best-first growth, all or some features per split, data with and without missing
 * values, fractional and integer (bootstrap count) weights, and categorical features. Regenerate only for a
 * deliberate change of the trees, with {@code DERIVE_WRITE_GOLDEN=1} (run from the module directory).
 */
class ExtraTreesGoldenTest {

    static final String FILE = "extra-trees-digest1.txt";

    /** One line: node count and the hashes of all of the tree's arrays (bit patterns for doubles), level sets included. */
    static String digest(Tree t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.nodeCount()).append(' ').append(Arrays.hashCode(t.feature())).append(' ').append(Arrays.hashCode(t.threshold()))
                .append(' ').append(Arrays.hashCode(t.left())).append(' ').append(Arrays.hashCode(t.right()))
                .append(' ').append(Arrays.hashCode(t.value())).append(' ').append(Arrays.hashCode(t.impurity()))
                .append(' ').append(Arrays.hashCode(t.nodeSamples())).append(' ').append(Arrays.hashCode(t.weightedNodeSamples()))
                .append(' ').append(Arrays.hashCode(t.missingLeft()));
        return sb.append(' ').append(GoldenFiles.levelSets(t)).toString();
    }

    /** The digests of all the trees of this test, one line each, prefixed by what was grown. */
    static List<String> grow() {
        List<String> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(11);
        int n = 700;
        int p = 7;
        for (int variant = 0; variant < 4; variant++) {
            boolean missing = variant % 2 == 1;
            boolean counts = variant >= 2;
            double[] x = TreeBuilderLayoutTest.data(n, p, r, missing);
            TreeBuilderLayoutTest.Targets tw = TreeBuilderLayoutTest.targets(x, n, r, counts);
            int[] labels = tw.labels();
            double[] y = tw.y();
            double[] w = tw.w();
            for (TreeBuilder.Criterion c : TreeBuilder.Criterion.values()) {
                for (int maxFeatures : new int[] {p, 2}) {
                    for (int maxLeaves : new int[] {0, 40}) {
                        var s = new TreeBuilder.Settings(c, Integer.MAX_VALUE, 2, 1, 0, 0, maxFeatures, maxLeaves, true);
                        String what = c + " maxFeatures=" + maxFeatures + " maxLeaves=" + maxLeaves + " missing=" + missing + " counts=" + counts;
                        for (long seed = 3; seed < 5; seed++) {
                            Tree t = c.classification() ? TreeBuilder.classification(x, n, p, labels, 3, w, s, seed)
                                    : TreeBuilder.regression(x, n, p, y, w, s, seed);
                            out.add(what + " seed=" + seed + ": " + digest(t));
                        }
                    }
                }
            }
        }
        // categorical features (level codes, some missing), min_samples_leaf > 1
        for (int seed = 0; seed < 3; seed++) {
            var cls = CategoricalData.classification(400, 20 + seed);
            var reg = CategoricalData.regression(400, 30 + seed);
            int[] levels = {6, 0, 3};
            for (TreeBuilder.Criterion c : TreeBuilder.Criterion.values()) {
                var s = new TreeBuilder.Settings(c, 12, 2, 1 + seed, 0, 0, 2, seed == 2 ? 25 : 0, true).withCategories(levels, 10);
                double[] xc = c.classification() ? cls.features().toArray() : reg.features().toArray();
                double[] yc = reg.target();
                if (c == TreeBuilder.Criterion.POISSON) {
                    yc = Arrays.stream(yc).map(Math::exp).toArray();
                }
                Tree t = c.classification() ? TreeBuilder.classification(xc, 400, 3, cls.labels(), 2, null, s, seed)
                        : TreeBuilder.regression(xc, 400, 3, yc, null, s, seed);
                out.add("categorical " + c + " seed=" + seed + ": " + digest(t));
            }
        }
        return out;
    }

    @Test
    void extraTreesAreTheTreesOfTheEarlierBuilder() throws IOException {
        List<String> got = grow();
        if (System.getenv("DERIVE_WRITE_GOLDEN") != null) {
            Files.write(GoldenFiles.DIR.resolve(FILE), got, StandardCharsets.UTF_8);
        }
        List<String> want = Files.readAllLines(GoldenFiles.DIR.resolve(FILE), StandardCharsets.UTF_8);
        assertEquals(want.size(), got.size(), "tree count");
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), got.get(i), "line " + i);
        }
    }
}
