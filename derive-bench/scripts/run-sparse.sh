#!/usr/bin/env bash
# L1-penalised logistic regression on a sparse text-like matrix (issue 5): Derive (sparse newton_cd on the
# CSR data set) against scikit-learn's liblinear and saga, same LibSVM file, same C and tol.
#
#   derive-bench/scripts/run-sparse.sh [--rows 100000] [--cols 50000] [--nnz 50] [--c 1] [--tol 1e-4]
#                                      [--threads N] [--solvers "liblinear saga"] [--derive-tols "TOL 1e-6"]
#                                      [--doc FILE] [--skip-build]
#
# Generates the data with dev.derive.bench.models.SparseRun (seeded Zipf term frequencies, see its Javadoc),
# runs Derive at --tol and at each of --derive-tols (default: also 1e-6; Derive's tol bounds the 2-norm of the
# KKT residual relative to n, a different scale from LIBLINEAR's, so a tighter run shows the time to reach at
# least the peers' objective), then scripts/sparse_sklearn.py at --tol, and writes derive-bench/target/sparse-results/<timestamp>/
# results.jsonl and the table between the sparse-results markers of docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/derive-bench/target/benchmarks.jar"
PYTHON="${PYTHON:-/usr/bin/python3}"
rows=100000 cols=50000 nnz=50 c=1 tol=1e-4 threads="$(nproc)" solvers="liblinear saga" dtols="" doc="$ROOT/docs/benchmarks.md" build=1
COMMAND="derive-bench/scripts/run-sparse.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift ;;
    --cols) cols="$2"; shift ;;
    --nnz) nnz="$2"; shift ;;
    --c) c="$2"; shift ;;
    --tol) tol="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --solvers) solvers="$2"; shift ;;
    --derive-tols) dtols="$2"; shift ;;
    --doc) doc="$2"; shift ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run-sparse.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
JAVA="${DERIVE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
command -v "$JAVA" >/dev/null 2>&1 || JAVA=java
cd "$ROOT"
if [[ $build == 1 ]]; then ./mvnw -B -q -pl derive-bench -am package -DskipTests; fi
out="$ROOT/derive-bench/target/sparse-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
data="$ROOT/derive-bench/target/sparse-data"
run_java() { "$JAVA" -Xmx8g --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.derive.bench.models.SparseRun "$@" --data "$data" \
  --rows "$rows" --cols "$cols" --threads "$threads" 2>/dev/null | grep '^{'; }
file="$data/sparse-${rows}x${cols}.svm"
[[ -f "$file" ]] || run_java --lib prepare --nnz "$nnz" >&2
for t in ${dtols:-$tol 1e-6}; do
  echo "== derive newton_cd tol=$t" >&2
  run_java --lib derive --c "$c" --tol "$t" | tee -a "$out/results.jsonl"
done
echo "== sklearn $solvers" >&2
OMP_NUM_THREADS="$threads" "$PYTHON" derive-bench/scripts/sparse_sklearn.py "$file" "$cols" "$c" "$tol" $solvers | tee -a "$out/results.jsonl"
"$PYTHON" derive-bench/scripts/sparse_report.py "$out/results.jsonl" "$doc" "$COMMAND"
