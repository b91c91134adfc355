#!/usr/bin/env bash
# Quality of `learned` against linear, cubic and morph with `interslice evaluate` on the rows of
# ../shared/BASELINES.md section 1 (head CT, phantom 1 mm, MR ch2-1mm at K = 2 and 4; none of these volumes is
# trained on, see bench/train-default.sh), with the BASELINES foreground masks (CT > -500 HU, MR > 20) made
# as in bench/morph-quality.sh; then the noise of synthesized against measured slices (bench/learned_noise.py)
# and the time of `interpolate --method learned` on the head CT at K = 2.
# Usage: bench/learned-quality.sh [OUT]  (default /tmp/interslice-learned-quality); builds the CLI and the plug-in.
# METHODS=linear,cubic,morph (environment) scores only those; NOISE=0 / SPEED=0 skip those parts; BASELINE=morph
# makes the p values and mean differences (summary.csv) paired against morph instead of linear.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-/tmp/interslice-learned-quality}"
[ -n "${CP:-}" ] || (cd "$here" && ./mvnw -q -B -o -DskipTests package -pl interslice-cli,interslice-learn -am)
CP="${CP:-$here/interslice-cli/target/interslice.jar:$here/interslice-learn/target/plugin/*}"
J=(java -XX:MaxRAMPercentage=75 -DDJL_CACHE_DIR="$here/interslice-learn/target/djl-cache" -cp "$CP" org.interslice.cli.Main)
. "$here/bench/baseline-masks.sh"
baseline_masks
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start ($(date -u +%H:%M) UTC)"
run() {
  name=$1; shift
  echo "=== $name: $*"
  "${J[@]}" evaluate "$@" --methods "${METHODS:-linear,cubic,morph,learned}" ${BASELINE:+--baseline "$BASELINE"} --out "$OUT/$name" -q 2>&1 | grep -E '^\| (method|linear|cubic|morph|learned)[ :]'
}
m="$OUT/masks"
for k in 2 4; do run head$k --truth "$D/ct-head/head.nii.gz" --factor $k --mask "$m/head-fg.nii.gz"; done
for k in 2 4; do run phantom$k --truth "$m/phantom-1mm.nii.gz" --factor $k --mask "$m/phantom-fg.nii.gz"; done
for k in 2 4; do run mr$k --truth "$D/mr-brain/ch2-1mm.nii.gz" --factor $k --mask "$m/mr-fg.nii.gz"; done
[ "${NOISE:-1}" = 1 ] && {
echo "=== noise: local standard deviation in flat regions, synthesized vs measured slices"
/usr/bin/python3 "$here/bench/learned_noise.py" "$D" "$OUT/noise" "${J[@]}"
}
[ "${SPEED:-1}" = 1 ] || exit 0
mkdir -p "$OUT/noise"
echo "=== speed: interpolate --method learned, head CT (1.5 mm slices kept every 2nd) --factor 2, 3 runs"
/usr/bin/python3 - "$D" "$OUT/noise" <<'PY'
import sys, nibabel as nib, numpy as np
d, out = sys.argv[1], sys.argv[2]
im = nib.load(d + '/ct-head/head.nii.gz')
v = np.asanyarray(im.dataobj)[:, :, ::2]
a = im.affine.copy(); a[:3, 2] *= 2
nib.save(nib.Nifti1Image(v, a), out + '/head-k2-thick.nii.gz')
PY
for i in 1 2 3; do
  s=$(date +%s.%N)
  "${J[@]}" interpolate "$OUT/noise/head-k2-thick.nii.gz" "$OUT/speed-$i.nii.gz" --factor 2 --method learned -q > /dev/null 2>&1
  e=$(date +%s.%N)
  echo "run $i: $(echo "$e - $s" | bc) s wall (load $(cut -d' ' -f1 /proc/loadavg))"
done
