#!/usr/bin/env python3
"""Writes a large uncompressed uint16 NIfTI-1 volume slice by slice (constant memory), for
bench/crop-memory.sh. Header written with struct (no nibabel needed); values: a smooth pattern plus
noise (seeded), so that no two neighbouring voxels are alike and the volume is not a label map.

usage: make_big_nifti.py OUT.nii NX NY NZ   (spacing 0.5 x 0.5 x 1 mm, RAS sform at the centre)
"""
import struct
import sys

import numpy as np

out, nx, ny, nz = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
sx, sy, sz = 0.5, 0.5, 1.0
h = bytearray(352)
struct.pack_into("<i", h, 0, 348)
struct.pack_into("<8h", h, 40, 3, nx, ny, nz, 1, 1, 1, 1)
struct.pack_into("<hh", h, 70, 512, 16)                       # datatype uint16, bitpix
struct.pack_into("<8f", h, 76, 1, sx, sy, sz, 1, 1, 1, 1)     # pixdim (qfac 1)
struct.pack_into("<fff", h, 108, 352, 1, 0)                   # vox_offset, scl_slope, scl_inter
h[123] = 2                                                    # mm
struct.pack_into("<hh", h, 252, 1, 1)                         # qform_code, sform_code
ox, oy, oz = -sx * (nx - 1) / 2, -sy * (ny - 1) / 2, -sz * (nz - 1) / 2
struct.pack_into("<6f", h, 256, 0, 0, 0, ox, oy, oz)          # quaternion b c d, offsets
struct.pack_into("<12f", h, 280, sx, 0, 0, ox, 0, sy, 0, oy, 0, 0, sz, oz)
h[344:348] = b"n+1\0"
rng = np.random.default_rng(42)
x = np.arange(nx, dtype=np.float32)[None, :]
y = np.arange(ny, dtype=np.float32)[:, None]
plane = 1000 + 500 * np.sin(x / 40) * np.cos(y / 50)
with open(out, "wb") as f:
    f.write(h)
    for z in range(nz):
        s = plane + 0.5 * z + rng.integers(0, 100, size=(ny, nx))
        f.write(s.astype("<u2").tobytes())
