package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.tree.CategoricalData;
import dev.derive.tree.GoldenFiles;
import dev.derive.tree.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files {@code golden/forest-*-codec1.derive}, written by the forest models that kept their {@link Tree}s
 * (before the flat layout became their stored form; codec layout unchanged since): a random forest regressor with
 * categorical level-set splits and missing values, extremely randomised trees grown best-first
 * ({@code max_leaf_nodes}, so nodes are not in depth-first pre-order) and a {@code class_weight = balanced}
 * forest (node values that are not floats). {@code golden/forest-codec1.txt} holds, as written then, each
 * model's predictions on a probe (exact decimal round trips, compared at tolerance 0), a digest of every array of
 * every tree ({@link #digest}; categorical splits by their level sets) and the feature importances. Today's code must load the files and give the same
 * numbers and the same trees, and a fresh fit with the same parameters must give them too. Regenerate only for a
 * deliberate format change, with {@code DERIVE_WRITE_GOLDEN=1} (run from the module directory).
 */
class ForestGoldenTest {

    static final Path DIR = GoldenFiles.DIR;

    static Matrix probe() {
        return CategoricalData.x(60, 77);
    }

    static RandomForestRegressorModel regressor() {
        return RandomForest.regressor().nEstimators(6).seed(4).fit(CategoricalData.regression(160, 8));
    }

    static RandomForestClassifierModel extraBestFirst() {
        return RandomForest.extraTreesClassifier().nEstimators(5).seed(6).with("max_leaf_nodes", 9)
                .fit(CategoricalData.classification(160, 7));
    }

    static RandomForestClassifierModel balanced() {
        return RandomForest.classifier().nEstimators(4).seed(2).with("class_weight", "balanced")
                .fit(CategoricalData.classification(90, 3));
    }

    /** One line per tree: hashes of all of its arrays (bit patterns for doubles) and its node count. */
    static String digest(List<Tree> trees) {
        StringBuilder sb = new StringBuilder();
        for (Tree t : trees) {
            sb.append(t.nodeCount()).append(' ').append(Arrays.hashCode(t.feature())).append(' ').append(Arrays.hashCode(t.threshold()))
                    .append(' ').append(Arrays.hashCode(t.left())).append(' ').append(Arrays.hashCode(t.right()))
                    .append(' ').append(Arrays.hashCode(t.value())).append(' ').append(Arrays.hashCode(t.impurity()))
                    .append(' ').append(Arrays.hashCode(t.nodeSamples())).append(' ').append(Arrays.hashCode(t.weightedNodeSamples()))
                    .append(' ').append(Arrays.hashCode(t.missingLeft())).append(' ').append(GoldenFiles.levelSets(t)).append(';');
        }
        return sb.toString();
    }

    static List<String> lines(RandomForestRegressorModel r, RandomForestClassifierModel e, RandomForestClassifierModel b) {
        Matrix x = probe();
        List<String> out = new ArrayList<>();
        out.add(Arrays.toString(r.predict(x)));
        out.add(Arrays.toString(e.predictProba(x).toArray()));
        out.add(Arrays.toString(b.predictProba(x).toArray()));
        out.add(digest(r.trees()));
        out.add(digest(e.trees()));
        out.add(digest(b.trees()));
        out.add(Arrays.toString(r.featureImportances()));
        out.add(Arrays.toString(e.featureImportances()));
        out.add(Arrays.toString(b.featureImportances()));
        return out;
    }

    @Test
    void filesWrittenBeforeTheFlatLayoutLoadAndGiveTheSameTreesAndNumbers() throws IOException {
        if (System.getenv("DERIVE_WRITE_GOLDEN") != null) {
            RandomForestRegressorModel r = regressor();
            RandomForestClassifierModel e = extraBestFirst();
            RandomForestClassifierModel b = balanced();
            GoldenFiles.write(r, "forest-regressor-codec1.derive");
            GoldenFiles.write(e, "forest-extra-bestfirst-codec1.derive");
            GoldenFiles.write(b, "forest-balanced-codec1.derive");
            Files.write(DIR.resolve("forest-codec1.txt"), lines(r, e, b), StandardCharsets.UTF_8);
        }
        List<String> want = Files.readAllLines(DIR.resolve("forest-codec1.txt"), StandardCharsets.UTF_8);
        List<String> loaded = lines(GoldenFiles.read("forest-regressor-codec1.derive", RandomForestRegressorModel.class),
                GoldenFiles.read("forest-extra-bestfirst-codec1.derive", RandomForestClassifierModel.class),
                GoldenFiles.read("forest-balanced-codec1.derive", RandomForestClassifierModel.class));
        List<String> fresh = lines(regressor(), extraBestFirst(), balanced());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), loaded.get(i), "loaded, line " + i);
            assertEquals(want.get(i), fresh.get(i), "fitted, line " + i);
        }
    }
}
