#!/usr/bin/env bash
# Interior point (dev.derive.optim.constrained.InteriorPoint) against scipy's HiGHS (LPs) and cvxopt (a dense
# QP) on the same problems, written by scripts/lp_problems.py; table between the lp-results markers of
# docs/benchmarks.md.
#
#   derive-bench/scripts/run-lp.sh [--repeats 3] [--doc FILE] [--skip-build]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/derive-bench/target/benchmarks.jar"
PYTHON="${PYTHON:-/usr/bin/python3}"
repeats=3 doc="$ROOT/docs/benchmarks.md" build=1
COMMAND="derive-bench/scripts/run-lp.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) repeats="$2"; shift ;;
    --doc) doc="$2"; shift ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "run-lp.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
JAVA="${DERIVE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
command -v "$JAVA" >/dev/null 2>&1 || JAVA=java
cd "$ROOT"
if [[ $build == 1 ]]; then ./mvnw -B -q -pl derive-bench -am package -DskipTests; fi
out="$ROOT/derive-bench/target/lp-results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out/problems"
"$PYTHON" derive-bench/scripts/lp_problems.py "$out/problems" "$repeats" | tee "$out/results.jsonl"
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" dev.derive.bench.optim.LpRun "$out/problems" "$repeats" 2>/dev/null \
  | grep '^{' | tee -a "$out/results.jsonl"
"$PYTHON" - "$out/results.jsonl" "$doc" "$COMMAND" <<'PY'
import datetime, json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
lines = ["Measured %s UTC, load average at the end of the run %.2f (1 min) / %.2f (5 min), %d cores, with `%s`. CPU"
         " seconds are the process CPU time of the best run (all threads, BLAS included)." % (
    datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), os.getloadavg()[0], os.getloadavg()[1], os.cpu_count(),
    sys.argv[3]), "",
    "| problem | n | library | seconds (best) | Derive / this | CPU seconds | Derive / this (CPU) | objective | status | Derive gap / residuals / iterations |",
    "|---|---|---|---|---|---|---|---|---|---|"]
for name in sorted({r["problem"] for r in rows}):
    g = [r for r in rows if r["problem"] == name]
    ours = next((r for r in g if r["lib"] == "derive"), None)
    for r in g:
        extra = "%.1e / %.1e / %.1e / %d" % (r["gap"], r["primal_residual"], r["dual_residual"], r["iterations"]) \
            if r["lib"] == "derive" else ""
        ratio = "%.2f" % (ours["seconds"] / r["seconds"]) if ours else "-"
        cpu = r.get("cpu_seconds")
        cratio = "%.2f" % (ours["cpu_seconds"] / cpu) if ours and cpu and ours.get("cpu_seconds") else "-"
        lines.append("| %s | %d | %s | %.4f | %s | %s | %s | %.10g | %s | %s |" % (name, r["n"], r["lib"], r["seconds"],
                     ratio, "%.4f" % cpu if cpu is not None else "-", cratio, r["objective"], r["status"], extra))
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
