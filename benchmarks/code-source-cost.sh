#!/usr/bin/env bash
# What reporting a woven class's code source (the jar's SHA-256 and Maven coordinates, issue 18)
# costs a short JVM: a main that calls one traced method whose class is in a jar of SIZE_MB
# (padded with random bytes, with a pom.properties), then exits. Times, per agent jar given (e.g.
# the previous build's and this one's, interleaved) and without one: the JVM's uptime when the
# traced class is loaded, when main ends, and the wall time to exit (which includes the exit's
# wait, at most 2 s, for a jar still being hashed). Prints each run's figures and the medians.
#   usage: benchmarks/code-source-cost.sh SIZE_MB RUNS JAR...
#   e.g.   benchmarks/code-source-cost.sh 100 7 /tmp/old/mltrace-agent.jar agent/target/mltrace-agent.jar
set -euo pipefail
size=$1 runs=$2
shift 2
jars=("$@")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/lib" "$tmp/src/app" "$tmp/lib" "$tmp/app" "$tmp/jar/META-INF/maven/com.example/model"
cat >"$tmp/src/lib/Model.java" <<'JAVA'
package lib;
public class Model {
  public static double score(double x) { return x * 2; }
}
JAVA
cat >"$tmp/src/app/Main.java" <<'JAVA'
package app;
import java.lang.management.ManagementFactory;
public class Main {
  public static void main(String[] args) {
    double s = lib.Model.score(1.5); // loads (and weaves) the class from the big jar
    long loaded = ManagementFactory.getRuntimeMXBean().getUptime();
    for (int i = 0; i < 100; i++) { s += lib.Model.score(i); }
    System.out.println(loaded + " " + ManagementFactory.getRuntimeMXBean().getUptime() + " " + (s > 0));
  }
}
JAVA
javac -g -d "$tmp/jar" "$tmp/src/lib/Model.java"
javac -g -cp "$tmp/jar" -d "$tmp/app" "$tmp/src/app/Main.java"
printf 'groupId=com.example\nartifactId=model\nversion=1.0\n' >"$tmp/jar/META-INF/maven/com.example/model/pom.properties"
head -c "$((size << 20))" /dev/urandom >"$tmp/jar/padding.bin"
(cd "$tmp/jar" && jar --create --file "$tmp/lib/model-1.0.jar" --no-compress .)
cat >"$tmp/model.yaml" <<'YAML'
components:
  - name: score
    method: "lib.Model#score(double)"
    inputs: [x]
    outputs: [return]
YAML
cp="$tmp/app:$tmp/lib/model-1.0.jar"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
run() { # label, java args...: appends "loaded main-end wall" to $tmp/$label
  local label=$1; shift
  local t0 t1 out
  t0=$(date +%s%N)
  out=$(java "$@" -cp "$cp" app.Main 2>/dev/null)
  t1=$(date +%s%N)
  echo "$(echo "$out" | cut -d' ' -f1,2) $(((t1 - t0) / 1000000))" >>"$tmp/$label"
}
: >"$tmp/plain"
for j in "${!jars[@]}"; do : >"$tmp/agent$j"; done
for i in $(seq 1 "$runs"); do
  run plain
  for j in "${!jars[@]}"; do
    rm -rf "$tmp/queue"
    run "agent$j" "-javaagent:${jars[$j]}=config=$tmp/model.yaml,queue=$tmp/queue"
  done
done
echo "a traced class in a ${size} MiB jar, $runs alternating runs ($(java -version 2>&1 | head -n 1)); ms: class loaded / main ended (JVM uptime) / wall to exit"
report() {
  printf '  %-60s %6s %6s %6s\n' "$1" "$(cut -d' ' -f1 <"$2" | median)" "$(cut -d' ' -f2 <"$2" | median)" "$(cut -d' ' -f3 <"$2" | median)"
}
report "without agent" "$tmp/plain"
for j in "${!jars[@]}"; do report "${jars[$j]}" "$tmp/agent$j"; done
