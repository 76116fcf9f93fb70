package dev.derive.data;

import dev.derive.linalg.Matrix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The numeric view a learner trains on: an {@code n x p} feature matrix, the target (real values for
 * regression, class indices with class names for classification, or none), feature names and kinds,
 * and optional sample weights. Immutable.
 *
 * <p>From a {@link Frame}, {@link #from(Frame, String)} takes every column except the target as a
 * feature: numeric columns as they are ({@code NaN} = missing), categorical columns as their integer
 * codes stored as doubles (missing = {@code NaN}) with {@link FeatureKind#categorical kind categorical}
 * so trees can split on levels natively, boolean columns as 0/1 (missing = {@code NaN}) with kind
 * numeric. String columns are refused: they need an encoder first. A categorical, boolean or string
 * target makes a classification task, a numeric one a regression task (override with
 * {@link #from(Frame, String, Task)}). Class names are the levels of a categorical target (all of them,
 * in order, so subsets of one frame share one encoding), {@code false, true} for a boolean target, and
 * the sorted distinct values otherwise.
 *
 * <p>{@link #features()} returns the dataset's own matrix, not a copy: treat it as read-only.
 */
public final class Dataset {

    /** What the target is. */
    public enum Task {
        /** Class indices {@code 0..k-1} with class names. */
        CLASSIFICATION,
        /** Real-valued target. */
        REGRESSION,
        /** No target (for clustering and other unsupervised learners). */
        NONE
    }

    private final Matrix x;
    private final List<String> featureNames;
    private final List<FeatureKind> featureKinds;
    private final Task task;
    private final String targetName;
    private final double[] y;
    private final int[] labels;
    private final List<String> classNames;
    private final double[] weights;

    private Dataset(Matrix x, List<String> featureNames, List<FeatureKind> featureKinds, Task task, String targetName,
                    double[] y, int[] labels, List<String> classNames, double[] weights) {
        this.x = x;
        this.featureNames = List.copyOf(featureNames);
        this.featureKinds = List.copyOf(featureKinds);
        this.task = task;
        this.targetName = targetName;
        this.y = y;
        this.labels = labels;
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
        this.weights = weights;
        if (this.featureNames.size() != x.cols() || this.featureKinds.size() != x.cols()) {
            throw new IllegalArgumentException(x.cols() + " features but " + this.featureNames.size() + " names and "
                    + this.featureKinds.size() + " kinds");
        }
        Set<String> seen = new HashSet<>();
        for (String n : this.featureNames) {
            if (!seen.add(n)) {
                throw new IllegalArgumentException("duplicate feature name '" + n + "'");
            }
        }
    }

    // ================================================================ factories

    /** The dataset with {@code target} as target, task inferred from its type (see class comment). */
    public static Dataset from(Frame frame, String target) {
        return from(frame, target, null);
    }

    /**
     * The dataset with {@code target} as target and the given task: {@code CLASSIFICATION} also
     * accepts a numeric target (classes = its distinct values, sorted, named by their shortest text),
     * {@code REGRESSION} needs a numeric one; {@code null} infers the task.
     */
    public static Dataset from(Frame frame, String target, Task task) {
        if (target == null) {
            throw new IllegalArgumentException("target column name must not be null; use unlabeled(frame) for no target");
        }
        if (!frame.hasColumn(target)) {
            throw new IllegalArgumentException("target column '" + target + "' not found; available columns: "
                    + frame.columnNames());
        }
        if (task == Task.NONE) {
            throw new IllegalArgumentException("task NONE has no target; use unlabeled(frame.drop(\"" + target + "\"))");
        }
        Column t = frame.column(target);
        Frame feats = frame.drop(target);
        Dataset base = unlabeled(feats);
        int n = frame.nrows();
        Task tk = task != null ? task : t instanceof NumericColumn ? Task.REGRESSION : Task.CLASSIFICATION;
        if (tk == Task.REGRESSION) {
            if (!(t instanceof NumericColumn nc)) {
                throw new IllegalArgumentException("target '" + target + "' is " + t.type().label()
                        + "; regression needs a numeric target");
            }
            double[] y = nc.toArray();
            checkFiniteTarget(y, target);
            return new Dataset(base.x, base.featureNames, base.featureKinds, Task.REGRESSION, target, y, null, null, null);
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
                double[] v = nc.toArray();
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
        return new Dataset(base.x, base.featureNames, base.featureKinds, Task.CLASSIFICATION, target, null, labels,
                names, null);
    }

    /** Every column of {@code frame} as a feature, no target (see the class comment for the encoding). */
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
            throw new IllegalArgumentException("feature column" + (strings.size() > 1 ? "s " : " ") + strings
                    + (strings.size() > 1 ? " hold" : " holds") + " free text, which a learner cannot use directly;"
                    + " drop " + (strings.size() > 1 ? "them" : "it") + " or encode "
                    + (strings.size() > 1 ? "them" : "it") + " first (e.g. read as categorical)");
        }
        double[] data = new double[Math.multiplyExact(n, p)];
        List<FeatureKind> kinds = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            Column c = frame.column(j);
            int off = j * n;
            switch (c) {
                case NumericColumn nc -> {
                    System.arraycopy(nc.values, 0, data, off, n);
                    kinds.add(FeatureKind.NUMERIC);
                }
                case CategoricalColumn cc -> {
                    for (int i = 0; i < n; i++) {
                        int code = cc.codes[i];
                        data[off + i] = code < 0 ? Double.NaN : code;
                    }
                    kinds.add(FeatureKind.categorical(cc.levels()));
                }
                case BooleanColumn bc -> {
                    for (int i = 0; i < n; i++) {
                        byte v = bc.values[i];
                        data[off + i] = v < 0 ? Double.NaN : v;
                    }
                    kinds.add(FeatureKind.NUMERIC);
                }
                case StringColumn sc -> throw new AssertionError(sc.name());
            }
        }
        return new Dataset(Matrix.wrap(n, p, data), frame.columnNames(), kinds, Task.NONE, null, null, null, null, null);
    }

    /** Features without a target, named {@code x0, x1, ...}, all numeric. Does not copy {@code x}. */
    public static Dataset unlabeled(Matrix x) {
        return new Dataset(x, defaultNames(x.cols()), numericKinds(x.cols()), Task.NONE, null, null, null, null, null);
    }

    /**
     * A regression dataset with features named {@code x0, x1, ...} (all numeric). Copies {@code y}, not
     * {@code x}.
     *
     * @throws IllegalArgumentException if lengths differ or {@code y} has NaN or infinite values
     */
    public static Dataset of(Matrix x, double[] y) {
        checkRows(x, y.length, "y");
        double[] yc = y.clone();
        checkFiniteTarget(yc, "y");
        return new Dataset(x, defaultNames(x.cols()), numericKinds(x.cols()), Task.REGRESSION, null, yc, null, null, null);
    }

    /**
     * A classification dataset with class indices {@code labels} in {@code 0..k-1}, where {@code k} is
     * the largest label + 1, classes named {@code "0", "1", ...}. Copies {@code labels}, not {@code x}.
     */
    public static Dataset of(Matrix x, int[] labels) {
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        List<String> names = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            names.add(Integer.toString(c));
        }
        return of(x, labels, names);
    }

    /** A classification dataset with class indices into {@code classNames}. Copies the labels, not {@code x}. */
    public static Dataset of(Matrix x, int[] labels, List<String> classNames) {
        checkRows(x, labels.length, "labels");
        if (new HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException("class names must be distinct, got " + classNames);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " outside [0, "
                        + classNames.size() + ") (" + classNames.size() + " classes)");
            }
        }
        return new Dataset(x, defaultNames(x.cols()), numericKinds(x.cols()), Task.CLASSIFICATION, null, null,
                labels.clone(), classNames, null);
    }

    private static void checkRows(Matrix x, int n, String what) {
        if (x.rows() != n) {
            throw new IllegalArgumentException("features have " + x.rows() + " rows but " + what + " has " + n
                    + " entries");
        }
    }

    private static void checkFiniteTarget(double[] y, String name) {
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
            throw new IllegalArgumentException("target '" + name + "' is missing or infinite in " + bad + " of "
                    + y.length + " rows (first: row " + first + " = " + y[first] + "); drop those rows first");
        }
    }

    private static List<String> defaultNames(int p) {
        List<String> names = new ArrayList<>(p);
        for (int j = 0; j < p; j++) {
            names.add("x" + j);
        }
        return names;
    }

    private static List<FeatureKind> numericKinds(int p) {
        return Collections.nCopies(p, FeatureKind.NUMERIC);
    }

    // ================================================================ derived datasets

    /**
     * A copy with sample weights (copied): finite, non-negative, one per row, not all zero.
     */
    public Dataset withWeights(double[] w) {
        if (w.length != size()) {
            throw new IllegalArgumentException("weights have " + w.length + " entries but the dataset has " + size() + " rows");
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
                throw new IllegalArgumentException("weight " + w[i] + " at row " + i + " is not a finite non-negative number");
            }
            sum += w[i];
        }
        if (sum == 0 && w.length > 0) {
            throw new IllegalArgumentException("weights are all zero");
        }
        return new Dataset(x, featureNames, featureKinds, task, targetName, y, labels, classNames, w.clone());
    }

    /** A copy with other feature names (one per column, distinct). */
    public Dataset withFeatureNames(List<String> names) {
        return new Dataset(x, names, featureKinds, task, targetName, y, labels, classNames, weights);
    }

    /** A copy with other feature kinds (one per column); categorical values must index the levels. */
    public Dataset withFeatureKinds(List<FeatureKind> kinds) {
        if (kinds.size() != x.cols()) {
            throw new IllegalArgumentException(kinds.size() + " kinds for " + x.cols() + " features");
        }
        for (int j = 0; j < kinds.size(); j++) {
            FeatureKind k = kinds.get(j);
            if (k.isCategorical()) {
                for (int i = 0; i < x.rows(); i++) {
                    double v = x.get(i, j);
                    if (!Double.isNaN(v) && (v != Math.rint(v) || v < 0 || v >= k.numLevels())) {
                        throw new IllegalArgumentException("feature '" + featureNames.get(j) + "' row " + i + " = " + v
                                + " is not a level index in [0, " + k.numLevels() + ")");
                    }
                }
            }
        }
        return new Dataset(x, featureNames, kinds, task, targetName, y, labels, classNames, weights);
    }

    /** The rows {@code rows[0], rows[1], ...} (repeats allowed), with the same names, kinds and classes. */
    public Dataset subset(int[] rows) {
        int n = size();
        int p = x.cols();
        for (int k = 0; k < rows.length; k++) {
            if (rows[k] < 0 || rows[k] >= n) {
                throw new IndexOutOfBoundsException("row index " + rows[k] + " (position " + k + ") out of range [0, " + n + ")");
            }
        }
        double[] d = new double[Math.multiplyExact(rows.length, p)];
        for (int j = 0; j < p; j++) {
            int off = j * rows.length;
            for (int k = 0; k < rows.length; k++) {
                d[off + k] = x.get(rows[k], j);
            }
        }
        return new Dataset(Matrix.wrap(rows.length, p, d), featureNames, featureKinds, task, targetName,
                y == null ? null : gather(y, rows), labels == null ? null : gather(labels, rows), classNames,
                weights == null ? null : gather(weights, rows));
    }

    private static double[] gather(double[] v, int[] rows) {
        double[] o = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            o[k] = v[rows[k]];
        }
        return o;
    }

    private static int[] gather(int[] v, int[] rows) {
        int[] o = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            o[k] = v[rows[k]];
        }
        return o;
    }

    // ================================================================ access

    /** The {@code n x p} feature matrix (the dataset's own storage: do not modify). */
    public Matrix features() {
        return x;
    }

    /** Number of rows (samples). */
    public int size() {
        return x.rows();
    }

    /** Number of feature columns. */
    public int numFeatures() {
        return x.cols();
    }

    /** Feature names, one per column (immutable). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Feature kinds, one per column (immutable). */
    public List<FeatureKind> featureKinds() {
        return featureKinds;
    }

    /** The task the target defines. */
    public Task task() {
        return task;
    }

    /** True for a classification dataset. */
    public boolean isClassification() {
        return task == Task.CLASSIFICATION;
    }

    /** The name of the target column, or {@code null} when the dataset was built from arrays or has no target. */
    public String targetName() {
        return targetName;
    }

    /** The regression target (a copy). */
    public double[] y() {
        if (task != Task.REGRESSION) {
            throw new IllegalStateException("y() is the regression target but this dataset's task is " + task
                    + (task == Task.CLASSIFICATION ? "; use labels()" : ""));
        }
        return y.clone();
    }

    /** The class index of each row, in {@code 0..numClasses()-1} (a copy). */
    public int[] labels() {
        if (task != Task.CLASSIFICATION) {
            throw new IllegalStateException("labels() are classification targets but this dataset's task is " + task
                    + (task == Task.REGRESSION ? "; use y()" : ""));
        }
        return labels.clone();
    }

    /** Class names, indexed by label (immutable; empty unless classification). */
    public List<String> classNames() {
        return classNames;
    }

    /** Number of classes (0 unless classification). */
    public int numClasses() {
        return classNames.size();
    }

    /** True when sample weights were given. */
    public boolean hasWeights() {
        return weights != null;
    }

    /** The sample weights (a copy), or all ones when none were given. */
    public double[] weights() {
        if (weights == null) {
            double[] w = new double[size()];
            Arrays.fill(w, 1.0);
            return w;
        }
        return weights.clone();
    }

    // ================================================================ provenance

    /**
     * A SHA-256 digest (64 lower-case hex digits) of the data a model is trained on, stable across runs,
     * platforms and Java versions. It covers, in this order as big-endian bytes: the tag
     * {@code "derive.Dataset.v1"}, {@code n} and {@code p} (int64), the features column by column as
     * IEEE-754 bit patterns (every NaN as the canonical NaN), the task name, then the regression target
     * (doubles) or the labels (int32) with the class names (each UTF-8 with an int32 length), then the
     * weights (a 0/1 byte for presence, then doubles). Feature names and kinds are not included.
     */
    public String sha256() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        ByteBuffer bb = ByteBuffer.allocate(1 << 16);
        bb.put("derive.Dataset.v1".getBytes(StandardCharsets.US_ASCII));
        bb.putLong(size()).putLong(numFeatures());
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                bb = room(md, bb, 8).putLong(Double.doubleToLongBits(x.get(i, j)));
            }
        }
        byte[] t = task.name().getBytes(StandardCharsets.US_ASCII);
        room(md, bb, t.length).put(t);
        if (task == Task.REGRESSION) {
            for (double v : y) {
                room(md, bb, 8).putLong(Double.doubleToLongBits(v));
            }
        } else if (task == Task.CLASSIFICATION) {
            for (int l : labels) {
                room(md, bb, 4).putInt(l);
            }
            room(md, bb, 4).putInt(classNames.size());
            for (String c : classNames) {
                byte[] b = c.getBytes(StandardCharsets.UTF_8);
                room(md, bb, 4).putInt(b.length);
                for (byte v : b) {
                    room(md, bb, 1).put(v);
                }
            }
        }
        room(md, bb, 1).put((byte) (weights == null ? 0 : 1));
        if (weights != null) {
            for (double w : weights) {
                room(md, bb, 8).putLong(Double.doubleToLongBits(w));
            }
        }
        md.update(bb.array(), 0, bb.position());
        return HexFormat.of().formatHex(md.digest());
    }

    private static ByteBuffer room(MessageDigest md, ByteBuffer bb, int need) {
        if (bb.remaining() < need) {
            md.update(bb.array(), 0, bb.position());
            bb.clear();
        }
        return bb;
    }

    @Override
    public String toString() {
        String target = switch (task) {
            case CLASSIFICATION -> "classification, " + numClasses() + " classes " + abbreviate(classNames);
            case REGRESSION -> "regression";
            case NONE -> "no target";
        };
        return "Dataset " + size() + " x " + numFeatures() + " (" + target
                + (targetName != null ? ", target '" + targetName + "'" : "") + (weights != null ? ", weighted" : "") + ")";
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 10) {
            return names.toString();
        }
        return names.subList(0, 10).toString().replace("]", ", ...]");
    }
}
