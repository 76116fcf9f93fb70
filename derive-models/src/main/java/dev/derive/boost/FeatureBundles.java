package dev.derive.boost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exclusive feature bundling (EFB; Ke et al. 2017, "LightGBM: a highly efficient gradient boosting decision
 * tree", Algorithms 3 and 4): numeric features that are rarely "non-default" in the same row are merged into
 * one bin column (a bundle), so the histogram pass reads one column per bundle instead of one per feature.
 *
 * <p><b>Default bin.</b> For every numeric feature {@code j} the default bin {@code d_j} is its most frequent
 * bin (ties: the smaller bin; for sparse or one-hot data the bin of 0). Row {@code i} is non-default for
 * {@code j} when its bin differs from {@code d_j}; the missing bin is a non-default bin like any other, so
 * missing values keep their own bin inside the bundle. Categorical features are never bundled.
 *
 * <p><b>Greedy bundling (Alg. 3).</b> Candidates are the numeric features that are non-default in at most
 * half of the rows (a denser feature cannot share a conflict-free bundle with anything as dense). They are
 * taken by decreasing number of non-default rows (ties: smaller index); each goes into the first bundle in
 * which (a) the rows where it and the bundle are both non-default (conflicts), added to the bundle's
 * conflicts so far, number at most {@code floor(max_conflict_rate * n)} and (b) the bundle's bins still fit
 * in 256 (one unsigned byte); otherwise it opens a new bundle (at most {@link #MAX_OPEN}; beyond that it
 * stays a plain column). Bundles of one feature are dropped (the feature stays a plain column). Each open
 * bundle keeps a bit set of its non-default rows while bundling ({@code n / 8} bytes).
 *
 * <p><b>Merged bins (Alg. 4).</b> Bundle bin 0 means "every member at its default bin". Member {@code j}
 * owns the range {@code [off_j, off_j + nb_j)} where {@code nb_j = numBins(j)} (its value bins plus the
 * missing bin, minus the default bin): bin {@code b != d_j} of {@code j} becomes
 * {@code off_j + (b < d_j ? b : b - 1)}. With conflicts (only when {@code max_conflict_rate > 0}) a row
 * non-default for several members keeps the value of the last member (in bundle order); the others see that
 * row at their default bin in the histograms (the approximation EFB accepts). Row partitioning and
 * prediction still use the exact per-feature bins: read through the bundle column for members of a
 * conflict-free bundle ({@link #dropBundledColumns}, which drops their own columns), from their own columns
 * otherwise.
 *
 * <p><b>Unpacking.</b> The histogram of member {@code j} is read off the bundle's histogram: bin
 * {@code b != d_j} from its bundle bin, the default bin as the bundle's total minus the member's other bins
 * (Ke et al. §4: the default bin is recovered by subtraction). Without conflicts this equals the histogram
 * built from {@code j}'s own column up to the rounding of that subtraction.
 */
final class FeatureBundles {

    /** Most bundles open while bundling (a feature that fits none of them stays a plain column). */
    static final int MAX_OPEN = 256;

    /** Bundles (each of at least two features, in bundling order). */
    final int[][] members;
    /** The merged bin column of each bundle (unsigned bytes). */
    final byte[][] columns;
    /** Number of bins of each bundle (bin 0 included). */
    final int[] bins;
    /** Per feature: its bundle, or -1 if it is not bundled. */
    final int[] bundleOf;
    /** Per bundled feature: the first bundle bin it owns. */
    final int[] firstBin;
    /** Per bundled feature: its default bin. */
    final int[] defaultBin;
    /** Rows where two members of a bundle were both non-default (0 when max_conflict_rate is 0). */
    final long conflicts;
    /** Per bundle: its conflicts (rows counted as in {@link #conflicts}). */
    final long[] bundleConflicts;

    private FeatureBundles(int[][] members, byte[][] columns, int[] bins, int[] bundleOf, int[] firstBin, int[] defaultBin,
                           long[] bundleConflicts) {
        this.members = members;
        this.columns = columns;
        this.bins = bins;
        this.bundleOf = bundleOf;
        this.firstBin = firstBin;
        this.defaultBin = defaultBin;
        this.bundleConflicts = bundleConflicts;
        long c = 0;
        for (long b : bundleConflicts) {
            c += b;
        }
        this.conflicts = c;
    }

    /** Number of bundles. */
    int count() {
        return members.length;
    }

    /** Number of bin columns the histogram pass reads: bundles plus unbundled features. */
    int histogramColumns() {
        int bundled = 0;
        for (int[] m : members) {
            bundled += m.length;
        }
        return bundleOf.length - bundled + members.length;
    }

    /**
     * What bundling reads of the binned features: a {@link BinnedData} ({@link #of(BinnedData)}) or the staged
     * bins of {@link Binner#binStaged}, which hold sparse features as their non-default rows only.
     */
    interface Source {
        /** Number of rows. */
        int rows();

        /** Number of features. */
        int features();

        /** Value bins of feature {@code j} (its missing bin is bin {@code numBins(j)}). */
        int numBins(int j);

        /** The most frequent bin of numeric feature {@code j} (ties: the smaller bin); -1 for a categorical one. */
        int defaultBin(int j);

        /** Number of rows where numeric feature {@code j} is not at its default bin. */
        int nonDefaultCount(int j);

        /** Writes the rows where feature {@code j} is not at its default bin, increasing, to {@code rows}; returns their number. */
        int nonDefaultRows(int j, int[] rows);

        /** For each row {@code i} where feature {@code j} has a bin {@code b != d} ({@code d} its default bin): {@code out[i] = off + (b < d ? b : b - 1)}. */
        void merge(int j, int off, byte[] out);
    }

    /** {@code data} as a bundling source (the default bins counted here, one pass per numeric column). */
    static Source of(BinnedData data) {
        int n = data.rows();
        int f = data.features();
        int[] def = new int[f];
        int[] nnz = new int[f];
        int[] cnt = new int[256];
        for (int j = 0; j < f; j++) {
            def[j] = -1;
            if (data.isCategorical(j)) {
                continue;
            }
            countBins(data.column(j), n, cnt);
            def[j] = mostFrequent(cnt, data.numBins(j));
            nnz[j] = n - cnt[def[j]];
        }
        return new Source() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public int features() {
                return f;
            }

            @Override
            public int numBins(int j) {
                return data.numBins(j);
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
                return nonDefaultRowsOf(data.column(j), n, def[j], rows);
            }

            @Override
            public void merge(int j, int off, byte[] out) {
                mergeColumn(data.column(j), n, def[j], off, out);
            }
        };
    }

    /** The most frequent of the bins {@code 0 .. numBins} (missing bin included) counted in {@code cnt}; ties: the smaller. */
    static int mostFrequent(int[] cnt, int numBins) {
        int d = 0;
        for (int b = 1; b <= numBins; b++) {
            if (cnt[b] > cnt[d]) {
                d = b;
            }
        }
        return d;
    }

    /** Writes the rows {@code i < n} with {@code col[i] != d} (unsigned), increasing, to {@code rows}; returns their number. */
    static int nonDefaultRowsOf(byte[] col, int n, int d, int[] rows) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if ((col[i] & 0xFF) != d) {
                rows[m++] = i;
            }
        }
        return m;
    }

    /** {@link Source#merge} for a dense column. */
    static void mergeColumn(byte[] col, int n, int d, int off, byte[] out) {
        for (int i = 0; i < n; i++) {
            int b = col[i] & 0xFF;
            if (b != d) {
                out[i] = (byte) (off + (b < d ? b : b - 1));
            }
        }
    }

    /**
     * Bundles the numeric features of {@code data} (see the class comment).
     *
     * @param maxConflictRate the largest share of rows in which members of one bundle may conflict, in [0, 1)
     */
    static FeatureBundles build(BinnedData data, double maxConflictRate) {
        checkRate(maxConflictRate);
        return build(of(data), maxConflictRate);
    }

    private static void checkRate(double maxConflictRate) {
        if (!(maxConflictRate >= 0 && maxConflictRate < 1)) {
            throw new IllegalArgumentException("max_conflict_rate must be in [0, 1), got " + maxConflictRate);
        }
    }

    /**
     * Bundles the numeric features of {@code data} (see the class comment); the same bundles, whichever form
     * of the same bins {@code data} is.
     *
     * @param maxConflictRate the largest share of rows in which members of one bundle may conflict, in [0, 1)
     */
    static FeatureBundles build(Source data, double maxConflictRate) {
        checkRate(maxConflictRate);
        int n = data.rows();
        int f = data.features();
        int[] def = new int[f];
        int[] nnz = new int[f];
        List<Integer> cand = new ArrayList<>();
        for (int j = 0; j < f; j++) {
            def[j] = data.defaultBin(j);
            if (def[j] < 0) {
                continue;  // categorical
            }
            nnz[j] = data.nonDefaultCount(j);
            if (nnz[j] > 0 && 2L * nnz[j] <= n) {  // no non-default row: a constant column, never split, not bundled
                cand.add(j);
            }
        }
        cand.sort((a, b) -> nnz[a] != nnz[b] ? Integer.compare(nnz[b], nnz[a]) : Integer.compare(a, b));
        long maxConflicts = (long) Math.floor(maxConflictRate * n);
        List<List<Integer>> groups = new ArrayList<>();
        List<long[]> marks = new ArrayList<>();         // per bundle: bit set of its non-default rows
        List<int[]> groupBins = new ArrayList<>();      // [bins used], bin 0 included
        List<long[]> groupConflicts = new ArrayList<>();
        int[] rows = cand.isEmpty() ? null : new int[n];
        for (int j : cand) {
            int m = data.nonDefaultRows(j, rows);
            int own = data.numBins(j);  // value bins + missing bin - default bin
            int chosen = -1;
            for (int g = 0; g < groups.size() && chosen < 0; g++) {
                if (groupBins.get(g)[0] + own > 256) {
                    continue;
                }
                long budget = maxConflicts - groupConflicts.get(g)[0];
                long c = conflicts(marks.get(g), rows, m, budget);
                if (c <= budget) {
                    chosen = g;
                    groupConflicts.get(g)[0] += c;
                }
            }
            if (chosen < 0) {
                if (groups.size() == MAX_OPEN) {
                    continue;  // stays a plain column
                }
                chosen = groups.size();
                groups.add(new ArrayList<>());
                marks.add(new long[(n + 63) >>> 6]);
                groupBins.add(new int[] {1});
                groupConflicts.add(new long[1]);
            }
            groups.get(chosen).add(j);
            groupBins.get(chosen)[0] += own;
            long[] mk = marks.get(chosen);
            for (int k = 0; k < m; k++) {
                mk[rows[k] >>> 6] |= 1L << rows[k];
            }
        }
        rows = null;
        marks = null;
        int[] bundleOf = new int[f];
        Arrays.fill(bundleOf, -1);
        int[] firstBin = new int[f];
        List<int[]> kept = new ArrayList<>();
        List<Integer> keptBins = new ArrayList<>();
        List<Long> keptConflicts = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            if (groups.get(g).size() < 2) {
                continue;
            }
            int[] mem = groups.get(g).stream().mapToInt(Integer::intValue).toArray();
            int off = 1;
            for (int j : mem) {
                bundleOf[j] = kept.size();
                firstBin[j] = off;
                off += data.numBins(j);
            }
            kept.add(mem);
            keptBins.add(off);
            keptConflicts.add(groupConflicts.get(g)[0]);
        }
        byte[][] columns = new byte[kept.size()][];
        for (int k = 0; k < kept.size(); k++) {
            byte[] out = new byte[n];
            for (int j : kept.get(k)) {
                data.merge(j, firstBin[j], out);
            }
            columns[k] = out;
        }
        return new FeatureBundles(kept.toArray(new int[0][]), columns, keptBins.stream().mapToInt(Integer::intValue).toArray(),
                bundleOf, firstBin, def, keptConflicts.stream().mapToLong(Long::longValue).toArray());
    }

    /** Number of the {@code m} rows that are set in {@code marks}, counted until it exceeds {@code budget}. */
    private static long conflicts(long[] marks, int[] rows, int m, long budget) {
        long c = 0;
        for (int k = 0; k < m && c <= budget; k++) {
            if ((marks[rows[k] >>> 6] & (1L << rows[k])) != 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * True if feature {@code j} is a member of a conflict-free bundle, whose column then holds its exact bins
     * (read through {@link #memberMap}); such a member needs no column of its own.
     */
    boolean storedInBundle(int j) {
        int k = bundleOf[j];
        return k >= 0 && bundleConflicts[k] == 0;
    }

    /**
     * The 256-entry map from the bin {@code v} of the bundle column to the bin of its member {@code j}:
     * {@code v - off} (plus one from the default bin {@code d} up) when {@code off <= v < off + numBins}, else
     * {@code d} (see {@link BinnedData}).
     */
    byte[] memberMap(int j, int numBins) {
        int d = defaultBin[j];
        int off = firstBin[j];
        byte[] map = new byte[256];
        Arrays.fill(map, (byte) d);
        for (int v = off; v < off + numBins; v++) {
            int b = v - off;
            map[v] = (byte) (b < d ? b : b + 1);
        }
        return map;
    }

    /** Sets {@code cnt[b]} to the number of rows {@code i < n} with {@code col[i] == b} (unsigned). */
    static void countBins(byte[] col, int n, int[] cnt) {
        Arrays.fill(cnt, 0);
        for (int i = 0; i < n; i++) {
            cnt[col[i] & 0xFF]++;
        }
    }

    /**
     * {@code data} (on which these bundles were built) without the own bin columns of the members of
     * conflict-free bundles: each such member is stored as its bundle's column read through a 256-entry map
     * (see {@link BinnedData}), which gives back its exact bins because no other member is non-default in its
     * rows. Members of bundles with conflicts keep their columns (the bundle cannot tell their bins). The
     * result bins every row exactly as {@code data} does; {@code data} itself is left unchanged, and its
     * dropped columns are garbage once the caller lets go of it.
     */
    BinnedData dropBundledColumns(BinnedData data) {
        int f = data.features();
        byte[][] stored = new byte[f][];
        byte[][] maps = new byte[f][];
        for (int j = 0; j < f; j++) {
            stored[j] = data.storedColumn(j);
            maps[j] = data.binMap(j);
        }
        for (int k = 0; k < members.length; k++) {
            if (bundleConflicts[k] != 0) {
                continue;
            }
            for (int j : members[k]) {
                stored[j] = columns[k];
                maps[j] = memberMap(j, data.numBins(j));  // bins 0..numBins(j) (missing included) minus the default one
            }
        }
        return data.withStoredColumns(stored, maps);
    }
}
