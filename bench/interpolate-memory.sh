#!/usr/bin/env bash
# Whole-process wall time and peak resident memory of `interslice interpolate`, next to the sizes of its
# input and output arrays (the memory claim: input + output + per-thread work space). Uncompressed NIfTI
# in and out, 2 threads, median of N runs (GNU time -v). Writes bench/results/interpolate.md.
#
# usage: bench/interpolate-memory.sh [--runs N]
# env: SHARED_DATA (default ../shared/data beside the repo), BENCH_WORK (temp folder)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
runs=3
[ "${1:-}" = --runs ] && runs=$2
work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/interp-bench.XXXXXX")}
trap 'rm -f "$work"/out*.nii "$work"/out*.json' EXIT
ours="$repo/interslice"
"$ours" --version >/dev/null
export INTERSLICE_JAVA_OPTS="-XX:ActiveProcessorCount=2 ${INTERSLICE_JAVA_OPTS:-}"
[ -f "$work/phantom5mm.nii" ] || "$ours" convert -q "$shared/ct-phantom/5mm" "$work/phantom5mm.nii" >/dev/null
[ -f "$work/head.nii" ] || gunzip -c "$shared/ct-head/head.nii.gz" >"$work/head.nii"
[ -f "$work/ch2.nii" ] || gunzip -c "$shared/mr-brain/ch2.nii.gz" >"$work/ch2.nii"

# case: input, factor, methods (morph only on the smaller inputs: it is the slow one)
cases=("phantom5mm.nii 5 linear,cubic,lanczos,morph" "head.nii 2 linear,cubic,lanczos,morph" "ch2.nii 4 linear,cubic,lanczos")
out="$repo/bench/results/interpolate.md"
{
  echo "# interpolate: wall time and peak memory"
  echo
  echo "\`bench/interpolate-memory.sh --runs $runs\`, $(date -u +%Y-%m-%d), $(nproc) cores (shared machine: other"
  echo "agents were building and testing at the same time, so times are indicative), 2 threads"
  echo "(-XX:ActiveProcessorCount=2), uncompressed NIfTI in and out, median of $runs runs; peak RSS of the"
  echo "whole JVM (GNU time). Input and output are the voxel arrays in memory."
  echo
  echo "| input | factor | method | input MB | output MB | wall s | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|"
} >"$out"
for c in "${cases[@]}"; do
  read -r f k ms <<<"$c"
  for m in ${ms//,/ }; do
    walls=() rss=()
    for _ in $(seq "$runs"); do
      /usr/bin/time -v -o "$work/time.txt" "$ours" interpolate -q "$work/$f" "$work/out.nii" --factor "$k" --method "$m" >"$work/log.txt"
      walls+=("$(awk -F': ' '/Elapsed/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time.txt")")
      rss+=("$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")")
    done
    wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    peak=$(printf '%s\n' "${rss[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.0f", a[int((NR+1)/2)]/1024}')
    # array sizes from the volumes themselves: header-free NIfTI payload = file size - 352
    insz=$(( $(stat -c %s "$work/$f") - 352 )); outsz=$(( $(stat -c %s "$work/out.nii") - 352 ))
    printf '| %s | %s | %s | %.1f | %.1f | %s | %s |\n' "$f" "$k" "$m" "$(echo "$insz/1048576" | bc -l)" "$(echo "$outsz/1048576" | bc -l)" "$wall" "$peak" >>"$out"
  done
done
cat "$out"
