package dev.derive.optim;

import static dev.derive.optim.TestProblems.relErr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.optim.first.AMSGrad;
import dev.derive.optim.first.AdaGrad;
import dev.derive.optim.first.Adam;
import dev.derive.optim.first.AdamW;
import dev.derive.optim.first.FirstOrderMethod;
import dev.derive.optim.first.GradientClipping;
import dev.derive.optim.first.Lion;
import dev.derive.optim.first.Momentum;
import dev.derive.optim.first.NAdam;
import dev.derive.optim.first.Nesterov;
import dev.derive.optim.first.RMSProp;
import dev.derive.optim.first.SGD;
import dev.derive.optim.first.ScheduleFreeAdamW;
import dev.derive.optim.first.ScheduleFreeSGD;
import dev.derive.optim.first.Sophia;
import dev.derive.optim.first.Stepper;
import dev.derive.optim.schedule.LearningRateSchedule;
import dev.derive.optim.schedule.Schedules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The first-order family: each update rule against its paper's equations re-derived by hand for two steps,
 * convergence to known minimisers (quadratic, Rosenbrock, logistic regression with mini-batches), the
 * O(1/k^2) guarantee of Nesterov's convex scheme, clipping, determinism, non-finite values and validation.
 */
class FirstOrderMethodsTest {

    static final double[] G1 = {0.5, -2, 0, 3};
    static final double[] G2 = {-1, -1, 4, 0.25};
    static final double[] X0 = {1, 2, -1, 0.5};

    /** Two steps of a rule with gradients G1 then G2 from X0, learning rates 0.1 then 0.05. */
    static double[] twoSteps(FirstOrderMethod m) {
        Stepper s = m.start(4);
        double[] x = X0.clone();
        s.step(x, G1, 0.1, (v, out) -> {
            for (int i = 0; i < 4; i++) {
                out[i] = (i + 1) * v[i]; // H = diag(1, 2, 3, 4)
            }
        });
        s.step(x, G2, 0.05, (v, out) -> {
            for (int i = 0; i < 4; i++) {
                out[i] = (i + 1) * v[i];
            }
        });
        assertEquals(2, s.steps());
        double[] out = new double[4];
        s.solution(x, out);
        return out;
    }

    @Test
    void updateRulesFollowTheirEquations() {
        double[] e = new double[4];
        // SGD
        for (int i = 0; i < 4; i++) {
            e[i] = X0[i] - 0.1 * G1[i] - 0.05 * G2[i];
        }
        assertArrayEquals(e, twoSteps(new SGD()), 1e-15);
        // heavy ball: v1 = -0.1 g1, v2 = b v1 - 0.05 g2
        for (int i = 0; i < 4; i++) {
            double v1 = -0.1 * G1[i];
            e[i] = X0[i] + v1 + (0.7 * v1 - 0.05 * G2[i]);
        }
        assertArrayEquals(e, twoSteps(new Momentum(0.7)), 1e-15);
        // Nesterov, constant momentum: x1 = y0 - 0.1 g1 (y0 = x0), y1 = x1 + mu (x1 - x0), x2 = y1 - 0.05 g2
        for (int i = 0; i < 4; i++) {
            double x1 = X0[i] - 0.1 * G1[i];
            double y1 = x1 + 0.6 * (x1 - X0[i]);
            e[i] = y1 - 0.05 * G2[i];
        }
        assertArrayEquals(e, twoSteps(new Nesterov(0.6)), 1e-15);
        // Nesterov convex: the first momentum (t_1 - 1)/t_2 is 0, so two steps are plain gradient steps
        for (int i = 0; i < 4; i++) {
            e[i] = X0[i] - 0.1 * G1[i] - 0.05 * G2[i];
        }
        assertArrayEquals(e, twoSteps(Nesterov.convex()), 1e-15);
        // AdaGrad
        for (int i = 0; i < 4; i++) {
            double a1 = G1[i] * G1[i];
            double x1 = X0[i] - 0.1 * G1[i] / (Math.sqrt(a1) + 1e-10);
            e[i] = x1 - 0.05 * G2[i] / (Math.sqrt(a1 + G2[i] * G2[i]) + 1e-10);
        }
        assertArrayEquals(e, twoSteps(new AdaGrad()), 1e-15);
        // RMSProp
        for (int i = 0; i < 4; i++) {
            double v1 = 0.1 * G1[i] * G1[i];
            double x1 = X0[i] - 0.1 * G1[i] / (Math.sqrt(v1) + 1e-8);
            double v2 = 0.9 * v1 + 0.1 * G2[i] * G2[i];
            e[i] = x1 - 0.05 * G2[i] / (Math.sqrt(v2) + 1e-8);
        }
        assertArrayEquals(e, twoSteps(new RMSProp()), 1e-15);
        // Adam: the bias-corrected first step is -lr sign(g) (up to eps)
        for (int i = 0; i < 4; i++) {
            double m1 = 0.1 * G1[i];
            double v1 = 0.001 * G1[i] * G1[i];
            double x1 = X0[i] - 0.1 * (m1 / 0.1) / (Math.sqrt(v1 / 0.001) + 1e-8);
            double m2 = 0.9 * m1 + 0.1 * G2[i];
            double v2 = 0.999 * v1 + 0.001 * G2[i] * G2[i];
            double c1 = 1 - 0.81;
            double c2 = 1 - 0.999 * 0.999;
            e[i] = x1 - 0.05 * (m2 / c1) / (Math.sqrt(v2 / c2) + 1e-8);
        }
        assertArrayEquals(e, twoSteps(new Adam()), 1e-14);
        assertArrayEquals(twoSteps(new Adam()), twoSteps(new AdamW(0.9, 0.999, 1e-8, 0)), 0, "AdamW without decay is Adam");
        // AdamW: the decay acts on x directly, scaled by the learning rate
        double[] adamw = twoSteps(new AdamW(0.9, 0.999, 1e-8, 0.5));
        for (int i = 0; i < 4; i++) {
            double m1 = 0.1 * G1[i];
            double v1 = 0.001 * G1[i] * G1[i];
            double x1 = X0[i] - 0.1 * ((m1 / 0.1) / (Math.sqrt(v1 / 0.001) + 1e-8) + 0.5 * X0[i]);
            double m2 = 0.9 * m1 + 0.1 * G2[i];
            double v2 = 0.999 * v1 + 0.001 * G2[i] * G2[i];
            e[i] = x1 - 0.05 * ((m2 / 0.19) / (Math.sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8) + 0.5 * x1);
        }
        assertArrayEquals(e, adamw, 1e-14);
        // AMSGrad (no bias correction)
        for (int i = 0; i < 4; i++) {
            double m1 = 0.1 * G1[i];
            double v1 = 0.001 * G1[i] * G1[i];
            double x1 = X0[i] - 0.1 * m1 / (Math.sqrt(v1) + 1e-8);
            double m2 = 0.9 * m1 + 0.1 * G2[i];
            double v2 = Math.max(v1, 0.999 * v1 + 0.001 * G2[i] * G2[i]);
            e[i] = x1 - 0.05 * m2 / (Math.sqrt(v2) + 1e-8);
        }
        assertArrayEquals(e, twoSteps(new AMSGrad()), 1e-14);
        // NAdam
        for (int i = 0; i < 4; i++) {
            double m1 = 0.1 * G1[i];
            double v1 = 0.001 * G1[i] * G1[i];
            double mb1 = 0.9 * m1 / (1 - 0.81) + 0.1 * G1[i] / 0.1;
            double x1 = X0[i] - 0.1 * mb1 / (Math.sqrt(v1 / 0.001) + 1e-8);
            double m2 = 0.9 * m1 + 0.1 * G2[i];
            double v2 = 0.999 * v1 + 0.001 * G2[i] * G2[i];
            double mb2 = 0.9 * m2 / (1 - 0.729) + 0.1 * G2[i] / (1 - 0.81);
            e[i] = x1 - 0.05 * mb2 / (Math.sqrt(v2 / (1 - 0.999 * 0.999)) + 1e-8);
        }
        assertArrayEquals(e, twoSteps(new NAdam()), 1e-14);
        // Lion
        for (int i = 0; i < 4; i++) {
            double c1 = 0.1 * G1[i];
            double x1 = X0[i] - 0.1 * (Math.signum(c1) + 0.2 * X0[i]);
            double m1 = 0.01 * G1[i];
            double c2 = 0.9 * m1 + 0.1 * G2[i];
            e[i] = x1 - 0.05 * (Math.signum(c2) + 0.2 * x1);
        }
        assertArrayEquals(e, twoSteps(new Lion(0.9, 0.99, 0.2)), 1e-15);
        // schedule-free SGD: z1 = x0 - 0.1 g1, c1 = 1 (x1 = z1), y1 = (1-b) z1 + b x1 = z1;
        // z2 = z1 - 0.05 g2, c2 = 0.05^2 / (0.1^2 + 0.05^2) = 0.2, x2 = 0.8 x1 + 0.2 z2
        for (int i = 0; i < 4; i++) {
            double z1 = X0[i] - 0.1 * G1[i];
            double z2 = z1 - 0.05 * G2[i];
            e[i] = 0.8 * z1 + 0.2 * z2;
        }
        assertArrayEquals(e, twoSteps(new ScheduleFreeSGD()), 1e-15);
        // schedule-free AdamW: gamma_t = lr_t sqrt(1 - b2^t)
        for (int i = 0; i < 4; i++) {
            double g1 = 0.1 * Math.sqrt(1 - 0.999);
            double v1 = 0.001 * G1[i] * G1[i];
            double z1 = X0[i] - g1 * G1[i] / (Math.sqrt(v1) + 1e-8);
            double g2 = 0.05 * Math.sqrt(1 - 0.999 * 0.999);
            double v2 = 0.999 * v1 + 0.001 * G2[i] * G2[i];
            double z2 = z1 - g2 * G2[i] / (Math.sqrt(v2) + 1e-8);
            double c2 = g2 * g2 / (g1 * g1 + g2 * g2);
            e[i] = (1 - c2) * z1 + c2 * z2;
        }
        assertArrayEquals(e, twoSteps(new ScheduleFreeAdamW()), 1e-15);
    }

    @Test
    void sophiaClipsAPreconditionedMomentum() {
        // k = 1: the Hessian estimate is refreshed every step from u . (H u), u ~ N(0, I) with the rule's seed
        Sophia s = new Sophia(0.9, 0.5, 0.1, 1e-12, 1, 0, 42);
        double[] got = twoSteps(s);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
        double[] u1 = new double[4];
        double[] u2 = new double[4];
        for (int i = 0; i < 4; i++) {
            u1[i] = rng.nextGaussian();
        }
        for (int i = 0; i < 4; i++) {
            u2[i] = rng.nextGaussian();
        }
        double[] e = new double[4];
        for (int i = 0; i < 4; i++) {
            double h1 = 0.5 * (i + 1) * u1[i] * u1[i];
            double m1 = 0.1 * G1[i];
            double x1 = X0[i] - 0.1 * clip(m1 / Math.max(0.1 * h1, 1e-12));
            double h2 = 0.5 * h1 + 0.5 * (i + 1) * u2[i] * u2[i];
            double m2 = 0.9 * m1 + 0.1 * G2[i];
            e[i] = x1 - 0.05 * clip(m2 / Math.max(0.1 * h2, 1e-12));
        }
        assertArrayEquals(e, got, 1e-15);
        // the Hutchinson estimate is unbiased, E[u . (H u)] = diag H: average 4000 probes with beta2 = 0.999, then
        // read h back from one unclipped step (beta1 = 0, gamma = 1): dx_i = -lr g_i / h_i
        Stepper st = new Sophia(0, 0.999, 1, 1e-12, 1, 0, 7).start(3);
        double[] x = {0, 0, 0};
        dev.derive.optim.first.HessianVectorProduct hv = (v, out) -> {
            out[0] = 2 * v[0] + v[1];
            out[1] = v[0] + 3 * v[1];
            out[2] = 5 * v[2];
        };
        for (int t = 0; t < 4000; t++) {
            st.step(x, new double[3], 0, hv);
        }
        st.step(x, new double[] {1e-3, 1e-3, 1e-3}, 1, hv);
        double[] diag = {2, 3, 5};
        double bias = 1 - Math.pow(0.999, 4001); // the average starts at 0
        for (int i = 0; i < 3; i++) {
            double h = -1e-3 / x[i];
            // the standard deviation of the average is about sqrt((1 - b2)/(1 + b2) var(u_i (Hu)_i)) <= 3.4% of
            // diag H here; 15% is more than 4 standard deviations
            assertEquals(bias * diag[i], h, 0.15 * diag[i], "Hutchinson estimate of H_" + i + i);
        }
        var e2 = assertThrows(IllegalArgumentException.class, () -> new Sophia().start(2).step(new double[2], new double[2], 0.1, null));
        assertTrue(e2.getMessage().contains("needs Hessian-vector products"), e2.getMessage());
    }

    static double clip(double z) {
        return Math.max(-1, Math.min(1, z));
    }

    /** A method, its schedule, the step budget and the accuracy it must reach. */
    record Case(String name, FirstOrderMethod method, LearningRateSchedule schedule, int steps, double tol) {
    }

    @Test
    void everyMethodReachesTheMinimiserOfAQuadratic() {
        Quadratic q = TestProblems.quadratic(10, 1, 10, 3);
        List<Case> cases = List.of(
                new Case("SGD", new SGD(), Schedules.constant(0.1), 2000, 1e-8),
                new Case("Momentum", new Momentum(0.9), Schedules.constant(0.03), 2000, 1e-8),
                new Case("Nesterov", new Nesterov(0.9), Schedules.constant(0.03), 2000, 1e-8),
                new Case("Nesterov.convex", Nesterov.convex(), Schedules.constant(0.1), 2000, 1e-8),
                new Case("Nesterov.stronglyConvex", Nesterov.stronglyConvex(10, 1), Schedules.constant(0.1), 2000, 1e-8),
                new Case("AdaGrad", new AdaGrad(), Schedules.constant(0.3), 2000, 1e-8),
                new Case("RMSProp", new RMSProp(), Schedules.cosine(0.01, 0, 20000), 20000, 1e-8),
                new Case("Adam", new Adam(), Schedules.constant(0.03), 2000, 1e-8),
                new Case("AMSGrad", new AMSGrad(), Schedules.constant(0.03), 2000, 1e-8),
                new Case("AdamW", new AdamW(0.9, 0.999, 1e-8, 0), Schedules.constant(0.03), 2000, 1e-8),
                new Case("NAdam", new NAdam(), Schedules.constant(0.03), 2000, 1e-8),
                new Case("Lion", new Lion(), Schedules.cosine(1e-3, 0, 20000), 20000, 1e-8),
                new Case("Sophia", new Sophia(), Schedules.constant(0.03), 5000, 1e-8),
                new Case("ScheduleFreeSGD", new ScheduleFreeSGD(), Schedules.constant(0.3), 5000, 1e-8),
                new Case("ScheduleFreeAdamW", new ScheduleFreeAdamW(), Schedules.constant(0.03), 5000, 1e-8));
        for (Case c : cases) {
            OptimResult r = FirstOrderMinimizer.of(c.method(), c.schedule())
                    .withStop(StopCriteria.DEFAULT.withMaxIterations(c.steps()).withGradientTolerance(1e-9)
                            .withMaxEvaluations(Integer.MAX_VALUE))
                    .minimize(q, new double[10]);
            assertTrue(relErr(r.solution(), q.minimizer()) <= c.tol(), c.name() + ": " + r + " error "
                    + relErr(r.solution(), q.minimizer()));
        }
    }

    @Test
    void everyMethodReachesTheMinimiserOfRosenbrock() {
        Rosenbrock f = new Rosenbrock(2);
        // plain SGD needs its step below 2/L ~ 2e-3 and ~ kappa log(1/tol) ~ 5e4 steps; schedule-free averaging
        // and AdaGrad's shrinking steps converge more slowly on this ill-conditioned valley, with looser tolerances
        List<Case> cases = List.of(
                new Case("SGD", new SGD(), Schedules.constant(1e-3), 60_000, 1e-8),
                new Case("Momentum", new Momentum(0.9), Schedules.constant(1e-3), 20_000, 1e-8),
                new Case("Nesterov", new Nesterov(0.9), Schedules.constant(1e-3), 20_000, 1e-8),
                new Case("Nesterov.convex", Nesterov.convex(), Schedules.constant(1e-3), 40_000, 1e-6),
                new Case("AdaGrad", new AdaGrad(), Schedules.constant(0.3), 40_000, 1e-8),
                new Case("RMSProp", new RMSProp(), Schedules.cosine(1e-3, 0, 20_000), 20_000, 1e-6),
                new Case("Adam", new Adam(), Schedules.cosine(0.03, 0, 20_000), 20_000, 1e-8),
                new Case("AMSGrad", new AMSGrad(), Schedules.cosine(0.1, 0, 20_000), 20_000, 1e-8),
                new Case("NAdam", new NAdam(), Schedules.cosine(0.03, 0, 20_000), 20_000, 1e-8),
                new Case("Lion", new Lion(), Schedules.cosine(1e-3, 0, 20_000), 20_000, 1e-6),
                new Case("Sophia", new Sophia(), Schedules.cosine(0.1, 0, 20_000), 20_000, 1e-8),
                new Case("ScheduleFreeSGD", new ScheduleFreeSGD(), Schedules.constant(4e-3), 50_000, 1e-3),
                new Case("ScheduleFreeAdamW", new ScheduleFreeAdamW(), Schedules.constant(1e-3), 50_000, 1e-5));
        for (Case c : cases) {
            OptimResult r = FirstOrderMinimizer.of(c.method(), c.schedule())
                    .withStop(StopCriteria.DEFAULT.withMaxIterations(c.steps()).withGradientTolerance(1e-9)
                            .withMaxEvaluations(Integer.MAX_VALUE))
                    .minimize(f, new double[] {-1.2, 1});
            assertTrue(relErr(r.solution(), f.minimizer()) <= c.tol(), c.name() + ": " + r + " error "
                    + relErr(r.solution(), f.minimizer()));
        }
    }

    @Test
    void miniBatchLogisticRegressionOnBreastCancer() {
        TestProblems.Logistic f = TestProblems.breastCancer("c1");
        double fmin = TestProblems.fmin("c1");
        int b = 16;
        int steps = 200 * ((f.size() + b - 1) / b); // 200 epochs
        List<Case> cases = List.of(
                new Case("SGD", new SGD(), Schedules.cosine(0.5, 0, steps), steps, 1e-5),
                new Case("Momentum", new Momentum(0.9), Schedules.cosine(0.05, 0, steps), steps, 1e-5),
                new Case("Adam", new Adam(), Schedules.cosine(0.01, 0, steps), steps, 1e-5),
                new Case("ScheduleFreeAdamW", new ScheduleFreeAdamW(), Schedules.constant(0.01), steps, 1e-4),
                new Case("Sophia", new Sophia(), Schedules.cosine(0.05, 0, steps), steps, 1e-4),
                new Case("Lion", new Lion(), Schedules.cosine(0.003, 0, steps), steps, 1e-4));
        for (Case c : cases) {
            OptimResult r = FirstOrderMinimizer.of(c.method(), c.schedule()).withBatchSize(b).withSeed(5)
                    .withStop(StopCriteria.DEFAULT.withMaxIterations(c.steps()).withGradientTolerance(0)
                            .withMaxEvaluations(Integer.MAX_VALUE))
                    .minimizeStochastic(f, new double[f.dimension()]);
            assertTrue(r.value() - fmin <= c.tol() && r.value() >= fmin - 1e-15, c.name() + ": F - F* = "
                    + (r.value() - fmin) + " > " + c.tol());
        }
    }

    @Test
    void nesterovConvexSchemeMeetsItsOneOverKSquaredBound() {
        // f(x_k) - f* <= 2 L ||x_0 - x*||^2 / (k + 1)^2 (Beck & Teboulle 2009, Thm 4.4; Nesterov 1983) on a
        // quadratic whose smallest eigenvalue 1e-6 makes it nearly not strongly convex
        Quadratic q = TestProblems.quadratic(30, 1e-6, 1e6, 8);
        double lipschitz = 1;
        double r0 = Vec.norm(q.minimizer());
        List<Double> values = new ArrayList<>();
        FirstOrderMinimizer.of(Nesterov.convex(), 1 / lipschitz)
                .withStop(StopCriteria.DEFAULT.withMaxIterations(3000).withGradientTolerance(0))
                .minimize(q, new double[30], (k, x, v, g) -> values.add(v));
        for (int k = 1; k < values.size(); k++) {
            double bound = 2 * lipschitz * r0 * r0 / ((k + 1.0) * (k + 1.0));
            assertTrue(values.get(k) <= bound, "k = " + k + ": " + values.get(k) + " > " + bound);
        }
        // gradient descent only guarantees L ||x0 - x*||^2 / (2k): at k = 3000 Nesterov is far below it
        assertTrue(values.get(3000) < 0.01 * lipschitz * r0 * r0 / (2 * 3000.0));
    }

    @Test
    void gradientClipping() {
        double[] g = {3, -4, 0.5};
        GradientClipping.byValue(1).clip(g);
        assertArrayEquals(new double[] {1, -1, 0.5}, g);
        double[] h = {3, -4};
        GradientClipping.byNorm(1).clip(h);
        assertArrayEquals(new double[] {0.6, -0.8}, h, 1e-15);
        double[] small = {0.3, 0.4};
        GradientClipping.byNorm(1).clip(small);
        assertArrayEquals(new double[] {0.3, 0.4}, small, "below the bound: unchanged");
        // a clipped SGD run moves at most lr * c per step, from far away
        List<double[]> xs = new ArrayList<>();
        Quadratic q = TestProblems.quadratic(5, 1, 10, 2);
        double[] x0 = {100, -100, 100, -100, 100};
        FirstOrderMinimizer.of(new SGD(), 0.05).withClipping(GradientClipping.byNorm(2))
                .withStop(StopCriteria.DEFAULT.withMaxIterations(50)).minimize(q, x0, (k, x, v, gg) -> xs.add(x.clone()));
        for (int k = 1; k < xs.size(); k++) {
            assertTrue(Vec.distance(xs.get(k), xs.get(k - 1)) <= 0.05 * 2 + 1e-12);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> GradientClipping.byNorm(0));
        assertTrue(e.getMessage().contains("maxNorm must be positive and finite, got 0.0"), e.getMessage());
    }

    @Test
    void miniBatchRunsAreDeterministicGivenTheSeed() {
        double[][] a = new double[200][3];
        double[] y = new double[200];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            a[i] = ProblemInterfacesTest.randn(3, rng);
            y[i] = a[i][0] - a[i][1] + 0.3 * rng.nextGaussian() > 0 ? 1 : 0;
        }
        TestProblems.Logistic f = new TestProblems.Logistic(a, y, 1);
        for (var sampling : FirstOrderMinimizer.Sampling.values()) {
            FirstOrderMinimizer m = FirstOrderMinimizer.of(new Adam(), 0.01).withBatchSize(10).withSampling(sampling)
                    .withStop(StopCriteria.DEFAULT.withMaxIterations(300).withRecordTrajectory(true));
            OptimResult r1 = m.withSeed(9).minimizeStochastic(f, new double[4]);
            OptimResult r2 = m.withSeed(9).minimizeStochastic(f, new double[4]);
            OptimResult r3 = m.withSeed(10).minimizeStochastic(f, new double[4]);
            assertArrayEquals(r1.solution(), r2.solution(), 0, "same seed, same run");
            assertArrayEquals(r1.trajectory(), r2.trajectory(), 0);
            assertNotEquals(r1.solution()[0], r3.solution()[0], "another seed, another run");
            // 300 steps of 10 = 15 epochs of 20 steps: checks at every epoch, component evaluations counted
            assertEquals(16, r1.trajectory().length);
            assertEquals(200 + 300 * 10 + 15 * 200, r1.functionEvaluations());
        }
    }

    @Test
    void divergenceStopsWithNonFiniteAndAFiniteAnswer() {
        Quadratic q = TestProblems.quadratic(5, 1, 100, 4);
        OptimResult r = FirstOrderMinimizer.of(new SGD(), 1.0).withStop(StopCriteria.DEFAULT.withMaxIterations(100_000))
                .minimize(q, new double[5]);
        assertEquals(StopReason.NON_FINITE, r.stopReason(), r.toString());
        assertTrue(r.message().contains("learning rate too large"), r.message());
        assertEquals(-1, Vec.firstNonFinite(r.solution()));
        assertTrue(Double.isFinite(r.value()));
        OptimResult s = FirstOrderMinimizer.of(new Adam(), 0.1).minimize(TestProblems.poisoned(q, 0), new double[5]);
        assertEquals(StopReason.NON_FINITE, s.stopReason());
        assertEquals(0, s.iterations());
        OptimResult t = FirstOrderMinimizer.of(new Adam(), 0.01).minimize(TestProblems.poisoned(q, 7), new double[5]);
        assertEquals(StopReason.NON_FINITE, t.stopReason());
        assertTrue(Double.isFinite(t.value()) && Vec.firstNonFinite(t.solution()) < 0);
    }

    @Test
    void rejectsBadHyperParametersAndInput() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Adam(1.0, 0.999, 1e-8));
        assertTrue(e.getMessage().contains("Adam: beta1 must be in [0, 1), got 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RMSProp(0.9, -1));
        assertTrue(e.getMessage().contains("RMSProp: epsilon must be finite and >= 0, got -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Momentum(-0.1));
        assertTrue(e.getMessage().contains("Momentum: beta must be in [0, 1), got -0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sophia(0.9, 0.99, 0.01, 1e-12, 0, 0, 0));
        assertTrue(e.getMessage().contains("Sophia: k must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Nesterov.stronglyConvex(1, 2));
        assertTrue(e.getMessage().contains("mu must be <= L = 1.0, got 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AdamW(0.9, 0.999, 1e-8, Double.NaN));
        assertTrue(e.getMessage().contains("weightDecay must be finite and >= 0, got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD().start(3).step(new double[3], new double[2], 0.1, null));
        assertTrue(e.getMessage().contains("started for length 3") && e.getMessage().contains("gradient 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD().start(2).step(new double[2], new double[2], -0.1, null));
        assertTrue(e.getMessage().contains("learningRate must be finite and >= 0, got -0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FirstOrderMinimizer.of(new Adam()));
        assertTrue(e.getMessage().contains("no learning rate of its own"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FirstOrderMinimizer.of(new Adam(), 0.1).withBatchSize(0));
        assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FirstOrderMinimizer.of(new Adam(), -0.1));
        assertTrue(e.getMessage().contains("lr must be positive and finite, got -0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FirstOrderMinimizer.of(new Adam(), 0.1).minimize(new Rosenbrock(3), new double[2]));
        assertTrue(e.getMessage().contains("length 2") && e.getMessage().contains("dimension 3"), e.getMessage());
        assertEquals(0.1, FirstOrderMinimizer.of(Nesterov.stronglyConvex(10, 1)).schedule().at(0), 1e-15,
                "the strongly convex scheme brings its own 1/L");
    }
}
