package dev.derive.optim.convex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.optim.GradientCheck;
import dev.derive.optim.IterationObserver;
import dev.derive.optim.LBFGS;
import dev.derive.optim.OptimResult;
import dev.derive.optim.StopCriteria;
import dev.derive.optim.prox.Prox;
import dev.derive.optim.prox.ProximalFunction;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Closed-form Fenchel conjugates (Fenchel–Young equality and inequality, Moreau's decomposition against the
 * independent prox operators of {@code dev.derive.optim.prox}), the Moreau envelope (finite-difference gradient,
 * Huber values, minimisers) and {@link SubgradientCheck}.
 */
class ConvexToolkitTest {

    static final int N = 7;

    static Matrix spd(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Matrix a = Matrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, rng.nextGaussian());
            }
        }
        Matrix q = a.tmmul(a);
        for (int i = 0; i < n; i++) {
            q.add(i, i, 0.5);
        }
        return q;
    }

    static List<ConvexFunction> functions() {
        return List.of(Conjugates.squaredL2(0.7), Conjugates.l1(1.3), Conjugates.l2Norm(2.1), Conjugates.logSumExp(),
                Conjugates.logistic(), Conjugates.hinge(), Conjugates.quadratic(spd(N, 3)));
    }

    static double[] gaussian(SplittableRandom rng, double scale) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = scale * rng.nextGaussian();
        }
        return x;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** f(x) + f*(y) = x'y at y in df(x), and at x in df*(y) (Fenchel–Young equality, both directions). */
    @Test
    void fenchelYoungEqualityAtSubgradients() {
        SplittableRandom rng = new SplittableRandom(1);
        for (ConvexFunction f : functions()) {
            for (int k = 0; k < 50; k++) {
                double[] x = gaussian(rng, 2);
                if (k % 5 == 0) {
                    x[k % N] = 0; // a kink for the norms
                }
                double[] y = new double[N];
                f.subgradient(x, y);
                double fy = f.conjugate(y);
                assertTrue(Double.isFinite(fy), f.name() + ": df(x) must lie in dom f*, got f*(y) = " + fy);
                double lhs = f.value(x) + fy;
                double rhs = dot(x, y);
                assertEquals(rhs, lhs, 1e-12 * (1 + Math.abs(f.value(x)) + Math.abs(fy)), f.name() + " at k = " + k);
                // the other direction: x' in df*(y) attains the supremum
                double[] x2 = new double[N];
                f.conjugateSubgradient(y, x2);
                assertEquals(dot(x2, y), f.value(x2) + fy, 1e-11 * (1 + Math.abs(f.value(x2)) + Math.abs(fy)),
                        f.name() + " conjugate subgradient at k = " + k);
            }
        }
    }

    /** f(x) + f*(y) >= x'y for random x and y in dom f* (Fenchel–Young inequality: f* is the supremum). */
    @Test
    void fenchelYoungInequalityOnRandomPairs() {
        SplittableRandom rng = new SplittableRandom(2);
        for (ConvexFunction f : functions()) {
            int finite = 0;
            for (int k = 0; k < 400; k++) {
                double[] x = gaussian(rng, 3);
                double[] y = new double[N];
                f.subgradient(gaussian(rng, 3), y); // a point of dom f*
                for (int i = 0; i < N && k % 2 == 1; i++) {
                    y[i] *= rng.nextDouble(); // and one deeper inside (separable domains are boxes)
                }
                double fy = f.conjugate(y);
                if (!Double.isFinite(fy)) {
                    continue;
                }
                finite++;
                assertTrue(f.value(x) + fy >= dot(x, y) - 1e-12 * (1 + Math.abs(dot(x, y))), f.name());
            }
            assertTrue(finite >= 200, f.name() + ": " + finite);
        }
    }

    @Test
    void conjugateValuesAndDomains() {
        assertEquals(Double.POSITIVE_INFINITY, Conjugates.l1(1).conjugate(new double[] {0.5, -1.0001}));
        assertEquals(0, Conjugates.l1(1).conjugate(new double[] {0.5, -1}));
        assertEquals(Double.POSITIVE_INFINITY, Conjugates.l2Norm(1).conjugate(new double[] {0.8, 0.61}));
        assertEquals(Double.POSITIVE_INFINITY, Conjugates.logSumExp().conjugate(new double[] {0.5, 0.6}));
        assertEquals(Double.POSITIVE_INFINITY, Conjugates.logSumExp().conjugate(new double[] {1.5, -0.5}));
        assertEquals(-Math.log(2), Conjugates.logSumExp().conjugate(new double[] {0.5, 0.5}), 1e-15);
        assertEquals(2 * -Math.log(2), Conjugates.logistic().conjugate(new double[] {0.5, 0.5}), 1e-15);
        assertEquals(0, Conjugates.logistic().conjugate(new double[] {0, 1}));
        assertEquals(Double.POSITIVE_INFINITY, Conjugates.logistic().conjugate(new double[] {1.01}));
        assertEquals(-1.25, Conjugates.hinge().conjugate(new double[] {-1, -0.25}));
        assertEquals(Double.POSITIVE_INFINITY, Conjugates.hinge().conjugate(new double[] {0.1}));
        assertEquals(2.5, Conjugates.squaredL2(0.2).conjugate(new double[] {1}), 1e-15);
        // (1/2) y'Q^-1 y for a diagonal Q
        assertEquals(0.5 * (4 / 2.0 + 9 / 3.0), Conjugates.quadratic(Matrix.diag(2, 3)).conjugate(new double[] {2, 3}),
                1e-15);
        // the biconjugate of the logistic loss, evaluated by maximising x y - f*(y) over a fine grid, is f again
        ConvexFunction lg = Conjugates.logistic();
        for (double x : new double[] {-3, -0.5, 0, 1.7}) {
            double best = Double.NEGATIVE_INFINITY;
            for (int k = 1; k < 100_000; k++) {
                double y = k / 100_000.0;
                best = Math.max(best, x * y - lg.conjugate(new double[] {y}));
            }
            assertEquals(lg.value(new double[] {x}), best, 1e-8, "f** = f at " + x);
        }
    }

    /**
     * Moreau's decomposition {@code v = prox_{t f}(v) + t prox_{(1/t) f^*}(v/t)} (t = 1: {@code prox_f + prox_{f^*} = v}),
     * with {@code prox_f} and {@code prox_{f^*}} from independent operators: soft thresholding and clipping to the
     * L-infinity ball; block soft thresholding and projection on the L2 ball; the two ridge shrinkages.
     */
    @Test
    void moreauIdentityPairsProxOperatorsWithTheirConjugates() {
        SplittableRandom rng = new SplittableRandom(3);
        double lam = 0.8;
        ProximalFunction[][] pairs = {
                {Prox.l1(lam), Prox.lInfBall(lam)},
                {Prox.l2(lam), Prox.l2Ball(lam)},
                {Prox.squaredL2(lam), Prox.squaredL2(1 / lam)},
        };
        ConvexFunction[] closed = {Conjugates.l1(lam), Conjugates.l2Norm(lam), Conjugates.squaredL2(lam)};
        for (int p = 0; p < pairs.length; p++) {
            ProximalFunction f = pairs[p][0];
            ProximalFunction fStar = pairs[p][1];
            for (int k = 0; k < 100; k++) {
                double[] v = gaussian(rng, 2);
                for (double t : new double[] {1, 0.3, 4}) {
                    double[] a = f.prox(v, t);
                    double[] vt = v.clone();
                    for (int i = 0; i < N; i++) {
                        vt[i] /= t;
                    }
                    double[] b = fStar.prox(vt, 1 / t);
                    for (int i = 0; i < N; i++) {
                        assertEquals(v[i], a[i] + t * b[i], 1e-13 * (1 + Math.abs(v[i])), "pair " + p + " t " + t);
                    }
                }
                // the closed-form conjugate agrees with the prox module's function for f*
                double[] y = gaussian(rng, lam);
                assertEquals(fStar.value(y), closed[p].conjugate(y), 1e-12 * (1 + Math.abs(fStar.value(y))),
                        "pair " + p);
                assertEquals(f.value(y), closed[p].value(y), 1e-13 * (1 + Math.abs(f.value(y))), "pair " + p);
            }
        }
    }

    @Test
    void moreauEnvelopeGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        List<ProximalFunction> gs = List.of(Prox.l1(0.9), Prox.l2(1.5), Prox.elasticNet(0.4, 0.7),
                Prox.box(new dev.derive.optim.Bounds(new double[] {-1, -1, -1, -1, -1, -1, -1}, new double[] {1, 2, 1, 2, 1, 2, 1})),
                Prox.l2Ball(1), Prox.groupLasso(0.6, new int[] {0, 0, 1, 1, 1, 2, 2}));
        for (ProximalFunction g : gs) {
            for (double t : new double[] {0.5, 2}) {
                MoreauEnvelope m = new MoreauEnvelope(g, t, N);
                for (int k = 0; k < 20; k++) {
                    double[] x = gaussian(rng, 2);
                    GradientCheck.Report r = GradientCheck.gradient(m, x);
                    assertTrue(r.passes(1e-6), g + " t " + t + ": " + r);
                    // M <= g, and the envelope is the value at the prox plus the distance term
                    double gx = g.value(x);
                    assertTrue(m.value(x) <= gx + 1e-12, g.toString());
                }
            }
        }
        // the envelope of lambda |x| is the Huber function: x^2/(2t) for |x| <= t lambda, lambda |x| - t lambda^2/2 beyond
        MoreauEnvelope huber = new MoreauEnvelope(Prox.l1(2), 0.5, 1);
        assertEquals(0.25 * 0.25 / (2 * 0.5), huber.value(new double[] {0.25}), 1e-15);
        assertEquals(2 * 3 - 0.5 * 4 / 2, huber.value(new double[] {-3}), 1e-14);
        // minimising the smooth envelope finds the minimiser of g (here the projection target: 0 for the L1 norm)
        OptimResult r = LBFGS.defaults().withStop(StopCriteria.DEFAULT.withGradientTolerance(1e-10))
                .minimize(new MoreauEnvelope(Prox.l1(1), 1, N), gaussian(rng, 3), IterationObserver.NONE);
        for (double v : r.solution()) {
            assertEquals(0, v, 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> new MoreauEnvelope(Prox.l1(1), 0, 3));
        assertThrows(IllegalArgumentException.class, () -> MoreauEnvelope.of(Prox.l1(1), 1));
    }

    @Test
    void subgradientCheckAcceptsTrueSubgradientsAndCatchesWrongOnes() {
        for (ConvexFunction f : functions()) {
            SubgradientCheck.Result r = SubgradientCheck.check(f::value, f::subgradient, N, 2000, 2, 5);
            assertTrue(r.passed(), f.name() + ": " + r);
            assertEquals(2000, r.pairs());
        }
        // the conjugates are convex too: check their subgradients on their domains (logistic conjugate on (0,1)^n)
        ConvexFunction lg = Conjugates.logistic();
        SubgradientCheck.Result c = SubgradientCheck.check(y -> {
            for (double v : y) {
                if (!(v > 0 && v < 1)) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            return lg.conjugate(y);
        }, lg::conjugateSubgradient, 2, 4000, 0.6, 6);
        assertTrue(c.passed() && c.pairs() > 100, c.toString());
        // a wrong subgradient of |x|_1 (twice too steep) and a non-convex function are caught
        ConvexFunction l1 = Conjugates.l1(1);
        SubgradientCheck.Result bad = SubgradientCheck.check(l1::value, (x, s) -> {
            for (int i = 0; i < x.length; i++) {
                s[i] = 2 * Math.signum(x[i]);
            }
        }, N, 500, 1, 7);
        assertFalse(bad.passed(), bad.toString());
        SubgradientCheck.Result concave = SubgradientCheck.check(x -> -x[0] * x[0], (x, s) -> s[0] = -2 * x[0], 1,
                200, 1, 8);
        assertFalse(concave.passed(), concave.toString());
        assertThrows(IllegalArgumentException.class, () -> SubgradientCheck.check(l1::value, l1::subgradient, 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SubgradientCheck.check(l1::value, l1::subgradient, 2, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Conjugates.l1(0));
        assertThrows(dev.derive.linalg.NotPositiveDefiniteException.class, () -> Conjugates.quadratic(Matrix.diag(1, -1)));
    }
}
