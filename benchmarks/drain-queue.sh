#!/usr/bin/env bash
# How fast each collector jar stores one real agent-written queue into PostgreSQL, and what each
# side spends: the program of serving-rate.sh (step(int, double), one thread, paced at RATE
# calls/s, CALLS calls) writes a queue under AGENT once; then, ROUNDS times, each collector jar in
# turn runs `collect --once` on it into a fresh database (migrated first, not timed). Printed per
# drain: runs stored, wall seconds, runs/s, the collector's CPU seconds, and the CPU seconds of the
# PostgreSQL backends serving that database (sampled every 0.5 s, so the last half second of a
# backend may be missed), per stored run.
#   usage: benchmarks/drain-queue.sh RATE CALLS ROUNDS AGENT_JAR COLLECTOR_JAR...
#   e.g.   benchmarks/drain-queue.sh 50000 1000000 2 agent/target/mltrace-agent.jar /tmp/old/mltrace-collector.jar collector/target/mltrace-collector.jar
set -euo pipefail
rate=$1 calls=$2 rounds=$3 agent=$(realpath "$4")
shift 4
tmp=$(mktemp -d)
db=drain_$$
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"; psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1' EXIT
. "$(dirname "$0")/serve-app.sh"
mkdir -p "$tmp/empty"
serve_app "$tmp"
java "-javaagent:$agent=config=$tmp/serve.yaml,queue=$tmp/queue" -cp "$tmp/classes" app.Serve "$rate" "$calls" 0 > "$tmp/app.log" 2>&1
echo "queue: $(du -sh "$tmp/queue" | cut -f1), $(grep -o "'step': [0-9]* calls counted" "$tmp/app.log" || echo "every call recorded")"
url="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres"
printf '%-36s %6s %9s %8s %8s %12s %14s %s\n' jar runs wall_s runs/s load collector_s postgres_us/run
for round in $(seq "$rounds"); do
  for jar in "$@"; do
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1
    java -jar "$jar" collect --once --queue "$tmp/empty" --db "$url" >/dev/null 2>&1
    rm -f "$tmp"/pg.*
    (while true; do
      for p in $(psql -At -h 127.0.0.1 -U postgres -d test -c "SELECT pid FROM pg_stat_activity WHERE datname = '$db'"); do
        c=$(cpu "$p"); [ "$c" != 0 ] && echo "$c" > "$tmp/pg.$p"
      done
      sleep 0.5
    done) &
    mon=$!
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -f "%e %U %S" -o "$tmp/time" java -jar "$jar" collect --once --queue "$tmp/queue" --db "$url" > "$tmp/collect.log" 2>&1
    kill $mon; wait $mon 2>/dev/null || true
    read -r wall user sys < "$tmp/time"
    runs=$(psql -At -h 127.0.0.1 -U postgres -d "$db" -c "SELECT COUNT(*) FROM component_runs")
    pg=$(cat "$tmp"/pg.* 2>/dev/null | paste -sd+ | bc); pg=${pg:-0}
    printf '%-36s %6d %9.2f %8.0f %8s %12.2f %14.2f\n' "$(basename "$(dirname "$jar")")/$(basename "$jar")" \
      "$runs" "$wall" "$(echo "$runs / $wall" | bc -l)" "$load" "$(echo "$user + $sys" | bc)" "$(echo "$pg * 10000 / $runs" | bc -l)"
  done
done
