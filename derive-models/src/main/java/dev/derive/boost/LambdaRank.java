package dev.derive.boost;

import dev.derive.runtime.Parallelism;

/**
 * LambdaMART's objective (Burges 2010, "From RankNet to LambdaRank to LambdaMART: an overview", section 7;
 * sigma = 1): for each query, documents ordered by the current score, and each pair {@code (i, j)} with
 * {@code rel_i > rel_j},
 * <pre>
 * rho      = 1 / (1 + exp(s_i - s_j))
 * |dNDCG|  = |(2^rel_i - 1) - (2^rel_j - 1)| |D(r_i) - D(r_j)| / IDCG@k,   D(r) = 1/log2(r + 2) if r &lt; k else 0
 * lambda_i -= rho |dNDCG|,  lambda_j += rho |dNDCG|          (gradient: i is pushed up, j down)
 * h_i, h_j += rho (1 - rho) |dNDCG|
 * </pre>
 * where {@code r_i} is the 0-based position of document {@code i} and {@code k} is
 * {@code lambdarank_truncation_level}. Pairs whose positions are both {@code >= k} do not change NDCG@k and
 * contribute nothing. Queries whose labels are all equal contribute nothing. Row weights multiply
 * {@code g} and {@code h}. The lambdas are not the gradient of a loss (the ordering is piecewise
 * constant), so {@link #loss}, {@link #gradient}, {@link #hessian} of one row are not defined; the
 * per-round metric is {@code 1 - mean NDCG@k} (lower is better). The initial score is 0.
 */
final class LambdaRank extends Objective {

    private final int[][] queries;
    private final int k;

    LambdaRank(int[] group, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("lambdarank_truncation_level must be >= 1, got " + k);
        }
        this.queries = Ranking.queries(group);
        this.k = k;
    }

    @Override
    public String name() {
        return "lambdarank";
    }

    @Override
    public double loss(double y, double f) {
        throw new UnsupportedOperationException("lambdarank has no per-row loss (its metric is 1 - NDCG@k of a query)");
    }

    @Override
    public double gradient(double y, double f) {
        throw new UnsupportedOperationException("lambdarank's lambdas depend on the whole query");
    }

    @Override
    public double hessian(double y, double f) {
        throw new UnsupportedOperationException("lambdarank's lambdas depend on the whole query");
    }

    @Override
    public boolean exactHessian() {
        return false;
    }

    @Override
    public double[] initScore(double[] y, double[] w) {
        return new double[] {0};
    }

    @Override
    public void checkTarget(double[] y) {
        Ranking.checkLabels(y);
    }

    @Override
    public void gradients(double[] y, double[] w, double[] raw, double[] g, double[] h) {
        Parallelism.forEach(queries.length, 8, q -> lambdas(queries[q], y, w, raw, g, h));
    }

    /** The lambdas of one query (writes only its rows). */
    void lambdas(int[] rows, double[] y, double[] w, double[] raw, double[] g, double[] h) {
        for (int i : rows) {
            g[i] = 0;
            h[i] = 0;
        }
        double idcg = Ranking.idealDcg(rows, y, k);
        if (idcg == 0) {
            return;
        }
        int[] o = Ranking.orderByScore(rows, raw);
        int m = o.length;
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                if (a >= k && b >= k) {
                    break;
                }
                int i = o[a];
                int j = o[b];
                if (y[i] == y[j]) {
                    continue;
                }
                int hi = y[i] > y[j] ? i : j;
                int lo = hi == i ? j : i;
                double delta = Math.abs(Ranking.gain(y[i]) - Ranking.gain(y[j]))
                        * Math.abs(Ranking.discount(a, k) - Ranking.discount(b, k)) / idcg;
                double rho = Objectives.sigmoid(raw[lo] - raw[hi]);
                double lam = rho * delta;
                double hh = rho * (1 - rho) * delta;
                g[hi] -= lam;
                g[lo] += lam;
                h[hi] += hh;
                h[lo] += hh;
            }
        }
        if (w != null) {
            for (int i : rows) {
                g[i] *= w[i];
                h[i] *= w[i];
            }
        }
    }

    @Override
    public double metric(double[] y, double[] w, double[] raw) {
        return 1 - Ranking.meanNdcg(queries, y, raw, k);
    }
}
