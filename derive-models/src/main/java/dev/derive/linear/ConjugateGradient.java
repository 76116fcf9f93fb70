package dev.derive.linear;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Conjugate gradients (Hestenes &amp; Stiefel 1952) for {@code A x = b}, A symmetric positive (semi)definite and
 * given as a product {@code v -> A v}, from {@code x = 0}: stops when {@code ||r|| <= tol ||b||} or after
 * {@code budget} iterations, or when a search direction has {@code d'Ad <= 0} (A singular along it: a warning
 * naming {@code alpha}). Shared by the dense and the sparse ridge solvers.
 */
final class ConjugateGradient {

    /** The solution, the iterations made, the final residual norm and the target it was held to. */
    record Result(double[] x, int iterations, double residual, double target) {
        boolean converged() {
            return residual <= target;
        }
    }

    private ConjugateGradient() {
    }

    static Result solve(UnaryOperator<double[]> a, double[] b, double tol, int budget, double alpha, List<String> warnings) {
        int dim = b.length;
        double[] x = new double[dim];
        double[] r = b.clone();
        double[] d = r.clone();
        double rr = CoordinateDescent.dot(r, r);
        double target = tol * Math.sqrt(rr);
        int it = 0;
        while (Math.sqrt(rr) > target && it < budget) {
            double[] ad = a.apply(d);
            double dad = CoordinateDescent.dot(d, ad);
            if (!(dad > 0)) {
                warnings.add("cg: X'X + alpha I is singular along a search direction (alpha = " + alpha
                        + " with collinear or constant columns); stopped after " + it + " iterations");
                break;
            }
            double step = rr / dad;
            for (int k = 0; k < dim; k++) {
                x[k] += step * d[k];
                r[k] -= step * ad[k];
            }
            double rrNew = CoordinateDescent.dot(r, r);
            double ratio = rrNew / rr;
            for (int k = 0; k < dim; k++) {
                d[k] = r[k] + ratio * d[k];
            }
            rr = rrNew;
            it++;
        }
        return new Result(x, it, Math.sqrt(rr), target);
    }
}
