package dev.derive.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.derive.linalg.SparseMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LibSVM / svmlight: 1-based indices, qid, comments, errors, round trips. */
class LibSvmTest {

    @TempDir
    Path dir;

    private static LibSvm.Data read(String text, int p) throws IOException {
        return LibSvm.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.svm", p);
    }

    @Test
    void readsLabelsIndicesAndComments() throws IOException {
        LibSvm.Data d = read("# header comment\n+1 1:0.5 3:-2 # trailing\n-1\n\n2.5 2:1e3 4:7\n", 0);
        assertArrayEquals(new double[] {1, -1, 2.5}, d.y());
        assertNull(d.qid());
        SparseMatrix x = d.x();
        assertEquals(3, x.rows());
        assertEquals(4, x.cols());
        assertEquals(0.5, x.get(0, 0));
        assertEquals(-2.0, x.get(0, 2));
        assertEquals(0, x.rowNnz(1));
        assertEquals(1000.0, x.get(2, 1));
        assertEquals(7.0, x.get(2, 3));
        assertEquals(10, read("1 2:1\n", 10).x().cols(), "declared width");
    }

    @Test
    void queryIds() throws IOException {
        LibSvm.Data d = read("3 qid:1 1:1\n2 qid:1 2:1\n1 qid:7 1:0.5\n", 0);
        assertArrayEquals(new int[] {1, 1, 7}, d.qid());
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> read("3 qid:1 1:1\n2 2:1\n", 0));
        assertTrue(e.getMessage().startsWith("t.svm:2:") && e.getMessage().contains("missing qid"), e.getMessage());
    }

    @Test
    void malformedLinesNameTheLine() {
        String[][] cases = {
            {"1 1:2\n1 0:3\n", "t.svm:2:", "below 1"},
            {"1 3:2 2:1\n", "t.svm:1:", "must increase"},
            {"1 2:2 2:1\n", "t.svm:1:", "must increase"},
            {"1 1:2\nabc 1:1\n", "t.svm:2:", "numeric label"},
            {"1,2 1:1\n", "t.svm:1:", "multi-label"},
            {"1 1:x\n", "t.svm:1:", "numeric value"},
            {"1 a:1\n", "t.svm:1:", "integer feature index"},
            {"1 1-2\n", "t.svm:1:", "index:value"},
        };
        for (String[] c : cases) {
            MalformedDataException e = assertThrows(MalformedDataException.class, () -> read(c[0], 0), c[0]);
            assertTrue(e.getMessage().startsWith(c[1]) && e.getMessage().contains(c[2]), e.getMessage());
        }
        MalformedDataException wide = assertThrows(MalformedDataException.class, () -> read("1 5:1\n", 3));
        assertTrue(wide.getMessage().contains("exceeds the declared 3"), wide.getMessage());
    }

    @Test
    void roundTrip() throws IOException {
        Random r = new Random(5);
        int n = 50;
        int p = 30;
        int[] ri = new int[200];
        int[] cj = new int[200];
        double[] v = new double[200];
        for (int k = 0; k < 200; k++) {
            ri[k] = r.nextInt(n);
            cj[k] = r.nextInt(p);
            v[k] = r.nextGaussian() * Math.pow(10, r.nextInt(10) - 5);
        }
        SparseMatrix x = SparseMatrix.fromTriplets(n, p, ri, cj, v);
        double[] y = new double[n];
        int[] qid = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextBoolean() ? r.nextInt(3) : r.nextGaussian();
            qid[i] = i / 10;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LibSvm.write(out, x, y, qid);
        LibSvm.Data d = LibSvm.read(new ByteArrayInputStream(out.toByteArray()), "mem", p);
        assertArrayEquals(x.rowPointers(), d.x().rowPointers());
        assertArrayEquals(x.columnIndices(), d.x().columnIndices());
        assertArrayEquals(x.values(), d.x().values());
        assertArrayEquals(y, d.y());
        assertArrayEquals(qid, d.qid());
        Path gz = dir.resolve("x.svm.gz");
        LibSvm.write(gz, x, y, null);
        LibSvm.Data g = LibSvm.read(gz, p);
        assertArrayEquals(x.values(), g.x().values());
        assertNull(g.qid());
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().allMatch(l -> l.matches("\\S+ qid:\\d+( \\d+:\\S+)*")));
    }
}
