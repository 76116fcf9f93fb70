#!/usr/bin/env bash
# One BoostRun process (one library, one task) with the machine's counters read around it: the training time, the
# process's wall / user / system CPU seconds, and from /proc/stat and /proc/interrupts (all CPUs) the jiffies of
# steal and idle time, context switches, rescheduling and function-call IPIs and TLB shootdowns during the run.
# Used in docs/boost.md (eleventh round) to see how much of a run the vCPUs spent idle or stolen.
#
#   derive-bench/scripts/boost-counters.sh TASK LIB [JVM options...]     (TASK higgs|flights, LIB derive|lightgbm|xgboost)
#
# Environment: JAR (default derive-bench/target/benchmarks.jar), ROUNDS (200), THREADS (2), LABEL (printed), DERIVE_JAVA.
# Run `run-boost.sh` once first (or `BoostRun --lib prepare`) so that the task's data is in derive-bench/target/boost-data.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
task="$1" lib="$2"
shift 2
JAVA="${DERIVE_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
command -v "$JAVA" >/dev/null 2>&1 || JAVA=java
JAR="${JAR:-$ROOT/derive-bench/target/benchmarks.jar}"
snap() {
  awk '/^cpu /{i=$5; s=$9} /^ctxt/{c=$2} END{printf "%d %d %d ", i, s, c}' /proc/stat
  awk '/RES:|CAL:|TLB:/{t=0; for (k=2; k<=NF && $k ~ /^[0-9]+$/; k++) t+=$k; printf "%d ", t}' /proc/interrupts
}
read -r a1 a2 a3 a4 a5 a6 <<<"$(snap)"
out=$(/usr/bin/time -f "TIME %e %U %S" "$JAVA" -Xmx12g --enable-native-access=ALL-UNNAMED "$@" -cp "$JAR" \
  dev.derive.bench.boost.BoostRun --lib "$lib" --task "$task" --rounds "${ROUNDS:-200}" --threads "${THREADS:-2}" \
  --data "$ROOT/derive-bench/target/boost-data" --shared "$ROOT/../shared/datasets" 2>&1 | grep -E '^\{|^TIME' || true)
read -r b1 b2 b3 b4 b5 b6 <<<"$(snap)"
s=$(echo "$out" | grep '^{' | sed 's/.*"train_seconds": \([0-9.]*\).*/\1/')
tm=$(echo "$out" | grep '^TIME' | cut -c6-)
echo "$(date -u +%H:%M:%S) $task $lib ${LABEL:-} train_s=$s wall/user/sys=$tm steal=$((b2 - a2)) idle=$((b1 - a1))" \
  "ctxt=$((b3 - a3)) RES=$((b4 - a4)) CAL=$((b5 - a5)) TLB=$((b6 - a6))"
