package dev.derive.learn.persist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.Dataset;
import dev.derive.data.io.Npy;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Version;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads models in Derive's model file format: a zip holding {@code manifest.json} first
 * (format version, model kind, codec version, library version, parameters, schema, training report,
 * provenance, the model's scalar state, and for every array its file, dtype, shape, byte size and
 * SHA-256) followed by the arrays as {@code arrays/NAME.npy}, which numpy reads as they are.
 *
 * <p>Loading is safe for files of unknown origin: no Java serialisation; the kind is looked up in the
 * fixed {@link ModelRegistry}; the manifest is read first and limited in size; every array entry must be
 * declared in it, is read up to its declared size only, and must match its checksum, size, dtype and
 * shape before it is used; a file written by a newer format version is refused with a message. Every
 * failure is a {@link ModelFormatException} naming the file and the problem.
 *
 * <pre>{@code
 * Models.save(model, Path.of("forest.derive"));
 * Classifier back = Models.load(Path.of("forest.derive"), Classifier.class);
 * }</pre>
 */
public final class Models {

    /** The format version this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Identifies Derive model files. */
    public static final String FORMAT = "derive-model";

    static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Limits applied while loading.
     *
     * @param maxManifestBytes largest manifest accepted
     * @param maxTotalBytes    largest sum of array bytes accepted
     */
    public record Limits(int maxManifestBytes, long maxTotalBytes) {
        /** 16 MiB of manifest, 8 GiB of arrays. */
        public static final Limits DEFAULT = new Limits(16 << 20, 8L << 30);
    }

    private Models() {
    }

    // ================================================================ saving

    /** Saves {@code model} to {@code path} (written to a temporary file first, then moved into place). */
    public static void save(Model model, Path path) throws IOException {
        save(model, path, Map.of());
    }

    /** Saves {@code model} with evaluation {@code metrics} recorded in its provenance. */
    public static void save(Model model, Path path, Map<String, Double> metrics) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, ".derive-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(model, out, metrics);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code model} as a model file to {@code out} (not closed). */
    public static void write(Model model, OutputStream out, Map<String, Double> metrics) throws IOException {
        ModelCodec<Model> codec = ModelRegistry.codecFor(model);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("format_version", FORMAT_VERSION);
        manifest.put("kind", model.kind());
        manifest.put("codec_version", codec.version());
        manifest.put("library_version", Version.get());
        manifest.put("created", Instant.now().toString());
        manifest.set("params", JSON.valueToTree(model.params().values()));
        manifest.set("schema", schemaJson(model.schema()));
        manifest.set("report", reportJson(model.report()));
        ObjectNode prov = manifest.putObject("provenance");
        prov.put("data_sha256", model.schema().dataSha256());
        prov.put("training_rows", model.schema().trainingRows());
        Object seed = model.params().values().get("seed");
        if (seed instanceof Number n) {
            prov.put("seed", n.longValue());
        }
        ObjectNode m = prov.putObject("metrics");
        metrics.forEach((k, v) -> putDouble(m, k, v));
        ModelState.Writer w = new ModelState.Writer(manifest.putObject("state"));
        codec.write(model, w);

        ObjectNode arrays = manifest.putObject("arrays");
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : w.arrays.entrySet()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Object v = e.getValue();
            int[] shape;
            String dtype;
            if (v instanceof double[] d) {
                Npy.write(bytes, d);
                shape = new int[] {d.length};
                dtype = "<f8";
            } else if (v instanceof int[] iv) {
                Npy.write(bytes, iv);
                shape = new int[] {iv.length};
                dtype = "<i4";
            } else {
                Matrix mat = (Matrix) v;
                Npy.write(bytes, mat);
                shape = new int[] {mat.rows(), mat.cols()};
                dtype = "<f8";
            }
            byte[] b = bytes.toByteArray();
            String file = "arrays/" + e.getKey() + ".npy";
            ObjectNode a = arrays.putObject(e.getKey());
            a.put("file", file);
            a.put("dtype", dtype);
            ArrayNode s = a.putArray("shape");
            for (int d : shape) {
                s.add(d);
            }
            a.put("bytes", b.length);
            a.put("sha256", sha256(b));
            blobs.put(file, b);
        }
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(JSON.writeValueAsBytes(manifest));
        zip.closeEntry();
        for (Map.Entry<String, byte[]> e : blobs.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    private static void putDouble(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.put(key, Double.toString(v));
        }
    }

    private static ObjectNode schemaJson(ModelSchema s) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode f = o.putArray("features");
        for (Dataset.Feature feat : s.features()) {
            ObjectNode fo = f.addObject();
            fo.put("name", feat.name());
            if (feat.isCategorical()) {
                ArrayNode lv = fo.putArray("levels");
                feat.levels().forEach(lv::add);
            }
        }
        o.put("target", s.targetName());
        ArrayNode c = o.putArray("classes");
        s.classes().forEach(c::add);
        return o;
    }

    private static ObjectNode reportJson(TrainingReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("iterations", r.iterations());
        o.put("converged", r.converged());
        o.put("stop_reason", r.stopReason());
        ArrayNode lc = o.putArray("loss_curve");
        for (double v : r.lossCurve()) {
            if (Double.isFinite(v)) {
                lc.add(v);
            } else {
                lc.add(Double.toString(v));
            }
        }
        putDouble(o, "seconds", r.seconds());
        ArrayNode w = o.putArray("warnings");
        r.warnings().forEach(w::add);
        ObjectNode x = o.putObject("extra");
        r.extra().forEach((k, v) -> putDouble(x, k, v));
        if (!r.curves().isEmpty()) {  // written only when present: files without it read as before
            ObjectNode cs = o.putObject("curves");
            r.curves().forEach((k, values) -> {
                ArrayNode a = cs.putArray(k);
                for (double v : values) {
                    if (Double.isFinite(v)) {
                        a.add(v);
                    } else {
                        a.add(Double.toString(v));
                    }
                }
            });
        }
        return o;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ================================================================ loading

    /** Loads a model of any registered kind. */
    public static Model load(Path path) throws IOException {
        return load(path, Model.class);
    }

    /**
     * Loads a model and checks that it is a {@code type} (e.g. {@code Classifier.class}).
     *
     * @throws ModelFormatException if the file is not a loadable model or not of that type
     */
    public static <T extends Model> T load(Path path, Class<T> type) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such model file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, type, path.toString(), Limits.DEFAULT);
        }
    }

    /** Reads a model file from a stream ({@code source} names it in messages). */
    public static <T extends Model> T read(InputStream in, Class<T> type, String source, Limits limits) throws IOException {
        Loaded l = readFile(in, source, limits, true);
        ModelCodec<?> codec = ModelRegistry.codec(l.kind);
        ModelState.Reader reader = new ModelState.Reader(source, l.codecVersion, l.manifest.path("state"), l.arrays,
                params(l.manifest.get("params")), schema(l.manifest.get("schema"), l.manifest.get("provenance"), source),
                report(l.manifest.get("report"), source));
        Model m;
        try {
            m = codec.read(reader);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new ModelFormatException(source + ": the " + l.kind + " model's state is inconsistent: " + e.getMessage(), e);
        }
        if (!type.isInstance(m)) {
            throw new ModelFormatException(source + ": holds a " + l.kind + " model (" + m.getClass().getSimpleName()
                    + "), which is not a " + type.getSimpleName());
        }
        return type.cast(m);
    }

    /** The manifest of a model file (for {@code derive inspect}), after the same integrity checks as loading. */
    public static JsonNode inspect(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readFile(in, path.toString(), Limits.DEFAULT, false).manifest;
        }
    }

    private record Loaded(JsonNode manifest, String kind, int codecVersion, Map<String, Npy.Array> arrays) {
    }

    private static Loaded readFile(InputStream raw, String source, Limits limits, boolean requireKnownKind) throws IOException {
        try {
            TailInputStream tail = new TailInputStream(new BufferedInputStream(raw));
            ZipInputStream zip = new ZipInputStream(tail, StandardCharsets.UTF_8);
            ZipEntry first = zip.getNextEntry();
            if (first == null) {
                throw new ModelFormatException(source + ": not a Derive model file (empty, or not a zip archive)");
            }
            if (!first.getName().equals(MANIFEST)) {
                throw new ModelFormatException(source + ": not a Derive model file (its first entry is '" + first.getName()
                        + "', expected " + MANIFEST + ")");
            }
            byte[] mbytes = readBounded(zip, limits.maxManifestBytes(), source, MANIFEST);
            JsonNode manifest;
            try {
                manifest = JSON.readTree(mbytes);
            } catch (JsonProcessingException e) {
                throw new ModelFormatException(source + ": the manifest is not valid JSON: " + e.getOriginalMessage(), e);
            }
            if (manifest == null || !manifest.isObject() || !FORMAT.equals(manifest.path("format").asText())) {
                throw new ModelFormatException(source + ": not a Derive model file (manifest format is not '" + FORMAT + "')");
            }
            int version = manifest.path("format_version").asInt(-1);
            if (version > FORMAT_VERSION) {
                throw new ModelFormatException(source + ": written in model format version " + version + " by Derive "
                        + manifest.path("library_version").asText("?") + "; this Derive (" + Version.get()
                        + ") reads versions up to " + FORMAT_VERSION + ": upgrade Derive to load it");
            }
            if (version < 1) {
                throw new ModelFormatException(source + ": the manifest has no valid format_version");
            }
            String kind = manifest.path("kind").asText("");
            ModelCodec<?> codec = ModelRegistry.codec(kind);
            if (requireKnownKind && codec == null) {
                throw new ModelFormatException(source + ": model kind '" + kind + "' is not known to this Derive (known kinds: "
                        + String.join(", ", ModelRegistry.kinds()) + ")");
            }
            int codecVersion = manifest.path("codec_version").asInt(-1);
            if (codec != null && codecVersion > codec.version()) {
                throw new ModelFormatException(source + ": the " + kind + " state was written in layout version " + codecVersion
                        + "; this Derive reads up to " + codec.version() + ": upgrade Derive to load it");
            }
            // declared arrays
            Map<String, JsonNode> declared = new HashMap<>();
            Map<String, String> nameOfFile = new HashMap<>();
            long total = 0;
            JsonNode arrays = manifest.path("arrays");
            for (Iterator<Map.Entry<String, JsonNode>> it = arrays.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode a = e.getValue();
                long bytes = a.path("bytes").asLong(-1);
                if (bytes < 0 || !a.path("file").isTextual() || !a.path("sha256").isTextual() || !a.path("shape").isArray()) {
                    throw new ModelFormatException(source + ": array '" + e.getKey() + "' is declared incompletely in the manifest");
                }
                total += bytes;
                if (total > limits.maxTotalBytes()) {
                    throw new ModelFormatException(source + ": the arrays declare more than the limit of " + limits.maxTotalBytes() + " bytes");
                }
                declared.put(a.get("file").asText(), a);
                nameOfFile.put(a.get("file").asText(), e.getKey());
            }
            Map<String, Npy.Array> loaded = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                JsonNode a = declared.get(name);
                if (a == null) {
                    throw new ModelFormatException(source + ": unexpected entry '" + name + "' not declared in the manifest");
                }
                if (!seen.add(name)) {
                    throw new ModelFormatException(source + ": entry '" + name + "' appears twice");
                }
                long bytes = a.get("bytes").asLong();
                byte[] b = readBounded(zip, bytes, source, name);
                if (b.length != bytes) {
                    throw new ModelFormatException(source + ": entry '" + name + "' has " + b.length + " bytes, the manifest declares "
                            + bytes + " (truncated or tampered with)");
                }
                if (!sha256(b).equals(a.get("sha256").asText())) {
                    throw new ModelFormatException(source + ": entry '" + name + "' fails its SHA-256 check (corrupted or tampered with)");
                }
                long elements = 1;
                List<Integer> shape = new ArrayList<>();
                for (JsonNode d : a.get("shape")) {
                    shape.add(d.asInt());
                    elements *= Math.max(0, d.asLong());
                }
                Npy.Array arr = Npy.read(new ByteArrayInputStream(b), elements, source + "!" + name);
                int[] got = arr.shape();
                if (got.length != shape.size()) {
                    throw new ModelFormatException(source + ": entry '" + name + "' has shape " + java.util.Arrays.toString(got)
                            + ", the manifest declares " + shape);
                }
                for (int k = 0; k < got.length; k++) {
                    if (got[k] != shape.get(k)) {
                        throw new ModelFormatException(source + ": entry '" + name + "' has shape " + java.util.Arrays.toString(got)
                                + ", the manifest declares " + shape);
                    }
                }
                loaded.put(nameOfFile.get(name), arr);
            }
            if (seen.size() != declared.size()) {
                Set<String> missing = new HashSet<>(declared.keySet());
                missing.removeAll(seen);
                throw new ModelFormatException(source + ": the file is truncated: entries " + missing + " are missing");
            }
            // the entries are complete and verified; a file cut inside its central directory would still get
            // here, so check that the archive ends with its end-of-central-directory record
            tail.drain();
            if (!tail.endsWithEndOfCentralDirectory()) {
                throw new ModelFormatException(source + ": the file is truncated (its zip directory is incomplete)");
            }
            return new Loaded(manifest, kind, codecVersion, loaded);
        } catch (ZipException | EOFException e) {
            throw new ModelFormatException(source + ": the file is truncated or corrupted (" + e.getMessage() + ")", e);
        }
    }

    /** Reads the current zip entry, failing if it holds more than {@code max} bytes. */
    private static byte[] readBounded(InputStream in, long max, String source, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 1 << 20));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > max) {
                throw new ModelFormatException(source + ": entry '" + entry + "' is larger than its limit of " + max + " bytes");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    private static Object value(JsonNode v) {
        if (v.isArray()) {   // a list-valued parameter (Param.Kind.DOUBLE_LIST)
            List<Object> l = new ArrayList<>();
            v.forEach(x -> l.add(value(x)));
            return l;
        }
        return v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.isIntegralNumber() ? v.longValue()
                : v.isNumber() ? v.doubleValue() : v.asText();
    }

    private static Map<String, Object> params(JsonNode n) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (n != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                p.put(e.getKey(), value(v));
            }
        }
        return p;
    }

    private static ModelSchema schema(JsonNode s, JsonNode prov, String source) throws ModelFormatException {
        if (s == null || !s.path("features").isArray()) {
            throw new ModelFormatException(source + ": the manifest has no schema");
        }
        List<Dataset.Feature> features = new ArrayList<>();
        for (JsonNode f : s.get("features")) {
            if (f.has("levels")) {
                List<String> lv = new ArrayList<>();
                f.get("levels").forEach(x -> lv.add(x.asText()));
                features.add(Dataset.Feature.categorical(f.path("name").asText(), lv));
            } else {
                features.add(Dataset.Feature.numeric(f.path("name").asText()));
            }
        }
        List<String> classes = new ArrayList<>();
        s.path("classes").forEach(x -> classes.add(x.asText()));
        JsonNode target = s.get("target");
        return new ModelSchema(features, target == null || target.isNull() ? null : target.asText(), classes,
                prov == null ? 0 : prov.path("training_rows").asInt(0),
                prov == null || prov.path("data_sha256").isNull() ? null : prov.path("data_sha256").asText(null));
    }

    private static double asDouble(JsonNode v) {
        return v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText("NaN"));
    }

    private static TrainingReport report(JsonNode r, String source) throws ModelFormatException {
        if (r == null || !r.isObject()) {
            throw new ModelFormatException(source + ": the manifest has no training report");
        }
        List<Double> lc = new ArrayList<>();
        r.path("loss_curve").forEach(v -> lc.add(asDouble(v)));
        List<String> warnings = new ArrayList<>();
        r.path("warnings").forEach(v -> warnings.add(v.asText()));
        Map<String, Double> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("extra").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            extra.put(e.getKey(), asDouble(e.getValue()));
        }
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("curves").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Double> c = new ArrayList<>();
            e.getValue().forEach(v -> c.add(asDouble(v)));
            curves.put(e.getKey(), c.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new TrainingReport(Math.max(0, r.path("iterations").asInt(0)), r.path("converged").asBoolean(false),
                r.path("stop_reason").asText(""), lc.stream().mapToDouble(Double::doubleValue).toArray(),
                asDouble(r.path("seconds")), warnings, extra, curves);
    }

    /** Passes bytes through and remembers the last 64 KiB + 22 bytes, where a zip's end record lives. */
    private static final class TailInputStream extends java.io.FilterInputStream {
        private static final int KEEP = 65_535 + 22;
        private final byte[] ring = new byte[KEEP];
        private long count;

        TailInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                ring[(int) (count++ % KEEP)] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            for (int k = 0; k < r; k++) {
                ring[(int) (count++ % KEEP)] = b[off + k];
            }
            return r;
        }

        void drain() throws IOException {
            byte[] buf = new byte[8192];
            while (read(buf, 0, buf.length) > 0) {
                // discard
            }
        }

        private int at(long pos) {
            return ring[(int) (pos % KEEP)] & 0xff;
        }

        /** True if the last bytes hold an end-of-central-directory record whose comment runs to the end. */
        boolean endsWithEndOfCentralDirectory() {
            long first = Math.max(0, count - KEEP);
            for (long p = count - 22; p >= first; p--) {
                if (at(p) == 0x50 && at(p + 1) == 0x4b && at(p + 2) == 0x05 && at(p + 3) == 0x06) {
                    int commentLength = at(p + 20) | at(p + 21) << 8;
                    return p + 22 + commentLength == count;
                }
            }
            return false;
        }
    }
}
