package dev.derive.linear;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;

/** Persistence of {@link LinearModel}s: coefficients, intercept, solver and rank. */
public final class LinearModelCodecs {

    private LinearModelCodecs() {
    }

    private abstract static class Base implements ModelCodec<LinearModel> {
        @Override
        public Class<LinearModel> type() {
            return LinearModel.class;
        }

        abstract Params defaults();

        @Override
        public void write(LinearModel m, ModelState.Writer out) {
            out.putArray("coef", m.coefficients());
            out.put("intercept", m.intercept());
            out.put("solver", m.solver());
            out.put("rank", m.rank());
        }

        @Override
        public LinearModel read(ModelState.Reader in) throws IOException {
            double[] coef = in.doubles("coef");
            in.expectSize("coef", coef.length, in.schema().featureCount());
            return new LinearModel(kind(), in.params(defaults()), in.schema(), in.report(), coef, in.getDouble("intercept"),
                    in.getString("solver"), in.getInt("rank"));
        }
    }

    /** Codec of ordinary least squares models (kind {@code ols}). */
    public static final class Ols extends Base {
        @Override
        public String kind() {
            return LinearRegression.NAME;
        }

        @Override
        Params defaults() {
            return LinearRegression.learner().params();
        }
    }

    /** Codec of ridge models (kind {@code ridge}). */
    public static final class RidgeCodec extends Base {
        @Override
        public String kind() {
            return Ridge.NAME;
        }

        @Override
        Params defaults() {
            return Ridge.learner().params();
        }
    }
}
