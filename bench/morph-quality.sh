#!/usr/bin/env bash
# Quality of `morph` against linear and cubic with `interslice evaluate`, on the rows of ../shared/BASELINES.md
# sections 1 and 2: head CT, phantom 1 mm and MR ch2-1mm at K = 2 and 4 (drop-and-reconstruct), and the 5 mm
# phantom against the real 1 mm series (--thick --compare-to). The masks are the BASELINES foreground
# (CT > -500 HU, MR > 20), made once with nibabel, so the PSNR compares directly with BASELINES (our linear
# and cubic reproduce its numbers to 0.01 dB; see bench/results/evaluate-real.md).
# Usage: bench/morph-quality.sh [OUT]   (default /tmp/interslice-morph-quality); needs the built jar (JAR=path overrides).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-/tmp/interslice-morph-quality}"
J=(java -XX:MaxRAMPercentage=75 -jar "${JAR:-$here/interslice-cli/target/interslice.jar}")
. "$here/bench/baseline-masks.sh"
baseline_masks
run() {
  name=$1; shift
  echo "=== $name: $*"
  "${J[@]}" evaluate "$@" --methods linear,cubic,morph --out "$OUT/$name" -q 2>&1 | grep -E '^\| (method|linear|cubic|morph) '
}
m="$OUT/masks"
for k in 2 4; do run head$k --truth "$D/ct-head/head.nii.gz" --factor $k --mask "$m/head-fg.nii.gz"; done
for k in 2 4; do run phantom$k --truth "$m/phantom-1mm.nii.gz" --factor $k --mask "$m/phantom-fg.nii.gz"; done
for k in 2 4; do run mr$k --truth "$D/mr-brain/ch2-1mm.nii.gz" --factor $k --mask "$m/mr-fg.nii.gz"; done
run compare --thick "$D/ct-phantom/5mm" --compare-to "$D/ct-phantom/1mm" --mask "$m/phantom-fg.nii.gz"
