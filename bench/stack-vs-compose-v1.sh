#!/usr/bin/env bash
# Whole-command times of a 30-service stack (N with the first argument), side by side in one run:
#   docker-compose v1 (Debian's docker-compose) on a private dockerd,
#   ./berth --runtime docker on that same dockerd            (issue 7: target <= 0.6 of v1 each),
#   ./berth on its embedded engine (the `berth engine` daemon) (issue 8: target <= 0.15 of v1 each),
# for `up -d` cold (no container exists), no-op `up -d` (all already running) and `down`; then the resident memory
# of the berth engine with the N idle containers against dockerd + containerd + shims with the same N containers
# (issue 8: target <= 0.4). Each service sleeps in a FROM-scratch busybox image, on the project's default network.
#
# Starts its own dockerd (bench/lib/private-dockerd.sh: no bridge, no iptables rules) and its own berth engine
# (BERTH_ROOT and BERTH_RUN_DIR in a temp dir); at the end takes both stacks down, stops the engine with
# `berth engine stop` and dockerd by pid, and removes the temp dir.
# Needs root, docker.io, docker-compose, runc, python3.  RUNS=n sets the timed runs (default 5), SETTLE=s the pause
# before each timed command (default 5).
#
# Measured 2026-12-06, 30 services, RUNS=3, berth through the CLI server, containers under berth-shim, on the 2-core
# development machine shared with CI and other benchmarks (1-min load 21-60, median 39: absolute times are inflated,
# only the ratios within one run mean something). Means in s; ratio = berth / v1 of the same run.
#                     before (load ~45-60)                        after (parallel inspection, one image inspect)
#   command           v1     docker (ratio)   embedded (ratio)    v1     docker (ratio)   embedded (ratio)
#   up -d (cold)      54.2   58.96 (1.09)     9.27 (0.171)        65.8   47.54 (0.72)     8.61 (0.131)
#   up -d (no-op)     4.12   0.652 (0.158)    0.784 (0.190)       4.32   0.329 (0.076)    0.391 (0.091)
#   down              (both runs stopped there: a down failed under load; see below)
# Cold `up -d` on dockerd is bound by dockerd itself (berth sends the same 30 creates and starts as v1, with the same
# container configuration; v1's own CPU is what berth saves), and on the embedded engine by `runc run` (85% of the
# engine's start samples wait in berth-shim for runc). Both `down` rounds ended early when one tool's `down` exited 1
# under this load (v1 in the first, berth on dockerd in the second); the script now keeps the failed command's
# output, and berth's --progress quiet now prints a failed step, so the next run shows why.
# Idle machine, 2026-12-06 18:21, RUNS=3 (load average 3 at the start): means in ms, ratio = berth / v1.
#   command           v1              docker (ratio)         embedded (ratio)
#   up -d (cold)      20643 ± 1682    18447 ± 1487 (0.894)   2932 ± 193 (0.142)
#   up -d (no-op)     994 ± 26        111 ± 18 (0.112)       83 ± 4 (0.084)
#   down              5041 ± 196      3455 ± 90 (0.685)      1546 ± 58 (0.307)
#   memory, 30 idle containers: RSS 117 vs 541 MiB (0.216), PSS 91 vs 233 MiB (0.390)
# Where issue 7's time goes (2026-12-06 19:25-20:25, load 13-43; bench/dockerd-cpu-split.sh 30, which runs this stack
# on a private dockerd in a cpuacct cgroup of its own; CPU seconds of one command; tree = all of dockerd's cgroup):
#   command           wall   dockerd  its children  containerd  shims+runc+hooks  containers  client   tree  tree/2
#   v1 up -d         37.26     2.54       16.46         0.52          12.92           2.91      2.67   35.34   17.67
#   berth up -d      30.64     2.05       14.64         0.50          11.83           2.61      0.27   31.63   15.82
#   v1 down           8.44     1.29        0.03         0.37           4.52           0.05      1.43    6.25    3.13
#   berth down        7.59     1.28        0.03         0.41           4.37           0.17      0.16    6.26    3.13
# Per container, a start makes dockerd re-exec its own 80 MB binary twice (set-ipv6, setup-resolver: the embedded
# DNS of a user-defined network, which the project's default network is) and run 11 iptables-nft in the container's
# netns; runc runs the libnetwork-setkey prestart hook (dockerd's binary a third time); one start of that binary
# costs ~150 ms CPU. A down costs 3 runc runs and a shim cleanup run per container. dockerd's own Go code is ~5% of
# it (its pprof: network store reads and writes in bbolt). So the dockerd tree needs 31-35 CPU s for a cold `up -d`
# of 30 (>= 16 s on 2 cores, whoever asks) and ~6.3 s for `down` (>= 3.1 s). The machine was never idle in this
# window, so the idle CPU cost is not measured; if it is like this, 0.6 of v1's idle 20.6 s (12.4 s) is below what
# dockerd's own work allows (~16 s = 0.77 at best), and down's 0.6 (3.0 s) is at its floor (3.1 s) before berth's
# start and the svc1 tail (svc1 stops only after its 29 dependents are removed). No order of the same calls gets
# under it. Checked:
#   - calls (dockerd -D): berth down = list, 30 inspects, 30 stops, 30 removes, 1 network removal (v1: 90 inspects);
#     berth up = 30 creates (+30 network inspects), 30 starts; v1 up adds 300 inspects and a disconnect+connect per
#     container. Nothing redundant on berth's side costs dockerd more than a few ms.
#   - in-flight limit (--parallel 2/4/8/16/64, one after another, load 19-25): up 36.9/32.1/26.8/23.0/23.7 s, down 9.2/7.4/7.2/5.9/6.4 s,
#     the dockerd tree's CPU the same (~30 s, ~6 s) at every limit: no contention to save, fewer in flight is slower.
#   - pipelining a start after its own create: all 29 creates end (1.5 s) before svc1's start does (3.1 s), which
#     every other start waits for (depends_on service_started), so no start could begin earlier.
#   - SIGTERM: the services' shell traps TERM and exits; kill -> die took 0.1-1.9 s under load, never the 10 s grace.
# Same day 20:03-20:18, this script, RUNS=3, load 13 at the start, 31-43 during (absolute times inflated, ratios only):
#   up -d (cold) v1 44424 ± 10467, docker 33234 ± 6155 (0.748), embedded 6789 ± 504 (0.153)
#   up -d (no-op) v1 3737 ± 663, docker 225 ± 99 (0.060), embedded 204 ± 51 (0.055)
#   down          v1 9530 ± 505, docker 6811 ± 221 (0.715), embedded 4347 ± 547 (0.456)
#   memory, 30 idle containers: RSS 118 vs 543 MiB (0.217), PSS 82 vs 195 MiB (0.422)
# Where the embedded `down` went (2026-12-06 19:25, ad-hoc up/down of the same 30 services, load 20-40): the engine
# started 66 processes per down (strace -f -e execve on the engine): 60 runc (a `runc kill` and a `runc delete` per
# container), 3 iptables-save, 2 iptables-restore, 1 ip. The engine's reaped children used 2.2-2.6 s of CPU per down
# (/proc/<engine>/stat cutime+cstime), the engine itself 0.6-0.8 s: on 2 cores the runc processes were the down.
# Now stop/kill signal the init through its berth-shim's socket and a stopped container's cgroups and runc state go
# without runc (runc delete only for hooks, shared pid namespaces, systemd cgroups...): children's CPU 0.07-0.08 s
# per down, engine 0.5-0.7 s; 6 processes per down (the network's iptables and ip).
# 2026-12-06 19:45-20:02, RUNS=3, load 24-34 (other helpers' tests and benchmarks): means in ms, ratio = berth / v1.
#   command           v1              docker (ratio)         embedded (ratio)
#   up -d (cold)      34231 ± 2550    31544 ± 2609 (0.922)   5148 ± 295 (0.150)
#   up -d (no-op)     2842 ± 724      285 ± 87 (0.100)       313 ± 171 (0.110)
#   down              14185 ± 4766    7039 ± 713 (0.496)     992 ± 212 (0.070)
#   memory, 30 idle containers: RSS 117 vs 544 MiB (0.215), PSS 83 vs 234 MiB (0.355)
# 2026-12-06 20:24-20:38, the same code plus the young-init wait, RUNS=3, load 25-39:
#   up -d (cold)      32190 ± 2245    29725 ± 1127 (0.923)   5750 ± 278 (0.179)
#   up -d (no-op)     1491 ± 223      126 ± 22 (0.084)       129 ± 23 (0.087)
#   down              6796 ± 1094     5385 ± 162 (0.792)     864 ± 72 (0.127)
#   memory, 30 idle containers: RSS 117 vs 540 MiB (0.217), PSS 86 vs 231 MiB (0.373)
# A loaded run inflates v1 (a Python process per command) more than berth, so these ratios are kinder to berth than
# idle ones; the fairer comparison with the idle run above is the absolute embedded down: 1546 ms idle before, 992 ms
# and 864 ms at load ~30 now. up -d is unchanged by this work; its cold ratio wanders with the load (0.131-0.179
# in loaded runs, 0.142 idle), so an idle run is still owed for both.
# Idle machine, 2026-12-06 20:42-20:52 (load 2 at the start), RUNS=3, all of the day's work merged (3311cc2):
#   command           v1              docker (ratio)         embedded (ratio)
#   up -d (cold)      19193 ± 142     18025 ± 393 (0.939)    3217 ± 134 (0.168)
#   up -d (no-op)     1001 ± 85       125 ± 21 (0.125)       104 ± 15 (0.104)
#   down              5637 ± 105      4267 ± 271 (0.757)     573 ± 29 (0.102)
#   memory, 30 idle containers: RSS 117 vs 541 MiB (0.217), PSS 88 vs 232 MiB (0.378)
# The embedded down met its target (1546 -> 573 ms idle). The embedded cold up (2932 -> 3217 ms, v1 20643 -> 19193
# ms) is above 0.15 in this run: its per-container work is runc's (a `runc run` and runc's init re-executed twice
# per container, counted with strace on the engine), unchanged by the day's work.
# Interleaved rounds from here on (each round times every tool once per command, rotating the order, after a 5 s
# settle). 2026-12-06 23:12-23:27, RUNS=3, with the day's merges (5bb6576): means in ms, ratio = berth / v1.
#   command           v1              docker (ratio)         embedded (ratio)
#   up -d (cold)      19994 ± 1981    17543 ± 804 (0.877)    3078 ± 395 (0.154; rounds 0.159, 0.153, 0.150)
#   up -d (no-op)     1135 ± 91       121 ± 6 (0.107)        106 ± 13 (0.094)
#   down              5075 ± 260      3840 ± 77 (0.757)      642 ± 33 (0.126)
#   memory, 30 idle containers: RSS 114 vs 543 MiB (0.211), PSS 87 vs 234 MiB (0.374)
# The embedded cold up was fastest in the round where it went first (0.150) and slowest where it went last (0.159).
# Where its CPU goes (perf -a and cpuacct over one cold up of 30 on the idle machine, 2.3-2.7 s wall, ~5 s of CPU:
# both cores busy throughout): runc's processes ~140 ms per container (runc run 63, its init 55, the re-exec and
# nsexec stages 21), berth-shim 20, the engine's JVM 15, spawning 7; a bare `runc run -d` of the same config.json
# from a shell costs 80-90 ms, and two CPU-bound processes here each run ~1.3x slower than one alone. So the cold
# up is CPU-bound and most of it is runc. Tried and measured with no gain: the sealed-memfd runc (skips runc
# init's self-copy and re-exec: same CPU), GOMAXPROCS=1 / GOGC=off for runc, vfork instead of jspawnhelper in the
# engine, a bound on concurrent starts inside the engine. What helped: fewer calls in flight from the CLI (6 instead
# of 16 on 2 cores: 2603 -> 2360 ms and 2887 -> 2759 ms in interleaved A/B rounds), so that the 29 creates do not
# take the CPU from svc1's start, which every other start waits for; the embedded runtime now defaults to 3 calls
# in flight per core (05d678f). Same script, 23:36-23:50, RUNS=3:
#   up -d (cold)      20242 ± 2024    18282 ± 1979 (0.903)   2808 ± 283 (0.139; rounds 0.141, 0.135, 0.139)
#   up -d (no-op)     1333 ± 187      160 ± 39 (0.120)       104 ± 31 (0.078)
#   down              5478 ± 457      4140 ± 386 (0.756)     644 ± 96 (0.118)
#   memory, 30 idle containers: RSS 110 vs 542 MiB (0.203), PSS 83 vs 233 MiB (0.358)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n=${1:-30}
runs=${RUNS:-5}
work=$(mktemp -d /tmp/berth-stack-bench.XXXXXX)
image=benchv1/busybox:1
# shellcheck source=lib/private-dockerd.sh
. "$root/bench/lib/private-dockerd.sh"

export BERTH_ROOT="$work/berth-root" BERTH_RUN_DIR="$work/berth-run"
berth="$root/berth"
compose="$work/compose.yaml"
# docker-compose v1 gives up on an Engine API call after COMPOSE_HTTP_TIMEOUT (60 s): on a loaded machine dockerd
# can take longer to start 30 containers, so it waits as long as berth does (which has no such limit)
export COMPOSE_HTTP_TIMEOUT=600
# a project per tool: v1 and berth label their containers alike, so on one dockerd they must not share a name
v1="docker-compose -f $compose -p benchv1"
b_docker="$berth --runtime docker --progress quiet -f $compose -p benchdocker"
b_embedded="$berth --runtime embedded --progress quiet -f $compose -p benchembedded"

cleanup() {
  set +e
  if [ -f "$work/failed.log" ]; then
    echo "a timed command failed; its output:" >&2
    cat "$work/failed.log" >&2
  fi
  if [ -S "$BERTH_RUN_DIR/engine.sock" ] || [ -d "$BERTH_RUN_DIR" ]; then
    $b_embedded down >/dev/null 2>&1
    "$berth" engine stop >/dev/null 2>&1
  fi
  [ -n "${PRIVATE_DOCKERD_PID:-}" ] && private_dockerd_stop   # removes every container of that dockerd
  grep " $work/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l
  rm -rf "$work"
}
trap cleanup EXIT

# 1. the engines and the image in both
private_dockerd_start "berth-stackbench-$$"
trap cleanup EXIT   # the lib sets its own trap; cleanup calls private_dockerd_stop itself
private_dockerd_busybox "$image"
docker save -o "$work/busybox.tar" "$image"
"$root/bench/gen-compose.sh" "$n" --idle "$image" > "$compose"
"$berth" --help >/dev/null                      # builds Berth and its class-data archive if needed
"$berth" --runtime embedded --progress quiet image load -i "$work/busybox.tar" >/dev/null   # starts the engine

# 2. one untimed round of each tool, so caches are warm and failures show here (with the tool's output) rather
# than inside the timed rounds
for tool in "$v1" "$b_docker" "$b_embedded"; do
  for command in "up -d" down; do
    $tool $command >"$work/untimed.log" 2>&1 || { echo "$command failed: $tool" >&2; cat "$work/untimed.log" >&2; exit 1; }
  done
done

# 3. the timed commands, interleaved: each round times every tool once per command, in an order that rotates from
# round to round, after that tool's prepare and a settle pause (SETTLE seconds, default 5). This machine's CPU slows
# down under sustained load (a CPU-bound loop measured 1.07 s idle, 1.44-2.15 s right after 40 s with both cores
# busy), so timing all runs of one tool before the next (as hyperfine does) handicaps whichever tool goes last. The
# prepare puts the tool's stack in the state the command starts from; on dockerd only one tool's stack exists while
# a command is timed, so each prepare takes the other one's down.
settle=${SETTLE:-5}
prepare_for() {   # $1 = phase, $2 = tool key
  case "$2" in
    v1) other="$b_docker"; self="$v1" ;;
    berth-docker) other="$v1"; self="$b_docker" ;;
    berth-embedded) other="$b_docker"; self="$b_embedded" ;;
  esac
  $other down >/dev/null 2>&1
  if [ "$1" = up-cold ]; then $self down >/dev/null 2>&1; else $self up -d >/dev/null 2>&1; fi
}
timed() {         # $1 = phase, $2 = tool key: prints the command's wall time in ns, keeps its output if it fails
  local self command start
  case "$2" in v1) self="$v1" ;; berth-docker) self="$b_docker" ;; berth-embedded) self="$b_embedded" ;; esac
  case "$1" in up-cold|up-noop) command="up -d" ;; down) command="down" ;; esac
  start=$(date +%s%N)
  $self $command >"$work/timed.log" 2>&1 || { cp "$work/timed.log" "$work/failed.log"; exit 1; }
  echo $(( $(date +%s%N) - start ))
}
tools=(v1 berth-docker berth-embedded)
for phase in up-cold up-noop down; do : > "$work/$phase.times"; done
for round in $(seq 0 $((runs - 1))); do
  for phase in up-cold up-noop down; do
    for k in 0 1 2; do
      tool=${tools[$(( (round + k) % 3 ))]}
      prepare_for "$phase" "$tool"
      sleep "$settle"
      ns=$(timed "$phase" "$tool")
      echo "$tool $ns" >> "$work/$phase.times"
      echo "round $((round + 1))/$runs $phase $tool: $((ns / 1000000)) ms" >&2
    done
  done
done
# the same summary file shape as hyperfine's --export-json (mean and stddev in seconds per command)
for phase in up-cold up-noop down; do
  python3 - "$work/$phase.times" > "$work/$phase.json" <<'PY'
import json, statistics, sys
times = {}
for line in open(sys.argv[1]):
    tool, ns = line.split()
    times.setdefault(tool, []).append(int(ns) / 1e9)
print(json.dumps({"results": [{"command": t, "mean": statistics.mean(v), "times": v,
                               "stddev": statistics.stdev(v) if len(v) > 1 else 0} for t, v in times.items()]}))
PY
done

# 4. resident memory with N idle containers: the stack is up on dockerd (by v1) and on the berth engine
$v1 up -d >/dev/null 2>&1
$b_embedded up -d >/dev/null 2>&1
sleep 3
# RSS counts the pages a process shares (the text of 30 runc or shim binaries) once per process; PSS divides them
mem_kb() { local field=$1 sum=0 pid kb; shift; for pid in "$@"; do
  kb=$(awk -v f="$field:" '$1 == f {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  sum=$((sum + ${kb:-0})); done; echo "$sum"; }
containerd_pids=$(pgrep -P "$PRIVATE_DOCKERD_PID" -x containerd || true)
shim_pids=$(pgrep -f "containerd-shim.* -address $PRIVATE_DOCKERD_EXEC/" || true)
docker_running=$(docker ps -q | wc -l)
docker_pids="$PRIVATE_DOCKERD_PID $containerd_pids $shim_pids"
engine_pid=$(python3 - "$BERTH_RUN_DIR" <<'PY'
# the engine is the java process whose command line runs `engine` with this run directory's socket or env
import os, sys
run = sys.argv[1]
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        env = open(f"/proc/{pid}/environ", "rb").read().split(b"\0")
    except OSError:
        continue
    if cmd and cmd[0].endswith(b"java") and b"engine" in cmd and f"BERTH_RUN_DIR={run}".encode() in env:
        print(pid)
PY
)
[ -n "$engine_pid" ] || { echo "berth engine process not found" >&2; exit 1; }
# the engine's monitors (one berth-shim per container, the counterpart of containerd's shims, each in its own
# session and naming its state directory under the run directory) and any helper that is a direct child; the
# containers' own processes are the shims' children and are not counted
engine_helpers=$( (pgrep -P "$engine_pid"; pgrep -f "berth-shim run .*--state $BERTH_RUN_DIR/") || true)
engine_pids="$engine_pid $engine_helpers"
engine_running=$($b_embedded ps -q 2>/dev/null | wc -l)
echo "processes counted: dockerd $PRIVATE_DOCKERD_PID, containerd [$(echo $containerd_pids)], $(echo $shim_pids | wc -w) shims;" \
  "berth engine $engine_pid and $(echo $engine_helpers | wc -w) children ($(ps -o comm= -p "${engine_helpers//$'\n'/,}" 2>/dev/null | sort | uniq -c | xargs))"

# shellcheck disable=SC2086
python3 - "$work" "$n" "$docker_running" "$engine_running" "$(mem_kb Rss $docker_pids)" "$(mem_kb Rss $engine_pids)" \
  "$(mem_kb Pss $docker_pids)" "$(mem_kb Pss $engine_pids)" <<'PY'
import json, sys
work, n, docker_running, engine_running, docker_rss, engine_rss, docker_pss, engine_pss = sys.argv[1], *map(int, sys.argv[2:])
rows = []
for phase, label in (("up-cold", "up -d (cold)"), ("up-noop", "up -d (no-op)"), ("down", "down")):
    r = {x["command"]: (x["mean"], x["stddev"] or 0) for x in json.load(open(f"{work}/{phase}.json"))["results"]}
    rows.append((label, r))
print(f"\n{n} services; means of the timed runs (± stddev)")
print(f"{'command':<15}{'compose v1':>16}{'berth docker':>16}{'berth embedded':>16}{'docker/v1':>11}{'emb/v1':>9}")
for label, r in rows:
    cell = lambda k: f"{r[k][0]*1000:.0f}±{r[k][1]*1000:.0f} ms"
    print(f"{label:<15}{cell('v1'):>16}{cell('berth-docker'):>16}{cell('berth-embedded'):>16}"
          f"{r['berth-docker'][0]/r['v1'][0]:>11.3f}{r['berth-embedded'][0]/r['v1'][0]:>9.3f}")
print("targets: berth docker/v1 <= 0.6 (issue 7), berth embedded/v1 <= 0.15 (issue 8)")
print(f"\nmemory with idle containers ({docker_running} on dockerd, {engine_running} on the berth engine); target <= 0.4")
for name, d, e in (("RSS", docker_rss, engine_rss), ("PSS", docker_pss, engine_pss)):
    print(f"{name}: dockerd + containerd + shims {d/1024:.0f} MiB, berth engine + shims {e/1024:.0f} MiB, "
          f"ratio {e/d:.3f}")
PY
