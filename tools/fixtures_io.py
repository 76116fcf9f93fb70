"""Writes reference fixtures in the plain-text format read by dev.derive.testing.Fixtures.

Format: '#' comment lines; each entry is 'name rows cols' then `rows` lines of `cols` numbers written
with repr() (shortest round-trip decimal, so no precision is lost). Vectors are written as one column.
Scripts under tools/ produce fixtures once; they are never run in CI.
"""
import numpy as np


class FixtureWriter:
    def __init__(self, path, header):
        self.path = path
        self.lines = ["# " + l for l in header.strip().splitlines()]

    def add(self, name, value):
        a = np.asarray(value, dtype=float)
        if a.ndim == 0:
            a = a.reshape(1, 1)
        elif a.ndim == 1:
            a = a.reshape(-1, 1)
        assert a.ndim == 2, name
        assert " " not in name, name
        self.lines.append(f"{name} {a.shape[0]} {a.shape[1]}")
        for row in a:
            self.lines.append(" ".join(_fmt(float(v)) for v in row))

    def save(self):
        with open(self.path, "w") as f:
            f.write("\n".join(self.lines) + "\n")


def _fmt(v):
    if np.isnan(v):
        return "nan"
    if np.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(v)
