#!/usr/bin/python3
"""Expected output grids of `resample` on a sheared (gantry-tilted) NIfTI, from nibabel + numpy (run once,
output committed). The rule being checked is written out here independently of the Java code
(Grid.orthogonal, Grid.withSpacing):

  de-tilted (default): axes x = input column 0, y = column 1 made perpendicular to x, z = x cross y turned
  toward column 2; spacing x, y as the input, z = slice distance (spacing z * cos(angle(z, column 2)));
  box = bounding box, in those axes, of the 8 outer voxel corners (indices -0.5 and n - 0.5);
  size = ceil(box / spacing), centred on the box; then `--spacing S`: size = rint(size * spacing / S),
  same centre.
  --keep-shear: the input's own (sheared) axes; size = rint(n * spacing / S), same centre.

Run from the repository root with Debian's python3 (it has nibabel):

    /usr/bin/python3 tools/reference/shear_grid_expected.py \
        > interslice-ops/src/test/resources/org/interslice/ops/shear-grid-expected.txt

Output lines: "case NAME", "dims nx ny nz", then 8 lines "corner i j k x y z": LPS mm world position of
the output voxel centre (i, j, k) for i in {0, nx-1} etc., as nibabel places the input voxels.
"""
import itertools
import os

import nibabel as nib
import numpy as np

SHARED = os.environ.get('INTERSLICE_SHARED_DATA', os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data')))
FILE = 'niivue-samples/shear.nii.gz'
S = 2.0

img = nib.load(os.path.join(SHARED, FILE))
n = np.array(img.shape[:3])
ras = img.affine
lps = np.diag([-1.0, -1.0, 1.0, 1.0]) @ ras
M, o = lps[:3, :3], lps[:3, 3]
sp = np.linalg.norm(M, axis=0)
d = M / sp


def emit(name, dims, origin, axes, spacing):
    print('case', name)
    print('dims', *dims)
    for idx in itertools.product(*[(0, m - 1) for m in dims]):
        p = origin + sum(axes[a] * spacing[a] * idx[a] for a in range(3))
        print('corner', *idx, *('%.9f' % v for v in p))


# de-tilted
x = d[:, 0]
y = d[:, 1] - np.dot(x, d[:, 1]) * x
y /= np.linalg.norm(y)
z = np.cross(x, y)
c = np.dot(z, d[:, 2])
if c < 0:
    z, c = -z, -c
axes = [x, y, z]
osp = np.array([sp[0], sp[1], sp[2] * c])
corners = [M @ (np.array(ix) - 0.5) + o for ix in itertools.product(*[(0, m) for m in n])]
lo = np.array([min(np.dot(p, axes[a]) for p in corners) for a in range(3)])
hi = np.array([max(np.dot(p, axes[a]) for p in corners) for a in range(3)])
size = np.maximum(1, np.ceil((hi - lo) / osp - 1e-9)).astype(int)
centre = sum(axes[a] * (lo[a] + hi[a]) / 2 for a in range(3))
n2 = np.maximum(1, np.rint(size * osp / S)).astype(int)
origin = centre - sum(axes[a] * S * (n2[a] - 1) / 2 for a in range(3))
emit('orthogonal', n2, origin, axes, [S, S, S])

# --keep-shear
centre = M @ ((n - 1) / 2.0) + o
n3 = np.maximum(1, np.rint(n * sp / S)).astype(int)
origin = centre - sum(d[:, a] * S * (n3[a] - 1) / 2 for a in range(3))
emit('keep-shear', n3, origin, [d[:, 0], d[:, 1], d[:, 2]], [S, S, S])

# convert: the input grid as it is
emit('input', n, o, [d[:, 0], d[:, 1], d[:, 2]], sp)
