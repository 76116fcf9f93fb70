"""Reference values for EvalMetricsTest: weighted ROC AUC (with tied scores) and weighted binary log loss
from scikit-learn 1.2.1. Run once with /usr/bin/python3."""
import os
import sys

import numpy as np
from sklearn.metrics import log_loss, roc_auc_score

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

rng = np.random.default_rng(11)
n = 60
y = rng.integers(0, 2, size=n).astype(float)
f = np.round(rng.normal(size=n) + 0.8 * y, 1)  # rounded: many ties
w = rng.uniform(0.2, 2.0, size=n)
p = 1 / (1 + np.exp(-f))
out = FixtureWriter(os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures",
                                 "eval_metrics_sklearn.txt"),
                    "Binary labels y, raw scores f (rounded to 0.1: ties), weights w; sklearn 1.2.1 roc_auc_score and\n"
                    "log_loss of sigmoid(f), unweighted and weighted; tools/gen_eval_metric_fixtures.py")
out.add("y", y)
out.add("f", f)
out.add("w", w)
out.add("auc", roc_auc_score(y, f))
out.add("auc_w", roc_auc_score(y, f, sample_weight=w))
out.add("logloss", log_loss(y, p))
out.add("logloss_w", log_loss(y, p, sample_weight=w))
out.save()
