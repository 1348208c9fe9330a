#!/bin/sh
# Puts JOBS jobs on the queue (a directory on a shared volume); a job becomes visible atomically by rename.
set -eu
mkdir -p /queue/new /queue/tmp
i=1
while [ "$i" -le "$JOBS" ]; do
  echo "$i" > "/queue/tmp/job-$i"
  mv "/queue/tmp/job-$i" "/queue/new/job-$i"
  i=$((i + 1))
done
echo "queued $JOBS jobs"
