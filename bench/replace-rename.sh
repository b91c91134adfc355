#!/usr/bin/env bash
# What replacing an existing output costs inside the run, with the file system alone (no JVM): renaming a
# new file over an existing one of SIZE bytes (the old blocks are freed inside the rename) against giving
# the old file a second name first and renaming (what AtomicFiles does; the old file is deleted after).
# Paired runs; prints one line per run and writes bench/results/replace-rename.md.
# usage: bench/replace-rename.sh [RUNS] [SIZE]   (defaults 5, 163000000: ch2 at 0.3 mm, uint8)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5} size=${2:-163000000}
d=$(mktemp -d "${TMPDIR:-/tmp}/replace-rename.XXXXXX")
trap 'rm -rf "$d"' EXIT
ms() { echo $(( ($2 - $1) / 1000000 )); }
out=()
for r in $(seq "$runs"); do
  head -c "$size" /dev/zero >"$d/old"; head -c "$size" /dev/zero >"$d/new"; sync
  t0=$(date +%s%N); mv -f "$d/new" "$d/old"; t1=$(date +%s%N)
  head -c "$size" /dev/zero >"$d/new"; sync
  t2=$(date +%s%N); ln "$d/old" "$d/aside"; mv -f "$d/new" "$d/old"; t3=$(date +%s%N)
  rm -f "$d/aside"
  line="| $r | $(ms "$t0" "$t1") | $(ms "$t2" "$t3") |"
  echo "$line"; out+=("$line")
done
{
  echo "# replacing a $size-byte file ($(date -u '+%Y-%m-%d %H:%M') UTC, $(df -T "$d" | awk 'NR == 2 {print $2}'), load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| run | rename over the old file, ms | second name + rename, ms |"
  echo "|---|---|---|"
  printf '%s\n' "${out[@]}"
} >"$repo/bench/results/replace-rename.md"
