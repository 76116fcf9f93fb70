package dev.derive.optim;

import dev.derive.linalg.Matrix;

/** Wraps an objective and counts its evaluations (what {@link OptimResult} reports). Not thread-safe. */
final class Counted implements TwiceDifferentiableObjective {
    final SmoothObjective f;
    final int n;
    long values;
    long gradients;
    long hessians;

    Counted(SmoothObjective f) {
        this.f = f;
        this.n = f.dimension();
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        values++;
        return f.value(x);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        values++;
        gradients++;
        return f.valueAndGradient(x, gradient);
    }

    @Override
    public void gradient(double[] x, double[] gradient) {
        gradients++;
        f.gradient(x, gradient);
    }

    @Override
    public void hessianVector(double[] x, double[] v, double[] out) {
        hessians++;
        ((HessianVectorObjective) f).hessianVector(x, v, out);
    }

    @Override
    public void hessian(double[] x, Matrix out) {
        hessians++;
        ((TwiceDifferentiableObjective) f).hessian(x, out);
    }
}
