#!/usr/bin/env bash
# JMH micro-benchmark of the separable nearest and linear kernels alone (interslice-bench,
# SeparableKernelsBench: ch2 to 0.3 mm, 163 M output voxels, uint8 and int16, 1 and 2 threads), plus
# fillOutput: writing every output byte once, the memory floor of any kernel. Builds the bench module
# (Maven profile "bench"; CI never builds it) and writes bench/results/kernels-jmh.md.
#
# usage: bench/kernels-jmh.sh [--baseline JAR] [JMH options...]
#   --baseline JAR  also run the same benchmarks with another build's core classes first on the class path
#                   (e.g. the interslice.jar of an older commit), interleaved by benchmark; both tables go
#                   to the results
# env: JMH_WARMUP, JMH_ITERATIONS (default 2 and 3); other JMH options (e.g. -p threads=2) go after.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
baseline=
if [ "${1:-}" = --baseline ]; then baseline=$2; shift 2; fi
(cd "$repo" && ./mvnw -q -B -o -P bench -pl interslice-bench -am -DskipTests package)
jar=$repo/interslice-bench/target/benchmarks.jar
out=$(mktemp -d)
load0=$(cut -d' ' -f1-3 /proc/loadavg)
for b in nearest linear fillOutput; do
  java -cp "$jar" org.openjdk.jmh.Main "SeparableKernelsBench.$b\$" -wi "${JMH_WARMUP:-2}" -i "${JMH_ITERATIONS:-3}" -f 1 -rf text -rff "$out/this-$b.txt" "$@" >"$out/this-$b.log" 2>&1
  if [ -n "$baseline" ]; then
    java -cp "$baseline:$jar" org.openjdk.jmh.Main "SeparableKernelsBench.$b\$" -wi "${JMH_WARMUP:-2}" -i "${JMH_ITERATIONS:-3}" -f 1 -rf text -rff "$out/base-$b.txt" "$@" >"$out/base-$b.log" 2>&1
  fi
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Separable kernels, JMH ($(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) cores, load average $load0 at the start, $load1 at the end)"
  echo
  echo "\`bench/kernels-jmh.sh${baseline:+ --baseline $(basename "$baseline")}\`: SeparableKernelsBench, ch2 (301 x 370 x 316) to 0.3 mm"
  echo "(502 x 617 x 527 = 163 M voxels), random input, milliseconds per call (average time, ${JMH_WARMUP:-2} warm-up and"
  echo "${JMH_ITERATIONS:-3} measured iterations, one fork). fillOutput = Arrays.fill of the whole output, split as the kernels"
  echo "split it: the memory floor. Wall time: on a loaded machine the errors are wide."
  echo
  echo "This commit ($(cd "$repo" && git rev-parse --short HEAD)):"
  echo '```'
  cat "$out"/this-*.txt | awk 'NR == 1 || !/^Benchmark/'
  echo '```'
  if [ -n "$baseline" ]; then
    echo
    echo "Baseline (core classes of $(basename "$baseline") first on the class path):"
    echo '```'
    cat "$out"/base-*.txt | awk 'NR == 1 || !/^Benchmark/'
    echo '```'
  fi
} | tee "$repo/bench/results/kernels-jmh.md"
rm -rf "$out"
