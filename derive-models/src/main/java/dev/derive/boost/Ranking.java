package dev.derive.boost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranking metrics for grouped data. For one query with relevance labels {@code rel} (integers {@code >= 0})
 * and scores {@code s}: order the documents by decreasing score (ties: by row order), then
 * {@code DCG@k = sum_{r < k} (2^{rel_(r)} - 1) / log2(r + 2)} over positions {@code r = 0, 1, ...};
 * {@code NDCG@k = DCG@k / IDCG@k} with {@code IDCG@k} the DCG@k of the order by decreasing label
 * (Jarvelin and Kekalainen 2002; the exponential gain of Burges et al. 2005). A query whose labels are all 0
 * has {@code IDCG = 0} and counts as NDCG 1 (LightGBM's convention). The data-set value is the mean over queries.
 */
public final class Ranking {

    private Ranking() {
    }

    /** The rows of each query, in order of first appearance; the rows of a query keep their order. */
    public static int[][] queries(int[] group) {
        Map<Integer, List<Integer>> m = new HashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < group.length; i++) {
            List<Integer> l = m.get(group[i]);
            if (l == null) {
                l = new ArrayList<>();
                m.put(group[i], l);
                order.add(group[i]);
            }
            l.add(i);
        }
        int[][] out = new int[order.size()][];
        for (int q = 0; q < out.length; q++) {
            List<Integer> l = m.get(order.get(q));
            out[q] = l.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** The gain {@code 2^rel - 1} of a relevance label (checked to be an integer in [0, 31]). */
    static double gain(double rel) {
        return Math.pow(2, rel) - 1;
    }

    /** Checks that every label is an integer in {@code [0, 31]}. */
    static void checkLabels(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0 && y[i] <= 31 && y[i] == Math.rint(y[i]))) {
                throw new IllegalArgumentException("ranking label " + y[i] + " at row " + i + " is not an integer in [0, 31]");
            }
        }
    }

    /** The discount {@code 1 / log2(r + 2)} of position {@code r} if {@code r < k}, else 0. */
    static double discount(int r, int k) {
        return r < k ? 1 / (Math.log(r + 2) / Math.log(2)) : 0;
    }

    /** The positions of the rows {@code rows} ordered by decreasing {@code s} (ties: row order). */
    static int[] orderByScore(int[] rows, double[] s) {
        Integer[] o = new Integer[rows.length];
        for (int a = 0; a < o.length; a++) {
            o[a] = rows[a];
        }
        Arrays.sort(o, (p, q) -> {
            int c = Double.compare(s[q], s[p]);
            return c != 0 ? c : Integer.compare(p, q);
        });
        int[] out = new int[o.length];
        for (int a = 0; a < o.length; a++) {
            out[a] = o[a];
        }
        return out;
    }

    /** IDCG@k of one query. */
    static double idealDcg(int[] rows, double[] rel, int k) {
        double[] l = new double[rows.length];
        for (int a = 0; a < l.length; a++) {
            l[a] = rel[rows[a]];
        }
        Arrays.sort(l);
        double d = 0;
        for (int r = 0; r < Math.min(k, l.length); r++) {
            d += gain(l[l.length - 1 - r]) * discount(r, k);
        }
        return d;
    }

    /** NDCG@k of one query (its rows {@code rows}). */
    static double ndcg(int[] rows, double[] rel, double[] s, int k) {
        double idcg = idealDcg(rows, rel, k);
        if (idcg == 0) {
            return 1;
        }
        int[] o = orderByScore(rows, s);
        double d = 0;
        for (int r = 0; r < Math.min(k, o.length); r++) {
            d += gain(rel[o[r]]) * discount(r, k);
        }
        return d / idcg;
    }

    /**
     * The mean NDCG@k over the queries given by {@code group} (one query id per row).
     *
     * @throws IllegalArgumentException on mismatched lengths, {@code k < 1} or labels that are not integers in [0, 31]
     */
    public static double ndcg(double[] scores, double[] labels, int[] group, int k) {
        if (scores.length != labels.length || labels.length != group.length) {
            throw new IllegalArgumentException("scores (" + scores.length + "), labels (" + labels.length + ") and groups ("
                    + group.length + ") must have the same length");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        checkLabels(labels);
        int[][] qs = queries(group);
        return meanNdcg(qs, labels, scores, k);
    }

    static double meanNdcg(int[][] qs, double[] rel, double[] s, int k) {
        double sum = 0;
        for (int[] q : qs) {
            sum += ndcg(q, rel, s, k);
        }
        return sum / qs.length;
    }
}
