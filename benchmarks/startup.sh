#!/usr/bin/env bash
# JVM start to main with and without the agent and a 20-component YAML (none of which match, so
# only the agent's own start-up is measured): an empty program prints the JVM uptime first thing
# in main. Runs alternate so that both see the same machine state; prints each run and the medians.
#   usage: benchmarks/startup.sh [RUNS]     (default 5)
# Needs the agent jar: mvn -q -DskipTests package (or -pl agent/dist -am package)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/src/app" "$tmp/classes"
cat >"$tmp/src/app/Empty.java" <<'JAVA'
package app;
public class Empty {
  public static void main(String[] args) {
    System.out.println(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
  }
}
JAVA
javac -d "$tmp/classes" "$tmp/src/app/Empty.java"
{
  echo "components:"
  for i in $(seq 1 20); do
    printf '  - name: stage%d\n    method: "com.example.pipeline.Stage%d#run(java.nio.file.Path, int)"\n' "$i" "$i"
    printf '    inputs: [input, epochs]\n    outputs: [return, model]\n'
  done
} >"$tmp/twenty.yaml"
agent="-javaagent:agent/target/mltrace-agent.jar=config=$tmp/twenty.yaml,queue=$tmp/queue"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
: >"$tmp/plain"; : >"$tmp/traced"
for i in $(seq 1 "$runs"); do
  java -cp "$tmp/classes" app.Empty >>"$tmp/plain"
  java "$agent" -cp "$tmp/classes" app.Empty 2>/dev/null >>"$tmp/traced"
done
plain=$(median <"$tmp/plain"); traced=$(median <"$tmp/traced")
echo "JVM uptime at main, $runs alternating runs, 20-component YAML ($(java -version 2>&1 | head -n 1)):"
echo "  without agent: $(tr '\n' ' ' <"$tmp/plain")-> median ${plain} ms"
echo "  with agent:    $(tr '\n' ' ' <"$tmp/traced")-> median ${traced} ms"
awk -v p="$plain" -v t="$traced" 'BEGIN {printf "  added:         %+d ms (%.2fx)\n", t-p, t/p}'
