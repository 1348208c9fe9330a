#!/usr/bin/env bash
# Where the time of a cold `up -d` and a `down` of an N-service stack (first argument, default 30) goes on dockerd:
# for docker-compose v1 and for ./berth --runtime docker, each command's wall time and the CPU seconds spent by
#   dockerd itself, the programs dockerd runs and waits for (its re-execs `set-ipv6` and `setup-resolver`, and
#   `iptables` inside each container's network namespace), containerd, the rest of dockerd's process tree (the shims,
#   every `runc`, the `libnetwork-setkey` prestart hook, which is dockerd's binary again), the containers' own cgroups
#   (`runc init`, the service's processes), and the client (v1's python; berth's CLI server JVM and its client);
# and the floor that dockerd's share alone sets on the wall time: its CPU seconds / the machine's cores.
# Same stack as stack-vs-compose-v1.sh (bench/gen-compose.sh N --idle, a FROM-scratch busybox image).
#
# Runs its own dockerd (no bridge, no iptables rules) inside a cpuacct cgroup of its own (cgroup v1), its containers
# under that cgroup (--cgroup-parent), so the cgroup counts the whole tree; removes the containers, stops dockerd by
# pid and removes the cgroup and the temp dir at the end. Needs root, cgroup v1's cpuacct, docker.io, docker-compose.
# ROUNDS=n sets the measured rounds per tool (default 2), after one unmeasured round each.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-30}
rounds=${ROUNDS:-2}
name=berth-cpusplit-$$
cgroup=/sys/fs/cgroup/cpuacct/$name
[ -f /sys/fs/cgroup/cpuacct/cpuacct.usage ] || { echo "needs cgroup v1's cpuacct hierarchy at /sys/fs/cgroup/cpuacct" >&2; exit 1; }
work=$(mktemp -d /tmp/berth-cpusplit.XXXXXX)
socket=/run/$name.sock
export DOCKER_HOST=unix://$socket COMPOSE_HTTP_TIMEOUT=600
dockerd_pid=

cleanup() {
  set +e
  if [ -n "$dockerd_pid" ]; then
    docker ps -aq | xargs -r docker rm -f >/dev/null 2>&1
    kill "$dockerd_pid"; wait "$dockerd_pid" 2>/dev/null
    grep " /var/lib/$name/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  fi
  rm -rf "/var/lib/$name" "/run/$name" "$socket" "/run/$name.pid" "$work"
  # in every hierarchy (dockerd makes the containers' parent in each), the deepest first: empty once dockerd is gone
  find /sys/fs/cgroup/*/"$name" -depth -type d -exec rmdir {} \; 2>/dev/null
}
trap cleanup EXIT

mkdir "$cgroup"
# dockerd enters the cgroup before it execs, so containerd, the shims and runc start inside it
sh -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' sh "$cgroup" dockerd --host "$DOCKER_HOST" \
  --data-root "/var/lib/$name" --exec-root "/run/$name" --pidfile "/run/$name.pid" --bridge none --iptables=false \
  --ip-masq=false --storage-driver overlay2 --cgroup-parent "/$name/containers" >"$work/dockerd.log" 2>&1 &
dockerd_pid=$!
for _ in $(seq 1 100); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
docker version >/dev/null || { cat "$work/dockerd.log" >&2; exit 1; }
containerd_pid=$(pgrep -P "$dockerd_pid" -x containerd)

rootfs="$work/rootfs"
mkdir -p "$rootfs/bin" && cp /bin/busybox "$rootfs/bin/"
for applet in $("$rootfs/bin/busybox" --list); do [ -e "$rootfs/bin/$applet" ] || ln -s busybox "$rootfs/bin/$applet"; done
tar -C "$rootfs" -c . | docker import - benchcpu/busybox:1 >/dev/null
"$root/bench/gen-compose.sh" "$n" --idle benchcpu/busybox:1 > "$work/compose.yaml"
"$root/berth" --help >/dev/null

v1="docker-compose -f $work/compose.yaml -p cpuv1"
berth="$root/berth --runtime docker --progress quiet -f $work/compose.yaml -p cpuberth"
for tool in "$v1" "$berth"; do $tool up -d >/dev/null 2>&1; $tool down >/dev/null 2>&1; done
# berth's CLI server (started by the launcher after the first commands), whose CPU is berth's own
server_pid=$(pgrep -f "cli-server --socket .* --sources $root\$" | head -1 || true)

echo "$n services, $(nproc) cores; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$rounds" "$cgroup" "$dockerd_pid" "$containerd_pid" "${server_pid:-0}" "$v1" "$berth" <<'PY'
import os, resource, subprocess, sys, time
rounds, cgroup, dockerd, containerd, server = int(sys.argv[1]), sys.argv[2], *map(int, sys.argv[3:6])
tools = {"compose v1": sys.argv[6].split(), "berth docker": sys.argv[7].split()}
tick = os.sysconf("SC_CLK_TCK")

def own(pid):       # utime + stime of a live process
    if not pid: return 0.0
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / tick

def reaped(pid):    # cutime + cstime: the children it waited for
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[13]) + int(f[14])) / tick

def usage(path):
    return int(open(f"{path}/cpuacct.usage").read()) / 1e9 if os.path.exists(path) else 0.0

def sample():
    return {"total": usage(cgroup), "containers": usage(f"{cgroup}/containers"), "dockerd": own(dockerd),
            "children": reaped(dockerd), "containerd": own(containerd), "server": own(server)}

columns = ("dockerd", "children", "containerd", "shims+runc", "containers", "client")
print(f"{'command':<24}{'wall':>8}" + "".join(f"{c:>11}" for c in columns) + f"{'tree':>8}{'floor':>8}")
for phase in ("up -d", "down"):
    for label, tool in tools.items():
        for _ in range(rounds):
            if phase == "down":
                subprocess.run(tool + ["up", "-d"], check=True, capture_output=True)
            before, children_before = sample(), resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.monotonic()
            subprocess.run(tool + phase.split(), check=True, capture_output=True)
            wall = time.monotonic() - start
            after, children_after = sample(), resource.getrusage(resource.RUSAGE_CHILDREN)
            d = {k: after[k] - before[k] for k in after}
            d["shims+runc"] = d["total"] - d["containers"] - d["dockerd"] - d["children"] - d["containerd"]
            d["client"] = (children_after.ru_utime + children_after.ru_stime
                           - children_before.ru_utime - children_before.ru_stime) + d["server"]
            if phase == "up -d":
                subprocess.run(tool + ["down"], check=True, capture_output=True)
            floor = d["total"] / os.cpu_count()
            print(f"{label + ' ' + phase:<24}{wall:>8.2f}" + "".join(f"{d[c]:>11.2f}" for c in columns)
                  + f"{d['total']:>8.2f}{floor:>8.2f}", flush=True)
print("seconds; children = what dockerd ran and waited for (its re-execs, iptables); shims+runc = the rest of"
      " dockerd's tree (shims, runc, the setkey hook); containers = their cgroups; client = v1's python or berth's"
      " client and CLI server; tree = dockerd's whole cgroup (all but client); floor = tree / cores")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
