#!/usr/bin/env bash
# The main job: build mltrace, run the NYC-taxi demo pipeline under the agent on three nights
# (a normal one, one whose raw data has a burst of blank fares, one whose fares drift), drain the
# queue into an embedded H2 database, feed the first two nights' tips back as delayed ground truth,
# and print what a user looks at: the task's windowed metrics, the failed triggers, the
# alerts they raised, and the lineage of the bad night's predictions back to the failing run.
set -euo pipefail
cd "$(dirname "$0")"

# Only what the demo runs: the agent, the collector and the taxi pipeline (not the other test
# applications, whose Kotlin and Scala compilers are slow to build and start).
mvn -q -B -DskipTests package -pl agent/dist,collector,integration-tests/demo-pipeline -am

data="$PWD/mltrace-data/demo"          # fresh on every run
rm -rf "$data"
mkdir -p "$data"
db="jdbc:h2:file:$data/mltrace"
collector=(java -jar collector/target/mltrace-collector.jar)

night() {   # night NUMBER DATA_PROBLEM: one scheduled pipeline run in its own work directory
  echo "-- night $1 (--data-problem $2)"
  java -javaagent:agent/target/mltrace-agent.jar=config=config-examples/taxi.yaml,queue="$data/queue" \
       -jar integration-tests/demo-pipeline/target/demo-pipeline.jar "$data/night$1" \
       --seed "$1" --data-problem "$2"
}

echo "== 1. the pipeline, unmodified, with -javaagent, on three nights"
night 1 none
night 2 nulls     # a meter firmware bug blanks a third of the fares
night 3 drift     # a fare hike: every fare 60% higher

echo
echo "== 2. the collector drains the agent's queue into $db and evaluates the triggers"
"${collector[@]}" collect --queue "$data/queue" --once --db "$db"

tips() {    # tips NIGHT: the generous-tip outcome (tip above 20% of the fare) of the night's scored trips,
            # as the payment system reports it once riders have paid: id,label
  awk -F, 'NR == 1 { print "id,label"; next } { print $1 "," ($7 > 0.2 * $5 ? 1 : 0) }' \
      "$data/night$1/clean.csv" > "$data/night$1/tips.csv"
}

echo
echo "== 3. delayed ground truth: nights 1 and 2's tips arrive; night 3's riders have not paid yet"
echo "   (mltrace feedback --file nightN/tips.csv, then mltrace task tips)"
tips 1
tips 2
"${collector[@]}" feedback --file "$data/night1/tips.csv" --db "$db"
"${collector[@]}" feedback --file "$data/night2/tips.csv" --db "$db"
"${collector[@]}" task tips --db "$db"

echo
echo "== 4. the alerts the failed triggers and SLAs raised   (mltrace alerts --all)"
"${collector[@]}" alerts --all --db "$db"

echo
echo "== 5. where did night 2's predictions come from?   (mltrace trace .../night2/predictions.csv)"
"${collector[@]}" trace "$data/night2/predictions.csv" --db "$db"

echo
echo "== 6. the clean component's runs and their triggers   (mltrace history clean)"
"${collector[@]}" history clean --db "$db"

echo
echo "== 7. the featurize component's runs: night 3's fares drifted   (mltrace history featurize)"
"${collector[@]}" history featurize --db "$db"

echo
echo "== 8. which components' latest runs are stale, and why   (mltrace stale)"
"${collector[@]}" stale --db "$db"
