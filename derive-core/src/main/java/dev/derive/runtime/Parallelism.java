package dev.derive.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
     * Runs {@code body.accept(i)} for {@code i} in {@code [0, n)}: in parallel when {@code n >= minParallel}
     * and more than one thread is allowed, else in order on the calling thread. The bodies must be
     * independent (each writes only its own outputs), so the result is the same either way.
     *
     * <p>In parallel, the calling thread works too: it and up to {@code threads() - 1} helpers on
     * {@link #pool()} take unclaimed indices until none is left (the caller from the front of the range, the
     * helpers from the back, so that loops over the same range give each thread mostly the same indices each
     * time), and the call returns when every
     * body has finished (a short spin, then a park; inside a {@link #spinScope}, a yielding spin as long as the
     * helpers' before the park). A helper that starts late finds no work and leaves,
     * so a call never waits for a body that has not started, and nested calls cannot deadlock. Bodies run
     * without the caller's {@link ProgressContext} sink, as on the pool's threads. The first exception
     * thrown by a body is rethrown after all bodies have run.
     */
    public static void forEach(int n, int minParallel, IntConsumer body) {
        int t = threads();
        if (n < minParallel || t <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        Loop loop = new Loop(n, body);
        long helperSpin = spinNanos();
        boolean spin = helperSpin > 0;
        if (spin) {
            Spinners.offer(loop, t);
        } else {
            ForkJoinPool p = pool();
            for (int k = Math.min(t, n) - 1; k > 0; k--) {
                p.execute(loop);
            }
        }
        Progress sink = ProgressContext.detach();
        try {
            loop.runFromFront();
            loop.await(helperSpin);
        } finally {
            ProgressContext.reattach(sink);
            if (spin) {
                Spinners.CURRENT.compareAndSet(loop, null);  // do not keep the body's captures reachable
            }
        }
        Throwable e = loop.error;
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error r) {
            throw r;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Experimental, opt-in ({@code -Dderive.parallel.spinMicros=N}, default 0 = off): {@link #forEach}'s helpers are
     * dedicated threads that watch for the next loop for N microseconds before parking, instead of parked pool
     * threads woken per loop. Measured on 2 cores with N = 50, alternating with it off: HIGGS-like boosting 1-12%
     * faster in 7 of 9 pairs; flights boosting and the random forest no change; logistic regression slower (a
     * spinning helper takes the core OpenBLAS's threads need). Hence off by default.
     */
    private static volatile long spinNanos = 1000L * Long.getLong("derive.parallel.spinMicros", 0L);
    /** Open {@link #spinScope} scopes, and the spin they asked for (the largest; 0 when none is open). */
    private static final AtomicInteger SPIN_SCOPES = new AtomicInteger();
    private static volatile long scopedSpinNanos;

    /** Sets the experimental helper spin (microseconds; 0 = off, the default). For tests and measurements. */
    static void spinMicros(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("spin must be >= 0 microseconds, got " + micros);
        }
        spinNanos = 1000L * micros;
    }

    /** The helpers' current spin: the system property's, or an open scope's if larger. */
    static long spinNanos() {
        return Math.max(spinNanos, scopedSpinNanos);
    }

    /**
     * Opens a scope in which {@link #forEach}'s helpers, between loops, watch for the next loop for {@code micros}
     * microseconds before parking (as OpenMP runtimes spin between parallel regions), until every open scope is
     * closed; while a scope is open, the caller of a loop that waits for a helper's last index also spins (yielding)
     * up to as long before it parks. Meant for compute-bound work made of many short parallel sections with no other
     * threads to feed, such as growing boosted trees: a parked helper can take tens of microseconds (far more on a
     * busy virtual machine) to wake, longer than a short section, and a parked thread leaves its core idle, which a
     * virtual machine's host may give to another guest until the thread is woken. Not for code that calls native
     * BLAS, whose threads need the cores the helpers would spin on. Results are unchanged: which thread runs an index
     * never matters.
     * A scope opened on a thread that is itself running parallel work (a {@link #pool()} worker, such as a
     * cross-validation fold, or a helper) does nothing: the other threads are busy, and a spinning helper would
     * take their cores. Two scopes open on unrelated threads share the helpers: each loop still completes, the
     * caller claiming what no helper takes.
     *
     * <pre>{@code try (var scope = Parallelism.spinScope(200)) { ... } }</pre>
     *
     * @param micros spin time in microseconds, {@code >= 0} (0: the scope changes nothing)
     */
    public static SpinScope spinScope(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("spin must be >= 0 microseconds, got " + micros);
        }
        Thread me = Thread.currentThread();
        if (micros == 0 || me instanceof java.util.concurrent.ForkJoinWorkerThread || me instanceof Spinners.Helper) {
            return new SpinScope(false);
        }
        synchronized (SPIN_SCOPES) {
            SPIN_SCOPES.incrementAndGet();
            scopedSpinNanos = Math.max(scopedSpinNanos, 1000L * micros);
        }
        return new SpinScope(true);
    }

    /** An open {@link #spinScope}; {@link #close} ends it (once; later calls do nothing). */
    public static final class SpinScope implements AutoCloseable {
        private boolean closed;

        private SpinScope(boolean open) {
            closed = !open;  // a scope that changed nothing has nothing to end
        }

        @Override
        public void close() {
            synchronized (SPIN_SCOPES) {
                if (closed) {
                    return;
                }
                closed = true;
                if (SPIN_SCOPES.decrementAndGet() == 0) {
                    scopedSpinNanos = 0;  // the helpers park at their next check
                }
            }
        }
    }

    /**
     * Experimental helper threads for {@link #forEach} (opt-in, see {@link #spinNanos}): {@code threads() - 1}
     * daemon threads that, between loops, watch the last published loop for a while before parking (yielding their
     * core to any other runnable thread while they watch), so that a short parallel section does not wait for a
     * parked thread to wake. Correctness does not depend on them: the
     * caller of a loop claims every index no helper has taken.
     */
    private static final class Spinners {
        static final AtomicReference<Loop> CURRENT = new AtomicReference<>();
        private static Thread[] helpers = new Thread[0];
        private static final AtomicInteger PARKED = new AtomicInteger();

        static void offer(Loop loop, int t) {
            Thread[] hs = helpers;
            if (hs.length != t - 1) {
                hs = start(t - 1);
            }
            CURRENT.set(loop);
            if (PARKED.get() > 0) {
                for (Thread h : hs) {
                    LockSupport.unpark(h);
                }
            }
        }

        private static synchronized Thread[] start(int k) {
            if (helpers.length == k) {
                return helpers;
            }
            for (Thread h : helpers) {
                h.interrupt();
            }
            Thread[] hs = new Thread[k];
            for (int i = 0; i < k; i++) {
                Thread h = new Helper("derive-spin-" + i);
                h.setDaemon(true);
                hs[i] = h;
                h.start();
            }
            helpers = hs;
            return hs;
        }

        /** A helper thread (a type of its own, so that {@link #spinScope} can tell it is inside parallel work). */
        static final class Helper extends Thread {
            Helper(String name) {
                super(Spinners::work, name);
            }
        }

        private static void work() {
            Loop seen = null;
            Thread me = Thread.currentThread();
            while (!me.isInterrupted()) {
                Loop l = CURRENT.get();
                if (l != null && l != seen) {
                    seen = l;
                    l.run();
                    continue;
                }
                long t0 = System.nanoTime();
                while ((l = CURRENT.get()) == null || l == seen) {
                    if (System.nanoTime() - t0 >= spinNanos()) {
                        PARKED.incrementAndGet();
                        l = CURRENT.get();
                        if (l == null || l == seen) {
                            LockSupport.park();
                        }
                        PARKED.decrementAndGet();
                        break;
                    }
                    // yield, not a pause: the JIT compiler and GC threads that want a core get this one instead of
                    // pre-empting the caller (on 2 cores the spinner was the core they took least), and with nothing
                    // else to run the call returns at once. HIGGS-like boosting on 2 cores: 4 of 4 alternating
                    // pairs faster (median 9.97 -> 8.91 s, process CPU 20.5 -> 18.0 s); flights unchanged
                    Thread.yield();
                }
            }
        }
    }

    /**
     * One {@link #forEach} call: indices claimed by the caller from the front of the range ({@link #runFromFront}) and
     * by its helpers from the back ({@link #run}), until the two ends meet. So in a run of loops over the same
     * range (a tree's histogram passes and split scans over the features), the caller mostly gets the low indices
     * and a helper the high ones, each loop again: a thread's share of the data stays in its core's cache from one
     * loop to the next, where claiming in order from one counter dealt the indices out anew each time. HIGGS-like
     * boosting on 2 threads, CPU profiles of two warm fits each way (run in both orders): the split scan's left sums,
     * the histogram subtraction, the partition and the gradient gather took 0.5-1 s less CPU per fit, the histogram
     * kernels the same; total CPU 1.7% and 8.5% lower.
     */
    private static final class Loop implements Runnable {
        private static final int SPINS = 1 << 11;
        private final int n;
        private final IntConsumer body;
        /** The unclaimed indices [front, back), as {@code front << 32 | back}. */
        private final AtomicLong ends;
        private final AtomicInteger done = new AtomicInteger();
        private volatile Thread waiter;
        private volatile Throwable error;

        Loop(int n, IntConsumer body) {
            this.n = n;
            this.body = body;
            this.ends = new AtomicLong(n);
        }

        /** Claims the next index from the front or the back; -1 when none is left. */
        private int claim(boolean front) {
            while (true) {
                long e = ends.get();
                int f = (int) (e >>> 32);
                int b = (int) e;
                if (f >= b) {
                    return -1;
                }
                long next = front ? e + (1L << 32) : e - 1;
                if (ends.compareAndSet(e, next)) {
                    return front ? f : b - 1;
                }
            }
        }

        /** The caller's part: indices from the front. */
        void runFromFront() {
            work(true);
        }

        /** A helper's part: indices from the back. */
        @Override
        public void run() {
            work(false);
        }

        private void work(boolean front) {
            int i;
            while ((i = claim(front)) >= 0) {
                try {
                    body.accept(i);
                } catch (Throwable e) {
                    synchronized (this) {
                        if (error == null) {
                            error = e;
                        }
                    }
                } finally {
                    if (done.incrementAndGet() == n) {
                        Thread w = waiter;
                        if (w != null) {
                            LockSupport.unpark(w);
                        }
                    }
                }
            }
        }

        /**
         * Returns when all n bodies have finished: a short spin, then, while helpers spin between loops
         * ({@link #spinNanos}), a yielding spin as long as theirs, then a park.
         */
        void await(long spinNanos) {
            for (int s = 0; s < SPINS; s++) {
                if (done.get() >= n) {
                    return;
                }
                Thread.onSpinWait();
            }
            if (spinNanos > 0) {
                // the helpers spin between loops, so the caller does too: a parked thread leaves its vCPU idle, and on
                // a busy virtual machine an idle vCPU waits for the host to run it again when woken (counted as steal).
                // HIGGS-like boosting on 2 vCPUs, with the helpers' spin raised to 20 ms as well, 6 alternating runs:
                // idle CPU time per fit 120-620 -> 27-42 jiffies, median 13.0 -> 12.3 s (docs/boost.md, eleventh round)
                long t0 = System.nanoTime();
                while (done.get() < n && System.nanoTime() - t0 < spinNanos) {
                    Thread.yield();
                }
                if (done.get() >= n) {
                    return;
                }
            }
            waiter = Thread.currentThread();
            while (done.get() < n) {
                LockSupport.park(this);
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
