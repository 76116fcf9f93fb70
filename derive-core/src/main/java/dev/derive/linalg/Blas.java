package dev.derive.linalg;

import dev.derive.runtime.Parallelism;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The bridge to the bundled OpenBLAS (from {@code org.bytedeco:openblas}): level-2 and level-3 BLAS on
 * column-major {@code double[]} storage with offsets and leading dimensions.
 *
 * <p>On JDK 22 and later the calls go through the Foreign Function &amp; Memory API as <em>critical</em>
 * downcalls that hand the Java arrays to OpenBLAS without copying them; on JDK 21 they fall back to
 * JavaCPP, which copies the operands (correct, about a third slower for large products). Either way no
 * system library is needed. The OpenBLAS thread count follows {@link Parallelism#threads()}. The
 * system property {@code derive.blas.ffm=false} forces the JavaCPP path (the build tests both).
 *
 * <p><b>Loading.</b> With FFM on Linux the bundled {@code libopenblas.so.0} (and the Fortran run-time libraries it
 * needs) is taken from JavaCPP's cache ({@code Loader.cacheResource} extracts it there once) and opened with
 * {@code SymbolLookup.libraryLookup}: one OpenBLAS in the process. JavaCPP's {@code Loader.load} is used otherwise
 * (JavaCPP path, other platforms, {@code org.bytedeco.openblas.load} set); it loads JavaCPP's JNI bindings
 * (24 MB) and, through its {@code openblas_nolapack} preset, a second copy of OpenBLAS that initialises its own
 * thread pool, which cost about 0.3 s of the 0.5 s start-up in a fresh JVM. Each downcall handle is created on the
 * first call of its routine ({@link #init()} creates those of the common routines at once): a handle costs about
 * 10-15 ms to create in a fresh JVM, the first one 150 ms more for the FFM machinery of the JDK.
 *
 * <p>The same holds for the LAPACK Cholesky routines {@link #dpotrfLower} ({@code LAPACKE_dpotrf}) and
 * {@link #dpotrsLower} ({@code LAPACKE_dpotrs}): through FFM the very same OpenBLAS functions run on the Java
 * array in place, so the results are bit-identical to the copying JavaCPP call (which copies the whole matrix in
 * and out, {@code 8 n^2} bytes each way, on every call). {@code derive.lapack.ffm=false} forces the copying path
 * for these two and for the LAPACK routines of the decompositions (package-private {@code Lapack}: LU, QR, SVD,
 * eigen, {@code dpotri}; same zero-copy scheme and switch) only, to measure the difference; {@code
 * derive.blas.ffm=false} forces it for everything.
 *
 * <p>A critical downcall keeps the calling thread from reaching a safepoint while OpenBLAS runs, so a
 * garbage collection waits for a running product to finish; this is the same trade numpy and JNI
 * critical regions make.
 *
 * <p>All arrays are column-major: element {@code (i, j)} of an operand with offset {@code off} and
 * leading dimension {@code ld} is {@code a[off + i + j * ld]}.
 */
public final class Blas {

    private static final int COL_MAJOR = openblas.CblasColMajor;
    private static final int NO_TRANS = openblas.CblasNoTrans;
    private static final int TRANS = openblas.CblasTrans;
    private static final int UPPER = openblas.CblasUpper;
    private static final int LOWER = openblas.CblasLower;
    private static final int LEFT = openblas.CblasLeft;
    private static final int RIGHT = openblas.CblasRight;
    private static final int NON_UNIT = openblas.CblasNonUnit;
    private static final int UNIT = openblas.CblasUnit;
    private static final int COL_MAJOR_LAPACK = openblas.LAPACK_COL_MAJOR;

    /**
     * FFM downcall of {@code openblas_set_num_threads}, or null (JavaCPP's {@code blas_set_num_threads}, which on
     * every call reloads the preset class and looks up four symbols: about 0.4 ms warm and 10 ms on the first call).
     */
    private static final MethodHandle SET_THREADS;
    private static final String BACKEND;
    /** The FFM link helper when the BLAS calls are FFM downcalls, else null (used by {@link Lapack} too). */
    static final Ffm FFM;
    /** Whether {@code LAPACKE_dpotrf} / {@code LAPACKE_dpotrs} may be linked as downcalls ({@code derive.lapack.ffm}). */
    private static final boolean LAPACK_FFM = Boolean.parseBoolean(System.getProperty("derive.lapack.ffm", "true"));
    private static final byte LAPACK_LOWER = (byte) 'L';

    static {
        MethodHandle setThreads = null;
        String backend;
        Ffm ffmLinker = null;
        try {
            if (!Boolean.parseBoolean(System.getProperty("derive.blas.ffm", "true"))) {
                throw new IllegalStateException("disabled by -Dderive.blas.ffm=false");
            }
            ffmLinker = Ffm.open();
            try {
                setThreads = ffmLinker.downcallPlain("openblas_set_num_threads", "I", false);
            } catch (Throwable t) { // JavaCPP's blas_set_num_threads is used instead
                setThreads = null;
            }
            backend = "OpenBLAS via FFM critical downcalls (zero-copy; " + ffmLinker.library + ")";
        } catch (Throwable t) {
            ffmLinker = null;
            setThreads = null;
            Loader.load(openblas.class);
            backend = "OpenBLAS via JavaCPP (operands copied; FFM unavailable: " + t + ")";
        }
        BACKEND = backend;
        FFM = ffmLinker;
        SET_THREADS = setThreads;
        Parallelism.onChange(Blas::applyThreads);
    }

    /*
     * The downcall handles, each linked on the first call of its routine (or by init()): creating one costs about
     * 10-15 ms in a fresh JVM (a stub and several hidden classes), so a program pays only for the routines it calls.
     * A handle is null when FFM is off or its symbol could not be linked; the routine then goes through JavaCPP.
     */
    private static final class Gemm {
        // enum order, ints, alpha, A, lda, B, ldb, beta, C, ldc
        static final MethodHandle H = link("cblas_dgemm", "IIIIIIDAIAIDAI", false);
    }

    private static final class Gemv {
        static final MethodHandle H = link("cblas_dgemv", "IIIIDAIAIDAI", false);
    }

    private static final class Syrk {
        static final MethodHandle H = link("cblas_dsyrk", "IIIIIDAIDAI", false);
    }

    private static final class Trsm {
        static final MethodHandle H = link("cblas_dtrsm", "IIIIIIIDAIAI", false);
    }

    /** LAPACKE_dpotrf / LAPACKE_dpotrs: layout, uplo (char), n, [nrhs,] A, lda[, B, ldb]; both return info. */
    private static final class Potrf {
        static final MethodHandle H = LAPACK_FFM ? link("LAPACKE_dpotrf", "ICIAI", true) : null;
    }

    private static final class Potrs {
        static final MethodHandle H = LAPACK_FFM ? link("LAPACKE_dpotrs", "ICIIAIAI", true) : null;
    }

    /** A critical downcall of {@code symbol}, or null when FFM is off or the symbol does not link (JavaCPP path). */
    private static MethodHandle link(String symbol, String signature, boolean returnsInt) {
        if (FFM == null) {
            return null;
        }
        try {
            return FFM.downcall(symbol, signature, returnsInt);
        } catch (Throwable t) {
            return null;
        }
    }

    private Blas() {
    }

    private static void applyThreads(int n) {
        if (SET_THREADS != null) {
            try {
                SET_THREADS.invokeExact(n);
                return;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        openblas.blas_set_num_threads(n);
    }

    /**
     * A one-line description of the BLAS back end in use (library, call path, and where the library was loaded
     * from).
     */
    public static String backend() {
        return BACKEND;
    }

    /** The number of threads OpenBLAS currently uses. */
    public static int threads() {
        MethodHandle get = GetThreads.HANDLE;
        if (get != null) {
            try {
                return (int) get.invokeExact();
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        return openblas.blas_get_num_threads();
    }

    /**
     * The FFM downcall of {@code openblas_get_num_threads}, linked on first use of {@link #threads()} (rarely called;
     * a downcall handle costs several ms to create in a fresh JVM), or null when the thread count is set through
     * JavaCPP: JavaCPP's {@code blas_get_num_threads} only answers after its own {@code blas_set_num_threads} ran.
     */
    private static final class GetThreads {
        static final MethodHandle HANDLE = link();

        private static MethodHandle link() {
            if (SET_THREADS == null) {
                return null;
            }
            try {
                return FFM.downcallPlain("openblas_get_num_threads", "", true);
            } catch (Throwable t) {
                throw new IllegalStateException("openblas_get_num_threads could not be linked", t);
            }
        }
    }

    /**
     * Loads the native library (if not yet loaded) and links the downcalls of {@link #dgemm}, {@link #dgemv},
     * {@link #dsyrkLower}, {@link #dtrsm}, {@link #dpotrfLower} and {@link #dpotrsLower}, so that their first calls
     * do not pay for it; returns {@link #backend()}. Cheap after the first call. Without it each routine is linked
     * on its first call (and the library loaded on the first use of this class).
     */
    public static String init() {
        MethodHandle[] linked = {Gemm.H, Gemv.H, Syrk.H, Trsm.H, Potrf.H, Potrs.H}; // each holder links on first use
        return BACKEND;
    }

    /** Loads the native library and applies the thread setting (this class's initialisation), linking nothing else. */
    static void load() {
        // the class initialiser has run when this is called
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} where {@code op(A)} is {@code m x k}, {@code op(B)} is
     * {@code k x n} and {@code C} is {@code m x n}.
     */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        int ta = transA ? TRANS : NO_TRANS;
        int tb = transB ? TRANS : NO_TRANS;
        MethodHandle h = Gemm.H;
        if (h != null) {
            try {
                h.invokeExact(COL_MAJOR, ta, tb, m, n, k, alpha, a, (long) aOff * 8, lda,
                        b, (long) bOff * 8, ldb, beta, c, (long) cOff * 8, ldc);
                return;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        try (Span pa = Span.in(a, aOff, lda, transA ? k : m, transA ? m : k);
             Span pb = Span.in(b, bOff, ldb, transB ? n : k, transB ? k : n);
             Span pc = Span.inOut(c, cOff, ldc, m, n, beta != 0)) {
            openblas.cblas_dgemm(COL_MAJOR, ta, tb, m, n, k, alpha, pa.ptr, lda, pb.ptr, ldb, beta, pc.ptr, ldc);
        }
    }

    /**
     * {@code y = alpha * op(A) * x + beta * y} for an {@code m x n} matrix {@code A} (before {@code op}),
     * with unit strides on {@code x} and {@code y}.
     */
    public static void dgemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda,
                             double[] x, int xOff, double beta, double[] y, int yOff) {
        if (m == 0 || n == 0) {
            return;
        }
        int ta = transA ? TRANS : NO_TRANS;
        int xLen = transA ? m : n;
        int yLen = transA ? n : m;
        MethodHandle h = Gemv.H;
        if (h != null) {
            try {
                h.invokeExact(COL_MAJOR, ta, m, n, alpha, a, (long) aOff * 8, lda,
                        x, (long) xOff * 8, 1, beta, y, (long) yOff * 8, 1);
                return;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        try (Span pa = Span.in(a, aOff, lda, m, n);
             Span px = Span.in(x, xOff, xLen, xLen, 1);
             Span py = Span.inOut(y, yOff, yLen, yLen, 1, beta != 0)) {
            openblas.cblas_dgemv(COL_MAJOR, ta, m, n, alpha, pa.ptr, lda, px.ptr, 1, beta, py.ptr, 1);
        }
    }

    /**
     * Symmetric rank-k update of the lower triangle: {@code C = alpha * A' A + beta * C} when
     * {@code trans} (A is {@code k x n}) or {@code C = alpha * A A' + beta * C} otherwise (A is
     * {@code n x k}). Only the lower triangle of the {@code n x n} matrix {@code C} is written.
     */
    public static void dsyrkLower(boolean trans, int n, int k, double alpha, double[] a, int aOff, int lda,
                                  double beta, double[] c, int cOff, int ldc) {
        if (n == 0) {
            return;
        }
        int t = trans ? TRANS : NO_TRANS;
        MethodHandle h = Syrk.H;
        if (h != null) {
            try {
                h.invokeExact(COL_MAJOR, LOWER, t, n, k, alpha, a, (long) aOff * 8, lda,
                        beta, c, (long) cOff * 8, ldc);
                return;
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }
        try (Span pa = Span.in(a, aOff, lda, trans ? k : n, trans ? n : k);
             Span pc = Span.inOut(c, cOff, ldc, n, n, beta != 0)) {
            openblas.cblas_dsyrk(COL_MAJOR, LOWER, t, n, k, alpha, pa.ptr, lda, beta, pc.ptr, ldc);
        }
    }

    /**
     * Runs {@code body} with OpenBLAS's own threading switched off (one OpenBLAS thread), then restores the
     * thread count of {@link Parallelism#threads()}. For callers that parallelise over independent BLAS calls
     * themselves (each call on one core): on a loaded machine the threads of one multi-threaded OpenBLAS call
     * spin while waiting for each other (a 50,000 x 500 {@code dsyrk} took 1.0 s CPU with 2 OpenBLAS threads
     * against 0.33 s with 1). The switch is process-wide: it holds the {@link Parallelism} lock (so the setting
     * cannot change meanwhile; other callers wait), and BLAS calls made by other threads during {@code body}
     * run on one OpenBLAS thread. Caveat: OpenBLAS's threaded {@code dgemv} was seen to change the last bits of
     * its sums with the thread count, so such a concurrent call may give its one-thread bits. Nested calls from
     * the same thread are allowed.
     */
    public static void singleThreaded(Runnable body) {
        synchronized (Parallelism.class) {
            if (Parallelism.threads() == 1) {
                body.run();
                return;
            }
            // nested calls (a fork/join worker of the body may run another caller's task) keep the switch
            if (singleThreadedDepth++ == 0) {
                applyThreads(1);
            }
            try {
                body.run();
            } finally {
                if (--singleThreadedDepth == 0) {
                    applyThreads(Parallelism.threads());
                }
            }
        }
    }

    /** Nesting depth of {@link #singleThreaded}; guarded by the {@link Parallelism} class lock. */
    private static int singleThreadedDepth;

    /**
     * Triangular solve with multiple right-hand sides: {@code B = alpha * op(T)^-1 B} ({@code left}) or
     * {@code B = alpha * B op(T)^-1} (right), where {@code T} is triangular ({@code lower} or upper,
     * optionally with a unit diagonal) and {@code B} is {@code m x n}. Does not check for singularity.
     */
    public static void dtrsm(boolean left, boolean lower, boolean transT, boolean unitDiagonal, int m, int n,
                             double alpha, double[] t, int tOff, int ldt, double[] b, int bOff, int ldb) {
        if (m == 0 || n == 0) {
            return;
        }
        int side = left ? LEFT : RIGHT;
        int uplo = lower ? LOWER : UPPER;
        int tr = transT ? TRANS : NO_TRANS;
        int diag = unitDiagonal ? UNIT : NON_UNIT;
        int order = left ? m : n;
        MethodHandle h = Trsm.H;
        if (h != null) {
            try {
                h.invokeExact(COL_MAJOR, side, uplo, tr, diag, m, n, alpha, t, (long) tOff * 8, ldt,
                        b, (long) bOff * 8, ldb);
                return;
            } catch (Throwable e) {
                throw rethrow(e);
            }
        }
        try (Span pt = Span.in(t, tOff, ldt, order, order);
             Span pb = Span.inOut(b, bOff, ldb, m, n, true)) {
            openblas.cblas_dtrsm(COL_MAJOR, side, uplo, tr, diag, m, n, alpha, pt.ptr, ldt, pb.ptr, ldb);
        }
    }

    /**
     * LAPACK {@code dpotrf} (through {@code LAPACKE_dpotrf}, which first checks the matrix for NaN) on the lower
     * triangle of the {@code n x n} matrix at {@code a[off..]} with leading dimension {@code lda}: overwrites it
     * by the Cholesky factor {@code L} with {@code A = L L'} (blocked right-looking algorithm; Golub &amp; Van
     * Loan, <i>Matrix Computations</i>, 4th ed., section 4.2). The strict upper triangle is neither read nor
     * written. Returns LAPACK's {@code info}: 0 on success, {@code i > 0} if the leading minor of order
     * {@code i} is not positive (the factorisation stopped there, the triangle is partly overwritten), and a
     * negative value for an illegal argument ({@code -4}: a NaN in the lower triangle).
     *
     * @throws IllegalArgumentException if {@code n < 0}, {@code lda < max(1, n)}, {@code off < 0} or the matrix
     *                                  does not fit in {@code a}
     */
    public static int dpotrfLower(int n, double[] a, int off, int lda) {
        checkSquare("dpotrfLower", n, a, off, lda);
        if (n == 0) {
            return 0;
        }
        MethodHandle h = Potrf.H;
        if (h != null) {
            try {
                return (int) h.invokeExact(COL_MAJOR_LAPACK, LAPACK_LOWER, n, a, (long) off * 8, lda);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        return dpotrfLowerCopying(n, a, off, lda);
    }

    /** {@link #dpotrfLower} through JavaCPP, which copies the matrix in and out (the fallback; package-private for tests). */
    static int dpotrfLowerCopying(int n, double[] a, int off, int lda) {
        checkSquare("dpotrfLower", n, a, off, lda);
        if (n == 0) {
            return 0;
        }
        if (off == 0) {
            return openblas.LAPACKE_dpotrf(COL_MAJOR_LAPACK, LAPACK_LOWER, n, a, lda);
        }
        try (Span pa = Span.inOut(a, off, lda, n, n, true)) {
            return openblas.LAPACKE_dpotrf(COL_MAJOR_LAPACK, LAPACK_LOWER, n, pa.ptr, lda);
        }
    }

    /**
     * LAPACK {@code dpotrs} (through {@code LAPACKE_dpotrs}): overwrites the {@code n x nrhs} matrix {@code B}
     * by {@code (L L')^-1 B}, where {@code L} is the lower Cholesky factor left by {@link #dpotrfLower} (only its
     * lower triangle is read; {@code l} is not modified). Returns LAPACK's {@code info} (0, or negative for an
     * illegal argument, e.g. a NaN in {@code L} or {@code B}).
     *
     * @throws IllegalArgumentException for negative sizes or offsets, too small leading dimensions, or operands
     *                                  that do not fit in their arrays
     */
    public static int dpotrsLower(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        checkSquare("dpotrsLower", n, l, lOff, ldl);
        checkGeneral("dpotrsLower", n, nrhs, b, bOff, ldb);
        if (n == 0 || nrhs == 0) {
            return 0;
        }
        MethodHandle h = Potrs.H;
        if (h != null) {
            try {
                return (int) h.invokeExact(COL_MAJOR_LAPACK, LAPACK_LOWER, n, nrhs, l, (long) lOff * 8, ldl,
                        b, (long) bOff * 8, ldb);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
        return dpotrsLowerCopying(n, nrhs, l, lOff, ldl, b, bOff, ldb);
    }

    /** {@link #dpotrsLower} through JavaCPP, which copies the operands (the fallback; package-private for tests). */
    static int dpotrsLowerCopying(int n, int nrhs, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        checkSquare("dpotrsLower", n, l, lOff, ldl);
        checkGeneral("dpotrsLower", n, nrhs, b, bOff, ldb);
        if (n == 0 || nrhs == 0) {
            return 0;
        }
        try (Span pl = Span.in(l, lOff, ldl, n, n);
             Span pb = Span.inOut(b, bOff, ldb, n, nrhs, true)) {
            return openblas.LAPACKE_dpotrs(COL_MAJOR_LAPACK, LAPACK_LOWER, n, nrhs, pl.ptr, ldl, pb.ptr, ldb);
        }
    }

    /** Whether {@link #dpotrfLower} / {@link #dpotrsLower} run zero-copy (FFM) rather than through JavaCPP. */
    static boolean lapackZeroCopy() {
        return Potrf.H != null && Potrs.H != null;
    }

    private static void checkSquare(String routine, int n, double[] a, int off, int lda) {
        checkGeneral(routine, n, n, a, off, lda);
    }

    static void checkGeneral(String routine, int rows, int cols, double[] a, int off, int ld) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(routine + ": negative size " + rows + " x " + cols);
        }
        if (ld < Math.max(1, rows)) {
            throw new IllegalArgumentException(routine + ": leading dimension " + ld + " < max(1, rows = " + rows + ")");
        }
        if (off < 0) {
            throw new IllegalArgumentException(routine + ": negative offset " + off);
        }
        long end = rows == 0 || cols == 0 ? off : off + (long) ld * (cols - 1) + rows;
        if (end > a.length) {
            throw new IllegalArgumentException(routine + ": a " + rows + " x " + cols + " operand at offset " + off
                    + " with leading dimension " + ld + " needs " + end + " elements, the array has " + a.length);
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("BLAS call failed", t);
    }

    /**
     * A native copy of the region an operand spans (for the JavaCPP fallback): copied in on open and, for
     * outputs, copied back on close.
     */
    private static final class Span implements AutoCloseable {
        final DoublePointer ptr;
        private final double[] array;
        private final int off;
        private final int len;
        private final boolean output;

        private Span(double[] array, int off, int ld, int rows, int cols, boolean copyIn, boolean output) {
            this.array = array;
            this.off = off;
            this.len = cols == 0 || rows == 0 ? 0 : ld * (cols - 1) + rows;
            this.output = output;
            this.ptr = new DoublePointer(Math.max(1, len));
            if (copyIn && len > 0) {
                ptr.put(array, off, len);
            }
        }

        static Span in(double[] a, int off, int ld, int rows, int cols) {
            return new Span(a, off, ld, rows, cols, true, false);
        }

        static Span inOut(double[] a, int off, int ld, int rows, int cols, boolean copyIn) {
            // the region between columns (rows..ld) must survive: always copy in when ld > rows
            return new Span(a, off, ld, rows, cols, copyIn || ld > rows, true);
        }

        @Override
        public void close() {
            if (output && len > 0) {
                ptr.get(array, off, len);
            }
            ptr.close();
        }
    }

    /**
     * Builds critical downcall handles through the FFM API by reflection, so the code compiles for 21, and finds the
     * symbols: in the bundled OpenBLAS loaded directly ({@link #open}) or, failing that, through JavaCPP.
     */
    static final class Ffm {
        /**
         * The bundled libraries that are loaded directly, in order (each one's dependencies first; all but the last
         * are optional, as JavaCPP's preloads are). OpenBLAS finds {@code libgfortran} through its {@code $ORIGIN}
         * run path, but {@code libgfortran} has none: loading its dependencies first makes the dynamic linker reuse
         * them (by soname) instead of searching the system for them.
         */
        private static final String[] BUNDLED = {"libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5",
            "libopenblas.so.0"};

        private final Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
        private final Class<?> segC = Class.forName("java.lang.foreign.MemorySegment");
        private final Class<?> descC = Class.forName("java.lang.foreign.FunctionDescriptor");
        private final Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
        private final Class<?> valueC = Class.forName("java.lang.foreign.ValueLayout");
        private final Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
        private final Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
        private final Object linker = linkerC.getMethod("nativeLinker").invoke(null);
        private final Object options;
        private final Object noOptions;
        private final MethodHandle slice;
        private final MethodHandle sliceInt;
        /** The {@code SymbolLookup} of the directly loaded OpenBLAS, or null (symbols through JavaCPP). */
        private Object symbols;
        /** Where the library came from, for {@link #backend()}. */
        String library;

        private Ffm() throws Throwable {
            Object critical = optionC.getMethod("critical", boolean.class).invoke(null, true);
            options = Array.newInstance(optionC, 1);
            Array.set(options, 0, critical);
            noOptions = Array.newInstance(optionC, 0);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle ofArray = lookup.findStatic(segC, "ofArray", MethodType.methodType(segC, double[].class));
            MethodHandle asSlice = lookup.findVirtual(segC, "asSlice", MethodType.methodType(segC, long.class));
            slice = MethodHandles.collectArguments(asSlice, 0, ofArray); // (double[], long) -> MemorySegment
            MethodHandle ofIntArray = lookup.findStatic(segC, "ofArray", MethodType.methodType(segC, int[].class));
            sliceInt = MethodHandles.collectArguments(asSlice, 0, ofIntArray); // (int[], long) -> MemorySegment
        }

        /**
         * The FFM linker (throws on JDK 21, where critical downcalls do not exist) with OpenBLAS loaded: directly
         * ({@link #loadBundled}) where possible, else by JavaCPP ({@code Loader.load}, which also loads its JNI
         * bindings and a second copy of OpenBLAS: about 0.3 s more in a fresh JVM).
         */
        static Ffm open() throws Throwable {
            Ffm ffm = new Ffm();
            try {
                ffm.symbols = ffm.loadBundled();
            } catch (Throwable t) {
                Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null
                        ? t.getCause() : t;
                Loader.load(openblas.class);
                ffm.library = "loaded by JavaCPP: " + cause;
            }
            return ffm;
        }

        /**
         * Loads the bundled OpenBLAS of {@code org.bytedeco:openblas} for this platform with {@code
         * SymbolLookup.libraryLookup} (one {@code dlopen} per library, the libraries extracted to, or found in,
         * JavaCPP's cache by {@code Loader.cacheResource}), without JavaCPP's {@code Loader.load}; Linux only
         * (elsewhere the file names differ and JavaCPP loads it), and not when {@code org.bytedeco.openblas.load}
         * asks JavaCPP for another library.
         */
        private Object loadBundled() throws Throwable {
            String platform = Loader.getPlatform();
            if (!platform.startsWith("linux-")) {
                throw new IllegalStateException("the bundled OpenBLAS is loaded directly on Linux only, not on "
                        + platform);
            }
            if (!System.getProperty("org.bytedeco.openblas.load", "").isEmpty()) {
                throw new IllegalStateException("org.bytedeco.openblas.load is set");
            }
            String dir = "org/bytedeco/openblas/" + platform + "/";
            ClassLoader loader = Blas.class.getClassLoader();
            Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
            Object arena = arenaC.getMethod("global").invoke(null);
            java.lang.reflect.Method libraryLookup = lookupC.getMethod("libraryLookup", java.nio.file.Path.class,
                    arenaC);
            Object found = null;
            java.io.File file = null;
            for (int i = 0; i < BUNDLED.length; i++) {
                java.net.URL url = loader == null ? null : loader.getResource(dir + BUNDLED[i]);
                if (url == null) {
                    if (i == BUNDLED.length - 1) {
                        throw new IllegalStateException(dir + BUNDLED[i] + " is not on the class path");
                    }
                    continue;
                }
                file = Loader.cacheResource(url);
                found = libraryLookup.invoke(null, file.toPath(), arena);
            }
            library = "bundled library loaded directly from " + file;
            return found;
        }

        /** The address of {@code symbol} as a {@code MemorySegment}. */
        private Object symbol(String symbol) throws Throwable {
            if (symbols != null) {
                java.util.Optional<?> s = (java.util.Optional<?>) lookupC.getMethod("find", String.class)
                        .invoke(symbols, symbol);
                if (s.isEmpty()) {
                    throw new IllegalStateException("symbol not found: " + symbol);
                }
                return s.get();
            }
            Pointer address = Loader.addressof(symbol);
            if (address == null || address.isNull()) {
                throw new IllegalStateException("symbol not found: " + symbol);
            }
            return segC.getMethod("ofAddress", long.class).invoke(null, address.address());
        }

        /** As {@link #downcall}, for a function returning a C {@code int}. */
        MethodHandle downcallInt(String symbol, String signature) throws Throwable {
            return downcall(symbol, signature, true);
        }

        /** A function returning void; see {@link #downcall(String, String, boolean)}. */
        MethodHandle downcall(String symbol, String signature) throws Throwable {
            return downcall(symbol, signature, false);
        }

        /** An ordinary (not critical) downcall of a function with int/double/char arguments only. */
        MethodHandle downcallPlain(String symbol, String signature, boolean returnsInt) throws Throwable {
            return downcall(symbol, signature, returnsInt, noOptions);
        }

        /**
         * Signature letters: I = int, D = double, C = char (a Java byte), A = double[] array followed by its byte
         * offset (long), P = int[] array followed by its byte offset (long).
         */
        MethodHandle downcall(String symbol, String signature, boolean returnsInt) throws Throwable {
            return downcall(symbol, signature, returnsInt, options);
        }

        private MethodHandle downcall(String symbol, String signature, boolean returnsInt, Object linkOptions)
                throws Throwable {
            Object seg = symbol(symbol);
            Object intL = valueC.getField("JAVA_INT").get(null);
            Object dblL = valueC.getField("JAVA_DOUBLE").get(null);
            Object adrL = valueC.getField("ADDRESS").get(null);
            Object byteL = valueC.getField("JAVA_BYTE").get(null);
            Object layouts = Array.newInstance(layoutC, signature.length());
            for (int i = 0; i < signature.length(); i++) {
                char ch = signature.charAt(i);
                Array.set(layouts, i, ch == 'I' ? intL : ch == 'D' ? dblL : ch == 'C' ? byteL : adrL);
            }
            Object desc = returnsInt
                    ? descC.getMethod("of", layoutC, layouts.getClass()).invoke(null, intL, layouts)
                    : descC.getMethod("ofVoid", layouts.getClass()).invoke(null, layouts);
            MethodHandle h = (MethodHandle) linkerC.getMethod("downcallHandle", segC, descC, options.getClass())
                    .invoke(linker, seg, desc, linkOptions);
            // replace every MemorySegment parameter by (double[], long byteOffset), from the right so
            // that earlier positions stay valid
            for (int i = signature.length() - 1; i >= 0; i--) {
                if (signature.charAt(i) == 'A') {
                    h = MethodHandles.collectArguments(h, i, slice);
                } else if (signature.charAt(i) == 'P') {
                    h = MethodHandles.collectArguments(h, i, sliceInt);
                }
            }
            return h;
        }
    }
}
