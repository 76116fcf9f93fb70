/**
 * Variance-reduced stochastic methods for finite sums {@code F(x) = (1/n) sum_i f_i(x) + h(x)}
 * ({@link dev.derive.optim.FiniteSumObjective}, optional proximable {@code h}): {@link SVRG} (Johnson &amp; Zhang 2013),
 * {@link SAGA} (Defazio, Bach &amp; Lacoste-Julien 2014) and {@link Katyusha} (Allen-Zhu 2017). Each step costs one or
 * two component gradients, yet the gradient estimate's variance vanishes at the optimum, so on strongly convex
 * problems they converge linearly, like full gradient descent, at a fraction of its cost per pass.
 *
 * <p>Conventions shared by the three: one <i>iteration</i> of the {@link dev.derive.optim.StopCriteria} is one
 * epoch (outer loop); after each the full objective and gradient are evaluated for the stopping tests, the
 * trajectory and the observer. Evaluations are counted in component evaluations ({@code n} per full pass) and
 * {@code maxEvaluations} bounds the component gradients. Sampling is uniform with replacement from a
 * {@link java.util.SplittableRandom} seeded by the method's {@code seed}: one thread, bit-identical for a seed.
 */
package dev.derive.optim.vr;
