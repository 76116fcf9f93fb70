#!/usr/bin/env bash
# Interior point (dev.derive.optim.constrained.InteriorPoint) against scipy's HiGHS (LPs) and cvxopt (a dense
# QP) on the same problems, written by scripts/lp_problems.py; table between the lp-results markers of
# docs/benchmarks.md. Derive solves each problem in its own JVM (LpRun: one cold solve, JIT warm-up solves, then the
# best of at least `repeats` warm solves); the Python side times `repeats` calls in one process (imports done first).
#
#   derive-bench/scripts/run-lp.sh [--repeats 3] [--doc FILE] [--skip-build] [--aot]
#
# --aot (JDK >= 25): extra rows "derive, AOT cache", each problem's cold solve alone in a JVM started with a JDK AOT
# cache made by a training run on a small LP and QP (scripts/aot_train_problems.py, n = 150, not the benchmark's
# problems; docs/startup.md); the plain rows stay.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/derive-bench/target/benchmarks.jar"
PYTHON="${PYTHON:-/usr/bin/python3}"
repeats=3 doc="$ROOT/docs/benchmarks.md" build=1 aot=0
COMMAND="derive-bench/scripts/run-lp.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) repeats="$2"; shift ;;
    --doc) doc="$2"; shift ;;
    --skip-build) build=0 ;;
    --aot) aot=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run-lp.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
JAVA="${DERIVE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
command -v "$JAVA" >/dev/null 2>&1 || JAVA=java
if [[ $aot == 1 && "$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null || true)" != *AOTCacheOutput* ]]; then
  echo "run-lp.sh: --aot needs a JDK >= 25 ($JAVA)" >&2; exit 2
fi
cd "$ROOT"
if [[ $build == 1 ]]; then ./mvnw -B -q -pl derive-bench -am package -DskipTests; fi
out="$ROOT/derive-bench/target/lp-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out/problems"
"$PYTHON" derive-bench/scripts/lp_problems.py "$out/problems" "$repeats" | tee "$out/results.jsonl"
for dir in "$out"/problems/*/; do
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.derive.bench.optim.LpRun "$out/problems" "$repeats" \
    "$(basename "$dir")" 2>/dev/null | grep '^{' | tee -a "$out/results.jsonl"
done
if [[ $aot == 1 ]]; then
  # training run on other, smaller problems (same OpenBLAS path); the cache is assembled when it exits.
  # AOTMode=on: the JVM refuses to start if it cannot use the cache (no mislabelled row)
  "$PYTHON" derive-bench/scripts/aot_train_problems.py "$out/aot-train"
  if "$JAVA" -XX:AOTCacheOutput="$out/lp.aot" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.derive.bench.optim.LpRun \
      "$out/aot-train" 3 >"$out/lp.aot.log" 2>&1; then
    for dir in "$out"/problems/*/; do
      "$JAVA" -XX:AOTCache="$out/lp.aot" -XX:AOTMode=on --enable-native-access=ALL-UNNAMED -cp "$JAR" \
        dev.derive.bench.optim.LpRun "$out/problems" 0 "$(basename "$dir")" 2>/dev/null | grep '^{' \
        | sed 's/"lib": "derive"/"lib": "derive, AOT cache", "aot_cache": true/' | tee -a "$out/results.jsonl" \
        || echo "run-lp.sh: the JVM could not use the AOT cache; no AOT row for $(basename "$dir")" >&2
    done
  else
    echo "run-lp.sh: AOT training run failed ($out/lp.aot.log); no AOT rows" >&2
  fi
fi
"$PYTHON" - "$out/results.jsonl" "$doc" "$COMMAND" <<'PY'
import datetime, json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
lines = [("Measured %s UTC, load average at the end of the run %.2f (1 min) / %.2f (5 min), %d cores, with `%s`."
         " *warm s*: best wall time of the warm solves (Derive: after JIT warm-up solves in its own JVM; Python: best of"
         " the repeats in one process). *warm CPU s*: process CPU time (all threads: BLAS, and for Java JIT and GC) per"
         " warm solve (Derive: mean over the timed solves, the JVM counts CPU time in 10 ms steps; Python: of the best"
         " run). *cold s*: wall time of the first solve of the problem in the process (Derive: the first solve in a"
         " fresh JVM after the native BLAS is loaded, interpreted and JIT-compiled while it runs; Python: the first"
         " call after the imports)."
         + (" *derive, AOT cache*: the cold solve alone in a fresh JVM started with a JDK AOT cache (`-XX:AOTCache`,"
            " docs/startup.md) made by a training run on a smaller LP and QP; no warm solves." if any(
             r.get("aot_cache") for r in rows) else "")) % (
    datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0], os.getloadavg()[1], os.cpu_count(),
    sys.argv[3]), "",
    "| problem | n | library | warm s | Derive / this | warm CPU s | Derive / this (CPU) | cold s | Derive / this (cold) | objective | status | iterations | Derive gap / residuals |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for name in sorted({r["problem"] for r in rows}):
    g = [r for r in rows if r["problem"] == name]
    ours = next((r for r in g if r["lib"] == "derive"), None)
    for r in g:
        if r.get("aot_cache"):  # a cold solve only: no warm columns
            cold = r["cold_seconds"]
            lines.append("| %s | %d | %s | - | - | - | - | %.4f | - | %.10g | %s | %s | %.1e / %.1e / %.1e |" % (
                name, r["n"], r["lib"], cold, r["objective"], r["status"], r.get("iterations", "-"),
                r["gap"], r["primal_residual"], r["dual_residual"]))
            continue
        extra = "%.1e / %.1e / %.1e" % (r["gap"], r["primal_residual"], r["dual_residual"]) \
            if r["lib"] == "derive" else ""
        cold = r.get("cold_seconds")
        coldratio = "%.2f" % (ours["cold_seconds"] / cold) if ours and cold and ours.get("cold_seconds") else "-"
        ratio = "%.2f" % (ours["seconds"] / r["seconds"]) if ours else "-"
        cpu = r.get("cpu_seconds")
        cratio = "%.2f" % (ours["cpu_seconds"] / cpu) if ours and cpu and ours.get("cpu_seconds") else "-"
        lines.append("| %s | %d | %s | %.4f | %s | %s | %s | %s | %s | %.10g | %s | %s | %s |" % (
            name, r["n"], r["lib"], r["seconds"], ratio, "%.4f" % cpu if cpu is not None else "-", cratio,
            "%.4f" % cold if cold is not None else "-", coldratio, r["objective"], r["status"],
            r.get("iterations", "-"), extra))
table = "\n".join(lines) + "\n"
doc = sys.argv[2]
start, end = "<!-- lp-results:start -->", "<!-- lp-results:end -->"
text = open(doc).read() if os.path.exists(doc) else ""
if start in text and end in text:
    text = text[:text.index(start) + len(start)] + "\n" + table + text[text.index(end):]
else:
    text += "\n## Linear and quadratic programs (interior point)\n\n" + start + "\n" + table + end + "\n"
open(doc, "w").write(text)
print(table)
PY
