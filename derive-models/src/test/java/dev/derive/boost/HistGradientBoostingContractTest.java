package dev.derive.boost;

import dev.derive.data.Dataset;
import dev.derive.data.Datasets;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The learner contract for {@code hist_gbdt} (classifier on breast cancer and iris, regressor on diabetes). */
class HistGradientBoostingContractTest {

    /**
     * Shuffling rows only reorders the floating-point sums of the histograms (g and h summed per bin in row
     * order), so outputs move by rounding only (seen: 7e-9 after 20 rounds); a different split would change
     * them by far more than 1e-6.
     */
    static final LearnerContract.Options OPTIONS = LearnerContract.Options.DEFAULT.withSupportsMissing(true).withOrderTolerance(1e-6);

    @TestFactory
    Stream<DynamicTest> classifier() {
        return LearnerContract.tests(HistGradientBoosting.classifier().nEstimators(20), Datasets.dataset("breast_cancer"), OPTIONS);
    }

    @TestFactory
    Stream<DynamicTest> multiclass() {
        return LearnerContract.tests(HistGradientBoosting.classifier().nEstimators(10), Datasets.dataset("iris"), OPTIONS);
    }

    @TestFactory
    Stream<DynamicTest> regressor() {
        return LearnerContract.tests(HistGradientBoosting.regressor().nEstimators(20), Datasets.dataset("diabetes"), OPTIONS);
    }

    /** l1 with the leaf re-fit to the median of the residuals (sorted, so row order does not matter). */
    @TestFactory
    Stream<DynamicTest> l1Regressor() {
        return LearnerContract.tests(HistGradientBoosting.regressor().nEstimators(20).with("objective", "l1"), Datasets.dataset("diabetes"), OPTIONS);
    }

    /** One-hot data with exclusive feature bundling (the default). */
    @TestFactory
    Stream<DynamicTest> bundledOneHot() {
        return LearnerContract.tests(HistGradientBoosting.regressor().nEstimators(15), FeatureBundlesTest.oneHot(600, 3, 8, 5), OPTIONS);
    }

    @TestFactory
    Stream<DynamicTest> baggedWithEarlyStopping() {
        Dataset d = Datasets.dataset("diabetes");
        return LearnerContract.tests(HistGradientBoosting.regressor().nEstimators(30).with("subsample", 0.7)
                .with("colsample_bytree", 0.5).with("early_stopping_rounds", 5), d, OPTIONS.withOrderInvariant(false));
    }
}
