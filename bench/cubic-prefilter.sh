#!/usr/bin/env bash
# Cubic's prefilter, recursive (before) against the symmetric FIR that makes slab work equal the whole run
# (after): whole-process wall time of `interpolate --method cubic` with each build's CLI jar, RUNS interleaved
# runs, medians; and how many output voxels the change moved (nibabel). Writes bench/results/cubic-prefilter.md.
# usage: bench/cubic-prefilter.sh BEFORE.jar AFTER.jar [RUNS]   (RUNS default 3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
before=$1 after=$2 runs=${3:-3}
shared=${SHARED_DATA:-$repo/../shared/data}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cases=("$shared/ct-head/head.nii.gz|4" "$shared/mr-brain/ch2-1mm.nii.gz|4" "$shared/ct-phantom/5mm|5")
load0=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for c in "${cases[@]}"; do
  in=${c%|*} k=${c#*|}
  tb=() ta=()
  for ((r = 0; r < runs; r++)); do
    for which in before after; do
      jar=$before; [ $which = after ] && jar=$after
      s=$(date +%s.%N)
      java -cp "$jar" org.interslice.cli.Main interpolate "$in" "$work/$which.nii" --factor "$k" --method cubic --no-sidecar >/dev/null
      t=$(echo "$(date +%s.%N) - $s" | bc)
      if [ $which = before ]; then tb+=("$t"); else ta+=("$t"); fi
    done
  done
  med() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
  mb=$(printf %.2f "$(med "${tb[@]}")") ma=$(printf %.2f "$(med "${ta[@]}")")
  diff=$(/usr/bin/python3 - "$work/before.nii" "$work/after.nii" <<'PY'
import sys, nibabel as nib, numpy as np
a = np.asarray(nib.load(sys.argv[1]).dataobj).astype(np.float64)
b = np.asarray(nib.load(sys.argv[2]).dataobj).astype(np.float64)
d = np.abs(a - b)
print(f"{a.shape[0]}x{a.shape[1]}x{a.shape[2]} {a.dtype if False else nib.load(sys.argv[1]).get_data_dtype()} | {int((d > 0).sum())} of {d.size} | {d.max():g}")
PY
)
  row="| $(basename "$in") | $k | $diff | $mb | $ma | $(awk -v a="$mb" -v b="$ma" 'BEGIN {printf "%.2f", a / b}') |"
  echo "$row" >&2
  rows+=("$row")
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Cubic prefilter: recursive (before) vs symmetric FIR (after) ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $load0 at the start, $load1 at the end; shared machine, other agents building)"
  echo
  echo "\`bench/cubic-prefilter.sh $(basename "$before") $(basename "$after") $runs\`: \`interpolate IN OUT.nii --factor K --method cubic --no-sidecar\`, whole process, medians of $runs interleaved runs (seconds)."
  echo
  echo "| input | K | output | voxels changed | largest change | before s | after s | before / after |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$repo/bench/results/cubic-prefilter.md"
cat "$repo/bench/results/cubic-prefilter.md"
