package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.ModelSchema;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted {@link PolynomialFeatures}: output column {@code k} is the product of the input columns listed
 * in {@code terms()[k]} (empty for the bias). Immutable and thread-safe.
 */
public final class PolynomialFeaturesModel extends FittedTransformer {

    private final int[][] terms;

    PolynomialFeaturesModel(Params params, ModelSchema schema, TrainingReport report, int[][] terms) {
        super(PolynomialFeatures.NAME, params, schema, report, outputs(schema.features(), terms));
        this.terms = new int[terms.length][];
        for (int k = 0; k < terms.length; k++) {
            this.terms[k] = terms[k].clone();
        }
    }

    private static List<Dataset.Feature> outputs(List<Dataset.Feature> in, int[][] terms) {
        List<Dataset.Feature> out = new ArrayList<>(terms.length);
        for (int[] t : terms) {
            if (t.length == 0) {
                out.add(Dataset.Feature.numeric("1"));
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < t.length; ) {
                int b = a;
                while (b < t.length && t[b] == t[a]) {
                    b++;
                }
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(in.get(t[a]).name());
                if (b - a > 1) {
                    sb.append('^').append(b - a);
                }
                a = b;
            }
            out.add(Dataset.Feature.numeric(sb.toString()));
        }
        return out;
    }

    /** The input column indices multiplied in each output column (non-decreasing; empty = bias). Copies. */
    public int[][] terms() {
        int[][] c = new int[terms.length][];
        for (int k = 0; k < terms.length; k++) {
            c[k] = terms[k].clone();
        }
        return c;
    }

    /**
     * The exponent of each input feature in each output column ({@code outputs x inputs}), scikit-learn's
     * {@code powers_}.
     */
    public int[][] powers() {
        int p = schema().featureCount();
        int[][] pw = new int[terms.length][p];
        for (int k = 0; k < terms.length; k++) {
            for (int j : terms[k]) {
                pw[k][j]++;
            }
        }
        return pw;
    }

    static void checkFinite(String model, Matrix x, List<Dataset.Feature> features) {
        for (int j = 0; j < x.cols(); j++) {
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(model + " does not accept " + (Double.isNaN(v) ? "missing" : "infinite")
                            + " values: feature '" + features.get(j).name() + "' is " + v + " at row " + i
                            + (Double.isNaN(v) ? "; impute it first" : ""));
                }
            }
        }
    }

    @Override
    Matrix apply(Matrix x, List<Dataset.Feature> inputFeatures) {
        checkFinite(kind(), x, schema().features());
        long cells = (long) x.rows() * terms.length;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(kind() + ": " + x.rows() + " rows x " + terms.length
                    + " output columns do not fit in one matrix; transform fewer rows at a time");
        }
        int n = x.rows();
        Matrix out = Matrix.zeros(n, terms.length);
        double[][] cols = new double[x.cols()][];
        for (int j = 0; j < x.cols(); j++) {
            cols[j] = x.columnArray(j);
        }
        double[] acc = new double[n];
        for (int k = 0; k < terms.length; k++) {
            int[] t = terms[k];
            if (t.length == 0) {
                java.util.Arrays.fill(acc, 1.0);
            } else {
                System.arraycopy(cols[t[0]], 0, acc, 0, n);
                for (int a = 1; a < t.length; a++) {
                    double[] c = cols[t[a]];
                    for (int i = 0; i < n; i++) {
                        acc[i] *= c[i];
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                out.set(i, k, acc[i]);
            }
        }
        return out;
    }
}
