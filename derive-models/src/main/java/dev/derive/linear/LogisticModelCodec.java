package dev.derive.linear;

import dev.derive.learn.persist.ModelState;
import dev.derive.linalg.Matrix;
import java.io.IOException;

/** Persistence of {@link LogisticModel}s (kind {@code logistic}): the coefficient matrix and the intercepts. */
public final class LogisticModelCodec extends LinearClassifierModel.Codec<LogisticModel> {

    @Override
    public String kind() {
        return LogisticRegression.NAME;
    }

    @Override
    public Class<LogisticModel> type() {
        return LogisticModel.class;
    }

    @Override
    LogisticModel create(ModelState.Reader in, Matrix coef, double[] intercepts) throws IOException {
        return new LogisticModel(in.params(LogisticRegression.learner().params()), in.schema(), in.report(), coef, intercepts);
    }
}
