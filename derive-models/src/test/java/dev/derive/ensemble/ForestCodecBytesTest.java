package dev.derive.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import dev.derive.tree.CategoricalData;
import dev.derive.tree.GoldenFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Saving a forest writes the same bytes as the codec that wrote each tree from a {@link dev.derive.tree.Tree}
 * (before it wrote from the flat layout): every stored array ({@code arrays/*.npy}, byte for byte) and the
 * manifest's {@code state} and {@code arrays} entries (shapes, sizes, SHA-256) of a saved forest equal those of
 * a golden file written by that earlier codec, both for the forest loaded from the golden file and for the
 * same forest fitted afresh. The rest of the manifest (creation time, library version, training seconds) is not
 * compared: it differs from save to save. The golden files: those of {@link ForestGoldenTest} and
 * {@code forest-codec-bytes-*.derive}, written for this test by the earlier codec (regenerate only for a
 * deliberate format change, with {@code DERIVE_WRITE_GOLDEN=1}, run from the module directory).
 */
class ForestCodecBytesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static RandomForestRegressorModel extraRegressor() {
        // categorical splits, missing values, depth-first (nodes in pre-order)
        return RandomForest.extraTreesRegressor().nEstimators(5).seed(8).fit(CategoricalData.regression(150, 12));
    }

    static RandomForestClassifierModel forestOrdinal() {
        // categorical features split as ordinal codes (no level sets), bootstrap counts as node values, OOB score
        return RandomForest.classifier().nEstimators(4).seed(9).with("categorical_splits", "ordinal").with("oob_score", true)
                .fit(CategoricalData.classification(120, 13));
    }

    /** The entries of a saved model: the arrays by name, and "manifest:state" / "manifest:arrays" as JSON text. */
    static Map<String, byte[]> entries(byte[] file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                byte[] b = zip.readAllBytes();
                if (e.getName().equals("manifest.json")) {
                    JsonNode m = JSON.readTree(b);
                    out.put("manifest:state", JSON.writeValueAsBytes(m.get("state")));
                    out.put("manifest:arrays", JSON.writeValueAsBytes(m.get("arrays")));
                } else {
                    out.put(e.getName(), b);
                }
            }
        }
        return out;
    }

    static byte[] save(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of());
        return out.toByteArray();
    }

    static <M extends Model> void assertSameBytes(String golden, Class<M> type, Supplier<M> fit) throws IOException {
        byte[] old = Files.readAllBytes(GoldenFiles.DIR.resolve(golden));
        Map<String, byte[]> want = entries(old);
        assertTrue(want.keySet().stream().anyMatch(k -> k.startsWith("arrays/")), golden + " holds arrays");
        M loaded;
        try (InputStream in = new ByteArrayInputStream(old)) {
            loaded = Models.read(in, type, golden, Models.Limits.DEFAULT);
        }
        Map<String, byte[]> resaved = entries(save(loaded));
        Map<String, byte[]> fresh = entries(save(fit.get()));
        assertEquals(want.keySet(), resaved.keySet(), golden + ": entries of the re-saved file");
        assertEquals(want.keySet(), fresh.keySet(), golden + ": entries of the freshly fitted forest's file");
        for (String k : want.keySet()) {
            assertArrayEquals(want.get(k), resaved.get(k), golden + ": " + k + " of the loaded forest, saved again");
            assertArrayEquals(want.get(k), fresh.get(k), golden + ": " + k + " of the freshly fitted forest");
        }
    }

    @Test
    void savedForestsHoldTheBytesTheTreeByTreeCodecWrote() throws IOException {
        if (System.getenv("DERIVE_WRITE_GOLDEN") != null) {
            GoldenFiles.write(extraRegressor(), "forest-codec-bytes-extra-regressor.derive");
            GoldenFiles.write(forestOrdinal(), "forest-codec-bytes-ordinal-oob.derive");
        }
        assertSameBytes("forest-codec-bytes-extra-regressor.derive", RandomForestRegressorModel.class, ForestCodecBytesTest::extraRegressor);
        assertSameBytes("forest-codec-bytes-ordinal-oob.derive", RandomForestClassifierModel.class, ForestCodecBytesTest::forestOrdinal);
        assertSameBytes("forest-regressor-codec1.derive", RandomForestRegressorModel.class, ForestGoldenTest::regressor);
        assertSameBytes("forest-extra-bestfirst-codec1.derive", RandomForestClassifierModel.class, ForestGoldenTest::extraBestFirst);
        assertSameBytes("forest-balanced-codec1.derive", RandomForestClassifierModel.class, ForestGoldenTest::balanced);
    }
}
