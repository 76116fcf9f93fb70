package dev.derive.tree;

import dev.derive.data.Dataset;
import dev.derive.testing.LearnerContract;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The learner contract for CART. Trees are order-invariant here: ties between equally good splits go to
 * the lowest feature index (or, with {@code max_features} below the feature count, to the first
 * feature of a permutation drawn from the seed, not from the rows) and the lowest threshold, so row order
 * can only matter through rounding of weighted sums, which the default tolerance covers (the targets and
 * weights of these data sets make the sums exact).
 */
class CartContractTest {

    /** Trees accept missing values (routed by a learned direction). */
    static final LearnerContract.Options OPTIONS = LearnerContract.Options.DEFAULT.withSupportsMissing(true);

    static Dataset wine() {
        return CartSklearnTest.classification("wine");
    }

    static Dataset diabetes() {
        return CartSklearnTest.regression("diabetes");
    }

    @TestFactory
    Stream<DynamicTest> classifier() {
        return Stream.concat(LearnerContract.tests(DecisionTree.classifier(), wine(), OPTIONS),
                LearnerContract.tests(DecisionTree.classifier().criterion("entropy").maxFeatures("sqrt").maxDepth(4).seed(3)
                        .with("class_weight", "balanced"), wine(), OPTIONS));
    }

    @TestFactory
    Stream<DynamicTest> regressor() {
        return Stream.concat(LearnerContract.tests(DecisionTree.regressor().minSamplesLeaf(3), diabetes(), OPTIONS),
                LearnerContract.tests(DecisionTree.regressor().maxLeafNodes(12).maxFeatures(0.5).seed(11), diabetes(), OPTIONS));
    }
}
