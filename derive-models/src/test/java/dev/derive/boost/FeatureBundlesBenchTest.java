package dev.derive.boost;

import dev.derive.data.Dataset;
import dev.derive.runtime.Parallelism;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in measurement (not run by default; {@code -Defb.bench=true}) of exclusive feature bundling on a
 * one-hot-heavy synthetic regression set: process CPU seconds of {@code fit} with and without
 * {@code enable_bundle}, one thread, alternated, after a warm-up fit; and the bytes of bin columns kept
 * before and after dropping the bundled features' own columns. No timed assertion: it prints.
 */
@EnabledIfSystemProperty(named = "efb.bench", matches = "true")
class FeatureBundlesBenchTest {

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * Bytes of bin columns kept for training with EFB, before and after {@link FeatureBundles#dropBundledColumns}
     * ({@link BinnedData#columnBytes}: each distinct column and bin map once), on the synthetic one-hot set and
     * on the digits pixels. Prints; deterministic (no timing).
     */
    @Test
    void retainedBinBytes() {
        int n = Integer.getInteger("efb.rows", 100_000);
        int cats = Integer.getInteger("efb.cats", 10);
        int levels = Integer.getInteger("efb.levels", 25);
        Dataset[] sets = {FeatureBundlesTest.oneHot(n, cats, levels, 1), dev.derive.data.Datasets.dataset("digits")};
        for (Dataset d : sets) {
            BinnedData full = Binner.bin(d.features(), null, 255, Binner.DEFAULT_SAMPLE, 1);
            FeatureBundles fb = FeatureBundles.build(full, 0);
            BinnedData compact = fb.dropBundledColumns(full);
            long edges = 0;
            for (int j = 0; j < full.features(); j++) {
                edges += 8L * full.edges(j).length;
            }
            System.out.printf("EFB retained bins %d x %d: %d bundles, %d histogram columns; bin columns %.2f MB -> %.2f MB "
                            + "(edges %.3f MB either way)%n", d.size(), d.featureCount(), fb.count(), fb.histogramColumns(),
                    full.columnBytes() / 1e6, compact.columnBytes() / 1e6, edges / 1e6);
            // the staged path training takes: per-feature columns of sparse features never all exist
            Binner.Staged st = Binner.binStaged(d.features(), null, 255, Binner.DEFAULT_SAMPLE, 1, null);
            long staged = st.bytes();
            BinnedData viaStaged = st.toBinned(FeatureBundles.build(st, 0));
            System.out.printf("EFB staged bins %d x %d: %.2f MB while bundling (all columns: %.2f MB), %.2f MB kept%n", d.size(),
                    d.featureCount(), staged / 1e6, full.columnBytes() / 1e6, viaStaged.columnBytes() / 1e6);
            for (int rep = 0; rep < 3; rep++) {
                double c0 = cpuSeconds();
                FeatureBundles a = FeatureBundles.build(Binner.bin(d.features(), null, 255, Binner.DEFAULT_SAMPLE, 1), 0);
                double c1 = cpuSeconds();
                Binner.Staged s2 = Binner.binStaged(d.features(), null, 255, Binner.DEFAULT_SAMPLE, 1, null);
                s2.toBinned(FeatureBundles.build(s2, 0));
                double c2 = cpuSeconds();
                System.out.printf("EFB binning + bundling CPU: columns %.3f s, staged %.3f s (%d bundles)%n", c1 - c0, c2 - c1, a.count());
            }
        }
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * Live heap (after {@code System.gc()}) at the third boosting round minus the live heap before {@code fit}
     * (the data set's matrix already built): what the fit keeps while it boosts (bins, bundles, gradients,
     * grower). GC-based, so approximate; prints only.
     */
    @Test
    void liveHeapDuringBoosting() {
        Dataset d = FeatureBundlesTest.oneHot(Integer.getInteger("efb.rows", 100_000), Integer.getInteger("efb.cats", 10),
                Integer.getInteger("efb.levels", 25), 1);
        d.features();
        long[] at = new long[1];
        dev.derive.runtime.Progress rec = new dev.derive.runtime.Progress() {
            private int k;

            @Override
            public void start(String task, long total) {
                k = 0;
            }

            @Override
            public synchronized void advance(long steps, String message) {
                if (++k == 3) {
                    at[0] = usedAfterGc();
                }
            }

            @Override
            public void finish() {
            }
        };
        for (int rep = 0; rep < 2; rep++) {
            long base = usedAfterGc();
            dev.derive.runtime.ProgressContext.call(rec, () -> HistGradientBoosting.regressor().nEstimators(3).seed(1).fit(d));
            System.out.printf("EFB live heap during boosting, %d x %d: %.2f MB above the heap before fit (%.1f MB)%n", d.size(),
                    d.featureCount(), (at[0] - base) / 1e6, base / 1e6);
        }
    }

    @Test
    void measure() {
        int n = Integer.getInteger("efb.rows", 100_000);
        int cats = Integer.getInteger("efb.cats", 10);
        int levels = Integer.getInteger("efb.levels", 25);
        int rounds = Integer.getInteger("efb.rounds", 50);
        Dataset d = FeatureBundlesTest.oneHot(n, cats, levels, 1);
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(1);
            var learner = HistGradientBoosting.regressor().nEstimators(rounds).seed(1);
            learner.nEstimators(5).fit(d);
            learner.nEstimators(5).with("enable_bundle", false).fit(d);
            for (int rep = 0; rep < 2; rep++) {
                for (boolean on : new boolean[] {false, true}) {
                    System.gc();
                    double c0 = cpuSeconds();
                    long w0 = System.nanoTime();
                    var m = learner.with("enable_bundle", on).fit(d);
                    double cpu = cpuSeconds() - c0;
                    double wall = (System.nanoTime() - w0) / 1e9;
                    double[] curve = m.report().lossCurve();
                    System.out.printf("EFB bench %d x %d, %d rounds, enable_bundle=%s: CPU %.2f s, wall %.2f s, bundles %d, histogram columns %d, "
                                    + "final training MSE %.10f%n", n, d.featureCount(), rounds, on, cpu, wall,
                            m.report().extra().get("feature_bundles").intValue(), m.report().extra().get("histogram_columns").intValue(),
                            curve[curve.length - 1]);
                }
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }
}
