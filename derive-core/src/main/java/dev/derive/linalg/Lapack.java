package dev.derive.linalg;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import org.bytedeco.openblas.global.openblas;

/**
 * The bridge to the bundled LAPACK (LAPACKE, column-major) for the decompositions: {@code dgetrf},
 * {@code dgecon}, {@code dgetrs}, {@code dgetri} ({@link LU}), {@code dgeqrf}, {@code dgeqp3}, {@code dorgqr},
 * {@code dormqr} ({@link QR}), {@code dgesdd}, {@code dgesvd} ({@link SVD}), {@code dsyevr}
 * ({@link SymmetricEigen}), {@code dpotri} ({@link Cholesky}) and {@code dgeev} ({@link Eigen}); {@code dpotrf}
 * and {@code dpotrs} are in {@link Blas}.
 *
 * <p>Each wrapper takes column-major operands as {@code (array, offset, leading dimension)}, as {@link Blas}
 * does, and returns LAPACK's {@code info}. On JDK 22 and later it is a <em>critical</em> FFM downcall of the
 * {@code LAPACKE_*} function that hands the Java arrays to LAPACK in place (zero-copy); otherwise, or with
 * {@code -Dderive.lapack.ffm=false} or {@code -Dderive.blas.ffm=false}, the same function is called through
 * JavaCPP, which copies every array argument into native memory and back. Both run the same OpenBLAS code on the
 * same numbers, so the results are bit-identical (tested in {@code BlasLapackTest}). LAPACKE allocates the
 * routines' workspaces itself in both cases. As for {@link Blas}, a garbage collection waits for a running
 * critical call to finish.
 *
 * <p>The downcall handles of each decomposition are created on first use (so a program that only factors
 * with Cholesky never links the SVD). Every operand's size is checked against its array before the call:
 * native code writes into the Java arrays directly, so an undersized array must never reach it.
 *
 * <p>{@link #check} turns a negative {@code info} (an illegal argument, i.e. a bug in Derive, never the user's
 * input) into an exception; positive codes mean different things per routine and are handled by the callers
 * with a message about the user's matrix.
 */
final class Lapack {

    /** {@code LAPACK_COL_MAJOR}. */
    static final int COL_MAJOR = openblas.LAPACK_COL_MAJOR;

    /** Whether the wrappers run as zero-copy FFM downcalls (each falls back alone if its symbol fails to link). */
    static final boolean ZERO_COPY;
    private static final String DISABLED_REASON;

    static {
        Blas.load(); // loads the native library and applies the thread setting (links no BLAS routine)
        String reason = null;
        if (Blas.FFM == null) {
            reason = "FFM unavailable (JDK 21 or -Dderive.blas.ffm=false)";
        } else if (!Boolean.parseBoolean(System.getProperty("derive.lapack.ffm", "true"))) {
            reason = "disabled by -Dderive.lapack.ffm=false";
        }
        ZERO_COPY = reason == null;
        DISABLED_REASON = reason;
    }

    private Lapack() {
    }

    /** Throws if {@code info < 0} (illegal argument: an internal error). Returns {@code info}. */
    static int check(int info, String routine) {
        if (info < 0) {
            throw new IllegalStateException(routine + ": LAPACK rejected argument " + (-info)
                    + " (an internal error in Derive; please report it)");
        }
        return info;
    }

    /** The byte LAPACKE takes for a character option. */
    static byte ch(char c) {
        return (byte) c;
    }

    /** A one-line description of the call path of these wrappers. */
    static String path() {
        return ZERO_COPY ? "LAPACKE via FFM critical downcalls (zero-copy)"
                : "LAPACKE via JavaCPP (operands copied; " + DISABLED_REASON + ")";
    }

    // ------------------------------------------------------------------ linking

    /** A critical downcall returning LAPACKE's int, or null (copying path) when disabled or not linkable. */
    private static MethodHandle link(String symbol, String signature) {
        if (!ZERO_COPY) {
            return null;
        }
        try {
            return Blas.FFM.downcallInt(symbol, signature);
        } catch (Throwable t) {
            return null;
        }
    }

    // Signatures (Blas.Ffm letters): I int, C char, D double, A double[] + byte offset, P int[] + byte offset.
    private static final class Lu {
        static final MethodHandle GETRF = link("LAPACKE_dgetrf", "IIIAIP");
        static final MethodHandle GECON = link("LAPACKE_dgecon", "ICIAIDA");
        static final MethodHandle GETRS = link("LAPACKE_dgetrs", "ICIIAIPAI");
        static final MethodHandle GETRI = link("LAPACKE_dgetri", "IIAIP");
    }

    private static final class Qr {
        static final MethodHandle GEQRF = link("LAPACKE_dgeqrf", "IIIAIA");
        static final MethodHandle GEQP3 = link("LAPACKE_dgeqp3", "IIIAIPA");
        static final MethodHandle ORGQR = link("LAPACKE_dorgqr", "IIIIAIA");
        static final MethodHandle ORMQR = link("LAPACKE_dormqr", "ICCIIIAIAAI");
    }

    private static final class Svd {
        static final MethodHandle GESDD = link("LAPACKE_dgesdd", "ICIIAIAAIAI");
        static final MethodHandle GESVD = link("LAPACKE_dgesvd", "ICCIIAIAAIAIA");
    }

    private static final class Syevr {
        static final MethodHandle SYEVR = link("LAPACKE_dsyevr", "ICCCIAIDDIIDPAAIP");
    }

    private static final class Geev {
        static final MethodHandle GEEV = link("LAPACKE_dgeev", "ICCIAIAAAIAI");
    }

    private static final class Potri {
        static final MethodHandle POTRI = link("LAPACKE_dpotri", "ICIAI");
    }

    /** Whether every wrapper of this class is linked as a zero-copy downcall (for tests and diagnostics). */
    static boolean allZeroCopy() {
        return Lu.GETRF != null && Lu.GECON != null && Lu.GETRS != null && Lu.GETRI != null
                && Qr.GEQRF != null && Qr.GEQP3 != null && Qr.ORGQR != null && Qr.ORMQR != null
                && Svd.GESDD != null && Svd.GESVD != null && Syevr.SYEVR != null && Geev.GEEV != null
                && Potri.POTRI != null;
    }

    private static long b8(int off) {
        return (long) off * 8;
    }

    // ------------------------------------------------------------------ LU

    /**
     * {@code dgetrf}: LU factorisation with partial pivoting {@code A = P L U} of the {@code m x n} matrix at
     * {@code a[off..]}, in place; {@code ipiv} (length {@code >= min(m, n)}) receives the 1-based row interchanges.
     */
    static int dgetrf(int m, int n, double[] a, int off, int lda, int[] ipiv) {
        Blas.checkGeneral("dgetrf", m, n, a, off, lda);
        vector("dgetrf", "ipiv", ipiv.length, Math.min(m, n));
        MethodHandle h = Lu.GETRF;
        if (h == null) {
            return dgetrfCopying(m, n, a, off, lda, ipiv);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, m, n, a, b8(off), lda, ipiv, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgetrf} through JavaCPP (copies). */
    static int dgetrfCopying(int m, int n, double[] a, int off, int lda, int[] ipiv) {
        Blas.checkGeneral("dgetrf", m, n, a, off, lda);
        vector("dgetrf", "ipiv", ipiv.length, Math.min(m, n));
        double[] ca = inOut(a, off, lda, m, n);
        int info = openblas.LAPACKE_dgetrf(COL_MAJOR, m, n, ca, lda, ipiv);
        back(ca, a, off);
        return info;
    }

    /**
     * {@code dgecon}: estimate of the reciprocal condition number in the 1-norm ({@code norm = '1'}) or the
     * infinity-norm ({@code 'I'}) of the {@code n x n} matrix whose {@link #dgetrf} factors are at {@code a[off..]}
     * (read only), given the norm {@code anorm} of the original matrix; the estimate goes to {@code rcond[0]}.
     */
    static int dgecon(char norm, int n, double[] a, int off, int lda, double anorm, double[] rcond) {
        Blas.checkGeneral("dgecon", n, n, a, off, lda);
        vector("dgecon", "rcond", rcond.length, 1);
        MethodHandle h = Lu.GECON;
        if (h == null) {
            return dgeconCopying(norm, n, a, off, lda, anorm, rcond);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(norm), n, a, b8(off), lda, anorm, rcond, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgecon} through JavaCPP (copies). */
    static int dgeconCopying(char norm, int n, double[] a, int off, int lda, double anorm, double[] rcond) {
        Blas.checkGeneral("dgecon", n, n, a, off, lda);
        vector("dgecon", "rcond", rcond.length, 1);
        return openblas.LAPACKE_dgecon(COL_MAJOR, ch(norm), n, in(a, off, lda, n, n), lda, anorm, rcond);
    }

    /**
     * {@code dgetrs}: overwrites the {@code n x nrhs} matrix {@code B} by {@code op(A)^-1 B} ({@code trans} 'N' or
     * 'T') from the {@link #dgetrf} factors at {@code a[aOff..]} and {@code ipiv}, which are only read.
     */
    static int dgetrs(char trans, int n, int nrhs, double[] a, int aOff, int lda, int[] ipiv,
                      double[] b, int bOff, int ldb) {
        Blas.checkGeneral("dgetrs", n, n, a, aOff, lda);
        vector("dgetrs", "ipiv", ipiv.length, n);
        Blas.checkGeneral("dgetrs", n, nrhs, b, bOff, ldb);
        MethodHandle h = Lu.GETRS;
        if (h == null) {
            return dgetrsCopying(trans, n, nrhs, a, aOff, lda, ipiv, b, bOff, ldb);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(trans), n, nrhs, a, b8(aOff), lda, ipiv, 0L,
                    b, b8(bOff), ldb);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgetrs} through JavaCPP (copies; the read-only factors are copied so they are never written back). */
    static int dgetrsCopying(char trans, int n, int nrhs, double[] a, int aOff, int lda, int[] ipiv,
                             double[] b, int bOff, int ldb) {
        Blas.checkGeneral("dgetrs", n, n, a, aOff, lda);
        vector("dgetrs", "ipiv", ipiv.length, n);
        Blas.checkGeneral("dgetrs", n, nrhs, b, bOff, ldb);
        double[] cb = inOut(b, bOff, ldb, n, nrhs);
        int info = openblas.LAPACKE_dgetrs(COL_MAJOR, ch(trans), n, nrhs, in(a, aOff, lda, n, n), lda,
                ipiv.clone(), cb, ldb);
        back(cb, b, bOff);
        return info;
    }

    /** {@code dgetri}: overwrites the {@link #dgetrf} factors at {@code a[off..]} by {@code A^-1} ({@code ipiv} is read). */
    static int dgetri(int n, double[] a, int off, int lda, int[] ipiv) {
        Blas.checkGeneral("dgetri", n, n, a, off, lda);
        vector("dgetri", "ipiv", ipiv.length, n);
        MethodHandle h = Lu.GETRI;
        if (h == null) {
            return dgetriCopying(n, a, off, lda, ipiv);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, n, a, b8(off), lda, ipiv, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgetri} through JavaCPP (copies). */
    static int dgetriCopying(int n, double[] a, int off, int lda, int[] ipiv) {
        Blas.checkGeneral("dgetri", n, n, a, off, lda);
        vector("dgetri", "ipiv", ipiv.length, n);
        double[] ca = inOut(a, off, lda, n, n);
        int info = openblas.LAPACKE_dgetri(COL_MAJOR, n, ca, lda, ipiv.clone());
        back(ca, a, off);
        return info;
    }

    // ------------------------------------------------------------------ QR

    /**
     * {@code dgeqrf}: Householder QR of the {@code m x n} matrix at {@code a[off..]} in place (R on and above the
     * diagonal, the reflectors below it); {@code tau} (length {@code >= min(m, n)}) receives their scalars.
     */
    static int dgeqrf(int m, int n, double[] a, int off, int lda, double[] tau) {
        Blas.checkGeneral("dgeqrf", m, n, a, off, lda);
        vector("dgeqrf", "tau", tau.length, Math.min(m, n));
        MethodHandle h = Qr.GEQRF;
        if (h == null) {
            return dgeqrfCopying(m, n, a, off, lda, tau);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, m, n, a, b8(off), lda, tau, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgeqrf} through JavaCPP (copies). */
    static int dgeqrfCopying(int m, int n, double[] a, int off, int lda, double[] tau) {
        Blas.checkGeneral("dgeqrf", m, n, a, off, lda);
        vector("dgeqrf", "tau", tau.length, Math.min(m, n));
        double[] ca = inOut(a, off, lda, m, n);
        int info = openblas.LAPACKE_dgeqrf(COL_MAJOR, m, n, ca, lda, tau);
        back(ca, a, off);
        return info;
    }

    /**
     * {@code dgeqp3}: QR with column pivoting {@code A P = Q R} in place; {@code jpvt} (length {@code >= n}) holds on
     * entry the columns fixed in front (non-zero) and on exit the 1-based permutation; {@code tau} as {@link #dgeqrf}.
     */
    static int dgeqp3(int m, int n, double[] a, int off, int lda, int[] jpvt, double[] tau) {
        Blas.checkGeneral("dgeqp3", m, n, a, off, lda);
        vector("dgeqp3", "jpvt", jpvt.length, n);
        vector("dgeqp3", "tau", tau.length, Math.min(m, n));
        MethodHandle h = Qr.GEQP3;
        if (h == null) {
            return dgeqp3Copying(m, n, a, off, lda, jpvt, tau);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, m, n, a, b8(off), lda, jpvt, 0L, tau, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgeqp3} through JavaCPP (copies). */
    static int dgeqp3Copying(int m, int n, double[] a, int off, int lda, int[] jpvt, double[] tau) {
        Blas.checkGeneral("dgeqp3", m, n, a, off, lda);
        vector("dgeqp3", "jpvt", jpvt.length, n);
        vector("dgeqp3", "tau", tau.length, Math.min(m, n));
        double[] ca = inOut(a, off, lda, m, n);
        int info = openblas.LAPACKE_dgeqp3(COL_MAJOR, m, n, ca, lda, jpvt, tau);
        back(ca, a, off);
        return info;
    }

    /**
     * {@code dorgqr}: overwrites the {@code m x n} matrix at {@code a[off..]}, whose first {@code k} columns hold
     * {@code k} reflectors from {@link #dgeqrf} ({@code tau}, read only), by the first {@code n} columns of
     * {@code Q} ({@code m >= n >= k}).
     */
    static int dorgqr(int m, int n, int k, double[] a, int off, int lda, double[] tau) {
        Blas.checkGeneral("dorgqr", m, n, a, off, lda);
        vector("dorgqr", "tau", tau.length, k);
        MethodHandle h = Qr.ORGQR;
        if (h == null) {
            return dorgqrCopying(m, n, k, a, off, lda, tau);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, m, n, k, a, b8(off), lda, tau, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dorgqr} through JavaCPP (copies). */
    static int dorgqrCopying(int m, int n, int k, double[] a, int off, int lda, double[] tau) {
        Blas.checkGeneral("dorgqr", m, n, a, off, lda);
        vector("dorgqr", "tau", tau.length, k);
        double[] ca = inOut(a, off, lda, m, n);
        int info = openblas.LAPACKE_dorgqr(COL_MAJOR, m, n, k, ca, lda, tau.clone());
        back(ca, a, off);
        return info;
    }

    /**
     * {@code dormqr}: overwrites the {@code m x n} matrix {@code C} by {@code op(Q) C} ({@code side = 'L'}) or
     * {@code C op(Q)} ({@code 'R'}), {@code trans} 'N' or 'T', where {@code Q} is the product of the {@code k}
     * reflectors stored (read only) in the columns of {@code a} ({@code m x k} for 'L', {@code n x k} for 'R')
     * and {@code tau}.
     */
    static int dormqr(char side, char trans, int m, int n, int k, double[] a, int aOff, int lda, double[] tau,
                      double[] c, int cOff, int ldc) {
        int r = side == 'L' ? m : n;
        Blas.checkGeneral("dormqr", r, k, a, aOff, lda);
        vector("dormqr", "tau", tau.length, k);
        Blas.checkGeneral("dormqr", m, n, c, cOff, ldc);
        MethodHandle h = Qr.ORMQR;
        if (h == null) {
            return dormqrCopying(side, trans, m, n, k, a, aOff, lda, tau, c, cOff, ldc);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(side), ch(trans), m, n, k, a, b8(aOff), lda, tau, 0L,
                    c, b8(cOff), ldc);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dormqr} through JavaCPP (copies). */
    static int dormqrCopying(char side, char trans, int m, int n, int k, double[] a, int aOff, int lda,
                             double[] tau, double[] c, int cOff, int ldc) {
        int r = side == 'L' ? m : n;
        Blas.checkGeneral("dormqr", r, k, a, aOff, lda);
        vector("dormqr", "tau", tau.length, k);
        Blas.checkGeneral("dormqr", m, n, c, cOff, ldc);
        double[] cc = inOut(c, cOff, ldc, m, n);
        int info = openblas.LAPACKE_dormqr(COL_MAJOR, ch(side), ch(trans), m, n, k, in(a, aOff, lda, r, k), lda,
                tau.clone(), cc, ldc);
        back(cc, c, cOff);
        return info;
    }

    // ------------------------------------------------------------------ SVD

    /** Rows and columns of U / V' for a job letter ('N': none, 'S': thin, 'A': full). */
    private static int[] svdShapes(String routine, char job, int m, int n) {
        int k = Math.min(m, n);
        return switch (job) {
            case 'N' -> new int[] {0, 0, 0, 0};
            case 'S' -> new int[] {m, k, k, n};
            case 'A' -> new int[] {m, m, n, n};
            default -> throw new IllegalArgumentException(routine + ": unsupported job '" + job + "' (N, S or A)");
        };
    }

    /**
     * {@code dgesdd}: singular values ({@code s}, length {@code >= min(m, n)}, descending) and, for {@code jobz}
     * 'S' (thin) or 'A' (full), the vectors U ({@code u[uOff..]}, {@code m x min(m,n)} or {@code m x m}) and V'
     * ({@code vt[vtOff..]}, {@code min(m,n) x n} or {@code n x n}) of the {@code m x n} matrix at {@code a[aOff..]},
     * which is destroyed; for 'N' {@code u} and {@code vt} are not referenced (any non-null array, ld 1).
     */
    static int dgesdd(char jobz, int m, int n, double[] a, int aOff, int lda, double[] s,
                      double[] u, int uOff, int ldu, double[] vt, int vtOff, int ldvt) {
        checkSvd("dgesdd", jobz, jobz, m, n, a, aOff, lda, s, u, uOff, ldu, vt, vtOff, ldvt);
        MethodHandle h = Svd.GESDD;
        if (h == null) {
            return dgesddCopying(jobz, m, n, a, aOff, lda, s, u, uOff, ldu, vt, vtOff, ldvt);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(jobz), m, n, a, b8(aOff), lda, s, 0L, u, b8(uOff), ldu,
                    vt, b8(vtOff), ldvt);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgesdd} through JavaCPP (copies). */
    static int dgesddCopying(char jobz, int m, int n, double[] a, int aOff, int lda, double[] s,
                             double[] u, int uOff, int ldu, double[] vt, int vtOff, int ldvt) {
        int[] sh = checkSvd("dgesdd", jobz, jobz, m, n, a, aOff, lda, s, u, uOff, ldu, vt, vtOff, ldvt);
        double[] ca = inOut(a, aOff, lda, m, n);
        double[] cu = inOut(u, uOff, ldu, sh[0], sh[1]);
        double[] cvt = inOut(vt, vtOff, ldvt, sh[2], sh[3]);
        int info = openblas.LAPACKE_dgesdd(COL_MAJOR, ch(jobz), m, n, ca, lda, s, cu, ldu, cvt, ldvt);
        back(ca, a, aOff);
        back(cu, u, uOff);
        back(cvt, vt, vtOff);
        return info;
    }

    /**
     * {@code dgesvd}: as {@link #dgesdd} by QR iteration, with separate jobs for U ({@code jobu}) and V'
     * ({@code jobvt}), each 'N', 'S' or 'A'; {@code superb} (length {@code >= max(1, min(m, n) - 1)}) receives the
     * unconverged superdiagonal when {@code info > 0}.
     */
    static int dgesvd(char jobu, char jobvt, int m, int n, double[] a, int aOff, int lda, double[] s,
                      double[] u, int uOff, int ldu, double[] vt, int vtOff, int ldvt, double[] superb) {
        checkSvd("dgesvd", jobu, jobvt, m, n, a, aOff, lda, s, u, uOff, ldu, vt, vtOff, ldvt);
        vector("dgesvd", "superb", superb.length, Math.max(1, Math.min(m, n) - 1));
        MethodHandle h = Svd.GESVD;
        if (h == null) {
            return dgesvdCopying(jobu, jobvt, m, n, a, aOff, lda, s, u, uOff, ldu, vt, vtOff, ldvt, superb);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(jobu), ch(jobvt), m, n, a, b8(aOff), lda, s, 0L,
                    u, b8(uOff), ldu, vt, b8(vtOff), ldvt, superb, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgesvd} through JavaCPP (copies). */
    static int dgesvdCopying(char jobu, char jobvt, int m, int n, double[] a, int aOff, int lda, double[] s,
                             double[] u, int uOff, int ldu, double[] vt, int vtOff, int ldvt, double[] superb) {
        int[] sh = checkSvd("dgesvd", jobu, jobvt, m, n, a, aOff, lda, s, u, uOff, ldu, vt, vtOff, ldvt);
        vector("dgesvd", "superb", superb.length, Math.max(1, Math.min(m, n) - 1));
        double[] ca = inOut(a, aOff, lda, m, n);
        double[] cu = inOut(u, uOff, ldu, sh[0], sh[1]);
        double[] cvt = inOut(vt, vtOff, ldvt, sh[2], sh[3]);
        int info = openblas.LAPACKE_dgesvd(COL_MAJOR, ch(jobu), ch(jobvt), m, n, ca, lda, s, cu, ldu, cvt, ldvt,
                superb);
        back(ca, a, aOff);
        back(cu, u, uOff);
        back(cvt, vt, vtOff);
        return info;
    }

    /** Checks the SVD operands; returns {U rows, U cols, V' rows, V' cols} (zeros for job 'N'). */
    private static int[] checkSvd(String routine, char jobu, char jobvt, int m, int n, double[] a, int aOff, int lda,
                                  double[] s, double[] u, int uOff, int ldu, double[] vt, int vtOff, int ldvt) {
        Blas.checkGeneral(routine, m, n, a, aOff, lda);
        vector(routine, "s", s.length, Math.min(m, n));
        int[] su = svdShapes(routine, jobu, m, n);
        int[] sv = svdShapes(routine, jobvt, m, n);
        if (jobu != 'N') {
            Blas.checkGeneral(routine + " (U)", su[0], su[1], u, uOff, ldu);
        }
        if (jobvt != 'N') {
            Blas.checkGeneral(routine + " (V')", sv[2], sv[3], vt, vtOff, ldvt);
        }
        return new int[] {su[0], su[1], sv[2], sv[3]};
    }

    // ------------------------------------------------------------------ symmetric and general eigenproblems

    /**
     * {@code dsyevr}: eigenvalues ({@code w}, ascending, length {@code >= n}) and for {@code jobz = 'V'} orthonormal
     * eigenvectors ({@code z[zOff..]}, {@code n x n} reserved, the first {@code found[0]} columns written) of the
     * symmetric {@code n x n} matrix whose {@code uplo} triangle is at {@code a[aOff..]} (destroyed); {@code range}
     * 'A' (all), 'V' (values in {@code (vl, vu]}) or 'I' (1-based indices {@code il..iu}); {@code isuppz} needs
     * length {@code >= 2 max(1, n)}.
     */
    static int dsyevr(char jobz, char range, char uplo, int n, double[] a, int aOff, int lda, double vl, double vu,
                      int il, int iu, double abstol, int[] found, double[] w, double[] z, int zOff, int ldz,
                      int[] isuppz) {
        checkSyevr(jobz, n, a, aOff, lda, found, w, z, zOff, ldz, isuppz);
        MethodHandle h = Syevr.SYEVR;
        if (h == null) {
            return dsyevrCopying(jobz, range, uplo, n, a, aOff, lda, vl, vu, il, iu, abstol, found, w, z, zOff, ldz,
                    isuppz);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(jobz), ch(range), ch(uplo), n, a, b8(aOff), lda, vl, vu, il, iu,
                    abstol, found, 0L, w, 0L, z, b8(zOff), ldz, isuppz, 0L);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dsyevr} through JavaCPP (copies). */
    static int dsyevrCopying(char jobz, char range, char uplo, int n, double[] a, int aOff, int lda, double vl,
                             double vu, int il, int iu, double abstol, int[] found, double[] w, double[] z, int zOff,
                             int ldz, int[] isuppz) {
        checkSyevr(jobz, n, a, aOff, lda, found, w, z, zOff, ldz, isuppz);
        double[] ca = inOut(a, aOff, lda, n, n);
        double[] cz = jobz == 'V' ? inOut(z, zOff, ldz, n, n) : z;
        int info = openblas.LAPACKE_dsyevr(COL_MAJOR, ch(jobz), ch(range), ch(uplo), n, ca, lda, vl, vu, il, iu,
                abstol, found, w, cz, ldz, isuppz);
        back(ca, a, aOff);
        if (jobz == 'V') {
            back(cz, z, zOff);
        }
        return info;
    }

    private static void checkSyevr(char jobz, int n, double[] a, int aOff, int lda, int[] found, double[] w,
                                   double[] z, int zOff, int ldz, int[] isuppz) {
        Blas.checkGeneral("dsyevr", n, n, a, aOff, lda);
        vector("dsyevr", "m (found)", found.length, 1);
        vector("dsyevr", "w", w.length, n);
        vector("dsyevr", "isuppz", isuppz.length, 2 * Math.max(1, n));
        if (jobz == 'V') {
            Blas.checkGeneral("dsyevr (Z)", n, n, z, zOff, ldz);
        } else if (jobz != 'N') {
            throw new IllegalArgumentException("dsyevr: unsupported jobz '" + jobz + "' (N or V)");
        }
    }

    /**
     * {@code dgeev}: eigenvalues ({@code wr + i wi}, length {@code >= n} each) and, for {@code jobvl} /
     * {@code jobvr = 'V'}, left / right eigenvectors ({@code n x n}, LAPACK's packed real form) of the general
     * {@code n x n} matrix at {@code a[aOff..]} (destroyed); for 'N' the vector array is not referenced.
     */
    static int dgeev(char jobvl, char jobvr, int n, double[] a, int aOff, int lda, double[] wr, double[] wi,
                     double[] vl, int ldvl, double[] vr, int ldvr) {
        checkGeev(jobvl, jobvr, n, a, aOff, lda, wr, wi, vl, ldvl, vr, ldvr);
        MethodHandle h = Geev.GEEV;
        if (h == null) {
            return dgeevCopying(jobvl, jobvr, n, a, aOff, lda, wr, wi, vl, ldvl, vr, ldvr);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(jobvl), ch(jobvr), n, a, b8(aOff), lda, wr, 0L, wi, 0L,
                    vl, 0L, ldvl, vr, 0L, ldvr);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dgeev} through JavaCPP (copies). */
    static int dgeevCopying(char jobvl, char jobvr, int n, double[] a, int aOff, int lda, double[] wr, double[] wi,
                            double[] vl, int ldvl, double[] vr, int ldvr) {
        checkGeev(jobvl, jobvr, n, a, aOff, lda, wr, wi, vl, ldvl, vr, ldvr);
        double[] ca = inOut(a, aOff, lda, n, n);
        int info = openblas.LAPACKE_dgeev(COL_MAJOR, ch(jobvl), ch(jobvr), n, ca, lda, wr, wi, vl, ldvl, vr, ldvr);
        back(ca, a, aOff);
        return info;
    }

    private static void checkGeev(char jobvl, char jobvr, int n, double[] a, int aOff, int lda, double[] wr,
                                  double[] wi, double[] vl, int ldvl, double[] vr, int ldvr) {
        Blas.checkGeneral("dgeev", n, n, a, aOff, lda);
        vector("dgeev", "wr", wr.length, n);
        vector("dgeev", "wi", wi.length, n);
        if (jobvl == 'V') {
            Blas.checkGeneral("dgeev (VL)", n, n, vl, 0, ldvl);
        }
        if (jobvr == 'V') {
            Blas.checkGeneral("dgeev (VR)", n, n, vr, 0, ldvr);
        }
    }

    // ------------------------------------------------------------------ Cholesky inverse

    /**
     * {@code dpotri}: overwrites the {@code uplo} triangle of the Cholesky factor at {@code a[off..]} (from
     * {@code dpotrf}) by that triangle of {@code A^-1}; the other triangle is neither read nor written.
     */
    static int dpotri(char uplo, int n, double[] a, int off, int lda) {
        Blas.checkGeneral("dpotri", n, n, a, off, lda);
        MethodHandle h = Potri.POTRI;
        if (h == null) {
            return dpotriCopying(uplo, n, a, off, lda);
        }
        try {
            return (int) h.invokeExact(COL_MAJOR, ch(uplo), n, a, b8(off), lda);
        } catch (Throwable t) {
            throw Blas.rethrow(t);
        }
    }

    /** {@link #dpotri} through JavaCPP (copies). */
    static int dpotriCopying(char uplo, int n, double[] a, int off, int lda) {
        Blas.checkGeneral("dpotri", n, n, a, off, lda);
        double[] ca = inOut(a, off, lda, n, n);
        int info = openblas.LAPACKE_dpotri(COL_MAJOR, ch(uplo), n, ca, lda);
        back(ca, a, off);
        return info;
    }

    // ------------------------------------------------------------------ helpers of the copying path

    private static void vector(String routine, String name, int length, int needed) {
        if (length < needed) {
            throw new IllegalArgumentException(routine + ": " + name + " has length " + length + ", needs " + needed);
        }
    }

    /** Elements an {@code rows x cols} operand with leading dimension {@code ld} spans (at least 1). */
    private static int span(int ld, int rows, int cols) {
        return rows == 0 || cols == 0 ? 1 : ld * (cols - 1) + rows;
    }

    /**
     * An operand LAPACK writes, for JavaCPP's array overloads (which pass the array from index 0): the array itself
     * at offset 0, else a copy of the region it spans (written back by {@link #back}).
     */
    private static double[] inOut(double[] a, int off, int ld, int rows, int cols) {
        return off == 0 ? a : Arrays.copyOfRange(a, off, off + span(ld, rows, cols));
    }

    /** A read-only operand: always a copy (JavaCPP writes its native copy back into the array it was given). */
    private static double[] in(double[] a, int off, int ld, int rows, int cols) {
        return Arrays.copyOfRange(a, off, off + span(ld, rows, cols));
    }

    private static void back(double[] copy, double[] a, int off) {
        if (copy != a) {
            System.arraycopy(copy, 0, a, off, Math.min(copy.length, a.length - off));
        }
    }
}
