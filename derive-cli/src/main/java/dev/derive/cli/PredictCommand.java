package dev.derive.cli;

import dev.derive.data.CategoricalColumn;
import dev.derive.data.Column;
import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.io.CsvWriter;
import dev.derive.learn.Classifier;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code derive predict}: predictions of a saved model for new data, as CSV. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a saved model; writes CSV.",
                "Columns are matched BY NAME to the model's features; extra columns (such as the target) "
                + "are ignored. A LibSVM file (.svm, .libsvm, .svmlight) for a model trained on LibSVM input is read "
                + "sparse and never densified. The CSV has one column named after the target, holding class names "
                + "(classification) or values (regression); --proba adds one probability column per class."})
final class PredictCommand extends BaseCommand {

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "A model saved by derive fit --out.")
    Path modelFile;

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE|NAME", description = "Data to predict for.")
    String data;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the CSV here (.gz compresses) instead of stdout.")
    Path outFile;

    @Option(names = "--proba", description = "Add class probabilities (proba_<class> columns).")
    boolean proba;

    @Override
    int run() throws Exception {
        if (outFile != null) {
            DataSource.requireWritable(outFile);
        }
        Model model = ModelFiles.load(modelFile);
        if (proba && !(model instanceof Classifier)) {
            throw CliException.usage("--proba needs a classifier; " + modelFile + " holds a " + model.kind() + " model");
        }
        // LibSVM input for a model trained on LibSVM features stays sparse (CSR) end to end
        boolean sparse = DataSource.isLibSvmFile(data) && LibSvmInput.isLibSvmSchema(model.schema());
        String label;
        Matrix x = null;
        SparseMatrix xs = null;
        if (sparse) {
            xs = LibSvmInput.readForModel(Path.of(data), model.schema()).x();
            label = data;
        } else {
            DataSource.Loaded d = DataSource.load(data);
            x = SchemaEncoder.features(d.frame(), model.schema(), d);
            label = d.label();
        }
        String name = model.schema().targetName() == null ? "prediction" : model.schema().targetName();
        List<Column> cols = new ArrayList<>();
        try {
            if (model instanceof Classifier c) {
                cols.add(CategoricalColumn.fromCodes(name, sparse ? c.predict(xs) : c.predict(x), c.classes()));
                if (proba) {
                    if (!c.hasProbabilities()) {
                        throw CliException.usage("--proba: the " + c.kind() + " model gives no class probabilities");
                    }
                    Matrix p = sparse ? c.predictProba(xs) : c.predictProba(x);
                    for (int k = 0; k < c.classes().size(); k++) {
                        cols.add(NumericColumn.wrap("proba_" + c.classes().get(k), p.columnArray(k)));
                    }
                }
            } else if (model instanceof Regressor r) {
                cols.add(NumericColumn.wrap(name, sparse ? r.predict(xs) : r.predict(x)));
            } else {
                throw CliException.usage(modelFile + " holds a " + model.kind() + " model, which does not predict a target");
            }
        } catch (IllegalArgumentException e) {
            throw CliException.data("cannot predict for " + label + ": " + e.getMessage());
        }
        Frame out = Frame.of(cols);
        if (outFile != null) {
            CsvWriter.defaults().write(out, outFile);
            note("wrote " + out.nrows() + " predictions to " + outFile);
        } else {
            Writer w = out();
            CsvWriter.defaults().write(out, w);
        }
        return ExitCode.OK;
    }
}
