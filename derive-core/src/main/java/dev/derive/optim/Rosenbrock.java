package dev.derive.optim;

import dev.derive.linalg.Matrix;

/**
 * The chained Rosenbrock function {@code f(x) = sum_{i=0}^{n-2} [b (x_{i+1} - x_i^2)^2 + (1 - x_i)^2]}
 * (Rosenbrock 1960; the n-dimensional form of Nocedal &amp; Wright, exercise 9.1, usually with
 * {@code b = 100}) with its gradient and Hessian. Its global minimiser is {@code (1, ..., 1)} with value 0,
 * at the end of a long curved valley that defeats steepest descent.
 */
public final class Rosenbrock implements TwiceDifferentiableObjective {
    private final int n;
    private final double b;

    /** The standard function ({@code b = 100}) in {@code n >= 2} dimensions. */
    public Rosenbrock(int n) {
        this(n, 100);
    }

    /** The function with valley steepness {@code b > 0} in {@code n >= 2} dimensions. */
    public Rosenbrock(int n, double b) {
        if (n < 2) {
            throw new IllegalArgumentException("Rosenbrock: dimension n must be >= 2, got " + n);
        }
        if (!(b > 0) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Rosenbrock: b must be positive and finite, got " + b);
        }
        this.n = n;
        this.b = b;
    }

    /** The global minimiser {@code (1, ..., 1)}. */
    public double[] minimizer() {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        return x;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        double s = 0;
        for (int i = 0; i < n - 1; i++) {
            double u = x[i + 1] - x[i] * x[i];
            double w = 1 - x[i];
            s += b * u * u + w * w;
        }
        return s;
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
        java.util.Arrays.fill(g, 0, n, 0.0);
        double s = 0;
        for (int i = 0; i < n - 1; i++) {
            double u = x[i + 1] - x[i] * x[i];
            double w = 1 - x[i];
            s += b * u * u + w * w;
            g[i] += -4 * b * u * x[i] - 2 * w;
            g[i + 1] += 2 * b * u;
        }
        return s;
    }

    @Override
    public void hessian(double[] x, Matrix h) {
        h.fill(0);
        for (int i = 0; i < n - 1; i++) {
            double u = x[i + 1] - x[i] * x[i];
            h.add(i, i, -4 * b * u + 8 * b * x[i] * x[i] + 2);
            h.add(i, i + 1, -4 * b * x[i]);
            h.add(i + 1, i, -4 * b * x[i]);
            h.add(i + 1, i + 1, 2 * b);
        }
    }
}
