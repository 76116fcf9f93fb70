package dev.derive.data.io;

import dev.derive.linalg.Matrix;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes numpy's {@code .npy} format (format versions 1.0, 2.0 and 3.0): the magic
 * {@code \x93NUMPY}, a version, a little-endian header length (2 bytes in 1.0, 4 bytes in 2.0/3.0), an
 * ASCII header holding a Python dict literal {@code {'descr': '<f8', 'fortran_order': False, 'shape':
 * (3, 4), }} padded to a multiple of 64 bytes, then the raw elements.
 *
 * <p>Supported element types: {@code f8}, {@code f4}, {@code i4}, {@code i8} in either byte order
 * ({@code <} little, {@code >} big endian) and {@code |b1}; C (row-major) and Fortran (column-major)
 * order; any number of dimensions. Anything else - object arrays ({@code |O}, which need pickle),
 * structured dtypes, strings, other widths - is refused with a message naming the dtype.
 *
 * <p>Reading is safe for untrusted input: the header length is limited to 10,000 bytes (numpy's own
 * default limit), the declared shape is checked against a caller-given maximum number of elements
 * before anything is allocated, and a file that ends early is an error. Writers produce version 1.0
 * (2.0 only when the header needs it), little endian; a {@link Matrix} is written in Fortran order, its
 * own column-major layout, so no transpose is needed either way.
 *
 * <pre>{@code
 * try (var out = Files.newOutputStream(p)) { Npy.write(out, matrix); }
 * Matrix back;
 * try (var in = Files.newInputStream(p)) { back = Npy.readMatrix(in, 10_000_000); }
 * }</pre>
 */
public final class Npy {

    /** Longest header accepted when reading, in bytes (numpy's default {@code max_header_size}). */
    public static final int MAX_HEADER_BYTES = 10_000;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /** The element types this class reads and writes. */
    public enum DType {
        /** 64-bit IEEE float ({@code f8}). */
        FLOAT64('f', 8),
        /** 32-bit IEEE float ({@code f4}). */
        FLOAT32('f', 4),
        /** 32-bit signed integer ({@code i4}). */
        INT32('i', 4),
        /** 64-bit signed integer ({@code i8}). */
        INT64('i', 8),
        /** Boolean, one byte ({@code b1}). */
        BOOL('b', 1);

        final char kind;
        final int size;

        DType(char kind, int size) {
            this.kind = kind;
            this.size = size;
        }

        /** Bytes per element. */
        public int itemSize() {
            return size;
        }
    }

    /**
     * An array read from an {@code .npy} file: its element type, shape and elements. The elements are a
     * {@code double[]} (f8), {@code float[]} (f4), {@code int[]} (i4), {@code long[]} (i8) or
     * {@code boolean[]} (b1), in the file's order ({@link #fortranOrder()}).
     */
    public static final class Array {
        private final DType dtype;
        private final int[] shape;
        private final boolean fortranOrder;
        private final Object data;

        Array(DType dtype, int[] shape, boolean fortranOrder, Object data) {
            this.dtype = dtype;
            this.shape = shape;
            this.fortranOrder = fortranOrder;
            this.data = data;
        }

        /** The element type. */
        public DType dtype() {
            return dtype;
        }

        /** The shape (a copy); empty for a 0-d array. */
        public int[] shape() {
            return shape.clone();
        }

        /** Number of dimensions. */
        public int ndim() {
            return shape.length;
        }

        /** Number of elements. */
        public int size() {
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }

        /** True when the elements are stored in Fortran (column-major) order. */
        public boolean fortranOrder() {
            return fortranOrder;
        }

        /** The element array in storage order (not a copy). */
        public Object data() {
            return data;
        }

        /** All elements as doubles in C (row-major) order; int64 values beyond 2^53 are rounded. */
        public double[] toDoubles() {
            int n = size();
            double[] out = new double[n];
            int[] perm = cOrderPermutation();
            for (int k = 0; k < n; k++) {
                out[k] = element(perm == null ? k : perm[k]);
            }
            return out;
        }

        /**
         * All elements as ints in C order. Integer and boolean arrays only; int64 values must fit in an
         * int.
         */
        public int[] toInts() {
            if (dtype == DType.FLOAT64 || dtype == DType.FLOAT32) {
                throw new IllegalArgumentException("cannot read a " + dtype + " array as int[]; use toDoubles()");
            }
            int n = size();
            int[] out = new int[n];
            int[] perm = cOrderPermutation();
            for (int k = 0; k < n; k++) {
                int s = perm == null ? k : perm[k];
                long v = switch (dtype) {
                    case INT32 -> ((int[]) data)[s];
                    case INT64 -> ((long[]) data)[s];
                    default -> ((boolean[]) data)[s] ? 1 : 0;
                };
                if (v != (int) v) {
                    throw new IllegalArgumentException("int64 element " + k + " = " + v + " does not fit in an int");
                }
                out[k] = (int) v;
            }
            return out;
        }

        /** A 2-D array as a matrix (a 1-D array of length n becomes an n x 1 column). */
        public Matrix toMatrix() {
            if (shape.length == 1) {
                return Matrix.wrap(shape[0], 1, toDoubles());
            }
            if (shape.length != 2) {
                throw new IllegalArgumentException("a matrix needs a 1-D or 2-D array, got shape " + Arrays.toString(shape));
            }
            int r = shape[0];
            int c = shape[1];
            int n = r * c;
            if (dtype == DType.FLOAT64) {  // one copy, not two: C order is transposed straight from the data
                double[] d = (double[]) data;
                return fortranOrder ? Matrix.wrap(r, c, d.clone()) : Matrix.fromRowMajor(r, c, d);
            }
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                v[k] = element(k);
            }
            return fortranOrder ? Matrix.wrap(r, c, v) : Matrix.fromRowMajor(r, c, v);
        }

        private double element(int k) {
            return switch (dtype) {
                case FLOAT64 -> ((double[]) data)[k];
                case FLOAT32 -> ((float[]) data)[k];
                case INT32 -> ((int[]) data)[k];
                case INT64 -> ((long[]) data)[k];
                case BOOL -> ((boolean[]) data)[k] ? 1 : 0;
            };
        }

        /** For Fortran-ordered arrays with 2+ dims: storage index of each C-order position; else null. */
        private int[] cOrderPermutation() {
            if (!fortranOrder || shape.length < 2) {
                return null;
            }
            int n = size();
            int d = shape.length;
            int[] fStride = new int[d];
            int s = 1;
            for (int a = 0; a < d; a++) {
                fStride[a] = s;
                s *= shape[a];
            }
            int[] perm = new int[n];
            int[] idx = new int[d];
            for (int k = 0; k < n; k++) {
                int off = 0;
                for (int a = 0; a < d; a++) {
                    off += idx[a] * fStride[a];
                }
                perm[k] = off;
                for (int a = d - 1; a >= 0; a--) {
                    if (++idx[a] < shape[a]) {
                        break;
                    }
                    idx[a] = 0;
                }
            }
            return perm;
        }
    }

    // ================================================================ reading

    /**
     * Reads one array. The stream is left just after the array's data (not closed).
     *
     * @param maxElements the largest number of elements the caller accepts; checked before allocating
     * @throws MalformedDataException on a bad magic, version, header, unsupported dtype, a shape over
     *                                {@code maxElements}, or a file that ends early
     */
    public static Array read(InputStream in, long maxElements) throws IOException {
        return read(in, maxElements, "<npy stream>");
    }

    /** As {@link #read(InputStream, long)}, naming the input {@code source} in error messages. */
    public static Array read(InputStream in, long maxElements, String source) throws IOException {
        byte[] pre = readFully(in, 8, source, "the magic string and version");
        for (int k = 0; k < MAGIC.length; k++) {
            if (pre[k] != MAGIC[k]) {
                throw bad(source, "not an .npy file: it does not start with \\x93NUMPY");
            }
        }
        int major = pre[6] & 0xff;
        int minor = pre[7] & 0xff;
        long headerLen;
        if (major == 1) {
            byte[] l = readFully(in, 2, source, "the header length");
            headerLen = (l[0] & 0xff) | (l[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] l = readFully(in, 4, source, "the header length");
            headerLen = (l[0] & 0xffL) | (l[1] & 0xffL) << 8 | (l[2] & 0xffL) << 16 | (l[3] & 0xffL) << 24;
        } else {
            throw bad(source, "unsupported .npy format version " + major + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        if (headerLen > MAX_HEADER_BYTES) {
            throw bad(source, "header of " + headerLen + " bytes exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        String header = new String(readFully(in, (int) headerLen, source, "the header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = parseHeader(header, source);
        long n = 1;
        for (long s : h.shape) {
            n *= s;
            if (n > maxElements || n > Integer.MAX_VALUE - 8) {
                throw bad(source, "shape " + shapeString(h.shape) + " holds more elements than the allowed maximum of "
                        + Math.min(maxElements, Integer.MAX_VALUE - 8));
            }
        }
        int count = (int) n;
        int[] shape = new int[h.shape.length];
        for (int a = 0; a < shape.length; a++) {
            shape[a] = (int) h.shape[a];
        }
        Object data = readData(in, h.dtype, h.order, count, source);
        return new Array(h.dtype, shape, h.fortran, data);
    }

    /** Reads a 1-D array (any supported dtype) as doubles. */
    public static double[] readDoubles(InputStream in, long maxElements) throws IOException {
        Array a = read(in, maxElements);
        requireDims(a, 1);
        return a.toDoubles();
    }

    /** Reads a 1-D integer or boolean array as ints. */
    public static int[] readInts(InputStream in, long maxElements) throws IOException {
        Array a = read(in, maxElements);
        requireDims(a, 1);
        return a.toInts();
    }

    /** Reads a 2-D array (any supported dtype, C or Fortran order) as a matrix. */
    public static Matrix readMatrix(InputStream in, long maxElements) throws IOException {
        Array a = read(in, maxElements);
        requireDims(a, 2);
        if (a.dtype == DType.FLOAT64 && a.fortranOrder) {  // the array is private here: take its data, no copy
            return Matrix.wrap(a.shape[0], a.shape[1], (double[]) a.data);
        }
        return a.toMatrix();
    }

    private static void requireDims(Array a, int d) {
        if (a.ndim() != d) {
            throw new IllegalArgumentException("expected a " + d + "-D array, got shape " + Arrays.toString(a.shape));
        }
    }

    private record Header(DType dtype, ByteOrder order, boolean fortran, long[] shape) {
    }

    private static Header parseHeader(String text, String source) throws MalformedDataException {
        String t = text.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw bad(source, "header is not a Python dict literal: " + abbreviate(text));
        }
        HeaderLexer lx = new HeaderLexer(t.substring(1, t.length() - 1), source, text);
        String descr = null;
        Boolean fortran = null;
        long[] shape = null;
        while (lx.more()) {
            String key = lx.string();
            lx.expect(':');
            switch (key) {
                case "descr" -> {
                    if (lx.peek() == '[') {
                        throw bad(source, "structured dtypes are not supported (descr is a list): " + abbreviate(text));
                    }
                    descr = lx.string();
                }
                case "fortran_order" -> fortran = lx.bool();
                case "shape" -> shape = lx.tuple();
                default -> throw bad(source, "unexpected key '" + key + "' in header " + abbreviate(text));
            }
            if (!lx.more()) {
                break;
            }
            lx.expect(',');
        }
        if (descr == null || fortran == null || shape == null) {
            throw bad(source, "header lacks " + (descr == null ? "'descr'" : fortran == null ? "'fortran_order'" : "'shape'")
                    + ": " + abbreviate(text));
        }
        return new Header(dtypeOf(descr, source), orderOf(descr), fortran, shape);
    }

    private static DType dtypeOf(String descr, String source) throws MalformedDataException {
        if (descr.length() >= 2 && (descr.charAt(1) == 'O' || descr.charAt(0) == 'O')) {
            throw bad(source, "object arrays (dtype '" + descr + "') are not supported: they need pickle, which is unsafe");
        }
        if (descr.length() == 3 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
            String body = descr.substring(1);
            char o = descr.charAt(0);
            DType d = switch (body) {
                case "f8" -> DType.FLOAT64;
                case "f4" -> DType.FLOAT32;
                case "i4" -> DType.INT32;
                case "i8" -> DType.INT64;
                case "b1" -> DType.BOOL;
                default -> null;
            };
            if (d != null && (o != '|' || d.size == 1) && !(o == '=' && d.size > 1)) {
                return d;
            }
        }
        throw bad(source, "unsupported dtype '" + descr + "' (supported: <f8 >f8 <f4 >f4 <i4 >i4 <i8 >i8 |b1)");
    }

    private static ByteOrder orderOf(String descr) {
        return descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static Object readData(InputStream in, DType dtype, ByteOrder order, int count, String source)
            throws IOException {
        Object out = switch (dtype) {
            case FLOAT64 -> new double[count];
            case FLOAT32 -> new float[count];
            case INT32 -> new int[count];
            case INT64 -> new long[count];
            case BOOL -> new boolean[count];
        };
        int per = dtype.size;
        int chunkElems = Math.max(1, (1 << 16) / per);
        byte[] buf = new byte[chunkElems * per];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        int done = 0;
        while (done < count) {
            int k = Math.min(chunkElems, count - done);
            int bytes = k * per;
            int got = in.readNBytes(buf, 0, bytes);
            if (got < bytes) {
                throw bad(source, "file ends after " + ((long) done * per + got) + " of " + ((long) count * per)
                        + " data bytes");
            }
            bb.clear();
            switch (dtype) {
                case FLOAT64 -> bb.asDoubleBuffer().get((double[]) out, done, k);
                case FLOAT32 -> bb.asFloatBuffer().get((float[]) out, done, k);
                case INT32 -> bb.asIntBuffer().get((int[]) out, done, k);
                case INT64 -> bb.asLongBuffer().get((long[]) out, done, k);
                case BOOL -> {
                    boolean[] b = (boolean[]) out;
                    for (int i = 0; i < k; i++) {
                        if (buf[i] != 0 && buf[i] != 1) {
                            throw bad(source, "boolean element " + (done + i) + " has byte value " + (buf[i] & 0xff)
                                    + ", expected 0 or 1");
                        }
                        b[done + i] = buf[i] != 0;
                    }
                }
            }
            done += k;
        }
        return out;
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw bad(source, "file ends inside " + what + " (" + b.length + " of " + n + " bytes)");
        }
        return b;
    }

    private static MalformedDataException bad(String source, String detail) {
        return new MalformedDataException(source, -1, null, detail);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 120 ? t.substring(0, 117) + "..." : t;
    }

    /** A minimal lexer for the header's dict literal: strings, True/False, tuples of integers. */
    private static final class HeaderLexer {
        private final String s;
        private final String source;
        private final String whole;
        private int p;

        HeaderLexer(String s, String source, String whole) {
            this.s = s;
            this.source = source;
            this.whole = whole;
        }

        private void skip() {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
                p++;
            }
        }

        boolean more() {
            skip();
            return p < s.length();
        }

        char peek() {
            skip();
            return p < s.length() ? s.charAt(p) : 0;
        }

        void expect(char c) throws MalformedDataException {
            skip();
            if (p >= s.length() || s.charAt(p) != c) {
                throw fail("expected '" + c + "'");
            }
            p++;
        }

        String string() throws MalformedDataException {
            skip();
            if (p >= s.length() || (s.charAt(p) != '\'' && s.charAt(p) != '"')) {
                throw fail("expected a quoted string");
            }
            char q = s.charAt(p++);
            int start = p;
            while (p < s.length() && s.charAt(p) != q) {
                p++;
            }
            if (p >= s.length()) {
                throw fail("unterminated string");
            }
            return s.substring(start, p++);
        }

        boolean bool() throws MalformedDataException {
            skip();
            if (s.startsWith("True", p)) {
                p += 4;
                return true;
            }
            if (s.startsWith("False", p)) {
                p += 5;
                return false;
            }
            throw fail("expected True or False");
        }

        long[] tuple() throws MalformedDataException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (true) {
                skip();
                if (p < s.length() && s.charAt(p) == ')') {
                    p++;
                    break;
                }
                int start = p;
                while (p < s.length() && Character.isDigit(s.charAt(p))) {
                    p++;
                }
                if (start == p || p - start > 12) {
                    throw fail("expected a non-negative dimension");
                }
                dims.add(Long.parseLong(s.substring(start, p)));
                skip();
                if (p < s.length() && s.charAt(p) == ',') {
                    p++;
                } else if (p >= s.length() || s.charAt(p) != ')') {
                    throw fail("expected ',' or ')' in the shape");
                }
            }
            if (dims.size() > 32) {
                throw fail("more than 32 dimensions");
            }
            long[] out = new long[dims.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = dims.get(k);
            }
            return out;
        }

        private MalformedDataException fail(String what) {
            return bad(source, "bad header: " + what + " at position " + p + " of " + abbreviate(whole));
        }
    }

    private static String shapeString(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            sb.append(shape[k]);
            if (k < shape.length - 1 || shape.length == 1) {
                sb.append(shape.length == 1 ? "," : ", ");
            }
        }
        return sb.append(')').toString();
    }

    // ================================================================ writing

    /** Writes a 1-D {@code <f8} array. */
    public static void write(OutputStream out, double[] v) throws IOException {
        writeHeader(out, "<f8", false, new long[] {v.length});
        writeDoubles(out, v, 0, v.length);
    }

    /** Writes a 1-D {@code <f4} array. */
    public static void write(OutputStream out, float[] v) throws IOException {
        writeHeader(out, "<f4", false, new long[] {v.length});
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < v.length; ) {
            int k = Math.min(v.length - done, bb.capacity() / 4);
            bb.clear();
            bb.asFloatBuffer().put(v, done, k);
            out.write(bb.array(), 0, k * 4);
            done += k;
        }
    }

    /** Writes a 1-D {@code <i4} array. */
    public static void write(OutputStream out, int[] v) throws IOException {
        writeHeader(out, "<i4", false, new long[] {v.length});
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < v.length; ) {
            int k = Math.min(v.length - done, bb.capacity() / 4);
            bb.clear();
            bb.asIntBuffer().put(v, done, k);
            out.write(bb.array(), 0, k * 4);
            done += k;
        }
    }

    /** Writes a 1-D {@code <i8} array. */
    public static void write(OutputStream out, long[] v) throws IOException {
        writeHeader(out, "<i8", false, new long[] {v.length});
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < v.length; ) {
            int k = Math.min(v.length - done, bb.capacity() / 8);
            bb.clear();
            bb.asLongBuffer().put(v, done, k);
            out.write(bb.array(), 0, k * 8);
            done += k;
        }
    }

    /** Writes a 1-D {@code |b1} array. */
    public static void write(OutputStream out, boolean[] v) throws IOException {
        writeHeader(out, "|b1", false, new long[] {v.length});
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) (v[i] ? 1 : 0);
        }
        out.write(b);
    }

    /** Writes a matrix as a 2-D {@code <f8} array in Fortran order (its own column-major layout). */
    public static void write(OutputStream out, Matrix m) throws IOException {
        writeHeader(out, "<f8", true, new long[] {m.rows(), m.cols()});
        for (int j = 0; j < m.cols(); j++) {
            double[] col = m.columnArray(j);
            writeDoubles(out, col, 0, col.length);
        }
    }

    /**
     * Writes {@code rows x cols} doubles given in C (row-major) order as a 2-D {@code <f8} array in C
     * order.
     */
    public static void writeRowMajor(OutputStream out, double[] rowMajor, int rows, int cols) throws IOException {
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException("array of length " + rowMajor.length + " cannot hold " + rows + "x" + cols);
        }
        writeHeader(out, "<f8", false, new long[] {rows, cols});
        writeDoubles(out, rowMajor, 0, rowMajor.length);
    }

    private static void writeDoubles(OutputStream out, double[] v, int from, int n) throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int k = Math.min(n - done, bb.capacity() / 8);
            bb.clear();
            bb.asDoubleBuffer().put(v, from + done, k);
            out.write(bb.array(), 0, k * 8);
            done += k;
        }
    }

    private static void writeHeader(OutputStream out, String descr, boolean fortran, long[] shape) throws IOException {
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr,
                fortran ? "True" : "False", shapeString(shape));
        int lenBytes = 2;
        int major = 1;
        int total = MAGIC.length + 2 + lenBytes + dict.length() + 1;
        if (((total + 63) / 64) * 64 - MAGIC.length - 2 - lenBytes > 65535) {
            major = 2;
            lenBytes = 4;
            total = MAGIC.length + 2 + lenBytes + dict.length() + 1;
        }
        int padded = ((total + 63) / 64) * 64;
        int headerLen = padded - MAGIC.length - 2 - lenBytes;
        StringBuilder h = new StringBuilder(dict);
        while (h.length() < headerLen - 1) {
            h.append(' ');
        }
        h.append('\n');
        out.write(MAGIC);
        out.write(major);
        out.write(0);
        out.write(headerLen & 0xff);
        out.write((headerLen >>> 8) & 0xff);
        if (lenBytes == 4) {
            out.write((headerLen >>> 16) & 0xff);
            out.write((headerLen >>> 24) & 0xff);
        }
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
