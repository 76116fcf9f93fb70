package dev.derive.bench.boost;

import com.microsoft.ml.lightgbm.PredictionType;
import dev.derive.bench.ProcessMemory;
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
 * process's peak resident memory ({@code VmHWM}).
 *
 * <pre>
 * java -Xmx8g -cp derive-bench/target/benchmarks.jar dev.derive.bench.boost.BoostRun \
 *      --lib derive|lightgbm|xgboost --task higgs|flights [--rounds 200] [--threads 2] [--data DIR] [--shared DIR]
 * </pre>
 * {@code scripts/run-boost.sh} runs every library and scikit-learn and writes the table.
 */
public final class BoostRun {

    private BoostRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>(Map.of("lib", "derive", "task", "higgs", "rounds", "200", "threads",
                String.valueOf(Runtime.getRuntime().availableProcessors()), "data", "derive-bench/target/boost-data",
                "shared", "../shared/datasets", "lr", "0.1", "leaves", "31", "bins", "255"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !a.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + a.keySet());
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
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
        double[] score;
        double seconds;
        switch (a.get("lib")) {
            case "derive" -> {
                Parallelism.setThreads(threads);
                // the loaded arrays are handed over (no defensive copy), as the Python peers use numpy arrays in place
                Dataset train = binary ? Dataset.wrapClassification(s.xTrain(), toInt(s.yTrain())) : Dataset.wrapRegression(s.xTrain(), s.yTrain());
                Learner<?> l = LearnerRegistry.create("hist_gbdt", train.task())
                        .with("n_estimators", rounds).with("learning_rate", lr).with("num_leaves", leaves)
                        .with("max_bins", bins).with("min_child_samples", 20).with("reg_lambda", 0.0)
                        .with("min_child_weight", 1e-3);
                // diagnostic: -Dbench.warmup=K fits K times first, to separate JIT warm-up from the steady state
                for (int k = Integer.getInteger("bench.warmup", 0); k > 0; k--) {
                    l.fit(train);
                }
                long t0 = System.nanoTime();
                Model m = l.fit(train);
                seconds = (System.nanoTime() - t0) / 1e9;
                score = binary ? column(((Classifier) m).predictProba(s.xTest()), 1) : ((Regressor) m).predict(s.xTest());
            }
            case "lightgbm" -> {
                LGBMBooster.loadNative();
                double[] xr = rowMajor(s.xTrain());
                double[] xt = rowMajor(s.xTest());
                float[] y = toFloat(s.yTrain());
                String p = System.getProperty("bench.lightgbm.extra", "") + " " + String.format(Locale.ROOT, "objective=%s num_leaves=%d learning_rate=%s max_bin=%d "
                                + "min_data_in_leaf=20 min_sum_hessian_in_leaf=1e-3 lambda_l2=0 num_threads=%d verbosity=-1 seed=1",
                        binary ? "binary" : "regression", leaves, lr, bins, threads);  // extra first: the first value wins
                long t0 = System.nanoTime();
                LGBMDataset d = LGBMDataset.createFromMat(xr, s.xTrain().rows(), s.xTrain().cols(), true, p, null);
                d.setField("label", y);
                LGBMBooster b = LGBMBooster.create(d, p);
                for (int r = 0; r < rounds; r++) {
                    b.updateOneIter();
                }
                seconds = (System.nanoTime() - t0) / 1e9;
                score = b.predictForMat(xt, s.xTest().rows(), s.xTest().cols(), true, PredictionType.C_API_PREDICT_NORMAL);
                b.close();
                d.close();
            }
            case "xgboost" -> {
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
                long t0 = System.nanoTime();
                DMatrix d = new DMatrix(xr, s.xTrain().rows(), s.xTrain().cols(), Float.NaN);
                d.setLabel(y);
                Booster b = XGBoost.train(d, p, rounds, new HashMap<>(), null, null);
                seconds = (System.nanoTime() - t0) / 1e9;
                DMatrix dt = new DMatrix(xt, s.xTest().rows(), s.xTest().cols(), Float.NaN);
                float[][] pr = b.predict(dt);
                score = new double[pr.length];
                for (int i = 0; i < pr.length; i++) {
                    score[i] = pr[i][0];
                }
                b.dispose();
                d.dispose();
                dt.dispose();
            }
            default -> throw new IllegalArgumentException("unknown --lib " + a.get("lib") + " (derive, lightgbm, xgboost, prepare)");
        }
        String metric = binary ? "auc" : "rmse";
        double value = binary ? ClassificationMetrics.rocAuc(toInt(s.yTest()), score) : rmse(s.yTest(), score);
        System.out.printf(Locale.ROOT, "{\"lib\": \"%s\", \"task\": \"%s\", \"rows\": %d, \"rounds\": %d, \"threads\": %d, "
                        + "\"train_seconds\": %.3f, \"metric\": \"%s\", \"value\": %.6f, \"peak_rss_mb\": %.1f}%n",
                a.get("lib"), task, s.xTrain().rows(), rounds, threads, seconds, metric, value, ProcessMemory.peakRssMb());
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
