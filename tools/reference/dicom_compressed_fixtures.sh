#!/bin/sh
# Compressed DICOM fixtures for DicomCompressedTest, encoded by Debian's dcmtk and GDCM (not by us).
#
# Usage (from the repo root; needs apt packages python3-pydicom, dcmtk, libgdcm-tools):
#     sh tools/reference/dicom_compressed_fixtures.sh
#
# 1. tools/reference/dicom_crop.py crops 3 slices of ../shared/data/ct-phantom/5mm (I130-I150) to
#    64x64 (rows 144-207, columns 128-191), keeping the geometry, into three uncompressed Explicit VR
#    Little Endian series: raw-u12 (the stored uint16 12-bit values, intercept -1024), raw-s16 (the
#    same HU as signed 16-bit, intercept 0) and raw-u8 (stored value / 8, 8-bit, for baseline JPEG).
# 2. Every raw series is encoded into every syntax the reader decodes, one folder per encoding
#    (NAME-of-raw/SYNTAX-TOOL). Lossless ones must read back equal to the raw series; lossy ones are
#    decoded again by `gdcmconv --raw` into a *-ref folder, the expected values (near-lossless JPEG-LS
#    also stays within NEAR = 2 of the raw series).
set -e
OUT=interslice-io/src/test/resources/org/interslice/io/dicom/compressed
rm -rf "$OUT"
mkdir -p "$OUT"
/usr/bin/python3 tools/reference/dicom_crop.py ../shared/data/ct-phantom/5mm "$OUT"

each() { # each SRC DST command... : runs "command IN OUT" on every file of SRC into DST
    src=$1; dst=$2; shift 2
    mkdir -p "$dst"
    for f in "$src"/*; do "$@" "$f" "$dst/$(basename "$f")" > /dev/null; done
}

for v in u12 s16; do
    R=$OUT/raw-$v
    each "$R" "$OUT/$v-rle-dcmtk" dcmcrle
    each "$R" "$OUT/$v-rle-gdcm" gdcmconv --rle
    each "$R" "$OUT/$v-jpeg57-dcmtk" dcmcjpeg --encode-lossless --selection-value 6
    each "$R" "$OUT/$v-jpeg70-dcmtk" dcmcjpeg --encode-lossless-sv1
    # several fragments per frame (1 KB each) behind a basic offset table
    each "$R" "$OUT/$v-jpeg70frag-dcmtk" dcmcjpeg --encode-lossless-sv1 --fragment-size 1
    each "$R" "$OUT/$v-jpeg70-gdcm" gdcmconv --jpeg
    each "$R" "$OUT/$v-j2k90-gdcm" gdcmconv --j2k
    each "$R" "$OUT/$v-jls80-dcmtk" dcmcjpls --encode-lossless
done
# near-lossless JPEG-LS (NEAR = 2): dcmtk refuses signed data for it
each "$OUT/raw-u12" "$OUT/u12-jls81-dcmtk" dcmcjpls --encode-nearlossless --max-deviation 2
# JPEG-LS of 8-bit samples (other default thresholds, longer runs)
each "$OUT/raw-u8" "$OUT/u8-jls80-dcmtk" dcmcjpls --encode-lossless
each "$OUT/raw-u8" "$OUT/u8-jls81-dcmtk" dcmcjpls --encode-nearlossless --max-deviation 2
# lossy: J2K (-K -Y -r 5: rate 5; gdcmconv asserts on the long --rate) of the 12-bit series, baseline and extended JPEG of the 8-bit one
each "$OUT/raw-u12" "$OUT/u12-j2k91-gdcm" gdcmconv -K -Y -r 5
each "$OUT/raw-u8" "$OUT/u8-jpeg50-dcmtk" dcmcjpeg --encode-baseline
each "$OUT/raw-u8" "$OUT/u8-jpeg51-dcmtk" dcmcjpeg --encode-extended
# 12-bit lossy JPEG (process 4)
each "$OUT/raw-u12" "$OUT/u12-jpeg51-dcmtk" dcmcjpeg --encode-extended
for l in u12-j2k91-gdcm u8-jpeg50-dcmtk u8-jpeg51-dcmtk u12-jls81-dcmtk u8-jls81-dcmtk; do
    each "$OUT/$l" "$OUT/$l-ref" gdcmconv --raw
done
# Debian's GDCM has no 12-bit libjpeg ("Unsupported JPEG data precision 12"): dcmtk's decoder is the reference
each "$OUT/u12-jpeg51-dcmtk" "$OUT/u12-jpeg51-dcmtk-ref" dcmdjpeg
# print the transfer syntax of each folder's first file, for the record
for d in "$OUT"/*/; do
    printf '%s %s\n' "$(basename "$d")" "$(dcmdump -M +P 0002,0010 "$d"/$(ls "$d" | head -1) | sed 's/.*\[\(.*\)\].*/\1/')"
done > "$OUT/SYNTAXES.txt"
du -sh "$OUT"
