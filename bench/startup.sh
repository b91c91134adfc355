#!/usr/bin/env bash
# Start-up of the CLI, whole process: `--version`, `info` of a small file and a small `resample`, for
# several builds, paired and interleaved run by run; median wall and CPU (user + system) milliseconds, and
# how many classes each run loads and how many of those come from outside the class-data archive
# (-Xlog:class+load). Writes bench/results/startup.md.
#
# usage: bench/startup.sh [--runs N] [NAME=JAR[:ARCHIVE] ...]
#   default builds: this repo's launcher jar with its archive ("archive") and without ("no archive").
#   An archive is only valid for the jar path (and jar file) it was made from: give the jar it was made for.
# JVM flags as the launcher: -XX:+UseSerialGC -Xmn8m -XX:ActiveProcessorCount=2.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=11
if [ "${1:-}" = --runs ]; then runs=$2; shift 2; fi
"$repo/interslice" --version >/dev/null   # builds the jar and its archive when needed
jar=$repo/interslice-cli/target/interslice.jar
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=("archive=$jar:$repo/interslice-cli/target/interslice.jsa" "no archive=$jar")
in=$repo/samples/ct-phantom/phantom-5mm.nii.gz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
commands=("--version" "info $in" "resample -q $in $work/out.nii --spacing 2")
jvm() {   # cfg -> J: the java command line up to the main class
  local spec=${1#*=} j
  j=${spec%%:*}
  J=(java -XX:+UseSerialGC -Xmn8m -XX:ActiveProcessorCount=2)
  [ "$spec" != "$j" ] && J+=(-XX:SharedArchiveFile="${spec#*:}" -Xlog:cds=off -Xlog:cds+dynamic=off)
  J+=(-cp "$j" org.interslice.cli.Main)
}
declare -A wall cpu
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq "$runs"); do
  for c in "${commands[@]}"; do
    for cfg in "${configs[@]}"; do
      rm -f "$work/out.nii"
      read -r -a args <<<"$c"
      s=$(date +%s%N)
      jvm "$cfg"
      /usr/bin/time -f '%U %S' -o "$work/t" "${J[@]}" "${args[@]}" >/dev/null 2>&1 || true
      e=$(date +%s%N)
      k="$c|${cfg%%=*}"
      wall[$k]+="$(( (e - s) / 1000000 )) "
      cpu[$k]+="$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/t") "
    done
  done
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
med() { printf '%s\n' $1 | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
{
  echo "# CLI start-up ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $load0 at the start, $load1 at the end)"
  echo
  echo "\`bench/startup.sh\`, $runs interleaved runs per cell, medians; CPU = user + system of the process."
  echo "Builds: $(printf '%s; ' "${configs[@]}" | sed "s|$repo/||g")"
  echo
  echo "| command | build | wall ms | CPU ms | classes loaded | of them not from the archive |"
  echo "|---|---|---|---|---|---|"
  for c in "${commands[@]}"; do
    for cfg in "${configs[@]}"; do
      read -r -a args <<<"$c"
      rm -f "$work/out.nii"
      jvm "$cfg"
      "${J[0]}" -Xlog:class+load:file="$work/cl.txt" "${J[@]:1}" "${args[@]}" >/dev/null 2>&1 || true
      total=$(grep -c 'source:' "$work/cl.txt" || true); outside=$(grep 'source:' "$work/cl.txt" | grep -vc 'shared objects file' || true)
      k="$c|${cfg%%=*}"
      echo "| \`${c//$work\//}\` | ${cfg%%=*} | $(med "${wall[$k]}") | $(med "${cpu[$k]}") | $total | $outside |" | sed "s|$repo/||g"
    done
  done
} | tee "$repo/bench/results/startup.md"
