#!/usr/bin/env bash
# Start of /bin/true: the embedded engine (create+start+wait, in-process) and raw `runc run`, then
# `docker run --rm --network none` on a private dockerd, measured in the same run. Prints the ratio
# engine/docker (target <= 0.15). Needs root, runc, busybox-static, docker.io, hyperfine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs=${1:-30}
# shellcheck source=../../bench/lib/private-dockerd.sh
source "$here/../../bench/lib/private-dockerd.sh"
engine_out=$("$here/start-true.sh" "$runs")
echo "$engine_out"
engine_ms=$(echo "$engine_out" | awk '/engine create\+start\+wait  /{print $4}')
private_dockerd_start berth-bench-docker
private_dockerd_busybox bench/busybox:true
json=$(mktemp)
hyperfine --warmup 3 --runs "$runs" --export-json "$json" -n docker-run-rm \
  "docker run --rm --network none bench/busybox:true /bin/true" >/dev/null
docker_ms=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median']*1000)" "$json")
rm -f "$json"
python3 - "$engine_ms" "$docker_ms" <<'PY'
import sys
e, d = float(sys.argv[1]), float(sys.argv[2])
print(f"docker run --rm (private dockerd)         median {d:.1f} ms")
print(f"ratio engine/docker = {e/d:.3f} (target <= 0.15)")
PY
