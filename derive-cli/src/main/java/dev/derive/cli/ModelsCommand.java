package dev.derive.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.LearnerProvider;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.Param;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code derive models [NAME]}: every registered learner with its tasks and parameters. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"List the registered learners and their parameters.",
                "For each learner: its name (for --model), the task(s) it learns, a description, and its "
                + "parameters (for --set name=value) with defaults and allowed values."})
final class ModelsCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Show only this learner.")
    String name;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    int run() {
        List<LearnerProvider.Entry> entries = new ArrayList<>();
        if (name != null) {
            try {
                entries.add(LearnerRegistry.entry(name));
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e);
            }
        } else {
            entries.addAll(LearnerRegistry.entries());
        }
        if (json) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (LearnerProvider.Entry e : entries) {
                a.add(toJson(e));
            }
            Json.print(out(), name != null ? a.get(0) : a);
            return ExitCode.OK;
        }
        PrintWriter o = out();
        boolean first = true;
        for (LearnerProvider.Entry e : entries) {
            if (!first) {
                o.println();
            }
            first = false;
            Map<String, Learner<?>> byTask = learners(e);
            o.println(e.name() + "  (" + String.join(", ", byTask.keySet()) + ")  " + e.description());
            List<Map.Entry<String, Learner<?>>> distinct = distinctParamSets(byTask);
            for (Map.Entry<String, Learner<?>> d : distinct) {
                if (distinct.size() > 1) {
                    o.println("  as " + d.getKey() + ":");
                }
                List<String[]> rows = new ArrayList<>();
                for (Param<?> p : d.getValue().params().specs()) {
                    rows.add(new String[] {"  " + p.name(), p.kind().name().toLowerCase(Locale.ROOT),
                            String.valueOf(p.defaultValue()), p.range(), p.description()});
                }
                if (rows.isEmpty()) {
                    o.println("  (no parameters)");
                } else {
                    Text.table(o, new String[] {"  parameter", "type", "default", "allowed", "meaning"}, rows);
                }
            }
        }
        if (name == null) {
            o.println();
            o.println("Set parameters with --set, e.g. derive fit --data iris --model knn --set n_neighbors=7");
        }
        o.flush();
        return ExitCode.OK;
    }

    /** The learner of each task the entry supports, by task name. */
    static Map<String, Learner<?>> learners(LearnerProvider.Entry e) {
        Map<String, Learner<?>> m = new LinkedHashMap<>();
        for (Dataset.Task t : Dataset.Task.values()) {
            if (e.forTask(t) != null) {
                m.put(taskName(t), e.forTask(t).get());
            }
        }
        return m;
    }

    static String taskName(Dataset.Task t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    private static List<Map.Entry<String, Learner<?>>> distinctParamSets(Map<String, Learner<?>> byTask) {
        List<Map.Entry<String, Learner<?>>> out = new ArrayList<>();
        for (Map.Entry<String, Learner<?>> e : byTask.entrySet()) {
            boolean same = false;
            for (Map.Entry<String, Learner<?>> d : out) {
                same |= describe(d.getValue()).equals(describe(e.getValue()));
            }
            if (!same) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<String> describe(Learner<?> l) {
        List<String> s = new ArrayList<>();
        for (Param<?> p : l.params().specs()) {
            s.add(p.toString());
        }
        return s;
    }

    private static ObjectNode toJson(LearnerProvider.Entry e) {
        ObjectNode o = Json.object();
        o.put("name", e.name());
        o.put("description", e.description());
        ArrayNode tasks = o.putArray("tasks");
        ObjectNode params = o.putObject("params");
        for (Map.Entry<String, Learner<?>> t : learners(e).entrySet()) {
            tasks.add(t.getKey());
            ArrayNode ps = params.putArray(t.getKey());
            for (Param<?> p : t.getValue().params().specs()) {
                ObjectNode po = ps.addObject();
                po.put("name", p.name());
                po.put("type", p.kind().name().toLowerCase(Locale.ROOT));
                po.set("default", Json.MAPPER.valueToTree(p.defaultValue()));
                po.put("allowed", p.range());
                if (!p.choices().isEmpty()) {
                    ArrayNode ch = po.putArray("choices");
                    p.choices().forEach(ch::add);
                }
                po.put("description", p.description());
            }
        }
        return o;
    }
}
