package dev.derive.bench.models;

import dev.derive.data.Dataset;
import dev.derive.ensemble.RandomForest;
import dev.derive.learn.Classifier;
import dev.derive.learn.Regressor;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times one extremely-randomised-trees fit (Derive only, for A/B runs of two builds; {@code run-models.sh
 * --extra-rows} times extra trees beside scikit-learn's): the data of the random forest benchmark ({@link
 * Synthetic#clusters}: {@code rows} training rows and 20,000 test rows, 20 features, 2 classes, seed 11), {@code
 * ExtraTreesClassifier(n_estimators = trees, seed = 1)} with the defaults (no bootstrap, {@code max_features =
 * sqrt}), or, with {@code r}, {@code ExtraTreesRegressor} on the target {@code x0 + 2 x3 - x12 + class} (all
 * features per split). Prints one line: wall and process CPU seconds of the fit (CPU: all threads, the JIT
 * compilers' and the GC's included; on a shared machine the steadier of the two), test accuracy, and a hash of the
 * predictions (the same for two builds that grow the same trees). For A/B runs of two builds, alternate them and
 * compare medians.
 *
 * <pre>java -cp benchmarks.jar dev.derive.bench.models.ExtraTreesRun ROWS TREES c|r [THREADS]</pre>
 */
public final class ExtraTreesRun {

    private ExtraTreesRun() {
    }

    public static void main(String[] args) {
        if (args.length < 3 || !(args[2].equals("c") || args[2].equals("r"))) {
            throw new IllegalArgumentException("usage: ExtraTreesRun ROWS TREES c|r [THREADS]");
        }
        int rows = Integer.parseInt(args[0]);
        int trees = Integer.parseInt(args[1]);
        boolean classifier = args[2].equals("c");
        Parallelism.setThreads(args.length > 3 ? Integer.parseInt(args[3]) : 2);
        Synthetic.Data all = Synthetic.clusters(rows + 20_000, 20, 10, 2, 0.5, 11);
        Synthetic.Data train = Synthetic.head(all, rows);
        Synthetic.Data test = Synthetic.tail(all, rows);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        if (classifier) {
            Classifier m = RandomForest.extraTreesClassifier().nEstimators(trees).seed(1)
                    .fit(Dataset.wrapClassification(train.x(), train.y()));
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            int[] p = m.predict(test.x());
            int ok = 0;
            for (int i = 0; i < p.length; i++) {
                ok += p[i] == test.y()[i] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "extra_trees classifier rows=%d trees=%d fit %.3f s (cpu %.2f s) accuracy %.4f hash %d%n",
                    rows, trees, wall, cpu, ok / (double) p.length, Arrays.hashCode(m.predictProba(test.x()).toArray()));
        } else {
            Regressor m = RandomForest.extraTreesRegressor().nEstimators(trees).seed(1)
                    .fit(Dataset.wrapRegression(train.x(), target(train)));
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "extra_trees regressor rows=%d trees=%d fit %.3f s (cpu %.2f s) hash %d%n",
                    rows, trees, wall, cpu, Arrays.hashCode(m.predict(test.x())));
        }
    }

    /** {@code x0 + 2 x3 - x12 + class} per row. */
    static double[] target(Synthetic.Data d) {
        Matrix x = d.x();
        double[] y = new double[x.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.get(i, 0) + 2 * x.get(i, 3) - x.get(i, 12) + d.y()[i];
        }
        return y;
    }
}
