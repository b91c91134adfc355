#!/usr/bin/env bash
# Issue 22's table, unattended, in under 10 minutes on the 2-core machine: bench/resample-vs-itk.sh for
# ch2 to 0.3 mm and the phantom to isotropic, nearest, linear and B-spline (ITK for nearest and linear:
# its B-spline takes 10-30 s a run), fresh and existing outputs, uncompressed NIfTI and .nii.gz; every
# cell paired and interleaved run by run (ITK, ours, the floor's converts), two passes, medians.
# Writes the README-ready table to bench/results/resample-floor.md (raw tables beside it:
# resample-floor-nii.md, resample-floor-niigz.md) and prints it; then bench/resample-timeline.sh (3 runs of ch2
# nearest and linear with their phase marks) writes bench/results/resample-timeline.md.
#
# usage: bench/resample-floor.sh [--runs N] [--gz-runs M]   (defaults 3 and 1: runs per pass)
# env: as bench/resample-vs-itk.sh (SHARED_DATA, ITK_RESAMPLE, INTERSLICE_CMD, BENCH_WORK).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=3 gz_runs=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --gz-runs) gz_runs=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
start=$(date -u '+%Y-%m-%d %H:%M'); load0=$(cut -d' ' -f1-3 /proc/loadavg); t0=$(date +%s)
export BENCH_WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/resample-floor.XXXXXX")}
common=(--cases ch2,phantom --slow-runs 1 --itk-interps nearest,linear)
bash "$repo/bench/resample-vs-itk.sh" "${common[@]}" --runs "$runs" --ext nii --results resample-floor-nii.md >/dev/null
bash "$repo/bench/resample-vs-itk.sh" "${common[@]}" --runs "$gz_runs" --ext nii.gz --results resample-floor-niigz.md >/dev/null
load1=$(cut -d' ' -f1-3 /proc/loadavg); t1=$(date +%s)

# raw row: | name | interp | state | runs | version | floor (noise) | ours (noise) | ours/floor | ITK (noise) | ITK/ours | ours MB | ITK MB |
table() {   # file ext
  awk -F' *\\| *' -v ext="$2" '
    function cell(c,   v, n) { if (c ~ /^-/) return "-"; split(c, v, " "); return sprintf("%.2f %s", v[1], v[2]) }
    /^\| (brain|phantom)/ {
      name = $2; sub(/brain MR ch2.nii to 0.3 mm iso/, "ch2 to 0.3 mm", name); sub(/phantom 5 mm to 0.451171875 mm iso/, "phantom to 0.45 mm iso", name)
      printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, $3, ext, $4, cell($7), cell($8), $9, cell($10), $11, $12, $13
    }' "$repo/bench/results/$1"
}
{
  echo "# resample against its floor and ITK (bench/resample-floor.sh, $start UTC, $(( (t1 - t0) / 60 )) min)"
  echo
  echo "Load average (1, 5, 15 min) at the start: $load0; at the end: $load1 ($(nproc) cores). Each cell: median"
  echo "wall seconds over two passes of paired, interleaved runs (nii: 2x$runs, nii.gz: 2x$gz_runs, B-spline 2x1), in brackets"
  echo "|median pass A - median pass B| / median. floor = (t(convert IN) + t(convert OUT-sized)) / 2 = start-up + read"
  echo "IN + write OUT, in the same format; OUT-sized is a copy of the row's own output (.nii.gz: of that interpolator's,"
  echo "since deflating linear's smoother output costs more than nearest's). fresh: outputs deleted before each run; existing: each run replaces"
  echo "the last. Raw tables: resample-floor-nii.md, resample-floor-niigz.md."
  echo
  echo "| input -> output | interp | out | outputs | floor s (noise) | ours s (noise) | ours/floor | ITK s (noise) | ITK/ours | ours peak MB | ITK peak MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  table resample-floor-nii.md nii
  table resample-floor-niigz.md nii.gz
} | tee "$repo/bench/results/resample-floor.md"
# where the time of ch2 nearest and linear goes on the same machine (3 runs each, about 10 s):
# bench/results/resample-timeline.md
bash "$repo/bench/resample-timeline.sh" --runs 3 >/dev/null
echo; echo "Timeline: bench/results/resample-timeline.md"
