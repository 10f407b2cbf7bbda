#!/usr/bin/env bash
# Live heap of a program calling a traced method (an int and a double[16] in, a long and a local
# out), measured after SECONDS while it goes on calling, with and without the agent: paced (about 5,000 calls/s, the writer keeps up)
# and in a tight loop (the writer cannot keep up, the buffer fills). The live heap is the
# "Total" of jcmd GC.class_histogram, which runs a full GC first.
#   usage: benchmarks/agent-heap.sh [SECONDS]     (default 8)
# Needs the agent jar: mvn -q -DskipTests package (or -pl agent/dist -am package)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/src/app" "$tmp/classes"
cat >"$tmp/src/app/Calls.java" <<'JAVA'
package app;
public class Calls {
  static long call(int n, double[] xs) { long sum = n; for (double x : xs) sum += (long) x; long total = sum; return total; }
  public static void main(String[] args) throws Exception {
    boolean tight = args[0].equals("tight");
    long ready = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
    double[] xs = new double[16];
    long sink = 0;
    boolean told = false;
    while (true) { // still calling while measured; the script kills it
      sink += call((int) sink, xs);
      if (!tight) java.util.concurrent.locks.LockSupport.parkNanos(200_000);
      if (!told && System.nanoTime() > ready) {
        System.out.println("ready " + sink);
        told = true;
      }
    }
  }
}
JAVA
javac -d "$tmp/classes" "$tmp/src/app/Calls.java"
cat >"$tmp/calls.yaml" <<'YAML'
components:
  - name: call
    method: "app.Calls#call(int, double[])"
    inputs: [n, xs]
    outputs: [return, total]
YAML

live() { # MODE AGENT-ARGS...: prints the live heap in MB once the loop has run
  local mode=$1; shift
  java "$@" -cp "$tmp/classes" app.Calls "$mode" "$seconds" >"$tmp/out" 2>/dev/null &
  local pid=$!
  until grep -q ready "$tmp/out" 2>/dev/null; do sleep 0.2; done
  jcmd "$pid" GC.class_histogram | awk '/^Total/ {printf "%.1f MB", $3 / 1048576}'
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
agent="-javaagent:agent/target/mltrace-agent.jar=config=$tmp/calls.yaml,queue=$tmp/queue"
echo "live heap after $seconds s ($(java -version 2>&1 | head -n 1)):"
echo "  paced, without agent: $(live paced)"
echo "  paced, with agent:    $(live paced "$agent")"
echo "  tight, without agent: $(live tight)"
echo "  tight, with agent:    $(live tight "$agent")"
