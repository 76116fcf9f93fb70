package dev.derive.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.Dataset;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.Models;
import dev.derive.linear.LinearModel;
import dev.derive.linear.Ridge;
import dev.derive.linalg.Matrix;
import dev.derive.neighbors.KNeighbors;
import dev.derive.neighbors.KNeighborsClassifierModel;
import dev.derive.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model file format: round trips, numpy-readable layout, and refusal of truncated, corrupted,
 * tampered, oversized, newer-version, unknown-kind and wrong-type files; golden files written by earlier
 * versions must keep loading with the same predictions.
 */
class ModelFilesTest {

    static final Fixtures FX = Fixtures.load("first_learners.txt");
    static final ObjectMapper JSON = new ObjectMapper();

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
    }

    static Dataset iris() {
        int[] y = Arrays.stream(FX.vector("iris_y")).mapToInt(d -> (int) d).toArray();
        return Dataset.classification(FX.matrix("iris_X"), y, List.of("setosa", "versicolor", "virginica"));
    }

    static byte[] bytes(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Models.write(m, out, Map.of("cv_r2", 0.5));
        return out.toByteArray();
    }

    static Model read(byte[] b) throws IOException {
        return Models.read(new ByteArrayInputStream(b), Model.class, "test.derive", Models.Limits.DEFAULT);
    }

    /** The entries of a zip, in order. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                m.put(e.getName(), in.readAllBytes());
            }
        }
        return m;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] withManifest(byte[] file, Consumer<ObjectNode> edit) throws IOException {
        Map<String, byte[]> e = entries(file);
        ObjectNode m = (ObjectNode) JSON.readTree(e.get("manifest.json"));
        edit.accept(m);
        e.put("manifest.json", JSON.writeValueAsBytes(m));
        return zip(e);
    }

    @Test
    void roundTripThroughAFileWithProvenance(@TempDir Path dir) throws IOException {
        Dataset d = diabetes();
        LinearModel m = Ridge.learner().alpha(0.3).fit(d);
        Path p = dir.resolve("ridge.derive");
        Models.save(m, p, Map.of("cv_r2", 0.48));
        Regressor back = Models.load(p, Regressor.class);
        assertArrayEquals(m.predict(d.features()), back.predict(d.features()), 0.0);
        JsonNode manifest = Models.inspect(p);
        assertEquals("ridge", manifest.get("kind").asText());
        assertEquals(1, manifest.get("format_version").asInt());
        assertEquals(d.sha256(), manifest.at("/provenance/data_sha256").asText());
        assertEquals(442, manifest.at("/provenance/training_rows").asInt());
        assertEquals(0.48, manifest.at("/provenance/metrics/cv_r2").asDouble());
        assertEquals(0.3, manifest.at("/params/alpha").asDouble());
        assertEquals("arrays/coef.npy", manifest.at("/arrays/coef/file").asText());
        // the array entry is a plain .npy file
        byte[] npy = entries(Files.readAllBytes(p)).get("arrays/coef.npy");
        assertEquals((byte) 0x93, npy[0]);
        assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
    }

    @Test
    void wrongTypeIsRefused(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("ridge.derive");
        Models.save(Ridge.learner().fit(diabetes()), p);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Models.load(p, Classifier.class));
        assertTrue(e.getMessage().contains("ridge") && e.getMessage().contains("not a Classifier"), e.getMessage());
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        byte[] good = bytes(KNeighbors.classifier().fit(iris()));
        for (int cut : new int[] {0, 10, good.length / 3, good.length / 2, good.length - 30}) {
            byte[] bad = Arrays.copyOf(good, cut);
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(bad), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("test.derive:"), e.getMessage());
        }
    }

    @Test
    void corruptedOrTamperedArraysAreRefused() throws IOException {
        byte[] good = bytes(Ridge.learner().fit(diabetes()));
        Map<String, byte[]> e = entries(good);
        byte[] coef = e.get("arrays/coef.npy").clone();
        coef[coef.length - 3] ^= 0x40; // flip a bit in a coefficient
        e.put("arrays/coef.npy", coef);
        ModelFormatException ex = assertThrows(ModelFormatException.class, () -> read(zip(e)));
        assertTrue(ex.getMessage().contains("SHA-256"), ex.getMessage());
        // tampered manifest declaring a different size
        byte[] resized = withManifest(good, m -> ((ObjectNode) m.at("/arrays/coef")).put("bytes", 12));
        ex = assertThrows(ModelFormatException.class, () -> read(resized));
        assertTrue(ex.getMessage().contains("larger than its limit"), ex.getMessage());
        // an undeclared extra entry
        Map<String, byte[]> extra = entries(good);
        extra.put("payload.class", new byte[] {1, 2, 3});
        ex = assertThrows(ModelFormatException.class, () -> read(zip(extra)));
        assertTrue(ex.getMessage().contains("unexpected entry 'payload.class'"), ex.getMessage());
        // a missing array
        Map<String, byte[]> missing = entries(good);
        missing.remove("arrays/coef.npy");
        ex = assertThrows(ModelFormatException.class, () -> read(zip(missing)));
        assertTrue(ex.getMessage().contains("missing"), ex.getMessage());
        // garbage and a zip without a manifest
        ex = assertThrows(ModelFormatException.class, () -> read("hello, not a zip".getBytes(StandardCharsets.UTF_8)));
        assertTrue(ex.getMessage().contains("not a Derive model"), ex.getMessage());
        ex = assertThrows(ModelFormatException.class, () -> read(zip(Map.of("arrays/x.npy", new byte[3]))));
        assertTrue(ex.getMessage().contains("expected manifest.json"), ex.getMessage());
    }

    @Test
    void oversizedFilesAreRefusedBeforeAllocating() throws IOException {
        byte[] good = bytes(KNeighbors.classifier().fit(iris()));
        Models.Limits tiny = new Models.Limits(16 << 20, 1000);
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Models.read(new ByteArrayInputStream(good), Model.class, "big.derive", tiny));
        assertTrue(e.getMessage().contains("limit of 1000 bytes"), e.getMessage());
        Models.Limits tinyManifest = new Models.Limits(100, 1L << 30);
        e = assertThrows(ModelFormatException.class,
                () -> Models.read(new ByteArrayInputStream(good), Model.class, "big.derive", tinyManifest));
        assertTrue(e.getMessage().contains("manifest.json") && e.getMessage().contains("limit"), e.getMessage());
        // a manifest that declares a huge shape for a small array: the npy header disagrees, nothing big is allocated
        byte[] huge = withManifest(good, m -> ((ArrayNode) m.at("/arrays/x/shape")).set(0, 2_000_000_000));
        e = assertThrows(ModelFormatException.class, () -> read(huge));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }

    @Test
    void newerVersionsAndUnknownKindsAreRefusedClearly() throws IOException {
        byte[] good = bytes(Ridge.learner().fit(diabetes()));
        byte[] newer = withManifest(good, m -> m.put("format_version", 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(newer));
        assertTrue(e.getMessage().contains("format version 2") && e.getMessage().contains("upgrade"), e.getMessage());
        byte[] newerCodec = withManifest(good, m -> m.put("codec_version", 9));
        e = assertThrows(ModelFormatException.class, () -> read(newerCodec));
        assertTrue(e.getMessage().contains("layout version 9"), e.getMessage());
        byte[] unknown = withManifest(good, m -> m.put("kind", "java.lang.Runtime"));
        e = assertThrows(ModelFormatException.class, () -> read(unknown));
        assertTrue(e.getMessage().contains("'java.lang.Runtime' is not known") && e.getMessage().contains("ridge"), e.getMessage());
        byte[] badParam = withManifest(good, m -> ((ObjectNode) m.get("params")).put("alpha", -4));
        e = assertThrows(ModelFormatException.class, () -> read(badParam));
        assertTrue(e.getMessage().contains("alpha = -4"), e.getMessage());
    }

    /**
     * Golden files written by Derive 0.1.0 (format 1). Write new ones when a format or codec version
     * changes, never rewrite these to make the test pass: {@code -Dderive.writeGolden=true} writes them
     * into src/test/resources/golden.
     */
    @Test
    void goldenFilesStillLoad() throws IOException {
        Dataset d = diabetes();
        Dataset ir = iris();
        Matrix probeReg = d.features().block(0, 0, 12, d.featureCount()).copy();
        Matrix probeCls = ir.features().block(40, 0, 30, ir.featureCount()).copy();
        if (Boolean.getBoolean("derive.writeGolden")) {
            Path dir = Path.of("src/test/resources/golden");
            LinearModel ridge = Ridge.learner().alpha(0.7).fit(d);
            Models.save(ridge, dir.resolve("ridge-format1.derive"));
            KNeighborsClassifierModel knn = KNeighbors.classifier().neighbors(5).weights("distance").fit(ir);
            Models.save(knn, dir.resolve("knn-classifier-format1.derive"));
            Files.writeString(dir.resolve("expected.txt"), Arrays.toString(ridge.predict(probeReg)) + "\n"
                    + Arrays.toString(knn.predict(probeCls)) + "\n" + Arrays.toString(knn.predictProba(probeCls).toArray()) + "\n");
        }
        String[] expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/expected.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        }
        Regressor ridge = load("/golden/ridge-format1.derive", Regressor.class);
        assertEquals(expected[0], Arrays.toString(ridge.predict(probeReg)));
        Classifier knn = load("/golden/knn-classifier-format1.derive", Classifier.class);
        assertEquals(expected[1], Arrays.toString(knn.predict(probeCls)));
        assertEquals(expected[2], Arrays.toString(knn.predictProba(probeCls).toArray()));
        assertEquals(List.of("setosa", "versicolor", "virginica"), knn.classes());
    }

    private <T extends Model> T load(String resource, Class<T> type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            return Models.read(in, type, resource, Models.Limits.DEFAULT);
        }
    }
}
