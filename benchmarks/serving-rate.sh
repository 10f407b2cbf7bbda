#!/usr/bin/env bash
# How much of a serving workload the agent records, and what it costs the calling thread: a
# method step(int, double) with two inputs and a return, called on one thread at a paced RATE
# (0: a tight loop) from the JVM's first second (or after PAUSE seconds), CALLS times, under each
# agent jar given (e.g. the previous release's and this build's, interleaved), and without one.
# Recorded, unrecorded (breaker or sample:) and dropped come from the agent's exit report.
#   usage: benchmarks/serving-rate.sh RATE CALLS [PAUSE] [ROUNDS] JAR...
#   e.g.   benchmarks/serving-rate.sh 50000 200000 0 3 /tmp/old/mltrace-agent.jar agent/target/mltrace-agent.jar
set -euo pipefail
rate=$1 calls=$2 pause=${3:-0} rounds=${4:-3}
shift 4 || shift $#
jars=("$@")
[ ${#jars[@]} -gt 0 ] || jars=("$(cd "$(dirname "$0")/.." && pwd)/agent/target/mltrace-agent.jar")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/app" "$tmp/classes"
cat >"$tmp/src/app/Serve.java" <<'JAVA'
package app;
public class Serve {
  static double step(int i, double x) { return x * 0.5 + i; }
  public static void main(String[] args) throws Exception {
    long rate = Long.parseLong(args[0]), calls = Long.parseLong(args[1]);
    Thread.sleep(Long.parseLong(args[2]) * 1000);
    long t0 = System.nanoTime();
    double sink = 0;
    for (long i = 0; i < calls; i++) {
      if (rate > 0) {
        long due = t0 + i * 1_000_000_000L / rate;
        while (System.nanoTime() < due) { Thread.onSpinWait(); }
      }
      sink += step((int) i, sink * 1e-9);
    }
    System.out.println("ns/call=" + (System.nanoTime() - t0) / calls + " " + (sink > 0));
  }
}
JAVA
javac -g -d "$tmp/classes" "$tmp/src/app/Serve.java"
cat >"$tmp/serve.yaml" <<'YAML'
components:
  - name: step
    method: "app.Serve#step(int, double)"
    inputs: [i, x]
    outputs: [return]
YAML
echo "rate=$rate calls=$calls pause=${pause}s $(java -version 2>&1 | head -n 1)"
for round in $(seq 1 "$rounds"); do
  start=$(date +%s.%N)
  out=$(java -cp "$tmp/classes" app.Serve "$rate" "$calls" "$pause" 2>&1)
  printf '  no agent                  %s wall=%.2fs load=%s\n' "$(grep -o 'ns/call=[0-9]*' <<<"$out")" \
    "$(echo "$(date +%s.%N) - $start" | bc)" "$(cut -d' ' -f1 /proc/loadavg)"
  for jar in "${jars[@]}"; do
    rm -rf "$tmp/queue"
    start=$(date +%s.%N)
    out=$(java "-javaagent:$jar=config=$tmp/serve.yaml,queue=$tmp/queue" -cp "$tmp/classes" app.Serve "$rate" "$calls" "$pause" 2>&1)
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    unrec=$(grep -o "'step': [0-9]* calls counted" <<<"$out" | grep -o '[0-9]*' || true)
    dropped=$(grep -o 'written, [0-9]* dropped' <<<"$out" | grep -o '[0-9]*' || true)
    unrec=${unrec:-0} dropped=${dropped:-0}
    printf '  %-25s %s wall=%.2fs recorded=%d%% unrecorded=%d dropped=%d load=%s\n' "$(basename "$(dirname "$jar")")/$(basename "$jar")" \
      "$(grep -o 'ns/call=[0-9]*' <<<"$out")" "$wall" $(( (calls - unrec - dropped) * 100 / calls )) "$unrec" "$dropped" \
      "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
