#!/usr/bin/python3
"""Expected TV-L1 flows for TvL1FlowTest: scikit-image optical_flow_tvl1 with its default parameters.

Run once from the repository root:
    /usr/bin/python3 tools/reference/tvl1_expected.py interslice-core/src/test/resources/org/interslice/core/register
Writes two cases, each a raw little-endian float32 file NAME.f32 holding four ny x nx arrays (x fastest) in
this order: reference, moving, u (x displacement = flow[1]), v (y displacement = flow[0]), and NAME.txt
with "nx ny" and the command. Cases:
  smooth: 78 x 70 seeded smooth random pattern in [0, 1], the moving image being the reference moved by a
          smooth displacement of up to about 2 px (odd sizes exercise the pyramid's rounding);
  headct: a 96 x 80 crop of ct-head/head.nii.gz slices 60 and 62 (x 60..155, y 100..179), clipped to
          [-1000, 1500] HU and scaled to [0, 1] as BASELINES.md's peer does.
"""
import os, sys
import numpy as np
import nibabel as nib
import skimage
from scipy import ndimage
from skimage.registration import optical_flow_tvl1

out = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))


def save(name, ref, mov):
    ref = ref.astype(np.float32)
    mov = mov.astype(np.float32)
    flow = optical_flow_tvl1(ref, mov)   # ref(p) ~ mov(p + flow(p)), flow[0] along rows (y)
    ny, nx = ref.shape
    data = np.stack([ref, mov, flow[1], flow[0]]).astype('<f4')
    data.tofile(os.path.join(out, name + '.f32'))
    with open(os.path.join(out, name + '.txt'), 'w') as f:
        f.write('%d %d\n' % (nx, ny))
        f.write('# scikit-image %s optical_flow_tvl1 defaults; /usr/bin/python3 tools/reference/tvl1_expected.py %s\n'
                % (skimage.__version__, out))
    print(name, nx, ny, 'flow |max|', float(np.abs(flow).max()))


rng = np.random.default_rng(15)
ny, nx = 70, 78
base = ndimage.gaussian_filter(rng.random((ny, nx)), 3)
base = (base - base.min()) / (base.max() - base.min())
yy, xx = np.mgrid[0:ny, 0:nx].astype(np.float64)
dy = 1.5 * np.sin(xx / 13.0)
dx = 2.0 * np.cos(yy / 11.0)
mov = ndimage.map_coordinates(base, [yy - dy, xx - dx], order=3, mode='nearest')
save('smooth', base, np.clip(mov, 0, 1))

img = nib.load(os.path.join(here, '../../../shared/data/ct-head/head.nii.gz'))
vol = np.asanyarray(img.dataobj).astype(np.float32)   # nibabel order (x, y, z)
crop = lambda z: vol[60:156, 100:180, z].T           # ny x nx with x fastest
scale = lambda s: (np.clip(s, -1000, 1500) + 1000) / 2500
save('headct', scale(crop(60)), scale(crop(62)))
