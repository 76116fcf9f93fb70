package dev.derive.tree;

import dev.derive.learn.Model;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Text rules and Graphviz DOT for fitted {@link Tree}s and decision tree models.
 *
 * <p>{@link #text} writes the layout of scikit-learn's {@code sklearn.tree.export_text} character for
 * character: one line per split side, {@code |--- feature <= t} then the left subtree and
 * {@code |--- feature >  t} then the right, indented by {@code "|   "} per level; leaves as
 * {@code |--- class: name} (with {@code showWeights}, {@code |--- weights: [w_1, ..., w_K] class: name})
 * or {@code |--- value: [v]}; nodes deeper than {@code maxDepth + 1} (the root at depth 1) are cut as
 * {@code |--- truncated branch of depth d}. Numbers are printed with {@code decimals} digits, rounded half to
 * even on their exact binary value as Python's format does. A categorical split (not in scikit-learn) prints as
 * {@code |--- colour in {red, blue}} then the left subtree and {@code |--- colour not in {red, blue}} then the right,
 * with the level names of the model's schema. {@link #dot} writes Graphviz DOT (see
 * {@link Tree#toDot}); render with {@code dot -Tpng tree.dot -o tree.png}.
 */
public final class TreeExport {

    private TreeExport() {
    }

    /** The text rules of a fitted {@code cart} model with scikit-learn's defaults (max depth 10, 2 decimals). */
    public static String text(Model model) {
        return text(model, 10, 2, false);
    }

    /** The text rules of a fitted {@code cart} model. */
    public static String text(Model model, int maxDepth, int decimals, boolean showWeights) {
        return text(tree(model), model.schema().featureNames(), Tree.levelNames(model.schema().features()), classes(model), maxDepth,
                decimals, showWeights);
    }

    /** The Graphviz DOT of a fitted {@code cart} model, with its feature and class names. */
    public static String dot(Model model) {
        return tree(model).toDot(model.schema().featureNames(), Tree.levelNames(model.schema().features()), classes(model));
    }

    /** The Graphviz DOT of {@code tree} ({@code classes} null for a regression tree); see {@link Tree#toDot}. */
    public static String dot(Tree tree, List<String> featureNames, List<String> classes) {
        return tree.toDot(featureNames, classes);
    }

    private static Tree tree(Model model) {
        if (model instanceof DecisionTreeClassifierModel c) {
            return c.tree();
        }
        if (model instanceof DecisionTreeRegressorModel r) {
            return r.tree();
        }
        throw new IllegalArgumentException("tree export needs a cart model, got " + model.kind()
                + "; for a forest, export one of its trees with text(Tree, ...)");
    }

    private static List<String> classes(Model model) {
        return model instanceof DecisionTreeClassifierModel ? model.schema().classes() : null;
    }

    /**
     * The text rules of {@code tree}.
     *
     * @param featureNames one name per feature ({@code null}: {@code feature_0}, ...)
     * @param classes      class names for a classification tree, {@code null} for a regression tree
     * @param maxDepth     deepest level shown in full ({@code >= 0}); deeper branches are truncated
     * @param decimals     digits after the decimal point ({@code >= 0})
     * @param showWeights  print the weighted class totals of classification leaves
     */
    public static String text(Tree tree, List<String> featureNames, List<String> classes, int maxDepth, int decimals,
                              boolean showWeights) {
        return text(tree, featureNames, null, classes, maxDepth, decimals, showWeights);
    }

    /**
     * As {@link #text(Tree, List, List, int, int, boolean)} with the level names of each feature ({@code levelNames}:
     * null entries for numeric features; the list null to print level codes) for categorical splits.
     */
    public static String text(Tree tree, List<String> featureNames, List<List<String>> levelNames, List<String> classes, int maxDepth,
                              int decimals, boolean showWeights) {
        if (maxDepth < 0) {
            throw new IllegalArgumentException("max_depth must be >= 0, got " + maxDepth);
        }
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be >= 0, got " + decimals);
        }
        if (featureNames != null && featureNames.size() != tree.featureCount()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for a tree of " + tree.featureCount() + " features");
        }
        if (classes != null && classes.size() != tree.outputs()) {
            throw new IllegalArgumentException(classes.size() + " class names for a tree of " + tree.outputs() + " classes");
        }
        StringBuilder sb = new StringBuilder();
        recurse(tree, 0, 1, featureNames, levelNames, classes, maxDepth, decimals, showWeights, sb);
        return sb.toString();
    }

    private static void recurse(Tree t, int node, int depth, List<String> names, List<List<String>> levels, List<String> classes,
                                int maxDepth, int decimals, boolean showWeights, StringBuilder sb) {
        String indent = "|   ".repeat(depth);
        indent = indent.substring(0, indent.length() - 3) + "---";
        if (depth <= maxDepth + 1) {
            if (t.left[node] != -1) {
                String name = names == null ? "feature_" + t.feature[node] : names.get(t.feature[node]);
                boolean cat = t.isCategorical(node);
                String thr = cat ? t.levelSet(node, levels) : fmt(t.threshold[node], decimals);
                sb.append(indent).append(' ').append(name).append(cat ? " in " : " <= ").append(thr).append('\n');
                recurse(t, t.left[node], depth + 1, names, levels, classes, maxDepth, decimals, showWeights, sb);
                sb.append(indent).append(' ').append(name).append(cat ? " not in " : " >  ").append(thr).append('\n');
                recurse(t, t.right[node], depth + 1, names, levels, classes, maxDepth, decimals, showWeights, sb);
            } else {
                leaf(t, node, classes, decimals, showWeights, indent, sb);
            }
        } else {
            int d = subtreeDepth(t, node);
            if (d == 1) {
                leaf(t, node, classes, decimals, showWeights, indent, sb);
            } else {
                sb.append(indent).append(" truncated branch of depth ").append(d).append('\n');
            }
        }
    }

    private static void leaf(Tree t, int node, List<String> classes, int decimals, boolean showWeights, String indent, StringBuilder sb) {
        int k = t.outputs;
        String val = "";
        if (showWeights || classes == null) {
            StringBuilder v = new StringBuilder("[");
            for (int c = 0; c < k; c++) {
                v.append(c > 0 ? ", " : "").append(fmt(t.value(node * k + c), decimals));
            }
            val = v.append(']').toString();
        }
        if (classes != null) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (t.value(node * k + c) > t.value(node * k + best)) {
                    best = c;
                }
            }
            val = (showWeights ? " weights: " + val : "") + " class: " + classes.get(best);
        } else {
            val = " value: " + val;
        }
        sb.append(indent).append(val).append('\n');
    }

    /** Levels in the subtree under {@code node} (a leaf is 1). */
    private static int subtreeDepth(Tree t, int node) {
        if (t.left[node] == -1) {
            return 1;
        }
        return 1 + Math.max(subtreeDepth(t, t.left[node]), subtreeDepth(t, t.right[node]));
    }

    /** {@code v} with {@code decimals} digits, half to even on the exact binary value (Python's {@code format}). */
    static String fmt(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if ((v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-")) {
            s = "-" + s; // Python keeps the sign of a negative number that rounds to zero
        }
        return s;
    }
}
