/**
 * Convex-analysis toolkit: convex functions with closed-form Fenchel conjugates ({@link Conjugates}, each a
 * {@link ConvexFunction}), the Moreau envelope of any proximable function as a smooth objective
 * ({@link MoreauEnvelope}), and a numerical subgradient-inequality check ({@link SubgradientCheck}).
 * The proximal operators themselves live in {@link dev.derive.optim.prox}.
 */
package dev.derive.optim.convex;
