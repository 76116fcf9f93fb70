package dev.derive.linalg;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * A dense matrix of doubles stored column-major in a {@code double[]}: element {@code (i, j)} lives at
 * {@code data[offset + i + j * ld]}, the layout BLAS and LAPACK use, so products and decompositions run
 * on the array in place.
 *
 * <p>{@link #column(int)}, {@link #row(int)} and {@link #block(int, int, int, int)} are <em>views</em>:
 * they share storage with this matrix, and writes through either are seen by both. Every other operation
 * that returns a matrix returns a new one, except the in-place methods whose names end in {@code i}
 * ({@link #addi}, {@link #subi}, {@link #muli}, {@link #divi}, {@link #scalei}, {@link #mapi}), which
 * modify this matrix and return it. Vectors are plain {@code double[]}.
 *
 * <p>Products use OpenBLAS ({@code dgemm}, {@code dgemv}, {@code dsyrk}) above a small size and a plain
 * Java loop below it, where the call overhead would dominate. A matrix is not thread-safe for writes;
 * concurrent reads are safe.
 */
public final class Matrix {

    /** Below this many multiply-adds a product runs in Java rather than through BLAS. */
    private static final long SMALL_PRODUCT = 32L * 32 * 32;

    final double[] data;
    final int offset;
    final int ld;
    private final int rows;
    private final int cols;

    Matrix(double[] data, int offset, int ld, int rows, int cols) {
        this.data = data;
        this.offset = offset;
        this.ld = ld;
        this.rows = rows;
        this.cols = cols;
    }

    private Matrix(int rows, int cols) {
        this(new double[checkedSize(rows, cols)], 0, Math.max(1, rows), rows, cols);
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix dimensions must be >= 0, got " + rows + "x" + cols);
        }
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " has " + n
                    + " elements, more than a Java array can hold (" + (Integer.MAX_VALUE - 8) + ")");
        }
        return (int) n;
    }

    // ---------------------------------------------------------------- factories

    /** A {@code rows x cols} matrix of zeros. */
    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols);
    }

    /** A {@code rows x cols} matrix with every entry equal to {@code value}. */
    public static Matrix constant(int rows, int cols, double value) {
        Matrix m = new Matrix(rows, cols);
        Arrays.fill(m.data, value);
        return m;
    }

    /** The {@code n x n} identity matrix. */
    public static Matrix identity(int n) {
        Matrix m = new Matrix(n, n);
        for (int i = 0; i < n; i++) {
            m.data[i + i * n] = 1;
        }
        return m;
    }

    /** A square matrix with {@code d} on its diagonal. */
    public static Matrix diag(double... d) {
        int n = d.length;
        Matrix m = new Matrix(n, n);
        for (int i = 0; i < n; i++) {
            m.data[i + i * n] = d[i];
        }
        return m;
    }

    /**
     * A matrix from row arrays ({@code rows[i][j]} is element {@code (i, j)}); copies. All rows must have
     * the same length.
     */
    public static Matrix of(double[]... rowArrays) {
        int r = rowArrays.length;
        int c = r == 0 ? 0 : rowArrays[0].length;
        Matrix m = new Matrix(r, c);
        for (int i = 0; i < r; i++) {
            if (rowArrays[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowArrays[i].length
                        + " entries but row 0 has " + c + "; rows must have equal length");
            }
            for (int j = 0; j < c; j++) {
                m.data[i + j * r] = rowArrays[i][j];
            }
        }
        return m;
    }

    /**
     * Wraps a column-major array without copying: the matrix and the array share storage.
     *
     * @throws IllegalArgumentException if {@code data.length != rows * cols}
     */
    public static Matrix wrap(int rows, int cols, double[] columnMajor) {
        if ((long) rows * cols != columnMajor.length) {
            throw new IllegalArgumentException("array of length " + columnMajor.length + " cannot hold a "
                    + rows + "x" + cols + " matrix (needs " + (long) rows * cols + ")");
        }
        checkedSize(rows, cols);
        return new Matrix(columnMajor, 0, Math.max(1, rows), rows, cols);
    }

    /** A copy of a column-major array as a {@code rows x cols} matrix. */
    public static Matrix fromColumnMajor(int rows, int cols, double[] columnMajor) {
        return wrap(rows, cols, columnMajor.clone());
    }

    /** A copy of a row-major array ({@code a[i * cols + j]} is element {@code (i, j)}). */
    public static Matrix fromRowMajor(int rows, int cols, double[] rowMajor) {
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("array of length " + rowMajor.length + " cannot hold a "
                    + rows + "x" + cols + " matrix (needs " + (long) rows * cols + ")");
        }
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.data[i + j * rows] = rowMajor[i * cols + j];
            }
        }
        return m;
    }

    /** A column vector ({@code n x 1}) holding a copy of {@code v}. */
    public static Matrix columnVector(double... v) {
        return wrap(v.length, 1, v.clone());
    }

    /** A row vector ({@code 1 x n}) holding a copy of {@code v}. */
    public static Matrix rowVector(double... v) {
        return wrap(1, v.length, v.clone());
    }

    /** A matrix of independent uniform draws from [0, 1). */
    public static Matrix random(int rows, int cols, RandomGenerator rng) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextDouble();
        }
        return m;
    }

    /** A matrix of independent standard normal draws. */
    public static Matrix randn(int rows, int cols, RandomGenerator rng) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = rng.nextGaussian();
        }
        return m;
    }

    // ---------------------------------------------------------------- shape and access

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** Number of entries, {@code rows * cols}. */
    public int size() {
        return rows * cols;
    }

    /** True when the matrix is square. */
    public boolean isSquare() {
        return rows == cols;
    }

    /** True when the entries occupy one unbroken stretch of the backing array (no gaps between columns). */
    public boolean isContiguous() {
        return ld == rows || cols <= 1 || rows == 0;
    }

    /** Element {@code (i, j)}. */
    public double get(int i, int j) {
        checkIndex(i, j);
        return data[offset + i + j * ld];
    }

    /** Sets element {@code (i, j)}. */
    public void set(int i, int j, double value) {
        checkIndex(i, j);
        data[offset + i + j * ld] = value;
    }

    /** Adds {@code value} to element {@code (i, j)}. */
    public void add(int i, int j, double value) {
        checkIndex(i, j);
        data[offset + i + j * ld] += value;
    }

    private void checkIndex(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("index (" + i + ", " + j + ") is outside a " + rows + "x"
                    + cols + " matrix");
        }
    }

    /** A view of column {@code j} as a {@code rows x 1} matrix (shares storage). */
    public Matrix column(int j) {
        return block(0, j, rows, 1);
    }

    /** A view of row {@code i} as a {@code 1 x cols} matrix (shares storage). */
    public Matrix row(int i) {
        return block(i, 0, 1, cols);
    }

    /** A view of the {@code nRows x nCols} block whose top-left corner is {@code (i0, j0)} (shares storage). */
    public Matrix block(int i0, int j0, int nRows, int nCols) {
        if (i0 < 0 || j0 < 0 || nRows < 0 || nCols < 0 || i0 + nRows > rows || j0 + nCols > cols) {
            throw new IndexOutOfBoundsException("block at (" + i0 + ", " + j0 + ") of size " + nRows + "x"
                    + nCols + " does not fit in a " + rows + "x" + cols + " matrix");
        }
        return new Matrix(data, offset + i0 + j0 * ld, ld, nRows, nCols);
    }

    /** A copy of column {@code j}. */
    public double[] columnArray(int j) {
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " of a " + rows + "x" + cols + " matrix");
        }
        if (rows == 0) {
            return new double[0];
        }
        int s = offset + j * ld;
        return Arrays.copyOfRange(data, s, s + rows);
    }

    /** Copies entries {@code (i0 .. i0 + len - 1, j)} of column {@code j} into {@code dst[off ..]}. */
    public void copyColumn(int j, int i0, double[] dst, int off, int len) {
        if (j < 0 || j >= cols || i0 < 0 || len < 0 || i0 + len > rows) {
            throw new IndexOutOfBoundsException("rows " + i0 + ".." + (i0 + len) + " of column " + j + " of a " + rows + "x"
                    + cols + " matrix");
        }
        System.arraycopy(data, offset + i0 + j * ld, dst, off, len);
    }

    /** A copy of row {@code i}. */
    public double[] rowArray(int i) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " of a " + rows + "x" + cols + " matrix");
        }
        double[] r = new double[cols];
        for (int j = 0; j < cols; j++) {
            r[j] = data[offset + i + j * ld];
        }
        return r;
    }

    /** A copy of the main diagonal (length {@code min(rows, cols)}). */
    public double[] diagonal() {
        int n = Math.min(rows, cols);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = data[offset + i + i * ld];
        }
        return d;
    }

    /** A contiguous copy of this matrix. */
    public Matrix copy() {
        return wrap(rows, cols, toArray());
    }

    /** The entries in column-major order (a new array). */
    public double[] toArray() {
        if (rows == 0 || cols == 0) {
            return new double[0];
        }
        if (isContiguous()) {
            return Arrays.copyOfRange(data, offset, offset + rows * cols);
        }
        double[] a = new double[rows * cols];
        for (int j = 0; j < cols; j++) {
            System.arraycopy(data, offset + j * ld, a, j * rows, rows);
        }
        return a;
    }

    /** The entries as row arrays ({@code result[i][j]} is element {@code (i, j)}). */
    public double[][] toRowArrays() {
        double[][] r = new double[rows][cols];
        for (int j = 0; j < cols; j++) {
            int s = offset + j * ld;
            for (int i = 0; i < rows; i++) {
                r[i][j] = data[s + i];
            }
        }
        return r;
    }

    /**
     * The entries in column-major order without a copy when possible: the backing array itself when it holds
     * exactly this matrix (no offset, no gaps, no extra length), else a copy as {@link #toArray()}. For readers
     * of large matrices (a forest's training data): the result must be treated as read-only.
     */
    public double[] columnMajorView() {
        return contiguousData();
    }

    /** The backing array if it holds exactly this matrix column-major with no offset; otherwise a copy. */
    double[] contiguousData() {
        if (offset == 0 && isContiguous() && data.length == rows * cols) {
            return data;
        }
        return toArray();
    }

    /** Copies the entries of {@code src} (same shape) into this matrix; returns this. */
    public Matrix assign(Matrix src) {
        sameShape(src, "assign");
        for (int j = 0; j < cols && rows > 0; j++) {
            System.arraycopy(src.data, src.offset + j * src.ld, data, offset + j * ld, rows);
        }
        return this;
    }

    /** Sets every entry to {@code value}; returns this. */
    public Matrix fill(double value) {
        for (int j = 0; j < cols && rows > 0; j++) {
            int s = offset + j * ld;
            Arrays.fill(data, s, s + rows, value);
        }
        return this;
    }

    // ---------------------------------------------------------------- element-wise

    private void sameShape(Matrix b, String op) {
        if (b.rows != rows || b.cols != cols) {
            throw new IllegalArgumentException(op + ": shapes differ: " + rows + "x" + cols + " and "
                    + b.rows + "x" + b.cols);
        }
    }

    /** Applies {@code f(this[i,j], b[i,j])} into {@code out} (which may be this or b). */
    private Matrix zip(Matrix b, Matrix out, DoubleBinaryOperator f, String op) {
        sameShape(b, op);
        for (int j = 0; j < cols; j++) {
            int sa = offset + j * ld;
            int sb = b.offset + j * b.ld;
            int so = out.offset + j * out.ld;
            for (int i = 0; i < rows; i++) {
                out.data[so + i] = f.applyAsDouble(data[sa + i], b.data[sb + i]);
            }
        }
        return out;
    }

    /** {@code this + b}. */
    public Matrix add(Matrix b) {
        return zip(b, zeros(rows, cols), Double::sum, "add");
    }

    /** {@code this - b}. */
    public Matrix sub(Matrix b) {
        return zip(b, zeros(rows, cols), (x, y) -> x - y, "sub");
    }

    /** Element-wise (Hadamard) product. */
    public Matrix mul(Matrix b) {
        return zip(b, zeros(rows, cols), (x, y) -> x * y, "mul");
    }

    /** Element-wise quotient. */
    public Matrix div(Matrix b) {
        return zip(b, zeros(rows, cols), (x, y) -> x / y, "div");
    }

    /** {@code this + c} for a scalar {@code c}. */
    public Matrix add(double c) {
        return map(x -> x + c);
    }

    /** {@code c * this}. */
    public Matrix scale(double c) {
        return map(x -> x * c);
    }

    /** {@code -this}. */
    public Matrix negate() {
        return map(x -> -x);
    }

    /** {@code f} applied to every entry. */
    public Matrix map(DoubleUnaryOperator f) {
        return copy().mapi(f);
    }

    /** In place: {@code this += b}; returns this. */
    public Matrix addi(Matrix b) {
        return zip(b, this, Double::sum, "addi");
    }

    /** In place: {@code this += alpha * b}; returns this. */
    public Matrix addi(double alpha, Matrix b) {
        return zip(b, this, (x, y) -> x + alpha * y, "addi");
    }

    /** In place: {@code this -= b}; returns this. */
    public Matrix subi(Matrix b) {
        return zip(b, this, (x, y) -> x - y, "subi");
    }

    /** In place element-wise product; returns this. */
    public Matrix muli(Matrix b) {
        return zip(b, this, (x, y) -> x * y, "muli");
    }

    /** In place element-wise quotient; returns this. */
    public Matrix divi(Matrix b) {
        return zip(b, this, (x, y) -> x / y, "divi");
    }

    /** In place: {@code this *= c}; returns this. */
    public Matrix scalei(double c) {
        return mapi(x -> x * c);
    }

    /** In place: applies {@code f} to every entry; returns this. */
    public Matrix mapi(DoubleUnaryOperator f) {
        for (int j = 0; j < cols; j++) {
            int s = offset + j * ld;
            for (int i = 0; i < rows; i++) {
                data[s + i] = f.applyAsDouble(data[s + i]);
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- broadcasting

    private Matrix broadcastRow(double[] v, DoubleBinaryOperator f, String op) {
        if (v.length != cols) {
            throw new IllegalArgumentException(op + ": row vector has length " + v.length + " but the matrix is "
                    + rows + "x" + cols + " (needs " + cols + ")");
        }
        Matrix out = zeros(rows, cols);
        for (int j = 0; j < cols; j++) {
            int s = offset + j * ld;
            int so = j * rows;
            double vj = v[j];
            for (int i = 0; i < rows; i++) {
                out.data[so + i] = f.applyAsDouble(data[s + i], vj);
            }
        }
        return out;
    }

    private Matrix broadcastColumn(double[] v, DoubleBinaryOperator f, String op) {
        if (v.length != rows) {
            throw new IllegalArgumentException(op + ": column vector has length " + v.length
                    + " but the matrix is " + rows + "x" + cols + " (needs " + rows + ")");
        }
        Matrix out = zeros(rows, cols);
        for (int j = 0; j < cols; j++) {
            int s = offset + j * ld;
            int so = j * rows;
            for (int i = 0; i < rows; i++) {
                out.data[so + i] = f.applyAsDouble(data[s + i], v[i]);
            }
        }
        return out;
    }

    /** Adds {@code v[j]} to every entry of column {@code j} (a {@code 1 x cols} row broadcast down the rows). */
    public Matrix addRowVector(double[] v) {
        return broadcastRow(v, Double::sum, "addRowVector");
    }

    /** Subtracts {@code v[j]} from every entry of column {@code j}. */
    public Matrix subRowVector(double[] v) {
        return broadcastRow(v, (x, y) -> x - y, "subRowVector");
    }

    /** Multiplies column {@code j} by {@code v[j]}, i.e. {@code this * diag(v)}. */
    public Matrix mulRowVector(double[] v) {
        return broadcastRow(v, (x, y) -> x * y, "mulRowVector");
    }

    /** Divides column {@code j} by {@code v[j]}. */
    public Matrix divRowVector(double[] v) {
        return broadcastRow(v, (x, y) -> x / y, "divRowVector");
    }

    /** Adds {@code v[i]} to every entry of row {@code i}. */
    public Matrix addColumnVector(double[] v) {
        return broadcastColumn(v, Double::sum, "addColumnVector");
    }

    /** Subtracts {@code v[i]} from every entry of row {@code i}. */
    public Matrix subColumnVector(double[] v) {
        return broadcastColumn(v, (x, y) -> x - y, "subColumnVector");
    }

    /** Multiplies row {@code i} by {@code v[i]}, i.e. {@code diag(v) * this}. */
    public Matrix mulColumnVector(double[] v) {
        return broadcastColumn(v, (x, y) -> x * y, "mulColumnVector");
    }

    /** Divides row {@code i} by {@code v[i]}. */
    public Matrix divColumnVector(double[] v) {
        return broadcastColumn(v, (x, y) -> x / y, "divColumnVector");
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all entries. */
    public double sum() {
        double s = 0;
        for (int j = 0; j < cols; j++) {
            int b = offset + j * ld;
            for (int i = 0; i < rows; i++) {
                s += data[b + i];
            }
        }
        return s;
    }

    /** The sum of each column (length {@code cols}). */
    public double[] columnSums() {
        double[] s = new double[cols];
        for (int j = 0; j < cols; j++) {
            int b = offset + j * ld;
            double t = 0;
            for (int i = 0; i < rows; i++) {
                t += data[b + i];
            }
            s[j] = t;
        }
        return s;
    }

    /** The mean of each column (length {@code cols}). */
    public double[] columnMeans() {
        double[] s = columnSums();
        for (int j = 0; j < cols; j++) {
            s[j] /= rows;
        }
        return s;
    }

    /** The sum of each row (length {@code rows}). */
    public double[] rowSums() {
        double[] s = new double[rows];
        for (int j = 0; j < cols; j++) {
            int b = offset + j * ld;
            for (int i = 0; i < rows; i++) {
                s[i] += data[b + i];
            }
        }
        return s;
    }

    /** The mean of each row (length {@code rows}). */
    public double[] rowMeans() {
        double[] s = rowSums();
        for (int i = 0; i < rows; i++) {
            s[i] /= cols;
        }
        return s;
    }

    /** The smallest entry (NaN if any entry is NaN). */
    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                m = Math.min(m, data[offset + i + j * ld]);
            }
        }
        return m;
    }

    /** The largest entry (NaN if any entry is NaN). */
    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                m = Math.max(m, data[offset + i + j * ld]);
            }
        }
        return m;
    }

    /**
     * The column index of the largest entry of each row (the first one on ties; a row with NaN gives the
     * first maximum among its non-NaN entries): turns class probabilities into class labels.
     */
    public int[] rowArgmax() {
        int[] out = new int[rows];
        double[] best = new double[rows];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < cols; j++) {
            int s = offset + j * ld;
            for (int i = 0; i < rows; i++) {
                if (data[s + i] > best[i]) {
                    best[i] = data[s + i];
                    out[i] = j;
                }
            }
        }
        return out;
    }

    /** The trace, the sum of the diagonal of a square matrix. */
    public double trace() {
        Checks.square(this, "trace");
        double t = 0;
        for (int i = 0; i < rows; i++) {
            t += data[offset + i + i * ld];
        }
        return t;
    }

    /** The Frobenius norm {@code sqrt(sum a_ij^2)}, computed with scaling so it neither overflows nor underflows. */
    public double normFrobenius() {
        double scale = 0;
        double ssq = 1;
        for (int j = 0; j < cols; j++) {
            int b = offset + j * ld;
            for (int i = 0; i < rows; i++) {
                double v = data[b + i];
                if (v != 0) {
                    double a = Math.abs(v);
                    if (scale < a) {
                        ssq = 1 + ssq * (scale / a) * (scale / a);
                        scale = a;
                    } else {
                        ssq += (a / scale) * (a / scale);
                    }
                }
            }
        }
        return scale * Math.sqrt(ssq);
    }

    /** The induced 1-norm: the largest absolute column sum. */
    public double norm1() {
        double m = 0;
        for (int j = 0; j < cols; j++) {
            int b = offset + j * ld;
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += Math.abs(data[b + i]);
            }
            m = Math.max(m, s);
        }
        return m;
    }

    /** The induced infinity-norm: the largest absolute row sum. */
    public double normInf() {
        double[] s = new double[rows];
        for (int j = 0; j < cols; j++) {
            int b = offset + j * ld;
            for (int i = 0; i < rows; i++) {
                s[i] += Math.abs(data[b + i]);
            }
        }
        double m = 0;
        for (double v : s) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** The largest absolute entry (the max norm). */
    public double normMax() {
        double m = 0;
        for (int j = 0; j < cols; j++) {
            m = maxAbs(data, offset + j * ld, rows, m);
        }
        return m;
    }

    /*
     * The column loops of the checks below are methods of their own: called once per column, they are compiled by
     * the JIT after a few columns, whereas a loop nest in one method runs in the interpreter until the whole method
     * is compiled on the stack (cold validation of a 200 x 200 matrix: a few ms interpreted).
     */

    /** {@code max(m, |x[off + i]|)} over {@code i < len}. */
    static double maxAbs(double[] x, int off, int len, double m) {
        for (int i = 0; i < len; i++) {
            m = Math.max(m, Math.abs(x[off + i]));
        }
        return m;
    }

    /** The first {@code i < len} with {@code x[off + i]} NaN or infinite, or -1. */
    static int firstNonFinite(double[] x, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (!Double.isFinite(x[off + i])) {
                return i;
            }
        }
        return -1;
    }

    /** True if every entry is finite (no NaN, no infinity). */
    public boolean isFinite() {
        for (int j = 0; j < cols; j++) {
            if (firstNonFinite(data, offset + j * ld, rows) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** True if the matrix is square and {@code |a_ij - a_ji| <= tol * max|a|} for all entries. */
    public boolean isSymmetric(double tol) {
        if (rows != cols) {
            return false;
        }
        double bound = tol * normMax();
        for (int j = 0; j < cols; j++) {
            for (int i = j + 1; i < rows; i++) {
                if (Math.abs(data[offset + i + j * ld] - data[offset + j + i * ld]) > bound) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The largest absolute difference between corresponding entries of two matrices of the same shape. */
    public double maxAbsDiff(Matrix b) {
        sameShape(b, "maxAbsDiff");
        double m = 0;
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                double d = Math.abs(data[offset + i + j * ld] - b.data[b.offset + i + j * b.ld]);
                if (Double.isNaN(d)) {
                    return Double.NaN;
                }
                m = Math.max(m, d);
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- products

    /** The transpose (a new matrix). */
    public Matrix transpose() {
        Matrix t = zeros(cols, rows);
        final int blockSize = 64;
        for (int jb = 0; jb < cols; jb += blockSize) {
            int jEnd = Math.min(cols, jb + blockSize);
            for (int ib = 0; ib < rows; ib += blockSize) {
                int iEnd = Math.min(rows, ib + blockSize);
                for (int j = jb; j < jEnd; j++) {
                    columnToRow(data, offset + j * ld, ib, iEnd, t.data, j, cols);
                }
            }
        }
        return t;
    }

    /** {@code dst[row + i * ldDst] = src[off + i]} for {@code from <= i < to} (a method of its own: see {@link #maxAbs}). */
    private static void columnToRow(double[] src, int off, int from, int to, double[] dst, int row, int ldDst) {
        for (int i = from; i < to; i++) {
            dst[row + i * ldDst] = src[off + i];
        }
    }

    /** The matrix product {@code this * b} (BLAS {@code dgemm}). */
    public Matrix mmul(Matrix b) {
        return gemm(1, this, false, b, false);
    }

    /** {@code this' * b} without forming the transpose. */
    public Matrix tmmul(Matrix b) {
        return gemm(1, this, true, b, false);
    }

    /** {@code this * b'} without forming the transpose. */
    public Matrix mmult(Matrix b) {
        return gemm(1, this, false, b, true);
    }

    /** The Gram matrix {@code this' * this} ({@code cols x cols}, symmetric; BLAS {@code dsyrk}). */
    public Matrix gram() {
        Matrix g = zeros(cols, cols);
        if ((long) rows * cols * cols < SMALL_PRODUCT) {
            for (int j = 0; j < cols; j++) {
                for (int k = 0; k <= j; k++) {
                    double s = 0;
                    int bj = offset + j * ld;
                    int bk = offset + k * ld;
                    for (int i = 0; i < rows; i++) {
                        s += data[bj + i] * data[bk + i];
                    }
                    g.data[j + k * cols] = s;
                }
            }
        } else {
            Blas.dsyrkLower(true, cols, rows, 1, data, offset, ld, 0, g.data, 0, Math.max(1, cols));
        }
        for (int j = 0; j < cols; j++) {
            columnToRow(g.data, j * cols, j + 1, cols, g.data, j, cols); // mirror the lower triangle
        }
        return g;
    }

    /** {@code alpha * op(a) * op(b)} as a new matrix. */
    public static Matrix gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb) {
            throw new IllegalArgumentException("matrix product: inner dimensions differ: "
                    + (transA ? "A' of " : "A is ") + a.rows + "x" + a.cols + ", "
                    + (transB ? "B' of " : "B is ") + b.rows + "x" + b.cols);
        }
        Matrix c = zeros(m, n);
        gemm(alpha, a, transA, b, transB, 0, c);
        return c;
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, in place in {@code c} (which may be a view). The general
     * BLAS-3 product.
     */
    public static void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta, Matrix c) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int kb = transB ? b.cols : b.rows;
        int n = transB ? b.rows : b.cols;
        if (k != kb || c.rows != m || c.cols != n) {
            throw new IllegalArgumentException("gemm: shapes do not conform: op(A) is " + m + "x" + k
                    + ", op(B) is " + kb + "x" + n + ", C is " + c.rows + "x" + c.cols);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            c.scalei(beta);
            return;
        }
        if ((long) m * n * k < SMALL_PRODUCT) {
            smallGemm(alpha, a, transA, b, transB, beta, c, m, n, k);
        } else {
            Blas.dgemm(transA, transB, m, n, k, alpha, a.data, a.offset, a.ld, b.data, b.offset, b.ld,
                    beta, c.data, c.offset, c.ld);
        }
    }

    private static void smallGemm(double alpha, Matrix a, boolean ta, Matrix b, boolean tb, double beta,
                                  Matrix c, int m, int n, int k) {
        double[] col = new double[m];
        for (int j = 0; j < n; j++) {
            Arrays.fill(col, 0);
            for (int p = 0; p < k; p++) {
                double bpj = tb ? b.data[b.offset + j + p * b.ld] : b.data[b.offset + p + j * b.ld];
                if (bpj == 0) {
                    continue;
                }
                if (ta) {
                    for (int i = 0; i < m; i++) {
                        col[i] += a.data[a.offset + p + i * a.ld] * bpj;
                    }
                } else {
                    int s = a.offset + p * a.ld;
                    for (int i = 0; i < m; i++) {
                        col[i] += a.data[s + i] * bpj;
                    }
                }
            }
            int sc = c.offset + j * c.ld;
            for (int i = 0; i < m; i++) {
                c.data[sc + i] = alpha * col[i] + (beta == 0 ? 0 : beta * c.data[sc + i]);
            }
        }
    }

    /** The matrix-vector product {@code this * x} (BLAS {@code dgemv}). */
    public double[] mvmul(double[] x) {
        return gemv(false, x);
    }

    /** {@code this' * x} without forming the transpose. */
    public double[] tmvmul(double[] x) {
        return gemv(true, x);
    }

    private double[] gemv(boolean trans, double[] x) {
        int need = trans ? rows : cols;
        if (x.length != need) {
            throw new IllegalArgumentException((trans ? "tmvmul" : "mvmul") + ": vector has length " + x.length
                    + " but the matrix is " + rows + "x" + cols + " (needs " + need + ")");
        }
        double[] y = new double[trans ? cols : rows];
        if (rows == 0 || cols == 0) {
            return y;
        }
        if ((long) rows * cols < 16384) {
            for (int j = 0; j < cols; j++) {
                int s = offset + j * ld;
                if (trans) {
                    double t = 0;
                    for (int i = 0; i < rows; i++) {
                        t += data[s + i] * x[i];
                    }
                    y[j] = t;
                } else {
                    double xj = x[j];
                    for (int i = 0; i < rows; i++) {
                        y[i] += data[s + i] * xj;
                    }
                }
            }
        } else {
            Blas.dgemv(trans, rows, cols, 1, data, offset, ld, x, 0, 0, y, 0);
        }
        return y;
    }

    // ---------------------------------------------------------------- text

    /**
     * A readable rendering: the shape, then the rows with aligned columns; large matrices show their
     * first and last rows and columns with ellipses.
     */
    @Override
    public String toString() {
        final int maxShow = 8;
        int[] ri = shown(rows, maxShow);
        int[] ci = shown(cols, maxShow);
        String[][] cells = new String[ri.length][ci.length];
        int[] width = new int[ci.length];
        for (int a = 0; a < ri.length; a++) {
            for (int b = 0; b < ci.length; b++) {
                String s = ri[a] < 0 || ci[b] < 0 ? "..." : format(data[offset + ri[a] + ci[b] * ld]);
                cells[a][b] = s;
                width[b] = Math.max(width[b], s.length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(rows).append('x').append(cols).append(" matrix");
        for (int a = 0; a < ri.length; a++) {
            sb.append('\n');
            for (int b = 0; b < ci.length; b++) {
                sb.append("  ");
                String s = cells[a][b];
                sb.append(" ".repeat(width[b] - s.length())).append(s);
            }
        }
        return sb.toString();
    }

    private static int[] shown(int n, int max) {
        if (n <= max) {
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = i;
            }
            return r;
        }
        int half = max / 2;
        int[] r = new int[max + 1];
        for (int i = 0; i < half; i++) {
            r[i] = i;
            r[max - i] = n - 1 - i;
        }
        r[half] = -1;
        return r;
    }

    private static String format(double v) {
        if (v == 0) {
            return "0";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e") || s.contains("E")) {
            return s;
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s;
    }
}
