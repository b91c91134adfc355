#!/usr/bin/env bash
# Quality of `zmorph` (and `morph`) against the `average` and `weighted` baselines on the brain MR, the head CT and the
# mouse-brain microscopy stack of ../shared/data (issue 16 item 8): sections of 8-16 planes, a random in-plane
# affine drift per section, the middle of three sections dropped and reconstructed; plus unrelated neighbours
# (MR before, CT after), which zmorph must hard-skip. Quality numbers do not depend on machine load.
# Usage: bench/zmorph-quality.sh [TRIALS_PER_VOLUME [SEED]]   (defaults 20 and 16); writes
# bench/results/zmorph-quality.md. Needs only a JDK (the launcher builds the jar on first use).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
trials="${1:-20}"
seed="${2:-16}"
"$here/interslice" --version > /dev/null   # builds the jar when sources changed
jar="$here/interslice-cli/target/interslice.jar"
out="$here/bench/results/zmorph-quality.md"
start=$(date +%s)
table="$(java -XX:MaxRAMPercentage=75 -cp "$jar" "$here/bench/ZMorphQualityBench.java" "$here/../shared/data" "$trials" "$seed")"
secs=$(( $(date +%s) - start ))
{
  echo "# zmorph quality (issue 16 item 8)"
  echo
  echo "\`bench/zmorph-quality.sh $trials $seed\` on $(date -u +%Y-%m-%d) (commit $(cd "$here" && git rev-parse --short HEAD)), $secs s wall."
  echo "Per trial: three consecutive sections of S planes (S uniform in 8..16) from the volume's z axis, each with its own random"
  echo "in-plane affine drift (rotation up to 3 degrees, shift up to 5 px per axis, scale within 2%, about the plane centre); the"
  echo "middle section dropped and its S planes reconstructed from the other two by each method with default settings. PSNR over"
  echo "the whole section (data range of the truth, no mask) and mean per-plane SSIM against the dropped, drifted planes; means over"
  echo "the trials zmorph filled (all methods scored on the same trials). 'independent': every section drifts independently;"
  echo "'smooth': the dropped section's drift lies halfway between its neighbours' (drift that changes slowly along the stack)."
  echo
  echo "$table"
} > "$out"
cat "$out"
