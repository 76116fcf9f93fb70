package dev.derive.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derive.learn.persist.Models;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code derive inspect FILE}: the manifest and provenance of a saved model. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show the manifest and provenance of a saved model.",
                "Kind, parameters, features, classes, training report and provenance (data SHA-256, rows, "
                + "seed, metrics recorded when saved). The file's checksums are verified first."})
final class InspectCommand extends BaseCommand {

    @Parameters(paramLabel = "FILE", description = "A model file (.derive).")
    Path file;

    @Option(names = "--json", description = "Print the raw manifest.json.")
    boolean json;

    @Override
    int run() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("no such model file: " + file);
        }
        JsonNode m = Models.inspect(file);
        if (json) {
            Json.print(out(), m);
            return ExitCode.OK;
        }
        PrintWriter o = out();
        JsonNode schema = m.path("schema");
        JsonNode report = m.path("report");
        JsonNode prov = m.path("provenance");
        List<String[]> rows = new ArrayList<>();
        rows.add(row("file", file + " (" + size(Files.size(file)) + ")"));
        rows.add(row("kind", m.path("kind").asText() + " (state layout v" + m.path("codec_version").asText() + ", "
                + m.path("format").asText() + " format v" + m.path("format_version").asText() + ")"));
        rows.add(row("written", "by Derive " + m.path("library_version").asText() + " at " + m.path("created").asText()));
        rows.add(row("parameters", params(m.path("params"))));
        List<String> features = new ArrayList<>();
        for (JsonNode f : schema.path("features")) {
            features.add(f.path("name").asText() + (f.has("levels") ? " (categorical, " + f.get("levels").size() + " levels)" : ""));
        }
        rows.add(row("features", features.size() + ": " + SchemaEncoder.shortList(features)));
        List<String> classes = new ArrayList<>();
        schema.path("classes").forEach(c -> classes.add(c.asText()));
        String target = schema.path("target").isNull() || schema.path("target").isMissingNode() ? "none" : schema.path("target").asText();
        rows.add(row("target", target + (classes.isEmpty() ? "" : " (" + classes.size() + " classes: "
                + SchemaEncoder.shortList(classes) + ")")));
        rows.add(row("training", prov.path("training_rows").asText() + " rows, data SHA-256 "
                + prov.path("data_sha256").asText("unknown") + (prov.has("seed") ? ", seed " + prov.get("seed").asText() : "")));
        int it = report.path("iterations").asInt();
        rows.add(row("report", it + (it == 1 ? " iteration, " : " iterations, ")
                + (report.path("converged").asBoolean() ? "converged" : "did not converge")
                + " (" + report.path("stop_reason").asText() + "), " + Text.seconds(report.path("seconds").asDouble())));
        List<String> warnings = new ArrayList<>();
        report.path("warnings").forEach(w -> warnings.add(w.asText()));
        rows.add(row("warnings", warnings.isEmpty() ? "none" : String.join("; ", warnings)));
        List<String> arrays = new ArrayList<>();
        for (Map.Entry<String, JsonNode> a : m.path("arrays").properties()) {
            List<String> shape = new ArrayList<>();
            a.getValue().path("shape").forEach(d -> shape.add(d.asText()));
            arrays.add(a.getKey() + " " + a.getValue().path("dtype").asText() + " [" + String.join(" x ", shape) + "]");
        }
        rows.add(row("arrays", arrays.isEmpty() ? "none" : String.join(", ", arrays)));
        for (String[] r : rows) {
            o.printf(Locale.ROOT, "%-12s %s%n", r[0], r[1]);
        }
        JsonNode metrics = prov.path("metrics");
        if (metrics.size() > 0) {
            o.println("metrics      (recorded when saved)");
            for (Map.Entry<String, JsonNode> e : metrics.properties()) {
                JsonNode v = e.getValue();
                o.printf(Locale.ROOT, "  %-28s %s%n", e.getKey(), v.isNumber() ? Text.num(v.asDouble()) : v.asText());
            }
        }
        o.flush();
        return ExitCode.OK;
    }

    private static String[] row(String k, String v) {
        return new String[] {k, v};
    }

    private static String params(JsonNode p) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append('=').append(e.getValue().isNull() ? "none" : e.getValue().asText());
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : bytes < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
