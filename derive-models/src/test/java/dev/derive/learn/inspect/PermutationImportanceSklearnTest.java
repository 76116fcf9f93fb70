package dev.derive.learn.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.derive.data.Dataset;
import dev.derive.learn.select.Scorers;
import dev.derive.linalg.Matrix;
import dev.derive.linear.Ridge;
import dev.derive.linear.LinearModel;
import dev.derive.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Permutation importance against scikit-learn 1.2.1's {@code permutation_importance}
 * ({@code tools/gen_permutation_fixtures.py}): given the permutations scikit-learn drew (reconstructed
 * and checked in the script), a ridge model (alpha 1) on diabetes gets the same importances, means and
 * standard deviations for the MSE (scikit-learn's neg_mean_squared_error) and R^2, to 1e-8 relative.
 */
class PermutationImportanceSklearnTest {

    static final Fixtures FX = Fixtures.load("permutation_sklearn.txt");
    static final Fixtures DATA = Fixtures.load("cart_sklearn.txt");

    static int[][][] permutations(int p) {
        int[][][] out = new int[p][][];
        for (int j = 0; j < p; j++) {
            Matrix m = FX.matrix("perm_" + j);
            out[j] = new int[m.rows()][m.cols()];
            for (int r = 0; r < m.rows(); r++) {
                for (int i = 0; i < m.cols(); i++) {
                    out[j][r][i] = (int) m.get(r, i);
                }
            }
        }
        return out;
    }

    static void check(String name, PermutationImportance.Result got) {
        Matrix e = FX.matrix(name + "_importances");
        double scale = 0;
        for (int j = 0; j < e.rows(); j++) {
            for (int r = 0; r < e.cols(); r++) {
                scale = Math.max(scale, Math.abs(e.get(j, r)));
            }
        }
        for (int j = 0; j < e.rows(); j++) {
            for (int r = 0; r < e.cols(); r++) {
                assertEquals(e.get(j, r), got.importances().get(j, r), 1e-8 * scale, name + ": feature " + j + " repeat " + r);
            }
            assertEquals(FX.vector(name + "_mean")[j], got.mean()[j], 1e-8 * scale, name + ": mean " + j);
            assertEquals(FX.vector(name + "_std")[j], got.std()[j], 1e-8 * scale, name + ": std " + j);
        }
    }

    @Test
    void ridgeOnDiabetesMatchesScikitLearn() {
        Dataset d = Dataset.regression(DATA.matrix("diabetes_X"), DATA.vector("diabetes_y"));
        LinearModel m = Ridge.learner().alpha(1.0).fit(d);
        int[][][] perms = permutations(d.featureCount());
        check("neg_mean_squared_error", PermutationImportance.compute(m, d, Scorers.MSE, perms));
        check("r2", PermutationImportance.compute(m, d, Scorers.R2, perms));
        int[][][] bad = permutations(d.featureCount());
        bad[3][1][0] = bad[3][1][1];
        assertThrows(IllegalArgumentException.class, () -> PermutationImportance.compute(m, d, Scorers.MSE, bad));
    }
}
