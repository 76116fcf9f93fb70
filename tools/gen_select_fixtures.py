"""Reference values for model selection (cross-validation, grid search) from scikit-learn 1.2.1.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_select_fixtures.py /work/shared/datasets/small
Writes derive-models/src/test/resources/fixtures/select_sklearn.txt. The fixture holds the inputs (data and
the fold of every row) so that the Java tests need no data set and use exactly scikit-learn's folds.

Folds are stored as one number per row: the index of the test fold that holds the row (KFold and
StratifiedKFold partition the rows; the training part of fold f is every other row, ascending, as
scikit-learn gives it). Scores are scikit-learn's scorer values per fold; losses are stored with
scikit-learn's sign (neg_*), the Java side negates its plain losses to compare.
"""
import sys
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import Ridge
from sklearn.model_selection import (GridSearchCV, KFold, StratifiedKFold, cross_val_predict, cross_val_score,
                                     cross_validate)
from sklearn.neighbors import KNeighborsClassifier

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
out = FixtureWriter("derive-models/src/test/resources/fixtures/select_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: cross_val_score, cross_val_predict and
GridSearchCV references. produced by tools/gen_select_fixtures.py from {root}/diabetes.csv, iris.csv, wine.csv,
breast_cancer_wisconsin_diagnostic.csv. *_fold: test fold index of each row (0-based).""")


def fold_ids(splitter, X, y=None):
    ids = np.full(len(X), -1)
    for f, (tr, te) in enumerate(splitter.split(X, y)):
        assert (ids[te] == -1).all()
        assert (np.diff(tr) > 0).all() and (np.diff(te) > 0).all()
        ids[te] = f
    assert (ids >= 0).all()
    return ids


def folds_as_cv(ids):
    k = ids.max() + 1
    idx = np.arange(len(ids))
    return [(idx[ids != f], idx[ids == f]) for f in range(k)]


# ---------------------------------------------------------------- ridge on diabetes
diab = pd.read_csv(f"{root}/diabetes.csv")
X = diab.drop(columns="disease_progression").to_numpy(float)
y = diab["disease_progression"].to_numpy(float)
out.add("diabetes_X", X)
out.add("diabetes_y", y)
kf = fold_ids(KFold(5, shuffle=True, random_state=0), X)
out.add("diabetes_kfold5_fold", kf)
cv = folds_as_cv(kf)
for alpha, name in [(0.1, "0_1"), (1.0, "1"), (10.0, "10")]:
    r = cross_validate(Ridge(alpha=alpha), X, y, cv=cv,
                       scoring=["r2", "neg_mean_squared_error", "neg_root_mean_squared_error",
                                "neg_mean_absolute_error", "explained_variance"])
    out.add(f"ridge_{name}_r2", r["test_r2"])
    out.add(f"ridge_{name}_neg_mse", r["test_neg_mean_squared_error"])
    out.add(f"ridge_{name}_neg_rmse", r["test_neg_root_mean_squared_error"])
    out.add(f"ridge_{name}_neg_mae", r["test_neg_mean_absolute_error"])
    out.add(f"ridge_{name}_explained_variance", r["test_explained_variance"])
    # the same through cross_val_score, as the brief names it
    assert np.array_equal(cross_val_score(Ridge(alpha=alpha), X, y, cv=cv, scoring="r2"), r["test_r2"])
out.add("ridge_1_oof", cross_val_predict(Ridge(alpha=1.0), X, y, cv=cv))

# grid search over alpha, on 10 unshuffled folds (as scikit-learn's default KFold, but 10)
kf10 = fold_ids(KFold(10), X)
out.add("diabetes_kfold10_fold", kf10)
alphas = [1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3, 1.0, 10.0]
out.add("grid_alphas", alphas)
for scoring, name in [("r2", "r2"), ("neg_mean_squared_error", "neg_mse")]:
    gs = GridSearchCV(Ridge(), {"alpha": alphas}, cv=folds_as_cv(kf10), scoring=scoring, refit=True).fit(X, y)
    out.add(f"grid_{name}_mean", gs.cv_results_["mean_test_score"])
    out.add(f"grid_{name}_std", gs.cv_results_["std_test_score"])
    out.add(f"grid_{name}_best_index", gs.best_index_)
    out.add(f"grid_{name}_best_alpha", gs.best_params_["alpha"])
    out.add(f"grid_{name}_best_coef", gs.best_estimator_.coef_)
    out.add(f"grid_{name}_best_intercept", gs.best_estimator_.intercept_)
    print(name, "best alpha", gs.best_params_["alpha"], "means", gs.cv_results_["mean_test_score"])

# ---------------------------------------------------------------- k-NN on iris, wine, breast cancer
for ds, target, ks in [("iris", "species", [5, 15]), ("wine", "class", [5, 15]),
                       ("breast_cancer_wisconsin_diagnostic", "diagnosis", [15])]:
    df = pd.read_csv(f"{root}/{ds}.csv")
    Xd = df.drop(columns=target).to_numpy(float)
    classes, yd = np.unique(df[target].astype(str), return_inverse=True)
    short = ds.split("_")[0]
    out.add(f"{short}_X", Xd)
    out.add(f"{short}_y", yd)
    sk = fold_ids(StratifiedKFold(5, shuffle=True, random_state=0), Xd, yd)
    out.add(f"{short}_skfold5_fold", sk)
    cv = folds_as_cv(sk)
    binary = len(classes) == 2
    scoring = ["accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "precision_macro", "recall_macro",
               "neg_log_loss"] + (["roc_auc", "neg_brier_score", "average_precision"] if binary else ["roc_auc_ovr"])
    for k in ks:
        for weights in ["uniform", "distance"]:
            r = cross_validate(KNeighborsClassifier(n_neighbors=k, weights=weights), Xd, yd, cv=cv, scoring=scoring)
            for s in scoring:
                out.add(f"knn_{short}_{k}_{weights}_{s}", r[f"test_{s}"])
    m = KNeighborsClassifier(n_neighbors=5)
    out.add(f"knn_{short}_5_oof", cross_val_predict(m, Xd, yd, cv=cv))
    out.add(f"knn_{short}_5_oof_proba", cross_val_predict(m, Xd, yd, cv=cv, method="predict_proba"))

out.save()
print("wrote", out.path)
