package dev.derive.optim.constrained;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.data.io.Npy;
import dev.derive.linalg.Matrix;
import dev.derive.optim.Bounds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The benchmark problems written by derive-bench/scripts/lp_problems.py, when present on this machine (the directory
 * named by the environment variable {@code DERIVE_LPBENCH_DIR}, e.g. the OUT_DIR of that script); skipped otherwise.
 * The dense QP once stalled at 200 iterations (the primal regularisation grew with the barrier terms).
 */
class InteriorPointBenchProblemsTest {

    static Path dir(String name) {
        String root = System.getenv("DERIVE_LPBENCH_DIR");
        Assumptions.assumeTrue(root != null, "DERIVE_LPBENCH_DIR not set: benchmark problem " + name + " skipped");
        Path d = Path.of(root, name);
        Assumptions.assumeTrue(Files.isDirectory(d), "benchmark problem " + d + " absent: skipped");
        return d;
    }

    static Matrix mat(Path d, String f) throws IOException {
        try (InputStream in = Files.newInputStream(d.resolve(f))) {
            return Npy.readMatrix(in, 10_000_000);
        }
    }

    static double[] vec(Path d, String f) throws IOException {
        try (InputStream in = Files.newInputStream(d.resolve(f))) {
            return Npy.readDoubles(in, 10_000_000);
        }
    }

    static QuadraticProgram load(Path d) throws IOException {
        Matrix q = Files.exists(d.resolve("Q.npy")) ? mat(d, "Q.npy") : null;
        double[] c = vec(d, "c.npy");
        if (q == null) {
            q = Matrix.zeros(c.length, c.length);
        }
        return new QuadraticProgram(q, c, mat(d, "A_eq.npy"), vec(d, "b_eq.npy"), mat(d, "A_ub.npy"),
                vec(d, "b_ub.npy"), new Bounds(vec(d, "lb.npy"), vec(d, "ub.npy")));
    }

    @Test
    void denseQp200() throws IOException {
        QuadraticProgram qp = load(dir("qp_200"));
        long t0 = System.nanoTime();
        InteriorPointResult r = InteriorPoint.defaults().solve(qp);
        System.out.printf("qp_200: %s  %.3f s%n", r, (System.nanoTime() - t0) / 1e9);
        InteriorPointTest.assertKkt(qp, r, 1e-8);
        // cvxopt 1.3 solvers.qp (abstol=reltol=feastol=1e-9) optimum, as printed by lp_problems.py
        assertEquals(395.6966906944994, r.primalObjective(), 1e-7 * 395.7);
    }

    @Test
    void lp400() throws IOException {
        QuadraticProgram qp = load(dir("lp_400"));
        LinearProgram lp = new LinearProgram(qp.c(), qp.aEq(), qp.bEq(), qp.aUb(), qp.bUb(), qp.bounds());
        long t0 = System.nanoTime();
        InteriorPointResult r = InteriorPoint.defaults().solve(lp);
        System.out.printf("lp_400: %s  %.3f s%n", r, (System.nanoTime() - t0) / 1e9);
        InteriorPointTest.assertKkt(lp.toQuadratic(), r, 1e-8);
        // scipy 1.10 linprog(method="highs") optimum, as printed by lp_problems.py (numpy seed 7)
        assertEquals(-349.6714531128724, r.primalObjective(), 1e-8 * 349.7);
    }
}
