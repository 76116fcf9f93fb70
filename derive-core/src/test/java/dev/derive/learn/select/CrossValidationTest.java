package dev.derive.learn.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.CrossValidator;
import dev.derive.data.Dataset;
import dev.derive.data.GroupKFold;
import dev.derive.data.KFold;
import dev.derive.data.RepeatedKFold;
import dev.derive.data.Split;
import dev.derive.data.StratifiedKFold;
import dev.derive.learn.Model;
import dev.derive.learn.metrics.Average;
import dev.derive.learn.metrics.ClassificationMetrics;
import dev.derive.learn.metrics.RegressionMetrics;
import dev.derive.learn.select.TinyLearners.CentroidModel;
import dev.derive.learn.select.TinyLearners.Centroids;
import dev.derive.learn.select.TinyLearners.RidgeModel;
import dev.derive.learn.select.TinyLearners.TinyRidge;
import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import dev.derive.runtime.Progress;
import dev.derive.testing.RecordingProgress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    static final Dataset BLOBS = TinyLearners.blobs(90, 3, 4, 1);
    static final Dataset LINEAR = TinyLearners.linear(60, 3, 2);

    static CvResult withThreads(int threads, java.util.function.Supplier<CvResult> run) {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(threads);
            return run.get();
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void foldScoresAreTheMetricsOfEachFoldsModel() {
        Centroids learner = Centroids.learner().temperature(4.0);
        CrossValidator cv = new StratifiedKFold(5, true, 3);
        CvResult r = CrossValidation.run(learner, BLOBS, cv, Scorers.defaultsFor(Dataset.Task.CLASSIFICATION), Progress.NONE);
        assertEquals(List.of("accuracy", "balanced_accuracy", "f1_macro", "log_loss", "roc_auc"), r.scorerNames());
        List<Split> splits = cv.split(BLOBS);
        for (int f = 0; f < 5; f++) {
            CentroidModel m = learner.fit(BLOBS.subset(splits.get(f).train()));
            Dataset test = BLOBS.subset(splits.get(f).test());
            int[] y = test.labels();
            int[] pred = m.predict(test.features());
            Matrix proba = m.predictProba(test.features());
            double[] expected = {
                    ClassificationMetrics.accuracy(y, pred),
                    ClassificationMetrics.balancedAccuracy(y, pred),
                    ClassificationMetrics.f1(y, pred, Average.MACRO),
                    ClassificationMetrics.logLoss(y, proba),
                    ClassificationMetrics.rocAucOvr(y, proba, Average.MACRO)};
            assertArrayEquals(expected, r.foldScores()[f], "fold " + f);
        }
        assertTrue(r.mean("accuracy") > 0.6, r.toString());
        assertEquals(5, r.fitSeconds().length);
        assertTrue(r.seconds() >= 0);
    }

    @Test
    void regressionScoresAndDefaults() {
        CvResult r = CrossValidation.run(TinyRidge.learner(), LINEAR, 4, 11);
        assertEquals(List.of("r2", "rmse", "mae"), r.scorerNames());
        List<Split> splits = new KFold(4, true, 11).split(LINEAR.size());
        for (int f = 0; f < 4; f++) {
            RidgeModel m = TinyRidge.learner().fit(LINEAR.subset(splits.get(f).train()));
            Dataset test = LINEAR.subset(splits.get(f).test());
            double[] p = m.predict(test.features());
            assertEquals(RegressionMetrics.r2(test.target(), p), r.foldScores()[f][0]);
            assertEquals(RegressionMetrics.rmse(test.target(), p), r.foldScores()[f][1]);
            assertEquals(RegressionMetrics.mae(test.target(), p), r.foldScores()[f][2]);
        }
        assertTrue(r.mean("r2") > 0.9, r.toString());
    }

    @Test
    void meanAndPopulationStdOverFolds() {
        CvResult r = CvResult.of(List.of("a", "b"), new double[][] {{1, 10}, {2, 10}, {6, 10}}, new double[] {0.1, 0.2, 0.3}, 1);
        assertEquals(3, r.mean("a"));
        assertEquals(Math.sqrt((4 + 1 + 9) / 3.0), r.std("a"), 1e-15);
        assertEquals(0, r.std("b"));
        assertArrayEquals(new double[] {1, 2, 6}, r.scores("a"));
        assertEquals(0.6, r.totalFitSeconds(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.mean("c"));
        assertTrue(e.getMessage().contains("[a, b]"), e.getMessage());
        // the record is immutable and equality ignores timings
        r.foldScores()[0][0] = 99;
        r.mean()[0] = 99;
        assertEquals(1, r.scores("a")[0]);
        assertEquals(3, r.mean("a"));
        CvResult slower = CvResult.of(List.of("a", "b"), new double[][] {{1, 10}, {2, 10}, {6, 10}}, new double[] {1, 2, 3}, 9);
        assertEquals(r, slower);
        assertEquals(r.hashCode(), slower.hashCode());
        assertNotEquals(r, CvResult.of(List.of("a", "b"), new double[][] {{1, 10}, {2, 10}, {6, 11}}, new double[3], 1));
        assertTrue(r.summary().contains("a  3.00000 +- 2.16"), r.summary());
    }

    @Test
    void identicalResultsWhateverTheThreadCountAndSeedsAreNotChanged() {
        // a stochastic learner: the centroids are jittered from the learner's seed
        Centroids learner = Centroids.learner().with("noise", 0.7).with("seed", 99L);
        List<Scorer> scorers = Scorers.applicable(Dataset.Task.CLASSIFICATION, 3);
        CvResult one = withThreads(1, () -> CrossValidation.run(learner, BLOBS, new StratifiedKFold(6, true, 5), scorers, null));
        CvResult four = withThreads(4, () -> CrossValidation.run(learner, BLOBS, new StratifiedKFold(6, true, 5), scorers, null));
        assertEquals(one, four);
        assertTrue(java.util.Arrays.deepEquals(one.foldScores(), four.foldScores()));
        // each fold's model is the learner fitted with its own seed, not reseeded per fold or thread
        List<Split> splits = new StratifiedKFold(6, true, 5).split(BLOBS);
        for (int f = 0; f < 6; f++) {
            Model m = learner.fit(BLOBS.subset(splits.get(f).train()));
            assertArrayEquals(FoldRunner.score(m, BLOBS.subset(splits.get(f).test()), scorers), four.foldScores()[f]);
        }
        // and the jitter matters: another seed gives other scores
        CvResult other = CrossValidation.run(learner.with("seed", 100L), BLOBS, new StratifiedKFold(6, true, 5), scorers, null);
        assertNotEquals(one, other);
    }

    @Test
    void progressReportsEveryFold() {
        RecordingProgress p = new RecordingProgress();
        withThreads(2, () -> CrossValidation.run(Centroids.learner(), BLOBS, new KFold(5, true, 1), List.of(Scorers.ACCURACY), p));
        assertEquals(List.of("cross-validation"), p.starts);
        assertEquals(5, p.total);
        assertEquals(5, p.steps);
        assertEquals(1, p.finishes);
        Set<String> folds = new HashSet<>();
        for (String m : p.messages) {
            assertTrue(m.matches("fold [1-5]: accuracy [0-9.]+"), m);
            folds.add(m.substring(0, 6));
        }
        assertEquals(5, folds.size());
    }

    @Test
    void aFailingFoldNamesTheFoldKeepsTheTypeAndFinishesProgress() {
        RecordingProgress p = new RecordingProgress();
        // 60 rows in 3 folds: every training part has 40 rows, fewer than min_rows
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(
                TinyRidge.learner().with("min_rows", 41), LINEAR, new KFold(3), List.of(Scorers.R2), p));
        assertTrue(e.getMessage().matches("fold [1-3] of 3: tiny_ridge needs at least 41 rows, got 40"), e.getMessage());
        assertEquals(1, p.finishes);
        // sequentially, the first fold fails first
        IllegalArgumentException seq = assertThrows(IllegalArgumentException.class, () -> withThreads(1, () -> CrossValidation.run(
                TinyRidge.learner().with("min_rows", 41), LINEAR, new KFold(3), List.of(Scorers.R2), null)));
        assertTrue(seq.getMessage().startsWith("fold 1 of 3: "), seq.getMessage());
    }

    @Test
    void aTrainingFoldWithoutAClassStillScoresOverAllClasses() {
        // class 2 only in fold 0's test part: its model knows 3 classes but has seen two
        int n = BLOBS.size();
        int[] y = BLOBS.labels();
        int[] test0 = IntStream.range(0, n).filter(i -> y[i] == 2 || i % 5 == 0).toArray();
        int[] train0 = IntStream.range(0, n).filter(i -> !(y[i] == 2 || i % 5 == 0)).toArray();
        // fold 1: the test part lacks class 2
        int[] test1 = IntStream.range(0, n).filter(i -> y[i] != 2 && i % 5 == 1).toArray();
        int[] train1 = IntStream.range(0, n).filter(i -> !(y[i] != 2 && i % 5 == 1)).toArray();
        CrossValidator cv = ListedSplits.of(new Split(train0, test0), new Split(train1, test1));
        Centroids learner = Centroids.learner().temperature(3.0);
        CvResult r = CrossValidation.run(learner, BLOBS, cv, Scorers.byNames(List.of("accuracy", "log_loss", "roc_auc", "f1_macro")), null);

        CentroidModel m0 = learner.fit(BLOBS.subset(train0));
        Dataset t0 = BLOBS.subset(test0);
        Matrix p0 = m0.predictProba(t0.features());
        assertEquals(3, p0.cols());
        assertEquals(0, p0.column(2).normMax()); // never seen: probability 0
        assertEquals(ClassificationMetrics.logLoss(t0.labels(), p0), r.foldScores()[0][1]);
        assertTrue(Double.isFinite(r.foldScores()[0][1]) && r.foldScores()[0][1] > 5, "log loss of rows of an unseen class is large");
        assertEquals(ClassificationMetrics.accuracy(t0.labels(), m0.predict(t0.features())), r.foldScores()[0][0]);
        assertEquals(ClassificationMetrics.rocAucOvr(t0.labels(), p0, Average.MACRO), r.foldScores()[0][2]);

        // fold 1's test part has classes 0 and 1 only: one-vs-rest AUC over those two, F1 over present labels
        CentroidModel m1 = learner.fit(BLOBS.subset(train1));
        Dataset t1 = BLOBS.subset(test1);
        Matrix p1 = m1.predictProba(t1.features());
        int[] l1 = t1.labels();
        double auc0 = ClassificationMetrics.rocAuc(IntStream.of(l1).map(v -> v == 0 ? 1 : 0).toArray(), p1.columnArray(0));
        double auc1 = ClassificationMetrics.rocAuc(IntStream.of(l1).map(v -> v == 1 ? 1 : 0).toArray(), p1.columnArray(1));
        assertEquals((auc0 + auc1) / 2, r.foldScores()[1][2], 1e-15);
        assertEquals(ClassificationMetrics.logLoss(l1, p1), r.foldScores()[1][1]);
        assertEquals(ClassificationMetrics.f1(l1, m1.predict(t1.features()), Average.MACRO), r.foldScores()[1][3]);
    }

    @Test
    void outOfFoldPredictions() {
        KFold cv = new KFold(4, true, 8);
        double[] values = CrossValidation.crossValPredict(TinyRidge.learner(), LINEAR, cv);
        Matrix proba = CrossValidation.crossValPredictProba(Centroids.learner(), BLOBS, cv);
        int[] labels = CrossValidation.crossValPredictLabels(Centroids.learner(), BLOBS, cv);
        double[] labelsAsDoubles = CrossValidation.crossValPredict(Centroids.learner(), BLOBS, cv);
        for (Split s : cv.split(LINEAR.size())) {
            RidgeModel m = TinyRidge.learner().fit(LINEAR.subset(s.train()));
            double[] p = m.predict(LINEAR.subset(s.test()).features());
            int[] rows = s.test();
            for (int r = 0; r < rows.length; r++) {
                assertEquals(p[r], values[rows[r]]);
            }
        }
        for (Split s : cv.split(BLOBS.size())) {
            CentroidModel m = Centroids.learner().fit(BLOBS.subset(s.train()));
            Matrix x = BLOBS.subset(s.test()).features();
            Matrix p = m.predictProba(x);
            int[] pred = m.predict(x);
            int[] rows = s.test();
            for (int r = 0; r < rows.length; r++) {
                assertArrayEquals(p.rowArray(r), proba.rowArray(rows[r]));
                assertEquals(pred[r], labels[rows[r]]);
                assertEquals(pred[r], labelsAsDoubles[rows[r]]);
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.crossValPredict(TinyRidge.learner(), LINEAR, new RepeatedKFold(3, 2, 1)));
        assertTrue(e.getMessage().contains("partition"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.crossValPredictProba(TinyRidge.learner(), LINEAR, cv));
        assertTrue(e.getMessage().contains("classification"), e.getMessage());
    }

    @Test
    void groupsKeepEachGroupInOneTestPart() {
        int[] groups = IntStream.range(0, LINEAR.size()).map(i -> i / 6).toArray(); // 10 groups of 6
        RecordingProgress p = new RecordingProgress();
        CvResult r = CrossValidation.run(TinyRidge.learner(), LINEAR, new GroupKFold(5), groups, List.of(Scorers.R2), p);
        assertEquals(5, r.numFolds());
        List<Split> splits = new GroupKFold(5).split(groups);
        for (int f = 0; f < 5; f++) {
            RidgeModel m = TinyRidge.learner().fit(LINEAR.subset(splits.get(f).train()));
            Dataset test = LINEAR.subset(splits.get(f).test());
            assertEquals(RegressionMetrics.r2(test.target(), m.predict(test.features())), r.foldScores()[f][0]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.run(TinyRidge.learner(), LINEAR, new GroupKFold(5)));
        assertTrue(e.getMessage().contains("group"), e.getMessage());
    }

    @Test
    void badInputFailsBeforeFittingWithAClearMessage() {
        Dataset tiny = TinyLearners.linear(4, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), tiny, 5, 0));
        assertEquals("cannot split 4 rows into 5 folds (k must be <= the number of rows)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), LINEAR, 1, 0));
        assertEquals("k (number of folds) must be >= 2, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), LINEAR, new KFold(61)));
        assertTrue(e.getMessage().contains("cannot split 60 rows into 61 folds"), e.getMessage());

        // a scorer of the wrong task, listing the valid ones
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(Centroids.learner(), BLOBS, new KFold(3),
                List.of(Scorers.ACCURACY, Scorers.R2), null));
        assertTrue(e.getMessage().startsWith("scorer 'r2' is for regression and does not apply to this classification task (3 classes); valid scorers: accuracy,"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("brier"), "brier is binary only: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(Centroids.learner(), BLOBS, new KFold(3),
                List.of(Scorers.BRIER), null));
        assertTrue(e.getMessage().contains("'brier' is for binary classification"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), LINEAR, new KFold(3),
                List.of(Scorers.LOG_LOSS), null));
        assertTrue(e.getMessage().contains("valid scorers: r2, explained_variance, mse, rmse, mae, median_absolute_error"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), LINEAR, new KFold(3),
                List.of(Scorers.R2, Scorers.byName("r2")), null));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), LINEAR, new KFold(3), List.of(), null));
        assertTrue(e.getMessage().startsWith("no scorer given"), e.getMessage());

        // a learner of the other task, and data without a target
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), BLOBS, 3, 0));
        assertTrue(e.getMessage().contains("learner 'tiny_ridge' does regression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(),
                Dataset.unlabeled(LINEAR.features()), 3, 0));
        assertTrue(e.getMessage().contains("needs data with a target"), e.getMessage());

        // splits that are not splits of this data
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), LINEAR,
                ListedSplits.of(new Split(new int[] {0, 1, 2}, new int[] {60})), List.of(Scorers.R2), null));
        assertTrue(e.getMessage().contains("row 60 of a data set with 60 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(TinyRidge.learner(), LINEAR,
                ListedSplits.of(new Split(new int[] {0, 1, 2}, new int[0])), List.of(Scorers.R2), null));
        assertTrue(e.getMessage().contains("0 test rows"), e.getMessage());
    }

    @Test
    void aFoldWhoseTrainingPartHoldsOneClassFailsWithTheFoldNamed() {
        int n = BLOBS.size();
        int[] y = BLOBS.labels();
        int[] train = IntStream.range(0, n).filter(i -> y[i] == 0).toArray();
        int[] test = IntStream.range(0, n).filter(i -> y[i] != 0).toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(Centroids.learner(), BLOBS,
                ListedSplits.of(new Split(train, test)), List.of(Scorers.ACCURACY), null));
        assertTrue(e.getMessage().startsWith("fold 1 of 1: centroids needs at least two classes"), e.getMessage());
    }

    @Test
    void customScorersRunAlongsideBuiltIns() {
        Scorer meanPrediction = new Scorer() {
            @Override
            public String name() {
                return "mean_prediction";
            }

            @Override
            public boolean greaterIsBetter() {
                return true;
            }

            @Override
            public double score(Model model, Dataset test) {
                double[] p = ((RidgeModel) model).predict(test.features());
                return java.util.Arrays.stream(p).average().orElseThrow();
            }
        };
        CvResult r = CrossValidation.run(TinyRidge.learner(), LINEAR, new KFold(3), List.of(Scorers.R2, meanPrediction), null);
        List<Split> splits = new KFold(3).split(LINEAR.size());
        for (int f = 0; f < 3; f++) {
            RidgeModel m = TinyRidge.learner().fit(LINEAR.subset(splits.get(f).train()));
            assertEquals(meanPrediction.score(m, LINEAR.subset(splits.get(f).test())), r.foldScores()[f][1]);
        }
    }

    @Test
    void nestedCrossValidationInsideParallelFoldsCompletes() {
        // a scorer that itself runs a cross-validation on the test part: parallel work inside parallel work
        Scorer inner = new Scorer() {
            @Override
            public String name() {
                return "inner_cv_r2";
            }

            @Override
            public boolean greaterIsBetter() {
                return true;
            }

            @Override
            public double score(Model model, Dataset test) {
                return CrossValidation.run(TinyRidge.learner(), test, new KFold(3), List.of(Scorers.R2), null).mean("r2");
            }
        };
        CvResult four = withThreads(4, () -> CrossValidation.run(TinyRidge.learner(), LINEAR, new KFold(4), List.of(inner), null));
        CvResult one = withThreads(1, () -> CrossValidation.run(TinyRidge.learner(), LINEAR, new KFold(4), List.of(inner), null));
        assertEquals(one, four);
    }
}
