package dev.derive.bench.models;

import dev.derive.bench.ProcessMemory;
import dev.derive.data.Dataset;
import dev.derive.data.io.Npy;
import dev.derive.learn.Classifier;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.linalg.Matrix;
import dev.derive.linear.LogisticModel;
import dev.derive.linear.LogisticRegression;
import dev.derive.ensemble.RandomForest;
import dev.derive.runtime.Parallelism;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.ValueVector;

/**
 * One classical-model training run in its own JVM, Derive or Smile, on seeded {@link Synthetic} data
 * that {@code scripts/models_sklearn.py} reads too (written as {@code .npy} under {@code --data}):
 * <ul>
 *   <li>{@code forest}: {@code --rows} x 20 (10 informative), 2 classes, plus 20,000 test rows; a random
 *       forest of {@code --trees} fully grown trees with {@code sqrt(d)} features per split and bootstrap.
 *       Reports training seconds, test accuracy, batch prediction throughput on the test rows, the
 *       retained heap of the fitted forest (heap used after a full GC with the model minus without it) and
 *       the process's peak resident memory.</li>
 *   <li>{@code logistic}: 200,000 x 100 (see {@link Synthetic#logistic}); L2 logistic regression with
 *       scikit-learn's objective {@code sum_i logloss_i + ||w||^2 / (2C)}, C = 1, intercept unpenalised,
 *       by L-BFGS. Reports training seconds and the objective value each library reached.</li>
 * </ul>
 * <pre>
 * java -Xmx12g -cp derive-bench/target/benchmarks.jar dev.derive.bench.models.ModelRun \
 *      --lib derive|smile|prepare --task forest|logistic [--rows 100000] [--trees 100] [--threads 2]
 * </pre>
 */
public final class ModelRun {

    private ModelRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("lib", "derive", "task", "forest", "rows", "100000", "trees", "100",
                "threads", String.valueOf(Runtime.getRuntime().availableProcessors()), "data", "derive-bench/target/models-data"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !a.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + a.keySet());
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        int threads = Integer.parseInt(a.get("threads"));
        Parallelism.setThreads(threads);
        String task = a.get("task");
        int rows = Integer.parseInt(a.get("rows"));
        Path dir = Path.of(a.get("data"), task + "-" + rows);
        Synthetic.Data train;
        Synthetic.Data test;
        if (task.equals("forest")) {
            Synthetic.Data all = Synthetic.clusters(rows + 20_000, 20, 10, 2, 0.5, 11);
            train = Synthetic.head(all, rows);
            test = Synthetic.tail(all, rows);
        } else if (task.equals("logistic")) {
            Synthetic.Data all = Synthetic.logistic(rows + 20_000, 100, 12);
            train = Synthetic.head(all, rows);
            test = Synthetic.tail(all, rows);
        } else {
            throw new IllegalArgumentException("unknown --task " + task + " (forest, logistic)");
        }
        if (a.get("lib").equals("prepare")) {
            Files.createDirectories(dir);
            write(dir.resolve("X_train.npy"), train.x());
            write(dir.resolve("y_train.npy"), train.y());
            write(dir.resolve("X_test.npy"), test.x());
            write(dir.resolve("y_test.npy"), test.y());
            System.out.println("{\"prepared\": \"" + dir + "\"}");
            return;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("lib", a.get("lib"));
        out.put("task", task);
        out.put("rows", rows);
        out.put("threads", threads);
        if (task.equals("forest")) {
            int trees = Integer.parseInt(a.get("trees"));
            out.put("trees", trees);
            forest(a.get("lib"), train, test, trees, out);
        } else {
            logistic(a.get("lib"), train, out);
        }
        out.put("peak_rss_mb", ProcessMemory.peakRssMb());
        StringBuilder sb = new StringBuilder("{");
        for (var e : out.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(e.getKey()).append("\": ");
            Object v = e.getValue();
            sb.append(v instanceof String ? "\"" + v + "\"" : v instanceof Double dv ? String.format(Locale.ROOT, "%.10g", dv) : v);
        }
        System.out.println(sb.append('}'));
    }

    static void forest(String lib, Synthetic.Data train, Synthetic.Data test, int trees, Map<String, Object> out) {
        long before = usedHeapAfterGc();
        double seconds;
        int[] pred;
        double predictSeconds;
        Object model;
        switch (lib) {
            case "derive" -> {
                Dataset ds = Dataset.classification(train.x(), train.y());
                var learner = RandomForest.classifier().with("n_estimators", trees).with("seed", 1L);
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                Classifier m = (Classifier) learner.fit(ds);
                seconds = (System.nanoTime() - t0) / 1e9;
                out.put("train_cpu_seconds", (processCpuNanos() - c0) / 1e9);
                long t1 = System.nanoTime();
                pred = m.predict(test.x());
                predictSeconds = (System.nanoTime() - t1) / 1e9;
                model = m;
            }
            case "smile" -> {
                int d = train.x().cols();
                DataFrame df = frame(train.x()).add(ValueVector.of("y", train.y()));
                DataFrame tf = frame(test.x());
                int mtry = (int) Math.floor(Math.sqrt(d));
                var options = new smile.classification.RandomForest.Options(trees, mtry, smile.model.cart.SplitRule.GINI,
                        Integer.MAX_VALUE, train.x().rows(), 1, 1.0, null, null, null);
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                var m = smile.classification.RandomForest.fit(Formula.lhs("y"), df, options);
                seconds = (System.nanoTime() - t0) / 1e9;
                out.put("train_cpu_seconds", (processCpuNanos() - c0) / 1e9);
                long t1 = System.nanoTime();
                pred = new int[tf.size()];
                for (int i = 0; i < pred.length; i++) {
                    pred[i] = m.predict(tf.get(i));
                }
                predictSeconds = (System.nanoTime() - t1) / 1e9;
                model = m;
            }
            default -> throw new IllegalArgumentException("unknown --lib " + lib + " (derive, smile, prepare)");
        }
        long after = usedHeapAfterGc();
        out.put("train_seconds", seconds);
        out.put("accuracy", ClassificationMetrics.accuracy(test.y(), pred));
        out.put("predict_rows_per_s", test.y().length / predictSeconds);
        out.put("model_mb", (after - before) / 1048576.0);
        if (model.hashCode() == 42) { // keep the model reachable until the heap was measured
            System.out.print("");
        }
    }

    /** CPU time of the whole JVM (all threads, GC and JIT included), in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void logistic(String lib, Synthetic.Data train, Map<String, Object> out) {
        Matrix x = train.x();
        int n = x.rows();
        int d = x.cols();
        double[] w;
        double b;
        double seconds;
        switch (lib) {
            case "derive" -> {
                Dataset ds = Dataset.classification(x, train.y());
                var learner = LogisticRegression.learner().with("c", 1.0).with("tol", 1e-6).with("max_iter", 1000);
                long t0 = System.nanoTime();
                LogisticModel m = (LogisticModel) learner.fit(ds);
                seconds = (System.nanoTime() - t0) / 1e9;
                Matrix coef = m.coefficients();
                w = new double[d];
                for (int j = 0; j < d; j++) {
                    w[j] = coef.rows() == d ? coef.get(j, 0) : coef.get(0, j);
                }
                b = m.intercepts()[0];
                out.put("iterations", m.report().iterations());
            }
            case "smile" -> {
                double[][] rowsArr = new double[n][d];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        rowsArr[i][j] = x.get(i, j);
                    }
                }
                var options = new smile.classification.LogisticRegression.Options(1.0, 1e-6, 1000);
                long t0 = System.nanoTime();
                var m = smile.classification.LogisticRegression.binomial(rowsArr, train.y(), options);
                seconds = (System.nanoTime() - t0) / 1e9;
                double[] c = m.coefficients();
                // Smile keeps the intercept in the coefficient array; find where by matching its own score
                double[] tail = java.util.Arrays.copyOf(c, d);
                double[] head = java.util.Arrays.copyOfRange(c, 1, d + 1);
                double s0 = m.score(rowsArr[0]);
                double etaTail = dot(tail, rowsArr[0]) + c[d];
                double etaHead = dot(head, rowsArr[0]) + c[0];
                double target = Math.log(s0 / (1 - s0));
                boolean last = Math.abs(etaTail - target) <= Math.abs(etaHead - target);
                w = last ? tail : head;
                b = last ? c[d] : c[0];
            }
            default -> throw new IllegalArgumentException("unknown --lib " + lib + " (derive, smile, prepare)");
        }
        double obj = 0;
        for (int i = 0; i < n; i++) {
            double eta = b;
            for (int j = 0; j < d; j++) {
                eta += w[j] * x.get(i, j);
            }
            // log(1 + e^eta) - y eta, computed stably
            obj += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - train.y()[i] * eta;
        }
        obj += dot(w, w) / 2;
        out.put("train_seconds", seconds);
        out.put("objective", obj);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static DataFrame frame(Matrix x) {
        double[][] r = new double[x.rows()][x.cols()];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < x.cols(); j++) {
                r[i][j] = x.get(i, j);
            }
        }
        String[] names = new String[x.cols()];
        for (int j = 0; j < names.length; j++) {
            names[j] = "x" + j;
        }
        return DataFrame.of(r, names);
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return mem.getUsed();
    }

    static void write(Path p, Matrix m) throws java.io.IOException {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            Npy.write(o, m);
        }
    }

    static void write(Path p, int[] v) throws java.io.IOException {
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
            Npy.write(o, v);
        }
    }
}
