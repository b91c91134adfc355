#!/usr/bin/python3
"""Reads DICOM series written by Interslice with pydicom and dcm2niix (both independent of our code) and
prints what they see, for DicomWrittenReferenceTest; with --summary it prints instead how far each
tool's geometry is from Interslice's own (`interslice info --json` on the same folder), in mm.

Per series folder (SAMPLES/*.dcm):
  pydicom, per file (name order): instance number, ImagePositionPatient, ImageOrientationPatient,
  PixelSpacing, SliceThickness, SpacingBetweenSlices, RescaleSlope/Intercept, the sum of the slice's
  physical values (pixel_array * slope + intercept, float64), SOP Class UID, the first word of
  ImageComments (MEASURED / SYNTHESIZED / COPY / ...), the number of Source Image Sequence items, and
  whether every UID in the file is valid (PS3.5 9.1: <= 64 characters, digits and dots, no leading 0).
  dcm2niix (`dcm2niix -z n -f s -o TMP FOLDER`, the file without tilt correction), nibabel: dims, RAS
  affine rows, sum of every slice (dcm2niix order).

Usage (tools/reference/dicom_written_fixtures.sh runs it):
  /usr/bin/python3 tools/reference/dicom_write_check.py SAMPLES > SAMPLES.expected.txt
  /usr/bin/python3 tools/reference/dicom_write_check.py SAMPLES --summary JAR
The summary also counts the errors dciodvfy (Debian dicom3tools, the IOD checker) reports over every file.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import nibabel as nib
import numpy as np
import pydicom

UID = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$")


def uids_valid(ds):
    ok = True
    for elem in ds.iterall():
        if elem.VR == "UI" and elem.value:
            for v in (elem.value if elem.VM > 1 else [elem.value]):
                ok &= len(str(v)) <= 64 and bool(UID.match(str(v)))
    for elem in ds.file_meta:
        if elem.VR == "UI" and elem.value:
            ok &= len(str(elem.value)) <= 64 and bool(UID.match(str(elem.value)))
    return ok


def pydicom_slices(folder):
    rows = []
    for f in sorted(glob.glob(os.path.join(folder, "*.dcm"))):
        ds = pydicom.dcmread(f)
        slope, inter = float(ds.RescaleSlope), float(ds.RescaleIntercept)
        phys = ds.pixel_array.astype(np.float64) * slope + inter
        comment = str(ds.get("ImageComments", "")).split(" ")[0].rstrip(":,")
        refs = len(ds.get("SourceImageSequence", []))
        rows.append(dict(name=os.path.basename(f), instance=int(ds.InstanceNumber), ipp=[float(x) for x in ds.ImagePositionPatient],
                         iop=[float(x) for x in ds.ImageOrientationPatient], ps=[float(x) for x in ds.PixelSpacing],
                         thick=float(ds.SliceThickness), between=float(ds.get("SpacingBetweenSlices", "nan") or "nan"),
                         slope=slope, inter=inter, sum=float(phys.sum()), cls=str(ds.SOPClassUID), kind=comment or "-", refs=refs,
                         uids=uids_valid(ds), rows=int(ds.Rows), cols=int(ds.Columns)))
    return rows


def dcm2niix(folder):
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["dcm2niix", "-z", "n", "-f", "s", "-o", out, folder], check=True, capture_output=True)
        img = nib.load(os.path.join(out, "s.nii"))
        return img.get_fdata(dtype=np.float64), img.affine


def expected(samples):
    version = subprocess.run(["dcm2niix", "--version"], capture_output=True, text=True).stdout.strip().splitlines()
    print("# Expected values for DicomWrittenReferenceTest, produced by tools/reference/dicom_write_check.py " + samples)
    print("# pydicom %s; dcm2niix %s; nibabel %s" % (pydicom.__version__, version[-1] if version else "?", nib.__version__))
    print("# file NAME instance N ipp X Y Z iop 6 ps ROW COL thick T between B slope S intercept I sum PHYS class UID kind WORD refs N uids ok|bad")
    print("# dcm2niix: dims, affine (RAS, 3 rows), slicesum k SUM (dcm2niix order)")
    for folder in sorted(glob.glob(os.path.join(samples, "*.dcm"))):
        print("series " + os.path.basename(folder))
        for r in pydicom_slices(folder):
            print("file %s instance %d ipp %s iop %s ps %s thick %r between %r slope %r intercept %r sum %r class %s kind %s refs %d uids %s" % (
                r["name"], r["instance"], " ".join(map(repr, r["ipp"])), " ".join(map(repr, r["iop"])), " ".join(map(repr, r["ps"])),
                r["thick"], r["between"], r["slope"], r["inter"], r["sum"], r["cls"], r["kind"], r["refs"], "ok" if r["uids"] else "bad"))
        data, aff = dcm2niix(folder)
        print("dims %d %d %d" % data.shape[:3])
        for i in range(3):
            print("affine " + " ".join(repr(float(x)) for x in aff[i]))
        for k in range(data.shape[2]):
            print("slicesum %d %r" % (k, float(data[:, :, k].sum())))
        print("end")


def summary(samples, jar):
    """Largest distance (mm) between Interslice's voxel centres and pydicom's / dcm2niix's."""
    print("| series | slices | SOP class | pydicom: max distance of slice corners (mm) | dcm2niix: max distance of slice corners (mm) | slice sums equal (pydicom, dcm2niix) | dciodvfy errors (all files) |")
    print("|---|---|---|---|---|---|---|")
    for folder in sorted(glob.glob(os.path.join(samples, "*.dcm"))):
        info = json.loads(subprocess.run(["java", "-jar", jar, "info", folder, "--json"], check=True, capture_output=True, text=True).stdout)
        o, sp, d = np.array(info["origin"]), np.array(info["spacing"]), np.array(info["direction"])
        ours = lambda i, j, k: o + d @ (sp * np.array([i, j, k], dtype=float))
        ours_inv = lambda p: np.linalg.solve(d * sp, p - o)
        rows = pydicom_slices(folder)
        nx, ny = rows[0]["cols"], rows[0]["rows"]
        worst_py = 0.0
        for r in rows:
            ipp, row, col = np.array(r["ipp"]), np.array(r["iop"][:3]), np.array(r["iop"][3:])
            k = round(ours_inv(ipp)[2])
            for i, j in ((0, 0), (nx - 1, 0), (0, ny - 1), (nx - 1, ny - 1)):
                theirs = ipp + row * r["ps"][1] * i + col * r["ps"][0] * j
                worst_py = max(worst_py, float(np.linalg.norm(ours(i, j, k) - theirs)))
        data, aff = dcm2niix(folder)
        worst_nii = 0.0
        for k in range(data.shape[2]):
            for i, j in ((0, 0), (data.shape[0] - 1, 0), (0, data.shape[1] - 1), (data.shape[0] - 1, data.shape[1] - 1)):
                ras = aff @ np.array([i, j, k, 1.0])
                lps = np.array([-ras[0], -ras[1], ras[2]])
                idx = np.round(ours_inv(lps))
                worst_nii = max(worst_nii, float(np.linalg.norm(ours(*idx) - lps)))
        py_sums = sorted(r["sum"] for r in rows)
        nii_sums = sorted(float(data[:, :, k].sum()) for k in range(data.shape[2]))
        # NIfTI keeps scl_slope/scl_inter in float32: per voxel up to 2^-23 of the stored range's magnitude
        r0 = rows[0]
        tol = nx * ny * (abs(r0["inter"]) + 65535 * r0["slope"]) * 2.0 ** -23 if r0["slope"] != 1 else 0
        same = all(abs(a - b) <= tol for a, b in zip(py_sums, nii_sums))
        cls = {"1.2.840.10008.5.1.4.1.1.2": "CT Image", "1.2.840.10008.5.1.4.1.1.4": "MR Image", "1.2.840.10008.5.1.4.1.1.7": "Secondary Capture"}[rows[0]["cls"]]
        errors = 0
        for f in sorted(glob.glob(os.path.join(folder, "*.dcm"))):
            v = subprocess.run(["dciodvfy", f], capture_output=True, text=True)
            errors += sum(1 for line in (v.stdout + v.stderr).splitlines() if line.startswith("Error"))
        print("| %s | %d | %s | %.2g | %.2g | %s | %d |" % (os.path.basename(folder), len(rows), cls, worst_py, worst_nii, "yes" if same else "NO", errors))


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[2] == "--summary":
        summary(sys.argv[1], sys.argv[3])
    else:
        expected(sys.argv[1])
