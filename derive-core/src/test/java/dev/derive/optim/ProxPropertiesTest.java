package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SVD;
import dev.derive.optim.prox.BoxIndicator;
import dev.derive.optim.prox.GroupLasso;
import dev.derive.optim.prox.ProximalFunction;
import dev.derive.optim.prox.Prox;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

/**
 * Every proximal operator satisfies its optimality condition {@code (v - p)/t in dg(p)} for {@code p = prox_{tg}(v)}:
 * checked coordinate by coordinate from the closed-form subdifferential of each function, and for all of them
 * through the subgradient inequality {@code g(q) >= g(p) + s'(q - p)}, {@code s = (v - p)/t}, at random points
 * {@code q} of the domain (which is what {@code s in dg(p)} means), and minimality of
 * {@code g(u) + ||u - v||^2/(2t)} at {@code p} against nearby points.
 */
class ProxPropertiesTest {

    static final String SEED = "90210";
    /** Tolerance for the conditions: a few ulps of the data's scale. */
    static final double TOL = 1e-12;

    static double[] randn(int n, SplittableRandom rng, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * rng.nextGaussian();
        }
        return x;
    }

    /**
     * The generic checks: the subgradient inequality at random domain points ({@code project} maps a random point
     * into the domain) and minimality of the prox objective near p.
     */
    static void genericChecks(ProximalFunction g, double[] v, double t, double[] p, SplittableRandom rng,
                              java.util.function.UnaryOperator<double[]> project) {
        int n = v.length;
        double gp = g.value(p);
        assertTrue(Double.isFinite(gp), "p is in the domain of g");
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = (v[i] - p[i]) / t;
        }
        double scale = 1 + Vec.normInf(v) + Vec.normInf(p);
        double hp = gp + sq(p, v) / (2 * t);
        for (int trial = 0; trial < 30; trial++) {
            double[] q = project.apply(randn(n, rng, trial % 2 == 0 ? 0.1 * scale : scale));
            if (trial % 3 == 0) {
                // a point near p
                double[] d = randn(n, rng, 1e-3 * scale);
                q = project.apply(add(p, d));
            }
            double gq = g.value(q);
            double lhs = gq;
            double rhs = gp + Vec.dot(s, diff(q, p));
            assertTrue(lhs >= rhs - 1e-10 * scale * (1 + Math.abs(rhs)), "subgradient inequality fails for " + g
                    + ": g(q) = " + lhs + " < " + rhs);
            double hq = gq + sq(q, v) / (2 * t);
            assertTrue(hp <= hq + 1e-10 * scale * scale * (1 + Math.abs(hq)), "prox objective not minimal for " + g
                    + ": " + hp + " > " + hq);
        }
    }

    static double sq(double[] a, double[] b) {
        double d = Vec.distance(a, b);
        return d * d;
    }

    static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    static double[] add(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] + b[i];
        }
        return d;
    }

    @Property(tries = 200, seed = SEED)
    void l1SoftThresholding(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed,
                            @ForAll @DoubleRange(min = 1e-3, max = 10) @Scale(4) double t, @ForAll @DoubleRange(min = 0, max = 3) double lambda) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = randn(n, rng, 2);
        ProximalFunction g = Prox.l1(lambda);
        double[] p = g.prox(v, t);
        for (int i = 0; i < n; i++) {
            double s = (v[i] - p[i]) / t;
            if (p[i] != 0) {
                assertEquals(lambda * Math.signum(p[i]), s, TOL * (1 + Math.abs(v[i]) / t));
            } else {
                assertTrue(Math.abs(s) <= lambda + TOL * (1 + Math.abs(v[i]) / t), "|s| <= lambda at a zero");
            }
        }
        genericChecks(g, v, t, p, rng, q -> q);
    }

    @Property(tries = 200, seed = SEED)
    void l2BlockThresholding(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed,
                             @ForAll @DoubleRange(min = 1e-3, max = 10) @Scale(4) double t, @ForAll @DoubleRange(min = 0, max = 3) double lambda) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = randn(n, rng, rng.nextDouble() < 0.3 ? 0.1 : 2);
        ProximalFunction g = Prox.l2(lambda);
        double[] p = g.prox(v, t);
        double np = Vec.norm(p);
        if (np > 0) {
            for (int i = 0; i < n; i++) {
                assertEquals(lambda * p[i] / np, (v[i] - p[i]) / t, TOL * (1 + Vec.normInf(v) / t));
            }
        } else {
            assertTrue(Vec.norm(v) / t <= lambda * (1 + TOL) + TOL, "||s|| <= lambda at 0");
        }
        genericChecks(g, v, t, p, rng, q -> q);
    }

    @Property(tries = 200, seed = SEED)
    void squaredL2AndElasticNet(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed,
                                @ForAll @DoubleRange(min = 1e-3, max = 10) @Scale(4) double t,
                                @ForAll @DoubleRange(min = 0, max = 3) double l1, @ForAll @DoubleRange(min = 0, max = 3) double l2) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = randn(n, rng, 2);
        double[] p = Prox.squaredL2(l2).prox(v, t);
        for (int i = 0; i < n; i++) {
            assertEquals(l2 * p[i], (v[i] - p[i]) / t, TOL * (1 + Math.abs(v[i]) / t));
        }
        genericChecks(Prox.squaredL2(l2), v, t, p, rng, q -> q);
        ProximalFunction en = Prox.elasticNet(l1, l2);
        double[] pe = en.prox(v, t);
        for (int i = 0; i < n; i++) {
            double s = (v[i] - pe[i]) / t - l2 * pe[i]; // must lie in l1 * d|.|(p_i)
            if (pe[i] != 0) {
                assertEquals(l1 * Math.signum(pe[i]), s, TOL * (1 + Math.abs(v[i]) / t));
            } else {
                assertTrue(Math.abs(s) <= l1 + TOL * (1 + Math.abs(v[i]) / t));
            }
        }
        genericChecks(en, v, t, pe, rng, q -> q);
    }

    @Property(tries = 150, seed = SEED)
    void groupLasso(@ForAll @IntRange(min = 2, max = 12) int n, @ForAll long seed,
                    @ForAll @DoubleRange(min = 1e-3, max = 10) @Scale(4) double t, @ForAll @DoubleRange(min = 0, max = 2) double lambda) {
        SplittableRandom rng = new SplittableRandom(seed);
        int groups = 1 + rng.nextInt(n);
        int[] groupOf = new int[n];
        for (int i = 0; i < n; i++) {
            groupOf[i] = rng.nextInt(groups + 1) - 1; // -1: unpenalised
        }
        GroupLasso g = GroupLasso.of(lambda, groupOf);
        double[] v = randn(n, rng, rng.nextDouble() < 0.3 ? 0.2 : 2);
        double[] p = g.prox(v, t);
        double[] w = g.weights();
        for (int gr = 0; gr < w.length; gr++) {
            double ng = 0;
            double nv = 0;
            for (int i = 0; i < n; i++) {
                if (groupOf[i] == gr) {
                    ng += p[i] * p[i];
                    nv += v[i] * v[i];
                }
            }
            ng = Math.sqrt(ng);
            for (int i = 0; i < n; i++) {
                if (groupOf[i] != gr) {
                    continue;
                }
                if (ng > 0) {
                    assertEquals(lambda * w[gr] * p[i] / ng, (v[i] - p[i]) / t, TOL * (1 + Vec.normInf(v) / t));
                }
            }
            if (ng == 0) {
                assertTrue(Math.sqrt(nv) / t <= lambda * w[gr] * (1 + TOL) + TOL);
            }
        }
        for (int i = 0; i < n; i++) {
            if (groupOf[i] < 0) {
                assertEquals(v[i], p[i], "unpenalised coordinates are untouched");
            }
        }
        genericChecks(g, v, t, p, rng, q -> q);
    }

    @Property(tries = 200, seed = SEED)
    void boxAndBallProjections(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed,
                               @ForAll @DoubleRange(min = 1e-3, max = 10) @Scale(4) double t, @ForAll @DoubleRange(min = 0, max = 3) double r) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = randn(n, rng, 2);
        double[] lo = randn(n, rng, 1);
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            hi[i] = rng.nextDouble() < 0.2 ? Double.POSITIVE_INFINITY : lo[i] + 2 * rng.nextDouble();
            if (rng.nextDouble() < 0.2) {
                lo[i] = Double.NEGATIVE_INFINITY;
            }
        }
        Bounds b = new Bounds(lo, hi);
        BoxIndicator box = new BoxIndicator(b);
        double[] p = box.prox(v, t);
        for (int i = 0; i < n; i++) {
            // normal cone of the box: v - p <= 0 at the lower bound, >= 0 at the upper, 0 inside
            double s = v[i] - p[i];
            if (p[i] > lo[i] && p[i] < hi[i]) {
                assertEquals(0, s);
            } else if (p[i] == lo[i] && p[i] < hi[i]) {
                assertTrue(s <= 0);
            } else if (p[i] == hi[i] && p[i] > lo[i]) {
                assertTrue(s >= 0);
            }
        }
        genericChecks(box, v, t, p, rng, b::project);

        ProximalFunction ball = Prox.l2Ball(r);
        double[] pb = ball.prox(v, t);
        double npb = Vec.norm(pb);
        assertTrue(npb <= r * (1 + 1e-15));
        if (Vec.norm(v) > r) {
            // v - p = c p with c >= 0 (the normal cone of the ball at a boundary point)
            assertEquals(r, npb, 1e-14 * (1 + r));
            double c = Vec.dot(diff(v, pb), pb) / Math.max(Vec.dot(pb, pb), 1e-300);
            assertTrue(c >= 0);
            for (int i = 0; i < n && r > 0; i++) { // r = 0: the ball is {0}, whose normal cone is everything
                assertEquals(c * pb[i], v[i] - pb[i], 1e-12 * (1 + Vec.normInf(v)));
            }
        } else {
            assertArrayEquals(v, pb);
        }
        genericChecks(ball, v, t, pb, rng, q -> Prox.l2Ball(r).prox(q, 1));

        ProximalFunction inf = Prox.lInfBall(r);
        double[] pi = inf.prox(v, t);
        for (int i = 0; i < n; i++) {
            double s = v[i] - pi[i];
            assertTrue(Math.abs(pi[i]) <= r);
            if (Math.abs(pi[i]) < r) {
                assertEquals(0, s);
            } else {
                assertTrue(s * pi[i] >= 0, "v - p points outwards at the boundary");
            }
        }
        genericChecks(inf, v, t, pi, rng, q -> Prox.lInfBall(r).prox(q, 1));
    }

    @Property(tries = 200, seed = SEED)
    void simplexProjection(@ForAll @IntRange(min = 1, max = 15) int n, @ForAll long seed,
                           @ForAll @DoubleRange(min = 0.1, max = 5) double radius) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = randn(n, rng, 2);
        ProximalFunction g = Prox.simplex(radius);
        double[] p = g.prox(v, 1.7);
        double sum = 0;
        for (double pi : p) {
            assertTrue(pi >= 0);
            sum += pi;
        }
        assertEquals(radius, sum, 1e-12 * (radius + Vec.normInf(v) * n));
        // normal cone of the simplex at p: v - p = tau 1 - mu, mu >= 0, mu_i = 0 where p_i > 0
        double tau = Double.NaN;
        for (int i = 0; i < n; i++) {
            if (p[i] > 0) {
                double s = v[i] - p[i];
                if (Double.isNaN(tau)) {
                    tau = s;
                }
                assertEquals(tau, s, 1e-12 * (1 + Vec.normInf(v)));
            }
        }
        for (int i = 0; i < n; i++) {
            if (p[i] == 0) {
                assertTrue(v[i] - p[i] <= tau + 1e-12 * (1 + Vec.normInf(v)));
            }
        }
        genericChecks(g, v, 1.7, p, rng, q -> Prox.simplex(radius).prox(q, 1));
    }

    @Property(tries = 60, seed = SEED)
    void nuclearNormSingularValueThresholding(@ForAll @IntRange(min = 1, max = 6) int rows,
                                              @ForAll @IntRange(min = 1, max = 6) int cols, @ForAll long seed,
                                              @ForAll @DoubleRange(min = 1e-2, max = 3) double t,
                                              @ForAll @DoubleRange(min = 0, max = 2) double lambda) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = randn(rows * cols, rng, 2);
        ProximalFunction g = Prox.nuclearNorm(lambda, rows, cols);
        double[] p = g.prox(v, t);
        double[] sv = SVD.values(Matrix.fromColumnMajor(rows, cols, v));
        double[] sp = SVD.values(Matrix.fromColumnMajor(rows, cols, p));
        for (int i = 0; i < sv.length; i++) {
            assertEquals(Math.max(sv[i] - t * lambda, 0), sp[i], 1e-12 * (1 + sv[0]));
        }
        genericChecks(g, v, t, p, rng, q -> q);
    }

    @Test
    void knownValues() {
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, Prox.simplex().prox(new double[] {0.5, 0.5, 0.5}, 1), 1e-15);
        assertArrayEquals(new double[] {1, 0, 0}, Prox.simplex().prox(new double[] {2, 0, 0}, 1), 1e-15);
        assertArrayEquals(new double[] {0.75, 0.25}, Prox.simplex().prox(new double[] {1, 0.5}, 1), 1e-15);
        assertArrayEquals(new double[] {1.5, 0, -0.5}, Prox.l1(1).prox(new double[] {2, 0.3, -1}, 0.5), 1e-15);
        assertArrayEquals(new double[] {0.6, 0.8}, Prox.l2Ball(1).prox(new double[] {3, 4}, 1), 1e-15);
        assertArrayEquals(new double[] {1.8, 2.4}, Prox.l2(1).prox(new double[] {3, 4}, 2), 1e-15);
        assertArrayEquals(new double[] {1, 2}, Prox.squaredL2(1).prox(new double[] {2, 4}, 1), 1e-15);
        assertArrayEquals(new double[] {2, 0}, Prox.zero().prox(new double[] {2, 0}, 3), 0);
        assertEquals(7, Prox.l1(1).value(new double[] {3, -4}));
        assertEquals(Double.POSITIVE_INFINITY, Prox.nonNegative(2).value(new double[] {1, -1}));
        assertEquals(0, Prox.simplex().value(new double[] {0.25, 0.75}));
        // nuclear norm of diag(3, 1) is 4; thresholding at 2 leaves diag(1, 0)
        double[] d = {3, 0, 0, 1};
        assertEquals(4, Prox.nuclearNorm(1, 2, 2).value(d), 1e-14);
        assertArrayEquals(new double[] {1, 0, 0, 0}, Prox.nuclearNorm(1, 2, 2).prox(d, 2), 1e-14);
        double[] same = {1, 2};
        Prox.l1(0.5).prox(same, 1, same);
        assertArrayEquals(new double[] {0.5, 1.5}, same, 0, "out may alias v");
    }

    @Test
    void moreauEnvelopeIsSmoothAndHuberForL1() {
        ProximalFunction g = Prox.l1(2);
        double t = 0.5;
        // Huber with threshold t * lambda = 1: x^2 / (2t) for |x| <= 1, lambda (|x| - t lambda / 2) beyond
        double[] x = {0.3, -0.9, 2.5, -4};
        double[] grad = new double[4];
        double m = g.moreauEnvelope(x, t, grad);
        double expected = 0;
        for (double xi : x) {
            expected += Math.abs(xi) <= 1 ? xi * xi / (2 * t) : 2 * (Math.abs(xi) - 0.5);
        }
        assertEquals(expected, m, 1e-14);
        SmoothObjective env = new SmoothObjective() {
            @Override
            public int dimension() {
                return 4;
            }

            @Override
            public double value(double[] y) {
                return g.moreauEnvelope(y, t, null);
            }

            @Override
            public double valueAndGradient(double[] y, double[] gr) {
                return g.moreauEnvelope(y, t, gr);
            }
        };
        assertTrue(GradientCheck.gradient(env, x).passes(1e-7));
        ProximalFunction nn = Prox.nuclearNorm(0.7, 3, 2);
        SmoothObjective envN = new SmoothObjective() {
            @Override
            public int dimension() {
                return 6;
            }

            @Override
            public double value(double[] y) {
                return nn.moreauEnvelope(y, 0.3, null);
            }

            @Override
            public double valueAndGradient(double[] y, double[] gr) {
                return nn.moreauEnvelope(y, 0.3, gr);
            }
        };
        assertTrue(GradientCheck.gradient(envN, new double[] {1, -2, 0.5, 3, 0.1, -1}).passes(1e-6));
    }

    @Test
    void rejectsBadParametersAndArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> Prox.l1(-1));
        assertTrue(e.getMessage().contains("L1Norm: lambda must be finite and >= 0, got -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Prox.simplex(0));
        assertTrue(e.getMessage().contains("radius must be positive and finite, got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Prox.l1(1).prox(new double[] {1}, 0));
        assertTrue(e.getMessage().contains("the step t must be positive and finite, got 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Prox.l1(1).prox(new double[] {Double.NaN}, 1));
        assertTrue(e.getMessage().contains("v has NaN at index 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Prox.nuclearNorm(1, 2, 3).prox(new double[5], 1));
        assertTrue(e.getMessage().contains("length 5") && e.getMessage().contains("R^6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroupLasso(1, new int[] {0, 3}, new double[] {1}));
        assertTrue(e.getMessage().contains("groupOf[1] = 3 must be -1 or in [0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CompositeObjective(new Rosenbrock(3), Prox.nuclearNorm(1, 2, 2)));
        assertTrue(e.getMessage().contains("dimension 3") && e.getMessage().contains("dimension 4"), e.getMessage());
    }
}
