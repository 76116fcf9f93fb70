/**
 * Model selection: {@link dev.derive.learn.select.Scorer}s with the built-in ones in
 * {@link dev.derive.learn.select.Scorers}; {@link dev.derive.learn.select.CrossValidation} (scores per fold,
 * out-of-fold predictions); {@link dev.derive.learn.select.GridSearch} and
 * {@link dev.derive.learn.select.RandomSearch} over named hyper-parameters, with their
 * {@link dev.derive.learn.select.CvResult} and {@link dev.derive.learn.select.SearchResult}. Folds and
 * candidates run in parallel on {@link dev.derive.runtime.Parallelism#pool()}; results are collected by index
 * and do not depend on the thread count. The tests check the scores against scikit-learn 1.2.1's
 * {@code cross_val_score} and {@code GridSearchCV} on the same folds (fixture written by
 * {@code tools/gen_select_fixtures.py}).
 */
package dev.derive.learn.select;
