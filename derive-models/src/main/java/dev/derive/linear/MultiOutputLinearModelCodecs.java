package dev.derive.linear;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Persistence of {@link MultiOutputLinearModel}s (kinds {@code ols.multi_output} and {@code ridge.multi_output}):
 * the coefficient matrix {@code coef} ({@code p x k}), the intercepts, the target names, the solver and the rank.
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
        }

        @Override
        public MultiOutputLinearModel read(ModelState.Reader in) throws IOException {
            double[] b0 = in.doubles("intercepts");
            List<String> targets = in.getStrings("targets");
            in.expectSize("targets", targets.size(), b0.length);
            return new MultiOutputLinearModel(kind(), in.params(defaults()), in.schema(), in.report(), in.matrix("coef"), b0, targets,
                    in.getString("solver"), in.getInt("rank"));
        }
    }

    /** Codec of multi-output least squares (kind {@code ols.multi_output}). */
    public static final class Ols extends Base {
        public Ols() {
            super(MultiOutputLinearModel.OLS_KIND, () -> LinearRegression.learner().params());
        }
    }

    /** Codec of multi-output ridge (kind {@code ridge.multi_output}). */
    public static final class RidgeCodec extends Base {
        public RidgeCodec() {
            super(MultiOutputLinearModel.RIDGE_KIND, () -> Ridge.learner().params());
        }
    }
}
