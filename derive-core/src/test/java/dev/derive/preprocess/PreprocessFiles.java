package dev.derive.preprocess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.io.Npy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Surgery on model files for tests: rewrites entries and keeps (or breaks) the manifest's checksums. */
final class PreprocessFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PreprocessFiles() {
    }

    static Map<String, byte[]> unzip(byte[] file) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                m.put(e.getName(), z.readAllBytes());
            }
        }
        return m;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** Replaces int32 array {@code name} of a model file, updating its declared size, shape and checksum. */
    static void replaceIntArray(Map<String, byte[]> entries, String name, int[] values) throws Exception {
        ObjectNode manifest = (ObjectNode) JSON.readTree(entries.get("manifest.json"));
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        Npy.write(npy, values);
        byte[] b = npy.toByteArray();
        ObjectNode a = (ObjectNode) manifest.get("arrays").get(name);
        a.put("bytes", b.length);
        a.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
        a.putArray("shape").add(values.length);
        entries.put(a.get("file").asText(), b);
        entries.put("manifest.json", JSON.writeValueAsBytes(manifest));
    }

    /**
     * A pipeline model file whose step {@code step} has one byte of its first array flipped (so that the
     * nested file fails its own SHA-256 check), with the outer file's checksums made consistent again.
     */
    static byte[] tamperNestedStep(byte[] pipelineFile, int step) throws Exception {
        Map<String, byte[]> outer = unzip(pipelineFile);
        int[] sizes = Npy.readInts(new ByteArrayInputStream(outer.get("arrays/step_bytes.npy")), 1000);
        int[] words = Npy.readInts(new ByteArrayInputStream(outer.get("arrays/step_" + step + ".npy")), 1 << 26);
        byte[] nestedFile = new byte[sizes[step]];
        for (int k = 0; k < nestedFile.length; k++) {
            nestedFile[k] = (byte) (words[k >> 2] >>> (8 * (k & 3)));
        }
        Map<String, byte[]> nested = unzip(nestedFile);
        for (Map.Entry<String, byte[]> e : nested.entrySet()) {
            if (e.getKey().startsWith("arrays/")) {
                byte[] v = e.getValue();
                v[v.length - 1] ^= 0x40; // last byte of the last element
                break;
            }
        }
        byte[] tampered = zip(nested);
        int[] packed = new int[(tampered.length + 3) / 4];
        for (int k = 0; k < tampered.length; k++) {
            packed[k >> 2] |= (tampered[k] & 0xff) << (8 * (k & 3));
        }
        sizes[step] = tampered.length;
        replaceIntArray(outer, "step_" + step, packed);
        replaceIntArray(outer, "step_bytes", sizes);
        return zip(outer);
    }
}
