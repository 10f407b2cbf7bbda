# Sourced by collector-lag.sh and drain-queue.sh: the serving program of serving-rate.sh
# (step(int, double), paced) compiled into DIR/classes with its YAML at DIR/serve.yaml, and a
# process's CPU time in clock ticks.
serve_app() {
  mkdir -p "$1/src/app" "$1/classes"
  sed -n '/^package app;/,/^JAVA$/p' "$(dirname "${BASH_SOURCE[0]}")/serving-rate.sh" | sed '$d' > "$1/src/app/Serve.java"
  javac -g -d "$1/classes" "$1/src/app/Serve.java"
  printf 'components:\n  - name: step\n    method: "app.Serve#step(int, double)"\n    inputs: [i, x]\n    outputs: [return]\n' > "$1/serve.yaml"
}
cpu() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
