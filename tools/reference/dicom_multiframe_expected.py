#!/usr/bin/python3
"""Expected values for DicomMultiFrameTest: dcm2niix (and pydicom for the MR's temporal stacks).

For enh-ct.dcm and sc-mf.dcm: `dcm2niix -z n -f %s -o <tmp> <folder holding the file>`, then nibabel:
dims, dcm2niix's RAS affine, the sum of every slice and sampled voxels (dcm2niix indices), as
dicom_expected.py writes them for the shared series. For enh-mr-2t.dcm dcm2niix's affine is recorded,
but dcm2niix v1.0.20220720 splits this file's interleaved frames (t1 z1, t2 z1, t1 z2, ...) into its two
volumes by file order, ignoring the Dimension Index Values, so the slice sums of each temporal stack
come from pydicom (frames with Temporal Position Index t, ordered by In-Stack Position Number, rows
flipped to dcm2niix's index order), checked to equal dcm2niix's volume sums over both volumes together.

Usage: /usr/bin/python3 tools/reference/dicom_multiframe_expected.py FIXTURE_FOLDER > expected.txt
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import nibabel as nib
import numpy as np
import pydicom


def dcm2niix(path):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in")
        os.makedirs(src)
        shutil.copy(path, src)
        out = os.path.join(tmp, "out")
        os.makedirs(out)
        subprocess.run(["dcm2niix", "-z", "n", "-f", "%s", "-o", out, src], check=True, capture_output=True)
        niis = sorted(glob.glob(os.path.join(out, "*.nii")))
        if len(niis) != 1:
            sys.exit("expected one NIfTI for %s, got %s" % (path, niis))
        img = nib.load(niis[0])
        return img.get_fdata(dtype=np.float64), img.affine


def block(name, data, aff, voxels=True):
    print("series " + name)
    print("dims %d %d %d" % data.shape[:3])
    for r in range(3):
        print("affine " + " ".join(repr(float(x)) for x in aff[r]))
    for k in range(data.shape[2]):
        print("slicesum %d %r" % (k, float(data[:, :, k].sum())))
    if voxels:
        rng = np.random.default_rng(42)
        nx, ny, nz = data.shape[:3]
        picks = [(0, 0, 0), (nx - 1, ny - 1, nz - 1)] + [tuple(int(rng.integers(0, n)) for n in (nx, ny, nz)) for _ in range(20)]
        for i, j, k in picks:
            print("voxel %d %d %d %r" % (i, j, k, float(data[i, j, k])))
    print("end")


def main(folder):
    version = subprocess.run(["dcm2niix", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    print("# Expected values for DicomMultiFrameTest, produced by tools/reference/dicom_multiframe_expected.py")
    print("# dcm2niix version: " + (version[-1] if version else "?") + "; pydicom " + pydicom.__version__)
    print("# affine = dcm2niix's RAS affine, 3 rows x 4; slicesum k = sum over slice k (dcm2niix index order)")
    for name in ["enh-ct.dcm", "sc-mf.dcm"]:
        data, aff = dcm2niix(os.path.join(folder, name))
        block(name, data, aff)
    data, aff = dcm2niix(os.path.join(folder, "enh-mr-2t.dcm"))
    d = pydicom.dcmread(os.path.join(folder, "enh-mr-2t.dcm"))
    px = d.pixel_array.astype(np.float64)
    total = 0.0
    for t in (1, 2):
        frames = [(int(f.FrameContentSequence[0].InStackPositionNumber), k) for k, f in enumerate(d.PerFrameFunctionalGroupsSequence)
                  if int(f.FrameContentSequence[0].TemporalPositionIndex) == t]
        vol = np.stack([px[k][::-1, :].T for _, k in sorted(frames)], axis=2)  # (column i, flipped row j, slice k)
        total += vol.sum()
        block("enh-mr-2t.dcm Temporal Position Index %d" % t, vol, aff, voxels=False)
    assert abs(total - data.sum()) < 1e-6, (total, data.sum())


if __name__ == "__main__":
    main(sys.argv[1])
