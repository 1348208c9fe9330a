#!/bin/sh
# Per-container network set-up (netns + veth + address + route + DNS registration) on an existing bridge, by the
# net package alone and through the engine's hook (BridgeNetworking, with a published port and the /etc files).
# Needs root, iproute2, iptables and busybox-static. Usage: bench/net-setup.sh [runs]   (run from runtime-embedded/)
set -eu
cd "$(dirname "$0")/.."
# through the reactor, so that runtime-spi comes from this worktree and not from a stale ~/.m2
(cd .. && mvn -o -q -pl runtime-embedded -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null)
java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" dev.berth.embedded.net.NetSetupBenchmark "${1:-50}"
