package dev.derive.linear;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.data.Dataset;
import dev.derive.linalg.SparseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Sparse designs with more than 2000 features (the former limit) for the dense {@code m x m} matrices built from
 * them: the OLS Gram solve and summary, and quantile regression's Newton systems; and the limit
 * {@link SparseLeastSquares#DENSE_LIMIT} (8192, 512 MB) with the error that names it. Small row counts keep it fast.
 */
class SparseWideTest {

    /**
     * {@code rows x cols} CSR: {@code x0}, {@code x1} dense-ish, and two entries per row in columns
     * {@code 2 + i mod (cols - 2)} and a random one (so every column has entries and the design has full column rank
     * when {@code rows > cols}); {@code y = 1 + 3 x0 - 2 x1 + 0.5 x_2 + noise}.
     */
    static Dataset wide(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] ptr = new int[rows + 1];
        int[] ci = new int[rows * 4];
        double[] v = new double[rows * 4];
        double[] y = new double[rows];
        int e = 0;
        for (int i = 0; i < rows; i++) {
            java.util.TreeMap<Integer, Double> row = new java.util.TreeMap<>();
            double x0 = 2 * r.nextDouble();
            double x1 = r.nextGaussian();
            row.put(0, x0);
            row.put(1, x1);
            row.put(2 + i % (cols - 2), 1 + r.nextDouble());
            row.merge(2 + r.nextInt(cols - 2), r.nextGaussian(), Double::sum);
            for (var en : row.entrySet()) {
                ci[e] = en.getKey();
                v[e] = en.getValue();
                e++;
            }
            ptr[i + 1] = e;
            double x2 = row.getOrDefault(2, 0.0);
            y[i] = 1 + 3 * x0 - 2 * x1 + 0.5 * x2 + 0.3 * r.nextGaussian();
        }
        SparseMatrix x = SparseMatrix.ofCsr(rows, cols, ptr, java.util.Arrays.copyOf(ci, e), java.util.Arrays.copyOf(v, e));
        return Dataset.regression(x, y);
    }

    @Test
    void olsGramAndSummaryBeyond2000Features() {
        int n = 2100;
        int p = 2010;
        Dataset s = wide(n, p, 1);
        SparseMatrix x = s.sparseFeatures();
        double[] y = s.target();
        LinearModel normal = LinearRegression.learner().solver("normal").fit(s); // the Gram matrix, 2010 x 2010
        LinearModel auto = LinearRegression.learner().fit(s);                     // p > 2000: LSQR
        assertEquals("normal", normal.solver());
        assertEquals("lsqr", auto.solver());
        // optimality: the normal equations X~'(y - X b - b0) = 0 hold for both solvers
        assertTrue(SparseOlsTest.normalResidual(x, y, null, normal.coefficients(), normal.intercept()) < 1e-9,
                "normal equations " + SparseOlsTest.normalResidual(x, y, null, normal.coefficients(), normal.intercept()));
        double scale = SparseLinearTest.maxAbsDiff(normal.coefficients(), new double[p]);
        assertTrue(SparseLinearTest.maxAbsDiff(auto.coefficients(), normal.coefficients()) < 1e-6 * scale,
                "lsqr vs normal " + SparseLinearTest.maxAbsDiff(auto.coefficients(), normal.coefficients()));

        OlsSummary ss = normal.summary(s);
        assertTrue(ss.warnings().isEmpty(), ss.warnings().toString());
        int m = p + 1;
        assertEquals(n - m, ss.dfResid());
        assertEquals(p, ss.dfModel());
        // reference: s^2 (A'A)^-1_jj with A = [1, X] dense, A'A by BLAS, (A'A)^-1 e_j by a Cholesky solve
        double[] pred = normal.predict(x);
        double ssr = 0;
        double ybar = java.util.Arrays.stream(y).average().orElseThrow();
        double sst = 0;
        for (int i = 0; i < n; i++) {
            ssr += (y[i] - pred[i]) * (y[i] - pred[i]);
            sst += (y[i] - ybar) * (y[i] - ybar);
        }
        double s2 = ssr / (n - m);
        assertEquals(1 - ssr / sst, ss.rSquared(), 1e-12);
        assertEquals(Math.sqrt(s2), ss.residualStdError(), 1e-12 * Math.sqrt(s2));
        dev.derive.linalg.Matrix a = dev.derive.linalg.Matrix.zeros(n, m);
        dev.derive.linalg.Matrix xd = x.toDense();
        for (int i = 0; i < n; i++) {
            a.set(i, 0, 1);
        }
        a.block(0, 1, n, p).assign(xd);
        dev.derive.linalg.Cholesky ch = dev.derive.linalg.Cholesky.of(a.tmmul(a));
        for (int j : new int[] {0, 1, 2, 3, 500, 1000, 1500, 2000, 2005, 2009, 2010}) {
            double[] e = new double[m];
            e[j] = 1;
            double se = Math.sqrt(s2 * ch.solve(e)[j]);
            assertEquals(se, ss.standardErrors()[j], 1e-8 * se, "standard error " + j);
            double t = ss.params()[j] / se;
            assertEquals(t, ss.tValues()[j], 1e-8 * Math.abs(t) + 1e-12, "t " + j);
        }
    }

    @Test
    void quantileBeyond2000FeaturesIsOptimal() {
        double q = 0.4;
        double alpha = 0.005;
        Dataset s = wide(150, 2005, 2);
        LinearModel m = QuantileRegression.learner().quantile(q).alpha(alpha).fit(s);
        assertTrue(m.report().converged(), m.report().toString());
        assertEquals(1.0, m.report().extra().get("sparse"));
        double[] b = m.coefficients();
        SparseMatrix x = s.sparseFeatures();
        double f0 = SparseQuantileRegression.objective(x, s.target(), null, b, m.intercept(), q, alpha);
        assertEquals(m.report().extra().get("objective"), f0, 1e-12 * f0);
        // convex and piecewise linear: no coordinate or random direction (intercept included) lowers the objective
        SplittableRandom r = new SplittableRandom(3);
        double h = 1e-5;
        for (int k = 0; k < 2 * (b.length + 1) + 60; k++) {
            double[] dir = new double[b.length + 1];
            if (k < 2 * (b.length + 1)) {
                dir[k / 2] = k % 2 == 0 ? 1 : -1;
            } else {
                for (int j = 0; j < dir.length; j++) {
                    dir[j] = r.nextGaussian();
                }
            }
            double[] bb = b.clone();
            for (int j = 0; j < b.length; j++) {
                bb[j] += h * dir[j];
            }
            double f1 = SparseQuantileRegression.objective(x, s.target(), null, bb, m.intercept() + h * dir[b.length], q, alpha);
            assertTrue(f1 >= f0 - 1e-10 * f0, "direction " + k + " lowers the objective by " + (f0 - f1));
        }
    }

    /**
     * Against scikit-learn 1.2.1's {@code QuantileRegressor(solver='highs')} on a seeded 150 x 2005 CSR design
     * ({@code tools/gen_quantile_wide_fixture.py}): the same optimal objective (the LP optimum need not be unique).
     */
    @Test
    void quantileBeyond2000FeaturesMatchesScikitLearnsOptimum() {
        dev.derive.testing.Fixtures fx = dev.derive.testing.Fixtures.load("quantile_wide_sklearn.txt");
        int[] ptr = toInts(fx.vector("ptr"));
        int[] col = toInts(fx.vector("col"));
        double[] y = fx.vector("y");
        SparseMatrix x = SparseMatrix.ofCsr(y.length, 2005, ptr, col, fx.vector("val"));
        LinearModel m = QuantileRegression.learner().quantile(0.4).alpha(0.005).fit(Dataset.regression(x, y));
        assertTrue(m.report().converged(), m.report().toString());
        double f = SparseQuantileRegression.objective(x, y, null, m.coefficients(), m.intercept(), 0.4, 0.005);
        double ref = fx.scalar("qr_objective");
        assertEquals(ref, f, 1e-7 * ref, "objective at Derive's solution against scikit-learn's optimum");
    }

    private static int[] toInts(double[] v) {
        int[] a = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = (int) v[i];
        }
        return a;
    }

    @Test
    void wideRankFromTheKernelEqualsTheGramRank() {
        // p > n: the rank (reported by sparse quantile regression) comes from the n x n kernel's eigenvalues
        for (int dup = 0; dup < 2; dup++) {
            Dataset s = wide(40, 90, 5 + dup);
            SparseMatrix x = s.sparseFeatures();
            if (dup == 1) { // rows 0..9 repeated: rank drops
                int[] rows = new int[50];
                for (int i = 0; i < 50; i++) {
                    rows[i] = i < 40 ? i : i - 40;
                }
                x = x.selectRows(rows);
            }
            for (boolean intercept : new boolean[] {true, false}) {
                int gram = SparseLeastSquares.normal(x, null, intercept, false, new java.util.ArrayList<>()).rank();
                assertEquals(gram, SparseLeastSquares.rank(x, null, intercept), "duplicates " + dup + " intercept " + intercept);
                assertTrue(gram <= 40 - (intercept ? 1 : 0) + 0 && gram > 30, "rank " + gram);
            }
        }
    }

    @Test
    void beyondTheDenseLimitTheErrorNamesIt() {
        int limit = SparseLeastSquares.DENSE_LIMIT;
        assertEquals(8192, limit);
        assertDoesNotThrow(() -> SparseLeastSquares.checkDense("t", "a matrix", limit, limit, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseLeastSquares.checkDense("t", "a matrix", limit, limit + 1, 1));
        assertTrue(e.getMessage().contains("8192") && e.getMessage().contains("8191 features"), e.getMessage());
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                () -> SparseLeastSquares.checkDense("t", "a matrix", 8000, 8000, 100_000));
        assertTrue(heap.getMessage().contains("maximum heap"), heap.getMessage());

        Dataset s = wide(60, 9000, 4);
        IllegalArgumentException q = assertThrows(IllegalArgumentException.class,
                () -> QuantileRegression.learner().alpha(0.01).fit(s));
        assertTrue(q.getMessage().contains("8192") && q.getMessage().contains("9000"), q.getMessage());
        assertTrue(q.getMessage().contains("at most 8191 features first") && q.getMessage().contains("huber"), q.getMessage());
        IllegalArgumentException normal = assertThrows(IllegalArgumentException.class,
                () -> LinearRegression.learner().solver("normal").fit(s));
        assertTrue(normal.getMessage().contains("8192") && normal.getMessage().contains("9000"), normal.getMessage());
        assertTrue(normal.getMessage().contains("solver lsqr"), normal.getMessage());
        LinearModel ls = LinearRegression.learner().fit(s);  // lsqr has no limit
        assertEquals("lsqr", ls.solver());
        IllegalArgumentException summary = assertThrows(IllegalArgumentException.class, () -> ls.summary(s));
        assertTrue(summary.getMessage().startsWith("summary") && summary.getMessage().contains("8192"), summary.getMessage());
        assertTrue(summary.getMessage().contains("(A'WA)^-1") && summary.getMessage().contains("at most 8191 selected features"),
                summary.getMessage());
        // huber, the named alternative to quantile regression, fits the same 9000 features
        HuberModel h = Huber.learner().fit(s);
        assertEquals(9000, h.coefficients().length);
    }
}
