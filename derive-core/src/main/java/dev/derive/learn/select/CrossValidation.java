package dev.derive.learn.select;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.KFold;
import dev.derive.data.Split;
import dev.derive.data.StratifiedKFold;
import dev.derive.learn.Classifier;
import dev.derive.learn.Learner;
import dev.derive.learn.Model;
import dev.derive.learn.Regressor;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Progress;
import java.util.List;

/**
 * K-fold cross-validation: for each split of a {@link CrossValidator}, fit the learner on the training part
 * and score the model on the test part (scikit-learn's {@code cross_validate} / {@code cross_val_score}), or
 * collect its out-of-fold predictions ({@code cross_val_predict}).
 *
 * <p><b>Parallel and deterministic.</b> Folds are fitted in parallel on {@link
 * dev.derive.runtime.Parallelism#pool()}; each fold's learner is fitted independently with the learner's
 * own parameters (a stochastic learner keeps its {@code seed}; nothing is reseeded per fold or per thread)
 * and the scores are collected by fold index, so the result is bit-identical whatever the thread count.
 *
 * <p><b>Checks before fitting.</b> The data must have a target, the learner's task must match it, every
 * scorer must apply to the task ({@code r2} on a classification task is refused, listing the scorers that
 * apply) and the splits must be valid ({@code k > n} and {@code k < 2} fail in the cross-validator). A
 * failure inside a fold is rethrown with the fold number in front of its message, keeping its type.
 *
 * <p><b>Sparse data.</b> On a sparse (CSR) data set the folds stay sparse: {@link Dataset#subset} keeps CSR rows,
 * each fold's learner fits them (through its sparse path, if it has one) and the models predict the test rows
 * through their sparse entry points; nothing densifies the whole data set.
 *
 * <p><b>Progress.</b> {@code start("cross-validation", folds)}, then {@code advance(1, "fold 3: accuracy
 * 0.9533")} as each fold finishes (from the worker threads, in completion order), then {@code finish()},
 * also after a failure.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * The cross-validator {@link #run(Learner, Dataset, int, long)} uses: stratified k-fold with shuffling
     * within each class for classification (a class with fewer than {@code k} rows is allowed, with a logged
     * warning, as scikit-learn warns), shuffled k-fold otherwise.
     *
     * @throws IllegalArgumentException if {@code k < 2} or {@code k} exceeds the number of rows
     */
    public static CrossValidator defaultCv(Dataset data, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k (number of folds) must be >= 2, got " + k);
        }
        if (k > data.size()) {
            throw new IllegalArgumentException("cannot split " + data.size() + " rows into " + k
                    + " folds (k must be <= the number of rows)");
        }
        return data.task() == Dataset.Task.CLASSIFICATION ? new StratifiedKFold(k, true, seed, true) : new KFold(k, true, seed);
    }

    /**
     * Cross-validates with {@link #defaultCv} and the task's default scorers ({@link Scorers#defaultsFor}),
     * without progress reports.
     */
    public static CvResult run(Learner<?> learner, Dataset data, int k, long seed) {
        checkTarget(learner, data);
        return run(learner, data, defaultCv(data, k, seed), Scorers.defaultsFor(data.task()), Progress.NONE);
    }

    /** Cross-validates with the task's default scorers. */
    public static CvResult run(Learner<?> learner, Dataset data, CrossValidator cv) {
        checkTarget(learner, data);
        return run(learner, data, cv, Scorers.defaultsFor(data.task()), Progress.NONE);
    }

    /**
     * Fits {@code learner} on the training part of each split of {@code cv} and scores each model on the
     * test part with every scorer.
     *
     * @param scorers  the scorers ({@code null}: the task's defaults); names must be distinct
     * @param progress progress sink ({@code null}: none)
     * @throws IllegalArgumentException for data without a target, a learner of another task, a scorer that
     *                                  does not apply, invalid splits, or a fold that cannot be fitted or scored
     */
    public static CvResult run(Learner<?> learner, Dataset data, CrossValidator cv, List<Scorer> scorers, Progress progress) {
        checkTarget(learner, data);
        return runSplits(learner, data, cv.split(data), scorers, progress);
    }

    /**
     * As {@link #run(Learner, Dataset, CrossValidator, List, Progress)} with group ids for a group-aware
     * cross-validator such as {@link dev.derive.data.GroupKFold} ({@code groups[i]}: the group of row
     * {@code i}).
     */
    public static CvResult run(Learner<?> learner, Dataset data, CrossValidator cv, int[] groups, List<Scorer> scorers,
                               Progress progress) {
        checkTarget(learner, data);
        int[] labels = data.task() == Dataset.Task.CLASSIFICATION ? data.labels() : null;
        return runSplits(learner, data, cv.split(data.size(), labels, groups), scorers, progress);
    }

    /** Cross-validates on explicit splits (e.g. from a file, or a scheme computed elsewhere). */
    public static CvResult runSplits(Learner<?> learner, Dataset data, List<Split> splits, List<Scorer> scorers,
                                     Progress progress) {
        checkTarget(learner, data);
        List<Scorer> sc = scorers == null ? Scorers.defaultsFor(data.task()) : List.copyOf(scorers);
        Scorers.check(sc, data);
        FoldRunner.checkSplits(splits, data.size());
        List<String> names = sc.stream().map(Scorer::name).toList();
        Progress p = FoldRunner.orNone(progress);
        int k = splits.size();
        long t0 = System.nanoTime();
        p.start("cross-validation", k);
        try {
            List<FoldRunner.Outcome> out = FoldRunner.map(k, f -> {
                FoldRunner.Outcome o;
                try {
                    o = FoldRunner.fitAndScore(learner, data, splits.get(f), sc);
                } catch (RuntimeException e) {
                    throw FoldRunner.withContext(e, "fold " + (f + 1) + " of " + k);
                }
                p.advance(1, FoldRunner.status("", f, sc, o.scores()));
                return o;
            });
            double[][] scores = new double[k][];
            double[] fit = new double[k];
            for (int f = 0; f < k; f++) {
                scores[f] = out.get(f).scores();
                fit[f] = out.get(f).fitSeconds();
            }
            return CvResult.of(names, scores, fit, (System.nanoTime() - t0) / 1e9);
        } finally {
            p.finish();
        }
    }

    /** The checks every entry point makes before splitting: a target, and a learner for its task. */
    static void checkTarget(Learner<?> learner, Dataset data) {
        if (data.task() == Dataset.Task.UNSUPERVISED) {
            throw new IllegalArgumentException("cross-validation needs data with a target to score against; this data set has none");
        }
        if (learner.task() != data.task()) {
            throw new IllegalArgumentException("learner '" + learner.name() + "' does " + learner.task().name().toLowerCase()
                    + " but the data set's target" + (data.targetName() == null ? "" : " '" + data.targetName() + "'")
                    + " makes a " + data.task().name().toLowerCase() + " task");
        }
    }

    // ================================================================ out-of-fold predictions

    /**
     * Out-of-fold predictions (scikit-learn {@code cross_val_predict}): entry {@code i} is the prediction for
     * row {@code i} by the model fitted on the folds that do not contain it. For regression the predicted
     * values; for classification the predicted class indices (as doubles; see
     * {@link #crossValPredictLabels}). The splits must partition the rows: every row in exactly one test part.
     */
    public static double[] crossValPredict(Learner<?> learner, Dataset data, CrossValidator cv) {
        return crossValPredict(learner, data, cv, Progress.NONE);
    }

    /** {@link #crossValPredict(Learner, Dataset, CrossValidator)} with progress reports. */
    public static double[] crossValPredict(Learner<?> learner, Dataset data, CrossValidator cv, Progress progress) {
        if (data.task() == Dataset.Task.CLASSIFICATION) {
            int[] labels = crossValPredictLabels(learner, data, cv, progress);
            double[] out = new double[labels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = labels[i];
            }
            return out;
        }
        double[] out = new double[data.size()];
        outOfFold(learner, data, cv, progress, (model, test, rows) -> {
            if (!(model instanceof Regressor reg)) {
                throw new IllegalArgumentException("model '" + model.kind() + "' is not a regressor");
            }
            double[] v = Predictions.predictValues(reg, test);
            for (int r = 0; r < rows.length; r++) {
                out[rows[r]] = v[r];
            }
        });
        return out;
    }

    /**
     * Out-of-fold predicted class indices ({@code 0..K-1}, indexing {@code data.classes()}), for a
     * classifier; the splits must partition the rows.
     */
    public static int[] crossValPredictLabels(Learner<?> learner, Dataset data, CrossValidator cv) {
        return crossValPredictLabels(learner, data, cv, Progress.NONE);
    }

    /** {@link #crossValPredictLabels(Learner, Dataset, CrossValidator)} with progress reports. */
    public static int[] crossValPredictLabels(Learner<?> learner, Dataset data, CrossValidator cv, Progress progress) {
        requireClassification(data, "crossValPredictLabels");
        int[] out = new int[data.size()];
        outOfFold(learner, data, cv, progress, (model, test, rows) -> {
            int[] map = classMap((Classifier) model, data);
            int[] v = Predictions.predictLabels((Classifier) model, test);
            for (int r = 0; r < rows.length; r++) {
                if (map[v[r]] < 0) {
                    throw new IllegalStateException("the model predicted class '" + ((Classifier) model).classes().get(v[r])
                            + "', which is not a class of the data " + data.classes());
                }
                out[rows[r]] = map[v[r]];
            }
        });
        return out;
    }

    /**
     * Out-of-fold class probabilities, {@code n x K} with column {@code c} for {@code data.classes().get(c)}
     * (a class unknown to a fold's model gets probability 0 there); the splits must partition the rows.
     */
    public static Matrix crossValPredictProba(Learner<?> learner, Dataset data, CrossValidator cv) {
        return crossValPredictProba(learner, data, cv, Progress.NONE);
    }

    /** {@link #crossValPredictProba(Learner, Dataset, CrossValidator)} with progress reports. */
    public static Matrix crossValPredictProba(Learner<?> learner, Dataset data, CrossValidator cv, Progress progress) {
        requireClassification(data, "crossValPredictProba");
        Matrix out = Matrix.zeros(data.size(), data.numClasses());
        outOfFold(learner, data, cv, progress, (model, test, rows) -> {
            Classifier c = (Classifier) model;
            int[] map = classMap(c, data);
            Matrix p = Predictions.predictProba(c, test);
            for (int j = 0; j < map.length; j++) {
                if (map[j] < 0) {
                    // a class the data do not have: only acceptable if never given any probability
                    for (int r = 0; r < rows.length; r++) {
                        if (p.get(r, j) != 0) {
                            throw new IllegalStateException("the model gives probability to class '" + c.classes().get(j)
                                    + "', which is not a class of the data " + data.classes());
                        }
                    }
                    continue;
                }
                for (int r = 0; r < rows.length; r++) {
                    out.set(rows[r], map[j], p.get(r, j));
                }
            }
        });
        return out;
    }

    private static void requireClassification(Dataset data, String method) {
        if (data.task() != Dataset.Task.CLASSIFICATION) {
            throw new IllegalArgumentException(method + " is for classification; the data set's task is "
                    + data.task().name().toLowerCase() + (data.task() == Dataset.Task.REGRESSION ? " (use crossValPredict)" : ""));
        }
    }

    /** For each model class, its index in the data's classes (or -1). */
    private static int[] classMap(Classifier model, Dataset data) {
        List<String> mc = model.classes();
        if (mc.isEmpty() || mc.equals(data.classes())) {
            int[] id = new int[data.numClasses()];
            for (int c = 0; c < id.length; c++) {
                id[c] = c;
            }
            return id;
        }
        int[] map = new int[mc.size()];
        for (int j = 0; j < map.length; j++) {
            map[j] = data.classes().indexOf(mc.get(j));
        }
        return map;
    }

    private interface FoldSink {
        void accept(Model model, Dataset test, int[] testRows);
    }

    private static void outOfFold(Learner<?> learner, Dataset data, CrossValidator cv, Progress progress, FoldSink sink) {
        checkTarget(learner, data);
        List<Split> splits = cv.split(data);
        FoldRunner.checkSplits(splits, data.size());
        int n = data.size();
        int[] seen = new int[n];
        for (Split s : splits) {
            for (int i : s.test()) {
                seen[i]++;
            }
        }
        for (int i = 0; i < n; i++) {
            if (seen[i] != 1) {
                throw new IllegalArgumentException("out-of-fold predictions need splits whose test parts partition the rows, but row "
                        + i + " is in " + seen[i] + " test parts (repeated or shuffle-split schemes do not partition)");
            }
        }
        Progress p = FoldRunner.orNone(progress);
        int k = splits.size();
        p.start("cross-validation", k);
        try {
            // each fold writes only its own test rows, so the folds never touch the same entry
            FoldRunner.map(k, f -> {
                Split s = splits.get(f);
                try {
                    Model model = learner.fit(data.subset(s.train()));
                    int[] rows = s.test();
                    sink.accept(model, data.subset(rows), rows);
                } catch (RuntimeException e) {
                    throw FoldRunner.withContext(e, "fold " + (f + 1) + " of " + k);
                }
                p.advance(1, "fold " + (f + 1) + " predicted");
                return null;
            });
        } finally {
            p.finish();
        }
    }
}
