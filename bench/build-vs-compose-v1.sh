#!/usr/bin/env bash
# Whole-command time of building a 10-service project (N with the first argument), side by side in one run:
#   docker-compose v1 (Debian's docker-compose, classic builder) on a private dockerd, and
#   ./berth build on its embedded engine (the `berth engine` daemon),
# cold (`build --no-cache`) and fully cached (`build` again, nothing changed). Issue 5's targets: berth/v1 at most
# 0.5 cold and 0.2 cached. Every service has its own context and Dockerfile (FROM scratch, the host's static
# busybox copied in, two RUN steps, a COPY of its files), identical for both tools: no additional contexts.
#
# Starts its own dockerd (bench/lib/private-dockerd.sh) and its own berth engine (BERTH_ROOT/BERTH_RUN_DIR in a
# temp dir); stops both by pid / `berth engine stop` at the end and removes the temp dir.
# Needs root, docker.io, docker-compose, hyperfine, runc, busybox-static, python3.  RUNS=n sets the timed runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-10}
runs=${RUNS:-5}
work=$(mktemp -d /tmp/berth-build-bench.XXXXXX)
# shellcheck source=lib/private-dockerd.sh
. "$root/bench/lib/private-dockerd.sh"

export BERTH_ROOT="$work/berth-root" BERTH_RUN_DIR="$work/berth-run" DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0
berth="$root/berth"
project="$work/project"

cleanup() {
  set +e
  [ -d "$BERTH_RUN_DIR" ] && "$berth" engine stop >/dev/null 2>&1
  [ -n "${PRIVATE_DOCKERD_PID:-}" ] && private_dockerd_stop
  grep " $work/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  rm -rf "$work"
}
trap cleanup EXIT

# 1. the project: N contexts and one compose file
mkdir -p "$project"
echo "services:" > "$project/compose.yaml"
for i in $(seq 1 "$n"); do
  ctx="$project/svc$i"
  mkdir -p "$ctx/app"
  cp "$(readlink -f /bin/busybox)" "$ctx/busybox"
  for f in $(seq 1 20); do head -c 4096 /dev/urandom > "$ctx/app/file$f.bin"; done
  cat > "$ctx/Dockerfile" <<DOCKERFILE
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY app/ /app/
RUN echo "svc$i" > /app/name && sha256sum /app/*.bin > /app/sums
ENV SERVICE=svc$i
CMD ["sleep", "3600"]
DOCKERFILE
  printf '  svc%s:\n    build: ./svc%s\n' "$i" "$i" >> "$project/compose.yaml"
done

v1="docker-compose -f $project/compose.yaml -p benchbuild"
b="$berth --progress quiet -f $project/compose.yaml -p benchbuild"

# 2. the engines, one untimed round of each so that failures show here and caches are warm
private_dockerd_start "berth-buildbench-$$"
trap cleanup EXIT   # the lib sets its own trap; cleanup calls private_dockerd_stop itself
$v1 build >"$work/first-v1.log" 2>&1 || { cat "$work/first-v1.log" >&2; exit 1; }
$b build >"$work/first-berth.log" 2>&1 || { cat "$work/first-berth.log" >&2; exit 1; }

# 3. timed: cold (no cache) and cached, each tool side by side in one hyperfine run per kind; the cached one with a
# warm-up round (the first cached build after the cold ones was up to 2-3 times slower for both tools). The launcher
# runs berth through its resident CLI server (docs/design/cli-server.md), started by the untimed round above.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine --runs "$runs" --export-json "$work/cold.json" --style basic \
  -n v1-cold "$v1 build --no-cache" \
  -n berth-cold "$b build --no-cache" >&2
hyperfine --runs "$runs" --warmup 1 --export-json "$work/cached.json" --style basic \
  -n v1-cached "$v1 build" \
  -n berth-cached "$b build" >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$work/cold.json" "$work/cached.json" "$load_before" "$load_after" <<'PY'
import json, sys
r = {}
for f in sys.argv[1:3]:
    r.update({x["command"]: x for x in json.load(open(f))["results"]})
for kind, target in (("cold", 0.5), ("cached", 0.2)):
    b, v = r[f"berth-{kind}"], r[f"v1-{kind}"]
    print(f"{kind:6s}: berth {b['mean']*1000:.0f} ms (median {b['median']*1000:.0f}), docker-compose v1 "
          f"{v['mean']*1000:.0f} ms (median {v['median']*1000:.0f}), ratio berth/v1 = {b['mean']/v['mean']:.2f} "
          f"(of medians {b['median']/v['median']:.2f}; target <= {target})")
print(f"load average (1/5/15 min) before: {sys.argv[3]}, after: {sys.argv[4]}")
PY
