#!/usr/bin/env bash
# Histogram boosting side by side: Derive's hist_gbdt, LightGBM (lightgbm4j), XGBoost (xgboost4j, hist)
# and scikit-learn's HistGradientBoosting, each in its own process, same data and parameters
# (dev.derive.bench.boost.BoostRun: 31 leaves, 255 bins, lr 0.1, min 20 rows per leaf, no L2).
#
#   derive-bench/scripts/run-boost.sh [--tasks "higgs flights"] [--libs "derive lightgbm xgboost sklearn"]
#                                     [--rounds 200] [--threads N] [--repeats R] [--later-fits K] [--doc FILE]
#                                     [--skip-build]
#
# --repeats R runs the libraries R times, interleaved (derive, lightgbm, ..., derive, lightgbm, ...), so that a
# slow spell of the machine hits every library alike; the table then shows each library's median time with the
# min-max range, the ratio of medians, and in how many of the R interleaved pairs (run k of Derive, run k of the
# library) Derive was faster.
#
# --later-fits K (default 0: none) adds, after the repeats, one run per library that trains 1 + K times in its
# process (BoostRun --fits): the table's "later fits" columns show the median of those K later fits, i.e. training
# in a process that has trained before (for Derive, a JVM whose JIT has compiled the training code, as in a
# long-running service). Those runs are kept out of the time, ratio and memory columns of first fits.
#
# Writes JSON lines to derive-bench/target/boost-results/<timestamp>/results.jsonl and the table between
# the boost-results markers of docs/benchmarks.md (scripts/boost_report.py). The flights task needs
# ../shared/datasets. Run on a quiet machine: OpenMP peers slow down badly when cores are shared.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/derive-bench/target/benchmarks.jar"
PYTHON="${PYTHON:-/usr/bin/python3}"
tasks="higgs flights" libs="derive lightgbm xgboost sklearn" rounds=200 repeats=1 later=0 threads="$(nproc)" doc="$ROOT/docs/benchmarks.md" build=1
COMMAND="derive-bench/scripts/run-boost.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --tasks) tasks="$2"; shift ;;
    --libs) libs="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --repeats) repeats="$2"; shift ;;
    --later-fits) later="$2"; shift ;;
    --doc) doc="$2"; shift ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run-boost.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
JAVA="${DERIVE_JAVA:-}"
if [[ -z "$JAVA" ]]; then
  for j in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${JAVA_HOME:-/nonexistent}/bin/java" java; do
    if command -v "$j" >/dev/null 2>&1; then JAVA="$j"; break; fi
  done
fi
cd "$ROOT"
if [[ $build == 1 ]]; then
  ./mvnw -B -q -pl derive-bench -am package -DskipTests
fi
out="$ROOT/derive-bench/target/boost-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
data="$ROOT/derive-bench/target/boost-data"
run_java() { "$JAVA" -Xmx12g --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.derive.bench.boost.BoostRun "$@" \
  --data "$data" --shared "$ROOT/../shared/datasets"; }
for t in $tasks; do
  run_java --lib prepare --task "$t" >/dev/null
  runs="$(seq "$repeats")"
  if [[ $later -gt 0 ]]; then runs="$runs later"; fi
  for rep in $runs; do
  fits=1
  if [[ $rep == later ]]; then fits=$((later + 1)); fi
  for l in $libs; do
    echo "== $t / $l (run $rep of $repeats; fits in the process: $fits)" >&2
    if [[ $l == sklearn ]]; then
      "$PYTHON" derive-bench/scripts/boost_sklearn.py "$data/$t" "$rounds" "$threads" "$fits" | tee -a "$out/results.jsonl"
    else
      run_java --lib "$l" --task "$t" --rounds "$rounds" --threads "$threads" --fits "$fits" 2>/dev/null | grep '^{' \
        | tee -a "$out/results.jsonl"
    fi
  done
  done
done
"$PYTHON" derive-bench/scripts/boost_report.py "$out/results.jsonl" "$doc" "$COMMAND"
