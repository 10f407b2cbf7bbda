#!/usr/bin/env bash
# The agent's queue writer alone: events a second it sustains, against Chronicle Queue appending
# the same bytes alone, in the same process (see WriterThroughput's Javadoc). Runs on the
# classes the agent jar ships (its nested jars and its bootstrap classes), not a copy.
#   usage: benchmarks/writer-throughput.sh [EVENTS] [ROUNDS]     (default 300000 5)
# Needs: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
agent=agent/target/mltrace-agent.jar
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && unzip -q "$OLDPWD/$agent" 'mltrace-inst/*')
cp="benchmarks/target/classes:$agent"
for jar in "$tmp"/mltrace-inst/*.jar; do cp="$cp:$jar"; done
opens=(--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-exports java.base/jdk.internal.util=ALL-UNNAMED
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true)
java "${opens[@]}" -cp "$cp" org.mltrace.benchmarks.WriterThroughput "$@"
