"""Reference values for dev.derive.linalg.LU, Cholesky and QR from numpy/scipy.

Run once with Debian's python (numpy 1.24, scipy 1.10):
    /usr/bin/python3 tools/gen_linalg_lu_qr_fixtures.py
Writes derive-core/src/test/resources/fixtures/linalg_lu_qr.txt. Never run in CI.

Every input matrix is written into the fixture as well (A_<name>, b_<name>), so the Java tests read
exactly the numbers numpy saw. Conventions:
  lu_P_<name>, lu_L_<name>, lu_U_<name>   scipy.linalg.lu: A = P L U (Derive's permutation() is P')
  slogdet_<name>                         [sign, log|det|] from numpy.linalg.slogdet
  rcond_<name>                           exact 1 / np.linalg.cond(A, 1) (computed from the inverse)
  rcond_gecon_<name>                     LAPACK dgecon estimate on scipy's LU (what Derive computes)
  cond2_<name>                           2-norm condition number (for tolerances)
  cond2colscaled_<name>                  2-norm condition number after scaling columns to unit norm
  qr_absdiag_<name>                      |diag R| of the unpivoted QR (sign of R is not unique)
  pqr_absdiag_<name>, pqr_perm_<name>    |diag R| and column order of scipy.linalg.qr(pivoting=True)
  pqr_rank_<name>                        #{|r_kk| > max(m, n) * eps * |r_00|} on scipy's pivoted R
  svd_rank_<name>                        np.linalg.matrix_rank (SVD), for comparison
  lstsq_<name>, resnorm_<name>           np.linalg.lstsq solution and residual 2-norm
"""
import os
import sys

import numpy as np
import scipy
import scipy.linalg as sla
from scipy.linalg import lapack

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "derive-core", "src", "test", "resources", "fixtures", "linalg_lu_qr.txt")
EPS = np.finfo(float).eps

os.makedirs(os.path.dirname(OUT), exist_ok=True)
w = FixtureWriter(OUT, f"""
Reference values for LU / Cholesky / QR, written by tools/gen_linalg_lu_qr_fixtures.py
numpy {np.__version__}, scipy {scipy.__version__}
""")


def hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1.0)


def square_entries(name, a, b):
    """LU-based quantities for a non-singular square matrix."""
    w.add("A_" + name, a)
    w.add("b_" + name, b)
    w.add("det_" + name, np.linalg.det(a))
    sign, logabs = np.linalg.slogdet(a)
    w.add("slogdet_" + name, [sign, logabs])
    w.add("solve_" + name, np.linalg.solve(a, b))
    w.add("inv_" + name, np.linalg.inv(a))
    w.add("rcond_" + name, 1.0 / np.linalg.cond(a, 1))
    lu, piv, info = lapack.dgetrf(a)
    assert info == 0
    rc, info = lapack.dgecon(lu, np.linalg.norm(a, 1), norm="1")
    assert info == 0
    w.add("rcond_gecon_" + name, rc)
    w.add("cond2_" + name, np.linalg.cond(a, 2))
    p, l, u = sla.lu(a)
    w.add("lu_P_" + name, p)
    w.add("lu_L_" + name, l)
    w.add("lu_U_" + name, u)


def spd_entries(name, a, b):
    w.add("chol_L_" + name, np.linalg.cholesky(a))
    w.add("cholsolve_" + name, sla.cho_solve(sla.cho_factor(a, lower=True), b))


def qr_entries(name, a, b=None):
    m, n = a.shape
    w.add("A_" + name, a)
    r = np.linalg.qr(a, mode="r")
    w.add("qr_absdiag_" + name, np.abs(np.diag(r)))
    _, rp, perm = sla.qr(a, pivoting=True, mode="economic")
    d = np.abs(np.diag(rp))
    w.add("pqr_absdiag_" + name, d)
    w.add("pqr_perm_" + name, perm)
    w.add("pqr_rank_" + name, int(np.sum(d > max(m, n) * EPS * d[0])))
    w.add("svd_rank_" + name, np.linalg.matrix_rank(a))
    if b is not None:
        w.add("b_" + name, b)
        x, res, rank, sv = np.linalg.lstsq(a, b, rcond=None)
        assert rank == n
        w.add("lstsq_" + name, x)
        w.add("resnorm_" + name, np.linalg.norm(a @ x - b, axis=0))
        w.add("cond2_" + name, sv[0] / sv[-1])
        scaled = a / np.linalg.norm(a, axis=0)[None, :]
        w.add("cond2colscaled_" + name, np.linalg.cond(scaled, 2))


rng = np.random.default_rng(20240611)

# random non-symmetric square matrices (partial pivoting swaps rows)
a = rng.standard_normal((5, 5))
square_entries("rand5", a, rng.standard_normal((5, 2)))
a = rng.standard_normal((9, 9))
square_entries("rand9", a, rng.standard_normal((9, 3)))

# Hilbert matrix: SPD and ill-conditioned (cond2 ~ 1.5e10 at n = 8)
a = hilbert(8)
b = rng.standard_normal((8, 1))
square_entries("hilb8", a, b)
spd_entries("hilb8", a, b)

# well-conditioned SPD: B'B + I
bm = rng.standard_normal((10, 6))
a = bm.T @ bm + np.eye(6)
b = rng.standard_normal((6, 2))
square_entries("spd6", a, b)
spd_entries("spd6", a, b)

# tall full-rank least squares
a = rng.standard_normal((12, 5))
qr_entries("tall12x5", a, rng.standard_normal((12, 2)))
# moderately ill-conditioned tall system: columns scaled over six orders of magnitude
a = rng.standard_normal((30, 8)) * np.logspace(0, 6, 8)[None, :]
qr_entries("tall30x8", a, rng.standard_normal((30, 1)))

# rank-deficient: products of thin random factors
a = rng.standard_normal((8, 3)) @ rng.standard_normal((3, 8))
qr_entries("rank8r3", a)
a = rng.standard_normal((10, 4)) @ rng.standard_normal((4, 6))
qr_entries("rank10x6r4", a)

w.save()
print("wrote", OUT)
