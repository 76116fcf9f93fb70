package dev.derive.optim.convex;

/**
 * A closed proper convex function {@code f: R^n -> R U {+Infinity}} together with its Fenchel conjugate
 * {@code f*(y) = sup_x (x'y - f(x))} in closed form (Rockafellar, <i>Convex Analysis</i>, section 12; Boyd &amp;
 * Vandenberghe, <i>Convex Optimization</i>, section 3.3).
 *
 * <p>The two are linked by the Fenchel–Young inequality {@code f(x) + f*(y) >= x'y}, with equality exactly when
 * {@code y in df(x)}, equivalently {@code x in df*(y)}: {@link #subgradient} and {@link #conjugateSubgradient}
 * return such points. Implementations are immutable and thread-safe.
 */
public interface ConvexFunction {

    /** Returned by {@link #dimension()} when the function applies to vectors of any length. */
    int ANY_DIMENSION = -1;

    /** A short name, e.g. {@code "0.5 ||x||_1"}. */
    String name();

    /** {@code f(x)}; {@code +Infinity} outside the domain. */
    double value(double[] x);

    /** Writes an element of {@code df(x)} into {@code out} ({@code x} in the domain's interior or where it exists). */
    void subgradient(double[] x, double[] out);

    /** {@code f*(y) = sup_x (x'y - f(x))}; {@code +Infinity} outside its domain. */
    double conjugate(double[] y);

    /**
     * Writes an element of {@code df*(y) = argmax_x (x'y - f(x))} into {@code out}, for {@code y} in the domain of
     * {@code f*} where that set is non-empty (its relative interior at least).
     */
    void conjugateSubgradient(double[] y, double[] out);

    /** The required vector length, or {@link #ANY_DIMENSION}. */
    default int dimension() {
        return ANY_DIMENSION;
    }
}
