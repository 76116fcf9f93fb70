package dev.derive.neighbors;

import dev.derive.data.Dataset;
import dev.derive.testing.Fixtures;
import dev.derive.testing.LearnerContract;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class KNeighborsContractTest {

    static final Fixtures FX = Fixtures.load("first_learners.txt");

    /**
     * k-NN's answer depends on training-row order only through ties in distance (resolved by row index),
     * and the iris and diabetes data have such ties, so the row-order check is off.
     */
    static final LearnerContract.Options OPTIONS = LearnerContract.Options.DEFAULT.withOrderInvariant(false);

    @TestFactory
    Stream<DynamicTest> classifier() {
        int[] y = Arrays.stream(FX.vector("wine_y")).mapToInt(d -> (int) d).toArray();
        Dataset wine = Dataset.classification(FX.matrix("wine_X"), y);
        return Stream.concat(LearnerContract.tests(KNeighbors.classifier(), wine, OPTIONS),
                LearnerContract.tests(KNeighbors.classifier().neighbors(7).weights("distance").algorithm("brute"), wine, OPTIONS));
    }

    @TestFactory
    Stream<DynamicTest> regressor() {
        Dataset d = Dataset.regression(FX.matrix("diabetes_X"), FX.vector("diabetes_y"));
        return LearnerContract.tests(KNeighbors.regressor().neighbors(9).weights("distance"), d, OPTIONS);
    }
}
