package dev.derive.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.ensemble.RandomForest;
import dev.derive.learn.Classifier;
import dev.derive.learn.Pipeline;
import dev.derive.learn.persist.Models;
import dev.derive.learn.select.CrossValidation;
import dev.derive.learn.select.CvResult;
import dev.derive.learn.select.GridSearch;
import dev.derive.learn.select.SearchResult;
import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Linalg;
import dev.derive.linalg.Matrix;
import dev.derive.linalg.RandomizedSVD;
import dev.derive.linalg.SVD;
import dev.derive.linear.Ridge;
import dev.derive.preprocess.StandardScaler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code shown in README.md, kept compiling and working (with assertions added). */
class ReadmeExampleTest {

    @Test
    void usingTheLibrary(@TempDir Path dir) throws Exception {
        Dataset iris = Datasets.dataset("iris");
        var forest = RandomForest.classifier().with("n_estimators", 300).with("seed", 7);
        CvResult cv = CrossValidation.run(forest, iris, 5, 0);
        Classifier model = forest.fit(iris);
        Models.save(model, dir.resolve("forest.derive"));
        Classifier back = Models.load(dir.resolve("forest.derive"), Classifier.class);

        var pipe = Pipeline.of(StandardScaler.learner(), Ridge.learner()).regressor();
        SearchResult best = GridSearch.of(pipe).grid("ridge__alpha", 0.1, 1.0, 10.0).cv(5).run(Datasets.dataset("diabetes"));

        assertTrue(cv.mean("accuracy") > 0.9, cv.summary());
        assertArrayEquals(model.predict(iris.features()), back.predict(iris.features()));
        assertEquals(3, best.size());
    }

    @Test
    void denseLinearAlgebra() {
        Matrix a = Matrix.of(new double[][] {{4, 1}, {1, 3}});
        Matrix b = Matrix.of(new double[][] {{1}, {2}});
        Matrix x = Cholesky.of(a).solve(b);
        double[] s = SVD.of(a).singularValues();
        Matrix p = Linalg.pinv(a);
        Matrix c = a.mmul(a.transpose());
        SVD top = RandomizedSVD.of(a, 1, 42);

        assertTrue(a.mmul(x).maxAbsDiff(b) < 1e-14);
        assertTrue(s[0] >= s[1]);
        assertTrue(p.mmul(a).maxAbsDiff(Matrix.identity(2)) < 1e-14);
        assertEquals(17, c.get(0, 0));
        assertEquals(s[0], top.singularValues()[0], 1e-12);
    }
}
