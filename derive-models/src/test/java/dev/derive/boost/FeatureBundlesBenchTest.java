package dev.derive.boost;

import dev.derive.data.Dataset;
import dev.derive.runtime.Parallelism;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in measurement (not run by default; {@code -Defb.bench=true}) of exclusive feature bundling on a
 * one-hot-heavy synthetic regression set: process CPU seconds of {@code fit} with and without
 * {@code enable_bundle}, one thread, alternated, after a warm-up fit. No timed assertion: it prints.
 */
@EnabledIfSystemProperty(named = "efb.bench", matches = "true")
class FeatureBundlesBenchTest {

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
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
