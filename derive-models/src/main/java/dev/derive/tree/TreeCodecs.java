package dev.derive.tree;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence of trees: one or more {@link Tree}s as concatenated flat arrays ({@code feature},
 * {@code threshold}, {@code left}, {@code right}, {@code value}, {@code impurity},
 * {@code node_samples}, {@code weighted_node_samples}, {@code missing_left} (0/1); child indices local to each tree) plus
 * {@code tree_nodes}, the node count of each tree. Each stored tree is checked by {@link Tree#of} on load. A forest
 * kept in the flat layout is written from it ({@link #writeForest}), with the same bytes.
 *
 * <p>Categorical splits: such a node stores {@code feature = -3 - f} for feature {@code f} (so a reader that does
 * not know categorical splits refuses the file instead of misreading it), and the level sets of these nodes
 * follow each other, in node order, in the int array {@code categorical_sets}, each as
 * {@code [L, ceil((L + 1) / 32) words]} (see {@link Tree}). The array is written only when some node is
 * categorical; files without it (all files written before categorical splits existed) load as before.
 */
public final class TreeCodecs {

    private TreeCodecs() {
    }

    /** Writes {@code trees} (all with the same outputs and feature count). */
    public static void writeTrees(List<Tree> trees, ModelState.Writer out) {
        int total = 0;
        int[] counts = new int[trees.size()];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = trees.get(t).nodeCount();
            total += counts[t];
        }
        int outputs = trees.get(0).outputs();
        int[] feature = new int[total];
        double[] threshold = new double[total];
        int[] left = new int[total];
        int[] right = new int[total];
        double[] value = new double[total * outputs];
        double[] impurity = new double[total];
        int[] samples = new int[total];
        double[] weighted = new double[total];
        int[] missingLeft = new int[total];
        int setWords = 0;
        for (Tree tr : trees) {
            if (tr.catStart != null) {
                for (int i = 0; i < tr.nodeCount(); i++) {
                    if (tr.catStart[i] >= 0) {
                        setWords += 1 + Tree.setWords(tr.catSets[tr.catStart[i]]);
                    }
                }
            }
        }
        int[] sets = new int[setWords];
        int setAt = 0;
        int at = 0;
        for (Tree tr : trees) {
            int m = tr.nodeCount();
            System.arraycopy(tr.feature, 0, feature, at, m);
            System.arraycopy(tr.threshold, 0, threshold, at, m);
            System.arraycopy(tr.left, 0, left, at, m);
            System.arraycopy(tr.right, 0, right, at, m);
            System.arraycopy(tr.values(), 0, value, at * outputs, m * outputs);
            System.arraycopy(tr.impurity, 0, impurity, at, m);
            System.arraycopy(tr.nodeSamples, 0, samples, at, m);
            System.arraycopy(tr.weighted(), 0, weighted, at, m);
            for (int i = 0; i < m; i++) {
                missingLeft[at + i] = tr.missingLeft[i] ? 1 : 0;
                if (tr.catStart != null && tr.catStart[i] >= 0) {
                    feature[at + i] = -3 - tr.feature[i];
                    int len = 1 + Tree.setWords(tr.catSets[tr.catStart[i]]);
                    System.arraycopy(tr.catSets, tr.catStart[i], sets, setAt, len);
                    setAt += len;
                }
            }
            at += m;
        }
        put(out, outputs, counts, feature, threshold, left, right, value, impurity, samples, weighted, missingLeft,
                setWords > 0 ? sets : null);
    }

    /**
     * Writes the trees of {@code forest} exactly as {@link #writeTrees} writes {@code forest.trees()} (the same
     * arrays, bit for bit, in each tree's own node numbering), but straight from the flat layout: no tree is
     * rebuilt, and each array is allocated once, at its final size.
     */
    public static void writeForest(FlatForest forest, ModelState.Writer out) {
        FlatForest.Part[] parts = forest.parts;
        int outputs = forest.outputs();
        int[] counts = new int[parts.length];
        int total = 0;
        int setWords = 0;
        for (int t = 0; t < parts.length; t++) {
            counts[t] = parts[t].nodeCount();
            total += counts[t];
            setWords += parts[t].setWords();
        }
        Columns c = new Columns(total, outputs, setWords);
        int at = 0;
        for (FlatForest.Part q : parts) {
            q.writeNodes(c, at);
            at += q.nodeCount();
        }
        put(out, outputs, counts, c.feature, c.threshold, c.left, c.right, c.value, c.impurity, c.samples, c.weighted, c.missingLeft,
                setWords > 0 ? c.sets : null);
    }

    /**
     * The concatenated per-node arrays of a file, filled tree by tree ({@link FlatForest.Part#writeNodes}); {@code sets}
     * takes the level sets of the categorical nodes in file order, {@code setAt} is the next free entry.
     */
    static final class Columns {
        final int outputs;
        final int[] feature;
        final double[] threshold;
        final int[] left;
        final int[] right;
        final double[] value;
        final double[] impurity;
        final int[] samples;
        final double[] weighted;
        final int[] missingLeft;
        final int[] sets;
        int setAt;

        Columns(int total, int outputs, int setWords) {
            this.outputs = outputs;
            feature = new int[total];
            threshold = new double[total];
            left = new int[total];
            right = new int[total];
            value = new double[total * outputs];
            impurity = new double[total];
            samples = new int[total];
            weighted = new double[total];
            missingLeft = new int[total];
            sets = new int[setWords];
        }
    }

    private static void put(ModelState.Writer out, int outputs, int[] counts, int[] feature, double[] threshold, int[] left,
                            int[] right, double[] value, double[] impurity, int[] samples, double[] weighted, int[] missingLeft,
                            int[] sets) {
        out.put("outputs", outputs);
        out.putArray("tree_nodes", counts);
        out.putArray("feature", feature);
        out.putArray("threshold", threshold);
        out.putArray("left", left);
        out.putArray("right", right);
        out.putArray("value", value);
        out.putArray("impurity", impurity);
        out.putArray("node_samples", samples);
        out.putArray("weighted_node_samples", weighted);
        out.putArray("missing_left", missingLeft);
        if (sets != null) {
            out.putArray("categorical_sets", sets);
        }
    }

    /** Reads the trees written by {@link #writeTrees}, checking each against {@code outputs} and {@code featureCount}. */
    public static List<Tree> readTrees(ModelState.Reader in, int outputs, int featureCount) throws IOException {
        int stored = in.getInt("outputs");
        if (stored != outputs) {
            throw new ModelFormatException("the trees have " + stored + " outputs, expected " + outputs);
        }
        int[] counts = in.ints("tree_nodes");
        int[] feature = in.ints("feature");
        double[] threshold = in.doubles("threshold");
        int[] left = in.ints("left");
        int[] right = in.ints("right");
        double[] value = in.doubles("value");
        double[] impurity = in.doubles("impurity");
        int[] samples = in.ints("node_samples");
        double[] weighted = in.doubles("weighted_node_samples");
        int[] missing = in.ints("missing_left");
        long total = 0;
        for (int c : counts) {
            if (c < 1) {
                throw new ModelFormatException("a stored tree has " + c + " nodes");
            }
            total += c;
        }
        in.expectSize("feature", feature.length, (int) Math.min(total, Integer.MAX_VALUE));
        in.expectSize("threshold", threshold.length, feature.length);
        in.expectSize("left", left.length, feature.length);
        in.expectSize("right", right.length, feature.length);
        in.expectSize("impurity", impurity.length, feature.length);
        in.expectSize("node_samples", samples.length, feature.length);
        in.expectSize("weighted_node_samples", weighted.length, feature.length);
        in.expectSize("missing_left", missing.length, feature.length);
        boolean[] missingLeft = new boolean[missing.length];
        for (int i = 0; i < missing.length; i++) {
            if (missing[i] != 0 && missing[i] != 1) {
                throw new ModelFormatException("missing_left holds " + missing[i] + " at node " + i + "; expected 0 or 1");
            }
            missingLeft[i] = missing[i] == 1;
        }
        if ((long) value.length != total * outputs) {
            throw new ModelFormatException("value has " + value.length + " entries, expected " + total * outputs);
        }
        boolean categorical = false;
        for (int i = 0; i < feature.length; i++) {
            categorical |= feature[i] <= -3;
        }
        int[] sets = categorical ? in.ints("categorical_sets") : null;
        int setAt = 0;
        List<Tree> trees = new ArrayList<>(counts.length);
        int at = 0;
        for (int c : counts) {
            int[] catStart = null;
            int[] catSets = null;
            if (categorical) {
                // this tree's categorical nodes: decode the feature and cut their sets out of the shared array
                catStart = new int[c];
                java.util.Arrays.fill(catStart, -1);
                int from = setAt;
                for (int i = at; i < at + c; i++) {
                    if (feature[i] <= -3) {
                        if (left[i] == -1) {
                            throw new ModelFormatException("leaf " + (i - at) + " of stored tree " + trees.size() + " has feature " + feature[i]);
                        }
                        feature[i] = -3 - feature[i];
                        if (setAt >= sets.length || sets[setAt] < 1 || setAt + 1L + Tree.setWords(sets[setAt]) > sets.length) {
                            throw new ModelFormatException("categorical_sets is too short or malformed at index " + setAt
                                    + " (node " + (i - at) + " of stored tree " + trees.size() + ")");
                        }
                        catStart[i - at] = setAt - from;
                        setAt += 1 + Tree.setWords(sets[setAt]);
                    }
                }
                catSets = java.util.Arrays.copyOfRange(sets, from, setAt);
            }
            try {
                trees.add(Tree.of(java.util.Arrays.copyOfRange(feature, at, at + c), java.util.Arrays.copyOfRange(threshold, at, at + c),
                        java.util.Arrays.copyOfRange(left, at, at + c), java.util.Arrays.copyOfRange(right, at, at + c),
                        java.util.Arrays.copyOfRange(value, at * outputs, (at + c) * outputs),
                        java.util.Arrays.copyOfRange(impurity, at, at + c), java.util.Arrays.copyOfRange(samples, at, at + c),
                        java.util.Arrays.copyOfRange(weighted, at, at + c), java.util.Arrays.copyOfRange(missingLeft, at, at + c),
                        outputs, featureCount, catStart, catSets));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("stored tree " + trees.size() + " is invalid: " + e.getMessage(), e);
            }
            at += c;
        }
        if (sets != null && setAt != sets.length) {
            throw new ModelFormatException("categorical_sets has " + sets.length + " entries, the categorical nodes use " + setAt);
        }
        return trees;
    }

    private static Tree single(ModelState.Reader in, int outputs) throws IOException {
        List<Tree> t = readTrees(in, outputs, in.schema().featureCount());
        if (t.size() != 1) {
            throw new ModelFormatException("a decision tree file holds " + t.size() + " trees, expected 1");
        }
        return t.get(0);
    }

    /** Codec of {@link DecisionTreeClassifierModel}. */
    public static final class Classifier implements ModelCodec<DecisionTreeClassifierModel> {
        @Override
        public String kind() {
            return DecisionTree.CLASSIFIER_KIND;
        }

        @Override
        public Class<DecisionTreeClassifierModel> type() {
            return DecisionTreeClassifierModel.class;
        }

        @Override
        public void write(DecisionTreeClassifierModel m, ModelState.Writer out) {
            writeTrees(List.of(m.tree()), out);
        }

        @Override
        public DecisionTreeClassifierModel read(ModelState.Reader in) throws IOException {
            // files written before categorical splits existed were grown with ordinal level codes
            Params p = in.params(DecisionTree.classifier().with(CartParams.CATEGORICAL_SPLITS, "ordinal").params());
            return new DecisionTreeClassifierModel(p, in.schema(), in.report(), single(in, in.schema().classes().size()));
        }
    }

    /** Codec of {@link DecisionTreeRegressorModel}. */
    public static final class Regressor implements ModelCodec<DecisionTreeRegressorModel> {
        @Override
        public String kind() {
            return DecisionTree.REGRESSOR_KIND;
        }

        @Override
        public Class<DecisionTreeRegressorModel> type() {
            return DecisionTreeRegressorModel.class;
        }

        @Override
        public void write(DecisionTreeRegressorModel m, ModelState.Writer out) {
            writeTrees(List.of(m.tree()), out);
        }

        @Override
        public DecisionTreeRegressorModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(DecisionTree.regressor().with(CartParams.CATEGORICAL_SPLITS, "ordinal").params());
            return new DecisionTreeRegressorModel(p, in.schema(), in.report(), single(in, 1));
        }
    }
}
