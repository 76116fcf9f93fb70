/**
 * Readers and writers: CSV ({@link dev.derive.data.io.Csv}, a byte-level parallel parser with an exact
 * fast double parser), ARFF ({@link dev.derive.data.io.Arff}), numpy's NPY ({@link dev.derive.data.io.Npy},
 * also used for model persistence) and LibSVM/svmlight ({@link dev.derive.data.io.LibSvm}). Malformed
 * input throws {@link dev.derive.data.io.MalformedDataException} naming the source, line and column.
 */
package dev.derive.data.io;
