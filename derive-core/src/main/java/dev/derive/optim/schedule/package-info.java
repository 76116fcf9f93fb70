/**
 * Learning-rate schedules ({@link dev.derive.optim.schedule.LearningRateSchedule}): constant, step, exponential,
 * inverse-time, polynomial, cosine with warm restarts, linear warmup over any schedule, one-cycle and
 * warmup-stable-decay. Factories in {@link dev.derive.optim.schedule.Schedules}.
 */
package dev.derive.optim.schedule;
