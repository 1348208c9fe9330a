#!/usr/bin/env bash
# Whole-command time of building the quickstart web image (FROM scratch + busybox, RUN busybox --install, COPY)
# on Berth's embedded engine against `docker build` (classic builder) on a dockerd, cold (--no-cache) and fully
# cached, in one run. Prints the ratios berth/docker. Needs root, runc, busybox-static, docker.io; hyperfine is
# used when installed, else a loop of RUNS runs.
# DOCKER_HOST names the daemon; when none answers, a private dockerd (own data-root, socket and exec-root in a
# temporary directory) is started and stopped by its pid at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs=${RUNS:-10}
work=$(mktemp -d /tmp/berth-bench-build.XXXXXX)
dockerd_pid=""
cleanup() {
  "$root/berth" engine stop >/dev/null 2>&1 || true   # the engine the berth builds started (BERTH_RUN_DIR below)
  if [ -n "$dockerd_pid" ]; then kill "$dockerd_pid" 2>/dev/null || true; wait "$dockerd_pid" 2>/dev/null || true; fi
  grep -o " $work[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export BERTH_ROOT="$work/berth-root" BERTH_RUN_DIR="$work/berth-run"
export DOCKER_BUILDKIT=0
if ! docker ${DOCKER_HOST:+-H "$DOCKER_HOST"} version >/dev/null 2>&1; then
  export DOCKER_HOST="unix://$work/docker.sock"
  mkdir -p "$work/docker-data" "$work/docker-exec"
  dockerd --host "$DOCKER_HOST" --data-root "$work/docker-data" --exec-root "$work/docker-exec" \
    --pidfile "$work/docker.pid" --bridge none --iptables=false --ip-masq=false >"$work/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
  docker version >/dev/null || { cat "$work/dockerd.log" >&2; exit 1; }
fi

# the same image for dockerd: the classic builder has no additional contexts, so busybox goes into the context
ctx="$work/docker-context"
cp -r "$root/samples/quickstart/web" "$ctx"
cp "$(readlink -f /bin/busybox)" "$ctx/busybox"
sed 's|COPY --from=hostbin busybox /bin/busybox|COPY busybox /bin/busybox|' "$root/samples/quickstart/web/Dockerfile" \
  > "$ctx/Dockerfile"

berth=("$root/berth" --progress quiet -f "$root/samples/quickstart/compose.yaml")
"${berth[@]}" build web >/dev/null 2>&1          # builds Berth if needed, warms the cache
docker build -q -t bench/quickstart-web "$ctx" >/dev/null

commands=(
  "berth-cold"    "${berth[*]} build --no-cache web"
  "docker-cold"   "docker build -q --no-cache -t bench/quickstart-web $ctx"
  "berth-cached"  "${berth[*]} build web"
  "docker-cached" "docker build -q -t bench/quickstart-web $ctx"
)

if command -v hyperfine >/dev/null; then
  args=()
  for ((i = 0; i < ${#commands[@]}; i += 2)); do args+=(-n "${commands[i]}" "${commands[i + 1]}"); done
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/result.json" "${args[@]}" >&2
  python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
for kind in ("cold", "cached"):
    b, d = r[f"berth-{kind}"], r[f"docker-{kind}"]
    print(f"{kind:6s}: berth {b*1000:.0f} ms, docker build {d*1000:.0f} ms, ratio berth/docker = {b/d:.2f}")
PY
else
  for ((i = 0; i < ${#commands[@]}; i += 2)); do
    start=$(date +%s%N)
    for _ in $(seq 1 "$runs"); do bash -c "${commands[i + 1]}" >/dev/null 2>&1; done
    echo "${commands[i]}: $(( ($(date +%s%N) - start) / runs / 1000000 )) ms per run"
  done
fi
docker rmi -f bench/quickstart-web >/dev/null 2>&1 || true
