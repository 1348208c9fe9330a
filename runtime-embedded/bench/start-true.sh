#!/bin/sh
# Start of /bin/true through the embedded engine vs raw `runc run` on an equivalent busybox bundle.
# Needs root, runc and busybox-static. Usage: bench/start-true.sh [runs]   (run from runtime-embedded/)
set -eu
cd "$(dirname "$0")/.."
mvn -o -q test-compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null 2>&1 \
  || mvn -q dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
java -cp "target/classes:target/test-classes:$(cat target/bench.cp)" dev.berth.embedded.bench.StartBenchmark "${1:-30}"
