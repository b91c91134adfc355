# Sourced by the quality benches (morph-quality.sh, learned-quality.sh): baseline_masks writes into
# $OUT/masks the BASELINES foreground masks (CT > -500 HU, MR > 20), made once with nibabel, and the phantom's
# 1 mm series as NIfTI, each only when missing. Needs D (../shared/data), OUT and the command array J.
baseline_masks() {
  mkdir -p "$OUT/masks"
  [ -f "$OUT/masks/phantom-1mm.nii.gz" ] || "${J[@]}" convert "$D/ct-phantom/1mm" "$OUT/masks/phantom-1mm.nii.gz" -q > /dev/null
  /usr/bin/python3 - "$D" "$OUT/masks" <<'PY'
import os, sys, nibabel as nib, numpy as np
d, out = sys.argv[1], sys.argv[2]
for src, t, dst in [(d + '/ct-head/head.nii.gz', -500, 'head-fg.nii.gz'), (d + '/mr-brain/ch2-1mm.nii.gz', 20, 'mr-fg.nii.gz'),
                    (out + '/phantom-1mm.nii.gz', -500, 'phantom-fg.nii.gz')]:
    if os.path.exists(out + '/' + dst): continue
    im = nib.load(src)
    nib.save(nib.Nifti1Image((np.asanyarray(im.dataobj) > t).astype(np.uint8), im.affine), out + '/' + dst)
PY
}
