package dev.derive.boost;

import dev.derive.linalg.Matrix;
import dev.derive.runtime.Parallelism;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Quantile binning of real features for histogram boosting (as LightGBM's and scikit-learn's
 * {@code HistGradientBoosting*} binners).
 *
 * <p>The edges of feature {@code j} are computed from the non-missing values of a sample of at most
 * {@code sampleSize} rows (all rows when there are fewer; otherwise rows drawn without replacement from
 * a stream seeded by {@code seed}, as LightGBM's {@code bin_construct_sample_cnt = 200000}). With
 * {@code d} distinct sample values {@code v_1 < ... < v_d}:
 * <ul>
 *   <li>{@code d <= max_bins}: one bin per value, edges the midpoints {@code (v_k + v_{k+1}) / 2};</li>
 *   <li>otherwise: the {@code q = k / max_bins} quantiles ({@code k = 1 .. max_bins - 1}) of the sorted
 *       sample {@code a_0 <= ... <= a_{m-1}} with "midpoint" interpolation,
 *       {@code (a[floor(q (m - 1))] + a[ceil(q (m - 1))]) / 2} (evaluated in the same floating-point order
 *       as numpy's {@code percentile(..., method="midpoint")}, so the edges equal scikit-learn 1.2's
 *       {@code _BinMapper} thresholds), with repeated edges and an edge equal to the maximum removed (so a
 *       heavy value makes fewer bins; scikit-learn keeps them as empty bins).</li>
 * </ul>
 * A value {@code x} goes to the first bin {@code b} with {@code x <= edge_b} (the last bin if none), so a
 * split "bin {@code <= t}" is the split "{@code x <= edge_t}" on raw values. {@code NaN} goes to the
 * missing bin. Infinite values are binned like any other (into the first or last bin).
 */
public final class Binner {

    /** Default number of rows the edges are computed from (LightGBM's {@code bin_construct_sample_cnt}). */
    public static final int DEFAULT_SAMPLE = 200_000;

    private Binner() {
    }

    /**
     * Bins the column-major {@code n x f} array {@code x}.
     *
     * @param maxBins    most value bins per feature, in {@code [2, 255]}
     * @param sampleSize most rows the edges are computed from ({@code >= 1})
     * @param seed       seed of the row sample (used only when {@code n > sampleSize})
     */
    public static BinnedData bin(double[] x, int n, int f, int maxBins, int sampleSize, long seed) {
        check(maxBins, sampleSize);
        if (x.length != (long) n * f) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected n * f = " + n + " * " + f);
        }
        return bin(new Columns() {
            @Override
            public double get(int j, int i) {
                return x[j * n + i];
            }

            @Override
            public void copy(int j, int i0, double[] buf, int len) {
                System.arraycopy(x, j * n + i0, buf, 0, len);
            }
        }, n, f, maxBins, sampleSize, seed);
    }

    /** Read access to the columns being binned (row {@code i} of the rows binned, feature {@code j}). */
    private interface Columns {
        double get(int j, int i);

        /** Rows i0 .. i0 + len - 1 of column j into buf[0 .. len). */
        void copy(int j, int i0, double[] buf, int len);
    }

    /** Rows per chunk of the binning pass (a reused 128 KB buffer per task instead of a copy of each column). */
    private static final int CHUNK = 16_384;

    /**
     * Bins the rows {@code rows} (all rows when {@code null}) of the matrix {@code x}, one column at a time
     * (a copy of one column per feature in flight, never a copy of the whole matrix); the same bins as
     * {@link #bin(double[], int, int, int, int, long)} on the column-major array of those rows.
     */
    public static BinnedData bin(Matrix x, int[] rows, int maxBins, int sampleSize, long seed) {
        int n = rows == null ? x.rows() : rows.length;
        check(maxBins, sampleSize);
        return bin(columns(x, rows), n, x.cols(), maxBins, sampleSize, seed);
    }

    private static void check(int maxBins, int sampleSize) {
        if (maxBins < 2 || maxBins > 255) {
            throw new IllegalArgumentException("max_bins must be in [2, 255], got " + maxBins);
        }
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sample size must be >= 1, got " + sampleSize);
        }
    }

    /**
     * Bins every feature (n rows) read through {@code x}, features in parallel, rows in chunks. The edge
     * sample and the chunk buffer of a feature are reused by the next feature the same thread bins (at most
     * one pair per thread at work), so binning makes no garbage that grows with {@code n} beyond the columns.
     */
    private static BinnedData bin(Columns x, int n, int f, int maxBins, int sampleSize, long seed) {
        int[] sample = sampleRows(n, sampleSize, seed);
        int total = sample == null ? n : sample.length;
        double[][] edges = new double[f][];
        byte[][] bins = new byte[f][];
        boolean[] missing = new boolean[f];
        java.util.concurrent.ConcurrentLinkedQueue<double[][]> work = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Parallelism.forEach(f, 2, j -> {
            double[][] ws = work.poll();
            if (ws == null) {
                ws = new double[][] {new double[total], new double[Math.min(CHUNK, n)]};
            }
            edges[j] = edgesOfSample(x, j, sample, total, ws[0], maxBins);
            byte[] col = new byte[n];
            missing[j] = binColumn(x, j, n, edges[j], ws[1], col);
            bins[j] = col;
            work.add(ws);
        });
        return new BinnedData(bins, edges, n, missing);
    }

    /** The edges of feature {@code j} from its values at the sampled rows (all rows when null), using {@code v}. */
    private static double[] edgesOfSample(Columns x, int j, int[] sample, int total, double[] v, int maxBins) {
        int count = 0;
        for (int k0 = 0; k0 < total; k0 += CHUNK) {  // by chunks, for the JIT as in binChunk
            count = sampleValues(x, j, sample, k0, Math.min(total, k0 + CHUNK), v, count);
        }
        return edgesOfValues(v, count, maxBins);
    }

    /** Appends the non-missing values of feature j at sampled positions k0 .. k1 - 1 to v from count on; the new count. */
    private static int sampleValues(Columns x, int j, int[] sample, int k0, int k1, double[] v, int count) {
        for (int k = k0; k < k1; k++) {
            double a = x.get(j, sample == null ? k : sample[k]);
            if (!Double.isNaN(a)) {
                v[count++] = a;
            }
        }
        return count;
    }

    /** Writes the bins of feature {@code j} (edges {@code e}) to {@code col}; true if a value was missing. */
    private static boolean binColumn(Columns x, int j, int n, double[] e, double[] buf, byte[] col) {
        double[] padded = padded(e);
        int nanBin = e.length + 1;
        boolean miss = false;
        for (int i0 = 0; i0 < n; i0 += CHUNK) {
            int len = Math.min(CHUNK, n - i0);
            x.copy(j, i0, buf, len);
            miss |= binChunk(buf, len, padded, nanBin, col, i0);
        }
        return miss;
    }

    /**
     * Bins {@code buf[0 .. len)} into {@code col[i0 ..]}; true if a value was missing. A method of its own, called
     * once per chunk: C2 compiles it after a few calls with the loop's real exit profile, where one long loop per
     * feature (28 calls on HIGGS) went through an OSR compile that was thrown away at every loop exit.
     */
    private static boolean binChunk(double[] buf, int len, double[] padded, int nanBin, byte[] col, int i0) {
        boolean miss = false;
        for (int t = 0; t < len; t++) {
            double val = buf[t];
            if (Double.isNaN(val)) {
                col[i0 + t] = (byte) nanBin;
                miss = true;
            } else {
                col[i0 + t] = (byte) binOfPadded(padded, val);
            }
        }
        return miss;
    }

    /**
     * Bins the rows {@code rows} (all when {@code null}) of {@code x} as {@link #bin(Matrix, int[], int, int, long)}
     * does, in the staged form that exclusive feature bundling reads ({@link Staged}): each feature is binned
     * into a reused scratch column and, when it is a bundling candidate that is sparse enough, kept as its
     * non-default rows and their bins only; otherwise the column itself is kept. So the per-feature byte columns
     * of sparse features never all exist at once. Features with {@code dense[j]} (categorical ones) always keep
     * their column and take no part in bundling.
     */
    static Staged binStaged(Matrix x, int[] rows, int maxBins, int sampleSize, long seed, boolean[] dense) {
        int n = rows == null ? x.rows() : rows.length;
        check(maxBins, sampleSize);
        int f = x.cols();
        Columns c = columns(x, rows);
        int[] sample = sampleRows(n, sampleSize, seed);
        int total = sample == null ? n : sample.length;
        Staged st = new Staged(n, f);
        java.util.concurrent.ConcurrentLinkedQueue<Object[]> work = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Parallelism.forEach(f, 2, j -> {
            Object[] ws = work.poll();  // {sample values, chunk buffer, scratch column or null, bin counts}
            if (ws == null) {
                ws = new Object[] {new double[total], new double[Math.min(CHUNK, n)], null, new int[256]};
            }
            st.upper[j] = edgesOfSample(c, j, sample, total, (double[]) ws[0], maxBins);
            byte[] col = ws[2] != null ? (byte[]) ws[2] : new byte[n];
            binColumn(c, j, n, st.upper[j], (double[]) ws[1], col);
            ws[2] = st.keep(j, col, (int[]) ws[3], dense != null && dense[j]) ? null : col;
            work.add(ws);
        });
        return st;
    }

    /** Read access to the rows {@code rows} (all when null) of {@code x}. */
    private static Columns columns(Matrix x, int[] rows) {
        return new Columns() {
            @Override
            public double get(int j, int i) {
                return x.get(rows == null ? i : rows[i], j);
            }

            @Override
            public void copy(int j, int i0, double[] buf, int len) {
                if (rows == null) {
                    x.copyColumn(j, i0, buf, 0, len);
                } else {
                    for (int t = 0; t < len; t++) {
                        buf[t] = x.get(rows[i0 + t], j);
                    }
                }
            }
        };
    }

    /**
     * Binned features in the form bundling reads ({@link FeatureBundles.Source}): per feature its default
     * (most frequent) bin, and either its bin column or, for a sparse numeric feature (non-default in at most
     * half of the rows and in at most a fifth, so that 5 bytes per such row cost less than the column), the
     * increasing rows where it is not at its default bin and their bins. {@link #toBinned} turns it into the
     * {@link BinnedData} that {@link Binner#bin} followed by {@link FeatureBundles#dropBundledColumns} gives.
     */
    static final class Staged implements FeatureBundles.Source {
        final int n;
        final double[][] upper;
        final boolean[] hasMissing;
        final byte[][] column;     // per feature: its bins, or null when held sparse
        final int[][] sparseRows;  // per sparse feature: the rows not at the default bin (increasing)
        final byte[][] sparseBins; // per sparse feature: their bins
        final int[] def;           // per feature: the default bin, -1 for a dense-only (categorical) feature
        final int[] nnz;           // per feature: rows not at the default bin
        final int[][] counts;      // per feature: rows per bin, the missing bin last

        Staged(int n, int f) {
            this.n = n;
            upper = new double[f][];
            hasMissing = new boolean[f];
            column = new byte[f][];
            sparseRows = new int[f][];
            sparseBins = new byte[f][];
            def = new int[f];
            nnz = new int[f];
            counts = new int[f][];
        }

        /**
         * Records feature {@code j}'s bins {@code col}: keeps {@code col} and returns true, or keeps the sparse
         * form and returns false (then {@code col} may be reused).
         */
        boolean keep(int j, byte[] col, int[] cnt, boolean denseOnly) {
            int nb = upper[j].length + 1;
            FeatureBundles.countBins(col, n, cnt);
            counts[j] = Arrays.copyOf(cnt, nb + 1);
            hasMissing[j] = cnt[nb] > 0;
            if (denseOnly) {
                def[j] = -1;
                column[j] = col;
                return true;
            }
            int d = FeatureBundles.mostFrequent(cnt, nb);
            int m = n - cnt[d];
            def[j] = d;
            nnz[j] = m;
            if (5L * m > n) {  // not sparse enough to be cheaper in the sparse form (nor a bundling candidate beyond n / 2)
                column[j] = col;
                return true;
            }
            int[] r = new int[m];
            byte[] b = new byte[m];
            int q = 0;
            for (int i = 0; i < n; i++) {
                if ((col[i] & 0xFF) != d) {
                    r[q] = i;
                    b[q++] = col[i];
                }
            }
            sparseRows[j] = r;
            sparseBins[j] = b;
            return false;
        }

        @Override
        public int rows() {
            return n;
        }

        @Override
        public int features() {
            return upper.length;
        }

        @Override
        public int numBins(int j) {
            return upper[j].length + 1;
        }

        @Override
        public int defaultBin(int j) {
            return def[j];
        }

        @Override
        public int nonDefaultCount(int j) {
            return nnz[j];
        }

        @Override
        public int nonDefaultRows(int j, int[] rows) {
            if (column[j] != null) {
                return FeatureBundles.nonDefaultRowsOf(column[j], n, def[j], rows);
            }
            System.arraycopy(sparseRows[j], 0, rows, 0, sparseRows[j].length);
            return sparseRows[j].length;
        }

        @Override
        public void merge(int j, int off, byte[] out) {
            int d = def[j];
            if (column[j] != null) {
                FeatureBundles.mergeColumn(column[j], n, d, off, out);
                return;
            }
            int[] r = sparseRows[j];
            byte[] bb = sparseBins[j];
            for (int q = 0; q < r.length; q++) {
                int b = bb[q] & 0xFF;
                out[r[q]] = (byte) (off + (b < d ? b : b - 1));
            }
        }

        /** Bytes held by the columns and sparse forms (the part that grows with the rows). */
        long bytes() {
            long t = 0;
            for (int j = 0; j < upper.length; j++) {
                t += column[j] != null ? column[j].length : 5L * sparseRows[j].length;
            }
            return t;
        }

        /**
         * The binned data: members of the conflict-free bundles of {@code bundles} (built on these bins; may be
         * null) are stored in their bundle's column through a bin map, every other feature gets its own column
         * (a sparse one expanded). The sparse forms are released as they are expanded: this object is spent.
         */
        BinnedData toBinned(FeatureBundles bundles) {
            int f = upper.length;
            byte[][] stored = new byte[f][];
            byte[][] maps = null;
            for (int j = 0; j < f; j++) {
                if (bundles != null && bundles.storedInBundle(j)) {
                    if (maps == null) {
                        maps = new byte[f][];
                    }
                    stored[j] = bundles.columns[bundles.bundleOf[j]];
                    maps[j] = bundles.memberMap(j, numBins(j));
                } else if (column[j] != null) {
                    stored[j] = column[j];
                } else {
                    byte[] col = new byte[n];
                    Arrays.fill(col, (byte) def[j]);
                    int[] r = sparseRows[j];
                    byte[] b = sparseBins[j];
                    for (int q = 0; q < r.length; q++) {
                        col[r[q]] = b[q];
                    }
                    stored[j] = col;
                }
                column[j] = null;
                sparseRows[j] = null;
                sparseBins[j] = null;
            }
            return new BinnedData(stored, upper, n, hasMissing, null, maps, counts);
        }
    }

    /** The edges followed by {@code +inf} up to length 256 (for {@link #binOfPadded}). */
    static double[] padded(double[] edges) {
        double[] p = new double[256];
        System.arraycopy(edges, 0, p, 0, edges.length);
        Arrays.fill(p, edges.length, 256, Double.POSITIVE_INFINITY);
        return p;
    }

    /**
     * The number of edges strictly below the non-missing value {@code v} (as {@link #binOf}), from the
     * padded edges of {@link #padded}: a branch-free binary search of 8 fixed steps (the +inf padding is
     * never below {@code v}, infinite {@code v} being counted like {@link #binOf} does for +inf: all the real
     * edges, none of the padding).
     */
    static int binOfPadded(double[] p, double v) {
        int pos = 0;
        pos += p[pos + 127] < v ? 128 : 0;
        pos += p[pos + 63] < v ? 64 : 0;
        pos += p[pos + 31] < v ? 32 : 0;
        pos += p[pos + 15] < v ? 16 : 0;
        pos += p[pos + 7] < v ? 8 : 0;
        pos += p[pos + 3] < v ? 4 : 0;
        pos += p[pos + 1] < v ? 2 : 0;
        pos += p[pos] < v ? 1 : 0;
        return pos;
    }

    /** The bin of the non-missing value {@code v}: the number of edges strictly below {@code v}. */
    static int binOf(double[] edges, double v) {
        int lo = 0;
        int hi = edges.length;  // answer in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (v <= edges[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The sorted row indices of the edge sample: all rows, or {@code size} rows drawn without replacement. */
    static int[] sampleRows(int n, int size, long seed) {
        if (n <= size) {
            return null;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        // the drawn rows in increasing order, by marking them (no sort: the same rows, sorted)
        boolean[] drawn = new boolean[n];
        for (int i = 0; i < size; i++) {
            drawn[perm[i]] = true;
        }
        int[] s = new int[size];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (drawn[i]) {
                s[c++] = i;
            }
        }
        return s;
    }

    /** The edges from non-missing values {@code v} (reordered here, see {@link #edgesOfValues(double[], int, int)}). */
    static double[] edgesOfValues(double[] v, int maxBins) {
        return edgesOfValues(v, v.length, maxBins);
    }

    /**
     * The edges from the non-missing values {@code v[0 .. m)} ({@code v} is reordered). Equal to sorting the values
     * and reading the distinct values or the quantiles off the sorted array, without a full sort: up to
     * {@code maxBins} distinct values are collected in a small hash table ({@link #distinctUpTo}); with more, only the
     * positions the quantiles read are put in their sorted places ({@link #placeRanks}).
     */
    static double[] edgesOfValues(double[] v, int m, int maxBins) {
        if (m == 0) {
            return new double[0];
        }
        double[] few = distinctUpTo(v, m, maxBins);
        if (few != null) {
            // one bin per distinct value, the edges between neighbours (-0.0 and 0.0 are one value, counted as 0.0)
            double[] out = new double[few.length - 1];
            for (int k = 1; k < few.length; k++) {
                out[k - 1] = midpoint(few[k - 1], few[k]);
            }
            return out;
        }
        double step = 100.0 / maxBins;  // percentiles k * 100 / max_bins, evaluated as numpy does
        int[] ranks = new int[2 * maxBins - 1];
        for (int k = 1; k < maxBins; k++) {
            double pos = (k * step) / 100 * (m - 1);
            ranks[2 * k - 2] = (int) Math.floor(pos);
            ranks[2 * k - 1] = (int) Math.ceil(pos);
        }
        ranks[2 * maxBins - 2] = m - 1;
        placeRanks(v, m, ranks);
        double[] out = new double[maxBins - 1];
        int e = 0;
        for (int k = 1; k < maxBins; k++) {
            int lo = ranks[2 * k - 2];
            int hi = ranks[2 * k - 1];
            double q = v[hi] - (v[hi] - v[lo]) * 0.5;
            if (!Double.isFinite(q)) {
                q = v[lo] / 2 + v[hi] / 2;
            }
            if (e == 0 || q > out[e - 1]) {
                out[e++] = q;
            }
        }
        // the largest value must fall in the last bin, not on an edge: drop an edge equal to the maximum
        while (e > 0 && out[e - 1] >= v[m - 1]) {
            e--;
        }
        return Arrays.copyOf(out, e);
    }

    /**
     * The distinct values of {@code v[0 .. m)} in increasing order ({@code -0.0} counted as {@code 0.0}) if there are
     * at most {@code max}, else null: an open-addressing table of the values' bits, left at the first value past
     * {@code max} (for a continuous feature, within the first few hundred values).
     */
    static double[] distinctUpTo(double[] v, int m, int max) {
        int cap = Integer.highestOneBit(4 * max + 3) << 1;  // load at most 1/4 (max 255: 2048 slots)
        long[] table = new long[cap];
        boolean[] used = new boolean[cap];
        int mask = cap - 1;
        int count = 0;
        for (int k = 0; k < m; k++) {
            long bits = Double.doubleToRawLongBits(v[k] + 0.0);  // -0.0 + 0.0 is 0.0
            long hsh = bits * 0x9E3779B97F4A7C15L;
            int p = (int) (hsh >>> 40) & mask;
            while (used[p] && table[p] != bits) {
                p = (p + 1) & mask;
            }
            if (!used[p]) {
                if (count == max) {
                    return null;
                }
                used[p] = true;
                table[p] = bits;
                count++;
            }
        }
        double[] out = new double[count];
        int c = 0;
        for (int p = 0; p < cap; p++) {
            if (used[p]) {
                out[c++] = Double.longBitsToDouble(table[p]);
            }
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Reorders {@code v[0 .. m)} so that {@code v[r]}, for every {@code r} in {@code ranks}, holds what a full
     * {@link Arrays#sort} would put there (the k-th smallest value, {@code -0.0} before {@code 0.0}). Bucket
     * selection: the values are distributed into buckets by value (a monotone map, so bucket order is sorted
     * order), and only the buckets holding a wanted position are refined, recursively, until they are small enough
     * to sort (at most {@link #SMALL_SORT} values; after four levels of buckets holding more than half of their range,
     * or when a range cannot be split by value, it is sorted by {@link Arrays#sort}). On a 200,000-value sample
     * with 509 wanted positions, each level is four passes over the values, and the sorted buckets are small.
     */
    static void placeRanks(double[] v, int m, int[] ranks) {
        int[] r = ranks.clone();
        Arrays.sort(r);
        placeRanks(v, new double[m], 0, m, r, 0, r.length, 0);
    }

    /** Bucket selection of the sorted ranks {@code r[r0 .. r1)} (all inside [b, e)) within {@code v[b .. e)}. */
    private static void placeRanks(double[] v, double[] tmp, int b, int e, int[] r, int r0, int r1, int depth) {
        int len = e - b;
        if (len <= SMALL_SORT || depth >= 4) {
            sortRange(v, b, e);
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int k = b; k < e; k++) {
            double a = v[k];
            lo = a < lo ? a : lo;
            hi = a > hi ? a : hi;
        }
        int nb = Math.min(1 << 14, Math.max(2, len >> 3));  // about 8 values per bucket
        double scale = nb / (hi - lo);
        if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
            sortRange(v, b, e);  // all equal (-0.0 and 0.0 may both be there), or a range too wide or infinite
            return;
        }
        int[] start = new int[nb + 1];
        for (int k = b; k < e; k++) {
            start[bucket(v[k], lo, scale, nb) + 1]++;
        }
        for (int q = 0; q < nb; q++) {
            start[q + 1] += start[q];
        }
        int[] at = Arrays.copyOf(start, nb);
        for (int k = b; k < e; k++) {
            double a = v[k];
            tmp[b + at[bucket(a, lo, scale, nb)]++] = a;
        }
        System.arraycopy(tmp, b, v, b, len);
        int i = r0;
        while (i < r1) {
            int q = bucketOfPosition(start, r[i] - b);
            int qb = b + start[q];
            int qe = b + start[q + 1];
            int j = i;
            while (j < r1 && r[j] < qe) {
                j++;
            }
            // a bucket holding more than half of the range (skewed values) counts towards the depth limit, so the
            // refinement stops after a few such levels (then the bucket is sorted) and never goes quadratic; written
            // without a branch: a first C2 compile that never saw such a bucket trapped on it and was redone
            placeRanks(v, tmp, qb, qe, r, i, j, depth + ((len / 2 - (qe - qb)) >>> 31));
            i = j;
        }
    }

    /** Ranges this short are sorted outright. */
    private static final int SMALL_SORT = 32;

    /** The bucket of value {@code a}: {@code floor((a - lo) * scale)}, at most {@code nb - 1}; non-decreasing in {@code a}. */
    private static int bucket(double a, double lo, double scale, int nb) {
        // Math.min, not a branch: only the largest values reach nb, and a first C2 compile that had not seen one
        // trapped there and was redone
        return Math.min((int) ((a - lo) * scale), nb - 1);
    }

    /** The bucket whose positions {@code start[q] .. start[q + 1] - 1} hold position {@code p}. */
    private static int bucketOfPosition(int[] start, int p) {
        int lo = 0;
        int hi = start.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (start[mid] <= p) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Sorts {@code v[b .. e)} in {@link Arrays#sort}'s order: insertion sort when short. */
    private static void sortRange(double[] v, int b, int e) {
        if (e - b > SMALL_SORT) {
            Arrays.sort(v, b, e);
            return;
        }
        for (int k = b + 1; k < e; k++) {
            double a = v[k];
            int i = k - 1;
            while (i >= b && before(a, v[i])) {
                v[i + 1] = v[i];
                i--;
            }
            v[i + 1] = a;
        }
    }

    /** Whether {@code a} sorts before {@code c} ({@code -0.0} before {@code 0.0}; no NaN here). */
    private static boolean before(double a, double c) {
        return a < c || (a == c && Double.doubleToRawLongBits(a) < Double.doubleToRawLongBits(c));
    }

    private static double midpoint(double a, double b) {
        double mid = (a + b) * 0.5;
        if (!Double.isFinite(mid)) {
            mid = a / 2 + b / 2;
        }
        return mid;
    }

    /**
     * The binned data with the categorical features re-binned one bin per level (LightGBM's categorical
     * binning): column {@code j} with {@code categorical[j]} must hold level codes {@code 0 .. levels[j] - 1}
     * (whole numbers) or {@code NaN}. The levels seen in the data are ranked by their row count (more rows
     * first, then smaller code); the {@code maxBins} first are kept and get one bin each (bins in increasing
     * code order). Rows with a missing value or a level not kept share the missing bin, which a categorical
     * split always sends right (see {@link TreeGrower}). Numeric features keep their bins.
     *
     * @throws IllegalArgumentException naming the feature and row of a value that is not a level code
     */
    static BinnedData withCategorical(BinnedData numeric, double[] x, int n, boolean[] categorical, int[] levels,
                                      int maxBins, java.util.List<String> names) {
        return withCategorical(numeric, j -> Arrays.copyOfRange(x, j * n, j * n + n), n, categorical, levels, maxBins, names);
    }

    /**
     * As {@link #withCategorical(BinnedData, double[], int, boolean[], int[], int, java.util.List)} with the
     * feature columns given one at a time: {@code column.apply(j)} returns the {@code n} values of the
     * categorical feature {@code j} (called once per categorical feature, never for a numeric one), so no copy
     * of the whole matrix is needed.
     */
    static BinnedData withCategorical(BinnedData numeric, java.util.function.IntFunction<double[]> column, int n,
                                      boolean[] categorical, int[] levels, int maxBins, java.util.List<String> names) {
        int f = numeric.features();
        byte[][] bins = new byte[f][];
        double[][] upper = new double[f][];
        boolean[] missing = new boolean[f];
        int[][] lv = new int[f][];
        byte[][] maps = null;  // numeric features stored in an EFB bundle keep their bundle column and map
        int[][] counts = new int[f][];  // numeric features keep their bin counts; categorical ones are re-binned
        for (int j = 0; j < f; j++) {
            bins[j] = numeric.storedColumn(j);
            counts[j] = categorical[j] ? null : numeric.binCounts(j);
            if (numeric.binMap(j) != null) {
                if (categorical[j]) {
                    throw new IllegalStateException("categorical feature " + j + " is stored in an EFB bundle");
                }
                if (maps == null) {
                    maps = new byte[f][];
                }
                maps[j] = numeric.binMap(j);
            }
            upper[j] = numeric.edges(j);
            missing[j] = numeric.hasMissing(j);
            if (!categorical[j]) {
                continue;
            }
            int k = levels[j];
            double[] x = column.apply(j);
            int[] cnt = new int[k];
            for (int i = 0; i < n; i++) {
                double v = x[i];
                if (Double.isNaN(v)) {
                    continue;
                }
                if (!(v >= 0 && v < k && v == Math.rint(v))) {
                    throw new IllegalArgumentException("categorical feature '" + names.get(j) + "' has the value " + v
                            + " at row " + i + ", not a level code in 0.." + (k - 1) + " (or NaN for missing)");
                }
                cnt[(int) v]++;
            }
            Integer[] seen = java.util.stream.IntStream.range(0, k).filter(c -> cnt[c] > 0).boxed().toArray(Integer[]::new);
            Arrays.sort(seen, (a, b) -> cnt[a] != cnt[b] ? Integer.compare(cnt[b], cnt[a]) : Integer.compare(a, b));
            int keep = Math.min(maxBins, seen.length);
            int[] kept = new int[keep];
            for (int q = 0; q < keep; q++) {
                kept[q] = seen[q];
            }
            Arrays.sort(kept);
            int[] binOfCode = new int[k];
            Arrays.fill(binOfCode, keep);
            for (int b = 0; b < keep; b++) {
                binOfCode[kept[b]] = b;
            }
            byte[] col = new byte[n];
            boolean miss = false;
            for (int i = 0; i < n; i++) {
                double v = x[i];
                int b = Double.isNaN(v) ? keep : binOfCode[(int) v];
                col[i] = (byte) b;
                miss |= b == keep;
            }
            bins[j] = col;
            upper[j] = new double[0];
            missing[j] = miss;
            lv[j] = kept;
        }
        return new BinnedData(bins, upper, n, missing, lv, maps, counts);
    }
}
