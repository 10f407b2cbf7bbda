#!/usr/bin/env bash
# Times the taxi demo pipeline with and without the agent, alternating runs in one session so
# that both see the same machine state, and prints the medians and their ratio.
#   usage: benchmarks/demo-overhead.sh [RUNS] [TRIPS]     (defaults: 7 runs, 5000 trips)
# Needs the jars: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
trips=${2:-5000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

app=(-jar integration-tests/demo-pipeline/target/demo-pipeline.jar)
agent="-javaagent:agent/target/mltrace-agent.jar=config=config-examples/taxi.yaml,queue=$tmp/queue"

millis() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >"$tmp/plain"; : >"$tmp/traced"
for i in $(seq 1 "$runs"); do
  t0=$(millis); java "${app[@]}" "$tmp/p$i" --trips "$trips" >/dev/null; t1=$(millis)
  java "$agent" "${app[@]}" "$tmp/t$i" --trips "$trips" >/dev/null 2>&1; t2=$(millis)
  echo $((t1 - t0)) >>"$tmp/plain"; echo $((t2 - t1)) >>"$tmp/traced"
done
plain=$(median <"$tmp/plain"); traced=$(median <"$tmp/traced")
echo "demo ($trips trips), median of $runs alternating runs, whole JVM wall time:"
echo "  without agent: ${plain} ms"
echo "  with agent:    ${traced} ms"
awk -v p="$plain" -v t="$traced" 'BEGIN {printf "  ratio:         %.2fx  (+%d ms)\n", t/p, t-p}'
