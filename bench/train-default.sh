#!/usr/bin/env bash
# Trains the default model of `--method learned` (interslice-learn/src/main/resources/org/interslice/learn/
# default-model.zip) on ../shared/data volumes that the quality benchmark does NOT score (bench/learned-quality.sh
# scores ct-head/head.nii.gz, ct-phantom/1mm and mr-brain/ch2-1mm.nii.gz; ch2.nii.gz is the same subject and is
# left out too). Training: niivue-samples/shear.nii.gz (CT, HU), ct-tilt/CT_pitch.nii.gz (CT, display-scaled),
# mr-dicom (MR T1), microscopy/mouse-brain-stp (fluorescence); validation: niivue-samples/FLAIR.nrrd (MR FLAIR).
# Usage: bench/train-default.sh [OUT] [extra train options]  (default OUT bench/results/learned-default.zip;
# builds the plug-in first). Log with the per-checkpoint validation PSNR: OUT.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-$here/bench/results/learned-default.zip}"
shift || true
(cd "$here" && ./mvnw -q -B -o -DskipTests package -pl interslice-learn -am)
"$here/interslice" train \
  --data "$D/niivue-samples/shear.nii.gz" "$D/ct-tilt/CT_pitch.nii.gz" "$D/mr-dicom" "$D/microscopy/mouse-brain-stp" \
  --val "$D/niivue-samples/FLAIR.nrrd" \
  --loss msssim+l1 --steps 1500 --batch 4 --patch 64 --width 16 --seed 1 --checkpoint-every 250 \
  --out "$OUT" "$@" 2>&1 | grep -v '^SLF4J' | tee "$OUT.log"
