#!/usr/bin/python3
"""Expected ROF structures for TvStructureTest: scikit-image denoise_tv_chambolle (eps = 0, so it runs all
max_num_iter iterations of Chambolle's projection; it returns the estimate made before its last dual update, so
max_num_iter = N + 1 equals TvStructure with N iterations).

Run once from the repository root:
    /usr/bin/python3 tools/reference/tv_structure_expected.py interslice-core/src/test/resources/org/interslice/core/register
Writes tv_structure.f32: raw little-endian float32, three ny x nx arrays (x fastest): the input f (a 41 x 36
seeded pattern on [0, 1]: a brightness ramp, two discs, a bar and noise), its structure at weight 0.4 with 100
iterations and at weight 0.1 with 30 iterations; tv_structure.txt holds "nx ny" and the command.
"""
import os, sys
import numpy as np
import skimage
from skimage.restoration import denoise_tv_chambolle

out = sys.argv[1]
ny, nx = 36, 41
y, x = np.mgrid[0:ny, 0:nx].astype(np.float64)
f = 0.2 + 0.3 * x / nx + 0.1 * y / ny
f[(x - 12) ** 2 + (y - 14) ** 2 < 36] += 0.35
f[(x - 28) ** 2 + (y - 22) ** 2 < 20] -= 0.15
f[5:8, 20:36] += 0.25
f += np.random.default_rng(17).normal(0, 0.03, f.shape)
f = f.astype(np.float32)
s1 = denoise_tv_chambolle(f.astype(np.float64), weight=0.4, eps=0, max_num_iter=101)
s2 = denoise_tv_chambolle(f.astype(np.float64), weight=0.1, eps=0, max_num_iter=31)
np.stack([f, s1, s2]).astype('<f4').tofile(os.path.join(out, 'tv_structure.f32'))
with open(os.path.join(out, 'tv_structure.txt'), 'w') as fh:
    fh.write('%d %d\n' % (nx, ny))
    fh.write('# scikit-image %s denoise_tv_chambolle (weight 0.4, max_num_iter 101; 0.1, 31), eps 0; '
             '/usr/bin/python3 tools/reference/tv_structure_expected.py %s\n' % (skimage.__version__, out))
print('structure range', float(s1.min()), float(s1.max()), 'mean |f - s|', float(np.abs(f - s1).mean()), float(np.abs(f - s2).mean()))
