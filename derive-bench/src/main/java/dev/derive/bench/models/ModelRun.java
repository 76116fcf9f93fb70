package dev.derive.bench.models;

import dev.derive.bench.ProcessMemory;
import dev.derive.bench.RunnerOptions;
import dev.derive.data.Dataset;
import dev.derive.data.io.Npy;
import dev.derive.learn.Classifier;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.linalg.Matrix;
import dev.derive.linear.ElasticNetPath;
import dev.derive.linear.LinearModel;
import dev.derive.linear.LogisticModel;
import dev.derive.linear.LogisticRegression;
import dev.derive.linear.RidgeCV;
import dev.derive.ensemble.RandomForest;
import dev.derive.runtime.Parallelism;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *       process CPU seconds of that first prediction call (all threads, JIT compilation included), the
 *       retained heap of the fitted forest (heap used after a full GC with the model minus without it) and
 *       the process's peak resident memory.</li>
 *   <li>{@code extra_trees}: the {@code forest} task's data (and its {@code forest-ROWS} data directory) with extremely
 *       randomised trees ({@code RandomForest.extraTreesClassifier()}: fully grown trees, {@code sqrt(d)} features per
 *       split, one uniform random threshold per feature, no bootstrap; scikit-learn's {@code ExtraTreesClassifier}
 *       defaults); the same measurements. Derive only: Smile has no extremely randomised trees (its forests search
 *       the best threshold of each feature).</li>
 *   <li>{@code logistic}: 200,000 x 100 (see {@link Synthetic#logistic}); L2 logistic regression with
 *       scikit-learn's objective {@code sum_i logloss_i + ||w||^2 / (2C)}, C = 1, intercept unpenalised,
 *       by L-BFGS. Reports training seconds (best warm fit, timed to {@code --target}, the objective scikit-learn
 *       reached, when given), the cold fit, process CPU time and the objective value each library reached.
 *       {@code --cold-max-iter K} (Derive): the cold fit stops after {@code K} iterations instead of at
 *       {@code tol = 1e-6} (give the warm fits' iteration count to time the first fit to the peer's objective);
 *       {@code cold_cpu_seconds} is the cold fit's process CPU time (JIT compiler threads included),
 *       {@code cold_thread_cpu_seconds} the fitting thread's alone (Derive).</li>
 *   <li>{@code lasso_path}: {@code --rows} x 500, the lasso path over 100 alphas; {@code ridge_cv}: {@code --rows}
 *       x 200, RidgeCV over 50 alphas ({@code --mode} sets {@code gcv_mode}); Derive only, see
 *       {@link #regressionTask}.</li>
 * </ul>
 * <pre>
 * java -Xmx12g -cp derive-bench/target/benchmarks.jar dev.derive.bench.models.ModelRun \
 *      --lib derive|smile|prepare --task forest|extra_trees|logistic|lasso_path|ridge_cv [--rows 100000] [--trees 100] [--threads 2]
 *      [--target OBJECTIVE] [--repeats 3] [--mode auto|svd|eigen|covariance] [--cold-max-iter K]
 * </pre>
 */
public final class ModelRun {

    private ModelRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = RunnerOptions.parse(args, Map.of("lib", "derive", "task", "forest", "rows", "100000", "trees", "100",
                "threads", String.valueOf(Runtime.getRuntime().availableProcessors()), "data", "derive-bench/target/models-data",
                "target", "", "repeats", "3", "mode", "auto", "cold-max-iter", ""));
        int threads = Integer.parseInt(a.get("threads"));
        Parallelism.setThreads(threads);
        String task = a.get("task");
        int rows = Integer.parseInt(a.get("rows"));
        Path dir = Path.of(a.get("data"), task + "-" + rows);
        if (task.equals("lasso_path") || task.equals("ridge_cv")) {
            regressionTask(task, rows, dir, a);
            return;
        }
        Synthetic.Data train;
        Synthetic.Data test;
        boolean extra = task.equals("extra_trees");
        if (extra) {
            dir = Path.of(a.get("data"), "forest-" + rows); // the forest's data
        }
        if (task.equals("forest") || extra) {
            Synthetic.Data all = Synthetic.clusters(rows + 20_000, 20, 10, 2, 0.5, 11);
            train = Synthetic.head(all, rows);
            test = Synthetic.tail(all, rows);
        } else if (task.equals("logistic")) {
            Synthetic.Data all = Synthetic.logistic(rows + 20_000, 100, 12);
            train = Synthetic.head(all, rows);
            test = Synthetic.tail(all, rows);
        } else {
            throw new IllegalArgumentException("unknown --task " + task + " (forest, extra_trees, logistic, lasso_path, ridge_cv)");
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
        if (task.equals("forest") || extra) {
            int trees = Integer.parseInt(a.get("trees"));
            out.put("trees", trees);
            forest(a.get("lib"), train, test, trees, extra, out);
        } else {
            String t = a.get("target");
            String cm = a.get("cold-max-iter");
            logistic(a.get("lib"), train, t.isEmpty() ? Double.NaN : Double.parseDouble(t), Integer.parseInt(a.get("repeats")),
                    cm.isEmpty() ? 1000 : Integer.parseInt(cm), out);
        }
        print(out);
    }

    static void print(Map<String, Object> out) throws java.io.IOException {
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

    /** The {@code forest} task, or with {@code extra} the {@code extra_trees} task (Derive only). */
    static void forest(String lib, Synthetic.Data train, Synthetic.Data test, int trees, boolean extra, Map<String, Object> out) {
        if (extra && !lib.equals("derive")) {
            throw new IllegalArgumentException("task extra_trees: only --lib derive or prepare (Smile has no extremely randomised trees)");
        }
        long before = usedHeapAfterGc();
        double seconds;
        int[] pred;
        double predictSeconds;
        Object model;
        switch (lib) {
            case "derive" -> {
                Dataset ds = Dataset.wrapClassification(train.x(), train.y());  // handed over, no copy
                var learner = (extra ? RandomForest.extraTreesClassifier() : RandomForest.classifier()).with("n_estimators", trees)
                        .with("seed", 1L);
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                Classifier m = (Classifier) learner.fit(ds);
                seconds = (System.nanoTime() - t0) / 1e9;
                out.put("train_cpu_seconds", (cpuNanos() - c0) / 1e9);
                long c1 = cpuNanos();
                long t1 = System.nanoTime();
                pred = m.predict(test.x());
                predictSeconds = (System.nanoTime() - t1) / 1e9;
                out.put("predict_cpu_seconds", (cpuNanos() - c1) / 1e9); // all threads, the JIT compilers' included
                model = m;
            }
            case "smile" -> {
                int d = train.x().cols();
                DataFrame df = frame(train.x()).add(ValueVector.of("y", train.y()));
                DataFrame tf = frame(test.x());
                int mtry = (int) Math.floor(Math.sqrt(d));
                var options = new smile.classification.RandomForest.Options(trees, mtry, smile.model.cart.SplitRule.GINI,
                        Integer.MAX_VALUE, train.x().rows(), 1, 1.0, null, null, null);
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                var m = smile.classification.RandomForest.fit(Formula.lhs("y"), df, options);
                seconds = (System.nanoTime() - t0) / 1e9;
                out.put("train_cpu_seconds", (cpuNanos() - c0) / 1e9);
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

    /**
     * L2 logistic regression. Derive: a cold fit at {@code tol = 1e-6} (the first fit in this JVM: JIT warm-up
     * included), then, if {@code target} (the objective scikit-learn reached) is given, the first iteration
     * {@code k} whose objective is at most {@code target} is read off the cold fit's trajectory and
     * {@code repeats} warm fits with {@code max_iter = k} are timed: the best is the time to reach the peer's
     * objective. Smile: a cold fit and {@code repeats} warm fits at its {@code tol = 1e-6}.
     */
    static void logistic(String lib, Synthetic.Data train, double target, int repeats, int coldMaxIter, Map<String, Object> out) {
        Matrix x = train.x();
        int n = x.rows();
        int d = x.cols();
        double[] w = new double[d];
        double[] b = new double[1];
        double cold;
        double best = Double.POSITIVE_INFINITY;
        double cpu = Double.POSITIVE_INFINITY;
        switch (lib) {
            case "derive" -> {
                Dataset ds = Dataset.wrapClassification(x, train.y());  // handed over, no copy
                dev.derive.linalg.Blas.init(); // loading the native library is numpy's import on the Python side
                var learner = LogisticRegression.learner().with("c", 1.0).with("tol", 1e-6).with("max_iter", 1000);
                long c0 = cpuNanos();
                long ct0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                LogisticModel m = (LogisticModel) learner.with("max_iter", coldMaxIter).fit(ds);
                cold = (System.nanoTime() - t0) / 1e9;
                // process CPU (all threads: JIT compilers, BLAS, GC) and the fitting thread's own CPU of the cold fit
                out.put("cold_cpu_seconds", (cpuNanos() - c0) / 1e9);
                out.put("cold_thread_cpu_seconds",
                        (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - ct0) / 1e9);
                out.put("cold_iterations", m.report().iterations());
                out.put("cold_objective", m.report().extra().get("objective"));
                int iters = m.report().iterations();
                double[] traj = m.report().lossCurve();
                out.put("iterations_tol", iters);
                int k = iters;
                if (!Double.isNaN(target)) {
                    for (int i = 0; i < traj.length; i++) {
                        if (traj[i] <= target) {
                            k = i;
                            break;
                        }
                    }
                }
                var toTarget = learner.with("max_iter", k);
                for (int r = 0; r < repeats; r++) {
                    long t1 = System.nanoTime();
                    long c1 = cpuNanos();
                    m = (LogisticModel) toTarget.fit(ds);
                    best = Math.min(best, (System.nanoTime() - t1) / 1e9);
                    cpu = Math.min(cpu, (cpuNanos() - c1) / 1e9);
                }
                coefficients(m, d, w, b);
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
                cold = (System.nanoTime() - t0) / 1e9;
                for (int r = 0; r < repeats; r++) {
                    long t1 = System.nanoTime();
                    long c1 = cpuNanos();
                    m = smile.classification.LogisticRegression.binomial(rowsArr, train.y(), options);
                    best = Math.min(best, (System.nanoTime() - t1) / 1e9);
                    cpu = Math.min(cpu, (cpuNanos() - c1) / 1e9);
                }
                double[] c = m.coefficients();
                // Smile keeps the intercept in the coefficient array; find where by matching its own score
                double[] tail = java.util.Arrays.copyOf(c, d);
                double[] head = java.util.Arrays.copyOfRange(c, 1, d + 1);
                double s0 = m.score(rowsArr[0]);
                double etaTail = dot(tail, rowsArr[0]) + c[d];
                double etaHead = dot(head, rowsArr[0]) + c[0];
                double tgt = Math.log(s0 / (1 - s0));
                boolean last = Math.abs(etaTail - tgt) <= Math.abs(etaHead - tgt);
                System.arraycopy(last ? tail : head, 0, w, 0, d);
                b[0] = last ? c[d] : c[0];
            }
            default -> throw new IllegalArgumentException("unknown --lib " + lib + " (derive, smile, prepare)");
        }
        double obj = 0;
        for (int i = 0; i < n; i++) {
            double eta = b[0];
            for (int j = 0; j < d; j++) {
                eta += w[j] * x.get(i, j);
            }
            // log(1 + e^eta) - y eta, computed stably
            obj += (eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta))) - train.y()[i] * eta;
        }
        obj += dot(w, w) / 2;
        out.put("train_seconds", best);
        out.put("cpu_seconds", cpu);
        out.put("cold_seconds", cold);
        out.put("repeats", repeats);
        if (!Double.isNaN(target)) {
            out.put("target", target);
        }
        out.put("objective", obj);
    }

    private static void coefficients(LogisticModel m, int d, double[] w, double[] b) {
        Matrix coef = m.coefficients();
        for (int j = 0; j < d; j++) {
            w[j] = coef.rows() == d ? coef.get(j, 0) : coef.get(0, j);
        }
        b[0] = m.intercepts()[0];
    }

    /**
     * {@code lasso_path}: {@code rows} x 500, 50 nonzero coefficients; the lasso path over 100 alphas
     * ({@code eps = 1e-3}, scikit-learn's {@code lasso_path} defaults, tol 1e-4), with an intercept (Derive centres;
     * the Python side centres before {@code lasso_path}, inside its timing). {@code ridge_cv}: {@code rows} x 200,
     * every coefficient nonzero; RidgeCV by efficient leave-one-out over 50 alphas log-spaced from 1e-3 to 1e3.
     * Both report the best of {@code repeats} warm fits after one cold fit. Derive only (Smile fits one lasso or
     * ridge penalty per call and has no path or leave-one-out selection).
     */
    static void regressionTask(String task, int rows, Path dir, Map<String, String> a) throws Exception {
        boolean lasso = task.equals("lasso_path");
        Synthetic.Regression data = lasso ? Synthetic.regression(rows, 500, 50, 21) : Synthetic.regression(rows, 200, 200, 22);
        String lib = a.get("lib");
        if (lib.equals("prepare")) {
            Files.createDirectories(dir);
            write(dir.resolve("X_train.npy"), data.x());
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(dir.resolve("y_train.npy")), 1 << 16)) {
                Npy.write(o, data.y());
            }
            System.out.println("{\"prepared\": \"" + dir + "\"}");
            return;
        }
        if (!lib.equals("derive")) {
            throw new IllegalArgumentException("task " + task + ": only --lib derive or prepare (Smile has no path / LOO selection)");
        }
        int repeats = Integer.parseInt(a.get("repeats"));
        dev.derive.linalg.Blas.init();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("lib", lib);
        out.put("task", task);
        out.put("rows", rows);
        out.put("cols", data.x().cols());
        out.put("threads", Integer.parseInt(a.get("threads")));
        double cold = 0;
        double best = Double.POSITIVE_INFINITY;
        double cpu = Double.POSITIVE_INFINITY;
        for (int r = 0; r <= repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = cpuNanos();
            if (lasso) {
                ElasticNetPath.Path path = ElasticNetPath.compute(data.x(), data.y(), null, ElasticNetPath.Settings.lasso(), 100, 1e-3);
                double sec = (System.nanoTime() - t0) / 1e9;
                cpu = r == 0 && repeats > 0 ? cpu : Math.min(cpu, (cpuNanos() - c0) / 1e9);
                if (r == repeats) {
                    lassoSummary(data, path, out);
                }
                cold = r == 0 ? sec : cold;
                best = r == 0 ? best : Math.min(best, sec);
            } else {
                var learner = RidgeCV.learner().alphas(1e-3, 1e3, 50).gcvMode(a.get("mode"));
                LinearModel m = learner.fit(Dataset.wrapRegression(data.x(), data.y()));  // handed over, no copy
                double sec = (System.nanoTime() - t0) / 1e9;
                cpu = r == 0 && repeats > 0 ? cpu : Math.min(cpu, (cpuNanos() - c0) / 1e9);
                if (r == repeats) {
                    out.put("lib", a.get("mode").equals("auto") ? lib : lib + " (gcv_mode=" + a.get("mode") + ")");
                    out.put("alpha", m.report().extra().get("alpha"));
                    out.put("best_score", m.report().extra().get("best_score"));
                    out.put("mode", m.solver());
                }
                cold = r == 0 ? sec : cold;
                best = r == 0 ? best : Math.min(best, sec);
            }
        }
        out.put("train_seconds", repeats == 0 ? cold : best);
        out.put("cpu_seconds", cpu);
        out.put("cold_seconds", cold);
        out.put("repeats", repeats);
        print(out);
    }

    /** The lasso objective {@code 1/(2n)||y - b0 - Xb||^2 + alpha ||b||_1} summed over the path, and at its last alpha. */
    private static void lassoSummary(Synthetic.Regression data, ElasticNetPath.Path path, Map<String, Object> out) {
        Matrix x = data.x();
        int n = x.rows();
        int m = path.alphas().length;
        double sum = 0;
        double last = 0;
        int nonzero = 0;
        for (int k = 0; k < m; k++) {
            double[] b = path.coef(k);
            double[] fit = x.mvmul(b);
            double rr = 0;
            for (int i = 0; i < n; i++) {
                double r = data.y()[i] - path.intercepts()[k] - fit[i];
                rr += r * r;
            }
            double l1 = 0;
            nonzero = 0;
            for (double v : b) {
                l1 += Math.abs(v);
                nonzero += v != 0 ? 1 : 0;
            }
            last = rr / (2 * n) + path.alphas()[k] * l1;
            sum += last;
        }
        out.put("objective_sum", sum);
        out.put("objective_last", last);
        out.put("nonzero_last", nonzero);
        out.put("alpha_min", path.alphas()[m - 1]);
        out.put("screened", path.screened());
    }

    /** CPU time of the whole process (all threads: BLAS, JIT, GC), nanoseconds. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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
