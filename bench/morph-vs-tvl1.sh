#!/usr/bin/env bash
# Whole-process speed of `interslice interpolate --method morph` against the TV-L1 peer of
# ../shared/BASELINES.md section 1 (../shared/tools/tvl1-peer/tvl1_peer.py, scikit-image optical_flow_tvl1,
# single-threaded), on the same thick inputs: every K-th slice of a real volume (the drop-and-reconstruct
# cut), written once as uncompressed NIfTI by nibabel. Both read that file and write an uncompressed NIfTI
# of (n-1)K+1 slices. Each run is timed as a whole process (GNU time, wall seconds); the table gives the
# median of RUNS runs per side and the ratio of medians. Ours runs with the launcher's JVM flags and all cores.
# Usage: bench/morph-vs-tvl1.sh [OUT] [RUNS] [CASES]   (default /tmp/interslice-morph-bench, 3, "head2 phantom2")
# Cases: head2 head4 phantom2 phantom4 mr2 mr4. Needs the built jar (interslice-cli/target/interslice.jar),
# Debian's python3-nibabel, python3-scipy and python3-skimage. JAR=path overrides the jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$here/../shared/data"
OUT="${1:-/tmp/interslice-morph-bench}"
RUNS="${2:-3}"
CASES="${3:-head2 phantom2}"
J=(java -XX:MaxRAMPercentage=75 -XX:+UseSerialGC -Xmn8m -jar "${JAR:-$here/interslice-cli/target/interslice.jar}")
PEER=(/usr/bin/python3 "$here/../shared/tools/tvl1-peer/tvl1_peer.py")
mkdir -p "$OUT/in"
[ -f "$OUT/in/phantom-1mm.nii" ] || "${J[@]}" convert "$D/ct-phantom/1mm" "$OUT/in/phantom-1mm.nii" -q > /dev/null
/usr/bin/python3 - "$D" "$OUT/in" <<'PY'
import os, sys, nibabel as nib, numpy as np
d, out = sys.argv[1], sys.argv[2]
for name, src in [('head', d + '/ct-head/head.nii.gz'), ('phantom', out + '/phantom-1mm.nii'), ('mr', d + '/mr-brain/ch2-1mm.nii.gz')]:
    for k in (2, 4):
        dst = '%s/%s-k%d.nii' % (out, name, k)
        if os.path.exists(dst): continue
        im = nib.load(src)
        a = np.asanyarray(im.dataobj)
        n = (a.shape[2] - 1) // k * k + 1
        aff = im.affine.copy(); aff[:3, 2] *= k
        hdr = im.header.copy()
        nib.save(nib.Nifti1Image(a[:, :, :n:k], aff, hdr), dst)
PY
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
secs() { /usr/bin/time -f %e -o "$OUT/t" "$@" > /dev/null 2>&1; cat "$OUT/t"; }
echo "| input | K | morph s (runs) | peer s (runs) | median ratio |"
echo "|---|---|---|---|---|"
for c in $CASES; do
  name=${c%[0-9]}; k=${c#$name}
  clip=-1000,1500; [ "$name" = mr ] && clip=0,255
  in="$OUT/in/$name-k$k.nii"
  ours=(); peer=()
  for r in $(seq "$RUNS"); do
    ours+=("$(secs "${J[@]}" interpolate "$in" "$OUT/ours-$c.nii" --factor "$k" --method morph -q --no-sidecar)")
    peer+=("$(secs "${PEER[@]}" "$in" "$OUT/peer-$c.nii" --factor "$k" --clip="$clip")")
  done
  mo=$(printf '%s\n' "${ours[@]}" | median); mp=$(printf '%s\n' "${peer[@]}" | median)
  echo "| $name-k$k.nii | $k | $mo (${ours[*]}) | $mp (${peer[*]}) | $(awk -v a="$mp" -v b="$mo" 'BEGIN {printf "%.1fx", a / b}') |"
done
echo
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
