package dev.derive.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.DatasetInfo;
import dev.derive.data.Datasets;
import dev.derive.data.Frame;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code derive datasets [NAME]}: the bundled data sets, or one of them in detail. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        description = {"List the bundled data sets, or show one in detail.",
                "The list gives name, rows x columns, task, default target and licence; one data set in "
                + "detail shows its origin, licence and first rows. Use a name wherever a command takes "
                + "--data."})
final class DatasetsCommand extends BaseCommand {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A data set to show in detail.")
    String name;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    int run() {
        if (name != null) {
            DatasetInfo info = DataSource.bundledInfo(name);
            if (info == null) {
                throw CliException.usage("no bundled data set '" + name + "'; available: " + String.join(", ", Datasets.names()));
            }
            return detail(info);
        }
        if (json) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (String n : Datasets.names()) {
                a.add(toJson(Datasets.info(n)));
            }
            Json.print(out(), a);
            return ExitCode.OK;
        }
        List<String[]> rows = new ArrayList<>();
        for (String n : Datasets.names()) {
            DatasetInfo i = Datasets.info(n);
            rows.add(new String[] {i.name() + (i.aliases().isEmpty() ? "" : " (" + String.join(", ", i.aliases()) + ")"),
                    i.rows() + " x " + i.columns(), i.task(), i.target() == null ? "-" : i.target(), shortLicense(i.license())});
        }
        Text.table(out(), new String[] {"name", "rows x cols", "task", "target", "licence"}, rows);
        out().println();
        out().println("Details: derive datasets NAME. Use a name as --data, e.g. derive fit --data iris --model knn");
        return ExitCode.OK;
    }

    private int detail(DatasetInfo i) {
        Frame f = Datasets.load(i.name());
        if (json) {
            ObjectNode o = toJson(i);
            ArrayNode cols = o.putArray("column_types");
            for (int j = 0; j < f.ncols(); j++) {
                ObjectNode c = cols.addObject();
                c.put("name", f.columnNames().get(j));
                c.put("type", f.types().get(j).label());
            }
            Json.print(out(), o);
            return ExitCode.OK;
        }
        PrintWriter o = out();
        o.println(i.name() + (i.aliases().isEmpty() ? "" : " (also: " + String.join(", ", i.aliases()) + ")"));
        o.println("  " + i.description());
        o.println("  rows x cols  " + i.rows() + " x " + i.columns());
        o.println("  task         " + i.task());
        o.println("  target       " + (i.target() == null ? "none (choose one with --target)" : i.target()));
        if (!i.dropped().isEmpty()) {
            o.println("  left out     " + String.join(", ", i.dropped()) + " (identifiers / free text; not used as features)");
        }
        o.println("  licence      " + i.license());
        o.println("  origin       " + i.origin());
        o.println();
        o.println(f.head(5).toString());
        return ExitCode.OK;
    }

    private static ObjectNode toJson(DatasetInfo i) {
        ObjectNode o = Json.object();
        o.put("name", i.name());
        ArrayNode al = o.putArray("aliases");
        i.aliases().forEach(al::add);
        o.put("rows", i.rows());
        o.put("columns", i.columns());
        o.put("task", i.task());
        o.put("target", i.target());
        o.put("license", i.license());
        o.put("origin", i.origin());
        o.put("description", i.description());
        return o;
    }

    /** The licence's name without the notes: "BSD-3-Clause (scikit-learn; ...)" becomes "BSD-3-Clause". */
    static String shortLicense(String license) {
        int cut = license.length();
        for (String sep : new String[] {" (", ";"}) {
            int k = license.indexOf(sep);
            if (k > 0) {
                cut = Math.min(cut, k);
            }
        }
        return license.substring(0, cut);
    }
}
