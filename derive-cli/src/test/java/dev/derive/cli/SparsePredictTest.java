package dev.derive.cli;

import static dev.derive.cli.CliTest.JSON;
import static dev.derive.cli.CliTest.ok;
import static dev.derive.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derive.data.io.LibSvm;
import dev.derive.learn.Classifier;
import dev.derive.learn.Regressor;
import dev.derive.learn.metrics.RegressionMetrics;
import dev.derive.learn.persist.Models;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code derive predict} and {@code derive evaluate} on LibSVM files keep the features sparse: the prediction file has
 * 110,000 rows over the model's 20,000 features, 2.2e9 entries, more than a dense matrix can hold (2^31 - 9), so
 * these commands only succeed if nothing densifies. The predictions equal the model's own sparse predictions.
 */
class SparsePredictTest {

    static final int WIDTH = 20_000;
    static final int BIG = 110_000;

    @TempDir
    Path tmp;

    /**
     * {@code rows} rows of about 5 entries: features 1 and 2 informative ({@code y = 3 x1 - 2 x2 + 1} plus noise for
     * regression, class {@code 1} iff {@code x1 > x2} for classification), the others drawn from {@code 3 .. WIDTH}; the
     * last row sets the width to {@code WIDTH} when {@code pinWidth}.
     */
    static void write(Path f, int rows, long seed, boolean classification, boolean pinWidth) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            int x1 = 1 + r.nextInt(3);
            int x2 = 1 + r.nextInt(3);
            double y = classification ? (x1 > x2 ? 1 : 0) : 3 * x1 - 2 * x2 + 1 + 0.1 * (r.nextDouble() - 0.5);
            sb.append(classification ? Integer.toString((int) y) : Double.toString(y));
            sb.append(" 1:").append(x1).append(" 2:").append(x2);
            java.util.TreeSet<Integer> idx = new java.util.TreeSet<>();
            while (idx.size() < 3) {
                idx.add(3 + r.nextInt(WIDTH - 3));
            }
            for (int j : idx) {
                sb.append(' ').append(j).append(':').append(1 + r.nextInt(2));
            }
            sb.append('\n');
        }
        if (pinWidth) {
            sb.append(classification ? "0" : "1.0").append(" 1:1 2:1 ").append(WIDTH).append(":1\n");
        }
        Files.writeString(f, sb);
    }

    static double[] csvColumn(Path csv, int col) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        double[] v = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            v[i - 1] = Double.parseDouble(lines.get(i).split(",")[col]);
        }
        return v;
    }

    @Test
    void regressionPredictAndEvaluateStaySparse() throws IOException {
        Path train = tmp.resolve("train.svm");
        Path big = tmp.resolve("big.svm");
        write(train, 300, 1, false, true);
        write(big, BIG, 2, false, false);
        Path model = tmp.resolve("lasso.derive");
        ok("fit", "--data", train.toString(), "--model", "lasso", "--set", "alpha=0.001", "-o", model.toString());
        Regressor m = Models.load(model, Regressor.class);
        assertEquals(WIDTH, m.schema().featureCount());
        SparseMatrix x = LibSvm.read(big, WIDTH).x();
        assertTrue((long) x.rows() * x.cols() > Integer.MAX_VALUE, "the test matrix cannot be held densely");
        double[] expected = m.predict(x);

        Path out = tmp.resolve("pred.csv");
        ok("predict", "-m", model.toString(), "-d", big.toString(), "-o", out.toString());
        double[] got = csvColumn(out, 0);
        assertEquals(BIG, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "row " + i);
        }

        CliTest.Run ev = ok("evaluate", "-m", model.toString(), "-d", big.toString(), "--json");
        JsonNode j = JSON.readTree(ev.out());
        assertEquals(BIG, j.get("rows").asInt());
        assertEquals("label", j.get("target").asText());
        double[] y = LibSvm.read(big, WIDTH).y();
        assertEquals(RegressionMetrics.r2(y, expected), j.get("metrics").get("r2").asDouble(), 1e-12);
        assertTrue(j.get("metrics").get("r2").asDouble() > 0.99, ev::toString);
    }

    @Test
    void classificationWithProbabilitiesFromTheSparsePath() throws IOException {
        Path train = tmp.resolve("train.svm");
        Path big = tmp.resolve("big.libsvm");
        write(train, 300, 3, true, true);
        write(big, 2_000, 4, true, false);
        Path model = tmp.resolve("logit.derive");
        ok("fit", "--data", train.toString(), "--task", "classification", "--model", "logistic", "-o", model.toString());
        Classifier m = Models.load(model, Classifier.class);
        SparseMatrix x = LibSvm.read(big, WIDTH).x();
        Matrix proba = m.predictProba(x);
        int[] labels = m.predict(x);

        Path out = tmp.resolve("pred.csv");
        ok("predict", "-m", model.toString(), "-d", big.toString(), "--proba", "-o", out.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2_001, lines.size());
        for (int i = 0; i < 2_000; i++) {
            String[] c = lines.get(i + 1).split(",");
            assertEquals(m.classes().get(labels[i]), c[0], "row " + i);
            for (int k = 0; k < m.classes().size(); k++) {
                assertEquals(proba.get(i, k), Double.parseDouble(c[k + 1]), 1e-12, "row " + i + " class " + k);
            }
        }
        CliTest.Run ev = ok("evaluate", "-m", model.toString(), "-d", big.toString(), "--json");
        JsonNode j = JSON.readTree(ev.out());
        assertEquals(2_000, j.get("rows").asInt());
        int correct = 0;
        double[] y = LibSvm.read(big, WIDTH).y();
        for (int i = 0; i < labels.length; i++) {
            correct += m.classes().get(labels[i]).equals(Integer.toString((int) y[i])) ? 1 : 0;
        }
        assertEquals(correct / 2_000.0, j.get("metrics").get("accuracy").asDouble(), 1e-12);
    }

    @Test
    void aFeatureBeyondTheModelIsAClearDataError() throws IOException {
        Path train = tmp.resolve("train.svm");
        write(train, 100, 5, false, true);
        Path model = tmp.resolve("m.derive");
        ok("fit", "--data", train.toString(), "--model", "ridge", "-o", model.toString());
        Path wide = tmp.resolve("wide.svm");
        Files.writeString(wide, "1.0 1:1 " + (WIDTH + 7) + ":1\n");
        for (String cmd : new String[] {"predict", "evaluate"}) {
            CliTest.Run r = run(cmd, "-m", model.toString(), "-d", wide.toString());
            assertEquals(ExitCode.DATA, r.code(), r::toString);
            assertTrue(r.err().contains(Integer.toString(WIDTH + 7)) && r.err().contains("f" + WIDTH), r::toString);
        }
    }
}
