package dev.derive.optim.admm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Cholesky;
import dev.derive.linalg.Matrix;
import dev.derive.optim.CompositeObjective;
import dev.derive.optim.LBFGS;
import dev.derive.optim.OptimResult;
import dev.derive.optim.ProximalGradient;
import dev.derive.optim.SmoothObjective;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.StopReason;
import dev.derive.optim.prox.L1Norm;
import dev.derive.optim.prox.SquaredL2Norm;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generic scaled ADMM and its concrete problems: lasso against the FISTA solution, group lasso and 1-D total
 * variation against their optimality conditions (and TV against its closed form on a step), consensus least
 * squares and logistic regression against the undistributed solution, non-finite updates.
 */
class AdmmTest {

    static final Admm TIGHT = Admm.defaults().withTolerances(1e-12, 1e-12).withMaxIterations(50_000);

    static Matrix randomMatrix(int r, int c, SplittableRandom rnd) {
        Matrix m = Matrix.zeros(r, c);
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < r; i++) {
                m.set(i, j, rnd.nextGaussian());
            }
        }
        return m;
    }

    static double[] lassoData(Matrix x, SplittableRandom rnd) {
        double[] beta = new double[x.cols()];
        for (int j = 0; j < beta.length; j += 3) {
            beta[j] = rnd.nextDouble(-2, 2);
        }
        double[] y = x.mvmul(beta);
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.1 * rnd.nextGaussian();
        }
        return y;
    }

    static SmoothObjective leastSquares(Matrix a, double[] b) {
        return new SmoothObjective() {
            @Override
            public int dimension() {
                return a.cols();
            }

            @Override
            public double value(double[] x) {
                return valueAndGradient(x, new double[x.length]);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double[] r = a.mvmul(x);
                double s = 0;
                for (int i = 0; i < r.length; i++) {
                    r[i] -= b[i];
                    s += r[i] * r[i];
                }
                System.arraycopy(a.tmvmul(r), 0, g, 0, x.length);
                return 0.5 * s;
            }
        };
    }

    @Test
    void lassoMatchesFista() {
        SplittableRandom rnd = new SplittableRandom(1);
        Matrix x = randomMatrix(60, 25, rnd);
        double[] y = lassoData(x, rnd);
        double lambda = 5;
        AdmmResult r = TIGHT.solve(RegularizedLeastSquares.lasso(x, y, lambda));
        assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
        OptimResult f = ProximalGradient.fista().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-11)
                .withMaxIterations(200_000)).minimize(new CompositeObjective(leastSquares(x, y), new L1Norm(lambda)),
                new double[25]);
        assertTrue(f.converged(), f.toString());
        double[] z = r.z();
        double[] b = f.solution();
        int zeros = 0;
        for (int j = 0; j < 25; j++) {
            assertEquals(b[j], z[j], 1e-6, "coefficient " + j);
            zeros += z[j] == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0, "the lasso solution should be sparse");
        assertEquals(f.value(), RegularizedLeastSquares.lasso(x, y, lambda).value(z), 1e-8 * (1 + Math.abs(f.value())));
        // over-relaxation and a fixed rho reach the same point
        AdmmResult relaxed = TIGHT.withAlpha(1.6).withAdaptiveRho(false).withRho(10)
                .solve(RegularizedLeastSquares.lasso(x, y, lambda));
        assertTrue(relaxed.converged(), relaxed.toString());
        for (int j = 0; j < 25; j++) {
            assertEquals(b[j], relaxed.z()[j], 1e-6);
        }
    }

    @Test
    void groupLassoSatisfiesItsOptimalityConditions() {
        SplittableRandom rnd = new SplittableRandom(2);
        Matrix x = randomMatrix(80, 12, rnd);
        double[] beta = {1, -1, 0.5, 0, 0, 0, 2, 0.3, -1, 0, 0, 0}; // groups 1 and 3 inactive
        double[] y = x.mvmul(beta);
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.1 * rnd.nextGaussian();
        }
        int[] groups = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3};
        double lambda = 20;
        AdmmResult r = TIGHT.solve(RegularizedLeastSquares.groupLasso(x, y, lambda, groups));
        assertTrue(r.converged(), r.toString());
        double[] b = r.z();
        double[] res = x.mvmul(b);
        for (int i = 0; i < res.length; i++) {
            res[i] = y[i] - res[i];
        }
        double[] grad = x.tmvmul(res); // X'(y - Xb) must equal lambda sqrt(3) b_g / ||b_g|| on active groups
        int active = 0;
        for (int g = 0; g < 4; g++) {
            double nb = 0;
            double ng = 0;
            for (int j = 3 * g; j < 3 * g + 3; j++) {
                nb += b[j] * b[j];
                ng += grad[j] * grad[j];
            }
            nb = Math.sqrt(nb);
            ng = Math.sqrt(ng);
            double w = lambda * Math.sqrt(3);
            if (nb > 0) {
                active++;
                for (int j = 3 * g; j < 3 * g + 3; j++) {
                    assertEquals(w * b[j] / nb, grad[j], 1e-6, "stationarity, coordinate " + j);
                }
            } else {
                assertTrue(ng <= w + 1e-6, "group " + g + ": |X_g'r| = " + ng + " > " + w);
            }
        }
        assertTrue(active > 0 && active < 4, "active groups: " + active);
    }

    @Test
    void totalVariationOfAStepHasTheClosedForm() {
        int n = 40;
        int k = 15;
        double h = 3;
        double lambda = 2;
        double[] y = new double[n];
        for (int i = k; i < n; i++) {
            y[i] = h;
        }
        AdmmResult r = TIGHT.solve(new TotalVariation1D(y, lambda));
        assertTrue(r.converged(), r.toString());
        double[] x = r.x();
        for (int i = 0; i < n; i++) {
            double expected = i < k ? lambda / k : h - lambda / (n - k);
            assertEquals(expected, x[i], 1e-8, "x[" + i + "]");
        }
    }

    @Test
    void totalVariationSatisfiesItsDualCertificate() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 200;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i / 50) % 2 * 2.0 + 0.3 * rnd.nextGaussian();
        }
        double lambda = 1.5;
        TotalVariation1D tv = new TotalVariation1D(y, lambda);
        AdmmResult r = TIGHT.solve(tv);
        assertTrue(r.converged(), r.toString());
        double[] x = r.x();
        // nu_i = sum_{j <= i} (x_j - y_j): |nu_i| <= lambda, nu_i = lambda sign(x_{i+1} - x_i) on jumps, nu_{n-1} = 0
        double nu = 0;
        int jumps = 0;
        for (int i = 0; i < n; i++) {
            nu += x[i] - y[i];
            if (i == n - 1) {
                assertEquals(0, nu, 1e-7);
                break;
            }
            assertTrue(Math.abs(nu) <= lambda + 1e-7, "|nu_" + i + "| = " + Math.abs(nu));
            double dx = x[i + 1] - x[i];
            if (Math.abs(dx) > 1e-5) {
                jumps++;
                assertEquals(lambda * Math.signum(dx), nu, 1e-6, "jump at " + i);
            }
        }
        assertTrue(jumps > 0 && jumps < n / 2, "jumps: " + jumps);
        assertEquals(tv.value(x), r.objective(), 1e-6);
    }

    @Test
    void consensusLeastSquaresMatchesTheGlobalSolution() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Matrix> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        Matrix gram = Matrix.zeros(6, 6);
        double[] xty = new double[6];
        for (int s = 0; s < 4; s++) {
            Matrix x = randomMatrix(30, 6, rnd);
            double[] y = lassoData(x, rnd);
            xs.add(x);
            ys.add(y);
            gram.addi(x.gram());
            double[] t = x.tmvmul(y);
            for (int j = 0; j < 6; j++) {
                xty[j] += t[j];
            }
        }
        double[] exact = Cholesky.of(gram).solve(xty);
        AdmmResult r = TIGHT.solve(Consensus.leastSquares(xs, ys, null));
        assertTrue(r.converged(), r.toString());
        for (int j = 0; j < 6; j++) {
            assertEquals(exact[j], r.z()[j], 1e-7);
        }
    }

    @Test
    void consensusLogisticMatchesLbfgsOnThePooledData() {
        SplittableRandom rnd = new SplittableRandom(9);
        List<Matrix> xs = new ArrayList<>();
        List<double[]> ts = new ArrayList<>();
        double[] truth = {1, -2, 0.5, 0};
        for (int s = 0; s < 3; s++) {
            Matrix x = randomMatrix(40, 4, rnd);
            double[] m = x.mvmul(truth);
            double[] t = new double[40];
            for (int i = 0; i < 40; i++) {
                t[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-m[i])) ? 1 : -1;
            }
            xs.add(x);
            ts.add(t);
        }
        Consensus problem = Consensus.logistic(xs, ts, new SquaredL2Norm(0.5));
        AdmmResult r = Admm.defaults().withTolerances(1e-10, 1e-10).withMaxIterations(5000).solve(problem);
        assertTrue(r.converged(), r.toString());
        SmoothObjective pooled = new SmoothObjective() {
            @Override
            public int dimension() {
                return 4;
            }

            @Override
            public double value(double[] b) {
                return problem.value(b);
            }

            @Override
            public double valueAndGradient(double[] b, double[] g) {
                java.util.Arrays.fill(g, 0);
                double[] gi = new double[4];
                for (int s = 0; s < 3; s++) {
                    ((Consensus.LogisticBlock) new Consensus.LogisticBlock(xs.get(s), ts.get(s))).lossAndGradient(b, gi);
                    for (int j = 0; j < 4; j++) {
                        g[j] += gi[j];
                    }
                }
                for (int j = 0; j < 4; j++) {
                    g[j] += 0.5 * b[j];
                }
                return problem.value(b);
            }
        };
        OptimResult ref = LBFGS.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-11)).minimize(pooled,
                new double[4]);
        assertTrue(ref.converged(), ref.toString());
        for (int j = 0; j < 4; j++) {
            assertEquals(ref.solution()[j], r.z()[j], 1e-6);
        }
    }

    @Test
    void consensusIsBitIdenticalWhateverTheThreadCount() {
        SplittableRandom rnd = new SplittableRandom(13);
        List<Matrix> xs = new ArrayList<>();
        List<double[]> ts = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Matrix x = randomMatrix(25, 3, rnd);
            double[] t = new double[25];
            for (int i = 0; i < 25; i++) {
                t[i] = rnd.nextBoolean() ? 1 : -1;
            }
            xs.add(x);
            ts.add(t);
        }
        int before = dev.derive.runtime.Parallelism.threads();
        try {
            dev.derive.runtime.Parallelism.setThreads(1);
            AdmmResult one = Admm.defaults().solve(Consensus.logistic(xs, ts, new SquaredL2Norm(1)));
            dev.derive.runtime.Parallelism.setThreads(4);
            AdmmResult four = Admm.defaults().solve(Consensus.logistic(xs, ts, new SquaredL2Norm(1)));
            assertTrue(one.converged(), one.toString());
            assertTrue(java.util.Arrays.equals(one.z(), four.z()) && java.util.Arrays.equals(one.x(), four.x()));
            assertEquals(one.iterations(), four.iterations());
        } finally {
            dev.derive.runtime.Parallelism.setThreads(before);
        }
    }

    @Test
    void updatesSolveTheirSubproblems() {
        SplittableRandom rnd = new SplittableRandom(17);
        // TV x-update: (x - y) + rho D'(D x - v) = 0 (the Thomas algorithm)
        int n = 30;
        double[] y = new double[n];
        double[] v = new double[n - 1];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < n - 1; i++) {
            v[i] = rnd.nextGaussian();
        }
        TotalVariation1D tv = new TotalVariation1D(y, 0.7);
        double rho = 2.5;
        double[] x = new double[n];
        tv.xUpdate(v, rho, x);
        double[] dx = new double[n - 1];
        tv.applyA(x, dx);
        for (int i = 0; i < n - 1; i++) {
            dx[i] -= v[i];
        }
        double[] dtr = new double[n];
        tv.applyATranspose(dx, dtr);
        for (int i = 0; i < n; i++) {
            assertEquals(0, x[i] - y[i] + rho * dtr[i], 1e-12, "TV x-update optimality at " + i);
        }
        // D' is the adjoint of D: <D a, b> = <a, D' b>
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
        }
        double[] da = new double[n - 1];
        tv.applyA(a, da);
        double[] dtv = new double[n];
        tv.applyATranspose(v, dtv);
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < n - 1; i++) {
            lhs += da[i] * v[i];
        }
        for (int i = 0; i < n; i++) {
            rhs += a[i] * dtv[i];
        }
        assertEquals(lhs, rhs, 1e-12);
        // lasso x-update: X'(X x - y) + rho (x - v) = 0
        Matrix xm = randomMatrix(20, 5, rnd);
        double[] yy = lassoData(xm, rnd);
        double[] vv = {0.3, -1, 2, 0, 0.5};
        double[] b = new double[5];
        RegularizedLeastSquares.lasso(xm, yy, 1).xUpdate(vv, rho, b);
        double[] r = xm.mvmul(b);
        for (int i = 0; i < r.length; i++) {
            r[i] -= yy[i];
        }
        double[] g = xm.tmvmul(r);
        for (int j = 0; j < 5; j++) {
            assertEquals(0, g[j] + rho * (b[j] - vv[j]), 1e-10, "lasso x-update optimality at " + j);
        }
    }

    @Test
    void nonFiniteUpdateStopsTheRun() {
        TotalVariation1D tv = new TotalVariation1D(new double[]{1, 2, 3, 4}, 0.1);
        AdmmProblem broken = new AdmmProblem() {
            int calls;

            public int xDimension() {
                return tv.xDimension();
            }

            public int zDimension() {
                return tv.zDimension();
            }

            public int constraintRows() {
                return tv.constraintRows();
            }

            public void applyA(double[] x, double[] out) {
                tv.applyA(x, out);
            }

            public void applyATranspose(double[] r, double[] out) {
                tv.applyATranspose(r, out);
            }

            public void applyB(double[] z, double[] out) {
                tv.applyB(z, out);
            }

            public double[] c() {
                return tv.c();
            }

            public void xUpdate(double[] v, double rho, double[] x) {
                tv.xUpdate(v, rho, x);
                if (++calls == 3) {
                    x[1] = Double.NaN;
                }
            }

            public void zUpdate(double[] w, double rho, double[] z) {
                tv.zUpdate(w, rho, z);
            }

            public double objective(double[] x, double[] z) {
                return tv.objective(x, z);
            }
        };
        AdmmResult r = TIGHT.solve(broken);
        assertEquals(StopReason.NON_FINITE, r.stopReason(), r.toString());
        assertEquals(2, r.iterations());
        for (double v : r.x()) {
            assertTrue(Double.isFinite(v));
        }
        assertTrue(r.message().contains("x[1]"), r.message());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Admm.defaults().withAlpha(2));
        assertThrows(IllegalArgumentException.class, () -> Admm.defaults().withRho(0));
        assertThrows(IllegalArgumentException.class, () -> RegularizedLeastSquares.lasso(Matrix.zeros(3, 2),
                new double[4], 1));
        assertThrows(IllegalArgumentException.class, () -> new TotalVariation1D(new double[]{1, Double.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> Admm.defaults().solve(
                new TotalVariation1D(new double[]{1, 2}, 1), new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Consensus.logistic(List.of(Matrix.zeros(2, 2)),
                List.of(new double[]{0, 1}), null));
    }
}
