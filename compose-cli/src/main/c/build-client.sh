#!/bin/sh
# Compiles berth-client.c into DIR/berth-client (run by Maven in the compile phase of compose-cli).
# Without a working C compiler the client is skipped, and the ./berth launcher runs berth with java directly.
set -eu
dir="$1"
src="$(dirname "$0")/berth-client.c"
out="$dir/berth-client"
cc=""
for candidate in "${CC:-}" cc gcc; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then cc="$candidate"; break; fi
done
probe="$dir/berth-client-probe"
if [ -z "$cc" ] || ! printf '#include <stdio.h>\nint main(void) { return 0; }\n' \
    | "$cc" -x c -o "$probe" - >/dev/null 2>&1; then
  echo "berth-client: no working C compiler (apt-get install gcc libc6-dev); skipped: berth runs without the CLI server"
  rm -f "$out" "$probe"
  exit 0
fi
rm -f "$probe"
if [ -x "$out" ] && [ "$out" -nt "$src" ]; then
  exit 0
fi
mkdir -p "$dir"
"$cc" -O2 -Wall -Wextra -Werror -o "$out.tmp" "$src"
mv "$out.tmp" "$out"
