#!/bin/sh
# One-off check beyond the committed 64x64 fixtures: encode the whole 5 mm phantom series (28 slices of
# 328x432) with dcmtk and GDCM, convert each with ./interslice to NIfTI, and compare every voxel with
# the uncompressed series (nibabel). Near-lossless JPEG-LS is also compared with `gdcmconv --raw`, 12-bit
# lossy JPEG (process 4) with `dcmdjpeg`.
# Usage (from the repo root; needs dcmtk, libgdcm-tools, python3-nibabel): sh tools/reference/dicom_compressed_fullseries.sh
set -e
S=../shared/data/ct-phantom/5mm
T=${TMPDIR:-/tmp}/interslice-dicom-full
rm -rf "$T"
mkdir -p "$T"
for c in jls80 jls81 jls81ref rle jpeg57 jpeg70 j2k90 jpeg51 jpeg51ref; do mkdir -p "$T/$c"; done
for f in "$S"/*; do
    b=$(basename "$f")
    dcmcjpls --encode-lossless "$f" "$T/jls80/$b"
    dcmcjpls --encode-nearlossless --max-deviation 3 "$f" "$T/jls81/$b"
    gdcmconv --raw "$T/jls81/$b" "$T/jls81ref/$b"
    dcmcrle "$f" "$T/rle/$b"
    dcmcjpeg --encode-lossless --selection-value 4 "$f" "$T/jpeg57/$b"
    dcmcjpeg --encode-lossless-sv1 "$f" "$T/jpeg70/$b"
    gdcmconv --j2k "$f" "$T/j2k90/$b"
    dcmcjpeg --encode-extended "$f" "$T/jpeg51/$b"
    dcmdjpeg "$T/jpeg51/$b" "$T/jpeg51ref/$b"
done
./interslice convert "$S" "$T/raw.nii" > /dev/null
for c in jls80 jls81 jls81ref rle jpeg57 jpeg70 j2k90 jpeg51 jpeg51ref; do ./interslice convert "$T/$c" "$T/$c.nii" > /dev/null; done
/usr/bin/python3 - "$T" <<'PY'
import sys
import nibabel as nib
import numpy as np
t = sys.argv[1]
raw = nib.load(t + "/raw.nii").get_fdata()
print("| encoding | voxels | max abs difference from the uncompressed series | voxels differing |")
print("|---|---|---|---|")
for c in ["rle", "jpeg57", "jpeg70", "j2k90", "jls80", "jls81", "jpeg51"]:
    d = nib.load("%s/%s.nii" % (t, c)).get_fdata()
    print("| %s | %d | %g | %d |" % (c, d.size, np.abs(d - raw).max(), (d != raw).sum()))
ref = nib.load(t + "/jls81ref.nii").get_fdata()
print("jls81 against gdcmconv --raw: max abs difference %g" % np.abs(nib.load(t + "/jls81.nii").get_fdata() - ref).max())
d = nib.load(t + "/jpeg51.nii").get_fdata() - nib.load(t + "/jpeg51ref.nii").get_fdata()
print("jpeg51 (12-bit lossy) against dcmdjpeg: max abs difference %g, %d voxels differ" % (np.abs(d).max(), (d != 0).sum()))
PY
