/**
 * Proximal operators ({@link dev.derive.optim.prox.ProximalFunction}): norms (L1, L2, squared L2, elastic net,
 * group lasso, nuclear) and indicators (box, simplex, L2 and L-infinity balls), with the Moreau envelope; the
 * non-smooth parts of {@link dev.derive.optim.CompositeObjective}. Factories in {@link dev.derive.optim.prox.Prox}.
 */
package dev.derive.optim.prox;
