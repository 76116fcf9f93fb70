package dev.derive.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;

/**
 * The one library-wide parallelism setting: how many threads Derive may use, honoured by every learner,
 * by the parallel loops of the library and by the bundled OpenBLAS.
 *
 * <p>The default is the number of available processors; it can be set at start-up with the system
 * property {@code derive.threads} or at run time with {@link #setThreads(int)}. Results never depend on
 * this setting: parallel work derives per-task seeds from the master seed and reduces in a fixed order.
 */
public final class Parallelism {

    private static volatile int threads = initialThreads();
    private static volatile ForkJoinPool pool;
    private static final List<IntConsumer> LISTENERS = new CopyOnWriteArrayList<>();

    private Parallelism() {
    }

    private static int initialThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String prop = System.getProperty("derive.threads");
        if (prop == null || prop.isBlank()) {
            return cores;
        }
        try {
            int t = Integer.parseInt(prop.trim());
            if (t < 1) {
                throw new IllegalArgumentException("derive.threads must be >= 1, got " + prop);
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("derive.threads must be a positive integer, got '" + prop + "'", e);
        }
    }

    /** The number of threads Derive may use (at least 1). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads Derive may use, for its own parallel loops and for OpenBLAS.
     *
     * @param n number of threads, {@code >= 1}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        if (n == threads) {
            return;
        }
        threads = n;
        ForkJoinPool old = pool;
        pool = null;
        if (old != null) {
            old.shutdown();
        }
        for (IntConsumer l : LISTENERS) {
            l.accept(n);
        }
    }

    /**
     * A fork/join pool sized to {@link #threads()}, shared by the library's parallel work. It is replaced
     * when the setting changes.
     */
    public static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallelism.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads);
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * Runs {@code body.accept(i)} for {@code i} in {@code [0, n)}: in parallel on {@link #pool()} when
     * {@code n >= minParallel} and more than one thread is allowed, else in order on the calling thread.
     * The bodies must be independent (each writes only its own outputs), so the result is the same
     * either way.
     */
    public static void forEach(int n, int minParallel, java.util.function.IntConsumer body) {
        if (n >= minParallel && threads() > 1) {
            pool().submit(() -> java.util.stream.IntStream.range(0, n).parallel().forEach(body)).join();
        } else {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        }
    }

    /**
     * Registers a callback run with the new thread count whenever the setting changes, and once now with
     * the current count. Used by native back ends (OpenBLAS) to follow the setting.
     */
    public static void onChange(IntConsumer listener) {
        LISTENERS.add(listener);
        listener.accept(threads);
    }
}
