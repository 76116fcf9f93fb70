package dev.derive.bench.boost;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.derive.bench.ProcessMemory;
import dev.derive.bench.RunnerOptions;
import dev.derive.data.Dataset;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.LearnerRegistry;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * One booster training run in its own JVM, so that its peak memory is its own: Derive's
 * {@code hist_gbdt}, LightGBM (lightgbm4j) or XGBoost ({@code tree_method=hist}) on a {@link BoostData}
 * task with the same parameters (rounds, learning rate, 31 leaves grown leaf-wise, 255 bins, at least 20
 * rows per leaf, no L2 penalty, minimum child Hessian 1e-3, all rows and columns, the given thread count).
 * Prints one JSON line: library, task, training seconds (binning included, the conversion of the shared
 * column-major matrix into the peer's row-major input excluded), the test metric (AUC or RMSE) and the
 * process's peak resident memory ({@code VmHWM}). With {@code --fits N} the library trains N times in the process
 * and {@code later_fit_seconds} lists the times of fits 2 to N: for Derive, fits in a JVM whose JIT has already
 * compiled the training code (a long-running service), against the first fit of a fresh JVM in
 * {@code train_seconds}; the peers' native code has no such warm-up. The peak memory then covers all N fits.
 *
 * <pre>
 * java -Xmx8g -cp derive-bench/target/benchmarks.jar dev.derive.bench.boost.BoostRun \
 *      --lib derive|lightgbm|xgboost --task higgs|flights [--rounds 200] [--threads 2] [--fits 1] [--data DIR]
 *      [--shared DIR]
 * </pre>
 * {@code scripts/run-boost.sh} runs every library and scikit-learn and writes the table.
 */
public final class BoostRun {

    private BoostRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = RunnerOptions.parse(args, Map.of("lib", "derive", "task", "higgs", "rounds", "200", "threads",
                String.valueOf(Runtime.getRuntime().availableProcessors()), "data", "derive-bench/target/boost-data",
                "shared", "../shared/datasets", "lr", "0.1", "leaves", "31", "bins", "255", "fits", "1"));
        String task = a.get("task");
        boolean binary = task.equals("higgs");
        int rounds = Integer.parseInt(a.get("rounds"));
        int threads = Integer.parseInt(a.get("threads"));
        double lr = Double.parseDouble(a.get("lr"));
        int leaves = Integer.parseInt(a.get("leaves"));
        int bins = Integer.parseInt(a.get("bins"));
        Path dir = BoostData.prepare(task, Path.of(a.get("data")), Path.of(a.get("shared")));
        if (a.get("lib").equals("prepare")) {
            System.out.println("{\"prepared\": \"" + dir + "\"}");
            return;
        }
        BoostData.Split s = BoostData.load(dir);
        int fits = Integer.parseInt(a.get("fits"));
        if (fits < 1) {
            throw new IllegalArgumentException("--fits must be at least 1, got " + fits);
        }
        Trainer trainer = switch (a.get("lib")) {
            case "derive" -> derive(s, binary, rounds, threads, lr, leaves, bins);
            case "lightgbm" -> lightgbm(s, binary, rounds, threads, lr, leaves, bins);
            case "xgboost" -> xgboost(s, binary, rounds, threads, lr, leaves, bins);
            default -> throw new IllegalArgumentException("unknown --lib " + a.get("lib") + " (derive, lightgbm, xgboost, prepare)");
        };
        double[] seconds = new double[fits];
        double[] score = null;
        for (int k = 0; k < fits; k++) {
            Fit fit = trainer.train();
            seconds[k] = fit.seconds();
            score = fit.score();  // every fit is the same training; the last one is scored
        }
        String metric = binary ? "auc" : "rmse";
        double value = binary ? ClassificationMetrics.rocAuc(toInt(s.yTest()), score) : rmse(s.yTest(), score);
        StringBuilder later = new StringBuilder();
        for (int k = 1; k < fits; k++) {
            later.append(k > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.3f", seconds[k]));
        }
        System.out.printf(Locale.ROOT, "{\"lib\": \"%s\", \"task\": \"%s\", \"rows\": %d, \"rounds\": %d, \"threads\": %d, "
                        + "\"fits\": %d, \"train_seconds\": %.3f, \"later_fit_seconds\": [%s], \"metric\": \"%s\", "
                        + "\"value\": %.6f, \"peak_rss_mb\": %.1f}%n",
                a.get("lib"), task, s.xTrain().rows(), rounds, threads, fits, seconds[0], later, metric, value,
                ProcessMemory.peakRssMb());
    }

    /** One training of a library on the task, timed; the input conversion is done once, outside the timing. */
    private interface Trainer {
        Fit train() throws Exception;
    }

    /** A timed training and the trained model's test scores (probability of class 1, or the prediction). */
    private record Fit(double seconds, double[] score) {
    }

    /** The task's training data for Derive: the loaded arrays handed over (no defensive copy), as numpy's are. */
    static Dataset deriveData(BoostData.Split s, boolean binary) {
        return binary ? Dataset.wrapClassification(s.xTrain(), toInt(s.yTrain())) : Dataset.wrapRegression(s.xTrain(), s.yTrain());
    }

    /** Derive's {@code hist_gbdt} with the benchmark's parameters. */
    static Learner<?> deriveLearner(Dataset train, int rounds, double lr, int leaves, int bins) {
        return LearnerRegistry.create("hist_gbdt", train.task())
                .with("n_estimators", rounds).with("learning_rate", lr).with("num_leaves", leaves)
                .with("max_bins", bins).with("min_child_samples", 20).with("reg_lambda", 0.0)
                .with("min_child_weight", 1e-3);
    }

    /** LightGBM's parameter string with the benchmark's parameters ({@code -Dbench.lightgbm.extra} first: it wins). */
    static String lightgbmParams(boolean binary, int threads, double lr, int leaves, int bins) {
        return System.getProperty("bench.lightgbm.extra", "") + " " + String.format(Locale.ROOT, "objective=%s num_leaves=%d learning_rate=%s max_bin=%d "
                        + "min_data_in_leaf=20 min_sum_hessian_in_leaf=1e-3 lambda_l2=0 num_threads=%d verbosity=-1 seed=1",
                binary ? "binary" : "regression", leaves, lr, bins, threads);
    }

    private static Trainer derive(BoostData.Split s, boolean binary, int rounds, int threads, double lr, int leaves, int bins) {
        Parallelism.setThreads(threads);
        Dataset train = deriveData(s, binary);
        Learner<?> l = deriveLearner(train, rounds, lr, leaves, bins);
        return () -> {
            long t0 = System.nanoTime();
            Model m = l.fit(train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Fit(seconds, binary ? column(((Classifier) m).predictProba(s.xTest()), 1) : ((Regressor) m).predict(s.xTest()));
        };
    }

    private static Trainer lightgbm(BoostData.Split s, boolean binary, int rounds, int threads, double lr, int leaves,
            int bins) throws Exception {
        LGBMBooster.loadNative();
        double[] xr = rowMajor(s.xTrain());
        double[] xt = rowMajor(s.xTest());
        float[] y = toFloat(s.yTrain());
        String p = lightgbmParams(binary, threads, lr, leaves, bins);
        return () -> {
            long t0 = System.nanoTime();
            LGBMDataset d = LGBMDataset.createFromMat(xr, s.xTrain().rows(), s.xTrain().cols(), true, p, null);
            d.setField("label", y);
            LGBMBooster b = LGBMBooster.create(d, p);
            for (int r = 0; r < rounds; r++) {
                b.updateOneIter();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double[] score = b.predictForMat(xt, s.xTest().rows(), s.xTest().cols(), true, PredictionType.C_API_PREDICT_NORMAL);
            b.close();
            d.close();
            return new Fit(seconds, score);
        };
    }

    private static Trainer xgboost(BoostData.Split s, boolean binary, int rounds, int threads, double lr, int leaves, int bins) {
        float[] xr = rowMajorFloat(s.xTrain());
        float[] xt = rowMajorFloat(s.xTest());
        float[] y = toFloat(s.yTrain());
        Map<String, Object> p = new HashMap<>();
        p.put("objective", binary ? "binary:logistic" : "reg:squarederror");
        p.put("tree_method", "hist");
        p.put("grow_policy", "lossguide");
        p.put("max_leaves", leaves);
        p.put("max_depth", 0);
        p.put("max_bin", bins);
        p.put("eta", lr);
        p.put("lambda", 0.0);
        p.put("min_child_weight", 1e-3);
        p.put("nthread", threads);
        p.put("seed", 1);
        p.put("verbosity", 0);
        return () -> {
            long t0 = System.nanoTime();
            DMatrix d = new DMatrix(xr, s.xTrain().rows(), s.xTrain().cols(), Float.NaN);
            d.setLabel(y);
            Booster b = XGBoost.train(d, p, rounds, new HashMap<>(), null, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            DMatrix dt = new DMatrix(xt, s.xTest().rows(), s.xTest().cols(), Float.NaN);
            float[][] pr = b.predict(dt);
            double[] score = new double[pr.length];
            for (int i = 0; i < pr.length; i++) {
                score[i] = pr[i][0];
            }
            b.dispose();
            d.dispose();
            dt.dispose();
            return new Fit(seconds, score);
        };
    }

    static double rmse(double[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (y[i] - p[i]) * (y[i] - p[i]);
        }
        return Math.sqrt(s / y.length);
    }

    static double[] column(Matrix m, int j) {
        return m.columnArray(j);
    }

    static int[] toInt(double[] y) {
        int[] r = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = (int) y[i];
        }
        return r;
    }

    static float[] toFloat(double[] y) {
        float[] r = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = (float) y[i];
        }
        return r;
    }

    static double[] rowMajor(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] r = new double[n * d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                r[i * d + j] = x.get(i, j);
            }
        }
        return r;
    }

    static float[] rowMajorFloat(Matrix x) {
        int n = x.rows();
        int d = x.cols();
        float[] r = new float[n * d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                r[i * d + j] = (float) x.get(i, j);
            }
        }
        return r;
    }
}
