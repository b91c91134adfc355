#!/usr/bin/python3
"""Cross-check of the OME-Zarr writer against independent readers (not a test fixture; prints a line).

Usage (Debian's python with python3-zarr and python3-nibabel):
  ./interslice convert -q ../shared/data/mr-brain/ch2.nii.gz /tmp/ch2.ome.zarr
  /usr/bin/python3 tools/reference/zarr_crosscheck.py ../shared/data/mr-brain/ch2.nii.gz /tmp/ch2.ome.zarr

Opens the written image with Python's zarr, takes NGFF scale/translation as LPS mm (the convention
Interslice states in its README), maps 2000 random voxels to RAS and through nibabel's inverse affine of
the NIfTI input, and counts voxels whose values differ (expected: 0).
"""
import sys

import nibabel as nib
import numpy as np
import zarr

nii, ome = sys.argv[1], sys.argv[2]
g = zarr.open_group(ome, mode='r')
a = g['0'][...]
ct = g.attrs['multiscales'][0]['datasets'][0]['coordinateTransformations']
sc = np.array(ct[0]['scale'])
tr = np.array(ct[1]['translation'])
img = nib.load(nii)
d = np.asarray(img.dataobj)
inv = np.linalg.inv(img.affine)
rng = np.random.default_rng(0)
bad, n = 0, 2000
for _ in range(n):
    z, y, x = [rng.integers(0, s) for s in a.shape]
    lps = np.array([x, y, z]) * sc[::-1] + tr[::-1]
    ijk = inv @ np.array([-lps[0], -lps[1], lps[2], 1])
    r = np.rint(ijk[:3]).astype(int)
    assert np.allclose(ijk[:3], r, atol=1e-4), ijk
    bad += d[tuple(r)] != a[z, y, x]
print('shape', a.shape, 'dtype', a.dtype, 'compressor', g['0'].compressor, 'mismatches', bad, 'of', n)
