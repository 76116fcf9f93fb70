/**
 * Constrained optimisation: problem types ({@link dev.derive.optim.constrained.LinearProgram},
 * {@link dev.derive.optim.constrained.QuadraticProgram}, {@link dev.derive.optim.constrained.ConstrainedProblem}
 * with {@link dev.derive.optim.constrained.ConstraintFunction}s) and their solvers: the primal–dual
 * interior-point method with Mehrotra's predictor–corrector for LPs and convex QPs
 * ({@link dev.derive.optim.constrained.InteriorPoint}, KKT residuals via {@link dev.derive.optim.constrained.Kkt}; the
 * homogeneous self-dual embedding as fallback or option, whose verified Farkas multipliers or rays of unboundedness are
 * returned as a {@link dev.derive.optim.constrained.Certificate}),
 * the log-barrier method with phase I for smooth convex problems
 * ({@link dev.derive.optim.constrained.LogBarrier}) and the augmented Lagrangian / method of multipliers for
 * smooth nonlinear programs ({@link dev.derive.optim.constrained.AugmentedLagrangian}). Splitting methods
 * (ADMM) live in {@code dev.derive.optim.admm}. See docs/optim.md ("Constrained and splitting methods") for which method to use when.
 */
package dev.derive.optim.constrained;
