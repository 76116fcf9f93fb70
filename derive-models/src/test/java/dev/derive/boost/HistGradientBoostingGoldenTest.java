package dev.derive.boost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden file: {@code golden/hist-gbdt-format1.derive} was written by the histogram booster before native
 * categorical splits existed (5 rounds, 6 leaves on breast cancer); it must keep loading and give the same
 * decision function ({@code golden/hist-gbdt-format1.txt}, the first 40 rows, to 1e-12). Regenerate only
 * for a deliberate format change, with the environment variable {@code DERIVE_WRITE_GOLDEN=1} (run from the module directory).
 */
class HistGradientBoostingGoldenTest {

    static Dataset data() {
        return Datasets.dataset("breast_cancer");
    }

    @Test
    void oldFilesStillLoad() throws IOException {
        Path dir = Path.of("src/test/resources/golden");
        boolean write = System.getenv("DERIVE_WRITE_GOLDEN") != null;
        Dataset d = data();
        double[] x = d.features().toArray();
        int n = d.size();
        if (write) {
            HistGradientBoostingClassifierModel m = HistGradientBoosting.classifier().nEstimators(5).numLeaves(6).fit(d);
            try (OutputStream out = Files.newOutputStream(dir.resolve("hist-gbdt-format1.derive"))) {
                Models.write(m, out, Map.of());
            }
            double[] raw = m.boosted().raw(x, n, 5);
            Files.writeString(dir.resolve("hist-gbdt-format1.txt"), Arrays.toString(Arrays.copyOf(raw, 40)) + "\n");
        }
        HistGradientBoostingClassifierModel m;
        try (InputStream in = Files.newInputStream(dir.resolve("hist-gbdt-format1.derive"))) {
            m = Models.read(in, HistGradientBoostingClassifierModel.class, "hist-gbdt-format1.derive", Models.Limits.DEFAULT);
        }
        String txt;
        txt = Files.readString(dir.resolve("hist-gbdt-format1.txt"), StandardCharsets.UTF_8).trim();
        double[] expected = Arrays.stream(txt.substring(1, txt.length() - 1).split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        double[] raw = m.boosted().raw(x, n, m.boosted().rounds());
        assertArrayEquals(expected, Arrays.copyOf(raw, 40), 1e-12);
    }

    /** Training with the new options at their defaults still gives the trees of the golden file (same scores). */
    @Test
    void defaultsTrainTheSameModelAsBefore() throws IOException {
        Dataset d = data();
        String txt = Files.readString(Path.of("src/test/resources/golden/hist-gbdt-format1.txt"), StandardCharsets.UTF_8).trim();
        double[] expected = Arrays.stream(txt.substring(1, txt.length() - 1).split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        HistGradientBoostingClassifierModel m = HistGradientBoosting.classifier().nEstimators(5).numLeaves(6).fit(d);
        double[] raw = m.boosted().raw(d.features().toArray(), d.size(), 5);
        assertArrayEquals(expected, Arrays.copyOf(raw, 40), 1e-12);
    }
}
