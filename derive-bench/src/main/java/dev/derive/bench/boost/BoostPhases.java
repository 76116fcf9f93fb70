package dev.derive.bench.boost;

import dev.derive.bench.RunnerOptions;
import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.runtime.Parallelism;
import dev.derive.runtime.Progress;
import dev.derive.runtime.ProgressContext;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where a boosting fit's time goes, by phase: the same training as {@link BoostRun} (Derive or LightGBM, its
 * parameters: learning rate 0.1, 31 leaves, 255 bins), run {@code --fits} times in one process, printing for each fit
 * the seconds from its start to the end of binning (Derive: the first boosting round starts; LightGBM: the dataset is
 * built) and to the end of rounds 1, 2, 4, 12, 25, 50, ... and the machine's steal jiffies during the fit. The first
 * fit of a fresh JVM against the later ones shows the JIT's warm-up by phase (docs/boost.md, twelfth round).
 *
 * <pre>
 * java -Xmx12g -cp derive-bench/target/benchmarks.jar dev.derive.bench.boost.BoostPhases \
 *      --lib derive|lightgbm --task higgs|flights [--fits 2] [--rounds 200] [--threads 2] [--data DIR]
 * </pre>
 * Prepare the task's data first ({@code BoostRun --lib prepare} or {@code scripts/run-boost.sh}).
 */
public final class BoostPhases {

    private BoostPhases() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = RunnerOptions.parse(args, Map.of("lib", "derive", "task", "higgs", "fits", "2", "rounds", "200",
                "threads", "2", "data", "derive-bench/target/boost-data"));
        String task = a.get("task");
        boolean binary = task.equals("higgs");
        int rounds = Integer.parseInt(a.get("rounds"));
        int threads = Integer.parseInt(a.get("threads"));
        int fits = Integer.parseInt(a.get("fits"));
        BoostData.Split s = BoostData.load(Path.of(a.get("data")).resolve(task));
        switch (a.get("lib")) {
            case "derive" -> {
                Parallelism.setThreads(threads);
                Dataset train = BoostRun.deriveData(s, binary);
                Learner<?> l = BoostRun.deriveLearner(train, rounds, 0.1, 31, 255);
                for (int k = 0; k < fits; k++) {
                    Marks marks = new Marks();
                    Progress p = new Progress() {
                        private int done;

                        @Override
                        public void start(String what, long total) {
                            marks.binned();
                        }

                        @Override
                        public void advance(long steps, String message) {
                            done += (int) steps;
                            marks.round(done);
                        }

                        @Override
                        public void finish() {
                        }
                    };
                    ProgressContext.call(p, () -> l.fit(train));
                    marks.print("derive", k);
                }
            }
            case "lightgbm" -> {
                LGBMBooster.loadNative();
                double[] xr = BoostRun.rowMajor(s.xTrain());
                float[] y = BoostRun.toFloat(s.yTrain());
                String p = BoostRun.lightgbmParams(binary, threads, 0.1, 31, 255);
                for (int k = 0; k < fits; k++) {
                    Marks marks = new Marks();
                    LGBMDataset d = LGBMDataset.createFromMat(xr, s.xTrain().rows(), s.xTrain().cols(), true, p, null);
                    d.setField("label", y);
                    marks.binned();
                    LGBMBooster b = LGBMBooster.create(d, p);
                    for (int r = 1; r <= rounds; r++) {
                        b.updateOneIter();
                        marks.round(r);
                    }
                    marks.print("lightgbm", k);
                    b.close();
                    d.close();
                }
            }
            default -> throw new IllegalArgumentException("unknown --lib " + a.get("lib") + " (derive, lightgbm)");
        }
    }

    /** The seconds since the fit began at the end of binning and of some rounds, and the steal during the fit. */
    private static final class Marks {
        private final long t0 = System.nanoTime();
        private final long steal0 = steal();
        private final StringBuilder text = new StringBuilder();

        void binned() {
            text.append(String.format(Locale.ROOT, "binned %.2f | rounds", seconds()));
        }

        void round(int r) {
            if (r == 1 || r == 2 || r == 4 || r == 12 || r % 25 == 0) {
                text.append(String.format(Locale.ROOT, " %d:%.2f", r, seconds()));
            }
        }

        void print(String lib, int fit) {
            System.out.printf(Locale.ROOT, "%s fit %d: %.2f s, steal %d jiffies: %s%n", lib, fit + 1, seconds(),
                    steal() - steal0, text);
        }

        private double seconds() {
            return (System.nanoTime() - t0) / 1e9;
        }

        /** The machine's steal jiffies (all CPUs) from /proc/stat, or 0 where there is none. */
        private static long steal() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                return f.length > 8 ? Long.parseLong(f[8]) : 0;
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
