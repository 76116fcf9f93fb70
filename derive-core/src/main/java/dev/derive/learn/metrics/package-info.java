/**
 * Evaluation metrics as static functions over plain arrays: {@link dev.derive.learn.metrics.ClassificationMetrics},
 * {@link dev.derive.learn.metrics.RegressionMetrics}, {@link dev.derive.learn.metrics.ClusteringMetrics} and
 * {@link dev.derive.learn.metrics.InformationCriteria}. Each function documents its formula and the
 * scikit-learn 1.2.1 function whose value it reproduces; the tests check them against scikit-learn on real
 * data (fixture written by {@code tools/gen_metrics_fixtures.py}).
 */
package dev.derive.learn.metrics;
