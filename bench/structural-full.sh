#!/usr/bin/env bash
# Issue 21: the structural corpus (loops, skips, outside paths, memory, aliases) in full: STRUCT_COUNT
# variants per class through the readers / FilePlan (default 1,000) and CLI_COUNT per class through the
# command line (default 100), printing one table for each. Usage: bench/structural-full.sh [STRUCT_COUNT] [CLI_COUNT] [SEED]
# Builds nothing into ~/.m2: the reactor runs from target/ folders.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
cli=${2:-100}
seed=${3:-20261123}
rm -f interslice-io/target/structural-report.md interslice-cli/target/cli-structural-report.md
start=$(date +%s)
./mvnw -B -q -pl interslice-cli -am test -Dtest='StructuralFuzzTest,CliFuzzTest#structural*' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.test.failure.ignore=true \
  -Dinterslice.structural.count="$count" -Dinterslice.clistructural.count="$cli" -Dinterslice.fuzz.seed="$seed" || true
echo "## Structural classes through the readers and FilePlan: $count variants per class (seed $seed)"
echo
echo "| class | variants | accepted (read, or plan passed) | refused cleanly | bad outcomes | slowest variant | most allocated by one variant |"
echo "|---|---|---|---|---|---|---|"
cat interslice-io/target/structural-report.md
echo
echo "## The same classes at the command line: first $cli variants per class (info + convert; aliases: resample or convert)"
echo
echo "| class | variants | runs with exit 0 | runs refused (exit 1, one line) | bad outcomes |"
echo "|---|---|---|---|---|"
cat interslice-cli/target/cli-structural-report.md
echo
echo "total $(( $(date +%s) - start )) s"
