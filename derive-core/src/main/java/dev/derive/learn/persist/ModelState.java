package dev.derive.learn.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.io.Npy;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned state of a model as a codec sees it: named scalars and strings (kept in the manifest's
 * {@code state} JSON object) and named arrays (kept as {@code .npy} files in the zip, readable by numpy).
 */
public final class ModelState {

    private ModelState() {
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("state names are lower_snake_case of at most 64 characters, got '" + name + "'");
        }
    }

    /** Collects a model's state for {@link Models#save}. */
    public static final class Writer {
        final ObjectNode state;
        final Map<String, Object> arrays = new LinkedHashMap<>(); // name -> double[] | int[] | Matrix

        Writer(ObjectNode state) {
            this.state = state;
        }

        private void fresh(String key) {
            checkName(key);
            if (state.has(key) || arrays.containsKey(key)) {
                throw new IllegalArgumentException("state entry '" + key + "' written twice");
            }
        }

        public Writer put(String key, double v) {
            fresh(key);
            if (!Double.isFinite(v)) {
                state.put(key, Double.toString(v)); // JSON has no NaN/Inf: stored as text
            } else {
                state.put(key, v);
            }
            return this;
        }

        public Writer put(String key, long v) {
            fresh(key);
            state.put(key, v);
            return this;
        }

        public Writer put(String key, boolean v) {
            fresh(key);
            state.put(key, v);
            return this;
        }

        public Writer put(String key, String v) {
            fresh(key);
            state.put(key, v);
            return this;
        }

        public Writer putStrings(String key, List<String> v) {
            fresh(key);
            ArrayNode a = state.putArray(key);
            v.forEach(a::add);
            return this;
        }

        public Writer putArray(String name, double[] v) {
            fresh(name);
            arrays.put(name, v.clone());
            return this;
        }

        public Writer putArray(String name, int[] v) {
            fresh(name);
            arrays.put(name, v.clone());
            return this;
        }

        public Writer putMatrix(String name, Matrix m) {
            fresh(name);
            arrays.put(name, m.copy());
            return this;
        }
    }

    /** Gives a codec back what its writer stored, with the model's parameters, schema and report. */
    public static final class Reader {
        private final String source;
        private final int version;
        private final JsonNode state;
        private final Map<String, Npy.Array> arrays;
        private final Map<String, Object> params;
        private final ModelSchema schema;
        private final TrainingReport report;

        Reader(String source, int version, JsonNode state, Map<String, Npy.Array> arrays, Map<String, Object> params,
               ModelSchema schema, TrainingReport report) {
            this.source = source;
            this.version = version;
            this.state = state;
            this.arrays = arrays;
            this.params = params;
            this.schema = schema;
            this.report = report;
        }

        /** The codec version that wrote the state. */
        public int version() {
            return version;
        }

        public ModelSchema schema() {
            return schema;
        }

        public TrainingReport report() {
            return report;
        }

        /** The saved parameter values applied (and validated) on top of {@code defaults}. */
        public Params params(Params defaults) throws ModelFormatException {
            try {
                return defaults.withAll(params);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + ": invalid saved parameters: " + e.getMessage(), e);
            }
        }

        private JsonNode node(String key) throws ModelFormatException {
            JsonNode n = state.get(key);
            if (n == null) {
                throw new ModelFormatException(source + ": state entry '" + key + "' is missing");
            }
            return n;
        }

        public double getDouble(String key) throws ModelFormatException {
            JsonNode n = node(key);
            if (n.isNumber()) {
                return n.doubleValue();
            }
            if (n.isTextual()) {
                switch (n.textValue()) {
                    case "NaN" -> {
                        return Double.NaN;
                    }
                    case "Infinity" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-Infinity" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    default -> {
                    }
                }
            }
            throw new ModelFormatException(source + ": state entry '" + key + "' is not a number");
        }

        public long getLong(String key) throws ModelFormatException {
            JsonNode n = node(key);
            if (!n.isIntegralNumber()) {
                throw new ModelFormatException(source + ": state entry '" + key + "' is not an integer");
            }
            return n.longValue();
        }

        public int getInt(String key) throws ModelFormatException {
            long v = getLong(key);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new ModelFormatException(source + ": state entry '" + key + "' = " + v + " does not fit an int");
            }
            return (int) v;
        }

        public boolean getBoolean(String key) throws ModelFormatException {
            JsonNode n = node(key);
            if (!n.isBoolean()) {
                throw new ModelFormatException(source + ": state entry '" + key + "' is not a boolean");
            }
            return n.booleanValue();
        }

        public String getString(String key) throws ModelFormatException {
            JsonNode n = node(key);
            if (!n.isTextual()) {
                throw new ModelFormatException(source + ": state entry '" + key + "' is not a string");
            }
            return n.textValue();
        }

        public List<String> getStrings(String key) throws ModelFormatException {
            JsonNode n = node(key);
            if (!n.isArray()) {
                throw new ModelFormatException(source + ": state entry '" + key + "' is not a list");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode e : n) {
                out.add(e.asText());
            }
            return out;
        }

        private Npy.Array array(String name, int dims) throws ModelFormatException {
            Npy.Array a = arrays.get(name);
            if (a == null) {
                throw new ModelFormatException(source + ": array '" + name + "' is missing");
            }
            if (a.ndim() != dims) {
                throw new ModelFormatException(source + ": array '" + name + "' has " + a.ndim() + " dimensions, expected " + dims);
            }
            return a;
        }

        public double[] doubles(String name) throws ModelFormatException {
            return array(name, 1).toDoubles();
        }

        public int[] ints(String name) throws ModelFormatException {
            try {
                return array(name, 1).toInts();
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source + ": array '" + name + "': " + e.getMessage(), e);
            }
        }

        public Matrix matrix(String name) throws ModelFormatException {
            return array(name, 2).toMatrix();
        }

        /** Checks that {@code actual == expected} for a size the codec relies on. */
        public void expectSize(String what, int actual, int expected) throws ModelFormatException {
            if (actual != expected) {
                throw new ModelFormatException(source + ": " + what + " has size " + actual + ", expected " + expected);
            }
        }
    }

}
