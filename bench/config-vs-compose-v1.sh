#!/usr/bin/env bash
# Whole-command time of `berth config` against Debian's docker-compose (Compose v1) on the same 30-service file
# (N with the first argument). Two hyperfine runs, each reported as ratios berth/compose (target <= 0.25):
#   warm:  ./berth through its resident CLI server (running, and primed with PRIME=20 commands, as in a working
#          session), ./berth run directly in a JVM of its own
#          (BERTH_NO_SERVER=1) and docker-compose v1, side by side in one run;
#   cold:  the first ./berth run after `berth cli-server stop` (it runs the command in a JVM of its own and starts
#          the server once that has ended), against docker-compose v1 in the same run.
# On a busy machine wall-clock times swing with the load, so the CPU time of each command is reported as well:
# for berth through the server that is the launcher's and client's (from hyperfine) plus the server's share
# (its user+system time over the run, from /proc, divided by the requests it served).
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
# "warm" means a server that has served a few commands (its code compiled), as in a working session
for _ in $(seq "${PRIME:-20}"); do "$berth" -f "$work/compose.yaml" config >/dev/null; done

runs=${RUNS:-15}
warmup=3
sock="$("$root/compose-cli/target/berth-client" --jar "$root/compose-cli/target/berth.jar" --socket-path)"
server_pid="$(cat "${sock%.sock}.pid")"
server_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
ticks_before=$(server_ticks)
hyperfine --warmup "$warmup" --runs "$runs" --export-json "$work/warm.json" \
  -n berth "$berth -f $work/compose.yaml config" \
  -n berth-direct "BERTH_NO_SERVER=1 $berth -f $work/compose.yaml config" \
  -n docker-compose-v1 "docker-compose -f $work/compose.yaml config"
server_cpu=$(python3 -c "print(($(server_ticks) - $ticks_before) / $(getconf CLK_TCK) / ($warmup + $runs))")
# before each cold run: let the server that the previous run started in the background come up, then stop it
printf '%s\n' "for _ in \$(seq 200); do [ -S $sock ] && [ -f ${sock%.sock}.pid ] && break; sleep 0.05; done" \
  "$berth cli-server stop >/dev/null 2>&1 || true" > "$work/no-server.sh"
hyperfine --runs "${COLD_RUNS:-5}" --export-json "$work/cold.json" \
  --prepare "bash $work/no-server.sh" \
  -n berth-cold "$berth -f $work/compose.yaml config" \
  -n docker-compose-v1 "docker-compose -f $work/compose.yaml config"

python3 - "$work/warm.json" "$work/cold.json" "$server_cpu" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
warm = {x["command"]: x["mean"] for x in results}
cpu = {x["command"]: x["user"] + x["system"] for x in results}
cpu["berth"] += float(sys.argv[3])
cold = {x["command"]: x["mean"] for x in json.load(open(sys.argv[2]))["results"]}
v1 = warm["docker-compose-v1"]
print(f"warm: berth {warm['berth']*1000:.0f} ms (CLI server), berth direct {warm['berth-direct']*1000:.0f} ms, "
      f"docker-compose v1 {v1*1000:.0f} ms")
print(f"  ratio berth/compose = {warm['berth']/v1:.3f} (target <= 0.25); "
      f"direct/compose = {warm['berth-direct']/v1:.3f}")
print(f"cpu:  berth {cpu['berth']*1000:.0f} ms (of which the server {float(sys.argv[3])*1000:.0f} ms), "
      f"berth direct {cpu['berth-direct']*1000:.0f} ms, docker-compose v1 {cpu['docker-compose-v1']*1000:.0f} ms")
print(f"  ratio berth/compose = {cpu['berth']/cpu['docker-compose-v1']:.3f}; "
      f"direct/compose = {cpu['berth-direct']/cpu['docker-compose-v1']:.3f}")
print(f"cold (server starting): berth {cold['berth-cold']*1000:.0f} ms, "
      f"docker-compose v1 {cold['docker-compose-v1']*1000:.0f} ms, "
      f"ratio = {cold['berth-cold']/cold['docker-compose-v1']:.3f}")
PY
