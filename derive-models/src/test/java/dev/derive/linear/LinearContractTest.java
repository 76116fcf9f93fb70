package dev.derive.linear;

import dev.derive.data.Dataset;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class LinearContractTest {

    static Dataset diabetes() {
        Fixtures fx = Fixtures.load("first_learners.txt");
        return Dataset.regression(fx.matrix("diabetes_X"), fx.vector("diabetes_y"));
    }

    @TestFactory
    Stream<DynamicTest> ols() {
        return Stream.concat(LearnerContract.tests(LinearRegression.learner(), diabetes()),
                LearnerContract.tests(LinearRegression.learner().solver("svd"), diabetes().withWeights(weights())));
    }

    @TestFactory
    Stream<DynamicTest> ridge() {
        return Stream.concat(LearnerContract.tests(Ridge.learner().alpha(0.5), diabetes()),
                LearnerContract.tests(Ridge.learner().solver("svd").fitIntercept(false), diabetes()));
    }

    static double[] weights() {
        double[] w = new double[442];
        for (int i = 0; i < w.length; i++) {
            w[i] = 1 + i % 4;
        }
        return w;
    }
}
