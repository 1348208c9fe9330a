#!/usr/bin/env bash
# Pull time of the berth engine against dockerd, both from the same local docker-registry on 127.0.0.1, for a 5-layer
# image of about 50 MB (incompressible random content). Both daemons are warm; before each run the image is removed
# (`docker rmi`, which on both frees its layers), so every run downloads, verifies and unpacks all five layers. Timed:
#   berth-cli     `berth pull` (a fresh JVM for the CLI, the pull itself in the berth engine)
#   berth-engine  `docker pull` (Go client) against the berth engine's socket: the engine's pull path alone
#   docker        `docker pull` against dockerd
# Prints both ratios to docker.
#
# Starts, in a temp dir, its own docker-registry, its own berth engine and (unless BENCH_DOCKER_HOST names a running
# engine) its own dockerd without bridge or iptables rules; stops them by pid and removes the temp dir at the end.
# Needs root, runc, docker-registry, dockerd, hyperfine, python3.  RUNS=n sets the number of timed runs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d /tmp/berth-pull-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  umount -R "$work/docker" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { for _ in $(seq 300); do if eval "$1" >/dev/null 2>&1; then return 0; fi; sleep 0.2; done; echo "timed out: $1" >&2; exit 1; }

# 1. the registry
port=$(free_port)
mkdir -p "$work/registry"
cat > "$work/registry/config.yml" <<EOF
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $work/registry/storage}}
http: {addr: 127.0.0.1:$port}
EOF
docker-registry serve "$work/registry/config.yml" > "$work/registry/log" 2>&1 &
pids+=($!)
wait_for "python3 -c 'import urllib.request; urllib.request.urlopen(\"http://127.0.0.1:$port/v2/\")'"

# 2. a Docker engine
if [ -n "${BENCH_DOCKER_HOST:-}" ]; then
  export DOCKER_HOST="$BENCH_DOCKER_HOST"
else
  mkdir -p "$work/docker" "$work/d"
  dockerd --host "unix://$work/d/docker.sock" --data-root "$work/docker" --exec-root "$work/d/exec" \
    --pidfile "$work/d/docker.pid" --bridge none --iptables=false > "$work/d/log" 2>&1 &
  pids+=($!)
  export DOCKER_HOST="unix://$work/d/docker.sock"
  wait_for "docker info"
fi

# 3. the image: 5 layers of 10 MB random bytes, written as a docker-save archive, loaded and pushed by docker
image="127.0.0.1:$port/bench/fivelayers:1"
python3 - "$work/image.tar" "$image" <<'PY'
import hashlib, io, json, os, sys, tarfile
out, tag = sys.argv[1], sys.argv[2]
layers, diff_ids = [], []
for i in range(5):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        data = os.urandom(10 * 1024 * 1024)
        info = tarfile.TarInfo(f"layer{i}.bin"); info.size = len(data); info.mtime = 0
        t.addfile(info, io.BytesIO(data))
    layers.append(buf.getvalue()); diff_ids.append("sha256:" + hashlib.sha256(buf.getvalue()).hexdigest())
config = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/layer0.bin"]},
                     "rootfs": {"type": "layers", "diff_ids": diff_ids}}).encode()
config_name = hashlib.sha256(config).hexdigest() + ".json"
with tarfile.open(out, "w") as t:
    def add(name, data):
        info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
    add(config_name, config)
    for i, layer in enumerate(layers):
        add(f"layer{i}/layer.tar", layer)
    add("manifest.json", json.dumps([{"Config": config_name, "RepoTags": [tag],
                                      "Layers": [f"layer{i}/layer.tar" for i in range(5)]}]).encode())
PY
docker load -q -i "$work/image.tar" >/dev/null
docker push -q "$image" >/dev/null
docker rmi -f "$image" >/dev/null

# 4. Berth, built without installing anything, its engine started once (as dockerd is) on a private root
(cd "$root" && mvn -o -q -B -DskipTests -pl compose-cli -am package >/dev/null)
jar="$root/compose-cli/target/berth.jar"
printf 'services:\n  app:\n    image: %s\n' "$image" > "$work/compose.yaml"
echo '{}' > "$work/daemon.json"
export BERTH_RUN_DIR="$work/berth-run" BERTH_ROOT="$work/berth-root"
java -XX:+UseSerialGC -cp "$jar" dev.berth.cli.Main engine --config-file "$work/daemon.json" \
  > "$work/berth-engine.log" 2>&1 &
pids+=($!)
berth_host="unix://$BERTH_RUN_DIR/engine.sock"
wait_for "DOCKER_HOST=$berth_host docker version"
# the JVM options of the ./berth launcher, with a class-data archive recorded by one pull (as the launcher does)
jvm="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss2m -Xlog:cds=off -Xlog:cds+dynamic=off"
java $jvm -XX:ArchiveClassesAtExit="$work/berth.jsa" -jar "$jar" -f "$work/compose.yaml" --runtime embedded pull -q \
  >/dev/null 2>&1
berth_cli="java $jvm -XX:SharedArchiveFile=$work/berth.jsa -jar $jar -f $work/compose.yaml --runtime embedded pull -q"
berth_engine="DOCKER_HOST=$berth_host docker pull -q $image"
berth_rmi="DOCKER_HOST=$berth_host docker rmi -f $image >/dev/null 2>&1 || true"
docker_pull="docker pull -q $image"

hyperfine --warmup 2 --runs "${RUNS:-10}" --export-json "$work/result.json" \
  -n berth-cli --prepare "$berth_rmi" "$berth_cli" \
  -n berth-engine --prepare "$berth_rmi" "$berth_engine" \
  -n docker --prepare "docker rmi -f $image >/dev/null 2>&1 || true" "$docker_pull"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
d = r["docker"]
print(f"docker pull {d*1000:.0f} ms; berth pull (CLI) {r['berth-cli']*1000:.0f} ms, ratio {r['berth-cli']/d:.3f}; "
      f"berth engine (docker CLI as client) {r['berth-engine']*1000:.0f} ms, ratio {r['berth-engine']/d:.3f} "
      f"(target <= 0.7)")
print("note: both engines verify and unpack every layer while pulling; berth-cli adds a JVM start for the CLI")
PY
