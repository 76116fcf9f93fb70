"""Reference values for L1 / elastic-net LogisticRegression and LinearSVC / LinearSVR from scikit-learn 1.2.1.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_logistic_l1_fixtures.py /work/shared/datasets/small
Writes derive-models/src/test/resources/fixtures/logistic_l1_sklearn.txt and linear_svm_sklearn.txt. To keep them
small, the standardised breast cancer, wine and iris inputs are not repeated: the tests read them from
logistic_sklearn.txt (tools/gen_logistic_fixtures.py standardises the same files the same way), and each
fixture stores "<ds>_X_check" = (sum X, sum X^2, sum y) to verify that. The standardised diabetes inputs are
stored here. The tests need no data set at run time.
"""
import sys
import warnings
import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC, LinearSVR
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
# saga at tol=1e-12 may stop at max_iter on the bigger problems: keep the warning visible and record each
# reference's KKT residual ("_kkt", the largest violation of the optimality conditions on the summed
# objective sum_i s_i loss_i + l1/C ||W||_1 + l2/(2C) ||W||^2) so the tests know how accurate it is. Where
# saga stopped at max_iter (binary L1 on breast cancer), "_polished" holds its answer polished by scipy's
# L-BFGS-B on the split w = u - v (a second, independent method), with its own "_polished_kkt".
warnings.simplefilter("always")


def kkt(m, X, y, sw, l1, l2):
    W = np.atleast_2d(m.coef_)
    Z = X @ W.T + m.intercept_
    if W.shape[0] == 1:
        P = 1 / (1 + np.exp(-Z))
        R = (P - (y == 1)[:, None]) * sw[:, None]
    else:
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        R = (P - np.eye(P.shape[1])[y]) * sw[:, None]
    G = R.T @ X + l2 * W
    viol = np.where(W != 0, np.abs(G + l1 * np.sign(W)), np.maximum(np.abs(G) - l1, 0))
    return max(viol.max(), np.abs(R.sum(axis=0)).max())


def load(name, target, classify=True):
    df = pd.read_csv(f"{root}/{name}")
    X = StandardScaler().fit_transform(df.drop(columns=target).to_numpy(float))
    if not classify:
        return X, df[target].to_numpy(float)
    classes, y = np.unique(df[target].astype(str).to_numpy(), return_inverse=True)
    return X, y


bc = load("breast_cancer_wisconsin_diagnostic.csv", "diagnosis")
wine = load("wine.csv", "class")
iris = load("iris.csv", "species")
diab = load("diabetes.csv", "disease_progression", classify=False)

# ---- logistic regression: L1 and elastic net by saga  ----
out = FixtureWriter("derive-models/src/test/resources/fixtures/logistic_l1_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: L1 / elastic-net LogisticRegression references.
produced by tools/gen_logistic_l1_fixtures.py from {root}/breast_cancer_wisconsin_diagnostic.csv, wine.csv
features standardised by StandardScaler (population std); labels are class indices in sorted order
saga: tol=1e-12, max_iter=100000; multinomial for wine""")


def store(o, prefix, m, X):
    o.add(f"{prefix}_coef", m.coef_)
    o.add(f"{prefix}_intercept", np.atleast_1d(m.intercept_))
    if len(X) < 200:
        o.add(f"{prefix}_proba", m.predict_proba(X))


def polish(X, y, sw, l1, m):
    """Binary L1 only: polishes a saga answer that stopped at max_iter by L-BFGS-B on the split w = u - v,
    u, v >= 0 (a smooth bound-constrained form of sum sw loss + l1 |w|_1), started from saga's coefficients."""
    from scipy.optimize import minimize
    n, p = X.shape

    def fg(z):
        u, v, b = z[:p], z[p:2 * p], z[2 * p]
        t = X @ (u - v) + b
        r = sw * (1 / (1 + np.exp(-t)) - y)
        g = X.T @ r
        return (np.sum(sw * (np.logaddexp(0, t) - y * t)) + l1 * (u.sum() + v.sum()),
                np.concatenate([g + l1, -g + l1, [r.sum()]]))

    w0 = m.coef_.ravel()
    z0 = np.concatenate([np.maximum(w0, 0), np.maximum(-w0, 0), m.intercept_])
    res = minimize(fg, z0, jac=True, method="L-BFGS-B", bounds=[(0, None)] * (2 * p) + [(None, None)],
                   options=dict(maxiter=100000, maxfun=200000, ftol=0, gtol=1e-13, maxcor=50))
    class Polished:
        coef_ = (res.x[:p] - res.x[p:2 * p])[None, :]
        intercept_ = res.x[2 * p:]
    return Polished


def store_polished(o, prefix, m, X, y, sw, l1):
    q = polish(X, y, sw, l1, m)
    o.add(f"{prefix}_polished_coef", q.coef_)
    o.add(f"{prefix}_polished_intercept", q.intercept_)
    o.add(f"{prefix}_polished_kkt", kkt(q, X, y, sw, l1, 0.0))
    print(prefix, "polished kkt", o.lines[-1], flush=True)


def check(X, y):
    return np.array([X.sum(), (X ** 2).sum(), float(np.sum(y))])


for ds, (X, y) in [("bc", bc), ("wine", wine)]:
    out.add(f"{ds}_X_check", check(X, y))
    for pen, C, r, name in [("l1", 1.0, None, "l1_C1"), ("l1", 0.1, None, "l1_C0_1"),
                            ("elasticnet", 1.0, 0.5, "en_C1_r0_5"), ("elasticnet", 0.1, 0.3, "en_C0_1_r0_3")]:
        m = LogisticRegression(penalty=pen, C=C, l1_ratio=r, solver="saga", tol=1e-12, max_iter=100000, random_state=0).fit(X, y)
        store(out, f"{ds}_{name}", m, X)
        ratio = 1.0 if pen == "l1" else r
        out.add(f"{ds}_{name}_kkt", kkt(m, X, y, np.ones(len(y)), ratio / C, (1 - ratio) / C))
        print(ds, name, "kkt", out.lines[-1], "n_iter", m.n_iter_, "nnz", np.count_nonzero(m.coef_), flush=True)
        if pen == "l1" and ds == "bc" and m.n_iter_[0] >= 100000:
            store_polished(out, f"{ds}_{name}", m, X, y, np.ones(len(y)), 1.0 / C)
X, y = bc
w = 1.0 + (np.arange(len(y)) % 3)
out.add("bc_w", w)
m = LogisticRegression(penalty="l1", C=1.0, solver="saga", tol=1e-12, max_iter=100000, random_state=0).fit(X, y, sample_weight=w)
store(out, "bc_l1_weighted", m, X)
out.add("bc_l1_weighted_kkt", kkt(m, X, y, w, 1.0, 0.0))
print("weighted kkt", out.lines[-1], m.n_iter_)
if m.n_iter_[0] >= 100000:
    store_polished(out, "bc_l1_weighted", m, X, y, w, 1.0)
out.save()

# ---- linear SVM by dual coordinate descent (LIBLINEAR) ----
svm = FixtureWriter("derive-models/src/test/resources/fixtures/linear_svm_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: LinearSVC / LinearSVR references (LIBLINEAR dual CD).
produced by tools/gen_logistic_l1_fixtures.py from {root}/breast_cancer_wisconsin_diagnostic.csv, iris.csv, diabetes.csv
features standardised by StandardScaler (population std); dual=True, tol=1e-10, max_iter=1000000""")
for ds, (X, y) in [("bc", bc), ("iris", iris)]:
    svm.add(f"{ds}_X_check", check(X, y))
    for loss, C, cw, name in [("hinge", 1.0, None, "hinge_C1"), ("squared_hinge", 1.0, None, "sq_C1"),
                              ("squared_hinge", 0.1, None, "sq_C0_1"), ("hinge", 1.0, "balanced", "hinge_balanced")]:
        m = LinearSVC(loss=loss, C=C, class_weight=cw, dual=True, tol=1e-10, max_iter=1000000, random_state=0).fit(X, y)
        svm.add(f"{ds}_{name}_coef", m.coef_)
        svm.add(f"{ds}_{name}_intercept", np.atleast_1d(m.intercept_))
        if ds == "iris":
            svm.add(f"{ds}_{name}_decision", m.decision_function(X))
        print(ds, name, "n_iter", m.n_iter_, flush=True)
# one-vs-rest with class weights on an unbalanced multiclass set (wine: 59 / 71 / 48 rows)
X, y = wine
svm.add("wine_X_check", check(X, y))
for loss, name in [("hinge", "hinge_balanced"), ("squared_hinge", "sq_balanced")]:
    m = LinearSVC(loss=loss, C=1.0, class_weight="balanced", dual=True, tol=1e-10, max_iter=1000000, random_state=0).fit(X, y)
    svm.add(f"wine_{name}_coef", m.coef_)
    svm.add(f"wine_{name}_intercept", m.intercept_)
    print("wine", name, "n_iter", m.n_iter_, flush=True)
X, y = bc
m = LinearSVC(loss="hinge", C=1.0, dual=True, tol=1e-10, max_iter=1000000, intercept_scaling=3.0, random_state=0).fit(X, y)
svm.add("bc_hinge_is3_coef", m.coef_)
svm.add("bc_hinge_is3_intercept", np.atleast_1d(m.intercept_))
m = LinearSVC(loss="hinge", C=1.0, dual=True, tol=1e-10, max_iter=1000000, fit_intercept=False, random_state=0).fit(X, y)
svm.add("bc_hinge_noint_coef", m.coef_)
X, y = diab
svm.add("diab_X", X)
svm.add("diab_y", y)
for loss, C, eps, name in [("epsilon_insensitive", 1.0, 0.0, "l1_C1_e0"), ("epsilon_insensitive", 10.0, 5.0, "l1_C10_e5"),
                           ("squared_epsilon_insensitive", 0.01, 0.0, "l2_C0_01_e0"),
                           ("squared_epsilon_insensitive", 0.1, 10.0, "l2_C0_1_e10")]:
    m = LinearSVR(loss=loss, C=C, epsilon=eps, dual=True, tol=1e-10, max_iter=1000000, random_state=0).fit(X, y)
    svm.add(f"diab_{name}_coef", m.coef_)
    svm.add(f"diab_{name}_intercept", np.atleast_1d(m.intercept_))
    print("diab", name, "n_iter", m.n_iter_, flush=True)
svm.save()
