package dev.derive.optim.prox;

/**
 * A closed convex function {@code g: R^n -> R U {+Infinity}} whose proximal operator
 * {@code prox_{t g}(v) = argmin_u g(u) + ||u - v||^2 / (2t)} is cheap: the non-smooth part of a composite
 * objective {@code f + g} (Parikh &amp; Boyd, <i>Proximal Algorithms</i>, 2014). The prox is characterised by
 * the optimality condition {@code (v - p) / t in dg(p)} for {@code p = prox_{t g}(v)}.
 *
 * <p>Implementations are immutable and thread-safe. The ones in this package come from {@link Prox}.
 */
public interface ProximalFunction {

    /** Returned by {@link #dimension()} when the function applies to vectors of any length. */
    int ANY_DIMENSION = -1;

    /** {@code g(x)}; {@code +Infinity} outside the domain (for an indicator function). */
    double value(double[] x);

    /**
     * Writes {@code prox_{t g}(v)} into {@code out}; {@code t > 0}; {@code out} may be the same array as
     * {@code v}, which is otherwise not modified.
     */
    void prox(double[] v, double t, double[] out);

    /** {@code prox_{t g}(v)} as a new array. */
    default double[] prox(double[] v, double t) {
        double[] out = new double[v.length];
        prox(v, t, out);
        return out;
    }

    /**
     * The Moreau envelope {@code M_{t g}(v) = min_u g(u) + ||u - v||^2 / (2t) = g(p) + ||p - v||^2 / (2t)} with
     * {@code p = prox_{t g}(v)}: a smooth ({@code 1/t}-Lipschitz gradient) under-approximation of {@code g} with the
     * same minimisers; its gradient {@code (v - p) / t} is written into {@code gradient} unless that is null
     * (Moreau 1965; Parikh &amp; Boyd, section 3.1). For {@code lambda ||x||_1} it is the Huber function.
     */
    default double moreauEnvelope(double[] v, double t, double[] gradient) {
        double[] p = prox(v, t);
        double d2 = 0;
        for (int i = 0; i < v.length; i++) {
            double d = p[i] - v[i];
            d2 += d * d;
            if (gradient != null) {
                gradient[i] = -d / t;
            }
        }
        return value(p) + d2 / (2 * t);
    }

    /** The required vector length, or {@link #ANY_DIMENSION}. */
    default int dimension() {
        return ANY_DIMENSION;
    }
}
