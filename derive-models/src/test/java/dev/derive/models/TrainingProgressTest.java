package dev.derive.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.boost.HistGradientBoosting;
import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.ensemble.GradientBoosting;
import dev.derive.ensemble.RandomForest;
import dev.derive.runtime.Progress;
import dev.derive.runtime.ProgressContext;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Boosters and forests report their rounds or trees to the caller's {@link ProgressContext} sink. */
class TrainingProgressTest {

    static final class Counter implements Progress {
        final AtomicLong starts = new AtomicLong();
        final AtomicLong total = new AtomicLong();
        final AtomicLong steps = new AtomicLong();
        final AtomicLong finishes = new AtomicLong();

        @Override
        public void start(String task, long n) {
            starts.incrementAndGet();
            total.set(n);
        }

        @Override
        public void advance(long k, String message) {
            steps.addAndGet(k);
        }

        @Override
        public void finish() {
            finishes.incrementAndGet();
        }
    }

    @Test
    void gradientBoostingReportsEveryStage() {
        Dataset iris = Datasets.dataset("iris");
        Counter c = new Counter();
        ProgressContext.call(c, () -> GradientBoosting.classifier().with("n_estimators", 7).fit(iris));
        assertEquals(1, c.starts.get());
        assertEquals(7, c.total.get());
        assertEquals(7, c.steps.get());
        assertEquals(1, c.finishes.get());
    }

    @Test
    void histogramBoostingReportsEveryRound() {
        Dataset bc = Datasets.dataset("breast_cancer");
        Counter c = new Counter();
        ProgressContext.call(c, () -> HistGradientBoosting.classifier().with("n_estimators", 9).fit(bc));
        assertEquals(9, c.total.get());
        assertEquals(9, c.steps.get());
        assertEquals(1, c.finishes.get());
    }

    @Test
    void randomForestReportsEveryTreeFromItsWorkers() {
        Dataset iris = Datasets.dataset("iris");
        Counter c = new Counter();
        ProgressContext.call(c, () -> RandomForest.classifier().with("n_estimators", 12).with("seed", 3L).fit(iris));
        assertEquals(12, c.total.get());
        assertEquals(12, c.steps.get());
        assertEquals(1, c.finishes.get());
    }
}
