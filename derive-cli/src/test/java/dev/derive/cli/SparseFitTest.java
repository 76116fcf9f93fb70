package dev.derive.cli;

import static dev.derive.cli.CliTest.JSON;
import static dev.derive.cli.CliTest.cell;
import static dev.derive.cli.CliTest.ok;
import static dev.derive.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derive.learn.persist.Models;
import dev.derive.linear.LogisticModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code derive fit --data file.svm}: LibSVM input loads as a sparse data set and fits without densifying. */
class SparseFitTest {

    @TempDir
    Path tmp;

    /** A wide text-like file: 200 rows, 5000 features, ~10 per row; class 1 iff feature 1 or 2 is present. */
    static void write(Path f, int rows, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            java.util.TreeSet<Integer> idx = new java.util.TreeSet<>();
            boolean pos = i % 2 == 0;
            idx.add(pos ? 1 + r.nextInt(2) : 3 + r.nextInt(2));
            while (idx.size() < 10) {
                idx.add(5 + r.nextInt(4995));
            }
            sb.append(pos ? 1 : 0);
            for (int j : idx) {
                sb.append(' ').append(j).append(':').append(1 + r.nextInt(3));
            }
            sb.append('\n');
        }
        if (rows > 0) {
            // make the training width 5000 whatever was drawn
            sb.append("0 5000:1\n");
        }
        Files.writeString(f, sb);
    }

    @Test
    void l1LogisticOnLibSvmIsSparse() throws IOException {
        Path train = tmp.resolve("train.svm");
        Path test = tmp.resolve("test.svm");
        write(train, 200, 1);
        write(test, 60, 2);
        Path model = tmp.resolve("m.derive");
        CliTest.Run r = ok("fit", "--data", train.toString(), "--test", test.toString(), "--task", "classification", "--model",
                "logistic", "--set", "penalty=l1", "--set", "solver=newton_cd", "--set", "c=10", "-o", model.toString(), "--json");
        JsonNode j = JSON.readTree(r.out());
        assertEquals(201, j.get("data").get("rows").asInt());
        assertEquals(5000, j.get("data").get("features").asInt());
        assertEquals(1.0, j.get("metrics").get("test").get("accuracy").asDouble(), 0.0, r::toString);
        LogisticModel m = Models.load(model, LogisticModel.class);
        assertEquals(1.0, m.report().extra().get("sparse"), "fitted on the sparse path");
        assertEquals(5000, m.schema().featureCount());
        assertEquals("f1", m.schema().featureNames().get(0));
        // the model relies on the four informative features only
        assertTrue(m.report().extra().get("nonzero_coefficients") <= 50, m.report().toString());
    }

    @Test
    void lassoAndLinearSvmOnLibSvm() throws IOException {
        Path train = tmp.resolve("train.svmlight");
        write(train, 120, 3);
        CliTest.Run lasso = ok("fit", "--data", train.toString(), "--model", "lasso", "--set", "alpha=0.01");
        assertTrue(lasso.out().contains("(regression)"), lasso::toString);
        assertTrue(Double.parseDouble(cell(lasso.out(), "r2", 0)) > 0.75, lasso::toString);
        CliTest.Run svm = ok("fit", "--data", train.toString(), "--task", "classification", "--model", "linear_svm");
        assertEquals("1.0000", cell(svm.out(), "accuracy", 0), svm::toString);
        CliTest.Run bad = run("fit", "--data", train.toString(), "--model", "lasso", "--drop", "f1");
        assertEquals(ExitCode.USAGE, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--drop"), bad::toString);
    }

    @Test
    void testFileWiderThanTrainingIsAClearDataError() throws IOException {
        Path train = tmp.resolve("a.svm");
        write(train, 50, 4);
        Path test = tmp.resolve("b.svm");
        Files.writeString(test, "1 7000:1\n");
        CliTest.Run r = run("fit", "--data", train.toString(), "--test", test.toString(), "--task", "classification", "--model", "logistic");
        assertEquals(ExitCode.DATA, r.code(), r::toString);
        assertTrue(r.err().contains("7000") && r.err().contains("5000"), r::toString);
    }
}
