package dev.derive.optim.first;

/** Hyper-parameter and argument checks; messages name the rule, the parameter, the value and the range. */
final class Check {
    private Check() {
    }

    static void positive(String owner, String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be positive and finite, got " + v);
        }
    }

    static void nonNegative(String owner, String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be finite and >= 0, got " + v);
        }
    }

    /** {@code 0 <= v < 1}. */
    static void unitInterval(String owner, String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(owner + ": " + name + " must be in [0, 1), got " + v);
        }
    }

    static void dimension(String owner, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(owner + ": the parameter vector must have length >= 1, got " + n);
        }
    }

    static void step(String owner, int n, double[] params, double[] g, double lr) {
        if (params.length != n || g.length != n) {
            throw new IllegalArgumentException(owner + ": the stepper was started for length " + n
                    + " but params has length " + params.length + " and the gradient " + g.length);
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(owner + ": learningRate must be finite and >= 0, got " + lr);
        }
    }
}
