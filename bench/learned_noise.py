#!/usr/bin/python3
"""Noise of synthesized against measured slices (bench/learned-quality.sh calls it).

Head CT (ct-head/head.nii.gz): every 2nd slice kept (a 3 mm volume), `interslice interpolate --factor 2`
with each method rebuilds the 1.5 mm grid: even output slices are the measured ones (copied), odd ones
are synthesized. Noise = the median, over the flat brain region of a slice, of the local standard
deviation in a 5 x 5 in-plane window; the flat region is ct-head/brain-mask.nii.gz eroded by 3 voxels
in-plane, restricted to 0..80 HU. Reported: the mean over slices of the measured slices, of the true
(dropped) odd slices, and of each method's synthesized odd slices.
Usage: learned_noise.py DATA OUTDIR JAVA...   (JAVA: the command that runs interslice)
NOISE_METHODS (environment, comma-separated method specs) replaces linear,cubic,morph,learned.
"""
import os, subprocess, sys
import numpy as np
import nibabel as nib
from scipy import ndimage

data, out, java = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(out, exist_ok=True)
im = nib.load(data + '/ct-head/head.nii.gz')
v = np.asanyarray(im.dataobj).astype(np.float32)
mask = np.asanyarray(nib.load(data + '/ct-head/brain-mask.nii.gz').dataobj) > 0
n = (v.shape[2] - 1) // 2 * 2 + 1
v, mask = v[:, :, :n], mask[:, :, :n]
a = im.affine.copy(); a[:3, 2] *= 2
thick = out + '/head-k2-thick.nii.gz'
nib.save(nib.Nifti1Image(v[:, :, ::2].astype(np.int16), a), thick)

def noise(vol, slices):
    vals = []
    for z in slices:
        m = ndimage.binary_erosion(mask[:, :, z], iterations=3) & (vol[:, :, z] >= 0) & (vol[:, :, z] <= 80)
        if m.sum() < 500:
            continue
        x = vol[:, :, z].astype(np.float64)
        mu = ndimage.uniform_filter(x, 5)
        sd = np.sqrt(np.maximum(ndimage.uniform_filter(x * x, 5) - mu * mu, 0))
        vals.append(np.median(sd[m]))
    return np.mean(vals), len(vals)

even, odd = range(0, n, 2), range(1, n, 2)
print('| slices | noise (HU, local SD in flat brain) | slices scored |')
print('|---|---|---|')
m, c = noise(v, even); print('| measured (kept, even) | %.2f | %d |' % (m, c))
m, c = noise(v, odd); print('| true dropped (odd) | %.2f | %d |' % (m, c))
for method in os.environ.get('NOISE_METHODS', 'linear,cubic,morph,learned').split(','):
    o = out + '/head-k2-' + method.replace(':', '_').replace('/', '_') + '.nii.gz'
    subprocess.run(java + ['interpolate', thick, o, '--factor', '2', '--method', method, '-q'], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    p = np.asanyarray(nib.load(o).dataobj).astype(np.float32)
    assert p.shape == v.shape, (p.shape, v.shape)
    m, c = noise(p, odd)
    print('| %s (synthesized, odd) | %.2f | %d |' % (method, m, c))
