package dev.derive.bench.boost;

import dev.derive.data.io.Npy;
import dev.derive.linalg.Matrix;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The two booster benchmark tasks as train/test {@code .npy} files that every runner (Derive, LightGBM,
 * XGBoost in Java; scikit-learn in {@code scripts/boost_sklearn.py}) reads, so that all see the same numbers:
 * <ul>
 *   <li>{@code higgs}: {@link HiggsLike}, 400,000 training and 100,000 test rows, binary (metric: AUC);</li>
 *   <li>{@code flights}: {@code ../shared/datasets/large/vega_flights_3m.csv.gz}, target {@code delay}
 *       (minutes), features month, day of month, day of week, minute of day, distance and the origin and
 *       destination airports as integer codes (IATA codes in sorted order); rows shuffled with seed 42,
 *       the last 20% are the test set (metric: RMSE).</li>
 * </ul>
 * Files: {@code DIR/TASK/{X_train,y_train,X_test,y_test}.npy}, X in Fortran order.
 */
public final class BoostData {

    private BoostData() {
    }

    /** A task's split. */
    public record Split(Matrix xTrain, double[] yTrain, Matrix xTest, double[] yTest) {
    }

    /**
     * Writes the task's files under {@code dir/task} unless they exist (for the generated task: unless they exist
     * and were written by the same generator version, recorded in {@code generator-version}).
     */
    public static Path prepare(String task, Path dir, Path shared) throws IOException {
        Path d = dir.resolve(task);
        Path version = d.resolve("generator-version");
        String want = task.equals("higgs") ? String.valueOf(HiggsLike.VERSION) : null;
        if (Files.exists(d.resolve("y_test.npy"))
                && (want == null || (Files.exists(version) && Files.readString(version).strip().equals(want)))) {
            return d;
        }
        Files.createDirectories(d);
        Split s = switch (task) {
            case "higgs" -> higgs();
            case "flights" -> flights(shared.resolve("large/vega_flights_3m.csv.gz"));
            default -> throw new IllegalArgumentException("unknown task '" + task + "' (higgs, flights)");
        };
        write(d.resolve("X_train.npy"), s.xTrain());
        write(d.resolve("y_train.npy"), s.yTrain());
        write(d.resolve("X_test.npy"), s.xTest());
        write(d.resolve("y_test.npy"), s.yTest());
        if (want != null) {
            Files.writeString(version, want + "\n");
        }
        return d;
    }

    /** Reads what {@link #prepare} wrote. */
    public static Split load(Path d) throws IOException {
        return new Split(readMatrix(d.resolve("X_train.npy")), readVector(d.resolve("y_train.npy")),
                readMatrix(d.resolve("X_test.npy")), readVector(d.resolve("y_test.npy")));
    }

    static Split higgs() {
        HiggsLike.Data train = HiggsLike.generate(400_000, 20261201L);
        HiggsLike.Data test = HiggsLike.generate(100_000, 20261202L);
        return new Split(train.x(), toDouble(train.y()), test.x(), toDouble(test.y()));
    }

    static Split flights(Path csvGz) throws IOException {
        if (!Files.exists(csvGz)) {
            throw new IOException(csvGz + " not found (the flights task needs ../shared/datasets)");
        }
        List<String[]> rows = new ArrayList<>(3_000_000);
        TreeMap<String, Integer> airports = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            String header = r.readLine();
            if (!"date,delay,distance,origin,destination".equals(header)) {
                throw new IOException("unexpected header in " + csvGz + ": " + header);
            }
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                rows.add(f);
                airports.put(f[3], 0);
                airports.put(f[4], 0);
            }
        }
        int code = 0;
        for (var e : airports.entrySet()) {
            e.setValue(code++);
        }
        int n = rows.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int nTrain = n - n / 5;
        Matrix xa = Matrix.zeros(nTrain, 7);
        Matrix xb = Matrix.zeros(n - nTrain, 7);
        double[] ya = new double[nTrain];
        double[] yb = new double[n - nTrain];
        for (int k = 0; k < n; k++) {
            String[] f = rows.get(perm[k]);
            boolean train = k < nTrain;
            Matrix x = train ? xa : xb;
            int i = train ? k : k - nTrain;
            String date = f[0]; // YYYY-MM-DD HH:MM
            LocalDate day = LocalDate.of(Integer.parseInt(date.substring(0, 4)), Integer.parseInt(date.substring(5, 7)),
                    Integer.parseInt(date.substring(8, 10)));
            x.set(i, 0, day.getMonthValue());
            x.set(i, 1, day.getDayOfMonth());
            x.set(i, 2, day.getDayOfWeek().getValue());
            x.set(i, 3, Integer.parseInt(date.substring(11, 13)) * 60 + Integer.parseInt(date.substring(14, 16)));
            x.set(i, 4, Double.parseDouble(f[2]));
            x.set(i, 5, airports.get(f[3]));
            x.set(i, 6, airports.get(f[4]));
            (train ? ya : yb)[i] = Double.parseDouble(f[1]);
        }
        return new Split(xa, ya, xb, yb);
    }

    private static double[] toDouble(int[] y) {
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            d[i] = y[i];
        }
        return d;
    }

    private static void write(Path p, Matrix m) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            Npy.write(out, m);
        }
    }

    private static void write(Path p, double[] v) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            Npy.write(out, v);
        }
    }

    private static Matrix readMatrix(Path p) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
            return Npy.readMatrix(in, Long.MAX_VALUE);
        }
    }

    private static double[] readVector(Path p) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
            return Npy.readDoubles(in, Long.MAX_VALUE);
        }
    }
}
