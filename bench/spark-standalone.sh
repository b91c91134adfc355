#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 (issue 18 item 4) with a table for README; StandaloneClusterIT (run by verify) is the CI test of the same:
#  1. a master and a worker (2 cores, 2 GB) started from Spark's jars alone (a SPARK_HOME whose jars/ folder
#     links interslice-spark/target/plugin/lib's Spark closure, without any Interslice jar);
#  2. spark-submit (org.apache.spark.deploy.SparkSubmit) of the cluster jar: `batch` on real volumes of
#     ../shared/data; every output's SHA-256 is compared with a single-machine `./interslice` run of the row;
#  3. the same batch again with --force, the executor killed (kill -9) while its tasks run: the driver
#     retries the lost tasks on a new executor and every output's SHA-256 equals the first run's;
#  4. worker and master stopped. Writes bench/results/spark-standalone.md.
# Build first: ./mvnw -q -B -o package -DskipTests -pl interslice-spark -am
# usage: bench/spark-standalone.sh     env: SHARED_DATA, PORT (master, default 17077)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
port=${PORT:-17077}
plugin=$repo/interslice-spark/target/plugin
cluster_jar=$(ls "$repo"/interslice-spark/target/interslice-spark-*-cluster.jar)
results=$repo/bench/results/spark-standalone.md
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Spark's jars only (plus the Jackson release the project builds with: Spark's own is older and its Scala
# module refuses a newer databind; see interslice-spark/pom.xml)
mkdir -p "$work/home/jars"
for j in "$plugin"/lib/*.jar; do case $(basename "$j") in interslice-*) ;; *) ln -s "$j" "$work/home/jars/";; esac; done
m2=${M2_REPO:-$HOME/.m2/repository}/com/fasterxml/jackson/core
v=$(grep -o '<jackson.version>[^<]*' "$repo/pom.xml" | cut -d'>' -f2)
for f in "jackson-databind/$v/jackson-databind-$v" "jackson-core/$v/jackson-core-$v" "jackson-annotations/${v%.*}/jackson-annotations-${v%.*}"; do
  ln -s "$m2/$f.jar" "$work/home/jars/"
done
export SPARK_HOME=$work/home SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
cp_spark="$SPARK_HOME/jars/*"

java -Xmx256m -cp "$cp_spark" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 > "$work/master.log" 2>&1 &
pids+=($!); master_pid=$!
for i in $(seq 60); do grep -q "I have been elected leader" "$work/master.log" && break; sleep 1; done
java -Xmx256m -cp "$cp_spark" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 2g --webui-port 0 \
  --work-dir "$work/worker" "spark://127.0.0.1:$port" > "$work/worker.log" 2>&1 &
pids+=($!); worker_pid=$!
for i in $(seq 60); do grep -q "Successfully registered with master" "$work/worker.log" && break; sleep 1; done
grep -q "Successfully registered with master" "$work/worker.log" || { echo "worker did not register" >&2; tail "$work/worker.log" >&2; exit 1; }

cat > "$work/jobs.csv" <<CSV
input,output,operation,options
$shared/ct-head/head.nii.gz,out/head-0.8mm.nii.gz,resample,"--spacing 0.8 --interp bspline"
$shared/mr-brain/ch2-1mm.nii.gz,out/ch2-0.7mm.nii,resample,"--spacing 0.7 --interp lanczos"
$shared/niivue-samples/torsoLabel.nii.gz,out/torso-2.5mm.nii.gz,resample,"--spacing 0.782,0.782,2.5"
$shared/ct-phantom/5mm,out/phantom-1mm.nii,interpolate,--factor 5 --method linear --no-sidecar
$shared/niivue-samples/FLAIR.nrrd,out/flair.mha,convert,--type float32
$shared/mr-brain/aal.nii.gz,out/aal-0.7mm.nii,resample,--spacing 0.7
CSV
submit() {
  java -Xmx1g -cp "$cp_spark" org.apache.spark.deploy.SparkSubmit --master "spark://127.0.0.1:$port" --class org.interslice.cli.Main \
    --executor-memory 1g --conf spark.task.maxFailures=4 "$cluster_jar" batch "$work/jobs.csv" "$@"
}
t0=$(date +%s.%N)
submit --out-report "$work/run1.csv" > "$work/submit1.log" 2>&1
t1=$(date +%s.%N)

# single-machine runs of the same rows, by the command line
mkdir -p "$work/cli"
tail -n +2 "$work/jobs.csv" | while IFS= read -r line; do
  in=${line%%,*}; rest=${line#*,}; out=${rest%%,*}; rest=${rest#*,}; op=${rest%%,*}; opts=${rest#*,}; opts=${opts#\"}; opts=${opts%\"}
  # shellcheck disable=SC2086
  "$repo/interslice" "$op" -q "$in" "$work/cli/$(basename "$out")" $opts > /dev/null
done

# the same batch again, its executor killed while tasks run
app1=$(ls -d "$work"/worker/app-*)
submit --out-report "$work/run2.csv" --force > "$work/submit2.log" 2>&1 &
submit_pid=$!
killed=""
for i in $(seq 3000); do
  app2=$(ls -d "$work"/worker/app-* 2>/dev/null | grep -v -x -F "$app1" || true)
  exe=$(pgrep -P "$worker_pid" || true)
  if [ -n "$app2" ] && [ -n "$exe" ] && grep -q "Running task" "$app2"/*/stderr 2>/dev/null; then
    sleep 2; kill -9 "$exe"; killed=$exe; break
  fi
  sleep 0.2
done
wait "$submit_pid" || true
t2=$(date +%s.%N)

app2=$(ls -d "$work"/worker/app-* | tail -1)
# second attempts of tasks ("Running task 3.1 in stage 0.0") on the executors of run 2: the retried tasks
retried=$( (cat "$app2"/*/stderr | grep -o -E "Running task [0-9]+\.[1-9]+ in stage" || true) | sort -u | wc -l)
executors=$(ls -d "$app2"/*/ | wc -l)
{
  echo "# Spark standalone cluster on 127.0.0.1 (bench/spark-standalone.sh)"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg) (shared 2-core machine). Master and one worker"
  echo "(2 cores, 2 GB) from Spark 4.2.0's jars only; the batch submitted with spark-submit (SparkSubmit) and"
  echo "\`$(basename "$cluster_jar")\`. Run 1: $(printf '%.1f' "$(echo "$t1 - $t0" | bc)") s; run 2 (--force, executor $killed killed with"
  echo "kill -9 two seconds after its first task started): $(printf '%.1f' "$(echo "$t2 - $t1" | bc)") s, $executors executors in all, $retried tasks"
  echo "run again (second attempts in the executors' logs)."
  echo
  echo "| row | operation | output | run 1 | run 2 | SHA-256 (run 1) | = single machine | run 2 = run 1 |"
  echo "|---|---|---|---|---|---|---|---|"
  paste -d'|' <(tail -n +2 "$work/run1.csv") <(tail -n +2 "$work/run2.csv") | while IFS='|' read -r a b; do
    row=$(echo "$a" | cut -d, -f1); s1=$(echo "$a" | cut -d, -f2); sha1=$(echo "$a" | cut -d, -f6); out=$(echo "$a" | cut -d, -f5)
    s2=$(echo "$b" | cut -d, -f2); sha2=$(echo "$b" | cut -d, -f6); op=$(echo "$a" | cut -d, -f8)
    cli=$(sha256sum "$work/cli/$(basename "$out")" | cut -d' ' -f1)
    echo "| $row | $op | $(basename "$out") | $s1 | $s2 | \`${sha1:0:16}\` | $([ "$cli" = "$sha1" ] && echo yes || echo NO) | $([ "$sha2" = "$sha1" ] && echo yes || echo NO) |"
  done
  echo
  echo "Driver and executor log lines about the kill (run 2):"
  echo
  echo '```'
  (grep -i -E "lost|exited with code" "$work/submit2.log" || true) | cut -c1-220 | head -6
  (cat "$app2"/*/stderr | grep -E "Running task [0-9]+\.[1-9]+ in stage" || true) | cut -c1-160 | head -6
  echo '```'
} > "$results"
cat "$results"
kill "$worker_pid" "$master_pid" 2>/dev/null || true
wait "$worker_pid" "$master_pid" 2>/dev/null || true
rm -rf "$work"
