package dev.derive.optim.constrained;

import dev.derive.optim.Bounds;
import dev.derive.optim.SmoothObjective;

/**
 * A smooth nonlinear program
 * <pre>
 *   minimise f(x)  subject to  h(x) = 0,  g(x) <= 0,  lower <= x <= upper
 * </pre>
 * for {@link AugmentedLagrangian} (and, with a twice differentiable {@code f}, convex {@code g} and affine
 * {@code h}, for {@link LogBarrier}). {@code null} equalities/inequalities mean none; {@code null} bounds mean
 * unbounded. Multipliers follow the Lagrangian {@code L = f + lambda'h + mu'g} with {@code mu >= 0}.
 *
 * @param objective    the objective {@code f}
 * @param equalities   {@code h}
 * @param inequalities {@code g}
 * @param bounds       box constraints (only {@link AugmentedLagrangian} uses them, through L-BFGS-B)
 */
public record ConstrainedProblem(SmoothObjective objective, ConstraintFunction equalities,
                                 ConstraintFunction inequalities, Bounds bounds) {

    public ConstrainedProblem {
        if (objective == null) {
            throw new IllegalArgumentException("ConstrainedProblem: objective must not be null");
        }
        int n = objective.dimension();
        equalities = equalities == null ? ConstraintFunction.none(n) : equalities;
        inequalities = inequalities == null ? ConstraintFunction.none(n) : inequalities;
        if (equalities.dimension() != n) {
            throw new IllegalArgumentException("ConstrainedProblem: equalities have dimension " + equalities.dimension()
                    + " but the objective has dimension " + n);
        }
        if (inequalities.dimension() != n) {
            throw new IllegalArgumentException("ConstrainedProblem: inequalities have dimension "
                    + inequalities.dimension() + " but the objective has dimension " + n);
        }
        if (bounds != null && bounds.dimension() != n) {
            throw new IllegalArgumentException("ConstrainedProblem: bounds have dimension " + bounds.dimension()
                    + " but the objective has dimension " + n);
        }
    }

    /** {@code min f(x) s.t. h(x) = 0, g(x) <= 0}. */
    public static ConstrainedProblem of(SmoothObjective f, ConstraintFunction h, ConstraintFunction g) {
        return new ConstrainedProblem(f, h, g, null);
    }

    /** The dimension {@code n}. */
    public int dimension() {
        return objective.dimension();
    }
}
