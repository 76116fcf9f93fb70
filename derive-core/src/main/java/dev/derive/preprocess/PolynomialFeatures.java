package dev.derive.preprocess;

import dev.derive.data.Dataset;
import dev.derive.learn.Param;
import dev.derive.learn.Params;
import dev.derive.learn.TrainingReport;
import dev.derive.linalg.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Polynomial features (scikit-learn's {@code PolynomialFeatures}): all monomials
 * {@code x_0^{a_0} ... x_{p-1}^{a_{p-1}}} of total degree {@code 0..degree} (only products of distinct
 * features when {@code interaction_only}), in scikit-learn's column order: by degree, then
 * lexicographically by the (non-decreasing) tuple of feature indices, so the columns line up with
 * scikit-learn's. Output names are scikit-learn's: {@code 1} for the bias, {@code x0^2}, {@code x0 x1},
 * using the input feature names.
 *
 * <ul>
 *   <li>Parameters: {@code degree} (default 2), {@code interaction_only} (default false),
 *       {@code include_bias} (default true: a first column of ones). {@code degree = 0} without the bias
 *       would give no column and is refused at fit time.</li>
 *   <li>Missing or infinite values are errors naming the feature and row; categorical features are
 *       refused (products of level codes mean nothing): encode them first with {@link OneHotEncoder} or
 *       {@link OrdinalEncoder}.</li>
 * </ul>
 */
public final class PolynomialFeatures extends PreprocessingLearner<PolynomialFeatures, PolynomialFeaturesModel> {

    /** The registered name. */
    public static final String NAME = "polynomial_features";

    /** The most output columns allowed. */
    static final int MAX_OUTPUT = 1 << 24;

    static final List<Param<?>> SPECS = List.of(
            Param.integer("degree", 2, 0, 64, "the largest total degree of the monomials"),
            Param.flag("interaction_only", false, "only products of distinct features (no powers x^2, ...)"),
            Param.flag("include_bias", true, "add a first column of ones (the degree-0 monomial)"));

    private PolynomialFeatures(Params params) {
        super(params);
    }

    /** Degree-2 features with a bias column. */
    public static PolynomialFeatures learner() {
        return new PolynomialFeatures(defaults(SPECS));
    }

    public PolynomialFeatures degree(int d) {
        return with("degree", d);
    }

    public PolynomialFeatures interactionOnly(boolean b) {
        return with("interaction_only", b);
    }

    public PolynomialFeatures includeBias(boolean b) {
        return with("include_bias", b);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected PolynomialFeatures create(Params params) {
        return new PolynomialFeatures(params);
    }

    @Override
    protected PolynomialFeaturesModel train(Dataset data) {
        long t0 = System.nanoTime();
        int degree = params().getInt("degree");
        boolean interaction = params().getBoolean("interaction_only");
        boolean bias = params().getBoolean("include_bias");
        if (degree == 0 && !bias) {
            throw new IllegalArgumentException(NAME + ": degree = 0 with include_bias = false gives no output column;"
                    + " raise degree or include the bias");
        }
        List<Dataset.Feature> features = data.featureInfo();
        for (Dataset.Feature f : features) {
            if (f.isCategorical()) {
                throw new IllegalArgumentException(NAME + " does not accept categorical features ('" + f.name()
                        + "'); encode them first with " + OneHotEncoder.NAME + " or " + OrdinalEncoder.NAME);
            }
        }
        PolynomialFeaturesModel.checkFinite(NAME, data.features(), features);
        int p = features.size();
        long count = outputCount(p, degree, interaction, bias);
        if (count > MAX_OUTPUT) {
            throw new IllegalArgumentException(NAME + ": degree = " + degree + (interaction ? " (interaction only)" : "")
                    + " on " + p + " features gives " + (count == Long.MAX_VALUE ? "more than 2^63" : count)
                    + " output columns, more than the limit of " + MAX_OUTPUT);
        }
        List<int[]> combos = new ArrayList<>((int) count);
        for (int d = bias ? 0 : 1; d <= degree; d++) {
            combinations(p, d, interaction, new int[d], 0, 0, combos);
        }
        TrainingReport report = TrainingReport.closedForm(secondsSince(t0), List.of(), Map.of());
        return new PolynomialFeaturesModel(params(), FittedTransformer.unsupervisedSchema(data), report,
                combos.toArray(new int[0][]));
    }

    /** Number of output columns, saturating at {@link Long#MAX_VALUE}. */
    static long outputCount(int p, int degree, boolean interaction, boolean bias) {
        long total = 0;
        for (int d = bias ? 0 : 1; d <= degree; d++) {
            // with replacement: C(p + d - 1, d); interaction only: C(p, d)
            long c = interaction ? binomial(p, d) : binomial(p + d - 1, d);
            if (c == Long.MAX_VALUE || total > Long.MAX_VALUE - c) {
                return Long.MAX_VALUE;
            }
            total += c;
        }
        return total;
    }

    private static long binomial(long n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        long r = 1;
        for (int i = 1; i <= k; i++) {
            // r * (n - k + i) / i is exact at every step; guard the product against overflow
            long f = n - k + i;
            if (r > Long.MAX_VALUE / f) {
                return Long.MAX_VALUE;
            }
            r = r * f / i;
        }
        return r;
    }

    /** Appends the index tuples of degree {@code d} in lexicographic order (itertools' order). */
    private static void combinations(int p, int d, boolean distinct, int[] cur, int pos, int from, List<int[]> out) {
        if (pos == d) {
            out.add(cur.clone());
            return;
        }
        for (int i = from; i < p; i++) {
            cur[pos] = i;
            combinations(p, d, distinct, cur, pos + 1, distinct ? i + 1 : i, out);
        }
    }
}
