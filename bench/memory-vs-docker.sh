#!/usr/bin/env bash
# Resident memory with N idle containers (default 30), side by side:
#   dockerd + containerd + one containerd-shim-runc-v2 per container (a private dockerd, bench/lib/private-dockerd.sh),
#   the berth engine daemon (a JVM) + one berth-shim per container,
# both running the same stack (bench/gen-compose.sh N --idle: a shell sleeping in a FROM-scratch busybox, on the
# project's default network), brought up by docker-compose v1 on dockerd and by berth on its engine.
# Prints RSS (pages shared between processes counted once per process) and PSS (shared pages divided among the
# processes sharing them) of each side and the ratio berth/docker (issue 8: target <= 0.4).
#
# The containers' own processes are not counted on either side. Starts its own dockerd and berth engine
# (BERTH_ROOT, BERTH_RUN_DIR in a temp dir); at the end takes both stacks down, stops the engine with
# `berth engine stop`, dockerd by pid, and removes the temp dir.
# BERTH: how to run berth (default: ./berth, which builds it first); e.g. BERTH="java -jar compose-cli/target/berth.jar".
# SETTLE: seconds to wait once both stacks run (default 5). Needs root, docker.io, docker-compose, runc, python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-30}
settle=${SETTLE:-5}
work=$(mktemp -d /tmp/berth-memory-bench.XXXXXX)
image=benchmem/busybox:1
# shellcheck source=lib/private-dockerd.sh
. "$root/bench/lib/private-dockerd.sh"

export BERTH_ROOT="$work/berth-root" BERTH_RUN_DIR="$work/berth-run"
read -r -a berth <<< "${BERTH:-$root/berth}"
compose="$work/compose.yaml"
v1=(docker-compose -f "$compose" -p benchmem)
b=("${berth[@]}" --runtime embedded --progress quiet -f "$compose" -p benchmem)

cleanup() {
  set +e
  if [ -d "$BERTH_RUN_DIR" ]; then
    "${b[@]}" down >/dev/null 2>&1
    "${berth[@]}" engine stop >/dev/null 2>&1
  fi
  [ -n "${PRIVATE_DOCKERD_PID:-}" ] && private_dockerd_stop   # removes every container of that dockerd
  grep " $work/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  rm -rf "$work"
}
trap cleanup EXIT

private_dockerd_start "berth-membench-$$"
trap cleanup EXIT   # the lib sets its own trap; cleanup calls private_dockerd_stop itself
private_dockerd_busybox "$image"
docker save -o "$work/busybox.tar" "$image"
"$root/bench/gen-compose.sh" "$n" --idle "$image" > "$compose"
"${berth[@]}" --runtime embedded --progress quiet image load -i "$work/busybox.tar" >/dev/null   # starts the engine

"${v1[@]}" up -d >/dev/null 2>&1 || { echo "docker-compose up -d failed" >&2; "${v1[@]}" up -d; exit 1; }
"${b[@]}" up -d >/dev/null || { echo "berth up -d failed" >&2; exit 1; }
sleep "$settle"

engine_pid=$(cat "$BERTH_RUN_DIR/engine.pid")
# each berth-shim of this engine names its state directory under the run directory on its command line
shim_pids=$(pgrep -f "berth-shim run .*--state $BERTH_RUN_DIR/" || true)
containerd_pids=$(pgrep -P "$PRIVATE_DOCKERD_PID" -x containerd || true)
docker_shim_pids=$(pgrep -f "containerd-shim.* -address $PRIVATE_DOCKERD_EXEC/" || true)
mem_kb() { local field=$1 sum=0 pid kb; shift; for pid in "$@"; do
  kb=$(awk -v f="$field:" '$1 == f {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  sum=$((sum + ${kb:-0})); done; echo "$sum"; }
# shellcheck disable=SC2086
{
  docker_rss=$(mem_kb Rss $PRIVATE_DOCKERD_PID $containerd_pids $docker_shim_pids)
  docker_pss=$(mem_kb Pss $PRIVATE_DOCKERD_PID $containerd_pids $docker_shim_pids)
  engine_rss=$(mem_kb Rss $engine_pid); engine_pss=$(mem_kb Pss $engine_pid)
  shims_rss=$(mem_kb Rss $shim_pids); shims_pss=$(mem_kb Pss $shim_pids)
  dockerd_rss=$(mem_kb Rss $PRIVATE_DOCKERD_PID); containerd_rss=$(mem_kb Rss $containerd_pids)
  docker_shims_rss=$(mem_kb Rss $docker_shim_pids)
}
echo "$n idle containers: $(docker ps -q | wc -l) on dockerd, $("${b[@]}" ps -q | wc -l) on the berth engine"
echo "docker: dockerd $((dockerd_rss / 1024)) MiB, containerd $((containerd_rss / 1024)) MiB," \
  "$(echo $docker_shim_pids | wc -w) shims $((docker_shims_rss / 1024)) MiB (RSS)"
echo "berth:  engine $((engine_rss / 1024)) MiB RSS / $((engine_pss / 1024)) MiB PSS," \
  "$(echo $shim_pids | wc -w) shims $((shims_rss / 1024)) MiB RSS / $((shims_pss / 1024)) MiB PSS"
python3 - "$docker_rss" "$docker_pss" "$((engine_rss + shims_rss))" "$((engine_pss + shims_pss))" <<'PY'
import sys
docker_rss, docker_pss, berth_rss, berth_pss = map(int, sys.argv[1:])
for name, d, e in (("RSS", docker_rss, berth_rss), ("PSS", docker_pss, berth_pss)):
    print(f"{name}: dockerd + containerd + shims {d/1024:.0f} MiB, berth engine + shims {e/1024:.0f} MiB, "
          f"ratio {e/d:.3f} (target <= 0.4)")
PY
