package dev.derive.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.learn.Learner;
import dev.derive.learn.select.CrossValidation;
import dev.derive.learn.select.CvResult;
import dev.derive.learn.select.Scorers;
import dev.derive.runtime.Progress;

/**
 * {@code --cv K} for {@code derive fit}, on {@link CrossValidation}: stratified K-fold (shuffled within
 * each class) for classification, shuffled K-fold for regression, seeded, scored with the task's default
 * scorers ({@link Scorers#defaultsFor}: the same metric names {@link Scores} reports). LibSVM input stays sparse:
 * the folds are CSR subsets, fitted through the learner's sparse path and predicted from the CSR test rows, so a
 * file too large to densify can be cross-validated with a sparse-capable learner (lasso, logistic, ...).
 */
final class CvRunner {

    private CvRunner() {
    }

    static CvResult run(Learner<?> learner, Dataset data, int k, long seed, Progress progress) {
        if (k > data.size()) {
            throw CliException.usage("--cv " + k + " needs at least " + k + " rows; the data have " + data.size());
        }
        CrossValidator cv;
        try {
            cv = CrossValidation.defaultCv(data, k, seed);
            cv.split(data); // a K that the classes cannot support is a usage error, found before any fitting
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--cv " + k + ": " + e.getMessage());
        }
        try {
            return CrossValidation.run(learner, data, cv, Scorers.defaultsFor(data.task()), progress);
        } catch (IllegalArgumentException e) {
            throw CliException.data("cross-validation failed: " + e.getMessage());
        }
    }

    /** Per metric: mean, standard deviation and the fold scores. */
    static ObjectNode toJson(CvResult r) {
        ObjectNode o = Json.object();
        for (int k = 0; k < r.scorerNames().size(); k++) {
            ObjectNode m = o.putObject(r.scorerNames().get(k));
            Json.put(m, "mean", r.mean()[k]);
            Json.put(m, "std", r.std()[k]);
            ArrayNode f = m.putArray("folds");
            for (double[] fold : r.foldScores()) {
                Json.add(f, fold[k]);
            }
        }
        return o;
    }
}
