package dev.derive.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fit and save in this JVM, then predict in a NEW JVM (same java, same class path): the predictions
 * must be identical, byte for byte, to those made in this process.
 */
class RoundTripProcessTest {

    @TempDir
    Path tmp;

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code derive args} in a new JVM and returns its exit code; output goes to files in tmp. */
    int runInNewJvm(Path stdout, Path stderr, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the child JVM did not finish in 120 s");
        }
        return p.exitValue();
    }

    @Test
    void predictionsFromANewProcessAreIdentical() throws Exception {
        String[][] cases = {
            {"iris", "knn", "--proba"},
            {"diabetes", "ridge", null},
            {"wine", "knn", "--proba"},
        };
        List<String> childArgs = new ArrayList<>();
        List<Path[]> outputs = new ArrayList<>();
        for (String[] c : cases) {
            Path model = tmp.resolve(c[0] + "-" + c[1] + ".derive");
            CliTest.ok("fit", "--data", c[0], "--model", c[1], "--out", model.toString(),
                    "--set", c[1].equals("knn") ? "weights=distance" : "alpha=0.01");
            Path here = tmp.resolve(c[0] + "-here.csv");
            List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), "--data", c[0], "--out", here.toString()));
            if (c[2] != null) {
                args.add(c[2]);
            }
            CliTest.ok(args.toArray(new String[0]));
            outputs.add(new Path[] {here, tmp.resolve(c[0] + "-there.csv")});
            childArgs.add(String.join("\u0000", args).replace(here.toString(), outputs.get(outputs.size() - 1)[1].toString()));
        }
        // one child JVM per case keeps the check honest; they are small
        for (int k = 0; k < cases.length; k++) {
            Path out = tmp.resolve("child-" + k + ".out");
            Path err = tmp.resolve("child-" + k + ".err");
            int code = runInNewJvm(out, err, childArgs.get(k).split("\u0000"));
            assertEquals(0, code, () -> "child failed: " + read(err));
            byte[] here = Files.readAllBytes(outputs.get(k)[0]);
            byte[] there = Files.readAllBytes(outputs.get(k)[1]);
            assertTrue(here.length > 100);
            assertEquals(new String(here), new String(there), "predictions of " + cases[k][0] + " differ between processes");
        }
        // the CSV holds round-trip decimals: parse them back and compare the doubles too
        List<String> lines = Files.readAllLines(outputs.get(1)[1]);
        assertEquals("disease_progression", lines.get(0));
        assertEquals(443, lines.size());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
