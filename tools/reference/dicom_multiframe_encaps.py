#!/usr/bin/python3
"""Re-encapsulates the frames of a compressed multi-frame DICOM file in other layouts (pydicom).

Usage: /usr/bin/python3 tools/reference/dicom_multiframe_encaps.py MODE IN OUT
  eot     one fragment per frame, empty Basic Offset Table, Extended Offset Table (7FE0,0001/0002)
  nobot2  two fragments per frame, empty Basic Offset Table (frames told apart by their EOI markers)
  raw98   IN uncompressed: its frames as fragments in Encapsulated Uncompressed Explicit VR Little
          Endian (1.2.840.10008.1.2.1.98), one fragment per frame, with a Basic Offset Table
"""
import sys

import pydicom
from pydicom.encaps import encapsulate, encapsulate_extended, generate_pixel_data_frame


def main(mode, src, dst):
    d = pydicom.dcmread(src)
    n = int(d.NumberOfFrames)
    if mode == "raw98":
        size = d.Rows * d.Columns * d.BitsAllocated // 8
        frames = [d.PixelData[k * size:(k + 1) * size] for k in range(n)]
        d.PixelData = encapsulate(frames, 1, True)
        d.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.1.98"
    else:
        frames = list(generate_pixel_data_frame(d.PixelData, n))
        if mode == "eot":
            d.PixelData, d.ExtendedOffsetTable, d.ExtendedOffsetTableLengths = encapsulate_extended(frames)
        elif mode == "nobot2":
            d.PixelData = encapsulate(frames, 2, False)
        else:
            sys.exit("unknown mode " + mode)
    d["PixelData"].is_undefined_length = True
    d["PixelData"].VR = "OB"
    d.save_as(dst, write_like_original=False)


if __name__ == "__main__":
    main(*sys.argv[1:4])
