package dev.derive.optim.constrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import dev.derive.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The two kernel paths of {@link InteriorPoint} (pure Java, {@link dev.derive.linalg.JavaBlas}, for small problems;
 * OpenBLAS otherwise) run the same method: on every problem both reach the reference optimum with KKT residuals
 * {@code <= 1e-8}, in the same number of iterations, and their solutions agree to the interior-point accuracy. The
 * references: scipy 1.10 HiGHS optima of random LPs ({@code optim_lp_highs.txt}), cvxopt optima of dense QPs of the
 * benchmark's kind ({@code optim_qp_cvxopt.txt}), QPs with an optimum known by construction, and the benchmark problems
 * of lp_problems.py when {@code DERIVE_LPBENCH_DIR} names them.
 */
class InteriorPointJavaKernelsTest {

    static final InteriorPoint IP = InteriorPoint.defaults();

    /**
     * Both paths on one problem: optimal, KKT to 1e-8, equal iteration counts, x within {@code xTol} (NaN: the
     * minimiser is not unique, and the paths may stop at different points of the optimal face: then {@code Q x}, the
     * same at every minimiser of a convex QP, within 1e-7).
     */
    static InteriorPointResult[] bothPaths(QuadraticProgram qp, boolean linear, double xTol, String what) {
        InteriorPointResult java = IP.run(qp, linear, true);
        InteriorPointResult blas = IP.run(qp, linear, false);
        InteriorPointTest.assertKkt(qp, java, 1e-8);
        InteriorPointTest.assertKkt(qp, blas, 1e-8);
        assertEquals(blas.iterations(), java.iterations(), what + ": iterations (OpenBLAS " + blas + ", Java " + java
                + ")");
        if (Double.isNaN(xTol)) {
            assertArrayEquals(qp.q().mvmul(blas.x()), qp.q().mvmul(java.x()), 1e-7, what + ": Q x");
        } else {
            assertArrayEquals(blas.x(), java.x(), xTol, what + ": solutions");
        }
        double f = blas.primalObjective();
        assertEquals(f, java.primalObjective(), 1e-10 * (1 + Math.abs(f)), what + ": objectives");
        return new InteriorPointResult[]{java, blas};
    }

    @Test
    void randomLpsAgreeOnBothPathsAndWithHighs() {
        Fixtures fx = Fixtures.load("optim_lp_highs.txt");
        int count = (int) fx.scalar("count");
        for (int k = 0; k < count; k++) {
            LinearProgram lp = new LinearProgram(fx.vector("c_" + k), fx.matrix("A_eq_" + k), fx.vector("b_eq_" + k),
                    fx.matrix("A_ub_" + k), fx.vector("b_ub_" + k), new Bounds(fx.vector("lb_" + k),
                    fx.vector("ub_" + k)));
            InteriorPointResult[] r = bothPaths(lp.toQuadratic(), true, 1e-8, "LP " + k);
            double fun = fx.scalar("fun_" + k);
            for (InteriorPointResult res : r) {
                assertEquals(fun, res.primalObjective(), 1e-9 * (1 + Math.abs(fun)), "LP " + k + ": " + res);
                assertArrayEquals(fx.vector("x_" + k), res.x(), 1e-7, "LP " + k);
            }
        }
    }

    @Test
    void denseQpsAgreeOnBothPathsAndWithCvxopt() {
        Fixtures fx = Fixtures.load("optim_qp_cvxopt.txt");
        int count = (int) fx.scalar("count");
        for (int k = 0; k < count; k++) {
            int n = (int) fx.scalar("n_" + k);
            QuadraticProgram qp = InteriorPointQpRegressionTest.problem((long) fx.scalar("seed_" + k), n,
                    fx.scalar("push_" + k));
            InteriorPointResult[] r = bothPaths(qp, false, 1e-7, "QP " + k + " (n = " + n + ")");
            double fun = fx.scalar("fun_" + k);
            for (InteriorPointResult res : r) {
                assertEquals(fun, res.primalObjective(), 1e-8 * Math.abs(fun), "QP " + k + ": " + res);
                assertArrayEquals(fx.vector("x_" + k), res.x(), 1e-6, "QP " + k);
            }
        }
    }

    @Test
    void constructedQpsAgreeOnBothPathsAndReachTheirOptimum() {
        int[][] shapes = {{10, 3, 5, 10}, {40, 10, 20, 25}, {120, 30, 60, 120}, {60, 5, 30, 10}};
        long seed = 11;
        for (int[] s : shapes) {
            double[] xStar = new double[s[0]];
            QuadraticProgram qp = InteriorPointTest.constructedQp(s[0], s[1], s[2], s[3], seed++, xStar);
            InteriorPointResult[] r = bothPaths(qp, false, s[3] == s[0] ? 1e-8 : Double.NaN, "constructed QP n = " + s[0]);
            double fStar = qp.objective(xStar);
            for (InteriorPointResult res : r) {
                assertEquals(fStar, res.primalObjective(), 1e-9 * (1 + Math.abs(fStar)), res.toString());
            }
        }
    }

    @Test
    void homogeneousEmbeddingOnBothPaths() {
        // infeasible: x1 + x2 = -1 with x >= 0; the embedding's Farkas certificate on either path
        QuadraticProgram inf = new LinearProgram(new double[]{1, 1}, Matrix.of(new double[]{1, 1}), new double[]{-1},
                null, null, Bounds.nonNegative(2)).toQuadratic();
        for (boolean java : new boolean[]{true, false}) {
            InteriorPointResult r = IP.run(inf, true, java);
            assertEquals(SolverStatus.INFEASIBLE, r.status(), (java ? "Java: " : "OpenBLAS: ") + r);
            assertNotNull(r.certificate());
            assertTrue(r.certificate().valid());
        }
        // the embedding alone on a feasible QP: same optimum and iterations on both paths
        QuadraticProgram qp = InteriorPointQpRegressionTest.problem(101, 50, 0);
        InteriorPoint hsd = IP.withHomogeneous(true);
        InteriorPointResult java = hsd.run(qp, false, true);
        InteriorPointResult blas = hsd.run(qp, false, false);
        InteriorPointTest.assertKkt(qp, java, 1e-8);
        assertEquals(blas.iterations(), java.iterations());
        assertArrayEquals(blas.x(), java.x(), 1e-7);
    }

    /** The benchmark problems (lp/qp 200, 400, 800) when present: both paths at any size. */
    @Test
    void benchmarkProblemsAgreeOnBothPaths() throws IOException {
        String[] names = {"lp_200", "qp_200", "lp_400", "qp_400"};
        double[] reference = {-278.2613472648647, 395.6966906961213, -349.6714531128724, 495.9973906751147};
        for (int k = 0; k < names.length; k++) {
            Path d = InteriorPointBenchProblemsTest.dir(names[k]);
            QuadraticProgram qp = InteriorPointBenchProblemsTest.load(d);
            boolean linear = names[k].startsWith("lp");
            InteriorPointResult[] r = bothPaths(qp, linear, 1e-6, names[k]);
            assertEquals(reference[k], r[0].primalObjective(), 1e-8 * Math.abs(reference[k]), names[k]);
        }
    }

    /**
     * QPs of the benchmark's shape ({@code m_ub = n/2}, {@code m_eq = n/5}) on either side of the default threshold
     * {@link InteriorPoint#DEFAULT_JAVA_SIZE} (internal sizes 199 and 201; n = 133 and 134, row counts 66/67 and 26,
     * not multiples of the kernels' blocks of four): both kernel paths reach the same optimum, and the default solve
     * takes the path its size selects (bit for bit).
     */
    @Test
    void sizesAroundTheThresholdAgreeOnBothPaths() {
        for (int n : new int[]{133, 134}) {
            QuadraticProgram qp = InteriorPointQpRegressionTest.problem(500 + n, n, 0);
            assertEquals(n == 133 ? 199 : 201, InteriorPoint.size(qp));
            InteriorPointResult[] r = bothPaths(qp, false, 1e-7, "QP n = " + n);
            InteriorPointResult viaDefault = IP.solve(qp);
            InteriorPointResult chosen = InteriorPoint.size(qp) <= InteriorPoint.JAVA_SIZE ? r[0] : r[1];
            assertArrayEquals(chosen.x(), viaDefault.x(), 0, "n = " + n + ": the default solve's path");
            assertEquals(chosen.iterations(), viaDefault.iterations());
        }
    }

    @Test
    void defaultPathFollowsTheSizeThreshold() {
        QuadraticProgram qp = InteriorPointQpRegressionTest.problem(101, 50, 0);
        assertTrue(InteriorPoint.size(qp) <= InteriorPoint.JAVA_SIZE || InteriorPoint.JAVA_SIZE < 75,
                "n = 50 (size " + InteriorPoint.size(qp) + ") is small");
        InteriorPointResult viaDefault = IP.solve(qp);
        InteriorPointResult chosen = IP.run(qp, false, InteriorPoint.size(qp) <= InteriorPoint.JAVA_SIZE);
        assertArrayEquals(chosen.x(), viaDefault.x(), 0); // the same path: the same bits
        assertEquals(chosen.iterations(), viaDefault.iterations());
    }
}
