package dev.derive.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;

/** JSON output of the CLI (Jackson): pretty-printed, non-finite numbers written as {@code null}. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Puts {@code v}, or null when it is NaN or infinite (JSON has no such numbers). */
    static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    static void add(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    /** An object of the metrics, in order. */
    static ObjectNode metrics(Map<String, Double> m) {
        ObjectNode o = object();
        m.forEach((k, v) -> put(o, k, v));
        return o;
    }

    /** A value of a parameter map (numbers, booleans, strings, null). */
    static ObjectNode params(Map<String, Object> values) {
        return MAPPER.valueToTree(values);
    }

    /** Prints one JSON document and a newline. */
    static void print(PrintWriter out, JsonNode node) {
        try {
            out.println(MAPPER.writeValueAsString(node));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
