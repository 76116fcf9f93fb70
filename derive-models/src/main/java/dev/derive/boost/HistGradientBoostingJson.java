package dev.derive.boost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.Dataset;
import dev.derive.learn.Model;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A readable JSON form of histogram boosting models (for inspection and exchange), and its import.
 *
 * <pre>
 * {"format": "derive.hist_gbdt", "version": 1, "kind": "hist_gbdt.regressor" | "hist_gbdt.classifier",
 *  "objective": "l2", "params": {...every parameter...},
 *  "features": [{"name": "age"}, {"name": "c", "levels": [...]}], "target": "y", "classes": [...],
 *  "training_rows": 442, "num_outputs": 1, "init_score": [152.13], "validation_curve": [...],
 *  "trees": [{"tree": 0, "round": 0, "output": 0, "num_leaves": 3, "nodes": [
 *     {"node": 0, "feature": 2, "feature_name": "bmi", "threshold": 0.0051, "threshold_bin": 131,
 *      "default_left": true, "gain": 1.2e5, "cover": 442.0, "count": 442, "left": 1, "right": 2},
 *     {"node": 1, "leaf_value": -5.1, "cover": 270.0, "count": 270}, ...]}]}
 * </pre>
 *
 * At a categorical split the node also lists {@code "categories"}: the level codes that go left (every
 * other level and unseen levels go right, missing values follow {@code default_left}; {@code threshold} is
 * then unused).
 * Otherwise a row goes to {@code left} when {@code x[feature] <= threshold} (the real value; {@code "inf"} for the
 * split "all present values left, missing right") and a missing value ({@code NaN}) goes left iff
 * {@code default_left}. Leaf values include the learning rate; the raw score of output {@code c} is
 * {@code init_score[c]} plus the leaf values of the trees with {@code output = c}. {@code cover} is the
 * hessian sum and {@code count} the number of training rows reaching the node. Numbers are written with
 * Java's shortest round-trip decimal form, so an imported model predicts bit-identically. Written and read
 * with Jackson (already a dependency of {@code derive-core}, which uses it for model manifests).
 */
public final class HistGradientBoostingJson {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "derive.hist_gbdt";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HistGradientBoostingJson() {
    }

    static String dump(String kind, Params params, ModelSchema schema, BoostedTrees m, String objective, double[] validationCurve) {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("kind", kind);
        o.put("objective", objective);
        ObjectNode p = o.putObject("params");
        for (Map.Entry<String, Object> e : params.values().entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                p.putNull(e.getKey());
            } else if (v instanceof Integer i) {
                p.put(e.getKey(), i);
            } else if (v instanceof Long l) {
                p.put(e.getKey(), l);
            } else if (v instanceof Double d) {
                p.put(e.getKey(), d);
            } else if (v instanceof Boolean b) {
                p.put(e.getKey(), b);
            } else {
                p.put(e.getKey(), v.toString());
            }
        }
        ArrayNode feats = o.putArray("features");
        for (Dataset.Feature f : schema.features()) {
            ObjectNode fo = feats.addObject();
            fo.put("name", f.name());
            if (f.levels() != null) {
                ArrayNode lv = fo.putArray("levels");
                f.levels().forEach(lv::add);
            }
        }
        o.put("target", schema.targetName());
        ArrayNode classes = o.putArray("classes");
        schema.classes().forEach(classes::add);
        o.put("training_rows", schema.trainingRows());
        o.put("num_outputs", m.outputs());
        ArrayNode init = o.putArray("init_score");
        for (double v : m.init) {
            init.add(v);
        }
        ArrayNode vc = o.putArray("validation_curve");
        for (double v : validationCurve) {
            addNumber(vc, v);
        }
        List<String> names = schema.featureNames();
        ArrayNode trees = o.putArray("trees");
        int outs = m.outputs();
        for (int t = 0; t < m.trees.size(); t++) {
            HistTree tree = m.trees.get(t);
            ObjectNode to = trees.addObject();
            to.put("tree", t);
            to.put("round", t / outs);
            to.put("output", t % outs);
            to.put("num_leaves", tree.leafCount());
            ArrayNode nodes = to.putArray("nodes");
            for (int v = 0; v < tree.nodeCount(); v++) {
                ObjectNode n = nodes.addObject();
                n.put("node", v);
                if (tree.feature[v] >= 0) {
                    n.put("feature", tree.feature[v]);
                    n.put("feature_name", names.get(tree.feature[v]));
                    int[] cats = tree.categories(v);
                    if (cats != null) {
                        ArrayNode ca = n.putArray("categories");
                        for (int c : cats) {
                            ca.add(c);
                        }
                    }
                    if (Double.isInfinite(tree.threshold[v])) {
                        n.put("threshold", tree.threshold[v] > 0 ? "inf" : "-inf");
                    } else {
                        n.put("threshold", tree.threshold[v]);
                    }
                    n.put("threshold_bin", tree.thresholdBin[v]);
                    n.put("default_left", tree.defaultLeft[v]);
                    n.put("gain", tree.gain[v]);
                    n.put("cover", tree.cover[v]);
                    n.put("count", tree.count[v]);
                    n.put("left", tree.left[v]);
                    n.put("right", tree.right[v]);
                } else {
                    n.put("leaf_value", tree.value[v]);
                    n.put("cover", tree.cover[v]);
                    n.put("count", tree.count[v]);
                }
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.add(Double.toString(v));
        }
    }

    /**
     * Reads a model written by {@code dumpJson()}; it predicts exactly as the dumped one.
     *
     * @throws IllegalArgumentException if the text is not such a dump (naming the bad field)
     */
    static Model read(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText())) {
            throw new IllegalArgumentException("not a hist_gbdt JSON dump: field 'format' must be '" + FORMAT + "'");
        }
        if (o.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("unsupported hist_gbdt JSON version " + o.path("version") + " (this reads " + VERSION + ")");
        }
        String kind = text(o, "kind");
        boolean cls;
        if (kind.equals(HistGradientBoosting.CLASSIFIER_KIND)) {
            cls = true;
        } else if (kind.equals(HistGradientBoosting.REGRESSOR_KIND)) {
            cls = false;
        } else {
            throw new IllegalArgumentException("field 'kind' must be " + HistGradientBoosting.CLASSIFIER_KIND + " or "
                    + HistGradientBoosting.REGRESSOR_KIND + ", got '" + kind + "'");
        }
        Params params = (cls ? HistGradientBoosting.classifier() : HistGradientBoosting.regressor()).params();
        var it = field(o, "params").fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode v = e.getValue();
            Object value = v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.isNumber() ? v.numberValue() : v.asText();
            params = params.with(e.getKey(), value);
        }
        List<Dataset.Feature> features = new ArrayList<>();
        for (JsonNode f : field(o, "features")) {
            List<String> levels = null;
            if (f.has("levels")) {
                levels = new ArrayList<>();
                for (JsonNode l : f.get("levels")) {
                    levels.add(l.asText());
                }
            }
            features.add(new Dataset.Feature(text(f, "name"), levels));
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode c : field(o, "classes")) {
            classes.add(c.asText());
        }
        JsonNode target = o.path("target");
        ModelSchema schema = new ModelSchema(features, target.isTextual() ? target.asText() : null, classes,
                o.path("training_rows").asInt(0), null);
        double[] init = doubles(field(o, "init_score"));
        double[] vc = doubles(o.path("validation_curve"));
        String objective = text(o, "objective");
        List<HistTree> trees = new ArrayList<>();
        for (JsonNode t : field(o, "trees")) {
            trees.add(tree(t, trees.size()));
        }
        BoostedTrees model = new BoostedTrees(init, trees, features.size());
        TrainingReport report = new TrainingReport(model.rounds(), true, "imported from JSON", new double[0], 0, List.of(), Map.of());
        if (cls) {
            return new HistGradientBoostingClassifierModel(params, schema, report, model, objective, vc);
        }
        if (!objective.equals(params.getString("objective"))) {
            throw new IllegalArgumentException("objective '" + objective + "' disagrees with the parameter '"
                    + params.getString("objective") + "'");
        }
        return new HistGradientBoostingRegressorModel(params, schema, report, model, objective, vc);
    }

    private static HistTree tree(JsonNode t, int index) {
        JsonNode nodes = field(t, "nodes");
        int m = nodes.size();
        if (m == 0) {
            throw new IllegalArgumentException("tree " + index + " has no nodes");
        }
        int[] feature = new int[m];
        int[] bin = new int[m];
        double[] thr = new double[m];
        boolean[] dl = new boolean[m];
        int[] left = new int[m];
        int[] right = new int[m];
        double[] value = new double[m];
        double[] gain = new double[m];
        double[] cover = new double[m];
        int[] count = new int[m];
        int[][] categories = null;
        for (JsonNode n : nodes) {
            int v = n.path("node").asInt(-1);
            if (v < 0 || v >= m) {
                throw new IllegalArgumentException("tree " + index + ": node index " + n.path("node") + " outside [0, " + m + ")");
            }
            cover[v] = number(n, "cover", index);
            count[v] = n.path("count").asInt(0);
            if (n.has("leaf_value")) {
                feature[v] = -1;
                left[v] = -1;
                right[v] = -1;
                value[v] = number(n, "leaf_value", index);
            } else {
                feature[v] = n.path("feature").asInt(-1);
                if (feature[v] < 0) {
                    throw new IllegalArgumentException("tree " + index + " node " + v + " has neither 'leaf_value' nor a 'feature' >= 0");
                }
                bin[v] = n.path("threshold_bin").asInt(0);
                thr[v] = number(n, "threshold", index);
                dl[v] = n.path("default_left").asBoolean(false);
                gain[v] = n.path("gain").asDouble(0);
                left[v] = n.path("left").asInt(-1);
                right[v] = n.path("right").asInt(-1);
                JsonNode cs = n.get("categories");
                if (cs != null && !cs.isNull()) {
                    if (!cs.isArray()) {
                        throw new IllegalArgumentException("tree " + index + " node " + v + ": 'categories' is not an array");
                    }
                    if (categories == null) {
                        categories = new int[m][];
                    }
                    categories[v] = new int[cs.size()];
                    for (int q = 0; q < cs.size(); q++) {
                        if (!cs.get(q).canConvertToInt()) {
                            throw new IllegalArgumentException("tree " + index + " node " + v + ": category " + cs.get(q)
                                    + " is not an integer level code");
                        }
                        categories[v][q] = cs.get(q).asInt();
                    }
                }
            }
        }
        return new HistTree(feature, bin, thr, dl, left, right, value, gain, cover, count, categories);
    }

    private static double number(JsonNode n, String name, int tree) {
        JsonNode v = n.get(name);
        if (v == null) {
            throw new IllegalArgumentException("tree " + tree + " node " + n.path("node") + " lacks '" + name + "'");
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return switch (v.asText()) {
            case "inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("tree " + tree + " node " + n.path("node") + ": '" + name
                    + "' is not a number: " + v);
        };
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            out[i] = v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
        }
        return out;
    }

    private static JsonNode field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("the hist_gbdt JSON lacks the field '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode o, String name) {
        return field(o, name).asText();
    }
}
