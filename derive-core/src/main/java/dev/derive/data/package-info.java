/**
 * Tabular data for learning: {@link dev.derive.data.Frame} (an immutable table of typed columns with
 * missing values), {@link dev.derive.data.Dataset} (the numeric view a learner trains on, built from a
 * frame by naming the target), seeded train/test and cross-validation splits ({@link dev.derive.data.Splits},
 * {@link dev.derive.data.KFold}, {@link dev.derive.data.StratifiedKFold}, {@link dev.derive.data.GroupKFold},
 * {@link dev.derive.data.RepeatedKFold}, {@link dev.derive.data.RepeatedStratifiedKFold}) and small bundled
 * data sets ({@link dev.derive.data.Datasets}). Readers and writers live in {@code dev.derive.data.io}.
 */
package dev.derive.data;
