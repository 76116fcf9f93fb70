package dev.derive.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressContextTest {

    static final class Recorder implements Progress {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void start(String task, long total) {
            events.add("start " + task + " " + total);
        }

        @Override
        public synchronized void advance(long steps, String message) {
            events.add("advance " + steps);
        }

        @Override
        public synchronized void finish() {
            events.add("finish");
        }
    }

    @Test
    void noneOutsideCall() {
        assertSame(Progress.NONE, ProgressContext.current());
    }

    @Test
    void nestedCallsRestoreTheOuterSink() {
        Recorder outer = new Recorder();
        Recorder inner = new Recorder();
        String r = ProgressContext.call(outer, () -> {
            assertSame(outer, ProgressContext.current());
            ProgressContext.call(inner, () -> {
                ProgressContext.current().start("inner", 2);
                return null;
            });
            assertSame(outer, ProgressContext.current());
            ProgressContext.current().advance(1, null);
            return "done";
        });
        assertEquals("done", r);
        assertEquals(List.of("start inner 2"), inner.events);
        assertEquals(List.of("advance 1"), outer.events);
        assertSame(Progress.NONE, ProgressContext.current());
    }

    @Test
    void restoredAfterAFailure() {
        Recorder p = new Recorder();
        assertThrows(IllegalStateException.class, () -> ProgressContext.call(p, () -> {
            throw new IllegalStateException("boom");
        }));
        assertSame(Progress.NONE, ProgressContext.current());
    }

    @Test
    void otherThreadsDoNotSeeTheSink() throws Exception {
        Recorder p = new Recorder();
        Progress[] seen = new Progress[1];
        ProgressContext.call(p, () -> {
            Thread t = new Thread(() -> seen[0] = ProgressContext.current());
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return null;
        });
        assertSame(Progress.NONE, seen[0]);
    }
}
