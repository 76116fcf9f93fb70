package dev.derive.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.derive.testing.RecordingProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Parallelism#forEach}: every index once, nesting, exceptions, and no leaked progress sink. */
class ParallelismTest {

    private final int before = Parallelism.threads();

    @AfterEach
    void restore() {
        Parallelism.spinMicros(0);
        Parallelism.setThreads(before);
    }

    @Test
    void withSpinningHelpersTheSameGuaranteesHold() {
        Parallelism.spinMicros(50);  // the experimental helpers that watch for the next loop before parking
        everyIndexRunsExactlyOnceForAnyThreadCount();
        nestedCallsFinishEvenWhenEveryWorkerIsBusy();
        theFirstExceptionIsRethrownAfterAllBodiesRan();
        Parallelism.setThreads(2);
        long sum = 0;
        for (int rep = 0; rep < 2000; rep++) {  // many short loops: helpers spin, park and wake in between
            java.util.concurrent.atomic.AtomicLong s = new java.util.concurrent.atomic.AtomicLong();
            Parallelism.forEach(64, 2, i -> s.addAndGet(i));
            sum += s.get();
            if (rep % 500 == 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000);  // longer than the spin: helpers park
            }
        }
        assertEquals(2000L * 64 * 63 / 2, sum);
        assertThrows(IllegalArgumentException.class, () -> Parallelism.spinMicros(-1));
    }

    @Test
    void theCallerWaitsForASlowBodyWhetherItsSpinRunsOutOrNot() {
        Parallelism.setThreads(2);
        for (long micros : new long[] {50, 20_000}) {  // the slow body outlasts the first spin, not the second
            Parallelism.spinMicros(micros);
            for (int rep = 0; rep < 20; rep++) {
                AtomicIntegerArray finished = new AtomicIntegerArray(2);
                Parallelism.forEach(2, 2, i -> {
                    if (i == 1) {  // a helper's index when one claims it in time, else the caller's second
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    }
                    finished.set(i, 1);
                });
                assertEquals(1, finished.get(0), "spin " + micros + " us");
                assertEquals(1, finished.get(1), "spin " + micros + " us: forEach returned before the slow body ended");
            }
        }
    }

    @Test
    void spinScopesNestAndEndWithTheLastOneClosed() {
        assertEquals(0, Parallelism.spinNanos());
        try (Parallelism.SpinScope outer = Parallelism.spinScope(30)) {
            assertEquals(30_000, Parallelism.spinNanos());
            Parallelism.SpinScope inner = Parallelism.spinScope(80);
            assertEquals(80_000, Parallelism.spinNanos(), "the largest open scope's spin");
            everyIndexRunsExactlyOnceForAnyThreadCount();
            nestedCallsFinishEvenWhenEveryWorkerIsBusy();
            inner.close();
            inner.close();  // a second close does nothing: the outer scope stays open
            assertEquals(80_000, Parallelism.spinNanos(), "still spinning while the outer scope is open");
            Parallelism.setThreads(2);
            java.util.concurrent.atomic.AtomicLong s = new java.util.concurrent.atomic.AtomicLong();
            Parallelism.forEach(1000, 2, i -> s.addAndGet(i));
            assertEquals(1000L * 999 / 2, s.get());
        }
        assertEquals(0, Parallelism.spinNanos(), "no scope open: helpers park at once");
        assertThrows(IllegalArgumentException.class, () -> Parallelism.spinScope(-1));
        // inside parallel work (a pool worker: a cross-validation fold, say) a scope changes nothing
        long inside = Parallelism.pool().submit(() -> {
            try (Parallelism.SpinScope s = Parallelism.spinScope(500)) {
                return Parallelism.spinNanos();
            }
        }).join();
        assertEquals(0, inside);
        assertEquals(0, Parallelism.spinNanos());
        AtomicInteger after = new AtomicInteger();
        Parallelism.forEach(100, 2, i -> after.incrementAndGet());  // parked spinners are not needed afterwards
        assertEquals(100, after.get());
    }

    @Test
    void everyIndexRunsExactlyOnceForAnyThreadCount() {
        for (int t : new int[] {1, 2, 3, 8}) {
            Parallelism.setThreads(t);
            for (int n : new int[] {0, 1, 2, 3, 17, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallelism.forEach(n, 2, hits::incrementAndGet);
                int[] expected = new int[n];
                java.util.Arrays.fill(expected, 1);
                int[] got = new int[n];
                for (int i = 0; i < n; i++) {
                    got[i] = hits.get(i);
                }
                assertArrayEquals(expected, got, "threads " + t + ", n " + n);
            }
        }
    }

    @Test
    void nestedCallsFinishEvenWhenEveryWorkerIsBusy() {
        Parallelism.setThreads(2);
        AtomicInteger inner = new AtomicInteger();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int rep = 0; rep < 200; rep++) {
                Parallelism.forEach(4, 2, i -> Parallelism.forEach(3, 2, k -> Parallelism.forEach(2, 2, q -> inner.incrementAndGet())));
            }
        });
        assertEquals(200 * 4 * 3 * 2, inner.get());
    }

    @Test
    void theFirstExceptionIsRethrownAfterAllBodiesRan() {
        Parallelism.setThreads(2);
        AtomicInteger ran = new AtomicInteger();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.forEach(50, 2, i -> {
            ran.incrementAndGet();
            if (i == 7) {
                throw new IllegalArgumentException("bad index 7");
            }
        }));
        assertEquals("bad index 7", e.getMessage());
        assertEquals(50, ran.get());
    }

    @Test
    void bodiesDoNotSeeTheCallersProgressSinkAndTheCallerKeepsIt() {
        Parallelism.setThreads(2);
        Progress mine = new RecordingProgress();
        AtomicInteger leaked = new AtomicInteger();
        Progress after = ProgressContext.call(mine, () -> {
            Parallelism.forEach(64, 2, i -> {
                if (ProgressContext.current() != Progress.NONE) {
                    leaked.incrementAndGet();
                }
            });
            return ProgressContext.current();
        });
        assertEquals(0, leaked.get());
        assertSame(mine, after);
    }
}
