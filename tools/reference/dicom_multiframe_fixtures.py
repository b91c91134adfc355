#!/usr/bin/python3
"""Multi-frame DICOM fixtures for DicomMultiFrameTest, written by pydicom from the CT phantom and MR series.

Usage (from the repo root; Debian packages python3-pydicom, python3-numpy):
    /usr/bin/python3 tools/reference/dicom_multiframe_fixtures.py ../shared/data OUT_FOLDER

Writes (uncompressed, Explicit VR Little Endian; every frame a 48x48 crop):
  enh-ct.dcm        Enhanced CT Image Storage, 8 frames of ct-phantom/5mm (I100..I170, rows 144-191,
                    columns 128-175) stored in a shuffled order; Shared Functional Groups: Pixel Measures,
                    Plane Orientation, Pixel Value Transformation (intercept -1024); Per-Frame: Plane
                    Position, Frame Content (Dimension Index Values = Stack ID index, In-Stack Position);
                    Dimension Index Sequence: Stack ID, In-Stack Position Number.
  enh-ct-override.dcm  the same frames, but the Shared group also holds a wrong Plane Position and a wrong
                    Pixel Value Transformation (intercept 0), both overridden per frame by the right ones
                    (only our own test reads it: per-frame overrides shared).
  enh-mr-2t.dcm     Enhanced MR Image Storage, 6 frames of mr-dicom (1-051..1-056, rows 200-247, columns
                    220-267) x 2 temporal positions (the second = first + 100), frames interleaved
                    (t1 z1, t2 z1, t1 z2, ...); the orientation tilted 20 degrees about the row direction
                    (positions follow it), Plane Orientation and Pixel Measures per frame; Dimension Index
                    Sequence: Temporal Position Index, In-Stack Position Number.
  sc-mf.dcm         Multi-frame Grayscale Word Secondary Capture of the same 8 CT frames in order, no
                    functional groups: top-level ImagePositionPatient (first frame), ImageOrientationPatient,
                    PixelSpacing and SpacingBetweenSlices.
  enh-ct-raw-frames.npy  the 8 CT frames' stored values in file order (for the encapsulated variants below)
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

CT = ["I100", "I110", "I120", "I130", "I140", "I150", "I160", "I170"]
MR = ["1-%03d" % i for i in range(51, 57)]
N = 48
ROOT_UID = "1.2.826.0.1.3680043.8.498.77"  # our test prefix (pydicom's example root + fixed suffix)


def crop(path, y0, x0):
    d = pydicom.dcmread(path)
    a = d.pixel_array[y0:y0 + N, x0:x0 + N].astype("<u2")
    ps = [float(x) for x in d.PixelSpacing]
    iop = [float(x) for x in d.ImageOrientationPatient]
    ipp = [float(x) for x in d.ImagePositionPatient]
    ipp = [ipp[i] + x0 * ps[1] * iop[i] + y0 * ps[0] * iop[3 + i] for i in range(3)]
    return d, a, ps, iop, ipp


def base(src, sop_class, uid_suffix, frames):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = ROOT_UID + ".1." + uid_suffix
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = ROOT_UID + ".9"
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = ROOT_UID + ".2"
    ds.SeriesInstanceUID = ROOT_UID + ".3." + uid_suffix
    ds.FrameOfReferenceUID = ROOT_UID + ".4"
    ds.Modality = src.Modality
    ds.SeriesNumber = 900 + int(uid_suffix)
    ds.InstanceNumber = 1
    ds.SeriesDescription = "multi-frame fixture " + uid_suffix
    ds.PatientName, ds.PatientID = "PHANTOM", "FIXTURE"
    ds.StudyDate, ds.StudyTime = "20150206", "092815"
    ds.ContentDate, ds.ContentTime = "20150206", "092815"
    ds.AcquisitionDateTime = "20150206092815"
    ds.Manufacturer = "pydicom fixture"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL", "NONE"]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows = ds.Columns = N
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.NumberOfFrames = frames
    return ds


def item(**kw):
    d = Dataset()
    for k, v in kw.items():
        setattr(d, k, v)
    return d


def fmt(v):
    return [float("%.6f" % x) for x in v]


def enhanced_ct(root, out, override):
    frames = [crop(os.path.join(root, "ct-phantom/5mm", n), 144, 128) for n in CT]
    order = [3, 0, 6, 1, 7, 4, 2, 5]  # file order of the measured slices
    ds = base(frames[0][0], "1.2.840.10008.5.1.4.1.1.2.1", "2" if override else "1", len(frames))
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL", "NONE"]
    ds.DimensionOrganizationSequence = Sequence([item(DimensionOrganizationUID=ROOT_UID + ".5")])
    ds.DimensionIndexSequence = Sequence([
        item(DimensionOrganizationUID=ROOT_UID + ".5", DimensionIndexPointer=0x00209056, FunctionalGroupPointer=0x00209111),
        item(DimensionOrganizationUID=ROOT_UID + ".5", DimensionIndexPointer=0x00209057, FunctionalGroupPointer=0x00209111)])
    _, _, ps, iop, _ = frames[0]
    shared = item(
        PixelMeasuresSequence=Sequence([item(PixelSpacing=fmt(ps), SliceThickness=5, SpacingBetweenSlices=5)]),
        PlaneOrientationSequence=Sequence([item(ImageOrientationPatient=fmt(iop))]),
        PixelValueTransformationSequence=Sequence([item(RescaleIntercept=0 if override else -1024, RescaleSlope=1, RescaleType="HU")]))
    if override:
        shared.PlanePositionSequence = Sequence([item(ImagePositionPatient=[0, 0, 0])])
    per = []
    for k in order:
        f = item(PlanePositionSequence=Sequence([item(ImagePositionPatient=fmt(frames[k][4]))]),
                 FrameContentSequence=Sequence([item(StackID="1", InStackPositionNumber=k + 1, DimensionIndexValues=[1, k + 1])]))
        if override:
            f.PixelValueTransformationSequence = Sequence([item(RescaleIntercept=-1024, RescaleSlope=1, RescaleType="HU")])
        per.append(f)
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    ds.PerFrameFunctionalGroupsSequence = Sequence(per)
    stack = np.stack([frames[k][1] for k in order])
    ds.PixelData = stack.tobytes()
    name = "enh-ct-override.dcm" if override else "enh-ct.dcm"
    ds.save_as(os.path.join(out, name), write_like_original=False)
    if not override:
        np.save(os.path.join(out, "enh-ct-raw-frames.npy"), stack)


def rot_about(axis, v, deg):
    a = np.radians(deg)
    axis = np.asarray(axis, float) / np.linalg.norm(axis)
    v = np.asarray(v, float)
    return v * np.cos(a) + np.cross(axis, v) * np.sin(a) + axis * np.dot(axis, v) * (1 - np.cos(a))


def enhanced_mr(root, out):
    frames = [crop(os.path.join(root, "mr-dicom", n), 200, 220) for n in MR]
    ds = base(frames[0][0], "1.2.840.10008.5.1.4.1.1.4.1", "3", 2 * len(frames))
    ds.ImageType = ["ORIGINAL", "PRIMARY", "M", "NONE"]
    ds.DimensionOrganizationSequence = Sequence([item(DimensionOrganizationUID=ROOT_UID + ".6")])
    ds.DimensionIndexSequence = Sequence([
        item(DimensionOrganizationUID=ROOT_UID + ".6", DimensionIndexPointer=0x00209128, FunctionalGroupPointer=0x00209111),
        item(DimensionOrganizationUID=ROOT_UID + ".6", DimensionIndexPointer=0x00209057, FunctionalGroupPointer=0x00209111)])
    _, _, ps, iop, ipp0 = frames[0]
    row, col = np.array(iop[:3]), np.array(iop[3:])
    col = rot_about(row, col, 20)  # tilt the column direction (and with it the normal) about the row direction
    normal = np.cross(row, col)
    step = 1.5
    per, data = [], []
    for z in range(len(frames)):
        pos = np.array(ipp0) + z * step * normal
        for t in (1, 2):
            per.append(item(
                PlanePositionSequence=Sequence([item(ImagePositionPatient=fmt(pos))]),
                PlaneOrientationSequence=Sequence([item(ImageOrientationPatient=fmt(list(row) + list(col)))]),
                PixelMeasuresSequence=Sequence([item(PixelSpacing=fmt(ps), SliceThickness=step)]),
                FrameContentSequence=Sequence([item(TemporalPositionIndex=t, InStackPositionNumber=z + 1, DimensionIndexValues=[t, z + 1])])))
            data.append(frames[z][1] + (100 if t == 2 else 0))
    ds.SharedFunctionalGroupsSequence = Sequence([item()])
    ds.PerFrameFunctionalGroupsSequence = Sequence(per)
    ds.PixelData = np.stack(data).astype("<u2").tobytes()
    ds.save_as(os.path.join(out, "enh-mr-2t.dcm"), write_like_original=False)


def secondary_capture(root, out):
    frames = [crop(os.path.join(root, "ct-phantom/5mm", n), 144, 128) for n in CT]
    ds = base(frames[0][0], "1.2.840.10008.5.1.4.1.1.7.3", "4", len(frames))
    ds.ImageType = ["DERIVED", "SECONDARY"]
    ds.ConversionType = "WSD"
    _, _, ps, iop, ipp = frames[0]
    ds.ImagePositionPatient = fmt(ipp)
    ds.ImageOrientationPatient = fmt(iop)
    ds.PixelSpacing = fmt(ps)
    ds.SliceThickness = 5
    ds.SpacingBetweenSlices = 5
    ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    ds.PixelData = np.stack([f[1] for f in frames]).tobytes()
    ds.save_as(os.path.join(out, "sc-mf.dcm"), write_like_original=False)


def main(root, out):
    os.makedirs(out, exist_ok=True)
    enhanced_ct(root, out, False)
    enhanced_ct(root, out, True)
    enhanced_mr(root, out)
    secondary_capture(root, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
