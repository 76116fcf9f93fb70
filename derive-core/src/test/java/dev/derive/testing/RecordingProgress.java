package dev.derive.testing;

import dev.derive.runtime.Progress;
import java.util.ArrayList;
import java.util.List;

/** A thread-safe {@link Progress} that records every call, for tests (read the fields after the work is done). */
public final class RecordingProgress implements Progress {
    public final List<String> starts = new ArrayList<>();
    public final List<String> messages = new ArrayList<>();
    public long total = -1;
    public long steps;
    public int finishes;

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
