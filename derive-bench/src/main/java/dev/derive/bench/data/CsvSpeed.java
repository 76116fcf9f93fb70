package dev.derive.bench.data;

import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.io.Csv;
import dev.derive.runtime.Parallelism;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times {@link Csv#read} on the file that {@code tools/csv_speed.py} generates and times with pandas
 * (1,000,000 x 20 standard normal values, ~390 MB), and prints the best of N runs. A plain timer, not a
 * JMH benchmark: one read is long enough (about a second) that JIT warm-up shows only in the first run,
 * which the best-of-N discards.
 *
 * <pre>
 * /usr/bin/python3 tools/csv_speed.py --generate-only
 * ./mvnw -q -B -o -pl derive-core,derive-bench -am package -DskipTests
 * java -cp derive-core/target/classes:derive-bench/target/classes dev.derive.bench.data.CsvSpeed \
 *      [/tmp/derive_csv_speed/numeric_1m_20.csv] [repeats=3]
 * </pre>
 */
public final class CsvSpeed {

    private CsvSpeed() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/derive_csv_speed/numeric_1m_20.csv");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.exists(file)) {
            System.err.println(file + " not found; generate it with: /usr/bin/python3 tools/csv_speed.py --generate-only");
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "Java %s, %d threads, file %s (%.1f MB)%n", Runtime.version(),
                Parallelism.threads(), file, Files.size(file) / 1e6);
        List<Double> times = new ArrayList<>();
        Frame f = null;
        for (int r = 0; r < repeats; r++) {
            System.gc();
            long t0 = System.nanoTime();
            f = Csv.read(file);
            times.add((System.nanoTime() - t0) / 1e9);
        }
        double best = times.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double sum = 0;
        for (int j = 0; j < f.ncols(); j++) {
            NumericColumn c = f.numeric(j);
            for (int i = 0; i < f.nrows(); i++) {
                sum += c.get(i);
            }
        }
        System.out.printf(Locale.ROOT, "Csv.read: best %.3f s of %s; shape %d x %d; sum %.6f%n", best,
                times.stream().map(t -> String.format(Locale.ROOT, "%.3f", t)).toList(), f.nrows(), f.ncols(), sum);
    }
}
