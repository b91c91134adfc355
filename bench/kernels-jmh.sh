#!/usr/bin/env bash
# JMH micro-benchmark of the separable nearest and linear kernels alone (interslice-bench,
# SeparableKernelsBench: ch2 to 0.3 mm, 163 M output voxels, uint8 and int16, 1 and 2 threads), plus
# fillOutput: writing every output byte once, the memory floor of any kernel. Builds the bench module
# (Maven profile "bench"; CI never builds it) and writes bench/results/kernels-jmh.md.
#
# usage: bench/kernels-jmh.sh [--baseline JAR] [JMH options...]
#   --baseline JAR  also run a benchmarks.jar built from another commit (same benchmark class), interleaved
#                   by benchmark, and put both tables in the results
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
baseline=
if [ "${1:-}" = --baseline ]; then baseline=$2; shift 2; fi
(cd "$repo" && ./mvnw -q -B -o -P bench -pl interslice-bench -am -DskipTests package)
jar=$repo/interslice-bench/target/benchmarks.jar
out=$(mktemp -d)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for b in nearest linear fillOutput; do
  java -jar "$jar" "SeparableKernelsBench.$b\$" -wi 2 -i 3 -f 1 -rf text -rff "$out/this-$b.txt" "$@" >"$out/this-$b.log" 2>&1
  if [ -n "$baseline" ]; then
    java -jar "$baseline" "SeparableKernelsBench.$b\$" -wi 2 -i 3 -f 1 -rf text -rff "$out/base-$b.txt" "$@" >"$out/base-$b.log" 2>&1
  fi
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Separable kernels, JMH ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $load0 at the start, $load1 at the end)"
  echo
  echo "\`bench/kernels-jmh.sh${baseline:+ --baseline $(basename "$baseline")}\`: SeparableKernelsBench, ch2 (301 x 370 x 316) to 0.3 mm"
  echo "(502 x 617 x 527 = 163 M voxels), random input, milliseconds per call (average time, 2 warm-up and"
  echo "3 measured iterations, one fork). fillOutput = Arrays.fill of the whole output, split as the kernels"
  echo "split it: the memory floor. Wall time: on a loaded machine the errors are wide."
  echo
  echo "This commit ($(cd "$repo" && git rev-parse --short HEAD)):"
  echo '```'
  cat "$out"/this-*.txt | awk 'NR == 1 || !/^Benchmark/'
  echo '```'
  if [ -n "$baseline" ]; then
    echo
    echo "Baseline ($baseline):"
    echo '```'
    cat "$out"/base-*.txt | awk 'NR == 1 || !/^Benchmark/'
    echo '```'
  fi
} | tee "$repo/bench/results/kernels-jmh.md"
rm -rf "$out"
