/**
 * First-order update rules behind one step interface ({@link dev.derive.optim.first.FirstOrderMethod} makes a
 * {@link dev.derive.optim.first.Stepper} that updates a parameter vector in place from a gradient and a learning
 * rate): SGD, heavy-ball momentum, Nesterov, AdaGrad, RMSProp, Adam, AMSGrad, AdamW, NAdam, Lion, Sophia and
 * schedule-free SGD/AdamW, plus {@link dev.derive.optim.first.GradientClipping}. Each class cites the paper whose
 * equations it implements. Run them on an objective with {@link dev.derive.optim.FirstOrderMinimizer}.
 */
package dev.derive.optim.first;
