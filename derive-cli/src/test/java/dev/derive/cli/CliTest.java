package dev.derive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code derive} commands in-process through {@link Main#execute(PrintWriter, PrintWriter, String...)}
 * and checks their exit codes, stdout and stderr.
 */
class CliTest {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path tmp;

    /** The outcome of one command. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run ok(String... args) {
        Run r = run(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + " failed:\n" + r);
        return r;
    }

    /** The value in the metrics table row {@code metric}, column {@code col} (0 = train). */
    static String cell(String table, String metric, int col) {
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s{3,}");
            if (f[0].equals(metric)) {
                return f[col + 1];
            }
        }
        throw new AssertionError("no row " + metric + " in\n" + table);
    }

    static double cvMean(String table, String metric) {
        return Double.parseDouble(cell(table, metric, 1).split(" ")[0]);
    }

    // ------------------------------------------------------------------ fit

    @Test
    void fitIrisKnnWithFiveFoldCv() {
        Run r = ok("fit", "--data", "iris", "--model", "knn", "--cv", "5");
        assertTrue(r.out().contains("iris (bundled): 150 rows x 4 features, target 'species' (classification, 3 classes)"), r::toString);
        assertTrue(r.out().contains("cv 5-fold"), r::toString);
        double acc = cvMean(r.out(), "accuracy");
        assertTrue(acc > 0.9 && acc <= 1, r::toString);
        double train = Double.parseDouble(cell(r.out(), "accuracy", 0));
        assertTrue(train > 0.93, r::toString);
        for (String m : List.of("balanced_accuracy", "f1_macro", "log_loss", "roc_auc")) {
            cell(r.out(), m, 0);
        }
    }

    @Test
    void fitDiabetesRidgeWithFiveFoldCv() {
        Run r = ok("fit", "--data", "diabetes", "--model", "ridge", "--cv", "5");
        double r2 = cvMean(r.out(), "r2");
        assertTrue(r2 > 0.4 && r2 < 0.6, r::toString);         // scikit-learn's cross-validated R² is about 0.48
        double rmse = cvMean(r.out(), "rmse");
        assertTrue(rmse > 45 && rmse < 65, r::toString);
        cell(r.out(), "mae", 0);
    }

    @Test
    void fitDiabetesLassoWithFiveFoldCv() {
        Run r = ok("fit", "--data", "diabetes", "--model", "lasso", "--cv", "5");
        double r2 = cvMean(r.out(), "r2");
        assertTrue(r2 > 0.4 && r2 < 0.6, r::toString);         // scikit-learn's Lasso(alpha=1): about 0.48
    }

    @Test
    void aMarginClassifierIsScoredWithoutProbabilityMetrics() {
        Run r = ok("fit", "--data", "breast_cancer", "--model", "linear_svm", "--cv", "3", "--set", "max_iter=5000");
        double acc = cvMean(r.out(), "accuracy");
        assertTrue(acc > 0.85 && acc <= 1, r::toString);
        assertFalse(r.out().contains("log_loss") || r.out().contains("nan"), r::toString);
        assertTrue(r.err().contains("gives no class probabilities"), r::toString);
    }

    @Test
    void fitJsonIsOneObjectOnStdoutWithTheKeys() throws IOException {
        for (String[] args : List.of(
                new String[] {"fit", "--data", "iris", "--model", "knn", "--cv", "5", "--json"},
                new String[] {"fit", "--data", "diabetes", "--model", "ridge", "--cv", "5", "--json"})) {
            Run r = ok(args);
            JsonNode j = JSON.readTree(r.out()); // fails on anything after the object
            assertTrue(j.isObject());
            for (String key : List.of("model", "params", "train_seconds", "metrics")) {
                assertTrue(j.has(key), key + " missing in " + r.out());
            }
            assertEquals(args[4], j.get("model").asText());
            assertTrue(j.get("train_seconds").asDouble() >= 0);
            JsonNode cv = j.path("metrics").path("cv");
            String metric = args[2].equals("iris") ? "accuracy" : "r2";
            assertEquals(5, cv.path(metric).path("folds").size(), r::toString);
            double mean = cv.path(metric).path("mean").asDouble();
            double sum = 0;
            for (JsonNode f : cv.path(metric).path("folds")) {
                sum += f.asDouble();
            }
            assertEquals(sum / 5, mean, 1e-12);
            assertTrue(j.path("metrics").path("train").has(metric));
            assertTrue(r.err().contains("metric"), "the human table goes to stderr with --json");
        }
        JsonNode ridge = JSON.readTree(ok("fit", "--data", "diabetes", "--model", "ridge", "--set", "alpha=0.5", "--json").out());
        assertEquals(0.5, ridge.path("params").path("alpha").asDouble());
    }

    @Test
    void boosterCurvesArePrintedAndInTheJson() throws IOException {
        Run r = ok("fit", "--data", "breast_cancer", "--model", "hist_gbdt", "--set", "n_estimators=12",
                "--set", "early_stopping_rounds=50", "--set", "eval_metric=auc", "--json");
        JsonNode curves = JSON.readTree(r.out()).path("curves");
        assertEquals(12, curves.path("train_loss").size(), r::toString);
        assertEquals(12, curves.path("valid_auc").size(), r::toString);
        assertTrue(r.err().contains("curve     valid_auc: 12 iterations, first "), r::toString);
        assertTrue(r.err().contains("curve     train_loss: 12 iterations, first "), r::toString);
        assertEquals(curves.path("train_loss").get(0).asDouble(),
                Double.parseDouble(r.err().split("curve     train_loss: 12 iterations, first ")[1].split(",")[0]),
                1e-3 * curves.path("train_loss").get(0).asDouble());
    }

    @Test
    void aCalibratedLinearSvmIsScoredWithProbabilities() {
        Run r = ok("fit", "--data", "breast_cancer", "--model", "calibrated", "--cv", "3", "--set", "estimator__max_iter=5000");
        double acc = cvMean(r.out(), "accuracy");
        assertTrue(acc > 0.85 && acc <= 1, r::toString);
        double logLoss = cvMean(r.out(), "log_loss");
        assertTrue(logLoss > 0 && logLoss < 0.7, r::toString);
        cell(r.out(), "roc_auc", 0);
        assertFalse(r.err().contains("gives no class probabilities"), r::toString);
    }

    @Test
    void nestedAndListParametersFromTheCommandLine() throws IOException {
        JsonNode bag = JSON.readTree(ok("fit", "--data", "iris", "--model", "bagging", "--set", "estimator__max_depth=3",
                "--set", "n_estimators=4", "--json").out());
        assertEquals(3, bag.path("params").path("estimator__max_depth").asInt(), bag::toString);
        assertEquals(4, bag.path("params").path("n_estimators").asInt(), bag::toString);
        JsonNode rcv = JSON.readTree(ok("fit", "--data", "diabetes", "--model", "ridge_cv", "--set", "alphas=0.1,1,10", "--json").out());
        JsonNode alphas = rcv.path("params").path("alphas");
        assertEquals(3, alphas.size(), rcv::toString);
        assertEquals(10.0, alphas.get(2).asDouble());
        JsonNode enet = JSON.readTree(ok("fit", "--data", "diabetes", "--model", "elastic_net_cv", "--set", "l1_ratio=0.5,1",
                "--set", "n_alphas=10", "--set", "cv=3", "--json").out());
        assertEquals(2, enet.path("params").path("l1_ratio").size(), enet::toString);
        Run bad = run("fit", "--data", "diabetes", "--model", "ridge_cv", "--set", "alphas=0.1,-1");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("parameter alphas = '0.1,-1' is invalid (element 1 = -1.0 is out of range)"), bad::toString);
        Run typo = run("fit", "--data", "iris", "--model", "bagging", "--set", "estimator__max_dept=3");
        assertEquals(2, typo.code(), typo::toString);
        assertTrue(typo.err().contains("did you mean 'estimator__max_depth'"), typo::toString);
    }

    @Test
    void jsonStaysCleanWhenRowsAreLeftOut() throws IOException {
        Path f = tmp.resolve("gaps.csv");
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i).append(',').append(i % 7).append(',').append(i % 5 == 0 ? "NA" : Double.toString(2.0 * i + 1)).append('\n');
        }
        Files.writeString(f, sb);
        Run r = ok("fit", "--data", f.toString(), "--model", "ols", "--json");
        JsonNode j = JSON.readTree(r.out());
        assertEquals(24, j.path("data").path("rows").asInt());
        assertEquals(1.0, j.path("metrics").path("train").path("r2").asDouble(), 1e-12);
        assertTrue(r.err().contains("warning: left out 6 of 30 rows") && r.err().contains("'y' is missing"), r::toString);
        assertTrue(r.err().contains("the last column"), "the default target is announced");
    }

    @Test
    void cvIsDeterministicForASeedAndChangesWithIt() throws IOException {
        JsonNode a = JSON.readTree(ok("fit", "--data", "wine", "--model", "knn", "--cv", "3", "--seed", "7", "--json").out());
        JsonNode b = JSON.readTree(ok("fit", "--data", "wine", "--model", "knn", "--cv", "3", "--seed", "7", "--json").out());
        JsonNode c = JSON.readTree(ok("fit", "--data", "wine", "--model", "knn", "--cv", "3", "--seed", "8", "--json").out());
        JsonNode fa = a.path("metrics").path("cv").path("accuracy").path("folds");
        assertEquals(fa, b.path("metrics").path("cv").path("accuracy").path("folds"));
        assertFalse(fa.equals(c.path("metrics").path("cv").path("accuracy").path("folds")));
    }

    @Test
    void fitWithTestFileAndSaveRecordsMetricsAsProvenance() throws IOException {
        Path train = tmp.resolve("train.csv");
        Path test = tmp.resolve("test.csv");
        List<String> lines = irisCsv();
        // even rows to train, odd rows to test; the test file's columns are in another order
        StringBuilder tr = new StringBuilder(lines.get(0)).append('\n');
        StringBuilder te = new StringBuilder("species,petal_width_cm,petal_length_cm,sepal_width_cm,sepal_length_cm\n");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (i % 2 == 0) {
                tr.append(lines.get(i)).append('\n');
            } else {
                te.append(f[4]).append(',').append(f[3]).append(',').append(f[2]).append(',').append(f[1]).append(',').append(f[0]).append('\n');
            }
        }
        Files.writeString(train, tr);
        Files.writeString(test, te);
        Path model = tmp.resolve("knn.derive");
        Run r = ok("fit", "--data", train.toString(), "--model", "knn", "--test", test.toString(), "--out", model.toString());
        double testAcc = Double.parseDouble(cell(r.out(), "accuracy", 1));
        assertTrue(testAcc > 0.9, r::toString);
        Run insp = ok("inspect", model.toString());
        assertTrue(insp.out().contains("test.accuracy"), insp::toString);
        assertTrue(insp.out().contains("knn.classifier"), insp::toString);
        JsonNode manifest = JSON.readTree(ok("inspect", model.toString(), "--json").out());
        assertEquals(testAcc, manifest.path("provenance").path("metrics").path("test.accuracy").asDouble(), 5e-5);
        assertEquals(75, manifest.path("provenance").path("training_rows").asInt());

        Run ev = ok("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        JsonNode e = JSON.readTree(ev.out());
        assertEquals(testAcc, e.path("metrics").path("accuracy").asDouble(), 5e-5);
        int total = 0;
        for (JsonNode row : e.path("confusion_matrix").path("counts")) {
            for (JsonNode v : row) {
                total += v.asInt();
            }
        }
        assertEquals(75, total);
    }

    static List<String> irisCsv() throws IOException {
        try (var in = dev.derive.data.Datasets.class.getResourceAsStream("datasets/iris.csv")) {
            return List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n"));
        }
    }

    @Test
    void fitReadsLibSvmWithATaskOverride() throws IOException {
        Path f = tmp.resolve("tiny.svm");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            int c = i % 2;
            sb.append(c).append(" 1:").append(c * 3 + (i % 5) * 0.1).append(" 3:").append(i % 3).append('\n');
        }
        Files.writeString(f, sb);
        Run r = ok("fit", "--data", f.toString(), "--task", "classification", "--model", "knn", "--set", "n_neighbors=3");
        assertTrue(r.out().contains("target 'label' (classification, 2 classes)"), r::toString);
        assertEquals("1.0000", cell(r.out(), "accuracy", 0), r::toString);
    }

    // ------------------------------------------------------------------ listings

    @Test
    void datasetsAndModelsList() throws IOException {
        Run d = ok("datasets");
        assertTrue(d.out().contains("iris") && d.out().contains("150 x 5") && d.out().contains("species"), d::toString);
        assertTrue(d.out().contains("diabetes") && d.out().contains("disease_progression"), d::toString);
        assertTrue(ok("datasets", "wine").out().contains("178 x 14"));
        assertEquals(9, JSON.readTree(ok("datasets", "--json").out()).size());

        Run m = ok("models");
        for (String s : List.of("knn", "ols", "ridge", "n_neighbors", "alpha", "[0, inf)", "classification, regression")) {
            assertTrue(m.out().contains(s), s + " missing:\n" + m);
        }
        Run ridge = ok("models", "ridge");
        assertTrue(ridge.out().contains("alpha") && !ridge.out().contains("n_neighbors"), ridge::toString);
        JsonNode j = JSON.readTree(ok("models", "knn", "--json").out());
        assertEquals("knn", j.path("name").asText());
        assertEquals(2, j.path("tasks").size());
    }

    // ------------------------------------------------------------------ errors

    static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("\tat "), () -> "stack trace without --debug:\n" + r);
        assertFalse(r.err().contains("Exception"), () -> "exception class name in a user error:\n" + r);
    }

    @Test
    void userErrorsGiveTheirExitCodeAndAnActionableMessage() throws IOException {
        Run r = run("fit", "--data", "iris", "--model", "knnn");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown model 'knnn'") && r.err().contains("did you mean knn"), r::toString);
        assertNoStackTrace(r);

        r = run("fit", "--data", "iris", "--model", "knn", "--set", "k=3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown parameter 'k'") && r.err().contains("n_neighbors, weights, algorithm, leaf_size"), r::toString);

        r = run("fit", "--data", "iris", "--model", "knn", "--set", "n_neighbors=0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("n_neighbors") && r.err().contains("allowed"), r::toString);

        r = run("fit", "--data", "iris", "--model", "knn", "--target", "colour");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'colour' not found") && r.err().contains("sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species"), r::toString);

        r = run("fit", "--data", "iris", "--model", "ridge");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does regression") && r.err().contains("categorical"), r::toString);

        r = run("fit", "--data", "no_such_file.csv", "--model", "knn");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such file: no_such_file.csv"), r::toString);

        r = run("fit", "--data", "irsi", "--model", "knn");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("did you mean 'iris'"), r::toString);

        r = run("fit", "--data", "iris", "--model", "knn", "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'") && r.err().contains("derive fit --help"), r::toString);

        r = run("fit", "--data", "iris");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--model"), r::toString);

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "a,b,y\n1,2,3\n4,5\n");
        r = run("fit", "--data", bad.toString(), "--model", "ridge");
        assertEquals(3, r.code());
        assertTrue(r.err().contains(bad + ":3:") && r.err().contains("expected 3 fields"), r::toString);
        assertNoStackTrace(r);

        r = run("fit", "--data", "penguins", "--model", "knn");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("missing values") && r.err().contains("bill_length_mm"), r::toString);

        r = run("fit", "--data", "iris", "--model", "knn", "--cv", "60");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--cv 60") && r.err().contains("largest class: 50 rows"), r::toString);
        r = run("fit", "--data", "iris", "--model", "knn", "--cv", "1");
        assertEquals(2, r.code());

        Run debug = run("fit", "--data", bad.toString(), "--model", "ridge", "--debug");
        assertEquals(3, debug.code());
        assertTrue(debug.err().contains("\tat dev.derive."), "--debug prints the stack trace");
    }

    @Test
    void predictAndModelFileErrors() throws IOException {
        Path model = tmp.resolve("m.derive");
        ok("fit", "--data", "iris", "--model", "knn", "--out", model.toString());
        Path partial = tmp.resolve("partial.csv");
        Files.writeString(partial, "sepal_length_cm,petal_length_cm\n5.1,1.4\n");
        Run r = run("predict", "--model", model.toString(), "--data", partial.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("lacks 2 columns") && r.err().contains("sepal_width_cm, petal_width_cm"), r::toString);
        assertNoStackTrace(r);

        r = run("predict", "--model", tmp.resolve("none.derive").toString(), "--data", "iris");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such model file"), r::toString);

        Path corrupt = tmp.resolve("corrupt.derive");
        byte[] b = Files.readAllBytes(model);
        Files.write(corrupt, java.util.Arrays.copyOf(b, b.length / 2));
        r = run("inspect", corrupt.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains(corrupt.toString()), r::toString);
        assertNoStackTrace(r);

        r = run("predict", "--model", tmp.resolve("m.derive").toString(), "--data", "diabetes", "--proba");
        assertEquals(3, r.code(), r::toString); // diabetes lacks the iris columns
        Path ridge = tmp.resolve("r.derive");
        ok("fit", "--data", "diabetes", "--model", "ridge", "--out", ridge.toString());
        r = run("predict", "--model", ridge.toString(), "--data", "diabetes", "--proba");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--proba needs a classifier"), r::toString);
    }

    @Test
    void predictWritesClassNamesAndProbabilitiesMatchingColumnsByName() throws IOException {
        Path model = tmp.resolve("knn.derive");
        ok("fit", "--data", "iris", "--model", "knn", "--out", model.toString());
        Path reordered = tmp.resolve("reordered.csv");
        Files.writeString(reordered, "petal_width_cm,extra,petal_length_cm,sepal_width_cm,sepal_length_cm\n"
                + "0.2,x,1.4,3.5,5.1\n2.3,y,5.9,3.0,6.8\n");
        Run r = ok("predict", "--model", model.toString(), "--data", reordered.toString(), "--proba");
        assertEquals("species,proba_setosa,proba_versicolor,proba_virginica\nsetosa,1,0,0\nvirginica,0,0,1\n", r.out());
    }
}
