#!/usr/bin/python3
"""Serial sections for the README's gaps example (not a test fixture).

Cuts axial planes 130-169 of Colin27 at 0.5 mm (../shared/data/mr-brain/ch2.nii.gz) into five sections of 8
planes, moves section s in-plane by s degrees and (1.5 s, -s) pixels about the plane centre (a histology-like
drift; scipy.ndimage.affine_transform, linear), writes them as OUT/slice_zNN.nii.gz (section 02 left out:
"lost"), and a slice_config.csv marking it. The README converts them to OME-Zarr with interslice.

  /usr/bin/python3 tools/examples/make_sections.py ../shared/data/mr-brain/ch2.nii.gz /tmp/sections
"""
import math
import os
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
img = nib.load(src)
for s in range(5):
    if s == 2:
        continue
    part = img.slicer[:, :, 130 + 8 * s: 138 + 8 * s]
    a = np.asarray(part.dataobj).astype(np.float64)
    nx, ny = a.shape[:2]
    t = math.radians(s)
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    c = np.array([(nx - 1) / 2, (ny - 1) / 2])
    # output pixel p shows input pixel rot^-1 (p - c - shift) + c
    inv = np.linalg.inv(rot)
    shift = np.array([1.5 * s, -s])
    off = c - inv @ (c + shift)
    moved = np.stack([ndimage.affine_transform(a[:, :, k], inv, offset=off, order=1) for k in range(a.shape[2])], axis=2)
    nib.save(nib.Nifti1Image(np.clip(np.rint(moved), 0, 255).astype(np.uint8), part.affine, part.header), os.path.join(out, f"slice_z{s:02d}.nii.gz"))
with open(os.path.join(out, "slice_config.csv"), "w") as f:
    f.write("slice_id,use,exclude_reason,quality_score,notes,stain\n")
    for s in range(5):
        f.write(f"{s:02d},{'false' if s == 2 else 'true'},{'lost' if s == 2 else ''},,\"colin27, 0.5 mm\",T1\n")
