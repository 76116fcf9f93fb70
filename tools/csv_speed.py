"""CSV read speed of pandas, the reference for dev.derive.data.io.CsvReader (never run in CI).

Generates (once) a 1,000,000 x 20 numeric CSV of standard normal draws written by pandas' to_csv
(shortest round-trip repr, about 19 bytes a value, ~390 MB), then times pandas.read_csv on it and
prints the best of N runs. The Java side is derive-bench's dev.derive.bench.data.CsvSpeed, run on the
same file:

    /usr/bin/python3 tools/csv_speed.py [--file PATH] [--repeats 3] [--rows 1000000] [--cols 20]
    ./mvnw -q -B -o -pl derive-bench -am install -DskipTests   # once, then see CsvSpeed's Javadoc

pandas' default float parser ('high' precision) is not exactly round-trip; '--round-trip' also times
float_precision='round_trip', which is exact like Derive's parser.
"""
import argparse
import os
import time

import numpy as np
import pandas as pd


def generate(path, rows, cols, seed=42):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(rng.standard_normal((rows, cols)), columns=[f"x{j}" for j in range(cols)])
    df.to_csv(path, index=False)


def best_of(repeats, fn):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), times, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--file", default="/tmp/derive_csv_speed/numeric_1m_20.csv")
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--cols", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--round-trip", action="store_true")
    ap.add_argument("--generate-only", action="store_true")
    a = ap.parse_args()
    os.makedirs(os.path.dirname(a.file), exist_ok=True)
    if not os.path.exists(a.file):
        t0 = time.perf_counter()
        generate(a.file, a.rows, a.cols)
        print(f"generated {a.file} ({os.path.getsize(a.file) / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")
    if a.generate_only:
        return
    print(f"pandas {pd.__version__}, numpy {np.__version__}, file {a.file} ({os.path.getsize(a.file) / 1e6:.1f} MB)")
    best, times, df = best_of(a.repeats, lambda: pd.read_csv(a.file))
    print(f"pandas.read_csv: best {best:.3f} s of {[round(t, 3) for t in times]}; shape {df.shape}")
    if a.round_trip:
        best, times, df = best_of(a.repeats, lambda: pd.read_csv(a.file, float_precision="round_trip"))
        print(f"pandas.read_csv(float_precision='round_trip'): best {best:.3f} s of {[round(t, 3) for t in times]}")


if __name__ == "__main__":
    main()
