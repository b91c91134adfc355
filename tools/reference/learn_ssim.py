#!/usr/bin/python3
"""Reference SSIM values for interslice-learn's SliceLoss (SliceLossTest).

Two pairs of 32x32 float images (a smooth pattern, a noisy and shifted copy; a constant image and a
ramp), written as little-endian float32 into ssim-pairs.f32 (pair 0 x, pair 0 y, pair 1 x, pair 1 y),
and skimage's structural_similarity of each pair with the settings SliceLoss uses: 7x7 uniform window,
population (not sample) covariance, data_range 1, K1 0.01, K2 0.03; skimage averages over the valid
part (it crops (7-1)//2 pixels at every border), as SliceLoss does.
Run: /usr/bin/python3 tools/reference/learn_ssim.py interslice-learn/src/test/resources/org/interslice/learn
"""
import os, sys
import numpy as np
from skimage.metrics import structural_similarity

out = sys.argv[1]
rng = np.random.default_rng(7)
yy, xx = np.mgrid[0:32, 0:32].astype(np.float64)
x0 = 0.5 + 0.3 * np.sin(xx / 4.0) * np.cos(yy / 5.0)
y0 = np.roll(x0, 1, axis=1) + rng.normal(0, 0.05, x0.shape)
x1 = np.full((32, 32), 0.25)
y1 = 0.25 + 0.01 * xx
pairs = [(x0, y0), (x1, y1)]
with open(os.path.join(out, 'ssim-pairs.f32'), 'wb') as f:
    for x, y in pairs:
        f.write(x.astype('<f4').tobytes())
        f.write(y.astype('<f4').tobytes())
with open(os.path.join(out, 'ssim-expected.txt'), 'w') as f:
    for x, y in pairs:
        s = structural_similarity(x.astype(np.float32).astype(np.float64), y.astype(np.float32).astype(np.float64),
                                  win_size=7, data_range=1.0, gaussian_weights=False, use_sample_covariance=False,
                                  K1=0.01, K2=0.03)
        f.write('%.9f\n' % s)
