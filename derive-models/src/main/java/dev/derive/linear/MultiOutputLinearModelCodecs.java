package dev.derive.linear;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelFormatException;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Persistence of {@link MultiOutputLinearModel}s (kinds {@code ols.multi_output}, {@code ridge.multi_output} and
 * {@code ridge_cv.multi_output}): the coefficient matrix {@code coef} ({@code p x k}), the intercepts, the target names,
 * the solver, the rank and, for ridge, the alpha of each target ({@code alphas}).
 */
public final class MultiOutputLinearModelCodecs {

    private MultiOutputLinearModelCodecs() {
    }

    private abstract static class Base extends LinearModelCodecs.Bound<MultiOutputLinearModel> {
        Base(String kind, Supplier<Params> defaults) {
            super(kind, MultiOutputLinearModel.class, defaults);
        }

        @Override
        public void write(MultiOutputLinearModel m, ModelState.Writer out) {
            out.putMatrix("coef", m.coefficients());
            out.putArray("intercepts", m.intercepts());
            out.putStrings("targets", m.targetNames());
            out.put("solver", m.solver());
            out.put("rank", m.rank());
            if (m.alphas() != null) {
                out.putArray("alphas", m.alphas());
            }
        }

        /** The per-target alphas ({@code null} for least squares). */
        double[] alphas(ModelState.Reader in, int k) throws IOException {
            return null;
        }

        @Override
        public MultiOutputLinearModel read(ModelState.Reader in) throws IOException {
            double[] b0 = in.doubles("intercepts");
            List<String> targets = in.getStrings("targets");
            in.expectSize("targets", targets.size(), b0.length);
            double[] alphas = alphas(in, b0.length);
            if (alphas != null) {
                in.expectSize("alphas", alphas.length, b0.length);
            }
            return new MultiOutputLinearModel(kind(), in.params(defaults()), in.schema(), in.report(), in.matrix("coef"), b0, targets,
                    in.getString("solver"), in.getInt("rank"), alphas);
        }
    }

    /** Codec of multi-output least squares (kind {@code ols.multi_output}). */
    public static final class Ols extends Base {
        public Ols() {
            super(MultiOutputLinearModel.OLS_KIND, () -> LinearRegression.learner().params());
        }
    }

    /**
     * Codec of multi-output ridge (kind {@code ridge.multi_output}). Files written before per-target alphas existed
     * have no {@code alphas} array: every target then had the parameter {@code alpha}.
     */
    public static final class RidgeCodec extends Base {
        public RidgeCodec() {
            super(MultiOutputLinearModel.RIDGE_KIND, () -> Ridge.learner().params());
        }

        @Override
        double[] alphas(ModelState.Reader in, int k) throws IOException {
            try {
                return in.doubles("alphas");
            } catch (ModelFormatException e) {
                if (!e.getMessage().endsWith("'alphas' is missing")) {
                    throw e;
                }
                double[] a = new double[k];
                java.util.Arrays.fill(a, in.params(defaults()).getDouble("alpha"));
                return a;
            }
        }
    }

    /** Codec of multi-output ridge with alpha chosen by leave-one-out CV (kind {@code ridge_cv.multi_output}). */
    public static final class RidgeCvCodec extends Base {
        public RidgeCvCodec() {
            super(MultiOutputLinearModel.RIDGE_CV_KIND, () -> RidgeCV.learner().params());
        }

        @Override
        double[] alphas(ModelState.Reader in, int k) throws IOException {
            return in.doubles("alphas");
        }
    }
}
