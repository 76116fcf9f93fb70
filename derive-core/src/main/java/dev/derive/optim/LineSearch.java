package dev.derive.optim;

/**
 * A line search: given a point {@code x}, its value and gradient, and a descent direction {@code d}
 * ({@code grad f(x)'d < 0}), it picks a step {@code alpha > 0} along {@code phi(alpha) = f(x + alpha d)}.
 * Implementations: {@link ArmijoBacktracking} (sufficient decrease) and {@link StrongWolfe} (sufficient
 * decrease and curvature, what quasi-Newton updates need).
 *
 * <p>A trial point where the objective or its gradient is NaN or infinite is treated as a step that was
 * too long. Implementations are immutable and thread-safe; they allocate O(n) scratch per search.
 */
public interface LineSearch {

    /**
     * Searches along {@code d} from {@code x}.
     *
     * @param f           the objective
     * @param x           the current point (not modified)
     * @param fx          {@code f(x)}, finite
     * @param gx          {@code grad f(x)} (not modified)
     * @param d           the search direction, with {@code gx'd < 0} (not modified)
     * @param initialStep the first trial step, {@code > 0} (clamped to {@code maxStep})
     * @param maxStep     the largest step allowed, {@code >= 0} ({@code +Infinity} for none; a bound-constrained
     *                    method passes the distance to the boundary)
     * @param xOut        receives {@code x + alpha d} (or {@code x} if the search failed)
     * @param gOut        receives the gradient at {@code xOut}
     * @return the outcome: status, step, value at {@code xOut}, evaluations used
     * @throws IllegalArgumentException if the lengths differ, {@code fx} is not finite, {@code d} is not a
     *                                  descent direction or a step bound is invalid
     */
    LineSearchResult search(SmoothObjective f, double[] x, double fx, double[] gx, double[] d, double initialStep,
                            double maxStep, double[] xOut, double[] gOut);

    /** Argument checks shared by the implementations; returns {@code gx'd}. */
    static double checkArguments(String name, SmoothObjective f, double[] x, double fx, double[] gx, double[] d,
                                 double initialStep, double maxStep, double[] xOut, double[] gOut) {
        int n = f.dimension();
        if (x.length != n || gx.length != n || d.length != n || xOut.length != n || gOut.length != n) {
            throw new IllegalArgumentException(name + ": the objective has dimension " + n + " but x, g, d, xOut, gOut have lengths "
                    + x.length + ", " + gx.length + ", " + d.length + ", " + xOut.length + ", " + gOut.length);
        }
        if (!Double.isFinite(fx)) {
            throw new IllegalArgumentException(name + ": f(x) must be finite, got " + fx);
        }
        if (!(initialStep > 0) || initialStep == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + ": initialStep must be positive and finite, got " + initialStep);
        }
        if (!(maxStep >= 0)) {
            throw new IllegalArgumentException(name + ": maxStep must be >= 0, got " + maxStep);
        }
        double gd = Vec.dot(gx, d);
        if (!(gd < 0)) {
            throw new IllegalArgumentException(name + ": d is not a descent direction: g'd = " + gd + " (must be < 0)");
        }
        return gd;
    }
}
