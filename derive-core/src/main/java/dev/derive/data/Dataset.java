package dev.derive.data;

import dev.derive.linalg.Matrix;
import dev.derive.linalg.SparseMatrix;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The numeric view a learner trains on: an {@code n x p} feature matrix with named features (numeric, or
 * categorical stored as integer codes with their levels; a missing value is {@code NaN}), a target (a
 * real {@code double[]} for regression, or class indices {@code 0..K-1} with class names for
 * classification, or none for unsupervised learning) and optional non-negative sample weights.
 *
 * <p>A dataset is immutable: {@link #features()} returns the matrix it holds, which callers must treat as
 * read-only (the learner contract test checks that no learner writes to it); everything else is copied
 * on the way in and out.
 *
 * <p>From a {@link Frame}, {@link #from(Frame, String)} takes every column except the target as a
 * feature: numeric columns as they are ({@code NaN} = missing); categorical columns as their integer
 * codes stored as doubles (missing = {@code NaN}), described as {@link Feature#categorical categorical}
 * with their levels so trees can split on levels natively; boolean columns as 0/1 (missing =
 * {@code NaN}), described as numeric. String columns are refused: they need an encoder first. A
 * categorical, boolean or string target makes a classification task, a numeric one a regression task
 * (override with {@link #from(Frame, String, Task)}). The class names are all the levels of a
 * categorical target in order (so subsets of one frame share one encoding), {@code false, true} for a
 * boolean target, and the distinct values in natural order ({@link CategoricalColumn#sortLevels}) for a
 * string or numeric one.
 *
 * <p><b>Sparse features.</b> {@link #regression(SparseMatrix, double[])},
 * {@link #classification(SparseMatrix, int[], List)} and {@link #unlabeled(SparseMatrix)} keep the features
 * as a CSR {@link SparseMatrix} ({@link #isSparse()}, {@link #sparseFeatures()}); sparse-capable learners
 * (lasso, elastic net, logistic regression, linear SVM) read it without densifying. {@link #features()} on
 * a sparse data set builds the dense {@code n x p} matrix once (memory {@code 8 n p} bytes, time
 * {@code O(n p)}), caches it, and refuses with an {@link IllegalStateException} naming the size when
 * {@code n p} exceeds {@link #MAX_DENSE_ENTRIES} or a quarter of the maximum heap, so every dense learner
 * still works on small sparse data. Subsets, weights, renamed features and the digest keep the sparse
 * form; {@link #sha256()} hashes the stored non-zeros (explicit zeros are skipped), so equal sparse content
 * gives equal digests whatever zeros were stored, and differs from the digest of the same values held
 * densely (the digest is of the representation as well as the values).
 */
public final class Dataset {

    /**
     * The largest number of entries {@link #features()} densifies a sparse data set into: a Java array
     * holds at most {@code 2^31 - 1} elements. A quarter of the maximum heap is a second limit.
     */
    public static final long MAX_DENSE_ENTRIES = Integer.MAX_VALUE - 8;

    /** What the target is. */
    public enum Task { CLASSIFICATION, REGRESSION, UNSUPERVISED }

    /** A feature's name and kind; categorical features list their levels (code {@code i} is level {@code i}). */
    public record Feature(String name, List<String> levels) {
        public Feature {
            Objects.requireNonNull(name, "feature name");
            levels = levels == null ? null : List.copyOf(levels);
        }

        /** A numeric feature. */
        public static Feature numeric(String name) {
            return new Feature(name, null);
        }

        /** A categorical feature with the given levels. */
        public static Feature categorical(String name, List<String> levels) {
            return new Feature(name, Objects.requireNonNull(levels, "levels"));
        }

        public boolean isCategorical() {
            return levels != null;
        }
    }

    private final Matrix x;            // dense features, or null when sparse
    private final SparseMatrix sx;     // sparse features, or null when dense
    private volatile Matrix densified; // cache of sx.toDense()
    private volatile String sha256;    // cache of sha256(): the data never change
    private volatile java.util.concurrent.CompletableFuture<String> shaTask;  // sha256InBackground, or null
    private final List<Feature> features;
    private final Task task;
    private final double[] y;          // regression target, or null
    private final int[] labels;        // class indices, or null
    private final List<String> classes;
    private final double[] weights;    // or null
    private final String targetName;

    private Dataset(Matrix x, List<Feature> features, Task task, double[] y, int[] labels, List<String> classes,
                    double[] weights, String targetName) {
        this(x, null, features, task, y, labels, classes, weights, targetName);
    }

    private Dataset(Matrix x, SparseMatrix sx, List<Feature> features, Task task, double[] y, int[] labels,
                    List<String> classes, double[] weights, String targetName) {
        if ((x == null) == (sx == null)) {
            throw new IllegalArgumentException("a data set holds either a dense or a sparse feature matrix");
        }
        this.x = x;
        this.sx = sx;
        this.features = List.copyOf(features);
        this.task = task;
        this.y = y;
        this.labels = labels;
        this.classes = classes == null ? List.of() : List.copyOf(classes);
        this.weights = weights;
        this.targetName = targetName;
        validate();
    }

    private static List<Feature> defaultFeatures(int p) {
        List<Feature> f = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            f.add(Feature.numeric("x" + j));
        }
        return f;
    }

    /** A regression data set with features named {@code x0, x1, ...}; {@code x} is copied. */
    public static Dataset regression(Matrix x, double[] y) {
        return new Dataset(x.copy(), defaultFeatures(x.cols()), Task.REGRESSION, y.clone(), null, null, null, "y");
    }

    /** A classification data set with classes named {@code "0".."K-1"} where {@code K = max(label) + 1}. */
    public static Dataset classification(Matrix x, int[] labels) {
        return classification(x, labels, defaultClasses(labels));
    }

    /** A classification data set whose labels index {@code classes}. */
    public static Dataset classification(Matrix x, int[] labels, List<String> classes) {
        return new Dataset(x.copy(), defaultFeatures(x.cols()), Task.CLASSIFICATION, null, labels.clone(), classes, null, "y");
    }

    /**
     * A regression data set that holds {@code x} and {@code y} as they are, without the copies
     * {@link #regression(Matrix, double[])} makes: for data too large to hold twice. The caller hands them over
     * and must not modify them afterwards (a data set, its digest and the models fitted to it assume fixed data).
     */
    public static Dataset wrapRegression(Matrix x, double[] y) {
        return new Dataset(x, defaultFeatures(x.cols()), Task.REGRESSION, y, null, null, null, "y");
    }

    /**
     * A classification data set (classes {@code "0".."K-1"}) that holds {@code x} and {@code labels} as they are,
     * without copies; as {@link #wrapRegression}, the caller must not modify them afterwards.
     */
    public static Dataset wrapClassification(Matrix x, int[] labels) {
        return new Dataset(x, defaultFeatures(x.cols()), Task.CLASSIFICATION, null, labels, defaultClasses(labels), null, "y");
    }

    /** A data set with no target, for unsupervised learners. */
    public static Dataset unlabeled(Matrix x) {
        return new Dataset(x.copy(), defaultFeatures(x.cols()), Task.UNSUPERVISED, null, null, null, null, null);
    }

    /**
     * A regression data set on sparse (CSR) features named {@code x0, x1, ...}; the matrix is immutable and
     * is held as is. Sparse-capable learners never densify it; see the class comment for {@link #features()}.
     */
    public static Dataset regression(SparseMatrix x, double[] y) {
        return new Dataset(null, x, defaultFeatures(x.cols()), Task.REGRESSION, y.clone(), null, null, null, "y");
    }

    /** A classification data set on sparse features, classes named {@code "0".."K-1"} with {@code K = max(label) + 1}. */
    public static Dataset classification(SparseMatrix x, int[] labels) {
        return classification(x, labels, defaultClasses(labels));
    }

    /** A classification data set on sparse features whose labels index {@code classes}. */
    public static Dataset classification(SparseMatrix x, int[] labels, List<String> classes) {
        return new Dataset(null, x, defaultFeatures(x.cols()), Task.CLASSIFICATION, null, labels.clone(), classes, null, "y");
    }

    /** A data set on sparse features with no target. */
    public static Dataset unlabeled(SparseMatrix x) {
        return new Dataset(null, x, defaultFeatures(x.cols()), Task.UNSUPERVISED, null, null, null, null, null);
    }

    private static List<String> defaultClasses(int[] labels) {
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    /** The data set with {@code target} as target, the task inferred from its type (see the class comment). */
    public static Dataset from(Frame frame, String target) {
        return from(frame, target, null);
    }

    /**
     * The data set with column {@code target} as target and every other column as a feature. The task
     * {@code CLASSIFICATION} also accepts a numeric target (classes: its distinct values, sorted, named
     * by their shortest text such as {@code "0"}, {@code "1"}), {@code REGRESSION} needs a numeric one,
     * {@code null} infers the task from the column type.
     *
     * @throws IllegalArgumentException naming the available columns if {@code target} is not one of
     *                                  them; if a feature column holds strings; if the target is missing in
     *                                  some rows or does not suit the task
     */
    public static Dataset from(Frame frame, String target, Task task) {
        if (target == null) {
            throw new IllegalArgumentException("the target column name is null; use unlabeled(frame) for data without a target");
        }
        if (!frame.hasColumn(target)) {
            throw new IllegalArgumentException("target column '" + target + "' not found; available columns: "
                    + frame.columnNames());
        }
        if (task == Task.UNSUPERVISED) {
            throw new IllegalArgumentException("task UNSUPERVISED has no target; use unlabeled(frame.drop(\"" + target + "\"))");
        }
        Column t = frame.column(target);
        Dataset base = unlabeled(frame.drop(target));
        int n = frame.nrows();
        Task tk = task != null ? task : t instanceof NumericColumn ? Task.REGRESSION : Task.CLASSIFICATION;
        if (tk == Task.REGRESSION) {
            if (!(t instanceof NumericColumn nc)) {
                throw new IllegalArgumentException("target '" + target + "' is " + t.type().label()
                        + "; regression needs a numeric target");
            }
            double[] y = nc.toArray();
            requireTargetPresent(y, target);
            return new Dataset(base.x, base.features, Task.REGRESSION, y, null, null, null, target);
        }
        int[] labels = new int[n];
        List<String> names;
        switch (t) {
            case CategoricalColumn cc -> {
                names = cc.levels();
                for (int i = 0; i < n; i++) {
                    labels[i] = cc.code(i);
                }
            }
            case BooleanColumn bc -> {
                names = List.of("false", "true");
                for (int i = 0; i < n; i++) {
                    labels[i] = bc.isMissing(i) ? -1 : bc.isTrue(i) ? 1 : 0;
                }
            }
            case StringColumn sc -> {
                Set<String> distinct = new HashSet<>();
                for (int i = 0; i < n; i++) {
                    if (sc.get(i) != null) {
                        distinct.add(sc.get(i));
                    }
                }
                names = CategoricalColumn.sortLevels(distinct);
                CategoricalColumn cc = CategoricalColumn.of(target, names, sc.values);
                for (int i = 0; i < n; i++) {
                    labels[i] = cc.code(i);
                }
            }
            case NumericColumn nc -> {
                double[] v = nc.values;
                double[] sorted = Arrays.stream(v).filter(d -> !Double.isNaN(d)).distinct().sorted().toArray();
                names = new ArrayList<>(sorted.length);
                for (double d : sorted) {
                    names.add(NumericColumn.formatNumber(d));
                }
                for (int i = 0; i < n; i++) {
                    labels[i] = Double.isNaN(v[i]) ? -1 : Arrays.binarySearch(sorted, v[i]);
                }
            }
        }
        int missing = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                missing++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (missing > 0) {
            throw new IllegalArgumentException("target '" + target + "' is missing in " + missing + " of " + n
                    + " rows (first: row " + first + "); drop those rows first, e.g. frame.filter(i -> !frame.column(\""
                    + target + "\").isMissing(i))");
        }
        return new Dataset(base.x, base.features, Task.CLASSIFICATION, null, labels, names, null, target);
    }

    private static void requireTargetPresent(double[] y, String target) {
        int bad = 0;
        int first = -1;
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            throw new IllegalArgumentException("target '" + target + "' is missing or infinite in " + bad + " of "
                    + y.length + " rows (first: row " + first + " = " + y[first] + "); drop those rows first");
        }
    }

    /**
     * Every column of {@code frame} as a feature, no target (task {@code UNSUPERVISED}); the encoding is
     * described in the class comment.
     *
     * @throws IllegalArgumentException if a column holds strings
     */
    public static Dataset unlabeled(Frame frame) {
        int n = frame.nrows();
        int p = frame.ncols();
        List<String> strings = new ArrayList<>();
        for (Column c : frame.columns()) {
            if (c instanceof StringColumn) {
                strings.add(c.name());
            }
        }
        if (!strings.isEmpty()) {
            boolean many = strings.size() > 1;
            throw new IllegalArgumentException("feature column" + (many ? "s " : " ") + strings + (many ? " hold" : " holds")
                    + " free text, which a learner cannot use directly; drop " + (many ? "them" : "it")
                    + " or encode " + (many ? "them" : "it") + " first (e.g. read as categorical)");
        }
        double[] data = new double[Math.multiplyExact(n, p)];
        List<Feature> features = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            Column c = frame.column(j);
            int off = j * n;
            switch (c) {
                case NumericColumn nc -> {
                    System.arraycopy(nc.values, 0, data, off, n);
                    features.add(Feature.numeric(c.name()));
                }
                case CategoricalColumn cc -> {
                    for (int i = 0; i < n; i++) {
                        int code = cc.codes[i];
                        data[off + i] = code < 0 ? Double.NaN : code;
                    }
                    features.add(Feature.categorical(c.name(), cc.levels()));
                }
                case BooleanColumn bc -> {
                    for (int i = 0; i < n; i++) {
                        byte v = bc.values[i];
                        data[off + i] = v < 0 ? Double.NaN : v;
                    }
                    features.add(Feature.numeric(c.name()));
                }
                case StringColumn sc -> throw new AssertionError(sc.name());
            }
        }
        return new Dataset(Matrix.wrap(n, p, data), features, Task.UNSUPERVISED, null, null, null, null, null);
    }

    /** A copy with the given feature descriptions (one per column). */
    public Dataset withFeatures(List<Feature> newFeatures) {
        return new Dataset(x, sx, newFeatures, task, y, labels, classes, weights, targetName);
    }

    /**
     * A data set with the same rows, target and weights but a new feature matrix (same number of rows)
     * described by {@code newFeatures}; {@code x} is used as is (not copied), as transformers produce it.
     */
    public Dataset withFeatureMatrix(Matrix newX, List<Feature> newFeatures) {
        if (newX.rows() != size()) {
            throw new IllegalArgumentException("the new feature matrix has " + newX.rows() + " rows but the data set has " + size());
        }
        return new Dataset(newX, null, newFeatures, task, y, labels, classes, weights, targetName);
    }

    /** As {@link #withFeatureMatrix(Matrix, List)} with a sparse feature matrix (held as is). */
    public Dataset withFeatureMatrix(SparseMatrix newX, List<Feature> newFeatures) {
        if (newX.rows() != size()) {
            throw new IllegalArgumentException("the new feature matrix has " + newX.rows() + " rows but the data set has " + size());
        }
        return new Dataset(null, newX, newFeatures, task, y, labels, classes, weights, targetName);
    }

    /** A copy whose features are all numeric and carry the given names. */
    public Dataset withFeatureNames(List<String> names) {
        List<Feature> f = new ArrayList<>();
        for (String n : names) {
            f.add(Feature.numeric(n));
        }
        return withFeatures(f);
    }

    /** A copy with sample weights (finite, non-negative, positive sum), or none if {@code w} is null. */
    public Dataset withWeights(double[] w) {
        return new Dataset(x, sx, features, task, y, labels, classes, w == null ? null : w.clone(), targetName);
    }

    /** A copy whose target column is called {@code name} (for messages and model schemas). */
    public Dataset withTargetName(String name) {
        return new Dataset(x, sx, features, task, y, labels, classes, weights, name);
    }

    private void validate() {
        int n = size();
        if (features.size() != featureCount()) {
            throw new IllegalArgumentException("the feature matrix has " + featureCount() + " columns but "
                    + features.size() + " feature descriptions were given");
        }
        // duplicate names by hashing: O(p), as wide sparse data have tens of thousands of features
        java.util.Map<String, Integer> seen = new java.util.HashMap<>(Math.max(16, 2 * features.size()));
        for (int j = 0; j < features.size(); j++) {
            Integer k = seen.putIfAbsent(features.get(j).name(), j);
            if (k != null) {
                throw new IllegalArgumentException("duplicate feature name '" + features.get(j).name()
                        + "' (columns " + k + " and " + j + ")");
            }
        }
        if (y != null) {
            if (y.length != n) {
                throw new IllegalArgumentException("the target has " + y.length + " values but the feature matrix has "
                        + n + " rows");
            }
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("the target '" + targetName + "' has " + y[i] + " at row " + i
                            + "; drop rows with a missing target before training");
                }
            }
        }
        if (labels != null) {
            if (labels.length != n) {
                throw new IllegalArgumentException("the labels have " + labels.length + " entries but the feature matrix has "
                        + n + " rows");
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= classes.size()) {
                    throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " is outside [0, "
                            + classes.size() + ") for classes " + classes);
                }
            }
        }
        if (weights != null) {
            if (weights.length != n) {
                throw new IllegalArgumentException("the sample weights have " + weights.length
                        + " values but the feature matrix has " + n + " rows");
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                    throw new IllegalArgumentException("sample weight " + weights[i] + " at row " + i
                            + " is invalid; weights must be finite and >= 0");
                }
                s += weights[i];
            }
            if (n > 0 && !(s > 0)) {
                throw new IllegalArgumentException("the sample weights sum to 0; at least one must be positive");
            }
        }
    }

    // ---------------------------------------------------------------- access

    /**
     * The feature matrix ({@code size() x featureCount()}); read-only by contract, not copied. On a sparse
     * data set this is the dense equivalent, built on the first call ({@code 8 n p} bytes) and cached.
     *
     * @throws IllegalStateException on a sparse data set whose dense form would have more than
     *                               {@link #MAX_DENSE_ENTRIES} entries or take more than a quarter of the
     *                               maximum heap (the message gives the size); use {@link #sparseFeatures()}
     */
    public Matrix features() {
        if (x != null) {
            return x;
        }
        Matrix d = densified;
        if (d == null) {
            synchronized (this) {
                d = densified;
                if (d == null) {
                    long entries = (long) sx.rows() * sx.cols();
                    long bytes = 8 * entries;
                    long quarterHeap = Runtime.getRuntime().maxMemory() / 4;
                    if (entries > MAX_DENSE_ENTRIES || bytes > quarterHeap) {
                        throw new TooLargeToDensifyException("this sparse data set (" + sx.rows() + " x " + sx.cols() + ", "
                                + sx.nnz() + " stored entries) is too large to densify: " + entries + " entries, "
                                + (bytes >> 20) + " MiB dense, above the limit of " + Math.min(MAX_DENSE_ENTRIES, quarterHeap / 8)
                                + " entries (2^31 - 9, or a quarter of the " + (Runtime.getRuntime().maxMemory() >> 20)
                                + " MiB heap); use a learner that accepts sparse input (lasso, elastic_net, their _cv forms, ridge, "
                                + "ridge_cv, ols, huber, quantile, the GLMs, logistic, linear_svm, linear_svr) or sparseFeatures()");
                    }
                    d = sx.toDense();
                    densified = d;
                }
            }
        }
        return d;
    }

    /** True if the features are held as a sparse (CSR) matrix; {@link #sparseFeatures()} then returns it. */
    public boolean isSparse() {
        return sx != null;
    }

    /**
     * The sparse feature matrix (immutable, not copied).
     *
     * @throws IllegalStateException if the data set is dense ({@link #isSparse()} false): convert with
     *                               {@code SparseMatrix.fromDense(features())} if that is wanted
     */
    public SparseMatrix sparseFeatures() {
        if (sx == null) {
            throw new IllegalStateException("this data set holds dense features; use features(), or "
                    + "SparseMatrix.fromDense(features()) for a sparse copy");
        }
        return sx;
    }

    /** Number of rows. */
    public int size() {
        return x != null ? x.rows() : sx.rows();
    }

    /** Number of features. */
    public int featureCount() {
        return x != null ? x.cols() : sx.cols();
    }

    public Task task() {
        return task;
    }

    /** The feature descriptions, one per column. */
    public List<Feature> featureInfo() {
        return features;
    }

    /** The feature names, one per column. */
    public List<String> featureNames() {
        List<String> n = new ArrayList<>(features.size());
        for (Feature f : features) {
            n.add(f.name());
        }
        return n;
    }

    /** The name of the target column ({@code null} for unlabeled data). */
    public String targetName() {
        return targetName;
    }

    /** The regression target (a copy). */
    public double[] target() {
        if (y == null) {
            throw new IllegalStateException("this " + task.name().toLowerCase() + " data set has no real-valued target"
                    + (labels != null ? "; it has class labels: use labels()" : ""));
        }
        return y.clone();
    }

    /** The class indices {@code 0..K-1} (a copy). */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("this " + task.name().toLowerCase() + " data set has no class labels"
                    + (y != null ? "; it has a real-valued target: use target()" : ""));
        }
        return labels.clone();
    }

    /** The class names ({@code classes().get(label)}); empty unless classification. */
    public List<String> classes() {
        return classes;
    }

    /** Number of classes ({@code 0} unless classification). */
    public int numClasses() {
        return classes.size();
    }

    /** The sample weights (a copy), or {@code null} when unweighted. */
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    public boolean hasWeights() {
        return weights != null;
    }

    /**
     * Throws unless every feature value is finite, naming the learner, the feature and the row: for
     * learners that do not handle missing values.
     */
    public void requireFiniteFeatures(String learner) {
        if (sx != null) {
            int[] ptr = sx.rowPointers();
            int[] ci = sx.columnIndices();
            double[] v = sx.values();
            for (int i = 0; i < sx.rows(); i++) {
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    if (!Double.isFinite(v[k])) {
                        throw new IllegalArgumentException(learner + " does not accept " + (Double.isNaN(v[k]) ? "missing values" : "infinite values")
                                + ": feature '" + features.get(ci[k]).name() + "' is " + v[k] + " at row " + i
                                + (Double.isNaN(v[k]) ? "; impute them first" : ""));
                    }
                }
            }
            return;
        }
        if (x.isFinite()) {
            // one tight pass over the backing array (fast from the first call, before the JIT compiles the loop
            // below); the loop below only runs to name the offending entry
            return;
        }
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(learner + " does not accept " + (Double.isNaN(v) ? "missing values" : "infinite values")
                            + ": feature '" + features.get(j).name() + "' is " + v + " at row " + i
                            + (Double.isNaN(v) ? "; impute them first" : ""));
                }
            }
        }
    }

    /** The rows {@code rows} (in that order, repeats allowed) as a new data set. */
    public Dataset subset(int[] rows) {
        for (int r = 0; r < rows.length; r++) {
            int i = rows[r];
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("row " + i + " of a data set with " + size() + " rows");
            }
        }
        Matrix dx = null;
        SparseMatrix sp = null;
        if (sx != null) {
            sp = sx.selectRows(rows);
        } else {
            dx = Matrix.zeros(rows.length, x.cols());
            for (int j = 0; j < x.cols(); j++) {
                for (int r = 0; r < rows.length; r++) {
                    dx.set(r, j, x.get(rows[r], j));
                }
            }
        }
        return new Dataset(dx, sp, features, task, y == null ? null : pick(y, rows), labels == null ? null : pick(labels, rows),
                classes, weights == null ? null : pick(weights, rows), targetName);
    }

    private static double[] pick(double[] a, int[] rows) {
        double[] o = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            o[r] = a[rows[r]];
        }
        return o;
    }

    private static int[] pick(int[] a, int[] rows) {
        int[] o = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            o[r] = a[rows[r]];
        }
        return o;
    }

    /**
     * A stable SHA-256 digest (hex) of the features, their names and kinds, the target and the weights:
     * the data provenance recorded in saved models. Equal data give equal digests on every platform.
     * Computed once per instance (about 0.1 s per 160 MB once the JIT has compiled SHA-256) and then
     * cached: a {@code Dataset} is immutable, so fitting several learners to one instance hashes it once.
     *
     * <p>The digested bytes, in order ("long" is 8 bytes big-endian, a value {@code v} is the long
     * {@code Double.doubleToLongBits(v)}, so every NaN is the canonical one, and text is UTF-8):
     * <ol>
     *   <li>the row count and the feature count, as longs;</li>
     *   <li>sparse features: the text {@code csr;}, then for each row the number of its stored entries that
     *       are not zero ({@code 0.0} and {@code -0.0} are skipped), as a long, followed by the column index
     *       (as a long) and the value of each of them in stored order; dense features: every value, column by
     *       column;</li>
     *   <li>for each feature the text name, U+0000, its levels joined by U+0001 (none for a numeric
     *       feature), U+0000;</li>
     *   <li>the text {@code "task=" + task + ";target=" + target name + ";classes=" + class names joined by
     *       U+0001 + ";"} (the task's enum name, the target name or {@code null});</li>
     *   <li>the regression target's values, or the class indices as longs, if there is a target;</li>
     *   <li>the text {@code weights;}, then the weights' values if there are weights.</li>
     * </ol>
     */
    public String sha256() {
        String h = sha256;
        if (h == null) {
            java.util.concurrent.CompletableFuture<String> task = shaTask;
            h = task != null ? task.join() : computeSha256();
            sha256 = h;
        }
        return h;
    }

    /**
     * Starts computing {@link #sha256()} on a background daemon thread (large data sets only; a no-op when it
     * is known or under way), so that a fit's own work overlaps it: learners call this before training and
     * read the digest for the model's schema at the end. The digest is the same either way.
     */
    public void sha256InBackground() {
        if (sha256 != null || shaTask != null || (long) size() * Math.max(1, featureCount()) < 1 << 17) {
            return;
        }
        synchronized (this) {
            if (shaTask == null) {
                java.util.concurrent.CompletableFuture<String> task = new java.util.concurrent.CompletableFuture<>();
                Thread t = new Thread(new DigestTask(this, task), "derive-dataset-sha256");
                t.setDaemon(true);
                shaTask = task;
                t.start();
            }
        }
    }

    /**
     * The background digest (a named class, not a lambda: the first fit in a JVM would otherwise spin a
     * lambda class, which is JIT work competing with the fit).
     */
    private record DigestTask(Dataset data, java.util.concurrent.CompletableFuture<String> result) implements Runnable {
        @Override
        public void run() {
            try {
                result.complete(data.computeSha256());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }
    }

    private String computeSha256() {
        Sha256Sink s = new Sha256Sink();
        s.putLong(size());
        s.putLong(featureCount());
        if (sx != null) {
            s.putText("csr;");
            int[] ptr = sx.rowPointers();  // copies: taken once
            int[] ci = sx.columnIndices();
            double[] v = sx.values();
            for (int i = 0; i < sx.rows(); i++) {
                s.putSparseRow(ci, v, ptr[i], ptr[i + 1]);
            }
        }
        for (int j = 0; x != null && j < x.cols(); j++) {
            s.putColumn(x, j);
        }
        StringBuilder text = new StringBuilder();  // feature descriptions in batches: wide data have 10^5 of them
        for (Feature f : features) {
            text.append(f.name()).append('\u0000');
            if (f.levels() != null) {
                text.append(String.join("\u0001", f.levels()));
            }
            text.append('\u0000');
            if (text.length() >= 1 << 16) {
                s.putText(text.toString());
                text.setLength(0);
            }
        }
        s.putText(text.toString());
        // StringBuilder rather than "+": string concatenation spins a hidden class per shape on first use
        s.putText(new StringBuilder("task=").append(task).append(";target=").append(targetName).append(";classes=")
                .append(String.join("\u0001", classes)).append(';').toString());
        if (y != null) {
            s.putDoubles(y);
        }
        if (labels != null) {
            s.putInts(labels);
        }
        s.putText("weights;");
        if (weights != null) {
            s.putDoubles(weights);
        }
        return s.hex();
    }

    /**
     * The byte stream of {@link #sha256()}, fed to SHA-256 in 128 KB blocks: values go into the block as
     * big-endian bytes by bulk {@link DoubleBuffer} / {@link LongBuffer} copies (a byte-swapping memory copy, fast
     * even before the JIT has compiled anything), NaNs are then made canonical by a read-only scan, and each
     * full block is digested by one {@code MessageDigest.update}, where the JDK's multi-block SHA-256 intrinsic
     * runs. Every loop is its own small method so that the JIT compiles it early (the digest runs once per
     * data set, cold).
     */
    private static final class Sha256Sink {
        private static final int LONGS = 1 << 14;
        private static final long CANONICAL_NAN = Double.doubleToLongBits(Double.NaN);
        private final MessageDigest md;
        private final byte[] bytes = new byte[8 * LONGS];
        private final LongBuffer longs = ByteBuffer.wrap(bytes).asLongBuffer();        // big-endian views
        private final DoubleBuffer doubles = ByteBuffer.wrap(bytes).asDoubleBuffer();
        private long[] staged;    // staging for ints and sparse rows, allocated on first use
        private double[] column;  // staging for matrix columns, allocated on first use
        private int used;         // longs in bytes, not yet digested

        Sha256Sink() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        void putLong(long v) {
            room(1);
            longs.put(used++, v);
        }

        void putText(String text) {
            flush();
            md.update(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Big-endian {@code doubleToLongBits} of every value (NaN canonical). */
        void putDoubles(double[] a) {
            for (int i0 = 0; i0 < a.length; ) {
                int m = room(a.length - i0);
                putRaw(a, i0, m);
                i0 += m;
            }
        }

        /** Column {@code j} of {@code x}, as {@link #putDoubles}. */
        void putColumn(Matrix x, int j) {
            if (column == null) {
                column = new double[LONGS];
            }
            for (int i0 = 0; i0 < x.rows(); ) {
                int m = room(x.rows() - i0);
                x.copyColumn(j, i0, column, 0, m);
                putRaw(column, 0, m);
                i0 += m;
            }
        }

        /** Every value widened to a long. */
        void putInts(int[] a) {
            long[] st = staging();
            for (int i0 = 0; i0 < a.length; ) {
                int m = room(a.length - i0);
                widen(a, i0, m, st);
                longs.put(used, st, 0, m);
                used += m;
                i0 += m;
            }
        }

        /** A CSR row: its number of non-zeros, then (column, value bits) of each non-zero (zeros and -0.0 skipped). */
        void putSparseRow(int[] ci, double[] v, int from, int to) {
            long[] st = staging();
            int nz = 0;
            for (int k = from; k < to; k++) {
                nz += v[k] != 0 ? 1 : 0;
            }
            putLong(nz);
            int m = 0;
            for (int k = from; k < to; k++) {
                if (v[k] != 0) {
                    if (m == LONGS) {
                        m = moveStaged(st, m);
                    }
                    st[m] = ci[k];
                    st[m + 1] = Double.doubleToLongBits(v[k]);
                    m += 2;
                }
            }
            moveStaged(st, m);
        }

        String hex() {
            flush();
            return HexFormat.of().formatHex(md.digest());
        }

        /** Appends {@code st[0..m)} to the block, flushing as needed; returns 0. */
        private int moveStaged(long[] st, int m) {
            for (int k0 = 0; k0 < m; ) {
                int k = room(m - k0);
                longs.put(used, st, k0, k);
                used += k;
                k0 += k;
            }
            return 0;
        }

        /** {@code a[off..off+m)} into the block, which has room for them. */
        private void putRaw(double[] a, int off, int m) {
            doubles.put(used, a, off, m);
            if (firstNaN(a, off, m) >= 0) {
                canonicalNaNs(a, off, m);
            }
            used += m;
        }

        private long[] staging() {
            if (staged == null) {
                staged = new long[LONGS];
            }
            return staged;
        }

        /** The number of values (at most {@code wanted}) that fit before the next flush; flushes a full block. */
        private int room(int wanted) {
            if (used == LONGS) {
                flush();
            }
            return Math.min(wanted, LONGS - used);
        }

        private void flush() {
            if (used > 0) {
                md.update(bytes, 0, 8 * used);
                used = 0;
            }
        }

        private static int firstNaN(double[] a, int off, int m) {
            for (int i = 0; i < m; i++) {
                if (a[off + i] != a[off + i]) {
                    return i;
                }
            }
            return -1;
        }

        /** The rare path: NaNs written with their own payload are replaced by the canonical NaN. */
        private void canonicalNaNs(double[] a, int off, int m) {
            for (int i = 0; i < m; i++) {
                if (a[off + i] != a[off + i]) {
                    longs.put(used + i, CANONICAL_NAN);
                }
            }
        }

        private static void widen(int[] src, int off, int m, long[] dst) {
            for (int i = 0; i < m; i++) {
                dst[i] = src[off + i];
            }
        }
    }

    @Override
    public String toString() {
        return task.name().toLowerCase() + " data set: " + size() + " rows x " + featureCount() + " features"
                + (sx != null ? " (sparse, " + sx.nnz() + " stored entries)" : "")
                + (task == Task.CLASSIFICATION ? ", " + numClasses() + " classes " + classes : "")
                + (weights != null ? ", weighted" : "");
    }
}
