package dev.derive.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.Dataset;
import dev.derive.data.Frame;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.persist.Models;
import dev.derive.learn.select.CvResult;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.ProgressContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code derive fit}: trains a learner on a data file or bundled data set, reports train, test and
 * cross-validation metrics suited to the task, and saves the model with those metrics as provenance.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a model, report its metrics and save it.",
                "Reports train metrics, and test and/or cross-validation metrics suited to the task. The "
                + "task follows the target's type: categorical -> classification, numeric -> regression (or "
                + "--task)."})
final class FitCommand extends BaseCommand {

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "FILE|NAME",
            description = "Training data: .csv, .csv.gz, .tsv, .arff, .svm/.libsvm, or a bundled data set (derive datasets).")
    String data;

    @Option(names = {"-t", "--target"}, paramLabel = "COL",
            description = "Target column (default: the data set's default target; for a file, its last column).")
    String target;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "NAME", description = "Learner name (derive models).")
    String model;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE", description = "Set a learner parameter (repeatable).")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--test", paramLabel = "FILE|NAME", description = "Held-out data to report test metrics on.")
    String test;

    @Option(names = "--cv", paramLabel = "K",
            description = "K-fold cross-validation (stratified for classification, shuffled for regression).")
    Integer cv;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seed for the cross-validation folds and for learners with a seed parameter (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--task", paramLabel = "TASK",
            description = "Override the task: classification or regression (e.g. integer class labels).")
    Dataset.Task task;

    @Option(names = "--drop", split = ",", paramLabel = "COL", description = "Columns to leave out of the features (comma-separated).")
    List<String> drop = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Save the trained model (e.g. model.derive).")
    Path outFile;

    @Option(names = "--json", description = "Print one JSON object on stdout (human text goes to stderr).")
    boolean json;

    @Override
    int run() throws Exception {
        if (cv != null && cv < 2) {
            throw CliException.usage("--cv needs K >= 2 folds, got " + cv);
        }
        if (task == Dataset.Task.UNSUPERVISED) {
            throw CliException.usage("--task takes classification or regression");
        }
        if (outFile != null) {
            DataSource.requireWritable(outFile);
        }
        List<String> notes = new ArrayList<>();
        // -------- data and learner
        // LibSVM training files load sparse (never densified); sparse-capable learners fit the CSR matrix
        boolean sparse = DataSource.isLibSvmFile(data);
        DataSource.Loaded loaded;
        String tgt;
        Dataset ds;
        if (sparse) {
            if (!drop.isEmpty()) {
                throw CliException.usage("--drop is not supported for LibSVM input " + data + " (its features are f1 .. fD)");
            }
            if (target != null && !target.equals("label")) {
                throw CliException.usage("LibSVM input " + data + " has one target, 'label'; got --target " + target);
            }
            LibSvmInput.Sparse read = LibSvmInput.readSparse(Path.of(data), 0);
            loaded = new DataSource.Loaded(read.labels(), data, null, "label", true);
            tgt = "label";
            ds = sparseDataset(read, data);
        } else {
            loaded = DataSource.load(data);
            tgt = DataSource.target(loaded, target, null, this::note);
            Frame frame = DataSource.prepare(loaded, tgt, drop, this::warn);
            ds = DataSource.dataset(frame, tgt, task, loaded.label());
        }
        Learner<?> learner = Learners.create(model, ds, loaded.label(), sets, seed);

        // -------- test data, read before training so that a bad file fails fast
        DataSource.Loaded testLoaded = null;
        Frame testFrame = null;
        LibSvmInput.Sparse sparseTest = null;
        if (test != null && sparse && DataSource.isLibSvmFile(test)) {
            try {
                sparseTest = LibSvmInput.readSparse(Path.of(test), ds.featureCount());
            } catch (IllegalArgumentException e) {
                throw CliException.data("the test data " + test + " do not fit the training features f1 .. f"
                        + ds.featureCount() + ": " + e.getMessage());
            }
            testLoaded = new DataSource.Loaded(sparseTest.labels(), test, null, "label", true);
            testFrame = sparseTest.labels();
        } else if (test != null) {
            testLoaded = DataSource.load(test);
            if (!testLoaded.frame().hasColumn(tgt)) {
                throw CliException.data("the test data " + testLoaded.label() + " lack the target column '" + tgt
                        + "'; columns: " + String.join(", ", testLoaded.frame().columnNames()));
            }
            testFrame = DataSource.dropMissingTarget(testLoaded.frame(), tgt, testLoaded.label(), this::warn);
        }

        String dataLine = loaded.label() + ": " + ds.size() + " rows x " + ds.featureCount() + " features, target '" + tgt
                + "' (" + ModelsCommand.taskName(ds.task())
                + (ds.task() == Dataset.Task.CLASSIFICATION ? ", " + ds.numClasses() + " classes" : "") + ")";
        PrintLines human = new PrintLines(json ? err() : out());
        human.println("data      " + dataLine);
        human.println("model     " + learner.name() + "  " + Learners.describe(learner.params().values()));

        // -------- cross-validation
        CvResult cvResult = null;
        if (cv != null) {
            cvResult = CvRunner.run(learner, ds, cv, seed, ProgressBars.create(common.quiet));
        }

        // -------- train
        long t0 = System.nanoTime();
        Model fitted = ProgressContext.call(ProgressBars.create(common.quiet), () -> Learners.fit(learner, ds));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        for (String w : fitted.report().warnings()) {
            warn(w);
        }
        Object truth = ds.task() == Dataset.Task.CLASSIFICATION ? ds.labels() : ds.target();
        Map<String, Double> trainM = (ds.isSparse() ? Scores.evaluate(fitted, ds.sparseFeatures(), truth, notes)
                : Scores.evaluate(fitted, ds.features(), truth, notes)).metrics();

        Map<String, Double> testM = null;
        if (testFrame != null) {
            Object yt = fitted instanceof Classifier c
                    ? SchemaEncoder.labels(testFrame, tgt, c.classes(), testLoaded.label())
                    : SchemaEncoder.values(testFrame, tgt, testLoaded.label());
            if (sparseTest != null) {
                testM = Scores.evaluate(fitted, sparseTest.x(), yt, notes).metrics();
            } else {
                Matrix xt = SchemaEncoder.features(testFrame, fitted.schema(), testLoaded);
                testM = Scores.evaluate(fitted, xt, yt, notes).metrics();
            }
        }
        human.println("trained   in " + Text.seconds(trainSeconds) + " (" + fitted.report().stopReason()
                + (fitted.report().iterations() > 1 ? ", " + fitted.report().iterations() + " iterations" : "") + ")");
        for (Map.Entry<String, double[]> c : fitted.report().curves().entrySet()) {
            human.println(curveLine(c.getKey(), c.getValue()));
        }
        for (String n : notes) {
            note("note: " + n);
        }

        // -------- metrics table
        human.println("");
        List<String> header = new ArrayList<>(List.of("metric", "train"));
        if (cvResult != null) {
            header.add("cv " + cv + "-fold (mean ± std)");
        }
        if (testM != null) {
            header.add("test");
        }
        List<String> names = new ArrayList<>(trainM.keySet());
        if (cvResult != null) {
            for (String n : cvResult.scorerNames()) {
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (String n : names) {
            int cvIndex = cvResult == null ? -1 : cvResult.scorerNames().indexOf(n);
            if (!trainM.containsKey(n) && (cvIndex < 0 || Double.isNaN(cvResult.mean()[cvIndex]))) {
                continue; // a metric no evaluation could compute (probabilities of a margin classifier)
            }
            List<String> r = new ArrayList<>(List.of(n, trainM.containsKey(n) ? Text.num(trainM.get(n)) : "-"));
            if (cvResult != null) {
                int k = cvResult.scorerNames().indexOf(n);
                r.add(k < 0 ? "-" : Text.num(cvResult.mean()[k]) + " ± " + Text.num(cvResult.std()[k]));
            }
            if (testM != null) {
                r.add(testM.containsKey(n) ? Text.num(testM.get(n)) : "-");
            }
            rows.add(r.toArray(new String[0]));
        }
        Text.table(human.writer(), header.toArray(new String[0]), rows);

        // -------- save
        Map<String, Double> provenance = new LinkedHashMap<>();
        trainM.forEach((k, v) -> provenance.put("train." + k, v));
        if (cvResult != null) {
            for (int k = 0; k < cvResult.scorerNames().size(); k++) {
                provenance.put("cv." + cvResult.scorerNames().get(k) + ".mean", cvResult.mean()[k]);
                provenance.put("cv." + cvResult.scorerNames().get(k) + ".std", cvResult.std()[k]);
            }
        }
        if (testM != null) {
            testM.forEach((k, v) -> provenance.put("test." + k, v));
        }
        if (outFile != null) {
            Models.save(fitted, outFile, provenance);
            human.println("");
            human.println("saved     " + outFile);
        }

        if (json) {
            ObjectNode o = Json.object();
            o.put("model", learner.name());
            o.put("kind", fitted.kind());
            o.put("task", ModelsCommand.taskName(ds.task()));
            o.set("params", Json.params(fitted.params().values()));
            ObjectNode d = o.putObject("data");
            d.put("source", loaded.label());
            d.put("rows", ds.size());
            d.put("features", ds.featureCount());
            d.put("target", tgt);
            if (ds.task() == Dataset.Task.CLASSIFICATION) {
                ArrayNode cl = d.putArray("classes");
                ds.classes().forEach(cl::add);
            }
            d.put("sha256", fitted.schema().dataSha256());
            Json.put(o, "train_seconds", trainSeconds);
            ObjectNode m = o.putObject("metrics");
            m.set("train", Json.metrics(trainM));
            if (cvResult != null) {
                m.set("cv", CvRunner.toJson(cvResult));
            }
            if (testM != null) {
                m.set("test", Json.metrics(testM));
            }
            if (cvResult != null) {
                ObjectNode c = o.putObject("cv");
                c.put("folds", cv);
                c.put("stratified", ds.task() == Dataset.Task.CLASSIFICATION);
                c.put("seed", seed);
                Json.put(c, "seconds", cvResult.seconds());
            }
            ObjectNode curves = o.putObject("curves");
            fitted.report().curves().forEach((k, values) -> {
                ArrayNode a = curves.putArray(k);
                for (double v : values) {
                    Json.add(a, v);
                }
            });
            ArrayNode w = o.putArray("warnings");
            fitted.report().warnings().forEach(w::add);
            if (outFile != null) {
                o.put("saved", outFile.toString());
            } else {
                o.putNull("saved");
            }
            Json.print(out(), o);
        }
        return ExitCode.OK;
    }

    /**
     * One line summarising a per-iteration curve of the training report: its first and last values and
     * where its minimum and maximum are (1-based iterations), e.g. for {@code valid_auc} of a booster.
     */
    static String curveLine(String name, double[] c) {
        if (c.length == 0) {
            return "curve     " + name + ": empty";
        }
        int lo = 0;
        int hi = 0;
        for (int i = 1; i < c.length; i++) {
            if (c[i] < c[lo]) {
                lo = i;
            }
            if (c[i] > c[hi]) {
                hi = i;
            }
        }
        return "curve     " + name + ": " + c.length + " iterations, first " + Text.num(c[0]) + ", last "
                + Text.num(c[c.length - 1]) + ", min " + Text.num(c[lo]) + " (iteration " + (lo + 1) + "), max "
                + Text.num(c[hi]) + " (iteration " + (hi + 1) + ")";
    }

    private Dataset sparseDataset(LibSvmInput.Sparse read, String label) {
        try {
            return LibSvmInput.sparse(read, task);
        } catch (IllegalArgumentException e) {
            throw CliException.data(label + ": " + e.getMessage());
        }
    }

    /** Human-readable lines to stdout, or to stderr when stdout carries JSON. */
    private record PrintLines(java.io.PrintWriter writer) {
        void println(String s) {
            writer.println(s);
            writer.flush();
        }
    }
}
