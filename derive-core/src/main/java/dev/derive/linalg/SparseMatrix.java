package dev.derive.linalg;

import dev.derive.runtime.Parallelism;
import java.util.Arrays;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * An immutable sparse matrix in compressed sparse row (CSR) form: the non-zeros of row {@code i} are
 * {@code values[k]} at columns {@code columnIndices[k]} for {@code rowPointers[i] <= k < rowPointers[i+1]},
 * with column indices strictly increasing within a row (the layout of scipy's {@code csr_matrix} with
 * sorted indices).
 *
 * <p>Products with dense vectors and matrices run in plain Java: {@code A x} and {@code A B} visit each row
 * once (in parallel over blocks of rows for large matrices; every output entry is computed by the same
 * sequential loop whatever the thread count, so results are bit-identical), and {@code A' x} and
 * {@code A' B} scatter row by row sequentially.
 *
 * <p>Values may be any double, as in {@link Matrix}; {@link #fromTriplets} and {@link #fromDense} drop
 * entries that are exactly zero, {@link #ofCsr} keeps what it is given. Instances are safe to share
 * between threads.
 */
public final class SparseMatrix {

    /** Row products switch to the fork/join pool above this many stored entries. */
    private static final int PARALLEL_NNZ = 1 << 16;
    /** Target stored entries per parallel task. */
    private static final int GRAIN_NNZ = 1 << 14;

    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;

    private SparseMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    /** Receives one stored entry {@code (i, j, value)}. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int i, int j, double value);
    }

    /** The stored entries of one row: {@code values[k]} at column {@code columns[k]}, columns increasing. */
    public record Row(int index, int[] columns, double[] values) {
        /** Number of stored entries in the row. */
        public int nnz() {
            return columns.length;
        }
    }

    // ---------------------------------------------------------------- factories

    private static void checkShape(int rows, int cols, String op) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": dimensions must be >= 0, got " + rows + "x" + cols);
        }
    }

    /**
     * A {@code rows x cols} matrix from coordinate triplets {@code (i[k], j[k], v[k])}: duplicates are
     * summed (in input order, so the result is deterministic) and entries whose value is, or sums to,
     * exactly zero are dropped. The arrays are not modified.
     *
     * @throws IllegalArgumentException if the arrays differ in length or an index is out of range (the
     *                                  message names the entry)
     */
    public static SparseMatrix fromTriplets(int rows, int cols, int[] i, int[] j, double[] v) {
        checkShape(rows, cols, "SparseMatrix.fromTriplets");
        if (i.length != j.length || i.length != v.length) {
            throw new IllegalArgumentException("SparseMatrix.fromTriplets: arrays differ in length: i has "
                    + i.length + ", j has " + j.length + ", v has " + v.length);
        }
        int t = i.length;
        for (int k = 0; k < t; k++) {
            if (i[k] < 0 || i[k] >= rows || j[k] < 0 || j[k] >= cols) {
                throw new IllegalArgumentException("SparseMatrix.fromTriplets: entry " + k + " at (" + i[k] + ", "
                        + j[k] + ") is outside a " + rows + "x" + cols + " matrix");
            }
        }
        // stable counting sort by column, then stable counting sort by row: rows ascending, columns
        // ascending within a row, duplicates in input order
        int[] byCol = new int[t];
        int[] colStart = new int[cols + 1];
        for (int k = 0; k < t; k++) {
            colStart[j[k] + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            colStart[c + 1] += colStart[c];
        }
        for (int k = 0; k < t; k++) {
            byCol[colStart[j[k]]++] = k;
        }
        int[] order = new int[t];
        int[] rowStart = new int[rows + 1];
        for (int k = 0; k < t; k++) {
            rowStart[i[k] + 1]++;
        }
        for (int r = 0; r < rows; r++) {
            rowStart[r + 1] += rowStart[r];
        }
        for (int q = 0; q < t; q++) {
            int k = byCol[q];
            order[rowStart[i[k]]++] = k;
        }
        // merge duplicates and drop zeros
        int[] ptr = new int[rows + 1];
        int[] ci = new int[t];
        double[] vals = new double[t];
        int nnz = 0;
        int q = 0;
        for (int r = 0; r < rows; r++) {
            while (q < t && i[order[q]] == r) {
                int c = j[order[q]];
                double s = v[order[q]];
                q++;
                while (q < t && i[order[q]] == r && j[order[q]] == c) {
                    s += v[order[q]];
                    q++;
                }
                if (s != 0) {
                    ci[nnz] = c;
                    vals[nnz] = s;
                    nnz++;
                }
            }
            ptr[r + 1] = nnz;
        }
        return new SparseMatrix(rows, cols, ptr, Arrays.copyOf(ci, nnz), Arrays.copyOf(vals, nnz));
    }

    /** The non-zero entries of a dense matrix (entries exactly equal to zero are dropped). */
    public static SparseMatrix fromDense(Matrix a) {
        int r = a.rows();
        int c = a.cols();
        int[] ptr = new int[r + 1];
        int nnz = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                if (a.data[a.offset + i + j * a.ld] != 0) {
                    nnz++;
                }
            }
            ptr[i + 1] = nnz;
        }
        int[] ci = new int[nnz];
        double[] vals = new double[nnz];
        int k = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double v = a.data[a.offset + i + j * a.ld];
                if (v != 0) {
                    ci[k] = j;
                    vals[k++] = v;
                }
            }
        }
        return new SparseMatrix(r, c, ptr, ci, vals);
    }

    /**
     * A matrix from CSR arrays (copied): {@code rowPointers} has length {@code rows + 1}, starts at 0, never
     * decreases and ends at {@code nnz}; within each row the column indices are in range and strictly
     * increasing. Stored zeros are kept.
     *
     * @throws IllegalArgumentException naming the first array position that breaks these rules
     */
    public static SparseMatrix ofCsr(int rows, int cols, int[] rowPointers, int[] columnIndices, double[] values) {
        checkShape(rows, cols, "SparseMatrix.ofCsr");
        String op = "SparseMatrix.ofCsr (" + rows + "x" + cols + ")";
        if (rowPointers.length != rows + 1) {
            throw new IllegalArgumentException(op + ": rowPointers has length " + rowPointers.length
                    + ", needs rows + 1 = " + (rows + 1));
        }
        if (columnIndices.length != values.length) {
            throw new IllegalArgumentException(op + ": columnIndices has length " + columnIndices.length
                    + " but values has length " + values.length);
        }
        if (rowPointers[0] != 0) {
            throw new IllegalArgumentException(op + ": rowPointers[0] must be 0, got " + rowPointers[0]);
        }
        if (rowPointers[rows] != values.length) {
            throw new IllegalArgumentException(op + ": rowPointers[" + rows + "] = " + rowPointers[rows]
                    + " must equal the number of stored entries " + values.length);
        }
        for (int r = 0; r < rows; r++) {
            if (rowPointers[r + 1] < rowPointers[r]) {
                throw new IllegalArgumentException(op + ": rowPointers decreases at row " + r + ": "
                        + rowPointers[r] + " then " + rowPointers[r + 1]);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int k = rowPointers[r]; k < rowPointers[r + 1]; k++) {
                int c = columnIndices[k];
                if (c < 0 || c >= cols) {
                    throw new IllegalArgumentException(op + ": columnIndices[" + k + "] = " + c + " (row " + r
                            + ") is outside 0.." + (cols - 1));
                }
                if (k > rowPointers[r] && c <= columnIndices[k - 1]) {
                    throw new IllegalArgumentException(op + ": column indices of row " + r
                            + " must be strictly increasing, but columnIndices[" + (k - 1) + "] = "
                            + columnIndices[k - 1] + " and columnIndices[" + k + "] = " + c);
                }
            }
        }
        return new SparseMatrix(rows, cols, rowPointers.clone(), columnIndices.clone(), values.clone());
    }

    // ---------------------------------------------------------------- access

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** Number of stored entries. */
    public int nnz() {
        return values.length;
    }

    /** Element {@code (i, j)} (0 if not stored), by binary search in row {@code i}. */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("index (" + i + ", " + j + ") is outside a " + rows + "x" + cols
                    + " sparse matrix");
        }
        int k = Arrays.binarySearch(colIdx, rowPtr[i], rowPtr[i + 1], j);
        return k >= 0 ? values[k] : 0;
    }

    /** The row pointers (a copy, length {@code rows + 1}). */
    public int[] rowPointers() {
        return rowPtr.clone();
    }

    /** The column index of each stored entry (a copy, length {@code nnz}). */
    public int[] columnIndices() {
        return colIdx.clone();
    }

    /** The value of each stored entry (a copy, length {@code nnz}). */
    public double[] values() {
        return values.clone();
    }

    /** Number of stored entries in row {@code i}. */
    public int rowNnz(int i) {
        checkRow(i);
        return rowPtr[i + 1] - rowPtr[i];
    }

    /** The stored entries of row {@code i} (copies). */
    public Row row(int i) {
        checkRow(i);
        return new Row(i, Arrays.copyOfRange(colIdx, rowPtr[i], rowPtr[i + 1]),
                Arrays.copyOfRange(values, rowPtr[i], rowPtr[i + 1]));
    }

    private void checkRow(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of a " + rows + "x" + cols + " sparse matrix");
        }
    }

    /** Calls {@code f} for every stored entry, row by row, columns increasing within a row. */
    public void forEachNonZero(EntryConsumer f) {
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                f.accept(i, colIdx[k], values[k]);
            }
        }
    }

    /** Calls {@code f} for every stored entry of row {@code i}, columns increasing. */
    public void forEachInRow(int i, EntryConsumer f) {
        checkRow(i);
        for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
            f.accept(i, colIdx[k], values[k]);
        }
    }

    /**
     * The rows {@code rows} of this matrix, in that order (repeats allowed), as a new CSR matrix with the
     * same number of columns; stored entries are copied as they are.
     *
     * @throws IndexOutOfBoundsException naming the first row index outside {@code 0..rows()-1}
     */
    public SparseMatrix selectRows(int[] rows) {
        int m = rows.length;
        int[] ptr = new int[m + 1];
        for (int r = 0; r < m; r++) {
            int i = rows[r];
            if (i < 0 || i >= this.rows) {
                throw new IndexOutOfBoundsException("SparseMatrix.selectRows: row " + i + " (position " + r + ") of a "
                        + this.rows + "x" + cols + " sparse matrix");
            }
            ptr[r + 1] = Math.addExact(ptr[r], rowPtr[i + 1] - rowPtr[i]);
        }
        int[] ci = new int[ptr[m]];
        double[] vals = new double[ptr[m]];
        for (int r = 0; r < m; r++) {
            int i = rows[r];
            int len = rowPtr[i + 1] - rowPtr[i];
            System.arraycopy(colIdx, rowPtr[i], ci, ptr[r], len);
            System.arraycopy(values, rowPtr[i], vals, ptr[r], len);
        }
        return new SparseMatrix(m, cols, ptr, ci, vals);
    }

    /**
     * The rows {@code from..to-1} made dense ({@code (to - from) x cols}): the block-by-block densification
     * behind the default sparse prediction of dense models.
     */
    public Matrix toDense(int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IndexOutOfBoundsException("SparseMatrix.toDense: rows " + from + ".." + to + " of a " + rows
                    + "x" + cols + " sparse matrix");
        }
        int m = to - from;
        Matrix d = Matrix.zeros(m, cols);
        for (int i = from; i < to; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                d.data[i - from + colIdx[k] * m] = values[k];
            }
        }
        return d;
    }

    /** The dense equivalent. */
    public Matrix toDense() {
        Matrix d = Matrix.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                d.data[i + colIdx[k] * rows] = values[k];
            }
        }
        return d;
    }

    /** The transpose, in CSR form (columns of this matrix become sorted rows). */
    public SparseMatrix transpose() {
        int nnz = values.length;
        int[] ptr = new int[cols + 1];
        for (int k = 0; k < nnz; k++) {
            ptr[colIdx[k] + 1]++;
        }
        for (int c = 0; c < cols; c++) {
            ptr[c + 1] += ptr[c];
        }
        int[] next = Arrays.copyOf(ptr, cols);
        int[] ci = new int[nnz];
        double[] vals = new double[nnz];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int q = next[colIdx[k]]++;
                ci[q] = i;
                vals[q] = values[k];
            }
        }
        return new SparseMatrix(cols, rows, ptr, ci, vals);
    }

    // ---------------------------------------------------------------- products

    /** {@code A x}. */
    public double[] mvmul(double[] x) {
        if (x.length != cols) {
            throw new IllegalArgumentException("SparseMatrix.mvmul: vector has length " + x.length
                    + " but the matrix is " + rows + "x" + cols + " (needs " + cols + ")");
        }
        double[] y = new double[rows];
        forRowBlocks((from, to) -> {
            for (int i = from; i < to; i++) {
                double s = 0;
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    s += values[k] * x[colIdx[k]];
                }
                y[i] = s;
            }
        });
        return y;
    }

    /** {@code A' x} without forming the transpose (sequential scatter). */
    public double[] tmvmul(double[] x) {
        if (x.length != rows) {
            throw new IllegalArgumentException("SparseMatrix.tmvmul: vector has length " + x.length
                    + " but the matrix is " + rows + "x" + cols + " (needs " + rows + ")");
        }
        double[] y = new double[cols];
        for (int i = 0; i < rows; i++) {
            double xi = x[i];
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                y[colIdx[k]] += values[k] * xi;
            }
        }
        return y;
    }

    /** The sparse-dense product {@code A B}, a dense {@code rows x b.cols()} matrix. */
    public Matrix mmul(Matrix b) {
        if (b.rows() != cols) {
            throw new IllegalArgumentException("SparseMatrix.mmul: inner dimensions differ: A is " + rows + "x"
                    + cols + ", B is " + b.rows() + "x" + b.cols());
        }
        int p = b.cols();
        Matrix c = Matrix.zeros(rows, p);
        double[] bd = b.data;
        int bo = b.offset;
        int bl = b.ld;
        double[] cd = c.data;
        forRowBlocks((from, to) -> {
            for (int col = 0; col < p; col++) {
                int bs = bo + col * bl;
                int cs = col * rows;
                for (int i = from; i < to; i++) {
                    double s = 0;
                    for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                        s += values[k] * bd[bs + colIdx[k]];
                    }
                    cd[cs + i] = s;
                }
            }
        });
        return c;
    }

    /** {@code A' B} without forming the transpose, a dense {@code cols x b.cols()} matrix (sequential). */
    public Matrix tmmul(Matrix b) {
        if (b.rows() != rows) {
            throw new IllegalArgumentException("SparseMatrix.tmmul: inner dimensions differ: A' of " + rows + "x"
                    + cols + " needs B with " + rows + " rows, B is " + b.rows() + "x" + b.cols());
        }
        int p = b.cols();
        Matrix c = Matrix.zeros(cols, p);
        for (int col = 0; col < p; col++) {
            int bs = b.offset + col * b.ld;
            int cs = col * cols;
            for (int i = 0; i < rows; i++) {
                double bi = b.data[bs + i];
                if (bi == 0) {
                    continue;
                }
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    c.data[cs + colIdx[k]] += values[k] * bi;
                }
            }
        }
        return c;
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over all rows: directly when small or single-threaded, otherwise over blocks of
     * rows with about {@link #GRAIN_NNZ} stored entries each in {@link Parallelism#pool()}. The body must
     * write only to its own rows, which makes the result independent of the split.
     */
    private void forRowBlocks(RowRange body) {
        int nnz = values.length;
        if (nnz < PARALLEL_NNZ || Parallelism.threads() == 1 || rows < 2) {
            body.run(0, rows);
            return;
        }
        RecursiveAction task = new RowTask(body, 0, rows);
        if (ForkJoinTask.inForkJoinPool()) {
            task.invoke();
        } else {
            Parallelism.pool().invoke(task);
        }
    }

    private final class RowTask extends RecursiveAction {
        private final RowRange body;
        private final int from;
        private final int to;

        RowTask(RowRange body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from < 2 || rowPtr[to] - rowPtr[from] <= GRAIN_NNZ) {
                body.run(from, to);
                return;
            }
            // split where half of this block's entries lie
            int target = rowPtr[from] + (rowPtr[to] - rowPtr[from]) / 2;
            int mid = Arrays.binarySearch(rowPtr, from, to + 1, target);
            mid = mid >= 0 ? mid : -mid - 1;
            mid = Math.max(from + 1, Math.min(to - 1, mid));
            invokeAll(new RowTask(body, from, mid), new RowTask(body, mid, to));
        }
    }

    @Override
    public String toString() {
        return "SparseMatrix " + rows + "x" + cols + " (" + values.length + " stored entries)";
    }
}
