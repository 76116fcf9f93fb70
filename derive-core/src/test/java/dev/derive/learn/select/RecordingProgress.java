package dev.derive.learn.select;

import dev.derive.runtime.Progress;
import java.util.ArrayList;
import java.util.List;

/** A thread-safe {@link Progress} that records every call, for tests. */
final class RecordingProgress implements Progress {
    final List<String> starts = new ArrayList<>();
    final List<String> messages = new ArrayList<>();
    long total = -1;
    long steps;
    int finishes;

    @Override
    public synchronized void start(String task, long total) {
        starts.add(task);
        this.total = total;
    }

    @Override
    public synchronized void advance(long steps, String message) {
        this.steps += steps;
        messages.add(message);
    }

    @Override
    public synchronized void finish() {
        finishes++;
    }
}
