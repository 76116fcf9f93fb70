package dev.derive.optim.first;

/** Argument checks and the step counter shared by the steppers. */
abstract class AbstractStepper implements Stepper {
    final String owner;
    final int n;
    long t;

    AbstractStepper(String owner, int n) {
        Check.dimension(owner, n);
        this.owner = owner;
        this.n = n;
    }

    @Override
    public final void step(double[] x, double[] g, double lr, HessianVectorProduct hvp) {
        Check.step(owner, n, x, g, lr);
        t++;
        update(x, g, lr, hvp);
    }

    /** The update for step {@code t} (already incremented: 1 at the first step). */
    abstract void update(double[] x, double[] g, double lr, HessianVectorProduct hvp);

    @Override
    public long steps() {
        return t;
    }
}
