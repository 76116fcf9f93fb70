package dev.derive.cli;

import static dev.derive.cli.CliTest.JSON;
import static dev.derive.cli.CliTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derive.data.io.LibSvm;
import dev.derive.linalg.SparseMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code derive fit --data file.svm --cv K} keeps the folds sparse: the training and test parts of each fold are CSR
 * subsets, the learner fits them through its sparse path and the fold's model predicts the CSR test rows. On a
 * 110,000 x 20,000 file (2.2e9 entries, more than a dense matrix can hold) the command only succeeds if nothing
 * densifies; on a small file the fold scores equal those of the same command on a dense CSV copy.
 */
class SparseCvTest {

    @TempDir
    Path tmp;

    @Test
    void threeFoldLassoOnAFileTooLargeToDensify() throws IOException {
        Path big = tmp.resolve("big.svm");
        SparsePredictTest.write(big, SparsePredictTest.BIG, 11, false, true);
        SparseMatrix x = LibSvm.read(big).x();
        assertTrue((long) x.rows() * x.cols() > Integer.MAX_VALUE, "the data cannot be held densely");
        CliTest.Run r = ok("fit", "--data", big.toString(), "--model", "lasso", "--set", "alpha=0.001", "--cv", "3", "--json");
        JsonNode j = JSON.readTree(r.out());
        assertEquals(SparsePredictTest.BIG + 1, j.get("data").get("rows").asInt());
        assertEquals(SparsePredictTest.WIDTH, j.get("data").get("features").asInt());
        assertEquals(3, j.get("cv").get("folds").asInt());
        JsonNode r2 = j.get("metrics").get("cv").get("r2");
        assertEquals(3, r2.get("folds").size());
        for (JsonNode f : r2.get("folds")) {
            // y = 3 x1 - 2 x2 + 1 + noise in [-0.05, 0.05]: the held-out fit is near perfect
            assertTrue(f.asDouble() > 0.99, r::toString);
        }
        // a learner that needs dense features: a data error (exit 3) naming the problem, with and without --cv
        for (String[] extra : new String[][] {{"--cv", "3"}, {}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fit", "--data", big.toString(), "--model", "cart"));
            args.addAll(java.util.List.of(extra));
            CliTest.Run bad = CliTest.run(args.toArray(String[]::new));
            assertEquals(ExitCode.DATA, bad.code(), bad::toString);
            assertTrue(bad.err().contains("too large to densify"), bad::toString);
        }
    }

    /** The rows of a LibSVM file as a dense CSV with columns {@code label, f1 .. fD}. */
    static void writeDenseCopy(Path svm, Path csv) throws IOException {
        LibSvm.Data d = LibSvm.read(svm);
        var x = d.x().toDense();
        StringBuilder sb = new StringBuilder("label");
        for (int c = 0; c < x.cols(); c++) {
            sb.append(",f").append(c + 1);
        }
        sb.append('\n');
        for (int i = 0; i < x.rows(); i++) {
            double y = d.y()[i];
            sb.append(y == Math.rint(y) ? Long.toString((long) y) : Double.toString(y));
            for (int c = 0; c < x.cols(); c++) {
                sb.append(',').append(Double.toString(x.get(i, c)));
            }
            sb.append('\n');
        }
        Files.writeString(csv, sb);
    }

    /** A small file: 90 rows over 40 features, ~6 entries each; class 1 iff x1 > x2, regression y = 2 x1 - x2 + noise. */
    static void writeSmall(Path f, long seed, boolean classification) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            int x1 = 1 + r.nextInt(4);
            int x2 = 1 + r.nextInt(4);
            double noise = r.nextDouble() - 0.5;
            if (classification) {
                sb.append(x1 + 0.8 * noise > x2 ? 1 : 0);
            } else {
                sb.append(2 * x1 - x2 + noise);
            }
            sb.append(" 1:").append(x1).append(" 2:").append(x2);
            java.util.TreeSet<Integer> idx = new java.util.TreeSet<>();
            while (idx.size() < 4) {
                idx.add(3 + r.nextInt(38));
            }
            for (int c : idx) {
                sb.append(' ').append(c).append(':').append(1 + r.nextInt(3));
            }
            sb.append('\n');
        }
        sb.append(classification ? "0" : "0.5").append(" 1:1 2:1 40:1\n");
        Files.writeString(f, sb);
    }

    private void sameFoldScores(boolean classification, String... modelArgs) throws IOException {
        Path svm = tmp.resolve("small.svm");
        Path csv = tmp.resolve("small.csv");
        writeSmall(svm, classification ? 21 : 22, classification);
        writeDenseCopy(svm, csv);
        String task = classification ? "classification" : "regression";
        List<String> common = List.of("--task", task, "--cv", "3", "--seed", "5", "--json");
        List<String> a = new java.util.ArrayList<>(List.of("fit", "--data", svm.toString()));
        a.addAll(List.of(modelArgs));
        a.addAll(common);
        List<String> b = new java.util.ArrayList<>(List.of("fit", "--data", csv.toString(), "--target", "label"));
        b.addAll(List.of(modelArgs));
        b.addAll(common);
        JsonNode sparse = JSON.readTree(ok(a.toArray(String[]::new)).out()).get("metrics").get("cv");
        JsonNode dense = JSON.readTree(ok(b.toArray(String[]::new)).out()).get("metrics").get("cv");
        assertEquals(dense.size(), sparse.size(), () -> sparse + " vs " + dense);
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = dense.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode s = sparse.get(e.getKey());
            JsonNode d = e.getValue().get("folds");
            assertEquals(3, d.size());
            for (int f = 0; f < 3; f++) {
                if (d.get(f).isNull()) {
                    assertTrue(s.get("folds").get(f).isNull(), e.getKey());
                    continue;
                }
                assertEquals(d.get(f).asDouble(), s.get("folds").get(f).asDouble(), 1e-9, e.getKey() + " fold " + (f + 1));
                compared++;
            }
        }
        assertTrue(compared >= 3, sparse::toString);
    }

    @Test
    void logisticFoldScoresEqualTheDenseCopys() throws IOException {
        sameFoldScores(true, "--model", "logistic", "--set", "tol=1e-12");
    }

    @Test
    void lassoFoldScoresEqualTheDenseCopys() throws IOException {
        sameFoldScores(false, "--model", "lasso", "--set", "alpha=0.01", "--set", "tol=1e-12");
    }
}
