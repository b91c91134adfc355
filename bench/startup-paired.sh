#!/usr/bin/env bash
# Start-up of two builds, paired and interleaved run by run (old, new, new, old, ...: the order flips every
# run), each with a class-data archive made for its own jar the way the launcher makes it (same training
# runs, static dump), and JVM flags as the launcher (-XX:+UseSerialGC -Xmn8m, -XX:ActiveProcessorCount=2).
# Cases: `--version`; `info` of ch2 (0.5 mm uint8 .nii); `resample` of ch2 to 0.3 mm nearest, .nii, fresh
# output (as bench/resample-floor.sh); `interpolate` of the bundled CT phantom (5 mm slices, factor 2, linear,
# fresh .nii output); the same resample with INTERSLICE_TIMELINE=1, from which the "main" -> "command
# parsed" interval (ms; main() entered to the command's job made) is taken; and that interval alone, main
# thread CPU and wall, measured in process by bench/StartupInterval.java (compiled here against NEW.jar).
# Prints median wall and CPU (user + system) ms with ranges; writes bench/results/NAME (default startup-paired.md).
#
# usage: bench/startup-paired.sh OLD.jar NEW.jar [--runs N] [--results NAME] [--no-archive]
# env: SHARED_DATA, BENCH_WORK (scratch, default a temp folder)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
old=$1 new=$2; shift 2
runs=11 results=startup-paired.md archive=1
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --results) results=$2; shift ;;
    --no-archive) archive=0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/startup-paired.XXXXXX")}
mkdir -p "$work"
[ -f "$work/ch2.nii" ] || gunzip -c "$shared/mr-brain/ch2.nii.gz" >"$work/ch2.nii"
# each jar copied beside its archive (an archive is valid only for the jar path it was made with)
mkdir -p "$work/old" "$work/new"
cp "$old" "$work/old/interslice.jar"; cp "$new" "$work/new/interslice.jar"
archive() {   # dir: the launcher's training runs and static dump, for dir/interslice.jar
  local jar=$1/interslice.jar tmp in=$repo/samples/ct-phantom/phantom-5mm.nii.gz
  tmp=$(mktemp -d)
  train() { java -XX:DumpLoadedClassList="$tmp/$1.classlist" -cp "$jar" org.interslice.cli.Main "${@:2}" >/dev/null 2>&1 || true; }
  train help --help
  train version --version
  train info info "$in"
  train json info --json "$in"
  train resample resample -q "$in" "$tmp/r.nii" --isotropic --spacing-scale 4
  train spacing resample -q "$in" "$tmp/s.nii" --spacing 2 --interp nearest
  train bspline resample -q "$in" "$tmp/b.nii" --isotropic --spacing-scale 4 --interp bspline
  train convert convert -q "$in" "$tmp/c.nii.gz"
  train replace convert -q "$in" "$tmp/c.nii.gz"
  train nrrd convert -q "$in" "$tmp/c.nrrd"
  train interpolate interpolate -q "$in" "$tmp/i.nii" --factor 2 --method linear
  cat "$tmp"/*.classlist | grep -v '^#' | awk '!seen[$0]++' >"$tmp/all.classlist"
  java -Xshare:dump -XX:SharedClassListFile="$tmp/all.classlist" -XX:SharedArchiveFile="$1/interslice.jsa" -cp "$jar" >/dev/null 2>&1
  rm -rf "$tmp"
}
if [ "$archive" = 1 ]; then archive "$work/old"; archive "$work/new"; fi
mkdir -p "$work/probe"
javac -XDstringConcat=inline -d "$work/probe" -cp "$work/new/interslice.jar" "$repo/bench/StartupInterval.java"
jvm() {   # build -> J: the java command line up to the main class
  J=(java -XX:+UseSerialGC -Xmn8m -XX:ActiveProcessorCount=2)
  [ "$archive" = 1 ] && J+=(-XX:SharedArchiveFile="$work/$1/interslice.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  J+=(-cp "$work/$1/interslice.jar" org.interslice.cli.Main)
}
resample=(resample -q "$work/ch2.nii" "$work/out.nii" --keep-origin --spacing 0.3 --interp nearest --default-value 0 --image --type uint8)
interpolate=(interpolate -q "$repo/samples/ct-phantom/phantom-5mm.nii.gz" "$work/out.nii" --factor 2 --method linear)
declare -A wall cpu
one() {   # build case
  local b=$1 c=$2 s e
  jvm "$b"
  rm -f "$work/out.nii"
  s=$(date +%s%N)
  case $c in
    version) /usr/bin/time -f '%U %S' -o "$work/t" "${J[@]}" --version >/dev/null 2>&1 ;;
    info) /usr/bin/time -f '%U %S' -o "$work/t" "${J[@]}" info "$work/ch2.nii" >/dev/null 2>&1 ;;
    resample) /usr/bin/time -f '%U %S' -o "$work/t" "${J[@]}" "${resample[@]}" >/dev/null 2>&1 ;;
    interpolate) /usr/bin/time -f '%U %S' -o "$work/t" "${J[@]}" "${interpolate[@]}" >/dev/null 2>&1 ;;
    interval) J[-1]=StartupInterval; J[-2]="${J[-2]}:$work/probe"
      read -r c w < <("${J[@]}" "${resample[@]}")
      cpu[interval|$b]+="$c "; wall[interval|$b]+="$w "
      return ;;
    timeline) INTERSLICE_TIMELINE=1 "${J[@]}" "${resample[@]}" >/dev/null 2>"$work/tl.txt"
      wall[$c|$b]+="$(awk '/^timeline/ && / main main$/ {m = $2} /^timeline/ && /command parsed$/ {p = $2} END {printf "%.1f", (p - m) / 1000}' "$work/tl.txt") "
      return ;;
  esac
  e=$(date +%s%N)
  wall[$c|$b]+="$(( (e - s) / 1000000 )) "
  cpu[$c|$b]+="$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/t") "
}
load0=$(cut -d' ' -f1-3 /proc/loadavg); start=$(date -u '+%Y-%m-%d %H:%M')
for r in $(seq "$runs"); do
  for c in version info resample interpolate timeline interval; do
    if [ $((r % 2)) = 1 ]; then one old "$c"; one new "$c"; else one new "$c"; one old "$c"; fi
  done
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
stat() {   # values -> "median (min-max)"
  printf '%s\n' $1 | sort -g | awk 'function f(x) {return x == int(x) ? x : sprintf("%.1f", x)}
    {a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%s (%s-%s)", f(m), f(a[1]), f(a[NR])}'
}
med() { printf '%s\n' $1 | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$(med "$1")" -v b="$(med "$2")" 'BEGIN {printf "%.2f", (b > 0) ? a / b : 0}'; }
{
  echo "# Start-up, old against new ($start UTC, bench/startup-paired.sh)"
  echo
  echo "Old: $old; new: $new. $runs paired interleaved runs per cell ($( [ "$archive" = 1 ] && echo "each build with its own static class-data archive, made as the launcher makes it" || echo "no class-data archive" )),"
  echo "$(nproc) cores, load average (1, 5, 15 min) $load0 at the start, $load1 at the end. Medians (range); CPU = user + system."
  echo
  echo "| case | old wall ms | new wall ms | old/new | old CPU ms | new CPU ms | old/new |"
  echo "|---|---|---|---|---|---|---|"
  for c in version info resample interpolate; do
    echo "| $c | $(stat "${wall[$c|old]}") | $(stat "${wall[$c|new]}") | $(ratio "${wall[$c|old]}" "${wall[$c|new]}") | $(stat "${cpu[$c|old]}") | $(stat "${cpu[$c|new]}") | $(ratio "${cpu[$c|old]}" "${cpu[$c|new]}") |"
  done
  echo "| resample, timeline \"main\" -> \"command parsed\" | $(stat "${wall[timeline|old]}") | $(stat "${wall[timeline|new]}") | $(ratio "${wall[timeline|old]}" "${wall[timeline|new]}") | | | |"
  echo "| resample, main() -> \"command parsed\", main thread (StartupInterval) | $(stat "${wall[interval|old]}") | $(stat "${wall[interval|new]}") | $(ratio "${wall[interval|old]}" "${wall[interval|new]}") | $(stat "${cpu[interval|old]}") | $(stat "${cpu[interval|new]}") | $(ratio "${cpu[interval|old]}" "${cpu[interval|new]}") |"
  echo
  echo "Cases: version = \`--version\`; info = \`info ch2.nii\`; resample = \`${resample[*]//$work\//}\` (fresh output);"
  echo "interpolate = \`${interpolate[*]//$work\//}\` (fresh output)." | sed "s|$repo/||g"
} | tee "$repo/bench/results/$results"
