"""Reference values of special functions and distribution functions from scipy (dev.derive.stat);
t quantiles are refined with mpmath at 40 digits (scipy 1.10 is only good to ~1e-11 at df = 1).

Run once with Debian's python3 (never in CI):
    /usr/bin/python3 tools/gen_stat_fixtures.py
Writes derive-core/src/test/resources/fixtures/stat_scipy.txt. Each entry is a table whose first
columns are the arguments and whose last column is scipy's value.
"""
import sys
import mpmath
import numpy as np
import scipy
from scipy import special, stats

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from fixtures_io import FixtureWriter

out = FixtureWriter("derive-core/src/test/resources/fixtures/stat_scipy.txt",
                    f"""scipy {scipy.__version__}, numpy {np.__version__}: special functions and distribution functions.
produced by tools/gen_stat_fixtures.py; last column = scipy value, the others = arguments""")

xs = [1e-8, 1e-3, 0.1, 0.5, 0.9, 1.0, 1.5, 2.0, 2.5, 3.7, 7.0, 10.0, 12.5, 33.3, 100.0, 171.5, 1e4, 1e7]
out.add("gammaln", [[x, special.gammaln(x)] for x in xs])

ab = [(0.5, 0.5), (1, 1), (2, 3), (0.1, 5), (5, 0.1), (10, 20), (50, 40), (150, 200), (0.5, 30), (30, 0.5)]
xv = [1e-6, 0.01, 0.2, 0.4, 0.5, 0.6, 0.8, 0.99, 0.999999]
out.add("betainc", [[a, b, x, special.betainc(a, b, x)] for a, b in ab for x in xv])

av = [0.1, 0.5, 1, 2.5, 10, 50, 200]
gx = [1e-4, 0.1, 0.5, 1, 2, 5, 10, 30, 100, 300]
out.add("gammainc", [[a, x, special.gammainc(a, x)] for a in av for x in gx])
out.add("gammaincc", [[a, x, special.gammaincc(a, x)] for a in av for x in gx])

zs = [-38, -20, -8.5, -5, -3, -1.96, -1, -0.3, 0, 1e-10, 0.3, 1, 1.96, 3, 5, 8]
out.add("norm_cdf", [[z, stats.norm.cdf(z)] for z in zs])
ps = [1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-10]
out.add("norm_ppf", [[p, stats.norm.ppf(p)] for p in ps])

dfs = [1, 2, 3, 4.5, 10, 30, 100, 1000]
ts = [-50, -4, -2, -0.5, 0, 0.7, 1.5, 3, 10, 200]
out.add("t_cdf", [[df, t, stats.t.cdf(t, df)] for df in dfs for t in ts])
out.add("t_sf", [[df, t, stats.t.sf(t, df)] for df in dfs for t in ts])
tp = [1e-12, 1e-6, 0.001, 0.025, 0.05, 0.2, 0.5, 0.8, 0.95, 0.975, 0.999]


def t_ppf_mp(p, df):
    # scipy's t.ppf is only good to ~1e-11 for df = 1 (e.g. p = 0.025); refine it with mpmath at 40 digits
    mpmath.mp.dps = 40
    nu = mpmath.mpf(df)
    pm = mpmath.mpf(p)

    def cdf(t):
        x = nu / (nu + t * t)
        tail = mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, x, regularized=True) / 2
        return tail if t < 0 else 1 - tail
    t = mpmath.findroot(lambda t: cdf(t) - pm, mpmath.mpf(stats.t.ppf(p, df)))
    return float(t)


out.add("t_ppf", [[df, p, t_ppf_mp(p, df)] for df in dfs for p in tp])

fd = [(1, 1), (2, 5), (5, 2), (10, 431), (3, 30), (40, 60), (0.5, 3)]
fx = [0.01, 0.5, 1, 2, 5, 20, 100]
out.add("f_cdf", [[d1, d2, x, stats.f.cdf(x, d1, d2)] for d1, d2 in fd for x in fx])
out.add("f_sf", [[d1, d2, x, stats.f.sf(x, d1, d2)] for d1, d2 in fd for x in fx])

cd = [1, 2, 3, 7.5, 20, 100]
cx = [0.01, 0.5, 1, 3, 10, 30, 150]
out.add("chi2_cdf", [[k, x, stats.chi2.cdf(x, k)] for k in cd for x in cx])
out.add("chi2_sf", [[k, x, stats.chi2.sf(x, k)] for k in cd for x in cx])
out.save()
