#!/usr/bin/env bash
# Do two collector jars give the same answers on the demo? Runs the demo pipeline's three nights
# under the agent once, then, for each jar, ingests a copy of that same queue into a fresh H2 file
# (and into a fresh PostgreSQL database when PG_URL_BASE is set), imports the same feedback, and
# records what a user sees: the demo's CLI outputs (text and --json), the web UI's API answers and
# every table's rows. Times the collector itself stamps (columns ending in _at, "N s ago") are
# masked; everything else must be byte-identical. Prints the differences and exits 1 if any.
#
#   benchmarks/same-answers/compare-collectors.sh OLD.jar NEW.jar [WORKDIR]
#   REUSE_QUEUE=1 ... reuses WORKDIR's queue (the agent's run is not what is compared)
#   PG_URL_BASE="jdbc:postgresql://127.0.0.1:5432" benchmarks/same-answers/compare-collectors.sh OLD.jar NEW.jar
#
# Needs the agent and the demo pipeline built (mvn -q -DskipTests package -pl
# agent/dist,integration-tests/demo-pipeline -am), python3 and curl.
set -euo pipefail
old_jar=$(realpath "$1")
new_jar=$(realpath "$2")
work=${3:-$(mktemp -d /tmp/same-answers.XXXXXX)}
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mkdir -p "$work"

if [ -n "${REUSE_QUEUE:-}" ] && [ -d "$work/queue" ]; then
  echo "== reusing the queue and nights in $work (REUSE_QUEUE)"
else
echo "== the demo's three nights under the agent, once, into $work/queue"
rm -rf "$work/queue" "$work"/night*
for n in 1:none 2:nulls 3:drift; do
  java -javaagent:"$root/agent/target/mltrace-agent.jar"=config="$root/config-examples/taxi.yaml",queue="$work/queue" \
    -jar "$root/integration-tests/demo-pipeline/target/demo-pipeline.jar" "$work/night${n%%:*}" \
    --seed "${n%%:*}" --data-problem "${n##*:}" > /dev/null
done
for n in 1 2; do
  awk -F, 'NR == 1 { print "id,label"; next } { print $1 "," ($7 > 0.2 * $5 ? 1 : 0) }' \
    "$work/night$n/clean.csv" > "$work/night$n/tips.csv"
done
fi

answers() {  # answers NAME JAR DB: everything a user sees, into $work/NAME/
  local out="$work/$1" jar=$2 db=$3
  rm -rf "$out" && mkdir -p "$out"
  cp -r "$work/queue" "$out/queue"
  date -u +%Y-%m-%dT%H:%M:%S.%NZ > "$out/clock.log"  # from here on, the collector's own times
  local m=(java -jar "$jar")
  "${m[@]}" collect --queue "$out/queue" --once --db "$db" > "$out/collect.txt" 2>&1
  "${m[@]}" feedback --file "$work/night1/tips.csv" --db "$db" > "$out/feedback1.txt" 2>&1
  "${m[@]}" feedback --file "$work/night2/tips.csv" --db "$db" > "$out/feedback2.txt" 2>&1
  local pred="$work/night2/predictions.csv"
  local run
  run=$("${m[@]}" sql --db "$db" "SELECT id FROM component_runs WHERE component = 'clean' ORDER BY start_time, id" | sed -n 2p)
  while IFS='|' read -r name args; do
    # shellcheck disable=SC2086
    "${m[@]}" $args --db "$db" > "$out/cli-$name.txt" 2>&1 || echo "exit $?" >> "$out/cli-$name.txt"
  done <<CMDS
task|task tips
task-json|task tips --json
alerts|alerts --all
alerts-json|alerts --all --json
trace|trace $pred
trace-json|trace $pred --json
impact|impact $work/night2/raw.csv
history-clean|history clean
history-featurize-json|history featurize --json
history-metric|history featurize --metric fare_mean
stale|stale
stale-json|stale --json
components|components
components-json|components --json
recent-json|recent --json
review-json|review $pred --json
inspect-json|inspect $run --json
label-list|label list
CMDS
  local port=$((20000 + RANDOM % 20000))
  "${m[@]}" ui --port "$port" --db "$db" > "$out/ui.log" 2>&1 &
  local ui=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/components" > /dev/null && break; sleep 0.2; done
  for call in components "history?component=clean" "history?component=featurize" "run?id=$run" \
      "trace?id=$run" "trace?id=$run&direction=impact" review "alerts?all=true" stale "recent?limit=50" \
      monitor "monitor/metrics?component=featurize" "monitor/task?task=tips"; do
    curl -s "http://127.0.0.1:$port/api/$call" > "$out/api-$(echo "$call" | tr '?=&/' '____').json"
  done
  kill "$ui"; wait "$ui" 2> /dev/null || true
  "${m[@]}" sql --db "$db" --json \
    "SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA AND table_type IN ('BASE TABLE', 'VIEW')" \
    | python3 -c 'import json,sys; print("\n".join(sorted(r["table_name"].lower() for r in json.load(sys.stdin))))' \
    | grep -v -E '^(flyway_schema_history|v025_fields)$' > "$out/tables.txt"
  while read -r t; do
    "${m[@]}" sql --db "$db" --json "SELECT * FROM $t" > "$out/table-$t.json"
  done < "$out/tables.txt"
}

dbs=("h2")
[ -n "${PG_URL_BASE:-}" ] && dbs+=("pg")
status=0
for kind in "${dbs[@]}"; do
  for side in old new; do
    jar=$old_jar; [ "$side" = new ] && jar=$new_jar
    if [ "$kind" = h2 ]; then
      db="jdbc:h2:file:$work/$kind-$side/db/mltrace"; rm -rf "$work/$kind-$side/db"
    else
      name="same_answers"   # one name for both sides: it is in the outputs; each side starts afresh
      psql -q -h 127.0.0.1 -U postgres -d test -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" > /dev/null 2>&1
      db="$PG_URL_BASE/$name?user=postgres"
    fi
    echo "== $kind, $side jar: $jar"
    answers "$kind-$side" "$jar" "$db"
  done
  echo "== $kind: differences (old < > new), collector-stamped times masked"
  python3 "$here/normalize.py" "$work/$kind-old" "$work/$kind-new" || status=1
done
exit $status
