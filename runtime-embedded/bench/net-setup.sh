#!/bin/sh
# Per-container network set-up (netns + veth + address + route + DNS registration) on an existing bridge.
# Needs root, iproute2, iptables and busybox-static. Usage: bench/net-setup.sh [runs]   (run from runtime-embedded/)
set -eu
cd "$(dirname "$0")/.."
mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null 2>&1 \
  || mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" dev.berth.embedded.net.NetSetupBenchmark "${1:-50}"
