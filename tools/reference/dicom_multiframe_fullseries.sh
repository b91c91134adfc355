#!/bin/sh
# The whole 1 mm phantom series (140 slices of 328x432) as one enhanced CT object (pydicom; per-frame
# Plane Position, shared orientation, spacing and rescale), also JPEG-LS per frame (dcmcjpls); each is
# read through ./interslice convert and compared with the single-frame folder (nibabel): voxels and affine.
# Usage (from the repo root): sh tools/reference/dicom_multiframe_fullseries.sh
set -e
T=${TMPDIR:-/tmp}/interslice-mf-full
rm -rf "$T"
mkdir -p "$T"
SRC=${INTERSLICE_SHARED_DATA:-../shared/data}/ct-phantom/1mm
/usr/bin/python3 - "$SRC" "$T/enh.dcm" <<'PY'
import os
import sys
import numpy as np
import pydicom
sys.path.insert(0, "tools/reference")
import dicom_multiframe_fixtures as F
from pydicom.sequence import Sequence
src, out_path = sys.argv[1], sys.argv[2]
frames = [pydicom.dcmread(os.path.join(src, n)) for n in sorted(os.listdir(src))]
frames = sorted([d for d in frames if "PixelData" in d], key=lambda d: float(d.ImagePositionPatient[2]))
out = F.base(frames[0], "1.2.840.10008.5.1.4.1.1.2.1", "7", len(frames))
out.Rows, out.Columns = frames[0].Rows, frames[0].Columns
it = F.item
out.SharedFunctionalGroupsSequence = Sequence([it(
    PixelMeasuresSequence=Sequence([it(PixelSpacing=list(frames[0].PixelSpacing), SliceThickness=1)]),
    PlaneOrientationSequence=Sequence([it(ImageOrientationPatient=list(frames[0].ImageOrientationPatient))]),
    PixelValueTransformationSequence=Sequence([it(RescaleIntercept=frames[0].RescaleIntercept, RescaleSlope=frames[0].RescaleSlope, RescaleType="HU")]))])
out.PerFrameFunctionalGroupsSequence = Sequence([it(
    PlanePositionSequence=Sequence([it(ImagePositionPatient=list(d.ImagePositionPatient))]),
    FrameContentSequence=Sequence([it(InStackPositionNumber=k + 1)])) for k, d in enumerate(frames)])
out.PixelData = np.stack([d.pixel_array.astype("<u2") for d in frames]).tobytes()
out.save_as(out_path, write_like_original=False)
PY
dcmcjpls --encode-lossless "$T/enh.dcm" "$T/enh-jls.dcm"
./interslice convert "$SRC" "$T/folder.nii" > /dev/null
for f in enh enh-jls; do ./interslice convert "$T/$f.dcm" "$T/$f.nii" > /dev/null; done
/usr/bin/python3 - "$T" <<'PY'
import sys
import nibabel as nib
import numpy as np
t = sys.argv[1]
a = nib.load(t + "/folder.nii")
for f in ["enh", "enh-jls"]:
    b = nib.load("%s/%s.nii" % (t, f))
    d = np.abs(a.get_fdata() - b.get_fdata())
    print("%s vs the single-frame folder: %d of %d voxels differ; affine max difference %g" % (f, (d > 0).sum(), d.size, np.abs(a.affine - b.affine).max()))
PY
