#!/usr/bin/env bash
# Whole-process cost of two builds on the same resample cases, paired and interleaved run by run (old,
# new, old, new, ...) so machine drift and load hit both alike: median wall seconds, median CPU seconds
# (user + system, the steadier measure on a shared machine) and median peak resident MB (GNU time), with
# ranges, and the median of each pair's wall-time ratio. Both jars run alike: java -XX:ActiveProcessorCount=2 -XX:+UseSerialGC -Xmn8m, no class-data
# archive. Outputs are .nii in a scratch folder, deleted before each run (fresh).
#
# usage: bench/paired-builds.sh OLD.jar NEW.jar [--runs N] [--cases LIST] [--results NAME]
#   cases (default ch2-linear,ch2-nearest,ch2-bspline,torso-label-gaussian):
#     ch2-linear, ch2-nearest      ch2 (0.5 mm uint8) to 0.3 mm, as bench/resample-floor.sh
#     ch2-linear-gz                the same, .nii.gz output
#     ch2gz-linear, ch2gz-nearest  the same from a .nii.gz input (gzip -c of ch2.nii), .nii output
#     ch2-bspline                  ch2 to 0.5 x 0.5 x 0.4 mm, B-spline
#     torso-label-gaussian         torso labels to 0.782 x 0.782 x 1 mm, label-gaussian
#     phantom-linear               CT phantom 5 mm (the DICOM folder) to 0.45 mm iso, linear
#     phantom-nii-linear           the same from a .nii copy (as bench/resample-floor.sh), float32 output as there
# env: SHARED_DATA, BENCH_WORK (scratch, default a temp folder)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
old=$1 new=$2; shift 2
runs=5 cases=ch2-linear,ch2-nearest,ch2-bspline,torso-label-gaussian results=
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --cases) cases=$2; shift ;;
    --results) results=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/paired-builds.XXXXXX")}
mkdir -p "$work"
trap 'rm -f "$work"/out-*' EXIT
[ -f "$work/ch2.nii" ] || gunzip -c "$shared/mr-brain/ch2.nii.gz" >"$work/ch2.nii"
[ -f "$work/ch2.nii.gz" ] || gzip -c "$work/ch2.nii" >"$work/ch2.nii.gz"
[ -f "$work/torso.nii" ] || gunzip -c "$shared/niivue-samples/torsoLabel.nii.gz" >"$work/torso.nii"
[ -f "$work/phantom.nii" ] || java -jar "$new" convert -q "$shared/ct-phantom/5mm" "$work/phantom.nii"
declare -A args=(
  [ch2-linear]="$work/ch2.nii|nii|--keep-origin --spacing 0.3 --interp linear --default-value 0 --image --type uint8"
  [ch2-linear-gz]="$work/ch2.nii|nii.gz|--keep-origin --spacing 0.3 --interp linear --default-value 0 --image --type uint8"
  [ch2-nearest]="$work/ch2.nii|nii|--keep-origin --spacing 0.3 --interp nearest --default-value 0 --image --type uint8"
  [ch2gz-linear]="$work/ch2.nii.gz|nii|--keep-origin --spacing 0.3 --interp linear --default-value 0 --image --type uint8"
  [ch2gz-nearest]="$work/ch2.nii.gz|nii|--keep-origin --spacing 0.3 --interp nearest --default-value 0 --image --type uint8"
  [ch2-bspline]="$work/ch2.nii|nii|--spacing 0.5,0.5,0.4 --interp bspline"
  [torso-label-gaussian]="$work/torso.nii|nii|--spacing 0.782,0.782,1 --interp label-gaussian --labels"
  [phantom-linear]="$shared/ct-phantom/5mm|nii|--spacing 0.451171875 --keep-origin --interp linear --image"
  [phantom-nii-linear]="$work/phantom.nii|nii|--spacing 0.451171875 --keep-origin --interp linear --image --default-value -1024 --type float32"
)
one() {   # jar case -> "wall cpu mb"
  local jar=$1 input ext opts t0 t1
  IFS='|' read -r input ext opts <<<"${args[$2]}"
  read -r -a o <<<"$opts"
  rm -f "$work/out-$2.$ext"
  t0=$(date +%s%N)
  /usr/bin/time -f '%U %S %M' -o "$work/time.txt" java -XX:ActiveProcessorCount=2 -XX:+UseSerialGC -Xmn8m -jar "$jar" resample -q \
    "$input" "$work/out-$2.$ext" "${o[@]}" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
  t1=$(date +%s%N)
  awk -v ns=$((t1 - t0)) '{printf "%.3f %.2f %.0f\n", ns / 1e9, $1 + $2, $3 / 1024}' "$work/time.txt"
}
stat() {   # values on stdin -> "median (min-max)"
  sort -g | awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%g (%g-%g)", m, a[1], a[NR]}'
}
load0=$(cut -d' ' -f1-3 /proc/loadavg); start=$(date -u '+%Y-%m-%d %H:%M')
rows=()
for c in ${cases//,/ }; do
  [ -n "${args[$c]:-}" ] || { echo "unknown case $c" >&2; exit 2; }
  : >"$work/old.txt"; : >"$work/new.txt"
  for r in $(seq "$runs"); do
    one "$old" "$c" >>"$work/old.txt"
    one "$new" "$c" >>"$work/new.txt"
  done
  col() { awk -v k="$1" '{print $k}' "$2" | stat; }
  ratio=$(paste -d' ' "$work/old.txt" "$work/new.txt" | awk '{print $4 / $1}' | stat)
  rows+=("| $c | $runs | $(col 1 "$work/old.txt") | $(col 1 "$work/new.txt") | $ratio | $(col 2 "$work/old.txt") | $(col 2 "$work/new.txt") | $(col 3 "$work/old.txt") | $(col 3 "$work/new.txt") |")
  echo "${rows[-1]}" >&2
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Paired whole-process runs of two builds (bench/paired-builds.sh, $start UTC)"
  echo
  echo "old: $old; new: $new. Load average (1, 5, 15 min) at the start: $load0; at the end: $load1 ($(nproc) cores)."
  echo "Medians (ranges) of N interleaved runs each; the ratio column: the median (range) over the pairs of a new run's wall time"
  echo "over the old run just before it (steadier than the ratio of the medians when the load drifts); CPU = user + system; fresh .nii outputs; no class-data archive."
  echo
  echo "| case | runs | wall s old | wall s new | wall new/old of each pair | CPU s old | CPU s new | peak MB old | peak MB new |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | if [ -n "$results" ]; then tee "$repo/bench/results/$results"; else cat; fi
