package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Armijo backtracking and strong Wolfe line searches: the conditions hold at the step they return, over a
 * wide range of initial steps, on the Moré–Thuente test functions and on Rosenbrock along random descent
 * directions; non-finite trial values are backed off from; bad arguments are rejected.
 */
class LineSearchTest {

    /** A one-dimensional objective phi with derivative dphi. */
    static SmoothObjective oneD(DoubleUnaryOperator phi, DoubleUnaryOperator dphi) {
        return new SmoothObjective() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double value(double[] x) {
                return phi.applyAsDouble(x[0]);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                g[0] = dphi.applyAsDouble(x[0]);
                return phi.applyAsDouble(x[0]);
            }
        };
    }

    /** Checks the returned point is x + step d, and its value/gradient are f's there. */
    static void assertConsistent(SmoothObjective f, double[] x, double[] d, LineSearchResult r, double[] xo, double[] go) {
        double[] expected = new double[x.length];
        Vec.step(x, r.step(), d, expected);
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], xo[i], 0, "xOut = x + step d");
        }
        double[] g = new double[x.length];
        assertEquals(f.valueAndGradient(xo, g), r.value(), 0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(g[i], go[i], 0, "gOut is the gradient at xOut");
        }
    }

    static void assertStrongWolfe(StrongWolfe ls, double phi0, double dphi0, LineSearchResult r, double[] go, double[] d) {
        assertEquals(LineSearchResult.Status.SATISFIED, r.status(), r.toString());
        assertTrue(r.value() <= phi0 + ls.c1() * r.step() * dphi0, "sufficient decrease: " + r);
        double dphi = Vec.dot(go, d);
        assertTrue(Math.abs(dphi) <= ls.c2() * Math.abs(dphi0), "curvature: |phi'| = " + Math.abs(dphi) + " > "
                + ls.c2() * Math.abs(dphi0));
    }

    /**
     * Moré &amp; Thuente (1994), section 5: functions 1-3 from their initial steps 1e-3 ... 1e3, with their
     * parameters (mu, eta) = (0.001, 0.1) for function 1; for functions 2 and 3 they use mu = eta = 0.1, and
     * we need c1 &lt; c2, so c1 = 0.01.
     */
    @Test
    void moreThuenteTestFunctions() {
        DoubleUnaryOperator[][] fns = {
            {a -> -a / (a * a + 2), a -> (a * a - 2) / ((a * a + 2) * (a * a + 2))},
            {a -> Math.pow(a + 0.004, 5) - 2 * Math.pow(a + 0.004, 4), a -> 5 * Math.pow(a + 0.004, 4) - 8 * Math.pow(a + 0.004, 3)},
            {a -> (a <= 1 ? 0.5 * (1 - a) * (1 - a) - 0.5 : 0.5 * (a - 1) * (a - 1) - 0.5) + 2 * (1 - 0.01) / (39 * Math.PI) * Math.sin(39 * Math.PI / 2 * a),
             a -> (a - 1) + (1 - 0.01) * Math.cos(39 * Math.PI / 2 * a)},
        };
        double[][] c = {{1e-3, 0.1}, {0.01, 0.1}, {0.01, 0.1}};
        for (int k = 0; k < fns.length; k++) {
            SmoothObjective f = oneD(fns[k][0], fns[k][1]);
            StrongWolfe ls = new StrongWolfe(c[k][0], c[k][1], 60);
            for (double a0 : new double[] {1e-3, 1e-1, 10, 1e3}) {
                double[] x = {0};
                double[] g0 = new double[1];
                double phi0 = f.valueAndGradient(x, g0);
                double[] d = {1};
                double[] xo = new double[1];
                double[] go = new double[1];
                LineSearchResult r = ls.search(f, x, phi0, g0, d, a0, Double.POSITIVE_INFINITY, xo, go);
                assertStrongWolfe(ls, phi0, g0[0], r, go, d);
                assertConsistent(f, x, d, r, xo, go);
                assertTrue(r.evaluations() <= 20, "function " + (k + 1) + ", alpha0 " + a0 + ": " + r);
            }
        }
    }

    @Property(tries = 150, seed = "4242")
    void strongWolfeHoldsOnRosenbrock(@ForAll @IntRange(min = 2, max = 8) int n, @ForAll long seed,
                                      @ForAll @DoubleRange(min = -8, max = 6) double log10Step) {
        Rosenbrock f = new Rosenbrock(n);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = ProblemInterfacesTest.randn(n, rng);
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        // a random descent direction: -g rotated towards a random vector
        double[] d = ProblemInterfacesTest.randn(n, rng);
        double gd = Vec.dot(g, d);
        if (gd >= 0) {
            Vec.scale(-1, d);
            gd = -gd;
        }
        if (gd == 0) {
            return;
        }
        double[] xo = new double[n];
        double[] go = new double[n];
        StrongWolfe ls = StrongWolfe.defaults();
        LineSearchResult r = ls.search(f, x, fx, g, d, Math.pow(10, log10Step), Double.POSITIVE_INFINITY, xo, go);
        assertStrongWolfe(ls, fx, gd, r, go, d);
        assertConsistent(f, x, d, r, xo, go);

        ArmijoBacktracking ab = ArmijoBacktracking.defaults();
        LineSearchResult ra = ab.search(f, x, fx, g, d, Math.pow(10, log10Step), Double.POSITIVE_INFINITY, xo, go);
        assertEquals(LineSearchResult.Status.SATISFIED, ra.status(), ra.toString());
        assertTrue(ra.value() <= fx + ab.c1() * ra.step() * gd);
        assertTrue(ra.step() <= Math.pow(10, log10Step));
        assertConsistent(f, x, d, ra, xo, go);
        ArmijoBacktracking plain = new ArmijoBacktracking(0.3, 0.7, false, 200);
        LineSearchResult rp = plain.search(f, x, fx, g, d, Math.pow(10, log10Step), Double.POSITIVE_INFINITY, xo, go);
        assertEquals(LineSearchResult.Status.SATISFIED, rp.status());
        assertTrue(rp.value() <= fx + 0.3 * rp.step() * gd);
        // without interpolation the step is alpha0 * 0.7^k, and the previous one failed the test
        double k = Math.log(rp.step() / Math.pow(10, log10Step)) / Math.log(0.7);
        assertEquals(Math.round(k), k, 1e-6);
        if (rp.step() < Math.pow(10, log10Step)) {
            double prev = rp.step() / 0.7;
            double[] xp = new double[n];
            Vec.step(x, prev, d, xp);
            assertTrue(f.value(xp) > fx + 0.3 * prev * gd);
        }
    }

    @Test
    void backsOffFromNonFiniteValues() {
        // phi(a) = -log(1 - a) - 2a is defined for a < 1 (NaN beyond), minimised at a = 1/2
        SmoothObjective f = oneD(a -> a < 1 ? -Math.log(1 - a) - 2 * a : Double.NaN, a -> a < 1 ? 1 / (1 - a) - 2 : Double.NaN);
        double[] x = {0};
        double[] g0 = new double[1];
        double phi0 = f.valueAndGradient(x, g0);
        double[] d = {1};
        double[] xo = new double[1];
        double[] go = new double[1];
        for (double a0 : new double[] {0.9, 1.5, 100, 1e10}) {
            StrongWolfe ls = StrongWolfe.defaults();
            LineSearchResult r = ls.search(f, x, phi0, g0, d, a0, Double.POSITIVE_INFINITY, xo, go);
            assertStrongWolfe(ls, phi0, g0[0], r, go, d);
            assertTrue(r.step() < 1);
            LineSearchResult ra = ArmijoBacktracking.defaults().search(f, x, phi0, g0, d, a0, Double.POSITIVE_INFINITY, xo, go);
            assertEquals(LineSearchResult.Status.SATISFIED, ra.status());
            assertTrue(ra.step() < 1 && ra.value() < phi0);
        }
        // NaN everywhere except at 0: both report NON_FINITE and leave the starting point
        SmoothObjective nan = oneD(a -> a == 0 ? 0 : Double.NaN, a -> a == 0 ? -1 : Double.NaN);
        for (LineSearch ls : new LineSearch[] {StrongWolfe.defaults(), ArmijoBacktracking.defaults()}) {
            LineSearchResult r = ls.search(nan, x, 0, new double[] {-1}, d, 1, Double.POSITIVE_INFINITY, xo, go);
            assertEquals(LineSearchResult.Status.NON_FINITE, r.status(), ls.toString());
            assertEquals(0, r.step());
            assertEquals(0, xo[0]);
            assertEquals(-1, go[0]);
        }
    }

    /**
     * phi(a) = 1e6 + 1e-12 (a - 1)^2: the decrease (1e-12) is below the rounding of phi (1.2e-10), so only the
     * slope can tell a good step; the approximate (Hager–Zhang) condition accepts the minimiser a = 1.
     */
    @Test
    void acceptsStepsWhoseDecreaseIsBelowRounding() {
        SmoothObjective flat = oneD(a -> 1e6 + 1e-12 * (a - 1) * (a - 1), a -> 2e-12 * (a - 1));
        double[] x = {0};
        double[] g0 = new double[1];
        double phi0 = flat.valueAndGradient(x, g0);
        double[] xo = new double[1];
        double[] go = new double[1];
        LineSearchResult w = StrongWolfe.defaults().search(flat, x, phi0, g0, new double[] {1}, 1, Double.POSITIVE_INFINITY, xo, go);
        assertEquals(LineSearchResult.Status.SATISFIED, w.status());
        assertEquals(1, w.step());
        LineSearchResult a = ArmijoBacktracking.defaults().search(flat, x, phi0, g0, new double[] {1}, 1, Double.POSITIVE_INFINITY, xo, go);
        assertEquals(LineSearchResult.Status.SATISFIED, a.status());
        assertEquals(1, a.step());
        // but a step to a = 3, where the slope says we overshot (phi'(3) = 4e-12 > -(2 c1 - 1) phi'(0)), is refused
        LineSearchResult over = ArmijoBacktracking.defaults().search(flat, x, phi0, g0, new double[] {1}, 3, Double.POSITIVE_INFINITY, xo, go);
        assertTrue(over.step() < 3, over.toString());
    }

    @Test
    void respectsTheMaximumStep() {
        // a linear function keeps decreasing: the step stops at maxStep with sufficient decrease only
        SmoothObjective lin = oneD(a -> -a, a -> -1);
        double[] xo = new double[1];
        double[] go = new double[1];
        LineSearchResult r = StrongWolfe.defaults().search(lin, new double[] {0}, 0, new double[] {-1}, new double[] {1},
                1, 5, xo, go);
        assertEquals(LineSearchResult.Status.DECREASE_ONLY, r.status());
        assertEquals(5, r.step());
        assertEquals(-5, r.value());
        LineSearchResult ra = ArmijoBacktracking.defaults().search(lin, new double[] {0}, 0, new double[] {-1},
                new double[] {1}, 10, 5, xo, go);
        assertEquals(5, ra.step());
        // maxStep 0: nothing to try
        LineSearchResult z = StrongWolfe.defaults().search(lin, new double[] {0}, 0, new double[] {-1}, new double[] {1},
                1, 0, xo, go);
        assertEquals(LineSearchResult.Status.FAILED, z.status());
        assertEquals(0, z.evaluations());
    }

    @Test
    void cubicInterpolationIsExactOnACubic() {
        // p(a) = (a - 1)(a - 3)(a + 1) = a^3 - 3a^2 - a + 3 has its local minimum at (3 + sqrt(12)) / 3
        DoubleUnaryOperator p = a -> a * a * a - 3 * a * a - a + 3;
        DoubleUnaryOperator dp = a -> 3 * a * a - 6 * a - 1;
        double m = StrongWolfe.cubicMinimizer(0.5, p.applyAsDouble(0.5), dp.applyAsDouble(0.5), 4, p.applyAsDouble(4),
                dp.applyAsDouble(4));
        assertEquals((3 + Math.sqrt(12)) / 3, m, 1e-12);
        assertTrue(Double.isNaN(StrongWolfe.cubicMinimizer(1, 0, 1, 1, 0, 1)));
    }

    @Test
    void rejectsBadArgumentsAndParameters() {
        SmoothObjective f = oneD(a -> a * a, a -> 2 * a);
        double[] xo = new double[1];
        double[] go = new double[1];
        var e = assertThrows(IllegalArgumentException.class, () -> StrongWolfe.defaults().search(f, new double[] {1}, 1,
                new double[] {2}, new double[] {1}, 1, Double.POSITIVE_INFINITY, xo, go));
        assertTrue(e.getMessage().contains("not a descent direction") && e.getMessage().contains("g'd = 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArmijoBacktracking.defaults().search(f, new double[] {1}, 1,
                new double[] {2}, new double[] {-1}, -1, Double.POSITIVE_INFINITY, xo, go));
        assertTrue(e.getMessage().contains("initialStep") && e.getMessage().contains("-1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ArmijoBacktracking.defaults().search(f, new double[] {1},
                Double.NaN, new double[] {2}, new double[] {-1}, 1, Double.POSITIVE_INFINITY, xo, go));
        assertTrue(e.getMessage().contains("f(x) must be finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> StrongWolfe.defaults().search(f, new double[2], 1,
                new double[] {2}, new double[] {-1}, 1, Double.POSITIVE_INFINITY, xo, go));
        assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StrongWolfe(0.5, 0.4, 10));
        assertTrue(e.getMessage().contains("c2 must be in (c1, 1) = (0.5, 1), got 0.4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StrongWolfe(0, 0.4, 10));
        assertTrue(e.getMessage().contains("c1 must be in (0, 1), got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ArmijoBacktracking(1e-4, 1.5, false, 10));
        assertTrue(e.getMessage().contains("shrink must be in (0, 1), got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ArmijoBacktracking(1e-4, 0.5, false, 0));
        assertTrue(e.getMessage().contains("maxEvaluations must be >= 1, got 0"), e.getMessage());
    }
}
