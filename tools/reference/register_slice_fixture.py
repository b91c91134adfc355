#!/usr/bin/env python3
"""Real-anatomy slices for the core registration and zmorph tests (core has no file I/O, so the test
reads raw bytes). Run once from the repository root with ../shared/data beside it:

    /usr/bin/python3 tools/reference/register_slice_fixture.py

Writes interslice-core/src/test/resources/org/interslice/core/register/ch2_axial.u8: planes z = 86..93 of
mr-brain/ch2-1mm.nii.gz (181 x 217 each, uint8, x fastest, plane after plane; 314 KB), and a .txt with
'181 217 8'. No values are computed here: the tests build the moving images with known transforms.
"""
import os

import nibabel as nib
import numpy as np

root = os.environ.get("INTERSLICE_SHARED_DATA", "../shared/data")
img = nib.load(os.path.join(root, "mr-brain", "ch2-1mm.nii.gz"))
a = np.asarray(img.dataobj).astype(np.uint8)      # (x, y, z)
planes = a[:, :, 86:94]
out = "interslice-core/src/test/resources/org/interslice/core/register/ch2_axial"
# x fastest: Fortran order over (x, y), then planes
with open(out + ".u8", "wb") as f:
    for k in range(planes.shape[2]):
        f.write(np.ascontiguousarray(planes[:, :, k].T).tobytes())
with open(out + ".txt", "w") as f:
    f.write("%d %d %d\n" % (planes.shape[0], planes.shape[1], planes.shape[2]))
