"""Reference NDCG@k values from scikit-learn 1.2's ndcg_score, for RankingTest.

Derive's NDCG uses the exponential gain 2^rel - 1 and the discount 1/log2(r + 2); sklearn.metrics.ndcg_score
uses the given relevance as gain with the same discount, so it is called with y_true = 2^rel - 1. Scores are
distinct (no tie handling involved) and every query has a non-zero label. Run once with /usr/bin/python3.
"""
import os
import sys

import numpy as np
from sklearn.metrics import ndcg_score

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

rng = np.random.default_rng(7)
queries = 12
docs = 8
rel = rng.integers(0, 4, size=(queries, docs)).astype(float)
rel[:, 0] = np.maximum(rel[:, 0], 1)  # no all-zero query
score = rng.normal(size=(queries, docs))
w = FixtureWriter(os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures",
                               "ndcg_sklearn.txt"),
                  "Mean NDCG@k over 12 queries of 8 documents (row-major: query q holds rows 8q..8q+7),\n"
                  "sklearn.metrics.ndcg_score(2**rel - 1, score, k=k) (scikit-learn 1.2.1); tools/gen_ndcg_fixtures.py")
w.add("rel", rel.reshape(-1))
w.add("score", score.reshape(-1))
for k in (1, 3, 5, 8):
    w.add(f"ndcg_at_{k}", ndcg_score(2 ** rel - 1, score, k=k))
w.save()
