package dev.derive.learn.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.KFold;
import dev.derive.data.StratifiedKFold;
import dev.derive.learn.select.TinyLearners.Centroids;
import dev.derive.learn.select.TinyLearners.RidgeModel;
import dev.derive.learn.select.TinyLearners.TinyRidge;
import dev.derive.runtime.Parallelism;
import dev.derive.testing.RecordingProgress;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SearchTest {

    static final Dataset BLOBS = TinyLearners.blobs(90, 3, 4, 1);
    static final Dataset LINEAR = TinyLearners.linear(60, 3, 2);

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static SearchResult withThreads(int threads, java.util.function.Supplier<SearchResult> run) {
        int before = Parallelism.threads();
        try {
            Parallelism.setThreads(threads);
            return run.get();
        } finally {
            Parallelism.setThreads(before);
        }
    }

    @Test
    void gridCandidatesAreTheProductInDeclarationOrderWithCanonicalValues() {
        GridSearch g = GridSearch.of(TinyRidge.learner()).grid("alpha", "0.5", 2).grid("min_rows", 1, 3);
        assertEquals(List.of(map("alpha", 0.5, "min_rows", 1), map("alpha", 0.5, "min_rows", 3),
                map("alpha", 2.0, "min_rows", 1), map("alpha", 2.0, "min_rows", 3)), g.candidates());
        assertEquals(Integer.class, g.candidates().get(0).get("min_rows").getClass());
        assertEquals(Double.class, g.candidates().get(3).get("alpha").getClass());
        // builders are immutable
        GridSearch base = GridSearch.of(TinyRidge.learner()).grid("alpha", 1.0);
        base.grid("min_rows", 1, 2);
        assertEquals(1, base.candidates().size());
    }

    @Test
    void gridSearchScoresEachCandidateAsCrossValidationDoesAndPicksTheBest() {
        double[] alphas = {0.01, 1, 30, 300};
        KFold cv = new KFold(5, true, 4);
        SearchResult r = GridSearch.of(TinyRidge.learner()).grid("alpha", alphas).cv(cv).scoring(Scorers.RMSE, Scorers.R2).run(LINEAR);
        assertEquals(4, r.size());
        double[] means = r.meanScores();
        int best = 0;
        for (int i = 0; i < 4; i++) {
            CvResult direct = CrossValidation.run(TinyRidge.learner().alpha(alphas[i]), LINEAR, cv, List.of(Scorers.RMSE, Scorers.R2), null);
            assertEquals(direct, r.results().get(i), "candidate " + i);
            if (means[i] < means[best]) {
                best = i;
            }
        }
        assertEquals(best, r.bestIndex());
        assertEquals(map("alpha", alphas[best]), r.bestParams());
        assertEquals("rmse", r.scorerName());
        assertEquals(means[best], r.bestScore());
        // the default penalty is far from optimal on these data: large alphas are worse in RMSE
        assertTrue(means[3] > means[0], r.summary());
        // refit: the best model is the best learner fitted on all the data
        RidgeModel refit = (RidgeModel) r.bestModel();
        RidgeModel direct = TinyRidge.learner().alpha(alphas[best]).fit(LINEAR);
        assertArrayEquals(direct.beta(), refit.beta());
        assertNull(GridSearch.of(TinyRidge.learner()).grid("alpha", alphas).cv(cv).refit(false).run(LINEAR).bestModel());
    }

    @Test
    void theFirstCandidateWinsATieAndGreaterIsBetterIsHonoured() {
        // min_rows does not change the model: all candidates tie
        SearchResult tie = GridSearch.of(TinyRidge.learner()).grid("min_rows", 3, 2, 1).cv(new KFold(3)).run(LINEAR);
        assertEquals(tie.results().get(0), tie.results().get(2));
        assertEquals(0, tie.bestIndex());
        assertEquals(2, SearchResult.best(new double[] {Double.NaN, 2, 5, 5}, true));
        assertEquals(1, SearchResult.best(new double[] {Double.NaN, 2, 5, 5}, false));
        assertEquals(0, SearchResult.best(new double[] {Double.NaN, Double.NaN}, false));
        // accuracy (default for classification): higher is better
        SearchResult c = GridSearch.of(Centroids.learner()).grid("temperature", 0.1, 100.0).grid("metric", "euclidean", "manhattan")
                .cv(new StratifiedKFold(3, true, 1)).run(BLOBS);
        assertEquals("accuracy", c.scorerName());
        double[] m = c.meanScores();
        for (double v : m) {
            assertTrue(v <= m[c.bestIndex()]);
        }
    }

    @Test
    void identicalResultsWhateverTheThreadCount() {
        GridSearch g = GridSearch.of(Centroids.learner().with("noise", 0.5).with("seed", 3L))
                .grid("temperature", 0.5, 2.0, 8.0).grid("seed", 1, 2)
                .cv(new StratifiedKFold(4, true, 2)).scoring(Scorers.LOG_LOSS, Scorers.ACCURACY);
        SearchResult one = withThreads(1, () -> g.run(BLOBS));
        SearchResult four = withThreads(4, () -> g.run(BLOBS));
        assertEquals(one.results(), four.results());
        assertEquals(one.bestIndex(), four.bestIndex());
        assertEquals(one.candidates(), four.candidates());
        RandomSearch rs = RandomSearch.of(TinyRidge.learner()).param("alpha", RandomSearch.logUniform(1e-3, 1e3))
                .iterations(6).seed(5).cv(new KFold(4, true, 1));
        SearchResult r1 = withThreads(1, () -> rs.run(LINEAR));
        SearchResult r4 = withThreads(4, () -> rs.run(LINEAR));
        assertEquals(r1.candidates(), r4.candidates());
        assertEquals(r1.results(), r4.results());
    }

    @Test
    void progressCountsCandidatesTimesFolds() {
        RecordingProgress p = new RecordingProgress();
        withThreads(2, () -> GridSearch.of(TinyRidge.learner()).grid("alpha", 0.1, 1.0, 10.0).cv(new KFold(4)).progress(p).run(LINEAR));
        assertEquals(List.of("grid search"), p.starts);
        assertEquals(12, p.total);
        assertEquals(12, p.steps);
        assertEquals(1, p.finishes);
        Set<String> pairs = new HashSet<>();
        for (String m : p.messages) {
            assertTrue(m.matches("alpha=(0\\.1|1\\.0|10\\.0), fold [1-4]: r2 [0-9.]+"), m);
            pairs.add(m.substring(0, m.indexOf(':')));
        }
        assertEquals(12, pairs.size()); // every (candidate, fold) once
        RecordingProgress q = new RecordingProgress();
        RandomSearch.of(TinyRidge.learner()).param("alpha", RandomSearch.uniform(0, 5)).iterations(3).cv(new KFold(2)).progress(q).run(LINEAR);
        assertEquals(List.of("random search"), q.starts);
        assertEquals(6, q.steps);
    }

    @Test
    void gridErrorsComeBeforeAnyFitting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(TinyRidge.learner()).grid("alpah", 1.0));
        assertEquals("learner 'tiny_ridge': unknown parameter 'alpah' (did you mean 'alpha'?); valid parameters: alpha, min_rows", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(TinyRidge.learner()).grid("alpha", 1.0, -2.0));
        assertTrue(e.getMessage().contains("parameter alpha = -2.0 is invalid; allowed: [0, inf)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(TinyRidge.learner()).run(LINEAR));
        assertTrue(e.getMessage().startsWith("the grid is empty") && e.getMessage().contains("alpha, min_rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(TinyRidge.learner()).grid("alpha", List.of()));
        assertTrue(e.getMessage().contains("no values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(TinyRidge.learner()).grid("alpha", 1.0).grid("alpha", 2.0));
        assertTrue(e.getMessage().contains("already in the grid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(TinyRidge.learner()).grid("alpha", 1.0, 1));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(Centroids.learner()).grid("metric", "euclidean", "cosine"));
        assertTrue(e.getMessage().contains("one of [euclidean, manhattan]"), e.getMessage());
        // a scorer for the other task; an unknown scorer name
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(Centroids.learner()).grid("temperature", 1.0).scoring(Scorers.R2).run(BLOBS));
        assertTrue(e.getMessage().startsWith("scorer 'r2' is for regression"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(Centroids.learner()).scoring("acuracy"));
        assertTrue(e.getMessage().startsWith("unknown scorer 'acuracy' (did you mean 'accuracy'?); valid scorers: accuracy, balanced_accuracy"), e.getMessage());
        // no candidate fits: every fold of every candidate would fail, and the message names the first
        e = assertThrows(IllegalArgumentException.class, () -> withThreads(1, () -> GridSearch.of(TinyRidge.learner())
                .grid("min_rows", 1000).cv(new KFold(3)).run(LINEAR)));
        assertEquals("candidate 1 of 1 {min_rows=1000}, fold 1 of 3: tiny_ridge needs at least 1000 rows, got 40", e.getMessage());
    }

    @Test
    void defaultFoldsAndScoring() {
        SearchResult r = GridSearch.of(TinyRidge.learner()).grid("alpha", 1.0).run(LINEAR);
        assertEquals(5, r.bestResult().numFolds());
        assertEquals(List.of("r2"), r.bestResult().scorerNames());
        assertEquals(CrossValidation.run(TinyRidge.learner(), LINEAR, CrossValidation.defaultCv(LINEAR, 5, 0), List.of(Scorers.R2), null),
                r.bestResult());
        SearchResult three = GridSearch.of(TinyRidge.learner()).grid("alpha", 1.0).cv(3).run(LINEAR);
        assertEquals(CrossValidation.run(TinyRidge.learner(), LINEAR, CrossValidation.defaultCv(LINEAR, 3, 0), List.of(Scorers.R2), null),
                three.bestResult());
        SearchResult c = RandomSearch.of(Centroids.learner()).param("temperature", 1.0).nIter(1).cv(4).run(BLOBS);
        assertEquals(CrossValidation.run(Centroids.learner(), BLOBS, CrossValidation.defaultCv(BLOBS, 4, 0), List.of(Scorers.ACCURACY), null),
                c.bestResult());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GridSearch.of(TinyRidge.learner()).grid("alpha", 1.0).cv(61).run(LINEAR));
        assertTrue(e.getMessage().contains("cannot split 60 rows into 61 folds"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GridSearch.of(TinyRidge.learner()).cv(1));
    }

    @Test
    void randomSearchDrawsReproduciblyWithinTheDistributions() {
        RandomSearch rs = RandomSearch.of(Centroids.learner())
                .param("temperature", RandomSearch.logUniform(1e-3, 1e3))
                .param("noise", RandomSearch.uniform(0.5, 1.5))
                .param("seed", RandomSearch.intUniform(1, 3))
                .param("metric", "euclidean", "manhattan")
                .iterations(400).seed(17);
        List<Map<String, Object>> c = rs.candidates();
        assertEquals(c, rs.candidates());
        assertNotEquals(c, rs.seed(18).candidates());
        assertEquals(400, c.size());
        int belowOne = 0;
        Set<Object> seeds = new HashSet<>();
        Set<Object> metrics = new HashSet<>();
        for (Map<String, Object> m : c) {
            assertEquals(List.of("temperature", "noise", "seed", "metric"), List.copyOf(m.keySet()));
            double t = (Double) m.get("temperature");
            assertTrue(t >= 1e-3 && t < 1e3, "temperature " + t);
            belowOne += t < 1 ? 1 : 0;
            double noise = (Double) m.get("noise");
            assertTrue(noise >= 0.5 && noise < 1.5);
            seeds.add(m.get("seed"));
            metrics.add(m.get("metric"));
        }
        // log-uniform: half the draws below 1 (binomial(400, 1/2): 5 sd = 50)
        assertTrue(Math.abs(belowOne - 200) < 50, belowOne + " of 400 below 1");
        assertEquals(Set.of(1L, 2L, 3L), seeds); // seed is a long parameter; both ends of intUniform occur
        assertEquals(Set.of("euclidean", "manhattan"), metrics);
    }

    @Test
    void discreteSpacesAreDrawnWithoutReplacementOrWhole() {
        RandomSearch small = RandomSearch.of(TinyRidge.learner()).param("alpha", 0.1, 1.0, 10.0).param("min_rows", RandomSearch.intUniform(1, 2));
        // 6 combinations, 10 iterations: the whole grid, in grid order
        assertEquals(GridSearch.of(TinyRidge.learner()).grid("alpha", 0.1, 1.0, 10.0).grid("min_rows", 1, 2).candidates(),
                small.candidates());
        List<Map<String, Object>> four = small.iterations(4).candidates();
        assertEquals(4, four.size());
        assertEquals(4, new HashSet<>(four).size());
        RandomSearch big = RandomSearch.of(TinyRidge.learner()).param("min_rows", RandomSearch.intUniform(1, 1000)).iterations(50);
        assertEquals(50, new HashSet<>(big.candidates()).size());
    }

    @Test
    void randomSearchRunsAndErrors() {
        SearchResult r = RandomSearch.of(TinyRidge.learner()).param("alpha", RandomSearch.logUniform(1e-2, 1e3))
                .iterations(5).seed(3).cv(new KFold(3, true, 1)).scoring("mse").run(LINEAR);
        assertEquals(5, r.size());
        double[] m = r.meanScores();
        for (double v : m) {
            assertTrue(v >= r.bestScore());
        }
        assertEquals(r.candidates().get(r.bestIndex()), r.bestParams());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomSearch.of(TinyRidge.learner()).param("min_rows", RandomSearch.uniform(1, 5)));
        assertTrue(e.getMessage().contains("min_rows' is int") && e.getMessage().contains("use intUniform"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.of(TinyRidge.learner()).param("beta", RandomSearch.uniform(1, 5)));
        assertTrue(e.getMessage().contains("valid parameters: alpha, min_rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.of(TinyRidge.learner()).param("min_rows", RandomSearch.intUniform(0, 5)));
        assertTrue(e.getMessage().contains("min_rows = 0 is invalid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.of(TinyRidge.learner()).param("alpha", RandomSearch.uniform(-1, 1))
                .candidates());
        assertTrue(e.getMessage().contains("drew an invalid value for 'alpha'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomSearch.of(TinyRidge.learner()).run(LINEAR));
        assertTrue(e.getMessage().startsWith("nothing to search"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomSearch.logUniform(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomSearch.uniform(2, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomSearch.intUniform(2, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomSearch.choice());
        assertThrows(IllegalArgumentException.class, () -> RandomSearch.of(TinyRidge.learner()).iterations(0));
    }
}
