package org.interslice.io.dicom;

import java.nio.file.Path;
import java.util.List;

/**
 * What the reader keeps of one DICOM file: the attributes that place and decode its image, filled by
 * {@link DicomParser}. Absent numbers are NaN (doubles) or -1 (ints), absent strings null. Pixel bytes
 * are only present when the file was parsed for its pixels.
 */
final class DicomHeader {
    static final String DIRECTORY_SOP_CLASS = "1.2.840.10008.1.3.10";

    final Path file;
    String mediaStorageSopClass, sopClass, transferSyntaxUid;
    TransferSyntax syntax;
    String studyUid, seriesUid, seriesNumber, seriesDescription, modality, photometric;
    int instanceNumber = Integer.MIN_VALUE;
    double[] ipp, iop, pixelSpacing;
    double sliceThickness = Double.NaN, spacingBetweenSlices = Double.NaN, gantryTilt = Double.NaN;
    int rows = -1, columns = -1, bitsAllocated = -1, bitsStored = -1, highBit = -1, pixelRepresentation = -1;
    int samplesPerPixel = -1, numberOfFrames = -1;
    double slope = Double.NaN, intercept = Double.NaN;
    /** Grid Frame Offset Vector (3004,000C) of an RT Dose: each frame's offset along the normal, mm; null when absent. */
    double[] gridFrameOffsets;
    /** Declared length of the top-level Pixel Data element, -1 when the file has none (bytes left in the file when encapsulated). */
    long pixelLength = -1;
    /** True when the pixel data is encapsulated (a compressed transfer syntax). */
    boolean encapsulated;
    /** Attributes a derived series carries ({@link DicomSource#CARRIED}), as text. */
    java.util.Map<Integer, String> carried = new java.util.TreeMap<>();
    /** Pixel bytes (exactly rows*columns*bytes), only when parsed with pixels. */
    byte[] pixels;
    /** File offset of the pixel data's first byte; -1 when unknown (deflated). */
    long pixelOffset = -1;
    /** Functional groups (shared: one item; per frame: one item per frame) and the Dimension Index Sequence; null when absent. */
    List<FrameGroups> shared, perFrame, dimensions;
    /** Extended Offset Table (7FE0,0001) and its lengths (7FE0,0002); null when absent. */
    long[] extendedOffsets, extendedLengths;
    /** Where the fragments of encapsulated multi-frame pixel data lie (indexed when parsing); null otherwise. */
    FrameIndex fragments;
    /** For one frame of a multi-frame object: its index in the file (0-based) and the parsed multi-frame header it comes from; -1 and null for a single-frame file. */
    int frame = -1;
    DicomHeader source;
    /** Which stack of a multi-frame object this frame belongs to (non-spatial dimension values), "" for none. */
    String stackKey = "";
    /** Remarks about how this frame was placed, shown by info. */
    List<String> notes = List.of();

    DicomHeader(Path file) {
        this.file = file;
    }

    /** A copy (arrays shared: they are never changed after parsing). */
    DicomHeader copy() {
        DicomHeader c = new DicomHeader(file);
        c.mediaStorageSopClass = mediaStorageSopClass;
        c.sopClass = sopClass;
        c.transferSyntaxUid = transferSyntaxUid;
        c.syntax = syntax;
        c.studyUid = studyUid;
        c.seriesUid = seriesUid;
        c.seriesNumber = seriesNumber;
        c.seriesDescription = seriesDescription;
        c.modality = modality;
        c.photometric = photometric;
        c.instanceNumber = instanceNumber;
        c.ipp = ipp;
        c.iop = iop;
        c.pixelSpacing = pixelSpacing;
        c.sliceThickness = sliceThickness;
        c.spacingBetweenSlices = spacingBetweenSlices;
        c.gantryTilt = gantryTilt;
        c.rows = rows;
        c.columns = columns;
        c.bitsAllocated = bitsAllocated;
        c.bitsStored = bitsStored;
        c.highBit = highBit;
        c.pixelRepresentation = pixelRepresentation;
        c.samplesPerPixel = samplesPerPixel;
        c.numberOfFrames = numberOfFrames;
        c.slope = slope;
        c.intercept = intercept;
        c.gridFrameOffsets = gridFrameOffsets;
        c.carried = carried; // shared by the frames of a multi-frame object, never changed after parsing
        c.pixelLength = pixelLength;
        c.encapsulated = encapsulated;
        c.pixels = pixels;
        c.pixelOffset = pixelOffset;
        c.carried.putAll(carried);   // each frame of a multi-frame object carries its file's patient, study and SOP Instance UID
        return c;
    }

    /** The file name, with the frame number for a frame of a multi-frame object (for messages). */
    String label() {
        return file.getFileName() + (frame >= 0 ? " frame " + (frame + 1) : "");
    }

    /** True for a directory (DICOMDIR) or any file without top-level pixel data: nothing to stack. */
    boolean isImage() {
        if (DIRECTORY_SOP_CLASS.equals(mediaStorageSopClass) || DIRECTORY_SOP_CLASS.equals(sopClass)) return false;
        return pixelLength >= 0;
    }

    /** Rescale slope, 1 when absent. */
    double slopeOr1() {
        return Double.isFinite(slope) && slope != 0 ? slope : 1;
    }

    /** Rescale intercept, 0 when absent. */
    double interceptOr0() {
        return Double.isFinite(intercept) ? intercept : 0;
    }

    /** Bytes per stored sample. */
    int bytesPerSample() {
        return bitsAllocated / 8;
    }

    /** Unit slice normal: IOP row direction x column direction. */
    double[] normal() {
        double[] r = {iop[0], iop[1], iop[2]}, c = {iop[3], iop[4], iop[5]};
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        double l = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        for (int a = 0; a < 3; a++) n[a] /= l;
        return n;
    }
}
