package dev.derive.linear;

import dev.derive.learn.Params;
import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import java.io.IOException;

/**
 * Persistence of {@link PenalizedLinearModel}s (kinds {@code lasso}, {@code elastic_net}, {@code lasso_cv},
 * {@code elastic_net_cv}, {@code lars}, {@code lasso_lars_ic}): coefficients, intercept, alpha, l1 ratio,
 * duality gap, and the searched grid with its scores.
 */
public final class PenalizedLinearModelCodecs {

    private PenalizedLinearModelCodecs() {
    }

    private abstract static class Base implements ModelCodec<PenalizedLinearModel> {
        @Override
        public Class<PenalizedLinearModel> type() {
            return PenalizedLinearModel.class;
        }

        abstract Params defaults();

        @Override
        public void write(PenalizedLinearModel m, ModelState.Writer out) {
            out.putArray("coef", m.coefficients());
            out.put("intercept", m.intercept());
            out.put("alpha", m.alpha());
            out.put("l1_ratio", m.l1Ratio());
            out.put("dual_gap", m.dualGap());
            out.putArray("alpha_grid", m.alphaGrid());
            out.putArray("grid_scores", m.gridScores());
        }

        @Override
        public PenalizedLinearModel read(ModelState.Reader in) throws IOException {
            double[] coef = in.doubles("coef");
            in.expectSize("coef", coef.length, in.schema().featureCount());
            double[] grid = in.doubles("alpha_grid");
            double[] scores = in.doubles("grid_scores");
            in.expectSize("grid_scores", scores.length, grid.length);
            return new PenalizedLinearModel(kind(), in.params(defaults()), in.schema(), in.report(), coef,
                    in.getDouble("intercept"), in.getDouble("alpha"), in.getDouble("l1_ratio"), in.getDouble("dual_gap"),
                    grid, scores);
        }
    }

    /** Codec of lasso models. */
    public static final class LassoCodec extends Base {
        @Override
        public String kind() {
            return Lasso.NAME;
        }

        @Override
        Params defaults() {
            return Lasso.learner().params();
        }
    }

    /** Codec of elastic-net models. */
    public static final class ElasticNetCodec extends Base {
        @Override
        public String kind() {
            return ElasticNet.NAME;
        }

        @Override
        Params defaults() {
            return ElasticNet.learner().params();
        }
    }

    /** Codec of cross-validated lasso models. */
    public static final class LassoCVCodec extends Base {
        @Override
        public String kind() {
            return LassoCV.NAME;
        }

        @Override
        Params defaults() {
            return LassoCV.learner().params();
        }
    }

    /** Codec of cross-validated elastic-net models. */
    public static final class ElasticNetCVCodec extends Base {
        @Override
        public String kind() {
            return ElasticNetCV.NAME;
        }

        @Override
        Params defaults() {
            return ElasticNetCV.learner().params();
        }
    }

    /** Codec of LAR models. */
    public static final class LarsCodec extends Base {
        @Override
        public String kind() {
            return Lars.NAME;
        }

        @Override
        Params defaults() {
            return Lars.learner().params();
        }
    }

    /** Codec of lasso models selected by AIC/BIC on the LARS path. */
    public static final class LassoLarsICCodec extends Base {
        @Override
        public String kind() {
            return LassoLarsIC.NAME;
        }

        @Override
        Params defaults() {
            return LassoLarsIC.learner().params();
        }
    }
}
