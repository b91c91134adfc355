#!/usr/bin/python3
"""A gantry-tilted, unevenly spaced thick-slice DICOM series made from the shared 5 mm phantom series,
with the expected result of `interslice interpolate --spacing 2.5 --method linear` on it, computed here
with numpy (independent of the Java code). Read by InterpolateOperationTest; the expected values go to OUT.expected.txt beside the folder.

Usage, from the repository root:
    /usr/bin/python3 tools/reference/tilted_uneven_fixture.py ../shared/data/ct-phantom/5mm \
        interslice-ops/src/test/resources/tilted-uneven

What it does: sorts the 28 slices along z; keeps slices 3, 4, 6, 7, 10, 11, 12, 15 (gaps of 5, 10, 5, 15,
5, 5, 15 mm); crops each to 48 x 40 pixels (columns 140..187, rows 190..229, moving
ImagePositionPatient to the first kept pixel); shears the stack by 15 degrees: slice k keeps its
orientation but moves tan(15 deg) * (its height above the first slice) along the column direction (+y),
as a gantry-tilted scanner places slices. Pixel data, rescale and the rest of each header are kept.

Expected output (the plan documented in README "interpolate"): slice positions are heights along the
slice normal n (row direction x column direction), i.e. distances between slice planes; the stack runs
along u = (IPP_last - IPP_first) / |...|; output slice j is at height 2.5 j, i.e. at
IPP_first + 2.5 j / (n . u) u, for j = 0 .. floor(extent / 2.5);
an output slice at a measured position is that slice; others are a + t (b - a) of the two neighbouring
slices in HU, t the fraction of the gap, rounded half away from zero.
"""
import glob
import os
import sys

import numpy as np
import pydicom
from pydicom.uid import generate_uid

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
ds = [pydicom.dcmread(f) for f in glob.glob(os.path.join(src, "*"))]
ds.sort(key=lambda d: float(d.ImagePositionPatient[2]))
keep = [3, 4, 6, 7, 10, 11, 12, 15]
c0, r0, nc, nr = 140, 190, 48, 40
tilt = np.radians(15.0)
series = generate_uid(prefix="1.2.826.0.1.3680043.8.498.")
z_first = float(ds[keep[0]].ImagePositionPatient[2])
ipps, hu = [], []
for n, k in enumerate(keep):
    d = ds[k]
    iop = np.array([float(v) for v in d.ImageOrientationPatient])
    row_dir, col_dir = iop[:3], iop[3:]          # DICOM: first triple along a row (columns increase), second down a column
    sx, sy = float(d.PixelSpacing[1]), float(d.PixelSpacing[0])
    ipp = np.array([float(v) for v in d.ImagePositionPatient])
    ipp = ipp + c0 * sx * row_dir + r0 * sy * col_dir
    height = ipp[2] - z_first
    ipp = ipp + np.tan(tilt) * height * col_dir
    a = d.pixel_array[r0:r0 + nr, c0:c0 + nc].copy()
    d.remove_private_tags()
    d.Rows, d.Columns = nr, nc
    d.PixelData = a.tobytes()
    d.ImagePositionPatient = ["%.6f" % v for v in ipp]
    d.SeriesInstanceUID = series
    d.SOPInstanceUID = generate_uid(prefix="1.2.826.0.1.3680043.8.498.")
    d.file_meta.MediaStorageSOPInstanceUID = d.SOPInstanceUID
    d.InstanceNumber = n + 1
    d.save_as(os.path.join(out, "slice%02d.dcm" % n), write_like_original=False)
    back = pydicom.dcmread(os.path.join(out, "slice%02d.dcm" % n))
    ipps.append(np.array([float(v) for v in back.ImagePositionPatient]))
    hu.append(back.pixel_array.astype(np.float64) * float(back.RescaleSlope) + float(back.RescaleIntercept))

ipps, hu = np.array(ipps), np.array(hu)
u = ipps[-1] - ipps[0]
u /= np.linalg.norm(u)
normal = np.cross(row_dir, col_dir)
normal *= np.sign(normal @ u)
cos = normal @ u
pos = (ipps - ipps[0]) @ normal
extent = pos[-1]
along = (ipps - ipps[0]) @ u
off_line = np.max(np.linalg.norm((ipps - ipps[0]) - np.outer(along, u), axis=1))
assert off_line < 1e-4, off_line
spacing = 2.5
n_out = int(np.floor(extent / spacing + 1e-6)) + 1
lines = ["# made by tools/reference/tilted_uneven_fixture.py (pydicom %s, numpy %s)" % (pydicom.__version__, np.__version__),
         "spacing %r" % spacing, "slices %d" % n_out, "dims %d %d" % (nc, nr),
         "tilt_deg %r" % float(np.degrees(np.arccos(cos)))]
for j in range(n_out):
    p = j * spacing
    g = min(int(np.searchsorted(pos, p, side="right")) - 1, len(pos) - 2)
    t = (p - pos[g]) / (pos[g + 1] - pos[g])
    if abs(t) < 1e-6:
        v = hu[g]
    elif abs(t - 1) < 1e-6:
        v = hu[g + 1]
    else:
        v = hu[g] + t * (hu[g + 1] - hu[g])
    v = np.sign(v) * np.floor(np.abs(v) + 0.5)     # half away from zero
    origin = ipps[0] + p / cos * u
    lines.append("origin %d %r %r %r" % (j, *[float(x) for x in origin]))
    # values in our x-fastest order: x = DICOM column, y = DICOM row
    lines.append("values %d " % j + " ".join("%d" % x for x in v.ravel()))
with open(out.rstrip("/") + ".expected.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
print("wrote", len(keep), "slices,", n_out, "expected output slices; extent", extent, "mm; positions", pos)
