"""Reference values for dev.derive.preprocess from scikit-learn 1.2.1.

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_preprocess_fixtures.py /work/shared/datasets/small
Writes derive-core/src/test/resources/fixtures/preprocess_sklearn.txt, which holds the inputs too, so the
tests need no data set at run time.

Categorical inputs are stored as integer codes into their levels sorted as Derive's CategoricalColumn
sorts them (lexicographically for these strings); a missing value is nan:
    species: Adelie=0, Chinstrap=1, Gentoo=2
    island:  Biscoe=0, Dream=1, Torgersen=2
    sex:     female=0, male=1
Columns of penguins_X: species, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g,
sex, year (the CSV's order). Row i (0-based) is a training row when i % 3 != 0; every transformer is
fitted on training rows and then transforms all rows (so the other rows are held-out data).
One-hot and imputer outputs keep the input column order: each categorical column is expanded in place
(scikit-learn's ColumnTransformer would put encoded columns first; the script reorders them).
"""
import sys
import numpy as np
import pandas as pd
import sklearn
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import (MinMaxScaler, OneHotEncoder, OrdinalEncoder, PolynomialFeatures,
                                   StandardScaler)

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets/small"
out = FixtureWriter("derive-core/src/test/resources/fixtures/preprocess_sklearn.txt",
                    f"""scikit-learn {sklearn.__version__}, numpy {np.__version__}: preprocessing references.
produced by tools/gen_preprocess_fixtures.py from {root}/palmerpenguins/penguins.csv, diabetes.csv, wine.csv
penguins_X columns: species(code) island(code) bill_length_mm bill_depth_mm flipper_length_mm body_mass_g sex(code) year
levels: species [Adelie, Chinstrap, Gentoo]; island [Biscoe, Dream, Torgersen]; sex [female, male]; nan = missing
train rows: i % 3 != 0 (0-based); transformers are fitted on the train rows and transform all rows""")

CAT = {"species": ["Adelie", "Chinstrap", "Gentoo"], "island": ["Biscoe", "Dream", "Torgersen"],
       "sex": ["female", "male"]}
COLS = ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"]
NUM = [c for c in COLS if c not in CAT]

pg = pd.read_csv(f"{root}/palmerpenguins/penguins.csv")
assert list(pg.columns) == COLS
for c, levels in CAT.items():
    assert sorted(pg[c].dropna().unique()) == levels, c


def codes(frame):
    """The frame as a float matrix with categorical columns as codes (nan = missing)."""
    m = np.empty((len(frame), len(COLS)))
    for j, c in enumerate(COLS):
        if c in CAT:
            m[:, j] = [np.nan if pd.isna(v) else CAT[c].index(v) for v in frame[c]]
        else:
            m[:, j] = frame[c].to_numpy(float)
    return m


PX = codes(pg)
out.add("penguins_X", PX)
n = len(pg)
idx = np.arange(n)
train = idx % 3 != 0

# ------------------------------------------------------------------ StandardScaler
Xn = pg[NUM].to_numpy(float)
s = StandardScaler().fit(Xn[train])
out.add("ss_penguins_mean", s.mean_)
out.add("ss_penguins_var", s.var_)
out.add("ss_penguins_scale", s.scale_)
out.add("ss_penguins_out", s.transform(Xn))  # numeric columns only; nan stays nan

diab = pd.read_csv(f"{root}/diabetes.csv")
DX = diab.drop(columns="disease_progression").to_numpy(float)
out.add("diabetes_X", DX)
dtrain = np.arange(len(DX)) % 3 != 0
w = 1.0 + (np.arange(len(DX)) % 4)  # weights of all rows; the fit uses those of the train rows
out.add("diabetes_w", w)
s = StandardScaler().fit(DX[dtrain], sample_weight=w[dtrain])
out.add("ss_diabetes_weighted_mean", s.mean_)
out.add("ss_diabetes_weighted_var", s.var_)
out.add("ss_diabetes_weighted_scale", s.scale_)
out.add("ss_diabetes_weighted_out", s.transform(DX))
s = StandardScaler(with_mean=False).fit(DX[dtrain])
out.add("ss_diabetes_nomean_scale", s.scale_)
out.add("ss_diabetes_nomean_out", s.transform(DX))
s = StandardScaler(with_std=False).fit(DX[dtrain])
out.add("ss_diabetes_nostd_mean", s.mean_)
out.add("ss_diabetes_nostd_out", s.transform(DX))

# constant columns: 3.0 (exact zero variance) and 0.1 (rounding leaves a variance of ~1e-34)
CX = np.column_stack([DX[:, :3], np.full(len(DX), 3.0), np.full(len(DX), 0.1)])
out.add("const_X", CX)
s = StandardScaler().fit(CX[dtrain])
out.add("ss_const_var", s.var_)
out.add("ss_const_scale", s.scale_)
out.add("ss_const_out", s.transform(CX))

# ------------------------------------------------------------------ MinMaxScaler
wine = pd.read_csv(f"{root}/wine.csv")
WX = wine.drop(columns="class").to_numpy(float)
out.add("wine_X", WX)
wtrain = np.arange(len(WX)) % 3 != 0
m = MinMaxScaler().fit(WX[wtrain])
out.add("mm_wine_data_min", m.data_min_)
out.add("mm_wine_data_max", m.data_max_)
out.add("mm_wine_scale", m.scale_)
out.add("mm_wine_min", m.min_)
out.add("mm_wine_out", m.transform(WX))
m = MinMaxScaler(feature_range=(-1, 2)).fit(WX[wtrain])
out.add("mm_wine_range_out", m.transform(WX))
m = MinMaxScaler(feature_range=(-1, 2), clip=True).fit(WX[wtrain])
out.add("mm_wine_range_clip_out", m.transform(WX))
m = MinMaxScaler().fit(Xn[train])
out.add("mm_penguins_out", m.transform(Xn))
m = MinMaxScaler().fit(CX[dtrain])
out.add("mm_const_scale", m.scale_)
out.add("mm_const_out", m.transform(CX))

# ------------------------------------------------------------------ SimpleImputer
# numeric columns with the strategy; categorical columns with most_frequent or constant ('missing_value',
# which Derive appends as a new last level of every categorical feature)
pg_cat = pg[list(CAT)].astype(object)
cat_mf = SimpleImputer(strategy="most_frequent").fit(pg_cat[train]).transform(pg_cat)
cat_const = SimpleImputer(strategy="constant").fit(pg_cat[train]).transform(pg_cat)
assert (cat_const == "missing_value").any()


def assemble(num, cat):
    m = np.empty((n, len(COLS)))
    for j, c in enumerate(COLS):
        if c in CAT:
            k = list(CAT).index(c)
            lv = CAT[c] + ["missing_value"]
            m[:, j] = [lv.index(v) for v in cat[:, k]]
        else:
            m[:, j] = num[:, NUM.index(c)]
    return m


for strategy in ["mean", "median", "most_frequent"]:
    imp = SimpleImputer(strategy=strategy).fit(Xn[train])
    out.add(f"imp_{strategy}_statistics", imp.statistics_)
    out.add(f"imp_{strategy}_out", assemble(imp.transform(Xn), cat_mf))
imp = SimpleImputer(strategy="constant", fill_value=-1.5).fit(Xn[train])
out.add("imp_constant_out", assemble(imp.transform(Xn), cat_const))

# ------------------------------------------------------------------ OneHotEncoder
# rows with sex present (the encoder refuses missing values); categories = all levels unless 'observed'
has_sex = pg["sex"].notna().to_numpy()
rows = idx[has_sex]
out.add("oh_rows", rows)
tr = rows[rows % 3 != 0]


def onehot_inplace(enc, fit_rows, out_rows):
    enc.fit(pg.loc[fit_rows, list(CAT)])
    e = enc.transform(pg.loc[out_rows, list(CAT)])
    e = e.toarray() if hasattr(e, "toarray") else e
    widths = [len(c) - (0 if d is None else 1) for c, d in
              zip(enc.categories_, enc.drop_idx_ if enc.drop_idx_ is not None else [None] * len(CAT))]
    starts = np.concatenate([[0], np.cumsum(widths)])
    parts = []
    for c in COLS:
        if c in CAT:
            k = list(CAT).index(c)
            parts.append(e[:, starts[k]:starts[k + 1]])
        else:
            parts.append(pg.loc[out_rows, [c]].to_numpy(float))
    return np.hstack(parts)


levels = [CAT[c] for c in CAT]
for drop, name in [(None, "none"), ("first", "first"), ("if_binary", "if_binary")]:
    out.add(f"oh_{name}_out", onehot_inplace(OneHotEncoder(categories=levels, drop=drop, sparse_output=False),
                                             tr, rows))
# categories observed in training rows without Torgersen: Torgersen is unknown at transform time
tr_no_t = tr[pg.loc[tr, "island"].to_numpy() != "Torgersen"]
out.add("oh_observed_ignore_out", onehot_inplace(OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                                                 tr_no_t, rows))
out.add("oh_observed_first_ignore_out", onehot_inplace(
    OneHotEncoder(handle_unknown="ignore", drop="first", sparse_output=False), tr_no_t, rows))

# ------------------------------------------------------------------ OrdinalEncoder
# fitted on training rows without Torgersen (some with sex missing, so that scikit-learn, like Derive,
# passes nan through: scikit-learn would call a nan unseen in training unknown); unknown -> -1
fit_rows = idx[train & (pg["island"] != "Torgersen").to_numpy()]
assert pg.loc[fit_rows, "sex"].isna().any()
enc = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1).fit(pg.loc[fit_rows, list(CAT)])
e = enc.transform(pg[list(CAT)])
ordm = PX.copy()
for k, c in enumerate(CAT):
    ordm[:, COLS.index(c)] = e[:, k]
out.add("ord_observed_rows", fit_rows)
out.add("ord_observed_out", ordm)

# ------------------------------------------------------------------ PolynomialFeatures
P = DX[:40]
out.add("poly_X", P)
pf = PolynomialFeatures(degree=2).fit(P)
out.add("poly_d2_out", pf.transform(P))
pf = PolynomialFeatures(degree=3, interaction_only=True, include_bias=False).fit(P[:, :5])
out.add("poly_d3_inter_out", pf.transform(P[:, :5]))
pf = PolynomialFeatures(degree=3, include_bias=False).fit(P[:, :4])
out.add("poly_d3_out", pf.transform(P[:, :4]))

# ------------------------------------------------------------------ pipelines (for derive-models' PipelineModelsTest)
from sklearn.linear_model import Ridge
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.pipeline import make_pipeline

dy = diab["disease_progression"].to_numpy(float)
out.add("diabetes_y", dy)
pipe = make_pipeline(StandardScaler(), Ridge(alpha=0.1)).fit(DX[dtrain], dy[dtrain])
out.add("pipe_scaler_ridge_coef", pipe[-1].coef_)
out.add("pipe_scaler_ridge_pred", pipe.predict(DX))
pipe = make_pipeline(StandardScaler(), KNeighborsRegressor(n_neighbors=7, weights="distance")).fit(DX[dtrain], dy[dtrain])
out.add("pipe_scaler_knn_reg_pred", pipe.predict(DX))
wy = wine["class"].to_numpy(int)
out.add("wine_y", wy)
pipe = make_pipeline(MinMaxScaler(), KNeighborsClassifier(n_neighbors=5)).fit(WX[wtrain], wy[wtrain])
out.add("pipe_minmax_knn_pred", pipe.predict(WX))
out.add("pipe_minmax_knn_proba", pipe.predict_proba(WX))
out.add("knn_unscaled_pred", KNeighborsClassifier(n_neighbors=5).fit(WX[wtrain], wy[wtrain]).predict(WX))
out.save()

# names, for pasting into PolynomialFeaturesTest (not part of the fixture)
print(list(PolynomialFeatures(degree=3).fit(P[:, :3]).get_feature_names_out(["a", "b", "c"])))
print(list(PolynomialFeatures(degree=3, interaction_only=True, include_bias=False)
           .fit(P[:, :3]).get_feature_names_out(["a", "b", "c"])))
