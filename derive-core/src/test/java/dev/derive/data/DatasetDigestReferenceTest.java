package dev.derive.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Dataset#sha256()} (staged in blocks, bulk byte conversion) equals a straightforward encoding of the
 * byte stream its Javadoc defines, written here value by value: dense and sparse features, NaNs with odd
 * payloads, -0.0, stored zeros, categorical levels, regression targets, class labels, weights, matrix views,
 * and sizes that cross the implementation's 16,384-value blocks (a dense column, a target, one sparse row
 * and a run of sparse rows each longer than a block).
 */
class DatasetDigestReferenceTest {

    private static final double ODD_NAN = Double.longBitsToDouble(0x7ff0000000000123L);
    private static final double NEG_NAN = Double.longBitsToDouble(0xfff8000000000001L);

    /** The Javadoc's definition, one value at a time. */
    private static String reference(Dataset d) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        putLong(md, d.size());
        putLong(md, d.featureCount());
        if (d.isSparse()) {
            SparseMatrix s = d.sparseFeatures();
            md.update("csr;".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < s.rows(); i++) {
                SparseMatrix.Row row = s.row(i);
                List<Integer> cols = new ArrayList<>();
                List<Double> vals = new ArrayList<>();
                for (int t = 0; t < row.nnz(); t++) {
                    double v = row.values()[t];
                    if (v != 0.0) {  // 0.0 and -0.0 are not stored entries of the digest
                        cols.add(row.columns()[t]);
                        vals.add(v);
                    }
                }
                putLong(md, cols.size());
                for (int t = 0; t < cols.size(); t++) {
                    putLong(md, cols.get(t));
                    putLong(md, Double.doubleToLongBits(vals.get(t)));
                }
            }
        } else {
            Matrix x = d.features();
            for (int j = 0; j < x.cols(); j++) {
                for (int i = 0; i < x.rows(); i++) {
                    putLong(md, Double.doubleToLongBits(x.get(i, j)));
                }
            }
        }
        for (Dataset.Feature f : d.featureInfo()) {
            String levels = f.levels() == null ? "" : String.join("\u0001", f.levels());
            md.update((f.name() + "\u0000" + levels + "\u0000").getBytes(StandardCharsets.UTF_8));
        }
        md.update(("task=" + d.task().name() + ";target=" + d.targetName() + ";classes="
                + String.join("\u0001", d.classes()) + ";").getBytes(StandardCharsets.UTF_8));
        if (d.task() == Dataset.Task.REGRESSION) {
            for (double v : d.target()) {
                putLong(md, Double.doubleToLongBits(v));
            }
        } else if (d.task() == Dataset.Task.CLASSIFICATION) {
            for (int v : d.labels()) {
                putLong(md, v);
            }
        }
        md.update("weights;".getBytes(StandardCharsets.UTF_8));
        if (d.hasWeights()) {
            for (double v : d.weights()) {
                putLong(md, Double.doubleToLongBits(v));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void putLong(MessageDigest md, long v) {
        md.update(ByteBuffer.allocate(8).putLong(v).array());
    }

    private static double odd(SplittableRandom r) {
        return switch (r.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> ODD_NAN;
            case 2 -> NEG_NAN;
            case 3 -> -0.0;
            case 4 -> 0.0;
            case 5 -> Double.POSITIVE_INFINITY;
            case 6 -> Double.MIN_VALUE;
            default -> r.nextGaussian();
        };
    }

    private static Matrix denseOdd(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n * p];
        for (int i = 0; i < a.length; i++) {
            a[i] = odd(r);
        }
        return Matrix.wrap(n, p, a);
    }

    private static void check(Dataset d) throws Exception {
        assertEquals(reference(d), d.sha256(), d.toString());
    }

    @Test
    void denseRegressionWithOddValuesAcrossBlocks() throws Exception {
        int n = 40_000;  // one column is more than two 16,384-value blocks
        Matrix x = denseOdd(n, 3, 1);
        SplittableRandom r = new SplittableRandom(2);
        double[] y = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 5 == 0 ? -0.0 : i % 7 == 0 ? Double.MIN_VALUE : r.nextGaussian();  // targets are finite
            w[i] = i % 3 == 0 ? 0.0 : 1 + r.nextDouble();
        }
        Dataset d = Dataset.regression(x, y);
        check(d);
        check(d.withWeights(w));
        check(d.withWeights(w).withTargetName("price"));
    }

    @Test
    void denseClassificationWithLevelsAndWeights() throws Exception {
        int n = 20_001;
        Matrix x = denseOdd(n, 2, 3);
        int[] labels = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 3;
            w[i] = 0.5 + (i % 4);
        }
        Dataset d = Dataset.classification(x, labels, List.of("a", "b", "cé"));
        check(d);
        Dataset withLevels = d.withFeatures(List.of(Dataset.Feature.categorical("colour", List.of("red", "grün")),
                Dataset.Feature.numeric("size")));
        check(withLevels.withWeights(w));
    }

    @Test
    void matrixViewsAndUnlabeledData() throws Exception {
        Matrix big = denseOdd(30_000, 4, 4);
        Matrix view = big.block(7, 1, 25_000, 2);  // offset and leading dimension differ from a plain matrix
        check(Dataset.unlabeled(view));
        check(Dataset.regression(view, new double[25_000]));
        check(Dataset.unlabeled(Matrix.wrap(0, 3, new double[0])));
    }

    @Test
    void sparseWithStoredZerosNaNsAndLongRows() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        int rows = 3000;
        int cols = 40_000;
        int[] ptr = new int[rows + 1];
        List<Integer> ci = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            // row 10 holds 20,000 entries (more than a block); the others a few, often stored zeros
            int step = i == 10 ? 2 : 1 + r.nextInt(5000);
            for (int c = r.nextInt(3); c < cols; c += step) {
                ci.add(c);
                vs.add(odd(r));
                if (i != 10 && r.nextInt(4) == 0) {
                    break;
                }
            }
            ptr[i + 1] = ci.size();
        }
        int[] colArr = ci.stream().mapToInt(Integer::intValue).toArray();
        double[] valArr = vs.stream().mapToDouble(Double::doubleValue).toArray();
        SparseMatrix s = SparseMatrix.ofCsr(rows, cols, ptr, colArr, valArr);
        double[] y = new double[rows];
        int[] labels = new int[rows];
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 9 == 0 ? -0.0 : r.nextGaussian();
            labels[i] = i % 2;
            w[i] = 1 + (i % 3);
        }
        check(Dataset.regression(s, y));
        check(Dataset.regression(s, y).withWeights(w));
        check(Dataset.classification(s, labels));
        check(Dataset.unlabeled(s));
    }

    @Test
    void manySmallSparseRowsCrossBlocks() throws Exception {
        int rows = 12_000;  // 1 + 2 longs per row: blocks end inside rows
        int[] ptr = new int[rows + 1];
        int[] ci = new int[rows];
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
            ptr[i + 1] = i + 1;
            ci[i] = i % 7;
            v[i] = i % 11 == 0 ? 0.0 : i % 13 == 0 ? ODD_NAN : i * 0.5;
        }
        check(Dataset.regression(SparseMatrix.ofCsr(rows, 7, ptr, ci, v), new double[rows]));
    }
}
