#!/usr/bin/env bash
# The agent's queue writer alone: events a second it sustains, against Chronicle Queue appending
# the same bytes alone, in the same process (see WriterThroughput's Javadoc).
#   usage: benchmarks/writer-throughput.sh [EVENTS] [ROUNDS]     (default 300000 5)
# Needs: mvn -q -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
opens=(--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens java.base/java.io=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-exports java.base/jdk.internal.util=ALL-UNNAMED
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true)
exec java "${opens[@]}" -cp benchmarks/target/benchmarks.jar org.mltrace.benchmarks.WriterThroughput "$@"
