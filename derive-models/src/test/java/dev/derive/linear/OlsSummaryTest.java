package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The OLS/WLS inference summary against statsmodels' formulas evaluated with numpy/scipy (tools/gen_glm_fixtures.py). */
class OlsSummaryTest {

    static final Fixtures FX = Fixtures.load("glm_sklearn.txt");

    static Dataset diabetes() {
        return Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
    }

    static void close(double[] expected, double[] got, double rel, String what) {
        assertEquals(expected.length, got.length, what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], got[j], rel * Math.abs(expected[j]) + 1e-300, what + "[" + j + "]");
        }
    }

    static void check(String prefix, Dataset d, double level) {
        OlsSummary s = LinearRegression.learner().fit(d).summary(d, level);
        close(FX.vector(prefix + "_params"), s.params(), 1e-9, prefix + " params");
        close(FX.vector(prefix + "_se"), s.standardErrors(), 1e-9, prefix + " se");
        close(FX.vector(prefix + "_t"), s.tValues(), 1e-9, prefix + " t");
        close(FX.vector(prefix + "_p"), s.pValues(), 1e-8, prefix + " p");
        Matrix ci = FX.matrix(prefix + "_ci");
        close(ci.columnArray(0), s.ciLower(), 1e-9, prefix + " ci lower");
        close(ci.columnArray(1), s.ciUpper(), 1e-9, prefix + " ci upper");
        double[] st = FX.vector(prefix + "_stats");
        double[] got = {s.rSquared(), s.adjRSquared(), s.fStatistic(), s.fPValue(), s.residualStdError(), s.logLikelihood(), s.aic(), s.bic()};
        close(st, got, 1e-9, prefix + " stats (R2, adjR2, F, p(F), s, llf, AIC, BIC)");
        assertEquals(442, s.nobs());
        assertEquals(10, s.dfModel());
        assertEquals(431, s.dfResid());
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void olsMatchesStatsmodelsFormulas() {
        check("ols", diabetes(), 0.95);
    }

    @Test
    void wlsMatchesStatsmodelsFormulas() {
        check("wls", diabetes().withWeights(FX.vector("diabetes_w")), 0.9);
    }

    @Test
    void closedFormIdentities() {
        Dataset d = diabetes();
        OlsSummary s = LinearRegression.learner().fit(d).summary(d);
        // F = (R2 / dfModel) / ((1 - R2) / dfResid); t^2 of a single regressor is its F; CI half-width = t_q se
        assertEquals(s.rSquared() / s.dfModel() / ((1 - s.rSquared()) / s.dfResid()), s.fStatistic(), 1e-9 * s.fStatistic());
        for (int j = 0; j < s.params().length; j++) {
            assertEquals(s.params()[j], 0.5 * (s.ciLower()[j] + s.ciUpper()[j]), 1e-9 * Math.abs(s.params()[j]) + 1e-12);
        }
        Dataset one = Dataset.regression(FX.matrix("diabetes_X").block(0, 2, 442, 1).copy(), FX.vector("diabetes_y"));
        OlsSummary s1 = LinearRegression.learner().fit(one).summary(one);
        assertEquals(s1.tValues()[1] * s1.tValues()[1], s1.fStatistic(), 1e-9 * s1.fStatistic());
        assertEquals(s1.pValues()[1], s1.fPValue(), 1e-9 * s1.fPValue());
        String table = s.toString();
        assertTrue(table.contains("OLS Regression Results") && table.contains("const") && table.contains("R-squared"), table);
    }

    @Test
    void rankDeficientDesignIsNaNFreeWithWarning() {
        Matrix x = FX.matrix("diabetes_X");
        Matrix x2 = Matrix.zeros(442, 11);
        for (int i = 0; i < 442; i++) {
            for (int j = 0; j < 10; j++) {
                x2.set(i, j, x.get(i, j));
            }
            x2.set(i, 10, x.get(i, 2) + 2 * x.get(i, 3));   // collinear column
        }
        Dataset d = Dataset.regression(x2, FX.vector("diabetes_y"));
        OlsSummary s = LinearRegression.learner().fit(d).summary(d);
        assertFalse(s.warnings().isEmpty());
        assertTrue(s.warnings().get(0).contains("rank 11"), s.warnings().toString());
        assertEquals(431, s.dfResid());
        for (double[] v : new double[][] {s.standardErrors(), s.tValues(), s.pValues(), s.ciLower(), s.ciUpper()}) {
            for (double e : v) {
                assertTrue(Double.isFinite(e));
            }
        }
        // fitted values and hence R^2 are those of the full-rank problem
        assertEquals(FX.vector("ols_stats")[0], s.rSquared(), 1e-9);
    }

    @Test
    void refusesPenalisedModelsAndBadLevels() {
        Dataset d = diabetes();
        assertThrows(IllegalArgumentException.class, () -> Ridge.learner().fit(d).summary(d));
        LinearModel m = LinearRegression.learner().fit(d);
        assertThrows(IllegalArgumentException.class, () -> m.summary(d, 1.0));
        Dataset tiny = Dataset.regression(FX.matrix("diabetes_X").block(0, 0, 11, 10).copy(), java.util.Arrays.copyOf(FX.vector("diabetes_y"), 11));
        var e = assertThrows(IllegalArgumentException.class, () -> LinearRegression.learner().fit(tiny).summary(tiny));
        assertTrue(e.getMessage().contains("degrees of freedom"), e.getMessage());
    }
}
