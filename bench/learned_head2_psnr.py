#!/usr/bin/python3
"""Foreground PSNR of interpolate outputs on the head CT at K = 2 (the files bench/learned_noise.py writes),
with ../shared/BASELINES.md section 1's protocol: truth = ct-head/head.nii.gz cut to an odd slice count,
odd slices scored, MSE over voxels where truth > -500 HU, data range = truth max - min, mean over slices
(slices with < 100 foreground voxels skipped). Used for variants `evaluate` was not run with (morph and
learned are printed too, as a check against the evaluate rows).
Usage: learned_head2_psnr.py DATA FILE...
"""
import sys
import numpy as np
import nibabel as nib

data, files = sys.argv[1], sys.argv[2:]
t = np.asanyarray(nib.load(data + '/ct-head/head.nii.gz').dataobj).astype(np.float64)
n = (t.shape[2] - 1) // 2 * 2 + 1
t = t[:, :, :n]
r = t.max() - t.min()
for f in files:
    p = np.asanyarray(nib.load(f).dataobj).astype(np.float64)
    vals = []
    for z in range(1, n, 2):
        m = t[:, :, z] > -500
        if m.sum() < 100:
            continue
        mse = np.mean((p[:, :, z][m] - t[:, :, z][m]) ** 2)
        vals.append(10 * np.log10(r * r / mse))
    print('%s: PSNR %.2f dB over %d slices' % (f.split('/')[-1], np.mean(vals), len(vals)))
