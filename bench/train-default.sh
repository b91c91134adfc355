#!/usr/bin/env bash
# Trains the default model of `--method learned` (interslice-learn/src/main/resources/org/interslice/learn/
# default-model.zip) on every ../shared/data volume that the quality benchmark does NOT score and that holds a
# 64-pixel patch in more than 2K slices (bench/learned-quality.sh scores ct-head/head.nii.gz, ct-phantom/1mm and
# mr-brain/ch2-1mm.nii.gz; held out with them: ct-phantom/5mm (the same acquisition) and mr-brain/ch2.nii.gz
# (the same subject)). Training: niivue-samples/shear.nii.gz (CT, HU), ct-tilt/CT_pitch.nii.gz (CT,
# display-scaled), mr-dicom (MR T1), niivue-samples/FLAIR.nrrd (MR FLAIR, all three axes); validation (a whole
# volume, never trained on): microscopy/mouse-brain-stp. Too small: niivue-samples/mha.mha, ras.hdr; label maps
# (aal, torsoLabel) are not images.
# Session learn3 (2026-12-03): morph's and cubic's training slices come from the whole kept stack, as at
# inference (PairSampler); input layout v2 (+ cubic's slice, + the gap 1/K); loss mse (PSNR is MSE); head
# `blend` (the output is morph + w (cubic - morph), w in (0, 1) per pixel: residual-head runs gained 1.7 dB on
# the training CT but lost 0.5-2.9 dB on the held-out rows, bench/results/learned-train3.log); one libtorch
# thread (on a shared machine two threads wait on each other: 0.8 s a step against 0.1 s).
# Usage: bench/train-default.sh [OUT [STEPS]]  (default bench/results/learned-default.zip, 4000 steps; builds
# the plug-in first unless CP names a class path, e.g. a copy of the jars so rebuilds cannot disturb a long
# run). Log with the per-checkpoint validation PSNR: OUT.log; RESUME=CKPT continues a stopped run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-$here/bench/results/learned-default.zip}"
STEPS="${2:-4000}"
[ -n "${CP:-}" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package -pl interslice-cli,interslice-learn -am)
CP="${CP:-$here/interslice-cli/target/interslice.jar:$here/interslice-learn/target/plugin/*}"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start ($(date -u +%H:%M) UTC)" | tee -a "$OUT.log"
java -XX:MaxRAMPercentage=60 -DDJL_CACHE_DIR="$here/interslice-learn/target/djl-cache" -cp "$CP" org.interslice.cli.Main train \
   --data "$D/niivue-samples/shear.nii.gz" "$D/ct-tilt/CT_pitch.nii.gz" "$D/mr-dicom" "$D/niivue-samples/FLAIR.nrrd" \
   --val "$D/microscopy/mouse-brain-stp" --loss mse --head blend --batch 8 --patch 64 --width 16 --seed 1 --lr 0.001 \
   --steps "$STEPS" --checkpoint-every 250 --threads 1 ${RESUME:+--resume "$RESUME"} --out "$OUT" 2>&1 \
   | grep --line-buffered -v '^SLF4J' | tee -a "$OUT.log"
echo "end: $(date -u +%H:%M) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT.log"
