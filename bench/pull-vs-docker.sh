#!/usr/bin/env bash
# Pull time of the berth engine against dockerd, both from the same local docker-registry on 127.0.0.1, for a 5-layer
# image of about 50 MB (incompressible random content). Both daemons are warm; before each run the image is removed
# (`docker rmi`, which on both frees its layers), so every run downloads, verifies and unpacks all five layers. Timed:
#   berth-cli     `./berth pull` through the launcher as a user runs it: the berth-client program hands the command
#                 to the resident CLI server (docs/design/cli-server.md), the pull itself runs in the berth engine
#   berth-direct  (BENCH_DIRECT=1 only) the same with BERTH_NO_SERVER=1: a fresh JVM for the CLI each time
#   berth-engine  `docker pull` (Go client) against the berth engine's socket: the engine's pull path alone
#   docker        `docker pull` against dockerd
# Prints each one's ratio to docker (mean and median).
#
# Starts, in a temp dir, its own docker-registry, its own berth engine and (unless BENCH_DOCKER_HOST names a running
# engine) its own dockerd without bridge or iptables rules; stops them by pid and removes the temp dir at the end.
# The CLI server of this checkout is started when none runs (and then stopped at the end) and primed before timing.
# Needs root, runc, docker-registry, dockerd, python3.  RUNS=n sets the number of timed rounds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d /tmp/berth-pull-bench.XXXXXX)
pids=()
started_cli_server=0
cleanup() {
  if [ "$started_cli_server" = 1 ]; then "$root/berth" cli-server stop >/dev/null 2>&1 || true; fi
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
# the launcher with its CLI server, as a user runs berth; primed so that the timed runs find it warm
"$root/berth" cli-server status >/dev/null 2>&1 || started_cli_server=1
berth_cli="$root/berth -f $work/compose.yaml --runtime embedded pull -q"
for _ in 1 2 3; do
  DOCKER_HOST=$berth_host docker rmi -f "$image" >/dev/null 2>&1 || true
  $berth_cli >/dev/null
done
"$root/berth" cli-server status >/dev/null 2>&1 \
  || { echo "the CLI server of $root does not run: berth-cli would time direct JVM runs" >&2; exit 1; }
berth_engine="DOCKER_HOST=$berth_host docker pull -q $image"
berth_rmi="DOCKER_HOST=$berth_host docker rmi -f $image >/dev/null 2>&1 || true"
docker_pull="docker pull -q $image"

# Interleaved rounds (each round runs every command once, in a rotating order, each after its own rmi), so that
# the load of a shared machine falls on all of them alike; hyperfine would time one command's runs after another's.
python3 - "${RUNS:-10}" "$berth_rmi" "$berth_cli" "$berth_engine" "docker rmi -f $image" "$docker_pull" \
  "${BENCH_DIRECT:-0}" <<'PY'
import statistics, subprocess, sys, time
runs, berth_rmi, berth_cli, berth_engine, docker_rmi, docker_pull, direct = sys.argv[1:]
commands = [("berth-cli", berth_rmi, berth_cli), ("berth-engine", berth_rmi, berth_engine),
            ("docker", docker_rmi, docker_pull)]
if direct == "1":
    commands.append(("berth-direct", berth_rmi, "BERTH_NO_SERVER=1 " + berth_cli))
times = {name: [] for name, _, _ in commands}
for round_ in range(int(runs) + 1):  # the first round warms up and is not counted
    for k in range(len(commands)):
        name, prepare, command = commands[(round_ + k) % len(commands)]
        subprocess.run(prepare, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started = time.monotonic()
        subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_ > 0:
            times[name].append(time.monotonic() - started)
for name, t in times.items():
    print(f"{name:13} mean {statistics.mean(t)*1000:6.0f} ms  median {statistics.median(t)*1000:6.0f} ms  "
          f"min {min(t)*1000:6.0f} ms  max {max(t)*1000:6.0f} ms  ({len(t)} runs)")
d = times["docker"]
for name in [n for n in times if n != "docker"]:
    t = times[name]
    print(f"{name}/docker: mean {statistics.mean(t)/statistics.mean(d):.3f}, "
          f"median {statistics.median(t)/statistics.median(d):.3f} (target <= 0.7)")
print("note: both engines verify and unpack every layer while pulling; berth-cli goes through the CLI server")
PY
