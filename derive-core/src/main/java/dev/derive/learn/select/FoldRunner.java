package dev.derive.learn.select;

import dev.derive.data.Dataset;
import dev.derive.data.Split;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.runtime.Parallelism;
import dev.derive.runtime.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Runs independent units of work (fit one learner on one fold and score it) on the library's fork/join pool
 * and collects the results by index, so that the outcome does not depend on the thread count or on the order
 * in which the units finish. The first failure stops units that have not started; the failure of the lowest
 * index among those that ran is rethrown.
 */
final class FoldRunner {

    private FoldRunner() {
    }

    /** The scores of one fitted fold, the time to fit its model and the time to fit and score it. */
    record Outcome(double[] scores, double fitSeconds, double seconds) {
    }

    /** {@code work.apply(i)} for {@code i = 0..count-1}, in parallel when more than one thread is allowed. */
    static <T> List<T> map(int count, IntFunction<T> work) {
        Object[] out = new Object[count];
        if (count <= 1 || Parallelism.threads() == 1) {
            for (int i = 0; i < count; i++) {
                out[i] = work.apply(i);
            }
            return results(out);
        }
        Throwable[] errors = new Throwable[count];
        AtomicBoolean failed = new AtomicBoolean();
        ForkJoinPool pool = Parallelism.pool();
        List<ForkJoinTask<?>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(pool.submit(() -> {
                if (failed.get()) {
                    return;
                }
                try {
                    out[index] = work.apply(index);
                } catch (Throwable t) {
                    errors[index] = t;
                    failed.set(true);
                }
            }));
        }
        for (ForkJoinTask<?> t : tasks) {
            t.join();
        }
        for (Throwable t : errors) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
        return results(out);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> results(Object[] out) {
        List<T> r = new ArrayList<>(out.length);
        for (Object o : out) {
            r.add((T) o);
        }
        return r;
    }

    /**
     * Fits {@code learner} on the training part of {@code split} and scores the model on its test part. Built-in
     * scorers share one set of predictions.
     */
    static Outcome fitAndScore(Learner<?> learner, Dataset data, Split split, List<Scorer> scorers) {
        long start = System.nanoTime();
        Dataset train = data.subset(split.train());
        Dataset test = data.subset(split.test());
        long t0 = System.nanoTime();
        Model model = learner.fit(train);
        double fitSeconds = (System.nanoTime() - t0) / 1e9;
        double[] scores = score(model, test, scorers);
        return new Outcome(scores, fitSeconds, (System.nanoTime() - start) / 1e9);
    }

    /** The scores of {@code model} on {@code test}, one per scorer. */
    static double[] score(Model model, Dataset test, List<Scorer> scorers) {
        Predictions shared = new Predictions(model, test, scorers.get(0).name());
        double[] s = new double[scorers.size()];
        for (int j = 0; j < s.length; j++) {
            Scorer sc = scorers.get(j);
            if (sc instanceof Scorers.Builtin b) {
                try {
                    s[j] = b.compute(shared);
                } catch (UnsupportedOperationException e) {
                    s[j] = Double.NaN; // a probability score of a classifier without probabilities
                }
            } else {
                s[j] = sc.score(model, test);
            }
        }
        return s;
    }

    /**
     * The same exception type with {@code context} (e.g. "fold 3 of 5") in front of its message, so that a
     * caller catching {@link IllegalArgumentException} for bad input still does.
     */
    static RuntimeException withContext(RuntimeException e, String context) {
        String msg = context + ": " + e.getMessage();
        if (e instanceof IllegalArgumentException) {
            return new IllegalArgumentException(msg, e);
        }
        if (e instanceof UnsupportedOperationException) {
            return new UnsupportedOperationException(msg, e);
        }
        return new IllegalStateException(context + ": " + e, e);
    }

    /** A short status for progress reports: {@code "fold 3: accuracy 0.9533"}. */
    static String status(String prefix, int fold, List<Scorer> scorers, double[] scores) {
        return String.format(Locale.ROOT, "%sfold %d: %s %.4g", prefix, fold + 1, scorers.get(0).name(), scores[0]);
    }

    /** Checks a cross-validator's splits: at least one, each with non-empty parts and row indices in range. */
    static void checkSplits(List<Split> splits, int n) {
        if (splits == null || splits.isEmpty()) {
            throw new IllegalArgumentException("the cross-validator produced no splits");
        }
        for (int f = 0; f < splits.size(); f++) {
            Split s = splits.get(f);
            if (s.trainSize() == 0 || s.testSize() == 0) {
                throw new IllegalArgumentException("split " + (f + 1) + " of " + splits.size() + " has " + s.trainSize()
                        + " training and " + s.testSize() + " test rows; both parts need at least one row");
            }
            for (int[] part : new int[][] {s.train(), s.test()}) {
                for (int i : part) {
                    if (i < 0 || i >= n) {
                        throw new IllegalArgumentException("split " + (f + 1) + " refers to row " + i + " of a data set with "
                                + n + " rows");
                    }
                }
            }
        }
    }

    /** Progress that is never null. */
    static Progress orNone(Progress p) {
        return p == null ? Progress.NONE : p;
    }
}
