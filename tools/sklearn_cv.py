"""Mean 5-fold CV accuracy of scikit-learn classifiers over seeds 0, 1, 2 on fixed folds, written to a fixture
(shared by gen_digits_fixtures.py and gen_penguins_fixtures.py)."""
import numpy as np


def folds(n):
    """Fold index of each of n rows: a seeded permutation (RandomState(42)) dealt into 5 folds."""
    fold = np.empty(n, dtype=int)
    fold[np.random.RandomState(42).permutation(n)] = np.arange(n) % 5
    return fold


def add_cv_scores(w, models, X, y, fold):
    """For each model factory make(seed): the mean test accuracy over the 5 folds, for seeds 0, 1, 2, as <name>_scores."""
    for name, make in models.items():
        scores = []
        for s in [0, 1, 2]:
            fs = []
            for f in range(5):
                tr, te = fold != f, fold == f
                m = make(s).fit(X[tr], y[tr])
                fs.append(np.mean(m.predict(X[te]) == y[te]))
            scores.append(np.mean(fs))
        w.add(name + "_scores", scores)
        print(name, scores, flush=True)
