#!/usr/bin/env bash
# How far `mltrace collect` (following) falls behind an agent writing a serving workload: the
# program of serving-rate.sh (step(int, double), one thread, paced at RATE calls/s from its first
# second, for SECONDS) runs under the agent while `collect --queue` follows its queue into a fresh
# PostgreSQL database; every 5 s the stored runs are counted. "behind" = calls made so far minus
# runs stored, in seconds of calls (it includes the calls the breaker left unrecorded, which are
# counted, not stored). At the end it prints the CPU seconds each side used (application JVM,
# collector JVM, PostgreSQL's processes), which is what bounds the rate on a 2-core machine.
#   usage: benchmarks/collector-lag.sh RATE SECONDS AGENT_JAR COLLECTOR_JAR
#   e.g.   benchmarks/collector-lag.sh 50000 60 agent/target/mltrace-agent.jar collector/target/mltrace-collector.jar
set -euo pipefail
rate=$1 seconds=$2 agent=$(realpath "$3") collector=$(realpath "$4")
calls=$((rate * seconds))
tmp=$(mktemp -d)
db=lag_$$
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"; psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
. "$(dirname "$0")/serve-app.sh"
mkdir -p "$tmp/queue"
serve_app "$tmp"
psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE DATABASE $db" >/dev/null
url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
java -jar "$collector" collect --once --queue "$tmp/queue" --db "$url" >/dev/null 2>&1   # migrate first
pg_cpu() { local s=0; for p in $(pgrep -u postgres); do s=$((s + $(cpu "$p"))); done; echo $s; }
pg0=$(pg_cpu)
java -jar "$collector" collect --queue "$tmp/queue" --db "$url" > "$tmp/collect.log" 2>&1 &
cpid=$!
t0=$(date +%s.%N)
java "-javaagent:$agent=config=$tmp/serve.yaml,queue=$tmp/queue" -cp "$tmp/classes" app.Serve "$rate" "$calls" 0 > "$tmp/app.log" 2>&1 &
apid=$!
app_cpu=0
echo "rate=$rate seconds=$seconds calls=$calls load=$(cut -d' ' -f1 /proc/loadavg)"
printf '%6s %12s %10s\n' "t(s)" "stored" "behind(s)"
last=-1 same=0
while true; do
  sleep 5
  t=$(echo "$(date +%s.%N) - $t0" | bc)
  [ -d "/proc/$apid" ] && app_cpu=$(cpu $apid)
  stored=$(psql -At -h 127.0.0.1 -U postgres -d "$db" -c "SELECT COUNT(*) FROM component_runs")
  made=$(echo "if ($t * $rate < $calls) $t * $rate else $calls" | bc)
  printf '%6.0f %12d %10.1f\n' "$t" "$stored" "$(echo "($made - $stored) / $rate" | bc -l)"
  if ! [ -d "/proc/$apid" ] && [ "$stored" = "$last" ]; then same=$((same + 1)); else same=0; fi
  last=$stored
  [ $same -ge 2 ] && break
done
wait $apid || true
echo "application: $(grep -o 'written, [0-9]* dropped' "$tmp/app.log" || true); $(grep -o "'step': [0-9]* calls counted" "$tmp/app.log" || echo '0 unrecorded')"
echo "CPU seconds: application $(echo "$app_cpu / 100" | bc -l | cut -c1-6), collector $(echo "$(cpu $cpid) / 100" | bc -l | cut -c1-6), PostgreSQL $(echo "($(pg_cpu) - $pg0) / 100" | bc -l | cut -c1-6)"
