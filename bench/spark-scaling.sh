#!/usr/bin/env bash
# Spark batch measurements (issue 18 item 5), whole processes through the launcher ./interslice:
#  A. 8 resampling jobs (ch2-1mm to 0.7 mm, B-spline, or SPARK_BENCH_OPTS; one task each) with 1 and with 2 executor cores
#     (--master local[1] / local[2]); medians of RUNS interleaved runs, wall time of the whole process and
#     of the batch after Spark started (as `batch` prints it).
#  B. Spark's overhead per volume: the local[1] batch divided by 8, against one plain command-line run of the
#     same row on one core (-XX:ActiveProcessorCount=1, as a task gets one core; the launcher's JVM flags and
#     class-data archive, without the plugin folder).
#  C. Block mode on a generated OME-Zarr larger than the heap (uint16, BIG=NX,NY,NZ, default 1024,1024,320:
#     640 MB) with -Xmx512m (Spark refuses less than 450 MB) for the one JVM that is driver and executor in local mode; peak RSS by
#     /usr/bin/time; the single-machine resample with the same heap, for comparison.
# Build first: ./mvnw -q -B -o package -DskipTests -pl interslice-spark -am
# usage: bench/spark-scaling.sh [RUNS]     env: SHARED_DATA, BIG, SKIP_BLOCK=1
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
runs=${1:-3}
big=${BIG:-1024,1024,320}
results=$repo/bench/results/spark-scaling.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in=$shared/mr-brain/ch2-1mm.nii.gz
opts="${SPARK_BENCH_OPTS:---spacing 0.7 --interp bspline}"
{ echo "input,output,operation,options"; for i in 1 2 3 4 5 6 7 8; do echo "$in,out/job$i.nii,resample,$opts"; done; } > "$work/jobs.csv"
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now() { date +%s.%N; }
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$repo/interslice" --version > /dev/null   # builds the CLI jar if needed
# the plain command line as the launcher runs it without plugins (its class-data archive when there is one)
jsa=$repo/interslice-cli/target/interslice.jsa
cds=()
[ -f "$jsa" ] && cds=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
for r in $(seq "$runs"); do
  for cores in 1 2; do
    t=$(now)
    "$repo/interslice" batch "$work/jobs.csv" --out-report "$work/r$cores.csv" --force --master "local[$cores]" > "$work/out.txt" 2> "$work/err.txt"
    echo "$(echo "$(now) - $t" | bc)" >> "$work/whole$cores"
    sed -n 's/.*(\([0-9.]*\) s, \([0-9.]*\) s of it starting Spark).*/\1 \2/p' "$work/out.txt" | awk '{print $1 - $2}' >> "$work/job$cores"
  done
  t=$(now)
  # shellcheck disable=SC2086
  java -XX:ActiveProcessorCount=1 -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Xmn8m "${cds[@]}" -cp "$repo/interslice-cli/target/interslice.jar" \
    org.interslice.cli.Main resample -q "$in" "$work/cli.nii" $opts > /dev/null
  echo "$(echo "$(now) - $t" | bc)" >> "$work/cli1"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
r2() { printf '%.2f' "$1"; }
w1=$(r2 "$(median < "$work/whole1")"); w2=$(r2 "$(median < "$work/whole2")"); j1=$(r2 "$(median < "$work/job1")"); j2=$(r2 "$(median < "$work/job2")")
c1=$(r2 "$(median < "$work/cli1")")
cmp -s "$work/out/job1.nii" "$work/cli.nii" && same=yes || same=NO
{
  echo "# Spark batch scaling and overhead (bench/spark-scaling.sh $runs)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); load average before $load_before, after $load_after (shared 2-core machine)."
  echo "8 rows \`resample ch2-1mm.nii.gz OUT.nii $opts\` (one task each); medians of $runs interleaved runs; the batch"
  echo "output equals the plain command line's byte for byte: $same."
  echo
  echo "| run | whole process s | batch after Spark started s |"
  echo "|---|---|---|"
  echo "| batch --master local[1] | $w1 | $j1 |"
  echo "| batch --master local[2] | $w2 | $j2 |"
  echo "| speed-up 2 cores / 1 core | $(echo "scale=2; $w1 / $w2" | bc) | $(echo "scale=2; $j1 / $j2" | bc) |"
  echo "| plain \`./interslice resample\`, one core, one volume | $c1 | |"
  echo "| Spark per volume (local[1] / 8) over the plain run | $(echo "scale=1; 100 * ($w1 / 8 - $c1) / $c1" | bc)% | $(echo "scale=1; 100 * ($j1 / 8 - $c1) / $c1" | bc)% |"
  echo
  echo "Runs (s): whole local[1] $(xargs printf '%.2f ' < "$work/whole1"); local[2] $(xargs printf '%.2f ' < "$work/whole2"); plain $(xargs printf '%.2f ' < "$work/cli1")"
} > "$results"

# D. what the plugin folder costs every other command: JVM start-up to `--version` with the CLI jar alone and
#    with interslice-spark/target/plugin/* on the class path (as the launcher adds it), no class-data archive
jar=$repo/interslice-cli/target/interslice.jar
for r in $(seq $((runs * 2))); do
  t=$(now); java -XX:+UseSerialGC -cp "$jar" org.interslice.cli.Main --version > /dev/null; echo "$(echo "$(now) - $t" | bc)" >> "$work/v0"
  t=$(now); java -XX:+UseSerialGC -cp "$jar:$repo/interslice-spark/target/plugin/*" org.interslice.cli.Main --version > /dev/null
  echo "$(echo "$(now) - $t" | bc)" >> "$work/v1"
done
{
  echo
  echo "Start-up of every command with the plugin folder on the class path: \`interslice --version\`, median of $((runs * 2)) runs,"
  echo "CLI jar alone $(r2 "$(median < "$work/v0")") s, with interslice-spark/target/plugin/* $(r2 "$(median < "$work/v1")") s."
} >> "$results"

if [ -z "${SKIP_BLOCK:-}" ]; then
  IFS=, read -r nx ny nz <<< "$big"
  java -cp "$repo/interslice-cli/target/interslice.jar" "$repo/bench/MakeBigZarr.java" "$work/big.ome.zarr" "$nx" "$ny" "$nz"
  size=$(du -sm "$work/big.ome.zarr" | cut -f1)
  t=$(now)
  INTERSLICE_JAVA_OPTS=-Xmx512m /usr/bin/time -v "$repo/interslice" batch resample "$work/big.ome.zarr" "$work/big-out.ome.zarr" \
    --spacing 0.6,0.6,1.2 --interp linear --master "local[2]" > "$work/block.txt" 2> "$work/block-err.txt" && ok=completed || ok="FAILED (exit $?)"
  tb=$(echo "$(now) - $t" | bc)
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/block-err.txt")
  INTERSLICE_JAVA_OPTS=-Xmx512m "$repo/interslice" resample -q "$work/big.ome.zarr" "$work/whole.ome.zarr" --spacing 0.6,0.6,1.2 --interp linear \
    > /dev/null 2> "$work/whole-err.txt" && whole="completed" || whole="exit $?: $(head -c 300 "$work/whole-err.txt")"
  {
    echo
    echo "## Block mode larger than the heap"
    echo
    echo "Input: generated uint16 OME-Zarr ${nx}x${ny}x${nz} ($((nx * ny * nz * 2 / 1048576)) MiB of voxels, $size MB on disk, zlib chunks of 64^3),"
    echo "\`INTERSLICE_JAVA_OPTS=-Xmx512m ./interslice batch resample big.ome.zarr out.ome.zarr --spacing 0.6,0.6,1.2 --interp linear --master local[2]\`"
    echo "(blocks of 256x256x64 output voxels): $ok in $(printf '%.1f' "$tb") s, peak resident memory $((rss / 1024)) MB; $(sed -n 's/^wrote [^ ]* //p' "$work/block.txt")."
    echo
    echo "The single-machine \`resample\` with the same heap: $whole"
  } >> "$results"
fi
cat "$results"
