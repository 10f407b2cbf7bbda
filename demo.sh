#!/usr/bin/env bash
# The main job: build mltrace, run the NYC-taxi demo pipeline under the agent, drain its queue
# into an embedded H2 database and print what a user looks at: the lineage of the predictions.
set -euo pipefail
cd "$(dirname "$0")"

mvn -q -B -DskipTests package

data="$PWD/mltrace-data/demo"          # fresh on every run
rm -rf "$data"
mkdir -p "$data"
db="jdbc:h2:file:$data/mltrace"
collector=(java -jar collector/target/mltrace-collector.jar)

echo "== 1. the pipeline, unmodified, with -javaagent"
java -javaagent:agent/target/mltrace-agent.jar=config=config-examples/taxi.yaml,queue="$data/queue" \
     -jar integration-tests/demo-pipeline/target/demo-pipeline.jar "$data/work"

echo
echo "== 2. the collector drains the agent's queue into $db"
"${collector[@]}" collect --queue "$data/queue" --once --db "$db"

echo
echo "== 3. where did predictions.csv come from?   (mltrace trace $data/work/predictions.csv)"
"${collector[@]}" trace "$data/work/predictions.csv" --db "$db"

echo
echo "== 4. the train component's runs   (mltrace history train)"
"${collector[@]}" history train --db "$db"
