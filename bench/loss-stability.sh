#!/usr/bin/env bash
# The issue's stability check: a 2,000-step run at batch size 4 for every loss, watching for NaN or
# divergence. To fit a shared 2-core machine it uses a small network (width 8) on 32-pixel patches and a
# pool of 256 samples drawn once (--pool: morph runs once per sample), on the training volumes of
# bench/train-default.sh. Prints each run's final line (first loss -> running loss, validation PSNR).
# Usage: bench/loss-stability.sh [OUT]  (default /tmp/interslice-loss-stability); needs the plug-in built.
# LOSSES="ssim msssim" (environment) runs only those.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-/tmp/interslice-loss-stability}"
mkdir -p "$OUT"
CP="${CP:-$here/interslice-cli/target/interslice.jar:$here/interslice-learn/target/plugin/*}"
J=(java -XX:MaxRAMPercentage=75 -DDJL_CACHE_DIR="$here/interslice-learn/target/djl-cache" -cp "$CP" org.interslice.cli.Main)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start ($(date -u +%H:%M) UTC)"
for loss in ${LOSSES:-l1 mse ssim msssim msssim+l1}; do
  s=$(date +%s)
  "${J[@]}" train --data "$D/niivue-samples/shear.nii.gz" "$D/ct-tilt/CT_pitch.nii.gz" "$D/mr-dicom" \
    --val "$D/niivue-samples/FLAIR.nrrd" --loss "$loss" --steps 2000 --batch 4 --patch 32 --width 8 --pool 256 \
    --seed 1 --checkpoint-every 500 --out "$OUT/$loss.zip" -q 2>&1 | grep -v '^SLF4J'
  echo "  ($loss: $(( $(date +%s) - s )) s wall)"
done
