/**
 * Non-convex optimisation: {@link PerturbedGradientDescent}, which escapes strict saddle points (Jin et al. 2017),
 * and {@link NegativeCurvature}, which reports the smallest Hessian eigenvalue and its direction at a point (exactly
 * from the Hessian, or by Lanczos with Hessian-vector products), so a caller can tell a minimiser from a saddle.
 */
package dev.derive.optim.nonconvex;
