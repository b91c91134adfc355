#!/usr/bin/env bash
# Where do ITK and nibabel place the voxels of what `interslice` writes for a sheared (gantry-tilted)
# input? (issue 20 item 3). For each output X: ITK 5.2 reads X and writes it back on the grid it read
# (../shared/tools/itk-resample with X's own spacing: same origin, direction, size), and nibabel compares
# that grid with its own reading of X: the largest distance between the two placements of a corner voxel.
# Writes bench/results/shear-itk-nibabel.md.
#
# usage: tools/reference/shear_itk_check.sh   (ITK_RESAMPLE: the binary; default built by the shared script)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED_DATA:-$repo/../shared/data}
itk=${ITK_RESAMPLE:-${TMPDIR:-/tmp}/itk-resample-build/itk-resample}
[ -x "$itk" ] || itk=$(bash "$shared/../tools/itk-resample/build.sh" "$(dirname "$itk")")
work=$(mktemp -d)
in=$shared/niivue-samples/shear.nii.gz
"$repo/interslice" resample -q "$in" "$work/detilted.nii.gz" --spacing 2 >/dev/null 2>&1
"$repo/interslice" resample -q "$in" "$work/keep-shear.nii.gz" --spacing 2 --keep-shear >/dev/null 2>&1
"$repo/interslice" convert -q "$in" "$work/converted.nii.gz" >/dev/null 2>&1
cp "$in" "$work/input.nii.gz"
/usr/bin/python3 - "$itk" "$work" <<'PY' | tee "$repo/bench/results/shear-itk-nibabel.md"
import itertools, subprocess, sys
import nibabel as nib, numpy as np
itk, work = sys.argv[1], sys.argv[2]
print('# Sheared input: ITK 5.2 and nibabel 5.0 on the voxel positions of what interslice writes\n')
print('`tools/reference/shear_itk_check.sh` on niivue-samples/shear.nii.gz (gantry tilt 18.5 degrees). Distance = largest')
print('distance (mm) between nibabel\'s and ITK\'s placement of the 8 corner voxel centres.\n')
print('| file | made by | sform / qform code | ITK vs nibabel, mm |')
print('|---|---|---|---|')
made = {'input': 'the original (dcm2niix-style sheared sform, qform rigid)', 'converted': '`interslice convert`',
        'keep-shear': '`interslice resample --spacing 2 --keep-shear`', 'detilted': '`interslice resample --spacing 2` (default)'}
for name in ['input', 'converted', 'keep-shear', 'detilted']:
    x = '%s/%s.nii.gz' % (work, name)
    img = nib.load(x)
    zooms = np.linalg.norm(img.affine[:3, :3], axis=0)
    r = subprocess.run([itk, x, '%s/%s-itk.nii' % (work, name), '--spacing', ','.join('%.9g' % z for z in zooms), '--interp', 'nearest'],
                       capture_output=True, text=True)
    if r.returncode != 0:
        d = 'ITK refused: ' + (r.stderr.strip().splitlines() or ['?'])[-1][:80]
    else:
        back = nib.load('%s/%s-itk.nii' % (work, name))
        n = img.shape[:3]
        if back.shape[:3] != n:
            d = 'ITK grid %s vs %s' % (back.shape[:3], n)
        else:
            dist = max(np.linalg.norm(img.affine @ [*c, 1] - back.affine @ [*c, 1])
                       for c in itertools.product(*[(0, m - 1) for m in n]))
            d = '%.3f' % dist
    h = img.header
    print('| %s | %s | %d / %d | %s |' % (name, made[name], h['sform_code'], h['qform_code'], d))
PY
rm -rf "$work"
