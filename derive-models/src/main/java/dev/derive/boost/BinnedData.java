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
 */
public final class BinnedData {

    private final byte[][] bins;
    private final double[][] upper;
    private final int rows;
    private final boolean[] hasMissing;
    private final int[][] levels;  // per feature: null (numeric) or the level code of each bin (categorical)

    BinnedData(byte[][] bins, double[][] upper, int rows, boolean[] hasMissing) {
        this(bins, upper, rows, hasMissing, null);
    }

    BinnedData(byte[][] bins, double[][] upper, int rows, boolean[] hasMissing, int[][] levels) {
        this.bins = bins;
        this.upper = upper;
        this.rows = rows;
        this.hasMissing = hasMissing;
        this.levels = levels;
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
        return bins[j][i] & 0xFF;
    }

    /** The column of bins of feature {@code j} (unsigned bytes; not a copy, do not modify). */
    byte[] column(int j) {
        return bins[j];
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
