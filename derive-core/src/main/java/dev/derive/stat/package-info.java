/**
 * Statistics: special functions ({@link dev.derive.stat.SpecialFunctions}: log-gamma, regularised incomplete
 * gamma and beta, erf) and the distribution functions inference needs ({@link dev.derive.stat.Distributions}:
 * normal, Student's t, F and chi-square cdfs, survival functions and quantiles).
 */
package dev.derive.stat;
