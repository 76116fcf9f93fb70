package dev.derive.models;

import dev.derive.learn.LearnerProvider;
import dev.derive.boost.HistGradientBoosting;
import dev.derive.ensemble.AdaBoost;
import dev.derive.ensemble.GradientBoosting;
import dev.derive.ensemble.RandomForest;
import dev.derive.linear.ElasticNet;
import dev.derive.linear.ElasticNetCV;
import dev.derive.linear.Lars;
import dev.derive.linear.Lasso;
import dev.derive.linear.LassoCV;
import dev.derive.linear.LassoLarsIC;
import dev.derive.linear.GeneralizedLinearRegression;
import dev.derive.linear.Huber;
import dev.derive.linear.LinearRegression;
import dev.derive.linear.LinearSVC;
import dev.derive.linear.LinearSVR;
import dev.derive.linear.LogisticRegression;
import dev.derive.linear.Ridge;
import dev.derive.linear.RidgeCV;
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
                Entry.both(AdaBoost.NAME, "AdaBoost (SAMME / SAMME.R; AdaBoost.R2 for regression) on CART trees", AdaBoost::classifier,
                        dev.derive.ensemble.AdaBoostR2::regressor),
                Entry.both(GradientBoosting.NAME, "gradient boosting on CART regression trees (squared error, binary and multinomial log-loss)",
                        GradientBoosting::classifier, GradientBoosting::regressor),
                Entry.classifier(dev.derive.tree.Id3.NAME, "ID3 decision tree: multiway splits on categorical features by information gain", dev.derive.tree.Id3::learner),
                Entry.classifier(dev.derive.tree.C45.NAME, "C4.5 decision tree: gain ratio, numeric thresholds, missing values, pessimistic pruning",
                        dev.derive.tree.C45::learner),
                Entry.regressor(Lasso.NAME, "lasso: least squares with an L1 penalty (coordinate descent)", Lasso::learner),
                Entry.regressor(ElasticNet.NAME, "elastic net: least squares with L1 + L2 penalties (coordinate descent)",
                        ElasticNet::learner),
                Entry.regressor(LassoCV.NAME, "lasso with alpha chosen by k-fold cross-validation over the path", LassoCV::learner),
                Entry.regressor(ElasticNetCV.NAME, "elastic net with alpha chosen by k-fold cross-validation over the path",
                        ElasticNetCV::learner),
                Entry.regressor(Lars.NAME, "least-angle regression (Efron et al. 2004): n_nonzero_coefs LAR steps", Lars::learner),
                Entry.regressor(LassoLarsIC.NAME, "lasso with alpha chosen by AIC or BIC over the LARS-lasso path",
                        LassoLarsIC::learner),
                Entry.regressor(GeneralizedLinearRegression.POISSON, "Poisson regression: log-link GLM, L2 penalty (L-BFGS or Newton)",
                        GeneralizedLinearRegression::poisson),
                Entry.regressor(GeneralizedLinearRegression.GAMMA, "Gamma regression: log-link GLM, L2 penalty (L-BFGS or Newton)",
                        GeneralizedLinearRegression::gamma),
                Entry.regressor(GeneralizedLinearRegression.TWEEDIE, "Tweedie regression (power p): log-link GLM, L2 penalty",
                        GeneralizedLinearRegression::tweedie),
                Entry.regressor(RidgeCV.NAME, "ridge regression with alpha chosen by efficient leave-one-out CV (SVD or eigen)",
                        RidgeCV::learner),
                Entry.regressor(Huber.NAME, "Huber regression with joint scale estimation (L-BFGS-B), robust to outliers",
                        Huber::learner),
                Entry.classifier(LinearSVC.NAME, "linear SVM (hinge or squared hinge, L2) by dual coordinate descent as LIBLINEAR; "
                        + "decision values, no probabilities", LinearSVC::learner),
                Entry.regressor(LinearSVR.NAME, "linear support vector regression (epsilon-insensitive, L2) by dual coordinate descent",
                        LinearSVR::learner),
                Entry.both(dev.derive.ensemble.Bagging.NAME, "bagging: base learners (CART by default) on bootstrap rows and random feature subsets",
                        dev.derive.ensemble.Bagging::classifier, dev.derive.ensemble.Bagging::regressor),
                Entry.both(HistGradientBoosting.NAME, "histogram gradient boosting (second-order, leaf-wise, LightGBM-style)",
                        HistGradientBoosting::classifier, HistGradientBoosting::regressor),
                Entry.regressor(dev.derive.linear.QuantileRegression.NAME, "linear quantile regression (pinball loss, L1 penalty) as an LP by interior point",
                        dev.derive.linear.QuantileRegression::learner),
                Entry.classifier(dev.derive.ensemble.CalibratedClassifier.NAME, "probability calibration by cross-validation "
                        + "(sigmoid/Platt or isotonic) of a classifier, linear_svm by default", dev.derive.ensemble.CalibratedClassifier::learner));
    }
}
