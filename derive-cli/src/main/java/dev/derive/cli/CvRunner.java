package dev.derive.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.KFold;
import dev.derive.data.Split;
import dev.derive.data.StratifiedKFold;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.runtime.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --cv K} for {@code derive fit}: stratified K-fold for classification, shuffled K-fold for
 * regression, seeded.
 */
final class CvRunner {

    private CvRunner() {
    }

    /** Per-metric fold scores with their mean and (population) standard deviation. */
    record Result(List<String> names, double[][] foldScores, double[] mean, double[] std, double[] fitSeconds, double seconds) {

        ObjectNode toJson() {
            ObjectNode o = Json.object();
            for (int k = 0; k < names.size(); k++) {
                ObjectNode m = o.putObject(names.get(k));
                Json.put(m, "mean", mean[k]);
                Json.put(m, "std", std[k]);
                ArrayNode f = m.putArray("folds");
                for (double[] fold : foldScores) {
                    Json.add(f, fold[k]);
                }
            }
            return o;
        }
    }

    /** The folds of {@code data}: stratified for classification, shuffled for regression. */
    static CrossValidator folds(Dataset data, int k, long seed) {
        return data.task() == Dataset.Task.CLASSIFICATION ? new StratifiedKFold(k, true, seed) : new KFold(k, true, seed);
    }

    static Result run(Learner<?> learner, Dataset data, int k, long seed, Progress progress) {
        if (k > data.size()) {
            throw CliException.usage("--cv " + k + " needs at least " + k + " rows; the data have " + data.size());
        }
        List<Split> splits;
        try {
            splits = folds(data, k, seed).split(data);
        } catch (IllegalArgumentException e) {
            throw CliException.data("cannot make " + k + " cross-validation folds: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        List<String> names = null;
        double[][] scores = new double[k][];
        double[] fitSeconds = new double[k];
        progress.start("cross-validation", k);
        try {
            for (int f = 0; f < k; f++) {
                Split s = splits.get(f);
                Dataset train = data.subset(s.train());
                Dataset test = data.subset(s.test());
                long f0 = System.nanoTime();
                Model m = Learners.fit(learner, train);
                fitSeconds[f] = (System.nanoTime() - f0) / 1e9;
                Object truth = test.task() == Dataset.Task.CLASSIFICATION ? test.labels() : test.target();
                Map<String, Double> sc = Scores.evaluate(m, test.features(), truth, new ArrayList<>()).metrics();
                if (names == null) {
                    names = new ArrayList<>(sc.keySet());
                }
                scores[f] = new double[names.size()];
                for (int j = 0; j < names.size(); j++) {
                    scores[f][j] = sc.getOrDefault(names.get(j), Double.NaN);
                }
                progress.advance(1, names.get(0) + " " + Text.num(scores[f][0]));
            }
        } finally {
            progress.finish();
        }
        double[] mean = new double[names.size()];
        double[] std = new double[names.size()];
        for (int j = 0; j < names.size(); j++) {
            double s = 0;
            for (double[] row : scores) {
                s += row[j];
            }
            mean[j] = s / k;
            double v = 0;
            for (double[] row : scores) {
                v += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
            std[j] = Math.sqrt(v / k);
        }
        return new Result(names, scores, mean, std, fitSeconds, (System.nanoTime() - t0) / 1e9);
    }
}
