#!/usr/bin/python3
"""How much can a refinement of morph gain? Simple in-plane post-filters of morph's synthesized slices,
scored by drop-and-reconstruct with ../shared/BASELINES.md section 1's protocol (slice axis k, volume cut to
(n-1)//K*K+1 slices, every K-th kept, `interslice interpolate --factor K` rebuilds the rest, only held-out
slices scored; foreground PSNR over truth > T, data range = truth max - min, mean over slices with >= 100
foreground voxels). Filters act on the synthesized slices only (measured slices are copies):
in-plane Gaussian sigma 0.5 / 0.7 / 1.0 px (scipy.ndimage.gaussian_filter, mode nearest), a 3x3 mean
(uniform_filter, mode nearest), and blends (1 - w) morph + w cubic for w = 0.25, 0.5.
Usage: morph_postfilter.py DATA OUTDIR PHANTOM_1MM_NII JAVA...   (JAVA: the command that runs interslice)
Prints one markdown row per (volume, K): PSNR of morph and each variant's difference to it.
"""
import os, subprocess, sys
import numpy as np
import nibabel as nib
from drop_reconstruct import psnr, thick_stack
from scipy import ndimage

data, out, phantom, java = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
os.makedirs(out, exist_ok=True)
# (label, file, foreground threshold, role)
VOLS = [('head CT', data + '/ct-head/head.nii.gz', -500, 'held out'),
        ('phantom 1 mm', phantom, -500, 'held out'),
        ('brain MR', data + '/mr-brain/ch2-1mm.nii.gz', 20, 'held out'),
        ('shear CT', data + '/niivue-samples/shear.nii.gz', -500, 'train'),
        ('CT_pitch', data + '/ct-tilt/CT_pitch.nii.gz', 20, 'train')]
only = os.environ.get('ONLY')


def run(method, thick, k, name):
    o = out + '/' + name + '-' + method + '.nii.gz'
    if not os.path.exists(o):
        extra = ['--keep-shear'] if 'shear' in name else []   # compare on the volume's own (sheared) grid
        subprocess.run(java + ['interpolate', thick, o, '--factor', str(k), '--method', method, '-q', '--no-sidecar'] + extra, check=True,
                       stdout=subprocess.DEVNULL)
    return np.asanyarray(nib.load(o).dataobj).astype(np.float64)


def gauss(v, s, scored):
    r = v.copy()
    for z in scored:
        r[:, :, z] = ndimage.gaussian_filter(v[:, :, z], s, mode='nearest')
    return r


def mean3(v, scored):
    r = v.copy()
    for z in scored:
        r[:, :, z] = ndimage.uniform_filter(v[:, :, z], 3, mode='nearest')
    return r


cols = ['gauss 0.5', 'gauss 0.7', 'gauss 1.0', 'mean 3x3', '0.75 morph + 0.25 cubic', '0.5 morph + 0.5 cubic']
print('| data | role | K | cubic | morph | ' + ' | '.join(c + ' - morph' for c in cols) + ' |')
print('|' + '---|' * (5 + len(cols)))
for label, f, T, role in VOLS:
    if only and only not in label:
        continue
    im = nib.load(f)
    v = np.asanyarray(im.dataobj).astype(np.float64)
    if v.ndim > 3:
        v = v.reshape(v.shape[:3])
    for k in (2, 4):
        truth, name, thick, scored = thick_stack(label, im, v, k, out)
        rng = truth.max() - truth.min()
        morph = run('morph', thick, k, name)
        cubic = run('cubic', thick, k, name)
        assert morph.shape == truth.shape, (morph.shape, truth.shape)
        pm = psnr(morph, truth, T, rng, scored)
        variants = [gauss(morph, 0.5, scored), gauss(morph, 0.7, scored), gauss(morph, 1.0, scored), mean3(morph, scored),
                    0.75 * morph + 0.25 * cubic, 0.5 * morph + 0.5 * cubic]
        diffs = ['%+.3f' % (psnr(x, truth, T, rng, scored) - pm) for x in variants]
        print('| %s | %s | %d | %.3f | %.3f | %s |' % (label, role, k, psnr(cubic, truth, T, rng, scored), pm, ' | '.join(diffs)), flush=True)
