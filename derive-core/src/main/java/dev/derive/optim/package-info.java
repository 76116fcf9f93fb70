/**
 * Optimisation: problems, line searches, second-order and quasi-Newton methods, first-order drivers and
 * composite (proximal) methods.
 *
 * <ul>
 *   <li>Problems: {@link dev.derive.optim.SmoothObjective} (value and gradient into a caller-owned array),
 *       {@link dev.derive.optim.HessianVectorObjective}, {@link dev.derive.optim.TwiceDifferentiableObjective},
 *       {@link dev.derive.optim.FiniteSumObjective} (mini-batches), {@link dev.derive.optim.CompositeObjective}
 *       ({@code f + g} with a proximal {@code g}), {@link dev.derive.optim.Bounds}.</li>
 *   <li>Results and stopping: {@link dev.derive.optim.OptimResult}, {@link dev.derive.optim.StopReason},
 *       {@link dev.derive.optim.StopCriteria}, {@link dev.derive.optim.IterationObserver}.</li>
 *   <li>Line searches: {@link dev.derive.optim.ArmijoBacktracking}, {@link dev.derive.optim.StrongWolfe}.</li>
 *   <li>Methods: {@link dev.derive.optim.GradientDescent}, {@link dev.derive.optim.Newton},
 *       {@link dev.derive.optim.TrustRegionNewton}, {@link dev.derive.optim.BFGS}, {@link dev.derive.optim.LBFGS},
 *       {@link dev.derive.optim.LBFGSB} (bounds), {@link dev.derive.optim.FirstOrderMinimizer} (any rule of
 *       {@link dev.derive.optim.first}, full-batch or mini-batch), {@link dev.derive.optim.ProximalGradient}
 *       (ISTA, FISTA, Barzilai–Borwein).</li>
 *   <li>Checks and test problems: {@link dev.derive.optim.GradientCheck}, {@link dev.derive.optim.Quadratic},
 *       {@link dev.derive.optim.Rosenbrock}.</li>
 * </ul>
 *
 * <p>Every minimiser validates its hyper-parameters at construction and its starting point on entry; a
 * non-finite value or gradient from the objective ends the run with {@link dev.derive.optim.StopReason#NON_FINITE}
 * at the last finite iterate rather than returning NaN.
 */
package dev.derive.optim;
