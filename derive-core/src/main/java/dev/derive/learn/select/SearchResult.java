package dev.derive.learn.select;

import dev.derive.learn.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link GridSearch} or {@link RandomSearch}: every candidate's parameter values and its
 * cross-validation result, the index of the best candidate (by the mean of the first scorer; the first
 * candidate wins a tie, as in scikit-learn's {@code GridSearchCV}), its parameters and, when refitting was
 * asked for, its model refitted on all the data.
 *
 * @param candidates the searched parameter values of each candidate, in evaluation order
 * @param results    the cross-validation result of each candidate (same order)
 * @param bestIndex  the index of the best candidate
 * @param bestParams the searched parameter values of the best candidate
 * @param bestModel  the best candidate fitted on all the data, or {@code null} without refitting
 */
public record SearchResult(List<Map<String, Object>> candidates, List<CvResult> results, int bestIndex,
                           Map<String, Object> bestParams, Model bestModel) {

    /** Copies the lists and maps (unmodifiable, in their order). */
    public SearchResult {
        List<Map<String, Object>> c = new ArrayList<>(candidates.size());
        for (Map<String, Object> m : candidates) {
            c.add(Collections.unmodifiableMap(new LinkedHashMap<>(m)));
        }
        candidates = Collections.unmodifiableList(c);
        results = List.copyOf(results);
        if (candidates.size() != results.size()) {
            throw new IllegalArgumentException(candidates.size() + " candidates but " + results.size() + " results");
        }
        if (bestIndex < 0 || bestIndex >= candidates.size()) {
            throw new IllegalArgumentException("bestIndex " + bestIndex + " is outside [0, " + candidates.size() + ")");
        }
        bestParams = Collections.unmodifiableMap(new LinkedHashMap<>(bestParams));
    }

    /** The name of the scorer that ranks the candidates (the first of each result). */
    public String scorerName() {
        return results.get(0).scorerNames().get(0);
    }

    /** The mean score of the ranking scorer, per candidate. */
    public double[] meanScores() {
        double[] m = new double[results.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = results.get(i).mean()[0];
        }
        return m;
    }

    /** The best candidate's mean score of the ranking scorer. */
    public double bestScore() {
        return results.get(bestIndex).mean()[0];
    }

    /** The best candidate's cross-validation result. */
    public CvResult bestResult() {
        return results.get(bestIndex);
    }

    /** Number of candidates evaluated. */
    public int size() {
        return candidates.size();
    }

    /**
     * The index of the best of {@code means}: the largest when {@code greaterIsBetter}, else the smallest;
     * the first one on a tie; a NaN mean never wins unless all are NaN.
     */
    static int best(double[] means, boolean greaterIsBetter) {
        int best = -1;
        for (int i = 0; i < means.length; i++) {
            double v = means[i];
            if (Double.isNaN(v)) {
                continue;
            }
            if (best < 0 || (greaterIsBetter ? v > means[best] : v < means[best])) {
                best = i;
            }
        }
        return Math.max(best, 0);
    }

    /** A table: one line per candidate with its parameters and mean +- std of the ranking scorer, best marked. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        String name = scorerName();
        for (int i = 0; i < candidates.size(); i++) {
            CvResult r = results.get(i);
            b.append(i == bestIndex ? "* " : "  ")
                    .append(String.format(Locale.ROOT, "%s %.6g +- %.3g  ", name, r.mean()[0], r.std()[0]))
                    .append(candidates.get(i))
                    .append(System.lineSeparator());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "SearchResult(" + candidates.size() + " candidates, best " + bestParams + " with "
                + String.format(Locale.ROOT, "%s %.6g", scorerName(), bestScore()) + ")";
    }
}
