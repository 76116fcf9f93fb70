package dev.derive.optim.schedule;

/** Parameter checks for the schedules; every message names the schedule, the parameter, the value and the range. */
final class Check {
    private Check() {
    }

    static double positive(String owner, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be positive and finite, got " + v);
        }
        return v;
    }

    static double nonNegative(String owner, String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** {@code lo < v <= hi} or {@code lo <= v <= hi} depending on {@code loInclusive}. */
    static double in(String owner, String name, double v, double lo, boolean loInclusive, double hi, boolean hiInclusive) {
        boolean ok = (loInclusive ? v >= lo : v > lo) && (hiInclusive ? v <= hi : v < hi);
        if (!ok) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in " + (loInclusive ? "[" : "(") + lo + ", "
                    + hi + (hiInclusive ? "]" : ")") + ", got " + v);
        }
        return v;
    }

    static long atLeast(String owner, String name, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(owner + ": " + name + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    static void step(long t) {
        if (t < 0) {
            throw new IllegalArgumentException("learning-rate schedule: step t must be >= 0, got " + t);
        }
    }
}
