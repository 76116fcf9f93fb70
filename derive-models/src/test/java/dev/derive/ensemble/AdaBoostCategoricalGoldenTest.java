package dev.derive.ensemble;

import dev.derive.tree.CategoricalData;
import dev.derive.tree.GoldenFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.Dataset;
import dev.derive.learn.Model;
import dev.derive.linalg.Matrix;
import dev.derive.tree.CartParams;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden files: {@code golden/adaboost-samme-format1.derive}, {@code golden/adaboost-sammer-format1.derive} and
 * {@code golden/adaboost-r2-format1.derive} were written before AdaBoost's trees split categorical features into
 * level subsets (they split the level codes as numbers), on {@link #classification} / {@link #regression}. They
 * must keep loading, predict the same ({@code golden/adaboost-format1.txt}, to 1e-12) and report
 * {@code categorical_splits = ordinal}, the behaviour they were trained with. Regenerate only for a deliberate
 * format change, with the environment variable {@code DERIVE_WRITE_GOLDEN=1} (run from the module directory).
 */
class AdaBoostCategoricalGoldenTest {

    static final Path DIR = GoldenFiles.DIR;
    static final List<String> COLOURS = CategoricalData.COLOURS;

    /** Feature 0 {@code colour} (6 levels), 1 {@code size} (numeric), 2 {@code shape} (3 levels, ~10% missing). */
    static Matrix x(int n, long seed) {
        return CategoricalData.x(n, seed);
    }

    static List<Dataset.Feature> features() {
        return CategoricalData.features();
    }

    /** Class 1 iff colour in {green, purple, black} (codes 1, 4, 5 — not an interval of codes), flipped for size > 0.8, 5% noise. */
    static Dataset classification(int n, long seed) {
        return CategoricalData.classification(n, seed);
    }

    /** A per-colour effect plus size plus 0.7 for shape star, plus noise. */
    static Dataset regression(int n, long seed) {
        return CategoricalData.regression(n, seed);
    }

    @Test
    void oldFilesStillLoad() throws IOException {
        Dataset cls = classification(150, 5);
        Dataset reg = regression(150, 6);
        Matrix x = x(50, 99);
        if (System.getenv("DERIVE_WRITE_GOLDEN") != null) {
            AdaBoostClassifierModel s = AdaBoost.classifier().nEstimators(8).maxDepth(2).fit(cls);
            AdaBoostClassifierModel sr = AdaBoost.classifier().nEstimators(8).algorithm("samme.r").fit(cls);
            AdaBoostRegressorModel r = AdaBoostR2.regressor().nEstimators(6).seed(3).fit(reg);
            GoldenFiles.write(s, "adaboost-samme-format1.derive");
            GoldenFiles.write(sr, "adaboost-sammer-format1.derive");
            GoldenFiles.write(r, "adaboost-r2-format1.derive");
            Files.writeString(DIR.resolve("adaboost-format1.txt"), Arrays.toString(s.predictProba(x).columnArray(1)) + "\n"
                    + Arrays.toString(sr.predictProba(x).columnArray(1)) + "\n" + Arrays.toString(r.predict(x)) + "\n");
        }
        List<String> lines = Files.readAllLines(DIR.resolve("adaboost-format1.txt"), StandardCharsets.UTF_8);
        AdaBoostClassifierModel s = GoldenFiles.read("adaboost-samme-format1.derive", AdaBoostClassifierModel.class);
        AdaBoostClassifierModel sr = GoldenFiles.read("adaboost-sammer-format1.derive", AdaBoostClassifierModel.class);
        AdaBoostRegressorModel r = GoldenFiles.read("adaboost-r2-format1.derive", AdaBoostRegressorModel.class);
        assertArrayEquals(parse(lines.get(0)), s.predictProba(x).columnArray(1), 1e-12);
        assertArrayEquals(parse(lines.get(1)), sr.predictProba(x).columnArray(1), 1e-12);
        assertArrayEquals(parse(lines.get(2)), r.predict(x), 1e-12);
        for (Model m : List.of(s, sr, r)) {
            assertEquals("ordinal", m.params().getString(CartParams.CATEGORICAL_SPLITS), m.kind());
        }
        // and they are the models that ordinal splitting grows today
        AdaBoostClassifierModel again = AdaBoost.classifier().nEstimators(8).maxDepth(2).categoricalSplits("ordinal").fit(cls);
        assertArrayEquals(s.predictProba(x).columnArray(1), again.predictProba(x).columnArray(1), 0.0);
        AdaBoostRegressorModel againR = AdaBoostR2.regressor().nEstimators(6).seed(3).categoricalSplits("ordinal").fit(reg);
        assertArrayEquals(r.predict(x), againR.predict(x), 0.0);
    }

    static double[] parse(String line) {
        String t = line.trim();
        return Arrays.stream(t.substring(1, t.length() - 1).split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
