"""scikit-learn 1.2.1's export_text of two trees Derive grows identically (see CartAbsoluteErrorTest), for
dev.derive.tree.TreeExportTest. Run once with /usr/bin/python3 (never in CI); writes plain text files
derive-models/src/test/resources/fixtures/tree_export_*.txt (the exact export_text output).
"""
import os
import numpy as np
from sklearn import datasets
from sklearn.tree import DecisionTreeRegressor, export_text

DIR = os.path.join(os.path.dirname(__file__), "..", "derive-models", "src", "test", "resources", "fixtures")
diab = datasets.load_diabetes(scaled=False)
X = np.asarray(diab.data, dtype=np.float32).astype(np.float64)
names = list(diab.feature_names)
t = DecisionTreeRegressor(criterion="absolute_error", max_depth=3, random_state=0).fit(X, diab.target)
with open(os.path.join(DIR, "tree_export_mae_d3.txt"), "w") as f:
    f.write(export_text(t, feature_names=names))
with open(os.path.join(DIR, "tree_export_mae_d3_depth1_dec4.txt"), "w") as f:
    f.write(export_text(t, feature_names=names, max_depth=1, decimals=4))
print(names)
