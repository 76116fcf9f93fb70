package dev.derive.cli;

import dev.derive.tree.Tree;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a fitted CART {@link Tree} as boxes and edges: split nodes show {@code feature <= threshold} (or
 * {@code feature in {levels}} at a categorical split) and their
 * row count, leaves the predicted class with its share (coloured by class, paler when less pure) or the predicted
 * value. Levels below {@code maxDepth} are collapsed into a grey box that says how many nodes it hides. Leaves
 * are spread evenly from left to right in tree order; a split sits above the middle of its children.
 */
final class TreePicture {

    private final Tree tree;
    private final List<String> features;
    private final List<String> classes; // null: regression
    private final int maxDepth;
    private final int[] left;
    private final int[] right;
    private final int[] feature;
    private final double[] threshold;
    private final double[] value;
    private final int[] samples;
    private final double[] x;      // in leaf slots
    private final int[] depth;
    private int slots;
    private int shownDepth;
    private double[] boxWidth; // per level

    private final List<List<String>> levels; // level names per feature (null entries: numeric), or null

    TreePicture(Tree tree, List<String> features, List<String> classes, int maxDepth) {
        this(tree, features, null, classes, maxDepth);
    }

    /** As above, naming the levels of categorical splits ({@code colour in {red, blue}}) from {@code levels}. */
    TreePicture(Tree tree, List<String> features, List<List<String>> levels, List<String> classes, int maxDepth) {
        this.tree = tree;
        this.levels = levels;
        this.features = features;
        this.classes = classes;
        this.maxDepth = maxDepth;
        this.left = tree.left();
        this.right = tree.right();
        this.feature = tree.feature();
        this.threshold = tree.threshold();
        this.value = tree.value();
        this.samples = tree.nodeSamples();
        this.x = new double[left.length];
        this.depth = new int[left.length];
        place(0, 0);
    }

    /** Assigns leaf slots in order; returns the node's x. */
    private double place(int node, int d) {
        depth[node] = d;
        shownDepth = Math.max(shownDepth, d);
        if (left[node] == -1 || d == maxDepth) {
            x[node] = slots++;
            return x[node];
        }
        double a = place(left[node], d + 1);
        double b = place(right[node], d + 1);
        x[node] = (a + b) / 2;
        return x[node];
    }

    /** The number of nodes in the subtree of {@code node}. */
    private int size(int node) {
        return left[node] == -1 ? 1 : 1 + size(left[node]) + size(right[node]);
    }

    void paint(Graphics2D g, int w, int h, String title) {
        int top = 40;
        int margin = 10;
        double slotW = (w - 2.0 * margin) / Math.max(1, slots);
        double levelH = (h - top - margin) / (shownDepth + 1.0);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, margin, 24);
        List<int[]> edges = new ArrayList<>();
        collect(0, edges);
        // per level, a box may be as wide as the gap to its nearest neighbour on that level
        double[] gap = new double[shownDepth + 1];
        java.util.Arrays.fill(gap, Double.POSITIVE_INFINITY);
        List<List<Double>> xs = new ArrayList<>();
        for (int d = 0; d <= shownDepth; d++) {
            xs.add(new ArrayList<>());
        }
        xs.get(0).add(x[0]);
        for (int[] e : edges) {
            xs.get(depth[e[1]]).add(x[e[1]]);
        }
        for (int d = 0; d <= shownDepth; d++) {
            List<Double> l = xs.get(d);
            java.util.Collections.sort(l);
            for (int i = 1; i < l.size(); i++) {
                gap[d] = Math.min(gap[d], l.get(i) - l.get(i - 1));
            }
            // the outermost boxes must stay on the canvas: half a box fits between a centre and the edge
            gap[d] = Math.min(gap[d], 2 * (l.get(0) + 0.5));
            gap[d] = Math.min(gap[d], 2 * (slots - 0.5 - l.get(l.size() - 1)));
        }
        boxWidth = new double[shownDepth + 1];
        for (int d = 0; d <= shownDepth; d++) {
            boxWidth[d] = Math.min(220, Math.min(w - 2.0 * margin, gap[d] * slotW) * 0.92);
        }
        // the largest font (8 to 13 px) at which the widest label fits its box
        int fontSize = (int) Math.max(8, Math.min(13, levelH / 5));
        for (; fontSize > 8; fontSize--) {
            FontMetrics probe = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
            boolean fits = width(probe, label(0)) <= boxWidth[0] - 6;
            for (int[] e : edges) {
                fits &= width(probe, label(e[1])) <= boxWidth[depth[e[1]]] - 6;
            }
            if (fits) {
                break;
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, fontSize));
        FontMetrics fm = g.getFontMetrics();
        double boxH = Math.min(levelH * 0.6, fm.getHeight() * 2.6);
        g.setStroke(new BasicStroke(1.2f));
        g.setColor(new Color(120, 120, 120));
        for (int[] e : edges) {
            double x1 = margin + (x[e[0]] + 0.5) * slotW;
            double y1 = top + depth[e[0]] * levelH + boxH;
            double x2 = margin + (x[e[1]] + 0.5) * slotW;
            double y2 = top + depth[e[1]] * levelH;
            g.drawLine((int) Math.round(x1), (int) Math.round(y1), (int) Math.round(x2), (int) Math.round(y2));
        }
        for (int[] e : edges) {
            drawNode(g, fm, e[1], margin, top, slotW, levelH, boxWidth[depth[e[1]]], boxH);
        }
        drawNode(g, fm, 0, margin, top, slotW, levelH, boxWidth[0], boxH);
    }

    private void collect(int node, List<int[]> edges) {
        if (left[node] == -1 || depth[node] == maxDepth) {
            return;
        }
        edges.add(new int[] {node, left[node]});
        edges.add(new int[] {node, right[node]});
        collect(left[node], edges);
        collect(right[node], edges);
    }

    private void drawNode(Graphics2D g, FontMetrics fm, int node, int margin, int top, double slotW, double levelH,
                         double boxW, double boxH) {
        double cx = margin + (x[node] + 0.5) * slotW;
        double y = top + depth[node] * levelH;
        String[] lines = label(node);
        Color fill = fill(node);
        int bx = (int) Math.round(cx - boxW / 2);
        int by = (int) Math.round(y);
        g.setColor(fill);
        g.fillRoundRect(bx, by, (int) boxW, (int) boxH, 8, 8);
        g.setColor(new Color(90, 90, 90));
        g.drawRoundRect(bx, by, (int) boxW, (int) boxH, 8, 8);
        g.setColor(Color.BLACK);
        drawCentred(g, fm, fit(fm, lines[0], boxW - 6), cx, by + boxH / 2 - 2);
        drawCentred(g, fm, fit(fm, lines[1], boxW - 6), cx, by + boxH / 2 + fm.getAscent());
    }

    private static double width(FontMetrics fm, String[] lines) {
        return Math.max(fm.stringWidth(lines[0]), fm.stringWidth(lines[1]));
    }

    /** The two text lines of a node's box. */
    String[] label(int node) {
        String count = "n = " + samples[node];
        if (left[node] != -1 && depth[node] == maxDepth) {
            return new String[] {"… " + (size(node) - 1) + " more nodes", count};
        }
        if (left[node] != -1) {
            String name = features == null || feature[node] >= features.size() ? "x" + feature[node] : features.get(feature[node]);
            if (tree.isCategorical(node)) {
                return new String[] {name + " in " + tree.levelSet(node, levels), count};
            }
            return new String[] {name + " <= " + String.format(Locale.ROOT, "%.4g", threshold[node]), count};
        }
        if (classes != null) {
            int best = majority(node);
            return new String[] {classes.get(best) + String.format(Locale.ROOT, " (%.0f%%)", 100 * share(node, best)), count};
        }
        return new String[] {"value = " + String.format(Locale.ROOT, "%.4g", value[node * tree.outputs()]), count};
    }

    /** Grey for a collapsed subtree, white for a split, the class colour (paler when less pure) for a class leaf. */
    private Color fill(int node) {
        if (left[node] != -1) {
            return depth[node] == maxDepth ? new Color(235, 235, 235) : Color.WHITE;
        }
        if (classes == null) {
            return new Color(225, 236, 248);
        }
        int best = majority(node);
        return Charts.tint(Charts.color(best), 0.35 + 0.5 * (1 - share(node, best)));
    }

    private int majority(int node) {
        int k = classes.size();
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (value[node * k + c] > value[node * k + best]) {
                best = c;
            }
        }
        return best;
    }

    private double share(int node, int c) {
        int k = classes.size();
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += value[node * k + j];
        }
        return total > 0 ? value[node * k + c] / total : 0;
    }

    private static String fit(FontMetrics fm, String s, double width) {
        if (fm.stringWidth(s) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    private static void drawCentred(Graphics2D g, FontMetrics fm, String s, double cx, double baseline) {
        g.drawString(s, (float) (cx - fm.stringWidth(s) / 2.0), (float) baseline);
    }
}
