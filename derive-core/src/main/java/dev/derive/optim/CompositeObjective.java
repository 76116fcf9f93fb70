package dev.derive.optim;

import dev.derive.optim.prox.ProximalFunction;

/**
 * A composite objective {@code F(x) = f(x) + g(x)} with {@code f} smooth and {@code g} convex, possibly
 * non-smooth, with a cheap proximal operator (lasso: {@code f} a least-squares loss, {@code g = lambda ||x||_1}).
 * Solved by {@link ProximalGradient} (ISTA, FISTA, Barzilai–Borwein steps).
 *
 * @param smooth    the smooth part {@code f}
 * @param nonsmooth the proximable part {@code g}
 */
public record CompositeObjective(SmoothObjective smooth, ProximalFunction nonsmooth) {

    public CompositeObjective {
        if (smooth == null || nonsmooth == null) {
            throw new IllegalArgumentException("CompositeObjective: smooth and nonsmooth parts must not be null");
        }
        int d = nonsmooth.dimension();
        if (d != ProximalFunction.ANY_DIMENSION && d != smooth.dimension()) {
            throw new IllegalArgumentException("CompositeObjective: the smooth part has dimension " + smooth.dimension()
                    + " but the proximal part needs dimension " + d);
        }
    }

    /** The dimension of the domain. */
    public int dimension() {
        return smooth.dimension();
    }

    /** {@code F(x) = f(x) + g(x)}. */
    public double value(double[] x) {
        return smooth.value(x) + nonsmooth.value(x);
    }
}
