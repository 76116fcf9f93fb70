package dev.derive.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.Frame;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.metrics.ClassificationMetrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code derive evaluate}: metrics of a saved model on labelled data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a saved model on labelled data.",
                "Classifiers: accuracy, balanced accuracy, macro F1, log-loss, ROC-AUC and a confusion "
                + "matrix; regressors: R², RMSE and MAE. Columns are matched by name to the model's features. A LibSVM "
                + "file for a model trained on LibSVM input is read sparse and never densified."})
final class EvaluateCommand extends BaseCommand {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A model saved by derive fit --out.")
    Path modelFile;

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE|NAME", description = "Labelled data.")
    String data;

    @Option(names = {"-t", "--target"}, paramLabel = "COL", description = "Target column (default: the model's target).")
    String target;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    int run() throws Exception {
        Model model = ModelFiles.load(modelFile);
        // LibSVM input for a model trained on LibSVM features stays sparse (CSR) end to end
        boolean sparse = DataSource.isLibSvmFile(data) && LibSvmInput.isLibSvmSchema(model.schema());
        DataSource.Loaded d;
        LibSvmInput.Sparse read = null;
        if (sparse) {
            read = LibSvmInput.readForModel(Path.of(data), model.schema());
            d = new DataSource.Loaded(read.labels(), data, null, "label", true);
        } else {
            d = DataSource.load(data);
        }
        String t = ModelFiles.target(model, d, target);
        Frame f = DataSource.dropMissingTarget(d.frame(), t, d.label(), this::warn); // LibSVM labels are never missing
        Object truth = model instanceof Classifier c ? SchemaEncoder.labels(f, t, c.classes(), d.label())
                : SchemaEncoder.values(f, t, d.label());
        List<String> notes = new ArrayList<>();
        Scores.Evaluated ev = sparse ? Scores.evaluate(model, read.x(), truth, notes)
                : Scores.evaluate(model, SchemaEncoder.features(f, model.schema(), d), truth, notes);
        for (String n : notes) {
            note("note: " + n);
        }
        int[][] cm = model instanceof Classifier c
                ? ClassificationMetrics.confusionMatrix((int[]) truth, ev.labels(), c.classes().size()) : null;
        if (json) {
            ObjectNode o = Json.object();
            o.put("model", model.kind());
            o.put("model_file", modelFile.toString());
            o.put("data", d.label());
            o.put("rows", f.nrows());
            o.put("target", t);
            o.set("metrics", Json.metrics(ev.metrics()));
            if (cm != null) {
                ObjectNode c = o.putObject("confusion_matrix");
                ArrayNode labels = c.putArray("classes");
                ((Classifier) model).classes().forEach(labels::add);
                ArrayNode rows = c.putArray("counts");
                for (int[] r : cm) {
                    ArrayNode a = rows.addArray();
                    for (int v : r) {
                        a.add(v);
                    }
                }
            }
            Json.print(out(), o);
            return ExitCode.OK;
        }
        PrintWriter o = out();
        o.println("model     " + modelFile + " (" + model.kind() + ")");
        o.println("data      " + d.label() + ": " + f.nrows() + " rows, target '" + t + "'");
        o.println();
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, Double> e : ev.metrics().entrySet()) {
            rows.add(new String[] {e.getKey(), Text.num(e.getValue())});
        }
        Text.table(o, new String[] {"metric", "value"}, rows);
        if (cm != null && cm.length <= 20) {
            List<String> classes = ((Classifier) model).classes();
            o.println();
            o.println("confusion matrix (rows: true class, columns: predicted)");
            String[] header = new String[classes.size() + 1];
            header[0] = "";
            for (int k = 0; k < classes.size(); k++) {
                header[k + 1] = classes.get(k);
            }
            List<String[]> cmRows = new ArrayList<>();
            for (int i = 0; i < cm.length; i++) {
                String[] r = new String[classes.size() + 1];
                r[0] = classes.get(i);
                for (int k = 0; k < cm[i].length; k++) {
                    r[k + 1] = Integer.toString(cm[i][k]);
                }
                cmRows.add(r);
            }
            Text.table(o, header, cmRows);
        }
        o.flush();
        return ExitCode.OK;
    }
}
