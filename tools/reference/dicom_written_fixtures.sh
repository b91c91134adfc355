#!/bin/sh
# Writes the DICOM samples of DicomWrittenReferenceTest with Interslice, then reads them with pydicom and
# dcm2niix (tools/reference/dicom_write_check.py). Run from the repository root after building the CLI:
#   ./mvnw -q -B -DskipTests package -pl interslice-cli -am && sh tools/reference/dicom_written_fixtures.sh
# Samples (interslice-ops/src/test/resources/dicom-written/):
#   tilted-linear.dcm    interpolate of the 15-degree tilted, unevenly spaced series (tilted-uneven) to
#                        2.5 mm with linear, shear kept: CT Image, sheared Image Positions
#   straight-linear.dcm  the same, de-tilted (the default): orthogonal grid
#   oblique-float.dcm    convert of oblique-float.nii.gz (float32, oblique, made below with nibabel):
#                        Secondary Capture, values quantized by the rescale
set -e
JAR=interslice-cli/target/interslice.jar
OUT=interslice-ops/src/test/resources/dicom-written
rm -rf "$OUT"
mkdir -p "$OUT"
/usr/bin/python3 - "$OUT/oblique-float.nii.gz" <<'PY'
import sys
import nibabel as nib
import numpy as np
rng = np.random.default_rng(19)
a = np.deg2rad(20)
aff = np.array([[0.9 * np.cos(a), -0.8 * np.sin(a), 0, 31.5], [0.9 * np.sin(a), 0.8 * np.cos(a), 0, -12.25], [0, 0, 3.0, 7.125], [0, 0, 0, 1]])
data = (rng.standard_normal((24, 20, 6)) * 300 + 40).astype(np.float32)
img = nib.Nifti1Image(data, aff)
img.set_sform(aff, 1)
img.set_qform(aff, 1)
nib.save(img, sys.argv[1])
PY
java -jar $JAR interpolate interslice-ops/src/test/resources/tilted-uneven "$OUT/tilted-linear.dcm" --spacing 2.5 --method linear --keep-shear --no-sidecar
java -jar $JAR interpolate interslice-ops/src/test/resources/tilted-uneven "$OUT/straight-linear.dcm" --spacing 2.5 --method linear --no-sidecar
java -jar $JAR convert "$OUT/oblique-float.nii.gz" "$OUT/oblique-float.dcm"
/usr/bin/python3 tools/reference/dicom_write_check.py "$OUT" > "$OUT.expected.txt"
/usr/bin/python3 tools/reference/dicom_write_check.py "$OUT" --summary $JAR
