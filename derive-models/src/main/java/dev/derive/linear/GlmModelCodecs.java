package dev.derive.linear;

import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;

/** Persistence of {@link GlmModel}s (kinds {@code poisson}, {@code gamma}, {@code tweedie}): coefficients, intercept, power. */
public final class GlmModelCodecs {

    private GlmModelCodecs() {
    }

    private abstract static class Base implements ModelCodec<GlmModel> {
        @Override
        public Class<GlmModel> type() {
            return GlmModel.class;
        }

        @Override
        public void write(GlmModel m, ModelState.Writer out) {
            out.putArray("coef", m.coefficients());
            out.put("intercept", m.intercept());
            out.put("power", m.power());
        }

        @Override
        public GlmModel read(ModelState.Reader in) throws IOException {
            double[] coef = in.doubles("coef");
            in.expectSize("coef", coef.length, in.schema().featureCount());
            GeneralizedLinearRegression defaults = GeneralizedLinearRegression.of(kind());
            return new GlmModel(kind(), in.getDouble("power"), in.params(defaults.params()), in.schema(), in.report(), coef,
                    in.getDouble("intercept"));
        }
    }

    /** Codec of Poisson GLMs. */
    public static final class Poisson extends Base {
        @Override
        public String kind() {
            return GeneralizedLinearRegression.POISSON;
        }
    }

    /** Codec of Gamma GLMs. */
    public static final class Gamma extends Base {
        @Override
        public String kind() {
            return GeneralizedLinearRegression.GAMMA;
        }
    }

    /** Codec of Tweedie GLMs. */
    public static final class Tweedie extends Base {
        @Override
        public String kind() {
            return GeneralizedLinearRegression.TWEEDIE;
        }
    }
}
