#!/usr/bin/env bash
# The block reorder of Spark block mode alone (BlockResample.StorageOrder.stored): bench/StoredCopyBench.java,
# before (the get/set loop it replaced) against after (the array copy) on a 256 x 256 x 64 block, one JVM per
# pixel type, medians of RUNS interleaved calls. Writes bench/results/stored-copy.md.
# usage: bench/stored-copy.sh [RUNS]   (RUNS default 31)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-31}
(cd "$repo" && ./mvnw -q -B -o compile -pl interslice-spark -am)
cp=$repo/interslice-spark/target/classes:$repo/interslice-core/target/classes
load0=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for type in FLOAT32 INT16 UINT8; do
  while IFS= read -r row; do echo "$row" >&2; rows+=("$row"); done < <(java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseSerialGC -cp "$cp" "$repo/bench/StoredCopyBench.java" $type "$runs")
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Block reorder into OME-Zarr storage order, the copy alone ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $load0 at the start, $load1 at the end; the machine was shared with other agents' builds)"
  echo
  echo "\`bench/stored-copy.sh $runs\` on commit $(cd "$repo" && git rev-parse --short HEAD): one 256 x 256 x 64 block, medians of $runs interleaved calls after 5 warm-up calls, one thread; before = the get/set loop, after = the array copy (same voxels, checked first)."
  echo
  echo "| storage order | type | before ms | after ms | before / after |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$repo/bench/results/stored-copy.md"
cat "$repo/bench/results/stored-copy.md"
