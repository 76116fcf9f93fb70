package dev.derive.boost;

import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistence of histogram boosting models. The trees are stored as flat arrays concatenated over trees
 * ({@code tree_nodes[t]} nodes each): {@code feature}, {@code threshold_bin}, {@code threshold} (the real
 * threshold, {@code x <= threshold} goes left), {@code default_left} (0/1: where NaN goes), {@code left},
 * {@code right} (node indices within the tree, -1 at leaves), {@code value} (leaf values including the
 * learning rate), {@code gain}, {@code cover} (hessian sum), {@code count}; plus {@code init} (initial raw
 * scores), {@code validation_curve} and the objective's name. Categorical splits (format addition; files
 * without them, written before, still load) add {@code cat_offsets} (one more than the total node count:
 * node {@code v} of the concatenation sends left the codes {@code cat_levels[cat_offsets[v] ..
 * cat_offsets[v + 1])}, an empty range at numeric nodes and leaves) and {@code cat_levels}; both are written
 * only when some node is categorical.
 */
public final class HistGradientBoostingCodecs {

    private HistGradientBoostingCodecs() {
    }

    static void write(BoostedTrees m, String objective, double[] validationCurve, ModelState.Writer out) {
        List<HistTree> trees = m.trees;
        int total = 0;
        int[] sizes = new int[trees.size()];
        for (int t = 0; t < trees.size(); t++) {
            sizes[t] = trees.get(t).nodeCount();
            total += sizes[t];
        }
        int[] feature = new int[total];
        int[] bin = new int[total];
        double[] thr = new double[total];
        int[] dl = new int[total];
        int[] left = new int[total];
        int[] right = new int[total];
        double[] value = new double[total];
        double[] gain = new double[total];
        double[] cover = new double[total];
        int[] count = new int[total];
        int[] catOff = new int[total + 1];
        List<Integer> catLevels = new ArrayList<>();
        boolean anyCat = false;
        int o = 0;
        for (HistTree t : trees) {
            for (int v = 0; v < t.nodeCount(); v++) {
                int[] cs = t.categories == null ? null : t.categories[v];
                if (cs != null) {
                    anyCat = true;
                    for (int c : cs) {
                        catLevels.add(c);
                    }
                }
                catOff[o + v + 1] = catLevels.size();
            }
            int k = t.nodeCount();
            System.arraycopy(t.feature, 0, feature, o, k);
            System.arraycopy(t.thresholdBin, 0, bin, o, k);
            System.arraycopy(t.threshold, 0, thr, o, k);
            for (int v = 0; v < k; v++) {
                dl[o + v] = t.defaultLeft[v] ? 1 : 0;
            }
            System.arraycopy(t.left, 0, left, o, k);
            System.arraycopy(t.right, 0, right, o, k);
            System.arraycopy(t.value, 0, value, o, k);
            System.arraycopy(t.gain, 0, gain, o, k);
            System.arraycopy(t.cover, 0, cover, o, k);
            System.arraycopy(t.count, 0, count, o, k);
            o += k;
        }
        out.putArray("tree_nodes", sizes).putArray("feature", feature).putArray("threshold_bin", bin)
                .putArray("threshold", thr).putArray("default_left", dl).putArray("left", left).putArray("right", right)
                .putArray("value", value).putArray("gain", gain).putArray("cover", cover).putArray("count", count)
                .putArray("init", m.init).putArray("validation_curve", validationCurve);
        out.put("objective", objective);
        if (anyCat) {
            out.putArray("cat_offsets", catOff).putArray("cat_levels", catLevels.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** The array {@code name}, or null when the file has none (files written before it existed). */
    private static int[] optionalInts(ModelState.Reader in, String name) throws ModelFormatException {
        try {
            return in.ints(name);
        } catch (ModelFormatException e) {
            if (e.getMessage() != null && e.getMessage().endsWith("'" + name + "' is missing")) {
                return null;
            }
            throw e;
        }
    }

    static BoostedTrees readTrees(ModelState.Reader in, int outs) throws IOException {
        ModelSchema schema = in.schema();
        int[] sizes = in.ints("tree_nodes");
        long total = 0;
        for (int s : sizes) {
            if (s < 1) {
                throw new ModelFormatException("a tree has " + s + " nodes");
            }
            total += s;
        }
        int[] feature = in.ints("feature");
        in.expectSize("feature", feature.length, (int) total);
        int[] bin = in.ints("threshold_bin");
        double[] thr = in.doubles("threshold");
        int[] dl = in.ints("default_left");
        int[] left = in.ints("left");
        int[] right = in.ints("right");
        double[] value = in.doubles("value");
        double[] gain = in.doubles("gain");
        double[] cover = in.doubles("cover");
        int[] count = in.ints("count");
        for (var e : List.of(bin.length, thr.length, dl.length, left.length, right.length, value.length, gain.length,
                cover.length, count.length)) {
            in.expectSize("tree arrays", e, (int) total);
        }
        double[] init = in.doubles("init");
        in.expectSize("init", init.length, outs);
        int[] catOff = optionalInts(in, "cat_offsets");
        int[] catLevels = catOff == null ? null : in.ints("cat_levels");
        if (catOff != null) {
            in.expectSize("cat_offsets", catOff.length, (int) total + 1);
            if (catOff[0] != 0 || catOff[(int) total] != catLevels.length) {
                throw new ModelFormatException("cat_offsets do not span cat_levels");
            }
            for (int v = 0; v < total; v++) {
                if (catOff[v + 1] < catOff[v]) {
                    throw new ModelFormatException("cat_offsets decrease at node " + v);
                }
            }
        }
        List<HistTree> trees = new ArrayList<>();
        int o = 0;
        try {
            for (int s : sizes) {
                boolean[] d = new boolean[s];
                int[][] cats = catOff == null ? null : new int[s][];
                for (int v = 0; v < s; v++) {
                    d[v] = dl[o + v] != 0;
                    if (cats != null && catOff[o + v + 1] > catOff[o + v]) {
                        cats[v] = java.util.Arrays.copyOfRange(catLevels, catOff[o + v], catOff[o + v + 1]);
                    }
                }
                trees.add(new HistTree(slice(feature, o, s), slice(bin, o, s), slice(thr, o, s), d, slice(left, o, s),
                        slice(right, o, s), slice(value, o, s), slice(gain, o, s), slice(cover, o, s), slice(count, o, s), cats));
                o += s;
            }
            return new BoostedTrees(init, trees, schema.featureCount());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid histogram boosting trees: " + e.getMessage(), e);
        }
    }

    private static int[] slice(int[] a, int o, int s) {
        return java.util.Arrays.copyOfRange(a, o, o + s);
    }

    private static double[] slice(double[] a, int o, int s) {
        return java.util.Arrays.copyOfRange(a, o, o + s);
    }

    /** Codec of histogram boosting classifiers. */
    public static final class Classifier implements ModelCodec<HistGradientBoostingClassifierModel> {
        @Override
        public String kind() {
            return HistGradientBoosting.CLASSIFIER_KIND;
        }

        @Override
        public Class<HistGradientBoostingClassifierModel> type() {
            return HistGradientBoostingClassifierModel.class;
        }

        @Override
        public void write(HistGradientBoostingClassifierModel m, ModelState.Writer out) {
            HistGradientBoostingCodecs.write(m.boosted(), m.objective(), m.validationCurve(), out);
        }

        @Override
        public HistGradientBoostingClassifierModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(HistGradientBoosting.classifier().params());
            String objective = in.getString("objective");
            int k = in.schema().classes().size();
            int outs;
            if (objective.equals("binary") && k == 2) {
                outs = 1;
            } else if (objective.equals("multiclass")) {
                outs = k;
            } else if (objective.equals("custom") && p.getString("objective").equals("custom")
                    && (k == 2 || p.getString("custom_link").equals("softmax"))) {
                outs = HistGradientBoostingClassifierModel.outputs(objective, p, k);
            } else {
                throw new ModelFormatException("objective '" + objective + "' does not suit " + k + " classes");
            }
            return new HistGradientBoostingClassifierModel(p, in.schema(), in.report(), readTrees(in, outs), objective,
                    in.doubles("validation_curve"));
        }
    }

    /** Codec of histogram boosting regressors. */
    public static final class Regressor implements ModelCodec<HistGradientBoostingRegressorModel> {
        @Override
        public String kind() {
            return HistGradientBoosting.REGRESSOR_KIND;
        }

        @Override
        public Class<HistGradientBoostingRegressorModel> type() {
            return HistGradientBoostingRegressorModel.class;
        }

        @Override
        public void write(HistGradientBoostingRegressorModel m, ModelState.Writer out) {
            HistGradientBoostingCodecs.write(m.boosted(), m.objective(), m.validationCurve(), out);
        }

        @Override
        public HistGradientBoostingRegressorModel read(ModelState.Reader in) throws IOException {
            Params p = in.params(HistGradientBoosting.regressor().params());
            String objective = in.getString("objective");
            if (!objective.equals(p.getString("objective"))) {
                throw new ModelFormatException("objective '" + objective + "' disagrees with the parameter '"
                        + p.getString("objective") + "'");
            }
            return new HistGradientBoostingRegressorModel(p, in.schema(), in.report(), readTrees(in, 1), objective,
                    in.doubles("validation_curve"));
        }
    }
}
