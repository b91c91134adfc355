#!/usr/bin/env bash
# Outputs of two builds, byte for byte: runs `resample` with each jar on the same inputs and options and
# compares the output files with cmp (uncompressed NIfTI: header and voxels). For "behaviour and outputs
# stay the same" checks of a refactoring. Cases cover both paths: axis-aligned grids (separable), and
# grids of the sheared shear.nii.gz (--like: other directions, so the general per-voxel path).
# usage: bench/compare-builds.sh OLD.jar NEW.jar
# env: SHARED_DATA, BENCH_WORK (scratch, default a temp folder)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
old=$1 new=$2
work=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/compare-builds.XXXXXX")}
mkdir -p "$work"
run() { java -XX:ActiveProcessorCount=2 -XX:+UseSerialGC -Xmx3g -jar "$1" resample -q "${@:2}" >/dev/null; }
# name | input | options (grid, interpolator, ...)
cases=(
  "phantom-nearest|$shared/ct-phantom/5mm|--isotropic --interp nearest"
  "phantom-linear|$shared/ct-phantom/5mm|--isotropic --interp linear"
  "phantom-bspline|$shared/ct-phantom/5mm|--isotropic --interp bspline"
  "phantom-lanczos-down|$shared/ct-phantom/5mm|--spacing 1.3,0.9,3 --interp lanczos"
  "head-gaussian|$shared/ct-head/head.nii.gz|--spacing 1.7 --interp gaussian --type float32"
  "ch2-linear|$shared/mr-brain/ch2.nii.gz|--spacing 0.7 --interp linear"
  "ch2-linear-0.3-streamed|$shared/mr-brain/ch2.nii.gz|--spacing 0.3 --keep-origin --interp linear --image --type uint8 --default-value 0"
  "ch2-nearest-0.3-read-overlap|$shared/mr-brain/ch2.nii.gz|--spacing 0.3 --keep-origin --interp nearest --image --type uint8 --default-value 0"
  "ch2-linear-0.4-image-no-default|$shared/mr-brain/ch2.nii.gz|--spacing 0.4 --interp linear --image"
  "head-linear-image-default|$shared/ct-head/head.nii.gz|--spacing 0.8 --interp linear --image --default-value -1024"
  "flair-like-ch2-bspline|$shared/niivue-samples/FLAIR.nrrd|--like $shared/mr-brain/ch2-1mm.nii.gz --interp bspline"
  "shear-linear|$shared/niivue-samples/shear.nii.gz|--spacing 0.9 --interp linear"
  "tilt-bspline-down|$shared/ct-tilt/CT_pitch.nii.gz|--spacing 1.6 --interp bspline"
  "ch2-like-shear-linear|$shared/mr-brain/ch2-1mm.nii.gz|--like $shared/niivue-samples/shear.nii.gz --interp linear"
  "head-like-shear-bspline|$shared/ct-head/head.nii.gz|--like $shared/niivue-samples/shear.nii.gz --interp bspline"
  "aal-like-shear-label-linear|$shared/mr-brain/aal.nii.gz|--like $shared/niivue-samples/shear.nii.gz --interp label-linear --labels"
  "torso-label-gaussian|$shared/niivue-samples/torsoLabel.nii.gz|--spacing 0.782,0.782,1 --interp label-gaussian"
  "torso-label-linear-down|$shared/niivue-samples/torsoLabel.nii.gz|--spacing 1.5 --interp label-linear --labels"
  "aal-label-nearest|$shared/mr-brain/aal.nii.gz|--spacing 0.5 --interp label-nearest --labels"
  "aal-like-flair|$shared/mr-brain/aal.nii.gz|--like $shared/niivue-samples/FLAIR.nrrd --interp label-gaussian --labels"
)
echo "| case | options | identical |"
echo "|---|---|---|"
for c in "${cases[@]}"; do
  IFS='|' read -r name input opts <<<"$c"
  read -r -a o <<<"$opts"
  run "$old" "$input" "$work/$name-old.nii" "${o[@]}"
  run "$new" "$input" "$work/$name-new.nii" "${o[@]}"
  if cmp -s "$work/$name-old.nii" "$work/$name-new.nii"; then same=yes; else same="NO ($(cmp -l "$work/$name-old.nii" "$work/$name-new.nii" | wc -l) bytes differ)"; fi
  echo "| $name | \`$opts\` | $same |"
  rm -f "$work/$name-old.nii" "$work/$name-new.nii"
done
