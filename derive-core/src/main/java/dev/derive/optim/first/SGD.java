package dev.derive.optim.first;

/**
 * Plain (stochastic) gradient descent, {@code x <- x - eta g} (Robbins &amp; Monro 1951; with the full gradient
 * it is gradient descent, Cauchy 1847). With step {@code 1/L} on an {@code L}-smooth, {@code mu}-strongly
 * convex quadratic the error contracts by {@code 1 - 1/kappa} per step, {@code kappa = L/mu}.
 */
public record SGD() implements FirstOrderMethod {

    @Override
    public Stepper start(int n) {
        Check.dimension("SGD", n);
        return new Stepper() {
            long t;

            @Override
            public void step(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
                Check.step("SGD", n, x, g, lr);
                for (int i = 0; i < n; i++) {
                    x[i] -= lr * g[i];
                }
                t++;
            }

            @Override
            public long steps() {
                return t;
            }
        };
    }
}
