#!/usr/bin/env bash
# Trains the default model of `--method learned` (interslice-learn/src/main/resources/org/interslice/learn/
# default-model.zip) on every ../shared/data volume that the quality benchmark does NOT score and that holds a
# 96-pixel training region (bench/learned-quality.sh scores ct-head/head.nii.gz, ct-phantom/1mm and
# mr-brain/ch2-1mm.nii.gz; held out with them: ct-phantom/5mm (the same acquisition) and mr-brain/ch2.nii.gz
# (the same subject)). Training: niivue-samples/shear.nii.gz (CT, HU), ct-tilt/CT_pitch.nii.gz (CT,
# display-scaled), mr-dicom (MR T1), niivue-samples/FLAIR.nrrd (MR FLAIR); validation (a whole volume, never
# trained on): microscopy/mouse-brain-stp (the volume least like the scored ones). Too small for a 64-pixel
# patch plus its 16-pixel margin: niivue-samples/mha.mha, ras.hdr; label maps (aal, torsoLabel) are not images.
# Loss l1 (it aligns with the PSNR the rows are scored by; 300-step trials on shear.nii.gz: l1 at 2e-3 rose
# 0.2 dB above morph on held-out patches of that volume), learning rate 2e-3 cosine-decayed to a tenth.
# Four phases (each resumed run restarts Adam and a cosine schedule from its --lr): 250 steps of a 2500-step
# schedule at 2e-3; to step 750 of a 1400-step one (the machine was loaded, 15-17 on 2 cores, 2-3 s a step);
# to 1400 at 1.3e-3 (about where that schedule stood); to 6400 at 5e-4 (quiet machine, 5.4 min).
# Usage: bench/train-default.sh [OUT [STEPS]]  (default bench/results/learned-default.zip, 6400 steps; builds
# the plug-in first unless CP names a class path, e.g. a copy of the jars so rebuilds cannot disturb a long
# run). Log with the per-checkpoint validation PSNR: OUT.log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-$here/bench/results/learned-default.zip}"
STEPS="${2:-6400}"
[ -n "${CP:-}" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package -pl interslice-cli,interslice-learn -am)
CP="${CP:-$here/interslice-cli/target/interslice.jar:$here/interslice-learn/target/plugin/*}"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start ($(date -u +%H:%M) UTC)" | tee "$OUT.log"
T=(java -XX:MaxRAMPercentage=75 -DDJL_CACHE_DIR="$here/interslice-learn/target/djl-cache" -cp "$CP" org.interslice.cli.Main train
   --data "$D/niivue-samples/shear.nii.gz" "$D/ct-tilt/CT_pitch.nii.gz" "$D/mr-dicom" "$D/niivue-samples/FLAIR.nrrd"
   --val "$D/microscopy/mouse-brain-stp" --loss l1 --batch 4 --patch 64 --width 16 --seed 1)
# phases as run on 2026-12-03 (the machine's load set where each stopped; bench/results/learned-train2.log)
[ -f "$OUT.phase1.zip" ] || "${T[@]}" --lr 0.002 --checkpoint-every 250 --steps 2500 --stop-after 250 --out "$OUT.phase1.zip" 2>&1 | grep -v '^SLF4J' | tee -a "$OUT.log"
[ -f "$OUT.phase2.zip" ] || "${T[@]}" --lr 0.002 --checkpoint-every 250 --steps 1400 --stop-after 750 --resume "$OUT.phase1.zip" --out "$OUT.phase2.zip" 2>&1 | grep -v '^SLF4J' | tee -a "$OUT.log"
[ -f "$OUT.phase3.zip" ] || "${T[@]}" --checkpoint-every 250 --steps 1400 --lr 0.0013 --resume "$OUT.phase2.zip" --out "$OUT.phase3.zip" 2>&1 | grep -v '^SLF4J' | tee -a "$OUT.log"
"${T[@]}" --steps "$STEPS" --lr 0.0005 --checkpoint-every 1000 --resume "$OUT.phase3.zip" --out "$OUT" 2>&1 | grep -v '^SLF4J' | tee -a "$OUT.log"
