package dev.derive.tree;

/**
 * Entropies in bits for ID3 and C4.5: {@code H(w) = -sum_c (w_c / W) log2(w_c / W)} of a vector of
 * non-negative weights with total {@code W}, and the split information of a partition.
 */
final class SplitEntropy {

    private static final double LN2 = Math.log(2);

    private SplitEntropy() {
    }

    /** {@code -sum (w_c / total) log2(w_c / total)} over the positive entries; 0 when {@code total <= 0}. */
    static double of(double[] w, double total) {
        if (!(total > 0)) {
            return 0;
        }
        double h = 0;
        for (double v : w) {
            if (v > 0) {
                double p = v / total;
                h -= p * Math.log(p);
            }
        }
        return h / LN2;
    }

    /** {@code -(w / total) log2(w / total)}, 0 when {@code w <= 0}. */
    static double term(double w, double total) {
        if (!(w > 0)) {
            return 0;
        }
        double p = w / total;
        return -p * Math.log(p) / LN2;
    }

    static double log2(double x) {
        return Math.log(x) / LN2;
    }
}
