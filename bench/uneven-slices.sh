#!/usr/bin/env bash
# Uneven vs even slices of the same size (item 6 of issue 14): runs bench/UnevenSlicesBench.java in one
# JVM on the CLI jar (or JAR=...), prints a Markdown table. Build first:
#   ./mvnw -q -B -o package -DskipTests -pl interslice-cli -am
# usage: bench/uneven-slices.sh [WARMUP RUNS]    env: SHARED_DATA, JAR
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
jar=${JAR:-$repo/interslice-cli/target/interslice.jar}
exec java -XX:ActiveProcessorCount=2 -XX:+UseSerialGC -Xmx3g -cp "$jar" "$repo/bench/UnevenSlicesBench.java" "$shared" "${1:-2}" "${2:-5}"
