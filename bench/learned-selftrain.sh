#!/usr/bin/env bash
# learned:self-train on a real thick scan (issue 17 item 5): the phantom's 5 mm series upsampled onto its real
# 1 mm series (`evaluate --thick --compare-to`, BASELINES section 2; mask CT > -500 HU as there) with linear,
# cubic, morph, learned and learned fine-tuned on the 5 mm scan itself (SelfPairs: its in-plane axes degraded
# by the run's factor 5, slab profile, and the point profile for comparison). Prints the evaluate table rows and
# the wall time of the run.
# Usage: bench/learned-selftrain.sh [OUT]  (default /tmp/interslice-learned-selftrain); CP as in learned-quality.sh.
# STEPS (environment, default 200) sets the fine-tuning steps; METHODS overrides the method list.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-/tmp/interslice-learned-selftrain}"
[ -n "${CP:-}" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package -pl interslice-cli,interslice-learn -am)
CP="${CP:-$here/interslice-cli/target/interslice.jar:$here/interslice-learn/target/plugin/*}"
J=(java -XX:MaxRAMPercentage=75 -DDJL_CACHE_DIR="$here/interslice-learn/target/djl-cache" -cp "$CP" org.interslice.cli.Main)
. "$here/bench/baseline-masks.sh"
baseline_masks
S="${STEPS:-200}"
M="${METHODS:-linear,cubic,morph,learned,learned:self-train=$S,learned:self-train=$S:self-train-profile=point}"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start ($(date -u +%H:%M) UTC)"
echo "=== compare: --thick $D/ct-phantom/5mm --compare-to $D/ct-phantom/1mm, methods $M"
s=$(date +%s)
"${J[@]}" evaluate --thick "$D/ct-phantom/5mm" --compare-to "$D/ct-phantom/1mm" --mask "$OUT/masks/phantom-fg.nii.gz" \
  --methods "$M" --out "$OUT/compare" -q 2>&1 | grep -E '^\| (method|linear|cubic|morph|learned)'
echo "($(( $(date +%s) - s )) s wall, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end)"
