#!/usr/bin/env bash
# Whole-process time of `interpolate --method learned` on the head CT with every 2nd slice kept (54 slices of
# 210 x 241) at --factor 2, for two builds run alternately (e.g. before and after a change): OLD and NEW are
# class paths (CLI jar + plug-in folder). Prints wall and user+sys CPU seconds per run and the load average.
# Usage: OLD=cp NEW=cp bench/learned-speed.sh [RUNS] [OUT]  (defaults 3, /tmp/interslice-learned-speed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
RUNS="${1:-3}"
OUT="${2:-/tmp/interslice-learned-speed}"
mkdir -p "$OUT"
[ -f "$OUT/head-k2-thick.nii.gz" ] || /usr/bin/python3 - "$D" "$OUT" <<'PY'
import sys, nibabel as nib, numpy as np
d, out = sys.argv[1], sys.argv[2]
im = nib.load(d + '/ct-head/head.nii.gz')
v = np.asanyarray(im.dataobj)[:, :, ::2]
a = im.affine.copy(); a[:3, 2] *= 2
nib.save(nib.Nifti1Image(v, a), out + '/head-k2-thick.nii.gz')
PY
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start ($(date -u +%H:%M) UTC)"
for i in $(seq "$RUNS"); do
  for which in OLD NEW; do
    cp="${!which}"
    /usr/bin/time -f "$which run $i: %e s wall, %U+%S s CPU, %M KB peak" java -XX:MaxRAMPercentage=75 -DDJL_CACHE_DIR="$here/interslice-learn/target/djl-cache" \
      -cp "$cp" org.interslice.cli.Main interpolate "$OUT/head-k2-thick.nii.gz" "$OUT/$which-$i.nii.gz" --factor 2 --method learned -q > /dev/null
    echo "  (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
