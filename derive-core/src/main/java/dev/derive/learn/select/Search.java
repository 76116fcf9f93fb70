package dev.derive.learn.select;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.Split;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.Param;
import dev.derive.runtime.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The evaluation shared by {@link GridSearch} and {@link RandomSearch}: every candidate on every fold, in parallel. */
final class Search {

    private Search() {
    }

    /** The number of folds a search uses when none is given ({@link CrossValidation#defaultCv}, seed 0). */
    static final int DEFAULT_FOLDS = 5;

    /**
     * The spec of {@code name} in {@code learner}'s parameters; an unknown name fails listing the valid ones.
     */
    static Param<?> spec(Learner<?> learner, String name) {
        try {
            return learner.params().spec(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learner '" + learner.name() + "': " + e.getMessage(), e);
        }
    }

    /** {@code value} converted and checked by the spec of {@code name}, the message naming the learner. */
    static Object validate(Learner<?> learner, String name, Object value) {
        Param<?> p = spec(learner, name);
        try {
            return p.validate(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learner '" + learner.name() + "': " + e.getMessage(), e);
        }
    }

    static SearchResult run(Learner<?> learner, List<Map<String, Object>> candidates, Dataset data,
                            Function<Dataset, CrossValidator> cv,
                            List<Scorer> scoring, boolean refit, Progress progress, String taskName) {
        CrossValidation.checkTarget(learner, data);
        List<Scorer> scorers = scoring == null ? List.of(Scorers.primaryFor(data.task())) : scoring;
        Scorers.check(scorers, data);
        // every candidate learner is built (and so validated) before anything is fitted
        int c = candidates.size();
        List<Learner<?>> learners = new ArrayList<>(c);
        for (int i = 0; i < c; i++) {
            Learner<?> l = learner;
            try {
                for (Map.Entry<String, Object> e : candidates.get(i).entrySet()) {
                    l = l.with(e.getKey(), e.getValue());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("candidate " + (i + 1) + " " + candidates.get(i) + ": " + e.getMessage(), e);
            }
            learners.add(l);
        }
        CrossValidator folds = cv.apply(data);
        List<Split> splits = folds.split(data);
        FoldRunner.checkSplits(splits, data.size());
        int k = splits.size();
        List<String> names = scorers.stream().map(Scorer::name).toList();
        Progress p = FoldRunner.orNone(progress);
        p.start(taskName, (long) c * k);
        List<CvResult> results = new ArrayList<>(c);
        try {
            List<FoldRunner.Outcome> out = FoldRunner.map(Math.multiplyExact(c, k), t -> {
                int i = t / k;
                int f = t % k;
                FoldRunner.Outcome o;
                try {
                    o = FoldRunner.fitAndScore(learners.get(i), data, splits.get(f), scorers);
                } catch (RuntimeException e) {
                    throw FoldRunner.withContext(e, "candidate " + (i + 1) + " of " + c + " " + candidates.get(i)
                            + ", fold " + (f + 1) + " of " + k);
                }
                p.advance(1, FoldRunner.status(describe(candidates.get(i)) + ", ", f, scorers, o.scores()));
                return o;
            });
            for (int i = 0; i < c; i++) {
                double[][] scores = new double[k][];
                double[] fit = new double[k];
                double busy = 0;
                for (int f = 0; f < k; f++) {
                    FoldRunner.Outcome o = out.get(i * k + f);
                    scores[f] = o.scores();
                    fit[f] = o.fitSeconds();
                    busy += o.seconds();
                }
                // the folds of all candidates run interleaved, so a candidate's wall time is not defined:
                // it reports the time its folds took to fit and score, summed
                results.add(CvResult.of(names, scores, fit, busy));
            }
        } finally {
            p.finish();
        }
        double[] means = new double[c];
        for (int i = 0; i < c; i++) {
            means[i] = results.get(i).mean()[0];
        }
        int best = SearchResult.best(means, scorers.get(0).greaterIsBetter());
        Model model = null;
        if (refit) {
            try {
                model = learners.get(best).fit(data);
            } catch (RuntimeException e) {
                throw FoldRunner.withContext(e, "refitting the best candidate " + candidates.get(best) + " on all the data");
            }
        }
        return new SearchResult(candidates, results, best, candidates.get(best), model);
    }

    /** {@code alpha=0.1 solver=svd}. */
    static String describe(Map<String, Object> candidate) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : candidate.entrySet()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(e.getKey()).append('=').append(e.getValue() == null ? "none" : e.getValue());
        }
        return b.toString();
    }
}
