package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Binary logistic fits check the features inside the objective's first pass over {@code X} (block by block)
 * instead of a pass of their own: a NaN or an infinity anywhere (here in the fourth of five blocks) still gives
 * the data set's error, naming the feature and the row, for every solver; the multinomial path checks first.
 */
class LogisticFiniteCheckTest {

    static Dataset data(int n, int p, int classes, int badRow, int badCol, double bad) {
        SplittableRandom rnd = new SplittableRandom(4);
        Matrix x = Matrix.zeros(n, p);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x.set(i, j, rnd.nextGaussian());
            }
            y[i] = rnd.nextInt(classes);
        }
        if (badRow >= 0) {
            x.set(badRow, badCol, bad);
        }
        return Dataset.wrapClassification(x, y);
    }

    @Test
    void nonFiniteFeatureIsTheDataSetsErrorForEverySolver() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Dataset d = data(3000, 200, 2, 2100, 137, bad);  // 655 rows per block: row 2100 is in the fourth block
            String expected = assertThrows(IllegalArgumentException.class, () -> d.requireFiniteFeatures(LogisticRegression.NAME)).getMessage();
            assertTrue(expected.contains("row 2100"), expected);
            for (String solver : new String[] {"lbfgs", "newton", "newton_cd", "saga"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> LogisticRegression.learner().solver(solver).fit(d), solver);
                assertEquals(expected, e.getMessage(), solver + " with " + bad);
            }
        }
        Dataset multi = data(600, 5, 3, 599, 4, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogisticRegression.learner().fit(multi));
        assertTrue(e.getMessage().contains("row 599"), e.getMessage());
    }

    @Test
    void finiteDataFitsAsBefore() {
        Dataset d = data(3000, 200, 2, -1, 0, 0);
        LogisticModel m = LogisticRegression.learner().fit(d);
        assertTrue(m.report().converged());
        LogisticObjective f = LogisticObjective.withL2(d.features(), d.labels(), new double[3000], 2, true, 1);
        f.checkFeaturesOnFirstPass(d, "x");
        assertTrue(!f.featuresChecked());
        f.value(new double[201]);
        assertTrue(f.featuresChecked());
    }
}
