#!/usr/bin/env bash
# CPU time of the separable nearest and linear kernels alone (bench/KernelCpuTime.java: ch2 to
# 0.3 mm, 163 M output voxels, uint8 and int16, 1 and 2 threads), the measure a shared machine disturbs
# least: best of RUNS after two warm-up calls, thread CPU time with 1 thread, process CPU time with 2.
# With --baseline JAR the same runs use another build's core classes first on the class path,
# interleaved run by run; the checksum column says whether both builds gave the same output.
# Writes bench/results/kernels-cpu.md.
#
# usage: bench/kernels-cpu.sh [--baseline JAR] [RUNS]   (RUNS default 5)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
baseline=
if [ "${1:-}" = --baseline ]; then baseline=$2; shift 2; fi
runs=${1:-5}
(cd "$repo" && ./mvnw -q -B -o -pl interslice-core -am -DskipTests package)
jar=$(ls "$repo"/interslice-core/target/interslice-core-*.jar | grep -v -e sources -e javadoc | head -1)
prog=$repo/bench/KernelCpuTime.java
load0=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for kernel in linear nearest; do
  for type in uint8 int16; do
    for threads in 1 2; do
      read -r _ _ _ cpu wall sum < <(java -Xmx2g -XX:+UseSerialGC -cp "$jar" "$prog" $kernel $type $threads "$runs")
      row="| $kernel | $type | $threads | $cpu | $wall |"
      if [ -n "$baseline" ]; then
        read -r _ _ _ bcpu bwall bsum < <(java -Xmx2g -XX:+UseSerialGC -cp "$baseline:$jar" "$prog" $kernel $type $threads "$runs")
        row="$row $bcpu | $bwall | $(awk -v a="$bcpu" -v b="$cpu" 'BEGIN {printf "%.2f", a / b}') | $([ "$sum" = "$bsum" ] && echo same || echo differs) |"
      fi
      echo "$row" >&2
      rows+=("$row")
    done
  done
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Separable kernels, CPU time ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $load0 at the start, $load1 at the end)"
  echo
  echo "\`bench/kernels-cpu.sh${baseline:+ --baseline $(basename "$baseline")} $runs\` on commit $(cd "$repo" && git rev-parse --short HEAD): bench/KernelCpuTime.java, ch2 (301 x 370 x 316)"
  echo "to 0.3 mm (502 x 617 x 527 = 163 M voxels), smooth random-walk input; milliseconds, best of $runs after 2 warm-up"
  echo "calls; CPU = the calling thread's with 1 thread, the process's with 2 (all workers)."
  echo
  if [ -n "$baseline" ]; then
    echo "| kernel | type | threads | this CPU ms | this wall ms | baseline CPU ms | baseline wall ms | baseline / this (CPU) | output checksum |"
    echo "|---|---|---|---|---|---|---|---|---|"
  else
    echo "| kernel | type | threads | CPU ms | wall ms |"
    echo "|---|---|---|---|---|"
  fi
  printf '%s\n' "${rows[@]}"
} | tee "$repo/bench/results/kernels-cpu.md"
