#!/bin/sh
# Multi-frame DICOM fixtures and expected values for DicomMultiFrameTest (issue 19 item 3).
#
# Usage (from the repo root; Debian packages python3-pydicom, python3-nibabel, dcmtk, libgdcm-tools, dcm2niix):
#     sh tools/reference/dicom_multiframe_fixtures.sh
#
# 1. tools/reference/dicom_multiframe_fixtures.py writes the uncompressed objects with pydicom (enhanced
#    CT, enhanced CT with shared groups overridden per frame, enhanced MR with two temporal positions,
#    multi-frame secondary capture; see its docstring).
# 2. The enhanced CT is compressed per frame by dcmtk and GDCM (one fragment per frame with a Basic
#    Offset Table; JPEG lossless in 1 KB fragments, several per frame) and re-encapsulated by pydicom
#    (Extended Offset Table; two fragments per frame without any offset table; Encapsulated Uncompressed
#    .1.98). The MR is compressed by dcmcjpls without an offset table.
# 3. tools/reference/dicom_multiframe_expected.py records dcm2niix's grid and values for the uncompressed
#    objects (and pydicom/numpy values for each temporal stack of the MR) in expected.txt.
set -e
OUT=interslice-io/src/test/resources/org/interslice/io/dicom/multiframe
rm -rf "$OUT"
mkdir -p "$OUT"
/usr/bin/python3 tools/reference/dicom_multiframe_fixtures.py ../shared/data "$OUT"
CT=$OUT/enh-ct.dcm
dcmcjpls --encode-lossless "$CT" "$OUT/enh-ct-jls.dcm"
dcmcrle "$CT" "$OUT/enh-ct-rle.dcm"
gdcmconv --j2k "$CT" "$OUT/enh-ct-j2k.dcm"
dcmcjpeg --encode-lossless-sv1 --fragment-size 1 "$CT" "$OUT/enh-ct-jpeg70frag.dcm"
for m in eot nobot2; do /usr/bin/python3 tools/reference/dicom_multiframe_encaps.py $m "$OUT/enh-ct-jls.dcm" "$OUT/enh-ct-jls-$m.dcm"; done
/usr/bin/python3 tools/reference/dicom_multiframe_encaps.py raw98 "$CT" "$OUT/enh-ct-raw98.dcm"
dcmcjpls --encode-lossless --offset-table-empty "$OUT/enh-mr-2t.dcm" "$OUT/enh-mr-2t-jls.dcm"
rm "$OUT/enh-ct-raw-frames.npy"
/usr/bin/python3 tools/reference/dicom_multiframe_expected.py "$OUT" > "$OUT/expected.txt"
du -sh "$OUT"
