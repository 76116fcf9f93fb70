package dev.derive.models;

import dev.derive.learn.LearnerProvider;
import dev.derive.boost.HistGradientBoosting;
import dev.derive.ensemble.AdaBoost;
import dev.derive.ensemble.GradientBoosting;
import dev.derive.ensemble.RandomForest;
import dev.derive.linear.LinearRegression;
import dev.derive.linear.LogisticRegression;
import dev.derive.linear.Ridge;
import dev.derive.neighbors.KNeighbors;
import dev.derive.tree.DecisionTree;
import java.util.List;

/** Registers the learners of derive-models with the {@link dev.derive.learn.LearnerRegistry}. */
public final class ModelsLearnerProvider implements LearnerProvider {
    @Override
    public List<Entry> learners() {
        return List.of(
                Entry.regressor(LinearRegression.NAME, "ordinary least squares (QR, SVD or normal equations)", LinearRegression::learner),
                Entry.regressor(Ridge.NAME, "ridge regression: least squares with an L2 penalty (Cholesky or SVD)", Ridge::learner),
                Entry.classifier(LogisticRegression.NAME, "L2-penalised logistic / softmax regression (L-BFGS or Newton)",
                        LogisticRegression::learner),
                Entry.both(KNeighbors.NAME, "k-nearest neighbours (k-d tree or BLAS brute force)",
                        KNeighbors::classifier, KNeighbors::regressor),
                Entry.both(DecisionTree.NAME, "CART decision tree (Gini/entropy or squared error; exact splits)",
                        DecisionTree::classifier, DecisionTree::regressor),
                Entry.both(RandomForest.NAME, "random forest: bootstrapped CART trees with random feature subsets",
                        RandomForest::classifier, RandomForest::regressor),
                Entry.both(RandomForest.EXTRA_NAME, "extremely randomised trees: random thresholds, no bootstrap by default",
                        RandomForest::extraTreesClassifier, RandomForest::extraTreesRegressor),
                Entry.classifier(AdaBoost.NAME, "AdaBoost (SAMME) on CART stumps or deeper trees", AdaBoost::classifier),
                Entry.both(GradientBoosting.NAME, "gradient boosting on CART regression trees (squared error, binary and multinomial log-loss)",
                        GradientBoosting::classifier, GradientBoosting::regressor),
                Entry.both(HistGradientBoosting.NAME, "histogram gradient boosting (second-order, leaf-wise, LightGBM-style)",
                        HistGradientBoosting::classifier, HistGradientBoosting::regressor));
    }
}
