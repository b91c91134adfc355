#!/usr/bin/env bash
# Spark batch measurements (issue 18 item 5), whole processes through the launcher ./interslice; one unattended
# run (about 7 minutes on a quiet 2-core machine) writes README-ready tables to bench/results/spark-scaling.md:
#  S. Spark's start: `batch` of a 1-row manifest (convert of the bundled phantom, local[1]) as the launcher ran it
#     before (Spark's jars loaded by the shim's own class loader, the CLI's class-data archive only), with Spark's
#     jars on the application class path but no archive of them, and as it runs now (./interslice: the batch
#     archive, SPARK_LOCAL_IP=127.0.0.1); medians of 2*RUNS interleaved runs: wall, CPU (user + sys), and the
#     seconds `batch` reports for starting Spark.
#  A. For each row setting (SPACINGS, default "0.7 0.4 0.3": 8 rows `resample ch2-1mm.nii.gz --spacing S --interp
#     bspline`, one task each): the batch with 1 and with 2 executor cores (--master local[1] / local[2]); medians
#     of RUNS interleaved runs, wall time of the whole process and of the batch after Spark started.
#  B. Spark's overhead per volume: the local[1] batch divided by 8, against one plain command-line run of the
#     same row on one core (-XX:ActiveProcessorCount=1, as a task gets one core; the launcher's JVM flags and
#     class-data archive, without the plugin folder).
#  C. Block mode on a generated OME-Zarr larger than the heap (uint16, BIG=NX,NY,NZ, default 1024,1024,320:
#     640 MB) with -Xmx512m (Spark refuses less than 450 MB) for the one JVM that is driver and executor in local mode; peak RSS by
#     /usr/bin/time; the single-machine resample with the same heap, for comparison.
#  D. What the plugin folder costs every other command (--version).
# Build first: ./mvnw -q -B -o package -DskipTests -pl interslice-spark -am
# usage: bench/spark-scaling.sh [RUNS]     env: SHARED_DATA, SPACINGS, BIG, SKIP_BLOCK=1
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
runs=${1:-3}
big=${BIG:-1024,1024,320}
spacings=${SPACINGS:-0.7 0.4 0.3}
results=$repo/bench/results/spark-scaling.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in=$shared/mr-brain/ch2-1mm.nii.gz
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
now() { date +%s.%N; }
r2() { printf '%.2f' "$1"; }
"$repo/interslice" --version > /dev/null   # builds the CLI jar and its archive if needed
jar=$repo/interslice-cli/target/interslice.jar
jsa=$repo/interslice-cli/target/interslice.jsa
cds=()
[ -f "$jsa" ] && cds=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
plugins=""
for p in "$repo"/interslice-*/target/plugin; do plugins="$plugins:$p/*"; done
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

# S. Spark's start on a 1-row manifest
printf 'input,output,operation,options\n%s,%s,convert,\n' "$repo/samples/ct-phantom/phantom-5mm.nii.gz" "$work/one.nii" > "$work/one.csv"
one=(batch "$work/one.csv" --out-report "$work/one-report.csv" --force --master "local[1]")
"$repo/interslice" "${one[@]}" > /dev/null 2>&1   # makes the batch archive if needed
start_run() {   # name, command...: appends wall, CPU and Spark-start seconds
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" > "$work/s-out.txt" 2> /dev/null
  read -r wall user sys < "$work/time.txt"
  echo "$wall" >> "$work/s-$name-wall"; echo "$user + $sys" | bc >> "$work/s-$name-cpu"
  sed -n 's/.*, \([0-9.]*\) s of it starting Spark).*/\1/p' "$work/s-out.txt" >> "$work/s-$name-spark"
}
for r in $(seq $((runs * 2))); do
  start_run before java -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Xmn8m "${cds[@]}" -cp "$jar$plugins" org.interslice.cli.Main "${one[@]}"
  start_run flat java -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Xmn8m "${cds[@]}" -cp "$jar$plugins:$repo/interslice-spark/target/plugin/lib/*" \
    org.interslice.cli.Main "${one[@]}"
  start_run now "$repo/interslice" "${one[@]}"
done
{
  echo "# Spark batch scaling and overhead (bench/spark-scaling.sh $runs)"
  echo
  echo "Started $started; load average at the start $load_start (shared 2-core machine; see the end for the load after)."
  echo
  echo "## Spark's start"
  echo
  echo "\`batch\` of a 1-row manifest (convert of the bundled phantom, \`--master local[1]\`), medians of $((runs * 2)) interleaved runs:"
  echo
  echo "| launch | whole process s | CPU s (user + sys) | starting Spark s (as batch reports it) |"
  echo "|---|---|---|---|"
  for v in "before:before (Spark's jars in the shim's loader, CLI archive only)" "flat:Spark's jars on the class path, no archive of them" "now:./interslice now (batch archive, SPARK_LOCAL_IP)"; do
    k=${v%%:*}; label=${v#*:}
    echo "| $label | $(r2 "$(median < "$work/s-$k-wall")") | $(r2 "$(median < "$work/s-$k-cpu")") | $(r2 "$(median < "$work/s-$k-spark")") |"
  done
  echo
  echo "## Scaling and overhead"
  echo
  echo "8 rows \`resample ch2-1mm.nii.gz OUT.nii --spacing S --interp bspline\` (one task each); medians of $runs interleaved runs;"
  echo "whole process and the batch after Spark started (as \`batch\` reports it); the plain command line on one core for one volume."
  echo
  echo "| rows | local[1] s | local[2] s | speed-up | after Spark started: local[1] s | local[2] s | speed-up | plain run s | Spark per volume (whole / after start) | outputs = plain |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$results"

# A and B, per row setting
for sp in $spacings; do
  opts="--spacing $sp --interp bspline"
  { echo "input,output,operation,options"; for i in 1 2 3 4 5 6 7 8; do echo "$in,out/job$i.nii,resample,$opts"; done; } > "$work/jobs.csv"
  rm -f "$work"/whole1 "$work"/whole2 "$work"/job1 "$work"/job2 "$work"/cli1
  for r in $(seq "$runs"); do
    for cores in 1 2; do
      t=$(now)
      "$repo/interslice" batch "$work/jobs.csv" --out-report "$work/r$cores.csv" --force --master "local[$cores]" > "$work/out.txt" 2> "$work/err.txt"
      echo "$(echo "$(now) - $t" | bc)" >> "$work/whole$cores"
      sed -n 's/.*(\([0-9.]*\) s, \([0-9.]*\) s of it starting Spark).*/\1 \2/p' "$work/out.txt" | awk '{print $1 - $2}' >> "$work/job$cores"
    done
    t=$(now)
    # shellcheck disable=SC2086
    java -XX:ActiveProcessorCount=1 -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Xmn8m "${cds[@]}" -cp "$jar" \
      org.interslice.cli.Main resample -q "$in" "$work/cli.nii" $opts > /dev/null
    echo "$(echo "$(now) - $t" | bc)" >> "$work/cli1"
  done
  w1=$(r2 "$(median < "$work/whole1")"); w2=$(r2 "$(median < "$work/whole2")"); j1=$(r2 "$(median < "$work/job1")"); j2=$(r2 "$(median < "$work/job2")")
  c1=$(r2 "$(median < "$work/cli1")")
  cmp -s "$work/out/job1.nii" "$work/cli.nii" && same=yes || same=NO
  echo "| \`--spacing $sp\` | $w1 | $w2 | $(printf '%.2f' "$(echo "$w1 / $w2" | bc -l)") | $j1 | $j2 | $(printf '%.2f' "$(echo "$j1 / $j2" | bc -l)") | $c1 | $(printf '%+.1f' "$(echo "100 * ($w1 / 8 - $c1) / $c1" | bc -l)")% / $(printf '%+.1f' "$(echo "100 * ($j1 / 8 - $c1) / $c1" | bc -l)")% | $same |" >> "$results"
  echo "Runs (s), --spacing $sp: local[1] $(xargs printf '%.2f ' < "$work/whole1"); local[2] $(xargs printf '%.2f ' < "$work/whole2"); plain $(xargs printf '%.2f ' < "$work/cli1")" >> "$work/runs.txt"
done
{ echo; cat "$work/runs.txt"; } >> "$results"

# D. what the plugin folder costs every other command: JVM start-up to `--version` with the CLI jar alone and
#    with interslice-spark/target/plugin/* on the class path (as the launcher adds it), no class-data archive
rm -f "$work"/v0 "$work"/v1
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
echo >> "$results"
echo "Finished $(date -u '+%H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)." >> "$results"
cat "$results"
