package dev.derive.linear;

import dev.derive.learn.Model;
import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;
import java.util.function.Supplier;

/** Persistence of {@link LinearModel}s: coefficients, intercept, solver and rank. */
public final class LinearModelCodecs {

    private LinearModelCodecs() {
    }

    /**
     * A codec bound to a model kind, the model class and the learner whose parameters are the defaults when
     * reading (the Ols and Ridge codecs here and in {@link MultiOutputLinearModelCodecs}).
     */
    abstract static class Bound<M extends Model> implements ModelCodec<M> {
        private final String kind;
        private final Class<M> type;
        private final Supplier<Params> defaults;

        Bound(String kind, Class<M> type, Supplier<Params> defaults) {
            this.kind = kind;
            this.type = type;
            this.defaults = defaults;
        }

        @Override
        public final String kind() {
            return kind;
        }

        @Override
        public final Class<M> type() {
            return type;
        }

        /** The parameters of a default learner. */
        final Params defaults() {
            return defaults.get();
        }
    }

    private abstract static class Base extends Bound<LinearModel> {
        Base(String kind, Supplier<Params> defaults) {
            super(kind, LinearModel.class, defaults);
        }

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
        public Ols() {
            super(LinearRegression.NAME, () -> LinearRegression.learner().params());
        }
    }

    /** Codec of ridge models (kind {@code ridge}). */
    public static final class RidgeCodec extends Base {
        public RidgeCodec() {
            super(Ridge.NAME, () -> Ridge.learner().params());
        }
    }
}
