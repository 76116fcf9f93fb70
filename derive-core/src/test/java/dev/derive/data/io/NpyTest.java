package dev.derive.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.Matrix;
import dev.derive.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** NPY files written by numpy read back exactly; our files round-trip; bad input is refused before allocating. */
class NpyTest {

    private static final Fixtures EXPECTED = Fixtures.load("npy_values.txt");

    private static Npy.Array load(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/fixtures/npy/" + name + ".npy")) {
            assertNotNull(in, name);
            return Npy.read(in, 1_000_000, name);
        }
    }

    private static double[] rowMajor(Matrix m) {
        double[] out = new double[m.rows() * m.cols()];
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                out[i * m.cols() + j] = m.get(i, j);
            }
        }
        return out;
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToLongBits(expected[k]), Double.doubleToLongBits(actual[k]),
                    what + " element " + k + ": expected " + expected[k] + " got " + actual[k]);
        }
    }

    @Test
    void readsEveryDtypeByteOrderAndLayoutWrittenByNumpy() throws IOException {
        int files = 0;
        for (String kind : new String[] {"f8", "f4", "i4", "i8", "b1"}) {
            for (String endian : kind.equals("b1") ? new String[] {"na"} : new String[] {"le", "be"}) {
                for (String layout : new String[] {"1d", "C", "F"}) {
                    String name = kind + "_" + endian + "_" + layout;
                    Npy.Array a = load(name);
                    Matrix exp = EXPECTED.matrix(name);
                    assertSameBits(rowMajor(exp), a.toDoubles(), name);
                    assertEquals(layout.equals("F"), a.fortranOrder(), name);
                    assertArrayEquals(layout.equals("1d") ? new int[] {7} : new int[] {3, 4}, a.shape(), name);
                    if (!layout.equals("1d")) {
                        Matrix m = a.toMatrix();
                        assertSameBits(rowMajor(exp), rowMajor(m), name + " as matrix");
                    }
                    files++;
                }
            }
        }
        assertEquals(27, files);
    }

    @Test
    void dtypesAndIntegerViews() throws IOException {
        assertEquals(Npy.DType.FLOAT32, load("f4_be_C").dtype());
        assertEquals(Npy.DType.INT64, load("i8_le_F").dtype());
        long[] raw = (long[]) load("i8_le_1d").data();
        assertEquals((1L << 40) + 3, raw[3]);
        int[] ints = load("i4_be_C").toInts();
        assertEquals(Integer.MAX_VALUE, ints[3]);
        assertEquals(Integer.MIN_VALUE, ints[4]);
        assertArrayEquals(new int[] {1, 0, 1, 1, 0, 0, 1}, load("b1_na_1d").toInts());
        // 2^40 + 3 does not fit in an int
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load("i8_le_C").toInts());
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load("f8_le_C").toInts());
    }

    @Test
    void formatVersion2ZeroDimensionalAndEmpty() throws IOException {
        assertSameBits(rowMajor(EXPECTED.matrix("f8_le_F_v2")), load("f8_le_F_v2").toDoubles(), "v2");
        assertSameBits(rowMajor(EXPECTED.matrix("i4_be_C_v2")), load("i4_be_C_v2").toDoubles(), "v2 big endian");
        Npy.Array scalar = load("f8_le_0d");
        assertEquals(0, scalar.ndim());
        assertArrayEquals(new double[] {2.5}, scalar.toDoubles());
        Npy.Array empty = load("f8_le_empty");
        assertArrayEquals(new int[] {0, 3}, empty.shape());
        assertEquals(0, empty.toMatrix().rows());
        assertEquals(3, empty.toMatrix().cols());
    }

    @Test
    void refusesDtypesItDoesNotUnderstand() {
        for (String[] c : new String[][] {{"bad_object", "object arrays"}, {"bad_structured", "structured"},
            {"bad_unicode", "unsupported dtype '<U2'"}, {"bad_complex", "unsupported dtype '<c16'"},
            {"bad_u2", "unsupported dtype '<u2'"}}) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> load(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertTrue(e.getMessage().startsWith(c[0]), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- writing

    @Test
    void roundTripsMatricesVectorsAndViews() throws IOException {
        Random r = new Random(3);
        Matrix m = Matrix.randn(5, 3, r);
        m.set(0, 0, Double.NaN);
        m.set(1, 1, -0.0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, m);
        Matrix back = Npy.readMatrix(new ByteArrayInputStream(out.toByteArray()), 100);
        assertSameBits(rowMajor(m), rowMajor(back), "matrix");
        assertEquals(0, (out.size() - 15 * 8) % 64, "header padded to a multiple of 64 bytes");

        Matrix block = m.block(1, 1, 3, 2);
        out.reset();
        Npy.write(out, block);
        assertSameBits(rowMajor(block), rowMajor(Npy.readMatrix(new ByteArrayInputStream(out.toByteArray()), 100)), "block");

        double[] v = {1.5, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
        out.reset();
        Npy.write(out, v);
        assertSameBits(v, Npy.readDoubles(new ByteArrayInputStream(out.toByteArray()), 100), "vector");

        int[] iv = {Integer.MIN_VALUE, 0, 7};
        out.reset();
        Npy.write(out, iv);
        assertArrayEquals(iv, Npy.readInts(new ByteArrayInputStream(out.toByteArray()), 100));

        long[] lv = {Long.MAX_VALUE, -1};
        out.reset();
        Npy.write(out, lv);
        assertArrayEquals(lv, (long[]) Npy.read(new ByteArrayInputStream(out.toByteArray()), 100).data());

        boolean[] bv = {true, false, true};
        out.reset();
        Npy.write(out, bv);
        assertArrayEquals(new int[] {1, 0, 1}, Npy.readInts(new ByteArrayInputStream(out.toByteArray()), 100));

        float[] fv = {0.1f, Float.NaN, -3f};
        out.reset();
        Npy.write(out, fv);
        assertArrayEquals(fv, (float[]) Npy.read(new ByteArrayInputStream(out.toByteArray()), 100).data());

        double[] rm = {1, 2, 3, 4, 5, 6};
        out.reset();
        Npy.writeRowMajor(out, rm, 2, 3);
        Matrix two = Npy.readMatrix(new ByteArrayInputStream(out.toByteArray()), 100);
        assertEquals(6.0, two.get(1, 2));
        assertEquals(3.0, two.get(0, 2));
    }

    @Test
    void headerMatchesNumpyConventions() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, Matrix.zeros(2, 3));
        byte[] b = out.toByteArray();
        int headerLen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        assertEquals(1, b[6]);
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }", header.strip());
        assertTrue(header.endsWith("\n"));
        out.reset();
        Npy.write(out, new double[4]);
        assertTrue(new String(out.toByteArray(), StandardCharsets.ISO_8859_1).contains("'shape': (4,), }"));
    }

    // ---------------------------------------------------------------- safety

    private static byte[] file(int major, String header, int dataBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        out.write(h.length & 0xff);
        out.write(h.length >>> 8);
        if (major >= 2) {
            out.write(0);
            out.write(0);
        }
        out.writeBytes(h);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    private static MalformedDataException bad(byte[] bytes, long max) {
        return assertThrows(MalformedDataException.class, () -> Npy.read(new ByteArrayInputStream(bytes), max));
    }

    @Test
    void checksDeclaredShapeBeforeAllocating() {
        String huge = "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }\n";
        MalformedDataException e = bad(file(1, huge, 16), 1_000_000);
        assertTrue(e.getMessage().contains("(100000, 100000)") && e.getMessage().contains("1000000"), e.getMessage());
        String overflow = "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }\n";
        assertTrue(bad(file(1, overflow, 0), Long.MAX_VALUE).getMessage().contains("maximum"));
        String ok = "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }\n";
        assertTrue(bad(file(1, ok, 10 * 8), 9).getMessage().contains("maximum of 9"));
    }

    @Test
    void refusesLongHeadersTruncatedDataAndGarbage() {
        String longHeader = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + " ".repeat(20_000) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0});
        int len = longHeader.length();
        out.writeBytes(new byte[] {(byte) len, (byte) (len >>> 8), (byte) (len >>> 16), 0});
        out.writeBytes(longHeader.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(bad(out.toByteArray(), 100).getMessage().contains("exceeds the limit of 10000"));

        String h = "{'descr': '<f8', 'fortran_order': False, 'shape': (10,), }\n";
        MalformedDataException trunc = bad(file(1, h, 37), 100);
        assertTrue(trunc.getMessage().contains("file ends after 37 of 80 data bytes"), trunc.getMessage());

        assertTrue(bad("not numpy at all".getBytes(StandardCharsets.ISO_8859_1), 10).getMessage().contains("\\x93NUMPY"));
        assertTrue(bad(new byte[3], 10).getMessage().contains("file ends inside the magic"));
        assertTrue(bad(file(9, h, 80), 100).getMessage().contains("version 9.0"));
        assertTrue(bad(file(1, "{'descr': '<f8', 'shape': (1,), }\n", 8), 100).getMessage().contains("lacks 'fortran_order'"));
        assertTrue(bad(file(1, "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (1,), }\n", 8), 100)
                .getMessage().contains("True or False"));
        assertTrue(bad(file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }\n", 8), 100)
                .getMessage().contains("non-negative dimension"));
        assertTrue(bad(file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}\n", 8), 100)
                .getMessage().contains("unexpected key 'x'"));
        assertTrue(bad(file(1, "[1, 2]\n", 8), 100).getMessage().contains("not a Python dict"));
        assertTrue(bad(file(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }\n", 0), 100)
                .getMessage().contains("file ends after 0 of 2"));
        byte[] badBool = file(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }\n", 2);
        badBool[badBool.length - 1] = 7;
        assertTrue(bad(badBool, 100).getMessage().contains("byte value 7"));
    }

    @Test
    void wrongDimensionalityForTheConvenienceReaders() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, new double[] {1, 2});
        byte[] vec = out.toByteArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.readMatrix(new ByteArrayInputStream(vec), 10));
        assertTrue(e.getMessage().contains("expected a 2-D array, got shape [2]"), e.getMessage());
        assertEquals(Arrays.toString(new double[] {1, 2}), Arrays.toString(Npy.readDoubles(new ByteArrayInputStream(vec), 10)));
    }
}
