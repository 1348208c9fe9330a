#!/bin/sh
# One-shot migration: brings the data volume to SCHEMA_VERSION, step by step, and records each step.
set -eu
current=$(cat /data/schema_version 2>/dev/null || echo 0)
echo "schema at version $current, target $SCHEMA_VERSION"
while [ "$current" -lt "$SCHEMA_VERSION" ]; do
  current=$((current + 1))
  echo "$(date -u +%FT%TZ) applied migration $current" >> /data/migrations.log
  echo "$current" > /data/schema_version
  echo "applied migration $current"
done
echo "migrations done"
