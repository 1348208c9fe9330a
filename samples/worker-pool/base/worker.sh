#!/bin/sh
# Claims one job at a time by renaming it into its own directory (only one worker wins a rename), squares the
# number, writes the result, and lets the others have a turn. Runs until stopped.
set -u
me=$(hostname)
mkdir -p "/queue/claimed/$me" /results
while true; do
  for job in /queue/new/job-*; do
    [ -e "$job" ] || continue
    name=${job##*/}
    if mv "$job" "/queue/claimed/$me/$name" 2>/dev/null; then
      n=$(cat "/queue/claimed/$me/$name")
      echo "$n squared is $((n * n)) by $me" > "/results/$name"
      echo "$me did $name"
      sleep 0.1
    fi
  done
  sleep 0.2
done
