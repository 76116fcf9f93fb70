#!/usr/bin/env bash
# Dense linear-algebra benchmarks: Derive beside EJML and numpy, written as a table into docs/benchmarks.md.
#
#   derive-bench/scripts/run-linalg.sh [--quick | --goals] [--threads N] [--no-mt] [--label TEXT]
#                                      [--doc FILE] [--out DIR] [--skip-build] [--dry-run]
#
#   --quick       smoke test: dgemm n = 256, 512 and decompositions n = 200, short iterations (~2 min)
#   --goals       only the cases of the acceptance goals: dgemm n = 2000 (Derive, numpy), SVD and
#                 symmetric eigen with vectors at n = 1000 (Derive, EJML, numpy) (~3 min)
#   --threads N   threads for Derive, EJML MT and numpy's OpenBLAS (default: nproc)
#   --no-mt       skip EJML's multi-threaded (*_MT_DDRM) variants
#   --label TEXT  a bold line above the tables (default: "SMOKE RUN ..." with --quick)
#   --doc FILE    Markdown file to update (default: docs/benchmarks.md)
#   --out DIR     where the raw JSON goes (default: derive-bench/target/linalg-results/<timestamp>)
#   --skip-build  reuse derive-bench/target/benchmarks.jar
#   --dry-run     print the JMH and numpy commands, run nothing
#
# Steps: build derive-bench/target/benchmarks.jar (Maven, offline), check that Derive and EJML agree on
# the benchmark inputs (dev.derive.bench.linalg.CrossCheck, n = 200), run the JMH suite
# (dev.derive.bench.linalg, JSON via -rf json) in a few groups with settings that fit the cost of a case
# (slow cases run single-shot), run scripts/numpy_linalg.py with Debian's python3, and merge everything
# with scripts/linalg_report.py between the linalg-results markers of the document.
# The full suite takes about 15-25 minutes on 2 cores; run it on a quiet machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPTS="$ROOT/derive-bench/scripts"
JAR="$ROOT/derive-bench/target/benchmarks.jar"
PYTHON="${PYTHON:-/usr/bin/python3}"
COMMAND="derive-bench/scripts/run-linalg.sh${*:+ $*}"

quick=0 goals=0 threads="$(nproc)" mt=1 label="" doc="$ROOT/docs/benchmarks.md" out="" build=1 dry=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --goals) goals=1 ;;
    --threads) threads="$2"; shift ;;
    --no-mt) mt=0 ;;
    --label) label="$2"; shift ;;
    --doc) doc="$2"; shift ;;
    --out) out="$2"; shift ;;
    --skip-build) build=0 ;;
    --dry-run) dry=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run-linalg.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$threads" =~ ^[1-9][0-9]*$ ]] || { echo "run-linalg.sh: --threads must be a positive integer, got '$threads'" >&2; exit 2; }
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
out="${out:-$ROOT/derive-bench/target/linalg-results/$stamp}"
[[ $quick == 1 && $goals == 1 ]] && { echo "run-linalg.sh: --quick and --goals exclude each other" >&2; exit 2; }
if [[ -z "$label" && $quick == 1 ]]; then
  label="SMOKE RUN (--quick: small sizes, short iterations). Not a measurement: do not quote these numbers."
elif [[ -z "$label" && $goals == 1 ]]; then
  label="PARTIAL RUN (--goals: only the cases of the acceptance goals)."
fi

# A JDK >= 21: $DERIVE_JAVA, then $JAVA_HOME, then java on the PATH, then the newest in /usr/lib/jvm.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
find_java() {
  local c v
  for c in "${DERIVE_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
           $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    [[ -n "$c" && -x "$c" ]] || continue
    v="$(java_major "$c")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then echo "$c"; return 0; fi
  done
  echo "run-linalg.sh: no JDK >= 21 found (set DERIVE_JAVA=/path/to/bin/java)" >&2; return 1
}
JAVA="$(find_java)"

run() { echo "+ $*" >&2; [[ $dry == 1 ]] || "$@"; }

if [[ $build == 1 ]]; then
  (cd "$ROOT" && run ./mvnw -q -B -o -pl derive-bench -am package -DskipTests)
fi
[[ $dry == 1 || -f "$JAR" ]] || { echo "run-linalg.sh: $JAR missing (drop --skip-build)" >&2; exit 1; }
[[ $dry == 1 ]] || mkdir -p "$out"

JVM_ARGS="--enable-native-access=ALL-UNNAMED -Xms1g -Xmx4g -Dderive.threads=$threads"
AVGT=(-bm avgt -tu ms -wi 2 -i 3 -w 1s -r 1s)      # cheap cases: 2 warm-up + 3 measured iterations of >= 1 s
SS2=(-bm ss -tu ms -wi 1 -i 2)                     # seconds per call: single shot, 1 warm-up + 2 measured
SS1=(-bm ss -tu ms -wi 1 -i 1)                     # tens of seconds per call: 1 warm-up + 1 measured
QUICK=(-bm avgt -tu ms -wi 1 -i 2 -w 500ms -r 500ms)
ejml='ejml' ; [[ $mt == 1 ]] && ejml='ejml(Mt)?'
edec='(cholSolve|svd|svdValues|eigh|eighValues)' ; [[ $mt == 1 ]] && edec="${edec}(Mt)?"

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# Derive and EJML must compute the same thing on the same inputs before anything is timed
run "$JAVA" --enable-native-access=ALL-UNNAMED -Dderive.threads="$threads" -cp "$JAR" \
    dev.derive.bench.linalg.CrossCheck 200

available=""
if [[ $dry == 0 ]]; then available="$("$JAVA" -jar "$JAR" -l)"; fi
group=0
# jmh REGEX SIZES SETTINGS...: one JMH run (one forked JVM per benchmark), skipped if nothing matches
jmh() {
  local regex="$1" sizes="$2"; shift 2
  group=$((group + 1))
  if [[ $dry == 0 ]] && ! grep -Eq "$regex" <<<"$available"; then
    echo "run-linalg.sh: no benchmark matches $regex in this build; skipped" >&2; return 0
  fi
  run "$JAVA" -jar "$JAR" "$regex" -p "n=$sizes" "$@" -jvmArgsAppend "$JVM_ARGS" \
      -rf json -rff "$out/jmh-$(printf %02d $group).json"
}

if [[ $quick == 1 ]]; then
  jmh 'GemmBench\.(derive|'"$ejml"')$' 256,512 "${QUICK[@]}"
  jmh 'DeriveDecompositionBench\.' 200 "${QUICK[@]}"
  jmh 'EjmlDecompositionBench\.'"$edec"'$' 200 "${QUICK[@]}"
  np_args=(--quick)
elif [[ $goals == 1 ]]; then
  jmh 'GemmBench\.derive$' 2000 "${AVGT[@]}"
  jmh 'DeriveDecompositionBench\.(svd|eigh)$' 1000 "${AVGT[@]}"
  jmh 'EjmlDecompositionBench\.(svd|eigh)$' 1000 "${SS2[@]}"
  np_args=(--ops dgemm,svd,eigh --gemm-sizes 2000 --decomp-sizes 1000)
else
  jmh 'GemmBench\.derive$' 256,512,1024,2000,2048 "${AVGT[@]}"
  jmh 'GemmBench\.derive$' 4096 "${SS2[@]}"
  jmh 'GemmBench\.'"$ejml"'$' 256,512,1024 "${AVGT[@]}"
  jmh 'GemmBench\.'"$ejml"'$' 2000,2048 "${SS2[@]}"
  jmh 'GemmBench\.'"$ejml"'$' 4096 "${SS1[@]}"
  jmh 'DeriveDecompositionBench\.' 500,1000,2000 "${AVGT[@]}"
  jmh 'EjmlDecompositionBench\.'"$edec"'$' 500,1000 "${AVGT[@]}"
  jmh 'EjmlDecompositionBench\.cholSolve(Mt)?$' 2000 "${SS2[@]}"
  jmh 'EjmlDecompositionBench\.(svd|svdValues|eigh|eighValues)'"$([[ $mt == 1 ]] && echo '(Mt)?')"'$' 2000 "${SS1[@]}"
  np_args=()
fi

run env OPENBLAS_NUM_THREADS="$threads" "$PYTHON" "$SCRIPTS/numpy_linalg.py" --threads "$threads" \
    --out "$out/numpy.json" "${np_args[@]}"

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)"
if [[ -n "$commit" ]] && [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  commit="$commit (with uncommitted changes)"
fi
shopt -s nullglob
jmh_files=("$out"/jmh-*.json)
run "$PYTHON" "$SCRIPTS/linalg_report.py" --doc "$doc" --jmh "${jmh_files[@]}" --numpy "$out/numpy.json" \
    --label "$label" --command "$COMMAND" --date "$started" --cpu "$cpu" \
    --nproc "$(nproc)" --threads "$threads" --commit "$commit" --load "$load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at end" \
    --results-dir "${out#"$ROOT"/}"
echo "run-linalg.sh: results in $out, table in $doc" >&2
