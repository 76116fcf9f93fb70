package dev.derive.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.optim.schedule.CosineAnnealing;
import dev.derive.optim.schedule.LearningRateSchedule;
import dev.derive.optim.schedule.LinearWarmup;
import dev.derive.optim.schedule.OneCycle;
import dev.derive.optim.schedule.PolynomialDecay;
import dev.derive.optim.schedule.Schedules;
import dev.derive.optim.schedule.StepDecay;
import dev.derive.optim.schedule.WarmupStableDecay;
import org.junit.jupiter.api.Test;

/** Learning-rate schedules against their formulas at chosen steps, their shapes, and their validation. */
class SchedulesTest {

    @Test
    void simpleDecays() {
        assertEquals(0.1, Schedules.constant(0.1).at(12345));
        LearningRateSchedule step = Schedules.step(1, 10, 0.5);
        assertEquals(1, step.at(0));
        assertEquals(1, step.at(9));
        assertEquals(0.5, step.at(10));
        assertEquals(0.25, step.at(29));
        assertEquals(0.125, step.at(30));
        assertEquals(2 * Math.pow(0.9, 7), Schedules.exponential(2, 0.9).at(7), 1e-15);
        assertEquals(1.0 / (1 + 0.5 * 8), Schedules.inverseTime(1, 0.5).at(8), 1e-15);
        assertEquals(1.0 / Math.sqrt(1 + 0.5 * 8), Schedules.inverseTime(1, 0.5, 0.5).at(8), 1e-15);
        LearningRateSchedule poly = Schedules.polynomial(1, 0.1, 100, 2);
        assertEquals(1, poly.at(0));
        assertEquals(0.9 * 0.25 + 0.1, poly.at(50), 1e-15);
        assertEquals(0.1, poly.at(100));
        assertEquals(0.1, poly.at(1000));
        assertEquals(0.55, Schedules.polynomial(1, 0.1, 100, 1).at(50), 1e-15, "power 1 is linear");
    }

    @Test
    void cosineAndRestarts() {
        LearningRateSchedule c = Schedules.cosine(1, 0.1, 100);
        assertEquals(1, c.at(0), 1e-15);
        assertEquals(0.55, c.at(50), 1e-15);
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.25)), c.at(25), 1e-15);
        assertEquals(0.1, c.at(100));
        assertEquals(0.1, c.at(500));
        // SGDR with T_0 = 10, T_mult = 2: restarts at 10, 30, 70
        LearningRateSchedule r = Schedules.cosineWithRestarts(1, 0, 10, 2);
        for (long t : new long[] {0, 10, 30, 70}) {
            assertEquals(1, r.at(t), 1e-15, "restart at " + t);
        }
        assertEquals(0.5, r.at(5), 1e-15);
        assertEquals(0.5, r.at(20), 1e-15, "middle of the 20-step cycle");
        assertEquals(0.5, r.at(50), 1e-15, "middle of the 40-step cycle");
        assertTrue(r.at(29) < 0.01);
        LearningRateSchedule r1 = Schedules.cosineWithRestarts(1, 0, 10, 1);
        assertEquals(r1.at(3), r1.at(13), 1e-15);
    }

    @Test
    void warmupComposesWithAnySchedule() {
        LearningRateSchedule w = Schedules.warmup(10, Schedules.cosine(1, 0, 100));
        assertEquals(0, w.at(0));
        assertEquals(0.5, w.at(5), 1e-15);
        assertEquals(1, w.at(10), 1e-15, "the cosine starts where the warmup ends");
        assertEquals(0.5, w.at(60), 1e-15);
        LearningRateSchedule w2 = new LinearWarmup(4, 0.25, Schedules.step(2, 3, 0.1));
        assertEquals(0.5, w2.at(0), 1e-15);
        assertEquals(2 * (0.25 + 0.75 * 2 / 4.0), w2.at(2), 1e-15);
        assertEquals(2, w2.at(4), 1e-15);
        assertEquals(0.2, w2.at(7), 1e-15);
        for (long t = 1; t < 10; t++) {
            assertTrue(w.at(t) > w.at(t - 1), "warmup rises");
        }
    }

    @Test
    void oneCycle() {
        OneCycle oc = OneCycle.of(1, 1000);
        assertEquals(1.0 / 25, oc.at(0), 1e-15);
        assertEquals(1, oc.at(300), 1e-15);
        assertEquals(1.0 / 25 / 1e4, oc.at(1000), 1e-18);
        assertEquals(1.0 / 25 / 1e4, oc.at(5000), 1e-18);
        assertEquals((1 + 1.0 / 25) / 2, oc.at(150), 1e-12, "half way up the cosine");
        for (long t = 1; t <= 300; t++) {
            assertTrue(oc.at(t) > oc.at(t - 1));
        }
        for (long t = 301; t <= 1000; t++) {
            assertTrue(oc.at(t) < oc.at(t - 1));
        }
    }

    @Test
    void warmupStableDecay() {
        WarmupStableDecay wsd = new WarmupStableDecay(1, 10, 20, 40, 0.1, WarmupStableDecay.Shape.LINEAR);
        assertEquals(0.1, wsd.at(0), 1e-15);
        assertEquals(1, wsd.at(9), 1e-15);
        assertEquals(1, wsd.at(10));
        assertEquals(1, wsd.at(29));
        assertEquals(1, wsd.at(30));
        assertEquals(0.55, wsd.at(50), 1e-15);
        assertEquals(0.1, wsd.at(70), 1e-15);
        assertEquals(0.1, wsd.at(1000), 1e-15);
        WarmupStableDecay sq = new WarmupStableDecay(1, 0, 0, 100, 0, WarmupStableDecay.Shape.SQRT);
        assertEquals(1 - Math.sqrt(0.25), sq.at(25), 1e-15);
        WarmupStableDecay cs = new WarmupStableDecay(1, 0, 0, 100, 0, WarmupStableDecay.Shape.COSINE);
        assertEquals(0.5, cs.at(50), 1e-15);
        assertEquals(0, Schedules.warmupStableDecay(1, 5, 5, 10).at(20));
    }

    @Test
    void rejectsInvalidParametersNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> Schedules.constant(-0.1));
        assertTrue(e.getMessage().contains("Constant: lr must be positive and finite, got -0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StepDecay(1, 0, 0.5));
        assertTrue(e.getMessage().contains("StepDecay: stepSize must be >= 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.exponential(1, 1.5));
        assertTrue(e.getMessage().contains("ExponentialDecay: gamma must be in (0.0, 1.0], got 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PolynomialDecay(1, 2, 10, 1));
        assertTrue(e.getMessage().contains("endLr must be in [0.0, 1.0], got 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CosineAnnealing(1, 0, 10, 0.5, true));
        assertTrue(e.getMessage().contains("multiplier must be in [1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new OneCycle(1, 100, 1.2, 25, 1e4));
        assertTrue(e.getMessage().contains("pctStart must be in (0.0, 1.0), got 1.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(5, 0, null));
        assertTrue(e.getMessage().contains("must not be null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.inverseTime(1, Double.NaN));
        assertTrue(e.getMessage().contains("decay must be finite and >= 0, got NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Schedules.constant(1).at(-1));
        assertTrue(e.getMessage().contains("step t must be >= 0, got -1"), e.getMessage());
    }
}
