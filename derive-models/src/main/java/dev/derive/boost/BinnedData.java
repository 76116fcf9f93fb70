package dev.derive.boost;

/**
 * A feature matrix quantised into bins, built once by {@link Binner} and read by every tree of a boosting
 * run. Feature {@code j} has {@code numBins(j)} value bins {@code 0 .. numBins(j) - 1}: bin {@code b}
 * holds the values {@code x} with {@code upper(j)[b - 1] < x <= upper(j)[b]} ({@code upper(j)[-1] = -inf},
 * and the last bin is unbounded above). A missing value ({@code NaN}) gets its own bin {@code numBins(j)}
 * (the "missing bin"). Bins are stored as unsigned bytes, one {@code byte[]} per feature (column-wise), so
 * {@code numBins(j) <= 255}.
 *
 * <p>A categorical feature ({@link #isCategorical}) has one bin per kept level: bin {@code b} holds the rows
 * whose level code is {@code level(j, b)} (codes increasing with the bin); rows with a missing value or a
 * level that was not kept (too rare, see {@link Binner#withCategorical}) are in the missing bin.
 *
 * <p><b>Features stored in a bundle.</b> After exclusive feature bundling, a numeric feature whose bundle is
 * conflict-free may keep no column of its own ({@link FeatureBundles#dropBundledColumns}): its stored column
 * ({@link #storedColumn}) is then the bundle's merged column and {@link #binMap} maps each bundle bin
 * {@code v} to the feature's bin: {@code v - off} (plus one from the default bin {@code d} up) when
 * {@code off <= v < off + numBins}, else {@code d}. {@link #bin} applies the map; {@link #column} refuses such
 * a feature.
 */
public final class BinnedData {

    private final byte[][] bins;
    private final double[][] upper;
    private final int rows;
    private final boolean[] hasMissing;
    private final int[][] levels;  // per feature: null (numeric) or the level code of each bin (categorical)
    private final byte[][] maps;   // per feature: null (own column) or the 256-entry bundle bin -> bin map; may be null
    private final int[][] counts;  // per feature: rows per bin counted while binning, or null; the array may be null

    BinnedData(byte[][] bins, double[][] upper, int rows, boolean[] hasMissing) {
        this(bins, upper, rows, hasMissing, null);
    }

    BinnedData(byte[][] bins, double[][] upper, int rows, boolean[] hasMissing, int[][] levels) {
        this(bins, upper, rows, hasMissing, levels, null, null);
    }

    BinnedData(byte[][] bins, double[][] upper, int rows, boolean[] hasMissing, int[][] levels, byte[][] maps,
               int[][] counts) {
        this.bins = bins;
        this.upper = upper;
        this.rows = rows;
        this.hasMissing = hasMissing;
        this.levels = levels;
        this.maps = maps;
        this.counts = counts;
    }

    /**
     * The same bins with feature {@code j}'s column replaced by {@code stored[j]} read through {@code maps[j]}
     * wherever {@code maps[j]} is not null (see the class comment). Every row keeps its bins, so the bin counts stay.
     */
    BinnedData withStoredColumns(byte[][] stored, byte[][] maps) {
        return new BinnedData(stored, upper, rows, hasMissing, levels, maps, counts);
    }

    /**
     * The number of rows in each bin of feature {@code j} ({@code 0 .. numBins(j)}, the missing bin last), as counted
     * when the feature was binned, or null when they were not counted (not a copy, do not modify).
     */
    int[] binCounts(int j) {
        return counts == null ? null : counts[j];
    }

    /** True if feature {@code j} is binned as a categorical feature (one bin per kept level). */
    public boolean isCategorical(int j) {
        return levels != null && levels[j] != null;
    }

    /** The level code held by bin {@code b} of the categorical feature {@code j}. */
    int level(int j, int b) {
        return levels[j][b];
    }

    /** The categorical levels of each feature (null entries for numeric ones); the array itself may be null. */
    int[][] levels() {
        return levels;
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of features. */
    public int features() {
        return bins.length;
    }

    /** Number of value bins of feature {@code j} (the missing bin, index {@code numBins(j)}, not counted). */
    public int numBins(int j) {
        if (levels != null && levels[j] != null) {
            return levels[j].length;
        }
        return upper[j].length + 1;
    }

    /** The bin of row {@code i}, feature {@code j} (0 .. numBins(j), the last being the missing bin). */
    public int bin(int i, int j) {
        int v = bins[j][i] & 0xFF;
        byte[] m = maps == null ? null : maps[j];
        return m == null ? v : m[v] & 0xFF;
    }

    /**
     * The column of bins of feature {@code j} (unsigned bytes; not a copy, do not modify).
     *
     * @throws IllegalStateException if {@code j} is stored in a bundle column ({@link #binMap} is not null)
     */
    byte[] column(int j) {
        if (maps != null && maps[j] != null) {
            throw new IllegalStateException("feature " + j + " has no bin column of its own (it is stored in its EFB bundle); "
                    + "read storedColumn(j) through binMap(j)");
        }
        return bins[j];
    }

    /**
     * The stored column of feature {@code j}: its own bins, or its bundle's merged column when
     * {@link #binMap}{@code (j)} is not null (unsigned bytes; not a copy, do not modify).
     */
    byte[] storedColumn(int j) {
        return bins[j];
    }

    /** Null if feature {@code j} has its own column, else the map from its stored (bundle) bin to its bin. */
    byte[] binMap(int j) {
        return maps == null ? null : maps[j];
    }

    /**
     * Bytes held by the bin columns and bin maps (each distinct array counted once; a bundle column shared by
     * its members counts once), the part of this object that grows with the rows.
     */
    long columnBytes() {
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        long total = 0;
        for (int j = 0; j < bins.length; j++) {
            if (seen.add(bins[j])) {
                total += bins[j].length;
            }
            byte[] m = binMap(j);
            if (m != null && seen.add(m)) {
                total += m.length;
            }
        }
        return total;
    }

    /**
     * The bin edges of feature {@code j} (a copy): {@code numBins(j) - 1} increasing thresholds; bin
     * {@code b < numBins(j) - 1} holds values {@code <= edges[b]}.
     */
    public double[] edges(int j) {
        return upper[j].clone();
    }

    double edge(int j, int b) {
        return upper[j][b];
    }

    /** True if feature {@code j} had missing values in the data that was binned. */
    public boolean hasMissing(int j) {
        return hasMissing[j];
    }
}
