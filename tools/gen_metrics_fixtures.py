#!/usr/bin/python3
"""Reference values for dev.derive.learn.metrics, computed by scikit-learn 1.2.1 on real data.

Run once with Debian's Python (never in CI):
    /usr/bin/python3 tools/gen_metrics_fixtures.py
It reads /work/shared/datasets/small (iris, wine, breast cancer, digits, diabetes), fits simple
scikit-learn models with fixed seeds on a train half and predicts a held-out part, so that the
predictions contain mistakes and the scores contain ties (shallow trees give few distinct
probabilities; Gaussian naive Bayes saturates at exactly 0 and 1). The fixture holds the true labels,
predictions, probabilities and every metric value, so the raw data sets are not copied.

Naming: '<case>.<metric>[.<average>][.w]'; '.w' means computed with the case's sample weights
'<case>.w' (small integers 0..3, so some weights are zero). Class labels are 0..K-1 indices.
Quantities scikit-learn 1.2.1 does not have (multiclass Brier score) are computed here with numpy
from their formula and say so in their name ('np_').
"""
import os
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn import metrics as M
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixtures_io import FixtureWriter  # noqa: E402

assert sklearn.__version__ == "1.2.1", sklearn.__version__

DATA = "/work/shared/datasets/small"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "derive-core/src/test/resources/fixtures/metrics_sklearn.txt")

w = FixtureWriter(OUT, __doc__ + f"\nscikit-learn {sklearn.__version__}, numpy {np.__version__}")


def weights(n, seed):
    return np.random.default_rng(seed).integers(0, 4, size=n).astype(float)


def classifiers():
    return {
        "lr": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=5000)),
        "gnb": lambda: GaussianNB(),
        "tree": lambda: DecisionTreeClassifier(max_depth=2, random_state=0),
    }


def prf_entries(c, yt, yp, labels, sw):
    """precision/recall/F1/F-beta for every averaging, with and without sample weights."""
    avgs = [("micro", "micro"), ("macro", "macro"), ("weighted", "weighted"), ("none", None)]
    for name, avg in avgs:
        for suffix, wt in (("", None), (".w", sw)):
            kw = dict(average=avg, sample_weight=wt, labels=labels, zero_division=0)
            w.add(f"{c}.precision.{name}{suffix}", M.precision_score(yt, yp, **kw))
            w.add(f"{c}.recall.{name}{suffix}", M.recall_score(yt, yp, **kw))
            w.add(f"{c}.f1.{name}{suffix}", M.f1_score(yt, yp, **kw))
            w.add(f"{c}.f0.5.{name}{suffix}", M.fbeta_score(yt, yp, beta=0.5, **kw))
            w.add(f"{c}.f2.{name}{suffix}", M.fbeta_score(yt, yp, beta=2.0, **kw))


def np_brier_multi(yt, proba, sw=None):
    onehot = np.eye(proba.shape[1])[yt]
    return np.average(np.sum((onehot - proba) ** 2, axis=1), weights=sw)


# ---------------------------------------------------------------- binary: breast cancer
df = pd.read_csv(f"{DATA}/breast_cancer_wisconsin_diagnostic.csv")
X = df.drop(columns="diagnosis").to_numpy(float)
y = (df["diagnosis"] == "malignant").astype(int).to_numpy()  # positive class 1 = malignant
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)
binary_cases = []
for mname, make in classifiers().items():
    c = f"bc_{mname}"
    binary_cases.append(c)
    model = make().fit(Xtr, ytr)
    yp = model.predict(Xte)
    p = model.predict_proba(Xte)[:, 1]
    sw = weights(len(yte), 1)
    w.add(f"{c}.y_true", yte)
    w.add(f"{c}.y_pred", yp)
    w.add(f"{c}.p", p)
    w.add(f"{c}.w", sw)
    w.add(f"{c}.n_distinct_p", len(np.unique(p)))
    for suffix, wt in (("", None), (".w", sw)):
        w.add(f"{c}.accuracy{suffix}", M.accuracy_score(yte, yp, sample_weight=wt))
        w.add(f"{c}.balanced_accuracy{suffix}", M.balanced_accuracy_score(yte, yp, sample_weight=wt))
        w.add(f"{c}.confusion{suffix}", M.confusion_matrix(yte, yp, sample_weight=wt))
        for pos in (1, 0):
            kw = dict(average="binary", pos_label=pos, sample_weight=wt, zero_division=0)
            w.add(f"{c}.precision.binary{pos}{suffix}", M.precision_score(yte, yp, **kw))
            w.add(f"{c}.recall.binary{pos}{suffix}", M.recall_score(yte, yp, **kw))
            w.add(f"{c}.f1.binary{pos}{suffix}", M.f1_score(yte, yp, **kw))
            w.add(f"{c}.f0.5.binary{pos}{suffix}", M.fbeta_score(yte, yp, beta=0.5, **kw))
            w.add(f"{c}.f2.binary{pos}{suffix}", M.fbeta_score(yte, yp, beta=2.0, **kw))
        w.add(f"{c}.roc_auc{suffix}", M.roc_auc_score(yte, p, sample_weight=wt))
        fpr, tpr, thr = M.roc_curve(yte, p, sample_weight=wt)
        w.add(f"{c}.roc_fpr{suffix}", fpr)
        w.add(f"{c}.roc_tpr{suffix}", tpr)
        w.add(f"{c}.roc_thresholds{suffix}", thr)
        w.add(f"{c}.average_precision{suffix}", M.average_precision_score(yte, p, sample_weight=wt))
        prec, rec, thr = M.precision_recall_curve(yte, p, sample_weight=wt)
        w.add(f"{c}.pr_precision{suffix}", prec)
        w.add(f"{c}.pr_recall{suffix}", rec)
        w.add(f"{c}.pr_thresholds{suffix}", thr)
        w.add(f"{c}.log_loss{suffix}", M.log_loss(yte, p, sample_weight=wt))
        w.add(f"{c}.brier{suffix}", M.brier_score_loss(yte, p, sample_weight=wt))
    prf_entries(c, yte, yp, None, sw)
    if mname == "lr":
        s = model.decision_function(Xte)
        w.add(f"{c}.decision", s)
        w.add(f"{c}.roc_auc_decision", M.roc_auc_score(yte, s))
        w.add(f"{c}.average_precision_decision", M.average_precision_score(yte, s))

# ---------------------------------------------------------------- multiclass
def load_multiclass(name):
    if name == "iris":
        d = pd.read_csv(f"{DATA}/iris.csv")
        return d.iloc[:, :4].to_numpy(float), pd.Categorical(d["species"]).codes.astype(int), 0.5
    if name == "wine":
        d = pd.read_csv(f"{DATA}/wine.csv")
        return d.drop(columns="class").to_numpy(float), d["class"].to_numpy(int), 0.5
    d = pd.read_csv(f"{DATA}/digits_8x8.csv")
    return d.drop(columns="digit").to_numpy(float), d["digit"].to_numpy(int), 0.2


multi_cases = []
for dname in ("iris", "wine", "digits"):
    X, y, test_size = load_multiclass(dname)
    K = int(y.max()) + 1
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=test_size, random_state=0, stratify=y)
    for mname, make in classifiers().items():
        if dname == "digits" and mname == "tree":
            make = lambda: DecisionTreeClassifier(max_depth=4, random_state=0)  # noqa: E731
        c = f"{dname}_{mname}"
        multi_cases.append(c)
        model = make().fit(Xtr, ytr)
        yp = model.predict(Xte)
        P = model.predict_proba(Xte)
        sw = weights(len(yte), 2)
        w.add(f"{c}.y_true", yte)
        w.add(f"{c}.y_pred", yp)
        w.add(f"{c}.proba", P)
        w.add(f"{c}.w", sw)
        w.add(f"{c}.K", K)
        labels = list(range(K))
        for suffix, wt in (("", None), (".w", sw)):
            w.add(f"{c}.accuracy{suffix}", M.accuracy_score(yte, yp, sample_weight=wt))
            w.add(f"{c}.balanced_accuracy{suffix}", M.balanced_accuracy_score(yte, yp, sample_weight=wt))
            w.add(f"{c}.confusion{suffix}", M.confusion_matrix(yte, yp, labels=labels, sample_weight=wt))
            for avg in ("macro", "weighted", "micro"):
                w.add(f"{c}.roc_auc_ovr.{avg}{suffix}",
                      M.roc_auc_score(yte, P, multi_class="ovr", average=avg, sample_weight=wt))
            w.add(f"{c}.log_loss{suffix}", M.log_loss(yte, P, sample_weight=wt, labels=labels))
            w.add(f"{c}.np_brier_multi{suffix}", np_brier_multi(yte, P, wt))
        prf_entries(c, yte, yp, labels, sw)

# A fold where a class is missing: iris, logistic regression, samples of true class 1 removed.
X, y, _ = load_multiclass("iris")
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0, stratify=y)
model = classifiers()["gnb"]().fit(Xtr, ytr)
for c, keep in (("absent_true", yte != 1), ("absent_both", None)):
    yp_all = model.predict(Xte)
    if keep is None:
        keep = (yte != 1) & (yp_all != 1)
    yt, yp, P = yte[keep], yp_all[keep], model.predict_proba(Xte)[keep]
    sw = weights(len(yt), 3)
    w.add(f"{c}.y_true", yt)
    w.add(f"{c}.y_pred", yp)
    w.add(f"{c}.proba", P)
    w.add(f"{c}.w", sw)
    w.add(f"{c}.K", 3)
    w.add(f"{c}.accuracy", M.accuracy_score(yt, yp))
    w.add(f"{c}.balanced_accuracy", M.balanced_accuracy_score(yt, yp))
    w.add(f"{c}.balanced_accuracy.w", M.balanced_accuracy_score(yt, yp, sample_weight=sw))
    w.add(f"{c}.confusion", M.confusion_matrix(yt, yp, labels=[0, 1, 2]))
    prf_entries(c, yt, yp, [0, 1, 2], sw)
    for avg in ("macro", "weighted", "micro"):  # labels inferred from the data (present labels only)
        w.add(f"{c}.present.precision.{avg}", M.precision_score(yt, yp, average=avg, zero_division=0))
        w.add(f"{c}.present.recall.{avg}", M.recall_score(yt, yp, average=avg, zero_division=0))
        w.add(f"{c}.present.f1.{avg}", M.f1_score(yt, yp, average=avg, zero_division=0))
    w.add(f"{c}.log_loss", M.log_loss(yt, P, labels=[0, 1, 2]))
    w.add(f"{c}.log_loss.w", M.log_loss(yt, P, labels=[0, 1, 2], sample_weight=sw))

# ---------------------------------------------------------------- regression: diabetes
d = pd.read_csv(f"{DATA}/diabetes.csv")
X = d.drop(columns="disease_progression").to_numpy(float)
y = d["disease_progression"].to_numpy(float)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.5, random_state=0)
for mname, model in (("linear", LinearRegression()),
                     ("tree", DecisionTreeRegressor(max_depth=3, random_state=0))):
    c = f"diabetes_{mname}"
    yp = model.fit(Xtr, ytr).predict(Xte)
    sw = weights(len(yte), 4)
    w.add(f"{c}.y_true", yte)
    w.add(f"{c}.y_pred", yp)
    w.add(f"{c}.w", sw)
    w.add(f"{c}.max_error", M.max_error(yte, yp))
    for suffix, wt in (("", None), (".w", sw)):
        w.add(f"{c}.mse{suffix}", M.mean_squared_error(yte, yp, sample_weight=wt))
        w.add(f"{c}.rmse{suffix}", M.mean_squared_error(yte, yp, sample_weight=wt, squared=False))
        w.add(f"{c}.mae{suffix}", M.mean_absolute_error(yte, yp, sample_weight=wt))
        w.add(f"{c}.r2{suffix}", M.r2_score(yte, yp, sample_weight=wt))
        w.add(f"{c}.explained_variance{suffix}", M.explained_variance_score(yte, yp, sample_weight=wt))
        w.add(f"{c}.median_absolute_error{suffix}", M.median_absolute_error(yte, yp, sample_weight=wt))

# ---------------------------------------------------------------- clustering: iris
d = pd.read_csv(f"{DATA}/iris.csv")
X = d.iloc[:, :4].to_numpy(float)
y = pd.Categorical(d["species"]).codes.astype(int)
w.add("iris.X", X)
w.add("iris.y_true", y)
labellings = {"true": y}
for k in (3, 8):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    labellings[f"kmeans{k}"] = km.labels_
    w.add(f"kmeans{k}.centers", km.cluster_centers_)
    w.add(f"kmeans{k}.inertia", km.inertia_)
    w.add(f"kmeans{k}.np_inertia", np.sum((X - km.cluster_centers_[km.labels_]) ** 2))
labellings["agglo40"] = AgglomerativeClustering(n_clusters=40).fit(X).labels_  # has singletons
labellings["dbscan"] = DBSCAN(eps=0.5, min_samples=5).fit(X).labels_  # noise label -1
for name, lab in labellings.items():
    c = f"clu_{name}"
    w.add(f"{c}.labels", lab)
    w.add(f"{c}.n_singletons", int(np.sum(np.bincount(lab - lab.min()) == 1)))
    w.add(f"{c}.silhouette", M.silhouette_score(X, lab))
    w.add(f"{c}.silhouette_samples", M.silhouette_samples(X, lab))
    w.add(f"{c}.ari", M.adjusted_rand_score(y, lab))
    w.add(f"{c}.nmi", M.normalized_mutual_info_score(y, lab))
    w.add(f"{c}.mi", M.mutual_info_score(y, lab))
    h, cpl, v = M.homogeneity_completeness_v_measure(y, lab)
    w.add(f"{c}.homogeneity", h)
    w.add(f"{c}.completeness", cpl)
    w.add(f"{c}.v_measure", v)
names = list(labellings)
for a in names:
    for b in names:
        if a < b:
            la, lb = labellings[a], labellings[b]
            w.add(f"pair_{a}_{b}.ari", M.adjusted_rand_score(la, lb))
            w.add(f"pair_{a}_{b}.nmi", M.normalized_mutual_info_score(la, lb))
            w.add(f"pair_{a}_{b}.mi", M.mutual_info_score(la, lb))

# ---------------------------------------------------------------- information criteria: iris GMM
for cov in ("full", "diag"):
    gm = GaussianMixture(n_components=3, covariance_type=cov, random_state=0).fit(X)
    c = f"gmm_{cov}"
    w.add(f"{c}.log_likelihood", gm.score(X) * X.shape[0])
    w.add(f"{c}.k", gm._n_parameters())
    w.add(f"{c}.n", X.shape[0])
    w.add(f"{c}.aic", gm.aic(X))
    w.add(f"{c}.bic", gm.bic(X))

w.save()
print("wrote", OUT, "binary:", binary_cases, "multiclass:", multi_cases)
