#!/usr/bin/env bash
# Whole-command time of `berth config` against Debian's docker-compose (Compose v1) on the same 30-service file
# (N with the first argument). Two hyperfine runs, each reported as ratios berth/compose (target <= 0.25):
#   warm:  ./berth through its resident CLI server (already running), ./berth run directly in a JVM of its own
#          (BERTH_NO_SERVER=1) and docker-compose v1, side by side in one run;
#   cold:  the first ./berth run after `berth cli-server stop` (it starts the server, then runs the command),
#          against docker-compose v1 in the same run.
# Needs: apt-get install -y docker-compose hyperfine. RUNS=n sets the warm runs (default 15), COLD_RUNS the cold
# ones (default 5). The CLI server the benchmark starts keeps running afterwards (it exits after its idle timeout;
# `./berth cli-server stop` stops it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/bench/gen-compose.sh" "${1:-30}" > "$work/compose.yaml"
berth="$root/berth"
"$berth" -f "$work/compose.yaml" config -q   # builds Berth, its class-data archive and starts the CLI server if needed
BERTH_NO_SERVER=1 "$berth" -f "$work/compose.yaml" config -q

hyperfine --warmup 3 --runs "${RUNS:-15}" --export-json "$work/warm.json" \
  -n berth "$berth -f $work/compose.yaml config" \
  -n berth-direct "BERTH_NO_SERVER=1 $berth -f $work/compose.yaml config" \
  -n docker-compose-v1 "docker-compose -f $work/compose.yaml config"
hyperfine --runs "${COLD_RUNS:-5}" --export-json "$work/cold.json" \
  --prepare "$berth cli-server stop >/dev/null 2>&1 || true" \
  -n berth-cold "$berth -f $work/compose.yaml config" \
  -n docker-compose-v1 "docker-compose -f $work/compose.yaml config"

python3 - "$work/warm.json" "$work/cold.json" <<'PY'
import json, sys
warm = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
cold = {x["command"]: x["mean"] for x in json.load(open(sys.argv[2]))["results"]}
v1 = warm["docker-compose-v1"]
print(f"warm: berth {warm['berth']*1000:.0f} ms (CLI server), berth direct {warm['berth-direct']*1000:.0f} ms, "
      f"docker-compose v1 {v1*1000:.0f} ms")
print(f"  ratio berth/compose = {warm['berth']/v1:.3f} (target <= 0.25); "
      f"direct/compose = {warm['berth-direct']/v1:.3f}")
print(f"cold (server starting): berth {cold['berth-cold']*1000:.0f} ms, "
      f"docker-compose v1 {cold['docker-compose-v1']*1000:.0f} ms, "
      f"ratio = {cold['berth-cold']/cold['docker-compose-v1']:.3f}")
PY
