package dev.derive.linear;

import dev.derive.learn.persist.ModelCodec;
import dev.derive.learn.persist.ModelState;
import dev.derive.linalg.Matrix;
import java.io.IOException;

/** Persistence of linear SVMs: {@link LinearSvmModel} (kind {@code linear_svm}) and {@link LinearSVR}'s {@link LinearModel} (kind {@code linear_svr}). */
public final class LinearSvmCodecs {

    private LinearSvmCodecs() {
    }

    /** Codec of {@link LinearSvmModel}: the coefficient matrix and the intercepts. */
    public static final class Classifier extends LinearClassifierModel.Codec<LinearSvmModel> {
        @Override
        public String kind() {
            return LinearSVC.NAME;
        }

        @Override
        public Class<LinearSvmModel> type() {
            return LinearSvmModel.class;
        }

        @Override
        LinearSvmModel create(ModelState.Reader in, Matrix coef, double[] intercepts) throws IOException {
            return new LinearSvmModel(in.params(LinearSVC.learner().params()), in.schema(), in.report(), coef, intercepts);
        }
    }

    /** Codec of linear support vector regression models (kind {@code linear_svr}). */
    public static final class Regressor implements ModelCodec<LinearModel> {
        @Override
        public String kind() {
            return LinearSVR.NAME;
        }

        @Override
        public Class<LinearModel> type() {
            return LinearModel.class;
        }

        @Override
        public void write(LinearModel m, ModelState.Writer out) {
            out.putArray("coef", m.coefficients());
            out.put("intercept", m.intercept());
        }

        @Override
        public LinearModel read(ModelState.Reader in) throws IOException {
            double[] coef = in.doubles("coef");
            in.expectSize("coef", coef.length, in.schema().featureCount());
            return new LinearModel(LinearSVR.NAME, in.params(LinearSVR.learner().params()), in.schema(), in.report(), coef,
                    in.getDouble("intercept"), "dual_cd", -1);
        }
    }
}
