#!/usr/bin/env bash
# Where the time of one resample goes: runs ch2 (0.5 mm uint8) to 0.3 mm with INTERSLICE_TIMELINE=1 (the
# CLI then prints the marks of the operation, its writer thread and its resampler to stderr at exit) and
# places them between the process's launch and its end, as seen from this script. Prints, per run, ms
# since launch of: main entered, input read, output allocated (and how long allocating took), first
# slab queued for the writer, last slab computed, everything written, committed, exit, process ended;
# and how long the writer waited for slabs, wrote, and how long computing waited for the queue. CPU
# (user + system) from GNU time. Writes bench/results/resample-timeline.md and prints it.
#
# usage: bench/resample-timeline.sh [--runs N] [--interps LIST] [--ext nii|nii.gz] [--input-ext nii|nii.gz] [--results NAME]
#   (defaults 3 runs each of nearest,linear interleaved, .nii output from the .nii input, fresh outputs;
#   --input-ext nii.gz reads a gzip -c copy of ch2.nii instead)
# env: SHARED_DATA, BENCH_WORK, INTERSLICE_CMD as bench/resample-vs-itk.sh; -XX:ActiveProcessorCount=2 added.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
runs=3 interps=nearest,linear ext=nii iext=nii results=resample-timeline.md
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --interps) interps=$2; shift ;;
    --ext) ext=$2; shift ;;
    --input-ext) iext=$2; shift ;;
    --results) results=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/resample-timeline.XXXXXX")}
mkdir -p "$work"
[ -f "$work/ch2.nii" ] || gunzip -c "$shared/mr-brain/ch2.nii.gz" >"$work/ch2.nii"
[ "$iext" = nii ] || [ -f "$work/ch2.nii.gz" ] || gzip -c "$work/ch2.nii" >"$work/ch2.nii.gz"
read -r -a ours <<<"${INTERSLICE_CMD:-$repo/interslice}"
"${ours[@]}" --version >/dev/null
export INTERSLICE_JAVA_OPTS="-XX:ActiveProcessorCount=2 ${INTERSLICE_JAVA_OPTS:-}"
load0=$(cut -d' ' -f1-3 /proc/loadavg); start=$(date -u '+%Y-%m-%d %H:%M')

# one run: prints the row's cells
one() {
  local interp=$1 out=$work/out.$ext t0 t1
  rm -f "$out"
  t0=$(date +%s%N)
  INTERSLICE_TIMELINE=1 /usr/bin/time -f 'cpu %U %S %M' -o "$work/time.txt" "${ours[@]}" resample -q "$work/ch2.$iext" "$out" --keep-origin \
    --spacing 0.3 --interp "$interp" --default-value 0 --image --type uint8 2>"$work/tl.txt" >/dev/null
  t1=$(date +%s%N)
  cat "$work/time.txt" >>"$work/tl.txt"
  echo "launch $t0 $t1" >>"$work/tl.txt"
  awk -v t0="$t0" -v t1="$t1" -v interp="$interp" '
    function at(us) { return (us * 1000 - t0) / 1e6 }
    /^timeline/ {
      t = at($2); ev = $0; sub(/^timeline [0-9]+ [^ ]+ /, "", ev)
      if (ev == "main") main = t
      else if (ev == "header read") hd = t
      else if (ev == "input read") rd = t
      else if (ev == "allocating the output") a0 = t
      else if (ev == "output allocated") a1 = t
      else if (ev ~ /^queued slices/ && q1 == "") q1 = t
      else if (ev ~ /^computed/) { comp = t; if (match(ev, /waited [0-9.]+ ms/)) blocked = substr(ev, RSTART + 7, RLENGTH - 10) }
      else if (ev ~ /^wrote slices/) { if (match(ev, /idle [0-9.]+/)) idle = substr(ev, RSTART + 5, RLENGTH - 5); if (match(ev, /busy [0-9.]+/)) busy = substr(ev, RSTART + 5, RLENGTH - 5) }
      else if (ev == "written") wr = t
      else if (ev == "committed") cm = t
      else if (ev ~ /^exit/) ex = t
    }
    /^cpu/ { cpu = $2 + $3; mb = $4 / 1024 }
    END {
      if (q1 == "") q1 = comp
      alloc = a1 == "" ? "- (streamed)" : sprintf("%.0f (%.0f)", a1, a1 - a0)
      printf "| %s | %.0f | %s | %.0f | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %.2f | %.0f |\n",
        interp, main, (hd == "" ? "-" : sprintf("%.0f", hd)), rd, alloc, q1, comp, (wr == "" ? comp : wr), cm, ex, (t1 - t0) / 1e6, (idle == "" ? "-" : idle),
        (busy == "" ? "-" : busy), (blocked == "" ? "-" : blocked), cpu, mb
    }' "$work/tl.txt"
  cp "$work/tl.txt" "$work/timeline-$interp.txt"
}

rows=()
for r in $(seq "$runs"); do
  for interp in ${interps//,/ }; do rows+=("$(one "$interp")"); done
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Timeline of ch2 (0.5 mm uint8, .$iext) to 0.3 mm, .$ext, fresh outputs (bench/resample-timeline.sh, $start UTC)"
  echo
  echo "Load average (1, 5, 15 min) at the start: $load0; at the end: $load1 ($(nproc) cores). Milliseconds since"
  echo "the script launched the process (launcher included); header read: the input's header known, its voxels not yet read; allocated: when the output array was allocated (streamed: never)"
  echo "(in brackets: how long allocating took); first queued: the first block handed to the writer; computed: the last"
  echo "block computed; writer idle / busy: time the writer thread waited for blocks / spent writing them; compute"
  echo "blocked: time the computing thread waited for room in the writer's queue or for a free buffer of its ring. CPU = user + system s."
  echo
  echo "| interp | main | header read | input read | allocated (took) | first queued | computed | written | committed | exit | ended | writer idle ms | writer busy ms | compute blocked ms | CPU s | peak MB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}" | sort -s -t'|' -k2,2
  echo
  echo "Last run's marks per interpolator (ms since launch, thread, event):"
  for interp in ${interps//,/ }; do
    echo
    echo '```'
    awk '/^launch/ {t0 = $2; t1 = $3} /^timeline/ {ev = $0; sub(/^timeline [0-9]+ /, "", ev); n++; at[n] = $2; line[n] = ev}
      END {for (i = 1; i <= n; i++) printf "%7.1f %s\n", (at[i] * 1000 - t0) / 1e6, line[i]; printf "%7.1f process ended\n", (t1 - t0) / 1e6}' \
      "$work/timeline-$interp.txt"
    echo '```'
  done
} | tee "$repo/bench/results/$results"
