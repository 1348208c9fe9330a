#!/usr/bin/env bash
# Whole-command time of `berth config` against Debian's docker-compose (Compose v1) on the same
# 30-service file, measured side by side in one hyperfine run. Prints the ratio berth/compose.
# Needs: apt-get install -y docker-compose hyperfine
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bench/gen-compose.sh" "${1:-30}" > "$work/compose.yaml"
"$root/berth" -f "$work/compose.yaml" config -q   # builds Berth and its class-data archive if needed
"$root/berth" -f "$work/compose.yaml" config -q
hyperfine --warmup 3 --runs "${RUNS:-15}" --export-json "$work/result.json" \
  -n berth "$root/berth -f $work/compose.yaml config" \
  -n docker-compose-v1 "docker-compose -f $work/compose.yaml config"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"berth {r['berth']*1000:.0f} ms, docker-compose v1 {r['docker-compose-v1']*1000:.0f} ms, "
      f"ratio berth/compose = {r['berth']/r['docker-compose-v1']:.3f} (target <= 0.25)")
PY
