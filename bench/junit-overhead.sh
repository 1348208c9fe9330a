#!/usr/bin/env bash
# The JUnit extension's up + wait + down of a two-service stack on the embedded engine (in-process, through the
# JUnit test kit) against `berth up --wait` + `berth down -v` of the same stack as CLI processes. Prints the
# medians and the ratio extension/cli. Needs root, runc and busybox-static (the image is built from it).
# ROUNDS (default 5) sets the number of rounds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
# compile in the same run so that the reactor modules resolve to their target/classes; the last module of each
# reactor (the one named) writes the class path file last
mvn -o -q -B -pl compose-cli -am compile dependency:build-classpath -Dmdep.outputFile="$work/cli.txt" \
  -Dmdep.includeScope=runtime >/dev/null
mvn -o -q -B -pl berth-junit -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/junit.txt" \
  -Dmdep.includeScope=test >/dev/null
cli_cp="$root/compose-cli/target/classes:$(cat "$work/cli.txt")"
bench_cp="$root/berth-junit/target/test-classes:$root/berth-junit/target/classes:$(cat "$work/junit.txt")"
java -cp "$bench_cp" dev.berth.junit.bench.ExtensionOverhead "${ROUNDS:-5}" "$cli_cp"
