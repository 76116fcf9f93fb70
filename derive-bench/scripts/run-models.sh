#!/usr/bin/env bash
# Classical models side by side: Derive, Smile (in their own JVMs) and scikit-learn, same seeded data
# (dev.derive.bench.models.ModelRun, scripts/models_sklearn.py).
#
#   derive-bench/scripts/run-models.sh [--forest-rows "100000 1000000"] [--extra-rows "100000"] [--predict-trees 500] [--predict-rows 20000] [--threads N]
#                                      [--libs "derive smile sklearn"] [--linear "logistic lasso_path ridge_cv"]
#                                      [--repeats 3] [--skip-logistic] [--doc FILE] [--skip-build]
#                                      [--scaling "100000 300000 1000000"] [--scaling-libs "derive sklearn"]
#                                      [--scaling-trees 100] [--scaling-timeout 300] [--scaling-only] [--aot]
#
# Runs: random forest, 100 trees, on each row count (20 features, 20,000 test rows); a 500-tree forest on
# --predict-rows rows for prediction throughput; extremely randomised trees, 100 trees, on each --extra-rows count (the
# forest's data; scikit-learn's ExtraTreesClassifier as the peer; Smile has no extra trees; --extra-rows "" skips
# them); then the --linear tasks: L2 logistic regression 200,000 x 100 by
# L-BFGS (scikit-learn first: Derive is timed to the objective scikit-learn reached), the lasso path on
# 50,000 x 500 and RidgeCV (leave-one-out over 50 alphas) on 100,000 x 200 (Derive and scikit-learn; Smile has
# neither). Linear tasks report the best of --repeats warm fits and the first (cold) fit (logistic: Derive's cold fit
# stops after the iterations a probe run needed to reach scikit-learn's objective). --skip-logistic is
# --linear "". --aot (JDK >= 25): an extra logistic row "derive, AOT cache", the cold fit alone in a JVM started with
# a JDK AOT cache made by a training run on 2,000 rows (docs/startup.md); the plain cold row stays. Writes
# derive-bench/target/models-results/<timestamp>/results.jsonl and the tables between the models-results
# markers of docs/benchmarks.md. Run on a quiet machine.
#
# --scaling ROWS: also a scaling run, random forest (--scaling-trees trees) on each row count, for the
# --scaling-libs; a library whose run exceeds --scaling-timeout seconds (default 300) is stopped and skipped
# at the larger counts. Writes scaling.jsonl and prints the table "time vs rows" (models_report.py --scaling).
# --scaling-only skips everything else (no doc update).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/derive-bench/target/benchmarks.jar"
PYTHON="${PYTHON:-/usr/bin/python3}"
rowsList="100000 1000000" extraRows="100000" ptrees=500 prows=20000 threads="$(nproc)" libs="derive smile sklearn" linear="logistic lasso_path ridge_cv" repeats=3 doc="$ROOT/docs/benchmarks.md" build=1
scaling="" scalingLibs="derive sklearn" scalingTrees=100 scalingTimeout=300 scalingOnly=0 aot=0
# the command as typed, for the report (empty and multi-word arguments in double quotes, e.g. --forest-rows "")
COMMAND="derive-bench/scripts/run-models.sh"
for arg in "$@"; do
  if [[ -z $arg || $arg == *" "* ]]; then COMMAND+=" \"$arg\""; else COMMAND+=" $arg"; fi
done
while [[ $# -gt 0 ]]; do
  case "$1" in
    --forest-rows) rowsList="$2"; shift ;;
    --extra-rows) extraRows="$2"; shift ;;
    --predict-trees) ptrees="$2"; shift ;;
    --predict-rows) prows="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --libs) libs="$2"; shift ;;
    --skip-logistic) linear="" ;;
    --linear) linear="$2"; shift ;;
    --repeats) repeats="$2"; shift ;;
    --doc) doc="$2"; shift ;;
    --skip-build) build=0 ;;
    --scaling) scaling="$2"; shift ;;
    --scaling-libs) scalingLibs="$2"; shift ;;
    --scaling-trees) scalingTrees="$2"; shift ;;
    --scaling-timeout) scalingTimeout="$2"; shift ;;
    --scaling-only) scalingOnly=1 ;;
    --aot) aot=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run-models.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
JAVA="${DERIVE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
command -v "$JAVA" >/dev/null 2>&1 || JAVA=java
if [[ $aot == 1 && "$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null || true)" != *AOTCacheOutput* ]]; then
  echo "run-models.sh: --aot needs a JDK >= 25 ($JAVA)" >&2; exit 2
fi
cd "$ROOT"
if [[ $build == 1 ]]; then ./mvnw -B -q -pl derive-bench -am package -DskipTests; fi
out="$ROOT/derive-bench/target/models-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
data="$ROOT/derive-bench/target/models-data"
run_java() { "$JAVA" -Xmx16g --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.derive.bench.models.ModelRun "$@" --data "$data" \
  --threads "$threads" 2>/dev/null | grep '^{' | tee -a "$out/results.jsonl"; }
forest() { # rows trees [task: forest (default) or extra_trees, on the same data]
  local task="${3:-forest}"
  "$JAVA" -Xmx16g -cp "$JAR" dev.derive.bench.models.ModelRun --lib prepare --task forest --rows "$1" --data "$data" >/dev/null 2>&1
  for l in $libs; do
    if [[ $task == extra_trees && $l == smile ]]; then
      echo "== $task rows=$1 trees=$2 / smile: skipped (Smile has no extremely randomised trees)" >&2
      continue
    fi
    echo "== $task rows=$1 trees=$2 / $l" >&2
    if [[ $l == sklearn ]]; then
      "$PYTHON" derive-bench/scripts/models_sklearn.py "$task" "$data/forest-$1" "$2" "$threads" | tee -a "$out/results.jsonl"
    else
      run_java --lib "$l" --task "$task" --rows "$1" --trees "$2"
    fi
  done
}
scaling_run() {
  local sfile="$out/scaling.jsonl" skip=""
  : > "$sfile"
  for r in $scaling; do
    "$JAVA" -Xmx16g -cp "$JAR" dev.derive.bench.models.ModelRun --lib prepare --task forest --rows "$r" --data "$data" >/dev/null 2>&1
    for l in $scalingLibs; do
      if [[ " $skip " == *" $l "* ]]; then continue; fi
      echo "== scaling rows=$r trees=$scalingTrees / $l" >&2
      local line=""
      if [[ $l == sklearn ]]; then
        line="$(timeout "$scalingTimeout" "$PYTHON" derive-bench/scripts/models_sklearn.py forest "$data/forest-$r" "$scalingTrees" "$threads" | grep '^{' || true)"
      else
        line="$(timeout "$scalingTimeout" "$JAVA" -Xmx16g -cp "$JAR" dev.derive.bench.models.ModelRun --lib "$l" --task forest --rows "$r" \
          --trees "$scalingTrees" --data "$data" --threads "$threads" 2>/dev/null | grep '^{' || true)"
      fi
      if [[ -z "$line" ]]; then
        echo "   $l: no result within ${scalingTimeout}s at $r rows; skipped from here on" >&2
        skip="$skip $l"
      else
        echo "$line" | tee -a "$sfile"
      fi
    done
  done
  "$PYTHON" derive-bench/scripts/models_report.py --scaling "$sfile"
}
if [[ -n "$scaling" ]]; then scaling_run; fi
if [[ $scalingOnly == 1 ]]; then exit 0; fi
for r in $rowsList; do forest "$r" 100; done
for r in $extraRows; do forest "$r" 100 extra_trees; done
if [[ -n "$ptrees" && "$ptrees" != 0 ]]; then forest "$prows" "$ptrees"; fi
aot_logistic() { # rows cold-max-iter: the extra row, Derive's cold fit with a JDK AOT cache (docs/startup.md)
  local cache="$out/logistic.aot" opts=(-Xmx16g --enable-native-access=ALL-UNNAMED -cp "$JAR")
  echo "== logistic / derive, AOT cache (training run: 2,000 rows)" >&2
  # training run: the same code path on 2,000 rows of the generator (not the benchmark's data); the cache is
  # assembled when it exits. AOTMode=on below: the JVM refuses to start if it cannot use the cache (no mislabelled row)
  "$JAVA" -XX:AOTCacheOutput="$cache" "${opts[@]}" dev.derive.bench.models.ModelRun --lib derive --task logistic \
    --rows 2000 --repeats 3 --data "$data" --threads "$threads" >"$out/logistic.aot.log" 2>&1 \
    || { echo "   training run failed ($out/logistic.aot.log); no AOT row" >&2; return 0; }
  "$JAVA" -XX:AOTCache="$cache" -XX:AOTMode=on "${opts[@]}" dev.derive.bench.models.ModelRun --lib derive --task logistic \
    --rows "$1" --repeats 0 ${2:+--cold-max-iter "$2"} --data "$data" --threads "$threads" 2>/dev/null | grep '^{' \
    | sed 's/"lib": "derive"/"lib": "derive, AOT cache", "aot_cache": true/' | tee -a "$out/results.jsonl" \
    || echo "   the JVM could not use the AOT cache; no AOT row" >&2
}
prepare() { "$JAVA" -Xmx16g -cp "$JAR" dev.derive.bench.models.ModelRun --lib prepare --task "$1" --rows "$2" --data "$data" >/dev/null 2>&1; }
sk() { "$PYTHON" derive-bench/scripts/models_sklearn.py "$1" "$data/$1-$2" "$repeats" "$threads" | tee -a "$out/results.jsonl"; }
for t in $linear; do
  case "$t" in
    logistic) rows=200000 ;;
    lasso_path) rows=50000 ;;
    ridge_cv) rows=100000 ;;
    *) echo "run-models.sh: unknown linear task '$t'" >&2; exit 2 ;;
  esac
  prepare "$t" "$rows"
  target=""
  if [[ " $libs " == *" sklearn "* ]]; then
    echo "== $t / sklearn" >&2
    line="$(sk "$t" "$rows")"
    if [[ $t == logistic ]]; then target="$("$PYTHON" -c 'import json,sys; print(json.loads(sys.argv[1])["objective"])' "$line")"; fi
  fi
  for l in $libs; do
    [[ $l == sklearn ]] && continue
    [[ $l == smile && $t != logistic ]] && continue
    echo "== $t / $l" >&2
    cold=""
    if [[ $l == derive && $t == logistic && -n "$target" ]]; then
      # the iterations Derive needs to reach the target, from a probe run in its own JVM (not recorded), so that the
      # timed run's first (cold) fit also stops at scikit-learn's objective (--cold-max-iter), as its warm fits do
      probe="$("$JAVA" -Xmx16g --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.derive.bench.models.ModelRun --lib derive \
        --task logistic --rows "$rows" --repeats 1 --target "$target" --data "$data" --threads "$threads" 2>/dev/null | grep '^{')"
      cold="$("$PYTHON" -c 'import json,sys; print(json.loads(sys.argv[1])["iterations"])' "$probe")"
    fi
    run_java --lib "$l" --task "$t" --rows "$rows" --repeats "$repeats" ${target:+--target "$target"} ${cold:+--cold-max-iter "$cold"}
    if [[ $l == derive && $t == logistic && $aot == 1 ]]; then aot_logistic "$rows" "$cold"; fi
    if [[ $l == derive && $t == ridge_cv ]]; then # the thin-SVD mode, Derive's default before gcv_mode=covariance
      run_java --lib derive --task ridge_cv --rows "$rows" --repeats "$repeats" --mode svd
    fi
  done
done
"$PYTHON" derive-bench/scripts/models_report.py "$out/results.jsonl" "$doc" "$COMMAND"
