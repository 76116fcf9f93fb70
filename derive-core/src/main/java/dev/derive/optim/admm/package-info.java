/**
 * The alternating direction method of multipliers (Boyd et al. 2011): a generic scaled-form solver
 * ({@link dev.derive.optim.admm.Admm}) for {@code min f(x) + g(z) s.t. Ax + Bz = c} given as an
 * {@link dev.derive.optim.admm.AdmmProblem} (the two partial minimisations), with over-relaxation and
 * residual balancing, and concrete problems: lasso and group lasso
 * ({@link dev.derive.optim.admm.RegularizedLeastSquares}), 1-D total-variation denoising
 * ({@link dev.derive.optim.admm.TotalVariation1D}) and consensus (distributed) least squares and logistic
 * regression ({@link dev.derive.optim.admm.Consensus}).
 *
 * <p>ADMM has its own package rather than living in {@code dev.derive.optim.constrained}: it is a splitting
 * method for composite objectives {@code f + g} (the constraint {@code Ax + Bz = c} is the splitting, not a
 * user's feasibility requirement), its users are the lasso/TV/consensus families next to
 * {@link dev.derive.optim.ProximalGradient}, and its problem interface (partial minimisations) shares nothing
 * with the KKT-based solvers of the constrained package.
 */
package dev.derive.optim.admm;
