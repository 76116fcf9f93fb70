package dev.derive.learn.metrics;

import dev.derive.linalg.Matrix;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Clustering metrics, each matching the scikit-learn 1.2.1 function it names.
 *
 * <p>Cluster labels are arbitrary {@code int} values: each distinct value is one cluster (so DBSCAN's
 * noise label -1 is a cluster of its own, as in scikit-learn), and the metrics are invariant to renaming
 * them. Feature matrices are {@code n x d}, one sample per row. Inputs must be non-empty and of matching
 * length; they are never modified. Natural logarithms throughout.
 */
public final class ClusteringMetrics {

    /** Distance blocks hold at most about this many doubles (8 MB), whatever n. */
    static final int BLOCK_ELEMENTS = 1 << 20;
    /**
     * A squared distance below this fraction of {@code |x_i|^2 + |x_j|^2} (after centring) is recomputed as
     * {@code sum (x_i - x_j)^2}: the Gram expansion loses its relative accuracy there to cancellation.
     */
    private static final double CANCELLATION_GUARD = 1e-3;

    private ClusteringMetrics() {
    }

    // ================================================================ silhouette

    /**
     * The mean silhouette coefficient over all samples, with Euclidean distances (scikit-learn
     * {@code silhouette_score(metric="euclidean")}); see {@link #silhouetteSamples(Matrix, int[])}.
     *
     * @throws IllegalArgumentException unless {@code 2 <= number of clusters <= n - 1}
     */
    public static double silhouetteScore(Matrix x, int[] labels) {
        return Sums.mean(silhouetteSamples(x, labels));
    }

    /**
     * The silhouette of each sample, {@code s_i = (b_i - a_i) / max(a_i, b_i)}, where {@code a_i} is the mean
     * Euclidean distance from sample {@code i} to the other members of its cluster and {@code b_i} the
     * smallest mean distance from {@code i} to the members of another cluster (Rousseeuw 1987; scikit-learn
     * {@code silhouette_samples}). A sample alone in its cluster has {@code s_i = 0}, as has a sample with
     * {@code a_i = b_i = 0}.
     *
     * <p>Distances are computed in blocks of rows from one matrix product per block
     * ({@code |x_i - x_j|^2 = |x_i|^2 + |x_j|^2 - 2 x_i.x_j} on centred data, with pairs at risk of
     * cancellation recomputed directly), and only the per-cluster sums are kept: memory is
     * {@code O(n k + block)}, never the full {@code n x n} distance matrix.
     *
     * @throws IllegalArgumentException unless {@code 2 <= number of clusters <= n - 1}, or if {@code x} has a
     *     non-finite entry
     */
    public static double[] silhouetteSamples(Matrix x, int[] labels) {
        return silhouetteSamples(x, labels, BLOCK_ELEMENTS);
    }

    /** {@link #silhouetteSamples(Matrix, int[])} with blocks of about {@code blockElements} doubles (for tests). */
    static double[] silhouetteSamples(Matrix x, int[] labels, int blockElements) {
        int n = Validate.pair(labels.length, x.rows(), "labels", "rows of x");
        int d = x.cols();
        if (!x.isFinite()) {
            throw new IllegalArgumentException("x has a non-finite entry; the silhouette needs finite features");
        }
        Encoded e = encode(labels);
        int k = e.count.length;
        if (k < 2 || k > n - 1) {
            throw new IllegalArgumentException("number of clusters is " + k
                    + "; the silhouette needs 2 to n_samples - 1 (= " + (n - 1) + ") clusters");
        }
        if ((long) n * k > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " samples in " + k + " clusters need " + (long) n * k
                    + " per-cluster distance sums, more than an array can hold");
        }
        int[] lab = e.codes;
        double[] raw = x.toArray(); // column-major n x d copy (original coordinates)
        double[] centred = raw.clone();
        double[] xx = new double[n];
        for (int j = 0; j < d; j++) {
            int b = j * n;
            double mean = Sums.pairwise(raw, b, n) / n;
            for (int i = 0; i < n; i++) {
                double v = raw[b + i] - mean;
                centred[b + i] = v;
                xx[i] += v * v;
            }
        }
        Matrix c = Matrix.wrap(n, d, centred);
        int rowsPerBlock = (int) Math.max(1, Math.min(n, blockElements / Math.max(1, n)));
        double[] sums = new double[n * k]; // sums[i * k + c]: distance from i to all members of cluster c
        double[] gArr = new double[rowsPerBlock * n]; // -2 X_block X' (b x n, column-major), reused
        Matrix g = Matrix.wrap(rowsPerBlock, n, gArr);
        for (int i0 = 0; i0 < n; i0 += rowsPerBlock) {
            int b = Math.min(rowsPerBlock, n - i0);
            if (b < rowsPerBlock) {
                gArr = new double[b * n];
                g = Matrix.wrap(b, n, gArr);
            }
            Matrix.gemm(-2, c.block(i0, 0, b, d), false, c, true, 0, g);
            for (int j = 0; j < n; j++) {
                int cj = lab[j];
                int colBase = j * b;
                double xj = xx[j];
                for (int r = 0; r < b; r++) {
                    int i = i0 + r;
                    double dist;
                    if (i == j) {
                        dist = 0;
                    } else {
                        double scale = xx[i] + xj;
                        double d2 = gArr[colBase + r] + scale;
                        if (d2 < CANCELLATION_GUARD * scale) {
                            d2 = directSquared(raw, n, d, i, j);
                        }
                        dist = Math.sqrt(Math.max(d2, 0));
                    }
                    sums[i * k + cj] += dist;
                }
            }
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            int ci = lab[i];
            int size = e.count[ci];
            if (size == 1) {
                s[i] = 0;
                continue;
            }
            double a = sums[i * k + ci] / (size - 1);
            double bMin = Double.POSITIVE_INFINITY;
            for (int cl = 0; cl < k; cl++) {
                if (cl != ci) {
                    bMin = Math.min(bMin, sums[i * k + cl] / e.count[cl]);
                }
            }
            double m = Math.max(a, bMin);
            s[i] = m == 0 ? 0 : (bMin - a) / m;
        }
        return s;
    }

    private static double directSquared(double[] colMajor, int n, int d, int i, int j) {
        double s = 0;
        for (int f = 0; f < d; f++) {
            double v = colMajor[i + f * n] - colMajor[j + f * n];
            s += v * v;
        }
        return s;
    }

    /**
     * The k-means objective, the sum of squared Euclidean distances from each sample to its assigned centre,
     * {@code sum_i |x_i - c_{label_i}|^2} (scikit-learn {@code KMeans.inertia_}).
     *
     * @param x       {@code n x d} samples
     * @param labels  the centre of each sample, an index in {@code [0, k)}
     * @param centers {@code k x d} centres, one per row
     */
    public static double inertia(Matrix x, int[] labels, Matrix centers) {
        int n = Validate.pair(labels.length, x.rows(), "labels", "rows of x");
        if (centers.cols() != x.cols()) {
            throw new IllegalArgumentException("centers have " + centers.cols() + " columns but x has " + x.cols());
        }
        Validate.labels(labels, centers.rows(), "labels");
        int d = x.cols();
        double[] a = x.toArray();
        double[] cArr = centers.toArray();
        int k = centers.rows();
        double[] per = new double[n];
        for (int i = 0; i < n; i++) {
            int c = labels[i];
            double s = 0;
            for (int f = 0; f < d; f++) {
                double v = a[i + f * n] - cArr[c + f * k];
                s += v * v;
            }
            per[i] = s;
        }
        return Sums.pairwise(per);
    }

    // ================================================================ label agreement

    /**
     * The adjusted Rand index (Hubert and Arabie 1985), the Rand index corrected for chance:
     * {@code ARI = 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))} over the pair-confusion
     * counts (scikit-learn {@code adjusted_rand_score}); 1 for identical partitions, about 0 for independent
     * ones, symmetric and invariant to renaming clusters. Counts are exact (arbitrary-precision products).
     */
    public static double adjustedRandIndex(int[] labelsTrue, int[] labelsPred) {
        Contingency t = contingency(labelsTrue, labelsPred);
        long n = labelsTrue.length;
        long sumSquares = 0;
        long sumRowDot = 0; // sum_ij n_ij * b_j
        long sumColDot = 0; // sum_ij n_ij * a_i
        for (int z = 0; z < t.value.length; z++) {
            long v = t.value[z];
            sumSquares += v * v;
            sumRowDot += v * t.colSum[t.col[z]];
            sumColDot += v * t.rowSum[t.row[z]];
        }
        BigInteger tp = BigInteger.valueOf(sumSquares - n);
        BigInteger fp = BigInteger.valueOf(sumRowDot - sumSquares);
        BigInteger fn = BigInteger.valueOf(sumColDot - sumSquares);
        BigInteger tn = BigInteger.valueOf(n).multiply(BigInteger.valueOf(n)).subtract(fp).subtract(fn)
                .subtract(BigInteger.valueOf(sumSquares));
        if (fn.signum() == 0 && fp.signum() == 0) {
            return 1.0;
        }
        BigInteger num = tp.multiply(tn).subtract(fn.multiply(fp));
        BigInteger den = tp.add(fn).multiply(fn.add(tn)).add(tp.add(fp).multiply(fp.add(tn)));
        return 2.0 * num.doubleValue() / den.doubleValue();
    }

    /**
     * The mutual information {@code I(U; V) = sum_ij (n_ij / n) log(n n_ij / (a_i b_j))} between two
     * labellings, in nats (scikit-learn {@code mutual_info_score}); 0 when either has a single cluster.
     */
    public static double mutualInfo(int[] labelsTrue, int[] labelsPred) {
        return mutualInfo(contingency(labelsTrue, labelsPred));
    }

    private static double mutualInfo(Contingency t) {
        if (t.rowSum.length == 1 || t.colSum.length == 1) {
            return 0.0;
        }
        double total = t.n;
        double logTotal = Math.log(total);
        double logRows = Math.log(total);
        double logCols = Math.log(total);
        double eps = Math.ulp(1.0);
        int m = t.value.length;
        double[] terms = new double[m];
        for (int z = 0; z < m; z++) {
            double v = t.value[z];
            double pij = v / total;
            double outer = (double) ((long) t.rowSum[t.row[z]] * (long) t.colSum[t.col[z]]);
            double logOuter = -Math.log(outer) + logRows + logCols;
            double term = pij * (Math.log(v) - logTotal) + pij * logOuter;
            terms[z] = Math.abs(term) < eps ? 0.0 : term;
        }
        return Math.max(Sums.pairwise(terms), 0.0);
    }

    /** The entropy {@code H(U) = -sum_i (a_i / n) log(a_i / n)} of a labelling, in nats. */
    private static double entropy(int[] sizes) {
        if (sizes.length == 1) {
            return 0.0;
        }
        double[] pi = new double[sizes.length];
        for (int i = 0; i < pi.length; i++) {
            pi[i] = sizes[i];
        }
        double sum = Sums.pairwise(pi);
        double logSum = Math.log(sum);
        double[] t = new double[pi.length];
        for (int i = 0; i < pi.length; i++) {
            t[i] = (pi[i] / sum) * (Math.log(pi[i]) - logSum);
        }
        return -Sums.pairwise(t);
    }

    /**
     * Normalised mutual information with arithmetic averaging, {@code NMI = I(U; V) / ((H(U) + H(V)) / 2)}
     * (scikit-learn {@code normalized_mutual_info_score}, its default {@code average_method="arithmetic"});
     * in [0, 1], 1 when both labellings are a single cluster.
     */
    public static double normalizedMutualInfo(int[] labelsTrue, int[] labelsPred) {
        Contingency t = contingency(labelsTrue, labelsPred);
        if (t.rowSum.length == 1 && t.colSum.length == 1) {
            return 1.0;
        }
        double mi = mutualInfo(t);
        if (mi == 0) {
            return 0.0;
        }
        double hTrue = entropy(t.rowSum);
        double hPred = entropy(t.colSum);
        return mi / ((hTrue + hPred) / 2);
    }

    /**
     * Homogeneity {@code I(C; K) / H(C)}: 1 when every cluster holds members of a single class
     * (Rosenberg and Hirschberg 2007; scikit-learn {@code homogeneity_score}; 1 when H(C) = 0).
     */
    public static double homogeneity(int[] labelsTrue, int[] labelsPred) {
        return hcv(labelsTrue, labelsPred)[0];
    }

    /**
     * Completeness {@code I(C; K) / H(K)}: 1 when all members of each class fall in one cluster
     * (scikit-learn {@code completeness_score}; 1 when H(K) = 0).
     */
    public static double completeness(int[] labelsTrue, int[] labelsPred) {
        return hcv(labelsTrue, labelsPred)[1];
    }

    /**
     * The V-measure, the harmonic mean {@code 2 h c / (h + c)} of homogeneity and completeness
     * (scikit-learn {@code v_measure_score}, beta = 1); equal to NMI with arithmetic averaging.
     */
    public static double vMeasure(int[] labelsTrue, int[] labelsPred) {
        return hcv(labelsTrue, labelsPred)[2];
    }

    private static double[] hcv(int[] labelsTrue, int[] labelsPred) {
        Contingency t = contingency(labelsTrue, labelsPred);
        double hc = entropy(t.rowSum);
        double hk = entropy(t.colSum);
        double mi = mutualInfo(t);
        double h = hc != 0 ? mi / hc : 1.0;
        double c = hk != 0 ? mi / hk : 1.0;
        double v = h + c == 0 ? 0.0 : 2 * h * c / (h + c);
        return new double[] {h, c, v};
    }

    // ================================================================ label encoding and contingency

    /** Labels mapped to 0..k-1 in increasing order of value, with cluster sizes. */
    private record Encoded(int[] codes, int[] count) {
    }

    private static Encoded encode(int[] labels) {
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[k++] = sorted[i];
            }
        }
        int[] uniq = Arrays.copyOf(sorted, k);
        int[] codes = new int[labels.length];
        int[] count = new int[k];
        for (int i = 0; i < labels.length; i++) {
            int c = Arrays.binarySearch(uniq, labels[i]);
            codes[i] = c;
            count[c]++;
        }
        return new Encoded(codes, count);
    }

    /** The sparse contingency table: non-zero cells in row-major order, with row and column sums. */
    private record Contingency(int n, int[] row, int[] col, long[] value, int[] rowSum, int[] colSum) {
    }

    private static Contingency contingency(int[] labelsTrue, int[] labelsPred) {
        int n = Validate.pair(labelsTrue.length, labelsPred.length, "labelsTrue", "labelsPred");
        Encoded a = encode(labelsTrue);
        Encoded b = encode(labelsPred);
        long kb = b.count.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = a.codes[i] * kb + b.codes[i];
        }
        Arrays.sort(keys);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                m++;
            }
        }
        int[] row = new int[m];
        int[] col = new int[m];
        long[] value = new long[m];
        int z = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                z++;
                row[z] = (int) (keys[i] / kb);
                col[z] = (int) (keys[i] % kb);
            }
            value[z]++;
        }
        return new Contingency(n, row, col, value, a.count, b.count);
    }
}
