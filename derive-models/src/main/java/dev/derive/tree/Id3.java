package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.learn.NamedLearner;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import java.util.List;
import java.util.Map;

/**
 * ID3 (Quinlan 1986, "Induction of decision trees", Machine Learning 1:81-106): a classification tree
 * with one branch per level of a categorical feature, the feature at each node chosen by its
 * information gain
 * <pre>  gain(A) = H(T) - sum_v (|T_v| / |T|) H(T_v),   H(T) = -sum_c p_c log2 p_c  (bits),</pre>
 * where {@code T_v} are the training rows (weighted by the data set's sample weights, if any) with level
 * {@code v} of {@code A}.
 *
 * <p>Growth: a node becomes a leaf when it is pure, when no untested feature takes two or more levels on
 * its rows, when its weight is below {@code min_samples_split}, at {@code max_depth}, or when the best
 * gain is below {@code min_gain} (default 0: like Quinlan's ID3 it splits even at zero gain, e.g. on
 * XOR-like data, as long as the rows are divided). Each feature is tested at most once on a path. Among
 * equally good features the lowest index wins. A branch for a level that no training row at the node has
 * becomes a leaf with the parent's class distribution. A leaf predicts its majority class (ties: the lowest
 * class index); {@code predictProba} gives its class shares.
 *
 * <p>Inputs: every feature must be categorical ({@link Dataset.Feature#isCategorical}) or a numeric
 * column holding only 0 and 1 (as boolean CSV columns arrive), which is split as two levels; any other
 * numeric feature is rejected with an error (discretise it first, or use {@link C45}, which splits
 * numeric features by thresholds). Missing values are rejected (C4.5 handles them). Parameters:
 * {@code max_depth} (none), {@code min_samples_split} (2), {@code min_gain} (0 bits).
 */
public final class Id3 extends NamedLearner<Id3, Id3Model> {

    /** The registered name. */
    public static final String NAME = "id3";
    /** The model kind in files. */
    public static final String KIND = "id3.classifier";

    static final List<Param<?>> SPECS = List.of(
            Param.optionalInteger("max_depth", null, 1, Integer.MAX_VALUE, "deepest allowed node (root at depth 0); none: no limit"),
            Param.integer("min_samples_split", 2, 2, Integer.MAX_VALUE, "least (weighted) number of rows a node needs to be split"),
            Param.nonNegative("min_gain", 0.0, "least information gain (bits) a split must bring; 0 splits even at zero gain"));

    private Id3(Params params) {
        super(NAME, Dataset.Task.CLASSIFICATION, params);
    }

    /** ID3 with the defaults (fully grown). */
    public static Id3 learner() {
        return new Id3(defaults(SPECS));
    }

    public Id3 maxDepth(Integer d) {
        return with("max_depth", d);
    }

    public Id3 minSamplesSplit(int m) {
        return with("min_samples_split", m);
    }

    public Id3 minGain(double g) {
        return with("min_gain", g);
    }


    @Override
    protected Id3 create(Params params) {
        return new Id3(params);
    }

    /**
     * The information gain (bits) of every feature at the root, i.e. on all of {@code data}: the numbers
     * ID3 compares to choose the first split.
     */
    public static double[] informationGains(Dataset data) {
        Input in = Input.of(data, NAME);
        double[] g = new double[in.p];
        int[] rows = allRows(in.n);
        double[] dist = classWeights(in, rows);
        for (int j = 0; j < in.p; j++) {
            g[j] = gain(in, rows, j, dist);
        }
        return g;
    }

    @Override
    protected Id3Model train(Dataset data) {
        long t0 = System.nanoTime();
        Input in = Input.of(data, NAME);
        Integer md = params().getOptionalInt("max_depth");
        int maxDepth = md == null ? Integer.MAX_VALUE : md;
        int minSplit = params().getInt("min_samples_split");
        double minGain = params().getDouble("min_gain");
        MultiwayTree.Node root = grow(in, allRows(in.n), new boolean[in.p], 0, maxDepth, minSplit, minGain);
        MultiwayTree tree = MultiwayTree.flatten(root, in.k, in.p);
        TrainingReport report = new TrainingReport(1, true, "tree grown", new double[0], secondsSince(t0), List.of(),
                Map.of("nodes", (double) tree.nodeCount(), "leaves", (double) tree.leafCount(), "depth", (double) tree.depth()));
        return new Id3Model(params(), ModelSchema.of(data), report, tree);
    }

    private static MultiwayTree.Node grow(Input in, int[] rows, boolean[] used, int depth, int maxDepth, int minSplit, double minGain) {
        double[] dist = classWeights(in, rows);
        MultiwayTree.Node node = new MultiwayTree.Node(dist);
        double total = 0;
        int present = 0;
        for (double d : dist) {
            total += d;
            present += d > 0 ? 1 : 0;
        }
        if (present <= 1 || total < minSplit || depth >= maxDepth) {
            return node;
        }
        int best = -1;
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < in.p; j++) {
            if (used[j] || distinctLevels(in, rows, j) < 2) {
                continue;
            }
            double g = gain(in, rows, j, dist);
            if (g > bestGain) {
                bestGain = g;
                best = j;
            }
        }
        if (best < 0 || bestGain < minGain) {
            return node;
        }
        int levels = in.levels[best];
        int[][] parts = partition(in, rows, best, levels);
        boolean[] usedBelow = used.clone();
        usedBelow[best] = true;
        node.feature = best;
        node.children = new MultiwayTree.Node[levels];
        for (int v = 0; v < levels; v++) {
            node.children[v] = parts[v].length == 0 ? new MultiwayTree.Node(new double[in.k])
                    : grow(in, parts[v], usedBelow, depth + 1, maxDepth, minSplit, minGain);
            node.children[v].branchProb = weightOf(in, parts[v]) / total;
        }
        return node;
    }

    private static double gain(Input in, int[] rows, int j, double[] dist) {
        int levels = in.levels[j];
        double[][] byLevel = new double[levels][in.k];
        double[] lw = new double[levels];
        double total = 0;
        for (int r : rows) {
            int v = (int) in.x[j][r];
            byLevel[v][in.y[r]] += in.w[r];
            lw[v] += in.w[r];
            total += in.w[r];
        }
        double after = 0;
        for (int v = 0; v < levels; v++) {
            if (lw[v] > 0) {
                after += lw[v] / total * SplitEntropy.of(byLevel[v], lw[v]);
            }
        }
        return SplitEntropy.of(dist, total) - after;
    }

    private static int distinctLevels(Input in, int[] rows, int j) {
        boolean[] seen = new boolean[in.levels[j]];
        int d = 0;
        for (int r : rows) {
            int v = (int) in.x[j][r];
            if (!seen[v]) {
                seen[v] = true;
                d++;
            }
        }
        return d;
    }

    private static int[][] partition(Input in, int[] rows, int j, int levels) {
        int[] counts = new int[levels];
        for (int r : rows) {
            counts[(int) in.x[j][r]]++;
        }
        int[][] parts = new int[levels][];
        for (int v = 0; v < levels; v++) {
            parts[v] = new int[counts[v]];
        }
        int[] at = new int[levels];
        for (int r : rows) {
            int v = (int) in.x[j][r];
            parts[v][at[v]++] = r;
        }
        return parts;
    }

    private static double[] classWeights(Input in, int[] rows) {
        double[] d = new double[in.k];
        for (int r : rows) {
            d[in.y[r]] += in.w[r];
        }
        return d;
    }

    private static double weightOf(Input in, int[] rows) {
        double s = 0;
        for (int r : rows) {
            s += in.w[r];
        }
        return s;
    }

    private static int[] allRows(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** The training data as ID3 needs it: checked categorical columns, labels, weights. */
    private record Input(double[][] x, int[] y, double[] w, int[] levels, int n, int p, int k) {
        static Input of(Dataset data, String learner) {
            int n = data.size();
            int p = data.featureCount();
            List<Dataset.Feature> fs = data.featureInfo();
            double[][] x = new double[p][n];
            int[] levels = new int[p];
            for (int j = 0; j < p; j++) {
                Dataset.Feature f = fs.get(j);
                if (!f.isCategorical() && !binary(data, j)) {
                    throw new IllegalArgumentException(learner + " needs categorical features, but feature '" + f.name()
                            + "' is numeric (with values other than 0 and 1); read it as categorical, discretise it, or use c45"
                            + " (which splits numeric features by thresholds)");
                }
                levels[j] = f.isCategorical() ? f.levels().size() : 2;
                for (int i = 0; i < n; i++) {
                    double v = data.features().get(i, j);
                    if (Double.isNaN(v)) {
                        throw new IllegalArgumentException(learner + " does not accept missing values (NaN): feature '" + f.name()
                                + "' is missing at row " + i + "; impute it first or use c45");
                    }
                    if (v != Math.rint(v) || v < 0 || v >= levels[j]) {
                        throw new IllegalArgumentException("feature '" + f.name() + "' at row " + i + " is " + v
                                + ", not a level code 0 .. " + (levels[j] - 1));
                    }
                    x[j][i] = v;
                }
            }
            double[] w = new double[n];
            if (data.hasWeights()) {
                double[] dw = data.weights();
                for (int i = 0; i < n; i++) {
                    if (!(dw[i] >= 0) || Double.isInfinite(dw[i])) {
                        throw new IllegalArgumentException("sample weight " + dw[i] + " at row " + i + " is not a finite number >= 0");
                    }
                    w[i] = dw[i];
                }
            } else {
                java.util.Arrays.fill(w, 1.0);
            }
            double total = 0;
            for (double v : w) {
                total += v;
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("the sample weights sum to " + total + "; at least one must be positive");
            }
            return new Input(x, data.labels(), w, levels, n, p, data.numClasses());
        }

        /** Whether numeric column {@code j} holds only 0 and 1 (a boolean column): it is then split as two levels. */
        private static boolean binary(Dataset data, int j) {
            for (int i = 0; i < data.size(); i++) {
                double v = data.features().get(i, j);
                if (v != 0 && v != 1 && !Double.isNaN(v)) {
                    return false;
                }
            }
            return true;
        }
    }
}
