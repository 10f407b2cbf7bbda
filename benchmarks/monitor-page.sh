#!/usr/bin/env bash
# The Monitor page (issue 18) on a generated history: its API calls timed with curl (one warm-up,
# then five each), the page in headless Chromium with UiTimings (route start to charts drawn, and
# the whole navigation), for the last day, week (the page's default), month and all of one
# component's runs. Needs the collector jar, integration-tests' test classes (mvn -B verify -pl
# integration-tests/tests -am -Dit.test=WebUiIT ...), Debian's chromium and chromedriver, and the
# history, e.g. mltrace generate --runs 10000000 --components 10 --days 365 --db URL.
#   usage: benchmarks/monitor-page.sh DB_URL SELENIUM_CLASSPATH [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
db=$1 cp=$2 port=${3:-8399}
tmp=$(mktemp -d)
java -jar collector/target/mltrace-collector.jar ui --db "$db" --port "$port" >"$tmp/ui.log" 2>&1 &
ui=$!
trap 'kill $ui; rm -rf "$tmp"' EXIT
for _ in $(seq 60); do curl -s -o /dev/null "http://127.0.0.1:$port/api/monitor" && break; sleep 1; done
time_call() { # LABEL CALL
  curl -s -o /dev/null "http://127.0.0.1:$port/api/$2"
  local out=""
  for _ in 1 2 3 4 5; do
    out="$out $(curl -s -o "$tmp/answer.json" -w '%{time_total}' "http://127.0.0.1:$port/api/$2")"
  done
  echo "$1:$out s ($(wc -c <"$tmp/answer.json") bytes)"
}
uptime
time_call overview "monitor"
time_call metrics-c1 "monitor/metrics?component=c1"
for last in 1d 7d 30d all; do
  time_call "series-c1-$last" "monitor/series?component=c1&metric=score&last=$last"
done
time_call series-c5-all "monitor/series?component=c5&metric=score&last=all"
java -cp "integration-tests/tests/target/test-classes:$cp" org.mltrace.it.UiTimings \
  "http://127.0.0.1:$port/" 5 '#/monitor' '#/monitor?component=c1&metric=score&last=30d' \
  '#/monitor?component=c5&metric=score&last=all'
uptime
