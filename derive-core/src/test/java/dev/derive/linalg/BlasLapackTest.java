package dev.derive.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Blas#dpotrfLower} / {@link Blas#dpotrsLower} (zero-copy FFM downcalls of {@code LAPACKE_dpotrf} /
 * {@code LAPACKE_dpotrs} when available) against the copying JavaCPP calls of the same routines: the same LAPACK code
 * on the same numbers, so every bit of the output array (factor, untouched upper triangle, padding around a view)
 * must agree. Under {@code -Dderive.blas.ffm=false} both sides are the JavaCPP path and the test still holds.
 */
class BlasLapackTest {

    /**
     * An n x n SPD matrix {@code B'B/m + 0.1 I} (B Gaussian (n+2) x n) stored at {@code off} with leading dimension
     * {@code lda} in an array whose other entries (strict upper triangle, padding) are random garbage.
     */
    private static double[] spdIn(int n, int off, int lda, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int m = n + 2;
        double[] b = new double[m * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] a = new double[off + lda * Math.max(0, n - 1) + n + 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1e3 * r.nextGaussian(); // garbage that must survive where LAPACK must not write
        }
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                double s = 0;
                for (int t = 0; t < m; t++) {
                    s += b[t + i * m] * b[t + j * m];
                }
                a[off + i + j * lda] = s / m + (i == j ? 0.1 : 0);
            }
        }
        return a;
    }

    private static void assertBitIdentical(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " differs: " + expected[i] + " vs " + actual[i]);
            }
        }
    }

    @Test
    void zeroCopyPathIsUsedWhereFfmIsAvailable() {
        boolean ffmWanted = Boolean.parseBoolean(System.getProperty("derive.blas.ffm", "true"))
                && Boolean.parseBoolean(System.getProperty("derive.lapack.ffm", "true"));
        assumeTrue(Runtime.version().feature() >= 22 && ffmWanted,
                "FFM critical downcalls need JDK 22+ and derive.blas.ffm / derive.lapack.ffm not false");
        assertTrue(Blas.lapackZeroCopy(), Blas.backend());
    }

    /**
     * With FFM on Linux the bundled OpenBLAS is opened directly (one copy in the process), not through JavaCPP's
     * Loader.load, which also loads JavaCPP's JNI bindings and a second OpenBLAS (libopenblas_nolapack).
     */
    @Test
    void bundledOpenBlasIsLoadedDirectlyWithFfmOnLinux() {
        boolean ffmWanted = Boolean.parseBoolean(System.getProperty("derive.blas.ffm", "true"));
        assumeTrue(Runtime.version().feature() >= 22 && ffmWanted, "FFM needs JDK 22+ and derive.blas.ffm not false");
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the direct load is for Linux only");
        assumeTrue(System.getProperty("org.bytedeco.openblas.load", "").isEmpty(),
                "org.bytedeco.openblas.load asks JavaCPP for the library");
        assertTrue(Blas.backend().contains("bundled library loaded directly from")
                && Blas.backend().contains("libopenblas.so.0"), Blas.backend());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17, 64, 65, 130, 257})
    void dpotrfBitIdenticalToCopyingPathContiguousAndViews(int n) {
        int[][] layouts = {{0, n}, {5, n}, {0, n + 3}, {11, n + 4}};
        for (int[] lay : layouts) {
            int off = lay[0];
            int lda = lay[1];
            for (long seed = 1; seed <= 2; seed++) {
                double[] zero = spdIn(n, off, lda, seed * 1000 + n);
                double[] copy = zero.clone();
                double[] orig = zero.clone();
                int i1 = Blas.dpotrfLower(n, zero, off, lda);
                int i2 = Blas.dpotrfLowerCopying(n, copy, off, lda);
                assertEquals(0, i1, "info n=" + n);
                assertEquals(0, i2, "info (copying) n=" + n);
                String what = "dpotrf n=" + n + " off=" + off + " lda=" + lda;
                assertBitIdentical(copy, zero, what);
                // outside the lower triangle of the view nothing changed
                for (int k = 0; k < orig.length; k++) {
                    int rel = k - off;
                    int i = rel < 0 ? -1 : rel % lda;
                    int j = rel < 0 ? -1 : rel / lda;
                    boolean inLower = rel >= 0 && j < n && i < n && i >= j;
                    if (!inLower) {
                        assertEquals(Double.doubleToRawLongBits(orig[k]), Double.doubleToRawLongBits(zero[k]),
                                what + ": element " + k + " outside the lower triangle was written");
                    }
                }
                // and it is a Cholesky factor: A = L L' (mathematics, not just agreement of two paths)
                double err = 0;
                double scale = 0;
                for (int j = 0; j < n; j++) {
                    for (int i = j; i < n; i++) {
                        double s = 0;
                        for (int t = 0; t <= j; t++) {
                            s += zero[off + i + t * lda] * zero[off + j + t * lda];
                        }
                        double aij = orig[off + i + j * lda];
                        err = Math.max(err, Math.abs(s - aij));
                        scale = Math.max(scale, Math.abs(aij));
                    }
                }
                assertTrue(err <= 1e-13 * n * scale, what + ": |A - LL'| = " + err);
            }
        }
    }

    @Test
    void viewGivesTheSameFactorAsAContiguousCopy() {
        int n = 97;
        int off = 13;
        int lda = 101;
        double[] view = spdIn(n, off, lda, 42);
        double[] dense = new double[n * n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(view, off + j * lda, dense, j * n, n);
        }
        assertEquals(0, Blas.dpotrfLower(n, view, off, lda));
        assertEquals(0, Blas.dpotrfLower(n, dense, 0, n));
        double maxDiff = 0;
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(view[off + i + j * lda] - dense[i + j * n]));
            }
        }
        assertTrue(maxDiff <= 1e-13, "view vs contiguous factor differ by " + maxDiff);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 50, 200})
    void notPositiveDefiniteGivesTheSameInfoAndArray(int n) {
        for (int bad : new int[] {0, n / 2, n - 1}) {
            double[] a = spdIn(n, 3, n + 1, 7 + n + bad);
            // make the leading minor of order bad+1 indefinite: a_bb far below what the previous rows allow
            a[3 + bad + bad * (n + 1)] = -1;
            double[] copy = a.clone();
            int i1 = Blas.dpotrfLower(n, a, 3, n + 1);
            int i2 = Blas.dpotrfLowerCopying(n, copy, 3, n + 1);
            assertEquals(bad + 1, i1, "info n=" + n + " bad=" + bad);
            assertEquals(i2, i1);
            assertBitIdentical(copy, a, "failed dpotrf n=" + n + " bad=" + bad);
        }
    }

    @Test
    void choleskyErrorMessageForNonSpdMatrixIsUnchanged() {
        Matrix a = Matrix.diag(1, 2, -1, 4);
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class, () -> Cholesky.of(a));
        assertEquals(3, e.failedMinor());
        assertEquals("Cholesky: the 4x4 matrix is not positive definite: its leading minor of order 3 is not positive"
                + " (dpotrf failed at diagonal entry 2); try Cholesky.withJitter for a matrix that is only semi-definite",
                e.getMessage());
    }

    @Test
    void nanIsReportedAsIllegalArgumentByBothPaths() {
        double[] a = spdIn(6, 0, 6, 3);
        a[2 + 1 * 6] = Double.NaN;
        double[] copy = a.clone();
        assertEquals(-4, Blas.dpotrfLower(6, a, 0, 6)); // LAPACKE's NaN check: argument 4 (A)
        assertEquals(-4, Blas.dpotrfLowerCopying(6, copy, 0, 6));
        assertBitIdentical(copy, a, "NaN input");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9, 64, 150})
    void dpotrsBitIdenticalToCopyingPath(int n) {
        int off = 2;
        int lda = n + 1;
        double[] l = spdIn(n, off, lda, 99 + n);
        double[] a = l.clone();
        assertEquals(0, Blas.dpotrfLower(n, l, off, lda));
        double[] lBefore = l.clone();
        SplittableRandom r = new SplittableRandom(n);
        for (int nrhs : new int[] {1, 3, 20}) {
            int bOff = 4;
            int ldb = n + 2;
            double[] b = new double[bOff + ldb * (nrhs - 1) + n + 3];
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextGaussian();
            }
            double[] rhs = b.clone();
            double[] bc = b.clone();
            assertEquals(0, Blas.dpotrsLower(n, nrhs, l, off, lda, b, bOff, ldb));
            assertEquals(0, Blas.dpotrsLowerCopying(n, nrhs, l, off, lda, bc, bOff, ldb));
            assertBitIdentical(bc, b, "dpotrs n=" + n + " nrhs=" + nrhs);
            assertBitIdentical(lBefore, l, "dpotrs must not modify L");
            // A x = rhs (residual against the original lower triangle, mirrored)
            for (int c = 0; c < nrhs; c++) {
                double worst = 0;
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        double aij = i >= j ? a[off + i + j * lda] : a[off + j + i * lda];
                        s += aij * b[bOff + j + c * ldb];
                    }
                    worst = Math.max(worst, Math.abs(s - rhs[bOff + i + c * ldb]));
                }
                assertTrue(worst <= 1e-9, "dpotrs residual " + worst + " n=" + n);
            }
            for (int i = 0; i < bOff; i++) {
                assertEquals(rhs[i], b[i], "dpotrs wrote before B");
            }
        }
    }

    @Test
    void rejectsBadShapesNamingTheParameter() {
        double[] a = new double[9];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Blas.dpotrfLower(3, a, 0, 2));
        assertTrue(e.getMessage().contains("leading dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blas.dpotrfLower(3, a, 1, 3));
        assertTrue(e.getMessage().contains("needs 10 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blas.dpotrfLower(-1, a, 0, 3));
        assertTrue(e.getMessage().contains("negative size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Blas.dpotrsLower(3, 2, a, 0, 3, new double[5], 0, 3));
        assertTrue(e.getMessage().contains("dpotrsLower") && e.getMessage().contains("needs 6"), e.getMessage());
        assertEquals(0, Blas.dpotrfLower(0, new double[0], 0, 1));
        assertArrayEquals(new double[9], a);
    }

    // ------------------------------------------------------------------ the other LAPACK routines (Lapack.*)

    /** Layouts {offset, leading dimension} for an operand with {@code rows} rows: contiguous, offset, padded, both. */
    private static int[][] layouts(int rows) {
        return new int[][] {{0, rows}, {5, rows}, {0, rows + 3}, {11, rows + 4}};
    }

    /** An array holding a Gaussian {@code rows x cols} matrix at {@code off} / {@code ld}, garbage elsewhere. */
    private static double[] general(int rows, int cols, int off, int ld, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[off + ld * Math.max(0, cols - 1) + rows + 7];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1e3 * r.nextGaussian();
        }
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                a[off + i + j * ld] = r.nextGaussian();
            }
        }
        return a;
    }

    private static void assertBitIdentical(int[] expected, int[] actual, String what) {
        assertArrayEquals(expected, actual, what);
    }

    @Test
    void lapackWrappersAreZeroCopyWhereFfmIsAvailable() {
        boolean ffmWanted = Boolean.parseBoolean(System.getProperty("derive.blas.ffm", "true"))
                && Boolean.parseBoolean(System.getProperty("derive.lapack.ffm", "true"));
        if (Runtime.version().feature() >= 22 && ffmWanted) {
            assertTrue(Lapack.ZERO_COPY && Lapack.allZeroCopy(), Lapack.path());
        } else {
            assertTrue(!Lapack.ZERO_COPY, Lapack.path()); // the switch really selects the copying path
        }
    }

    private static final int[][] SHAPES = {{1, 1}, {2, 2}, {9, 4}, {4, 9}, {65, 65}, {200, 30}, {30, 200}, {130, 129}};

    @Test
    void luRoutinesBitIdenticalToCopyingPath() {
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            for (int[] lay : layouts(m)) {
                String what = "dgetrf " + m + "x" + n + " off=" + lay[0] + " lda=" + lay[1];
                double[] z = general(m, n, lay[0], lay[1], 31L * m + n);
                double[] c = z.clone();
                int[] pz = new int[Math.min(m, n)];
                int[] pc = new int[Math.min(m, n)];
                assertEquals(Lapack.dgetrfCopying(m, n, c, lay[0], lay[1], pc), Lapack.dgetrf(m, n, z, lay[0], lay[1], pz));
                assertBitIdentical(c, z, what);
                assertBitIdentical(pc, pz, what + " ipiv");
                if (m != n) {
                    continue;
                }
                double[] rz = {0};
                double[] rc = {0};
                assertEquals(0, Lapack.dgecon('1', n, z, lay[0], lay[1], 3.5, rz));
                assertEquals(0, Lapack.dgeconCopying('1', n, z, lay[0], lay[1], 3.5, rc));
                assertBitIdentical(rc, rz, what + " dgecon");
                for (int nrhs : new int[] {1, 3}) {
                    double[] bz = general(n, nrhs, 2, n + 1, n + nrhs);
                    double[] bc = bz.clone();
                    double[] rhs = bz.clone();
                    double[] f = z.clone();
                    int[] pf = pz.clone();
                    assertEquals(0, Lapack.dgetrs('N', n, nrhs, z, lay[0], lay[1], pz, bz, 2, n + 1));
                    assertEquals(0, Lapack.dgetrsCopying('N', n, nrhs, z, lay[0], lay[1], pz, bc, 2, n + 1));
                    assertBitIdentical(bc, bz, what + " dgetrs nrhs=" + nrhs);
                    assertBitIdentical(f, z, what + " dgetrs must not modify the factors");
                    assertBitIdentical(pf, pz, what + " dgetrs must not modify ipiv");
                    // and it solves A x = b (A rebuilt from the untouched original)
                    double[] a = general(m, n, lay[0], lay[1], 31L * m + n);
                    assertTrue(residual(n, nrhs, a, lay[0], lay[1], bz, rhs, 2, n + 1) <= 1e-8 * n, what);
                }
                double[] iz = z.clone();
                double[] ic = z.clone();
                assertEquals(Lapack.dgetriCopying(n, ic, lay[0], lay[1], pz), Lapack.dgetri(n, iz, lay[0], lay[1], pz));
                assertBitIdentical(ic, iz, what + " dgetri");
            }
        }
    }

    /** max |A x - b| over the columns, A general n x n at off/lda, x and b at bOff/ldb. */
    private static double residual(int n, int nrhs, double[] a, int off, int lda, double[] x, double[] b, int bOff,
                                   int ldb) {
        double worst = 0;
        for (int c = 0; c < nrhs; c++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[off + i + j * lda] * x[bOff + j + c * ldb];
                }
                worst = Math.max(worst, Math.abs(s - b[bOff + i + c * ldb]));
            }
        }
        return worst;
    }

    @Test
    void singularLuGivesTheSameInfoAndArrays() {
        int n = 6;
        double[] z = general(n, n, 3, n + 2, 5);
        for (int i = 0; i < n; i++) {
            z[3 + i + 2 * (n + 2)] = 0; // a zero column: a zero pivot
        }
        double[] c = z.clone();
        int[] pz = new int[n];
        int[] pc = new int[n];
        int info = Lapack.dgetrf(n, n, z, 3, n + 2, pz);
        assertTrue(info > 0, "info " + info);
        assertEquals(Lapack.dgetrfCopying(n, n, c, 3, n + 2, pc), info);
        assertBitIdentical(c, z, "singular dgetrf");
        assertBitIdentical(pc, pz, "singular dgetrf ipiv");
    }

    @Test
    void qrRoutinesBitIdenticalToCopyingPath() {
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = Math.min(m, n);
            for (int[] lay : layouts(m)) {
                String what = m + "x" + n + " off=" + lay[0] + " lda=" + lay[1];
                double[] z = general(m, n, lay[0], lay[1], 17L * m + n);
                double[] c = z.clone();
                double[] tz = new double[k];
                double[] tc = new double[k];
                assertEquals(Lapack.dgeqrfCopying(m, n, c, lay[0], lay[1], tc), Lapack.dgeqrf(m, n, z, lay[0], lay[1], tz));
                assertBitIdentical(c, z, "dgeqrf " + what);
                assertBitIdentical(tc, tz, "dgeqrf tau " + what);

                double[] pz = general(m, n, lay[0], lay[1], 19L * m + n);
                double[] pcArr = pz.clone();
                int[] jz = new int[n];
                int[] jc = new int[n];
                double[] tpz = new double[k];
                double[] tpc = new double[k];
                assertEquals(Lapack.dgeqp3Copying(m, n, pcArr, lay[0], lay[1], jc, tpc),
                        Lapack.dgeqp3(m, n, pz, lay[0], lay[1], jz, tpz));
                assertBitIdentical(pcArr, pz, "dgeqp3 " + what);
                assertBitIdentical(jc, jz, "dgeqp3 jpvt " + what);
                assertBitIdentical(tpc, tpz, "dgeqp3 tau " + what);

                // Q' C for a C with garbage around it, then the thin Q (m >= n only: dorgqr needs m >= columns)
                for (int p : new int[] {1, 4}) {
                    double[] cz = general(m, p, 1, m + 2, m + p);
                    double[] cc = cz.clone();
                    double[] before = z.clone();
                    assertEquals(0, Lapack.dormqr('L', 'T', m, p, k, z, lay[0], lay[1], tz, cz, 1, m + 2));
                    assertEquals(0, Lapack.dormqrCopying('L', 'T', m, p, k, z, lay[0], lay[1], tz, cc, 1, m + 2));
                    assertBitIdentical(cc, cz, "dormqr " + what + " p=" + p);
                    assertBitIdentical(before, z, "dormqr must not modify the reflectors " + what);
                }
                if (m >= n) {
                    double[] qz = z.clone();
                    double[] qc = z.clone();
                    assertEquals(0, Lapack.dorgqr(m, k, k, qz, lay[0], lay[1], tz));
                    assertEquals(0, Lapack.dorgqrCopying(m, k, k, qc, lay[0], lay[1], tz));
                    assertBitIdentical(qc, qz, "dorgqr " + what);
                    // orthonormal columns
                    double worst = 0;
                    for (int i = 0; i < k; i++) {
                        for (int j = 0; j < k; j++) {
                            double s = 0;
                            for (int t = 0; t < m; t++) {
                                s += qz[lay[0] + t + i * lay[1]] * qz[lay[0] + t + j * lay[1]];
                            }
                            worst = Math.max(worst, Math.abs(s - (i == j ? 1 : 0)));
                        }
                    }
                    assertTrue(worst <= 1e-13 * m, "Q'Q - I = " + worst + " " + what);
                }
            }
        }
    }

    @Test
    void svdRoutinesBitIdenticalToCopyingPath() {
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int n = shape[1];
            int k = Math.min(m, n);
            for (char job : new char[] {'N', 'S', 'A'}) {
                int ur = job == 'N' ? 1 : m;
                int uc = job == 'N' ? 1 : job == 'S' ? k : m;
                int vr = job == 'N' ? 1 : job == 'S' ? k : n;
                int vc = job == 'N' ? 1 : n;
                int[] lay = layouts(m)[(m + n + job) % 4];
                String what = job + " " + m + "x" + n + " off=" + lay[0] + " lda=" + lay[1];
                for (int routine = 0; routine < 2; routine++) {
                    double[] az = general(m, n, lay[0], lay[1], 7L * m + n + job);
                    double[] ac = az.clone();
                    double[] sz = new double[k];
                    double[] sc = new double[k];
                    double[] uz = general(ur, uc, 3, ur + 1, 1);
                    double[] uCopy = uz.clone();
                    double[] vz = general(vr, vc, 2, vr + 2, 2);
                    double[] vCopy = vz.clone();
                    if (routine == 0) {
                        assertEquals(0, Lapack.dgesdd(job, m, n, az, lay[0], lay[1], sz, uz, 3, ur + 1, vz, 2, vr + 2));
                        assertEquals(0, Lapack.dgesddCopying(job, m, n, ac, lay[0], lay[1], sc, uCopy, 3, ur + 1,
                                vCopy, 2, vr + 2));
                    } else {
                        double[] bz = new double[Math.max(1, k - 1)];
                        double[] bc = new double[Math.max(1, k - 1)];
                        assertEquals(0, Lapack.dgesvd(job, job, m, n, az, lay[0], lay[1], sz, uz, 3, ur + 1, vz, 2,
                                vr + 2, bz));
                        assertEquals(0, Lapack.dgesvdCopying(job, job, m, n, ac, lay[0], lay[1], sc, uCopy, 3, ur + 1,
                                vCopy, 2, vr + 2, bc));
                        // superb is not compared: on success (info = 0) LAPACKE copies part of its uninitialised
                        // workspace there, so its last entries differ between any two calls
                    }
                    String r = (routine == 0 ? "dgesdd " : "dgesvd ") + what;
                    assertBitIdentical(ac, az, r + " A");
                    assertBitIdentical(sc, sz, r + " s");
                    assertBitIdentical(uCopy, uz, r + " U");
                    assertBitIdentical(vCopy, vz, r + " V'");
                    for (int i = 1; i < k; i++) {
                        assertTrue(sz[i - 1] >= sz[i] && sz[i] >= 0, r + ": singular values not sorted");
                    }
                }
            }
        }
    }

    @Test
    void symmetricEigenGeneralEigenAndPotriBitIdenticalToCopyingPath() {
        for (int n : new int[] {1, 2, 9, 65, 97}) {
            for (int[] lay : layouts(n)) {
                String what = "n=" + n + " off=" + lay[0] + " lda=" + lay[1];
                double[] sym = spdIn(n, lay[0], lay[1], 3L * n + lay[0]);
                for (char jobz : new char[] {'N', 'V'}) {
                    for (char range : new char[] {'A', 'V', 'I'}) {
                        double[] az = sym.clone();
                        double[] ac = sym.clone();
                        double[] wz = new double[n];
                        double[] wc = new double[n];
                        double[] zz = jobz == 'V' ? general(n, n, 4, n + 1, n) : new double[1];
                        double[] zc = zz.clone();
                        int ldz = jobz == 'V' ? n + 1 : 1;
                        int zOff = jobz == 'V' ? 4 : 0;
                        int[] fz = {-1};
                        int[] fc = {-1};
                        int[] iz = new int[2 * n];
                        int[] ic = new int[2 * n];
                        int il = 1;
                        int iu = Math.max(1, n / 2);
                        double vl = 0.2;
                        double vu = 1.5;
                        int i1 = Lapack.dsyevr(jobz, range, 'L', n, az, lay[0], lay[1], vl, vu, il, iu, 0, fz, wz, zz,
                                zOff, ldz, iz);
                        int i2 = Lapack.dsyevrCopying(jobz, range, 'L', n, ac, lay[0], lay[1], vl, vu, il, iu, 0, fc,
                                wc, zc, zOff, ldz, ic);
                        String r = "dsyevr " + jobz + range + " " + what;
                        assertEquals(0, i1, r);
                        assertEquals(i2, i1, r);
                        assertEquals(fc[0], fz[0], r + " count");
                        assertBitIdentical(ac, az, r + " A");
                        assertBitIdentical(wc, wz, r + " w");
                        assertBitIdentical(zc, zz, r + " Z");
                        assertBitIdentical(ic, iz, r + " isuppz");
                    }
                }
                double[] gz = general(n, n, lay[0], lay[1], 11L * n + lay[1]);
                double[] gc = gz.clone();
                double[][] wz = {new double[n], new double[n]};
                double[][] wc = {new double[n], new double[n]};
                double[] vz = new double[n * n];
                double[] vc = new double[n * n];
                double[] dummy = new double[1];
                assertEquals(0, Lapack.dgeev('N', 'V', n, gz, lay[0], lay[1], wz[0], wz[1], dummy, 1, vz, n));
                assertEquals(0, Lapack.dgeevCopying('N', 'V', n, gc, lay[0], lay[1], wc[0], wc[1], dummy, 1, vc, n));
                assertBitIdentical(gc, gz, "dgeev A " + what);
                assertBitIdentical(wc[0], wz[0], "dgeev wr " + what);
                assertBitIdentical(wc[1], wz[1], "dgeev wi " + what);
                assertBitIdentical(vc, vz, "dgeev VR " + what);

                double[] lz = sym.clone();
                assertEquals(0, Blas.dpotrfLower(n, lz, lay[0], lay[1]));
                double[] lc = lz.clone();
                assertEquals(0, Lapack.dpotri('L', n, lz, lay[0], lay[1]));
                assertEquals(0, Lapack.dpotriCopying('L', n, lc, lay[0], lay[1]));
                assertBitIdentical(lc, lz, "dpotri " + what);
            }
        }
    }

    @Test
    void lapackWrappersRejectUndersizedOperandsBeforeCallingLapack() {
        double[] a = new double[16];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lapack.dgetrf(4, 4, a, 0, 4, new int[3]));
        assertTrue(e.getMessage().contains("ipiv has length 3, needs 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lapack.dgeqrf(4, 4, a, 1, 4, new double[4]));
        assertTrue(e.getMessage().contains("needs 17 elements"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Lapack.dgesdd('S', 4, 4, a.clone(), 0, 4, new double[4], new double[15], 0, 4, new double[16], 0, 4));
        assertTrue(e.getMessage().contains("dgesdd (U)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Lapack.dsyevr('V', 'A', 'L', 4, a.clone(), 0, 4, 0, 0,
                0, 0, 0, new int[1], new double[4], new double[16], 0, 4, new int[7]));
        assertTrue(e.getMessage().contains("isuppz has length 7, needs 8"), e.getMessage());
        assertArrayEquals(new double[16], a);
    }
}
