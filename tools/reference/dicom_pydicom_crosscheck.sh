#!/bin/sh
# Second source of compressed DICOM (brief of issue 19, item 2): the test files that Debian's
# python3-pydicom ships (not committed here: their licences vary, see their README.txt). Each encoding is
# read through ./interslice convert and compared, voxel for voxel (nibabel), with the uncompressed file
# of the same image, or with `gdcmconv --raw` where pydicom has no uncompressed twin.
# Usage (from the repo root): sh tools/reference/dicom_pydicom_crosscheck.sh
P=/usr/lib/python3/dist-packages/pydicom/data/test_files
T=${TMPDIR:-/tmp}/interslice-pydicom
rm -rf "$T"
mkdir -p "$T"
for f in MR_small MR_small_RLE MR_small_jp2klossless MR_small_jpeg_ls_lossless rtdose_1frame rtdose_rle_1frame \
         JPEG2000 693_J2KI J2K_pixelrep_mismatch JPEG2000-embedded-sequence-delimiter; do
    ./interslice convert "$P/$f.dcm" "$T/$f.nii" > /dev/null 2> "$T/$f.err" || echo "$f: $(cut -c1-160 "$T/$f.err")"
    gdcmconv --raw "$P/$f.dcm" "$T/$f-raw.dcm" 2> /dev/null && ./interslice convert "$T/$f-raw.dcm" "$T/$f-gdcm.nii" > /dev/null 2>&1
done
# 12-bit lossy JPEG: dcmtk decodes it (Debian's GDCM cannot)
for f in JPGExtended JPEG-lossy; do
    ./interslice convert "$P/$f.dcm" "$T/$f.nii" > /dev/null 2> "$T/$f.err" || echo "$f: $(cut -c1-160 "$T/$f.err")"
    dcmdjpeg "$P/$f.dcm" "$T/$f-raw.dcm" && ./interslice convert "$T/$f-raw.dcm" "$T/$f-dcmtk.nii" > /dev/null 2>&1
done
/usr/bin/python3 - "$T" <<'PY'
import os, sys
import nibabel as nib
import numpy as np
t = sys.argv[1]
L = lambda n: nib.load("%s/%s.nii" % (t, n)).get_fdata()
pairs = [("MR_small_RLE", "MR_small"), ("MR_small_jp2klossless", "MR_small"), ("MR_small_jpeg_ls_lossless", "MR_small"),
         ("rtdose_rle_1frame", "rtdose_1frame"), ("JPEG2000", "JPEG2000-gdcm"), ("693_J2KI", "693_J2KI-gdcm"),
         ("J2K_pixelrep_mismatch", "J2K_pixelrep_mismatch-gdcm"),
         ("JPGExtended", "JPGExtended-dcmtk"), ("JPEG-lossy", "JPEG-lossy-dcmtk")]
for a, b in pairs:
    if os.path.exists("%s/%s.nii" % (t, a)):
        print("%s vs %s: max abs difference %g over %d voxels" % (a, b, np.abs(L(a) - L(b)).max(), L(a).size))
PY
# Multi-frame (issue 19 item 3): the 15-frame RT Dose in implicit LE, explicit big endian and RLE, placed
# by its Grid Frame Offset Vector; values against pydicom's pixel_array, grid printed beside dcm2niix's
# (which ignores the offset vector and assumes 1 mm between frames).
for f in rtdose rtdose_expb rtdose_rle; do
    ./interslice convert "$P/$f.dcm" "$T/$f.nii" > /dev/null 2> "$T/$f.err" || echo "$f: $(cut -c1-160 "$T/$f.err")"
done
mkdir -p "$T/rt-in" "$T/rt-d2n" && cp "$P/rtdose.dcm" "$T/rt-in/" && dcm2niix -z n -f rtdose -o "$T/rt-d2n" "$T/rt-in" > /dev/null 2>&1
/usr/bin/python3 - "$T" "$P" <<'PY'
import sys
import nibabel as nib
import numpy as np
import pydicom
t, p = sys.argv[1], sys.argv[2]
px = pydicom.dcmread(p + "/rtdose.dcm").pixel_array  # frames, rows, columns
for f in ["rtdose", "rtdose_expb", "rtdose_rle"]:
    img = nib.load("%s/%s.nii" % (t, f))
    ours = np.transpose(img.get_fdata(), (2, 1, 0))
    print("%s: equal to pydicom in every voxel: %s; slice step %.3f mm" % (f, np.array_equal(ours, px), img.affine[2, 2]))
print("dcm2niix rtdose slice step %.3f mm" % nib.load(t + "/rt-d2n/rtdose.nii").affine[2, 2])
PY
