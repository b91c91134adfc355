#!/usr/bin/python3
"""Crops 3 slices of the CT phantom to 64x64 uncompressed series (see dicom_compressed_fixtures.sh).

Usage: /usr/bin/python3 tools/reference/dicom_crop.py SRC_FOLDER OUT_FOLDER
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.uid import ExplicitVRLittleEndian

SLICES = ["I130", "I140", "I150"]
Y0, X0, N = 144, 128, 64


def crop(src, name):
    d = pydicom.dcmread(os.path.join(src, name))
    a = d.pixel_array[Y0:Y0 + N, X0:X0 + N].copy()
    # keep only public attributes (small files, nothing vendor-private)
    for t in [e.tag for e in d if e.tag.is_private]:
        del d[t]
    ps = [float(x) for x in d.PixelSpacing]
    iop = [float(x) for x in d.ImageOrientationPatient]
    ipp = [float(x) for x in d.ImagePositionPatient]
    # voxel (X0, Y0) of the original: X0 columns along the row direction, Y0 rows along the column direction
    d.ImagePositionPatient = [round(ipp[i] + X0 * ps[1] * iop[i] + Y0 * ps[0] * iop[3 + i], 6) for i in range(3)]
    d.Rows, d.Columns = N, N
    d.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    return d, a


def save(d, a, folder, name, series_suffix, desc):
    os.makedirs(folder, exist_ok=True)
    d.PixelData = a.tobytes()
    d.SeriesInstanceUID = d.SeriesInstanceUID + series_suffix
    d.SeriesDescription = desc
    d.save_as(os.path.join(folder, name), write_like_original=False)


def main(src, out):
    for name in SLICES:
        d, a = crop(src, name)
        assert d.BitsAllocated == 16 and d.BitsStored == 12 and d.PixelRepresentation == 0
        save(d, a.astype("<u2"), os.path.join(out, "raw-u12"), name, ".1", "phantom crop u12")

        d, a = crop(src, name)
        hu = a.astype(np.int32) * int(d.RescaleSlope) + int(d.RescaleIntercept)
        d.BitsStored, d.HighBit, d.PixelRepresentation = 16, 15, 1
        d.RescaleIntercept = 0
        for t in ["SmallestImagePixelValue", "LargestImagePixelValue"]:
            if t in d:
                delattr(d, t)
        save(d, hu.astype("<i2"), os.path.join(out, "raw-s16"), name, ".2", "phantom crop s16")

        d, a = crop(src, name)
        d.BitsAllocated, d.BitsStored, d.HighBit = 8, 8, 7
        d.RescaleSlope, d.RescaleIntercept = 8, -1024
        for t in ["SmallestImagePixelValue", "LargestImagePixelValue", "WindowCenter", "WindowWidth"]:
            if t in d:
                delattr(d, t)
        save(d, (a // 8).astype(np.uint8), os.path.join(out, "raw-u8"), name, ".3", "phantom crop u8")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
