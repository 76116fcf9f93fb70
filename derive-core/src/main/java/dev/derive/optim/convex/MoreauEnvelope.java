package dev.derive.optim.convex;

import dev.derive.optim.SmoothObjective;
import dev.derive.optim.prox.ProximalFunction;

/**
 * The Moreau envelope of a proximable convex function as a smooth objective,
 * {@code M(v) = min_u g(u) + ||u - v||^2 / (2t) = g(p) + ||p - v||^2 / (2t)}, {@code p = prox_{t g}(v)}, with gradient
 * {@code grad M(v) = (v - p) / t}, which is {@code (1/t)}-Lipschitz (Moreau 1965; Parikh &amp; Boyd, <i>Proximal
 * Algorithms</i>, 2014, section 3.1; Beck 2017, Theorem 6.60). {@code M} has the minimisers of {@code g} and
 * {@code g - M <= t ||dg||^2 / 2}; for {@code lambda ||x||_1} it is the Huber function. Any minimiser of
 * {@link dev.derive.optim} can minimise it.
 *
 * @param g         the function
 * @param t         the smoothing parameter, positive and finite
 * @param dimension the vector length ({@code g.dimension()} unless that is {@code ANY_DIMENSION}), {@code >= 1}
 */
public record MoreauEnvelope(ProximalFunction g, double t, int dimension) implements SmoothObjective {

    public MoreauEnvelope {
        if (g == null) {
            throw new IllegalArgumentException("MoreauEnvelope: g must not be null");
        }
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new IllegalArgumentException("MoreauEnvelope: t must be positive and finite, got " + t);
        }
        if (dimension < 1) {
            throw new IllegalArgumentException("MoreauEnvelope: dimension must be >= 1, got " + dimension);
        }
        if (g.dimension() != ProximalFunction.ANY_DIMENSION && g.dimension() != dimension) {
            throw new IllegalArgumentException("MoreauEnvelope: g is defined on R^" + g.dimension() + ", not R^"
                    + dimension);
        }
    }

    /** The envelope of a function of fixed dimension. */
    public static MoreauEnvelope of(ProximalFunction g, double t) {
        return new MoreauEnvelope(g, t, g.dimension());
    }

    @Override
    public double value(double[] x) {
        return g.moreauEnvelope(x, t, null);
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        return g.moreauEnvelope(x, t, gradient);
    }

    /** The Lipschitz constant {@code 1/t} of the gradient. */
    public double lipschitz() {
        return 1 / t;
    }
}
