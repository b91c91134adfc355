#!/usr/bin/env bash
# Peak memory of `resample --crop` (a 64^3 output box) from a large uncompressed NIfTI: this build, which
# reads only the input region the box needs plus one streamed pass for the whole input's minimum, against
# a build before region reads (BASE_REF), which reads the whole input. Whole process, peak resident
# memory and wall time from GNU time -v; JVM flags as the ./interslice launcher sets them.
#
# usage: bench/crop-memory.sh [--size NX,NY,NZ] [--runs N]
#   --size   input size (default 1024,1024,800: uint16, 1.6 GB), made once under $BENCH_WORK
#   --runs   runs per case (default 1; the median is reported)
# env: BENCH_WORK (default /tmp/interslice-crop-bench), BASE_REF (default 6a2471f, the last commit
#      before lazy reads), JAVA_OPTS_EXTRA (added to both JVMs)
# Writes bench/results/crop-memory.md.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-/tmp/interslice-crop-bench}
base_ref=${BASE_REF:-6a2471f}
size=1024,1024,800 runs=1
while [ $# -gt 0 ]; do
  case $1 in
    --size) size=$2; shift ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
IFS=, read -r nx ny nz <<< "$size"
mkdir -p "$work"
big="$work/big-${nx}x${ny}x${nz}.nii"
if [ ! -f "$big" ]; then
  echo "making $big ..." >&2
  python3 "$repo/bench/make_big_nifti.py" "$big.part" "$nx" "$ny" "$nz" && mv "$big.part" "$big"
fi

# this build, and the base build from an export of BASE_REF (package only: nothing goes to ~/.m2)
(cd "$repo" && ./mvnw -q -B -o package -pl interslice-cli -am -DskipTests) >&2
cp "$repo/interslice-cli/target/interslice.jar" "$work/ours.jar"
if [ ! -f "$work/base-$base_ref.jar" ]; then
  rm -rf "$work/base-src" && mkdir -p "$work/base-src"
  git -C "$repo" archive "$base_ref" | tar -x -C "$work/base-src"
  (cd "$work/base-src" && ./mvnw -q -B -o package -pl interslice-cli -am -DskipTests) >&2
  cp "$work/base-src/interslice-cli/target/interslice.jar" "$work/base-$base_ref.jar"
fi

# output grid: --isotropic 0.5 mm (the input's smallest spacing): nx x ny x 2nz; the box at its centre
cx=$((nx / 2 - 32)) cy=$((ny / 2 - 32)) cz=$((nz - 32))
crop="$cx:$((cx + 64)),$cy:$((cy + 64)),$cz:$((cz + 64))"
jvm=(-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Xmn8m ${JAVA_OPTS_EXTRA:-})

# one run: prints "peak_mb wall_s"
measure() {
  local jar=$1 interp=$2 out=$3 log="$work/run.log"
  /usr/bin/time -v java "${jvm[@]}" -jar "$jar" resample "$big" "$out" --isotropic --crop "$crop" --interp "$interp" -q \
    > "$work/stdout.log" 2> "$log"
  local kb wall
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  echo "$((kb / 1024)) $wall"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

table="| interpolator | build | input read | peak RSS (MB), median | wall (s), median | output |
|---|---|---|---|---|---|"
for interp in linear bspline; do
  for build in ours base; do
    jar="$work/ours.jar"; what="region + streamed min"
    [ "$build" = base ] && { jar="$work/base-$base_ref.jar"; what="whole volume"; }
    mem=() wall=()
    for ((r = 0; r < runs; r++)); do
      read -r m w < <(measure "$jar" "$interp" "$work/out-$build-$interp.nii")
      mem+=("$m"); wall+=("$w")
      echo "$interp $build run $r: ${m} MB, ${w} s" >&2
    done
    [ "$build" = ours ] && grep '^region' "$work/stdout.log" >&2 || true
    same=""
    [ "$build" = base ] && { cmp -s "$work/out-ours-$interp.nii" "$work/out-base-$interp.nii" && same="byte-identical to this build's" || same="DIFFERS from this build's"; }
    table+="
| $interp | $([ "$build" = ours ] && echo "this ($(git -C "$repo" rev-parse --short HEAD))" || echo "before ($base_ref)") | $what | $(printf '%s\n' "${mem[@]}" | median) | $(printf '%s\n' "${wall[@]}" | median) | $same |"
  done
done

load=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# resample --crop: peak memory, region read against whole read"
  echo
  echo "Input: ${nx}x${ny}x${nz} uint16 uncompressed NIfTI ($(( $(stat -c %s "$big") / 1048576 )) MiB), spacing 0.5x0.5x1 mm, made by"
  echo "\`bench/make_big_nifti.py\`. Command: \`resample IN OUT --isotropic --crop $crop --interp I -q\` (output 64^3"
  echo "of the ${nx}x${ny}x$((2 * nz)) grid). Peak resident memory and wall time of the whole process (GNU time -v),"
  echo "JVM flags as the launcher's (\`${jvm[*]}\`), $runs run(s) per row. Machine: 2 cores, shared with other builds"
  echo "(load average $load at the end), so wall times are indicative only."
  echo
  echo "$table"
  echo
  echo "Made by \`bench/crop-memory.sh --size $size --runs $runs\` on $(date -u +%Y-%m-%d)."
} > "$repo/bench/results/crop-memory.md"
cat "$repo/bench/results/crop-memory.md"
