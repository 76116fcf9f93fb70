package dev.derive.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.ensemble.RandomForest;
import dev.derive.ensemble.RandomForestClassifierModel;
import dev.derive.linalg.Matrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files: {@code golden/cart-*-format1.derive} and {@code golden/rf-classifier-format1.derive} were
 * written before native categorical splits existed (categorical features split as ordered level codes), on
 * {@link CategoricalData}. They must keep loading, predict the same ({@code golden/cart-format1.txt}, to
 * 1e-12 for probabilities and values) and report {@code categorical_splits = ordinal}, the behaviour they
 * were trained with. Regenerate only for a deliberate format change, with the environment variable
 * {@code DERIVE_WRITE_GOLDEN=1} (run from the module directory).
 */
class CartCategoricalGoldenTest {

    static final Path DIR = GoldenFiles.DIR;

    static Matrix probe() {
        return CategoricalData.x(50, 99);
    }

    @Test
    void oldFilesStillLoad() throws IOException {
        Dataset cls = CategoricalData.classification(120, 5);
        Dataset reg = CategoricalData.regression(120, 6);
        Matrix x = probe();
        if (System.getenv("DERIVE_WRITE_GOLDEN") != null) {
            DecisionTreeClassifierModel c = DecisionTree.classifier().maxDepth(4).fit(cls);
            DecisionTreeRegressorModel r = DecisionTree.regressor().maxDepth(4).fit(reg);
            RandomForestClassifierModel f = RandomForest.classifier().nEstimators(5).maxDepth(4).seed(3).fit(cls);
            GoldenFiles.write(c, "cart-classifier-format1.derive");
            GoldenFiles.write(r, "cart-regressor-format1.derive");
            GoldenFiles.write(f, "rf-classifier-format1.derive");
            Files.writeString(DIR.resolve("cart-format1.txt"), Arrays.toString(c.predictProba(x).columnArray(1)) + "\n"
                    + Arrays.toString(r.predict(x)) + "\n" + Arrays.toString(f.predictProba(x).columnArray(1)) + "\n");
        }
        List<String> lines = Files.readAllLines(DIR.resolve("cart-format1.txt"), StandardCharsets.UTF_8);
        DecisionTreeClassifierModel c = GoldenFiles.read("cart-classifier-format1.derive", DecisionTreeClassifierModel.class);
        DecisionTreeRegressorModel r = GoldenFiles.read("cart-regressor-format1.derive", DecisionTreeRegressorModel.class);
        RandomForestClassifierModel f = GoldenFiles.read("rf-classifier-format1.derive", RandomForestClassifierModel.class);
        assertArrayEquals(parse(lines.get(0)), c.predictProba(x).columnArray(1), 1e-12);
        assertArrayEquals(parse(lines.get(1)), r.predict(x), 1e-12);
        assertArrayEquals(parse(lines.get(2)), f.predictProba(x).columnArray(1), 1e-12);
    }

    static double[] parse(String line) {
        String t = line.trim();
        return Arrays.stream(t.substring(1, t.length() - 1).split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
