package org.interslice.io.dicom;

import java.nio.file.Path;

/**
 * The attributes the reader keeps from one item of a functional groups sequence (PS3.3 C.7.6.16): the
 * Shared Functional Groups item or one frame's Per-Frame Functional Groups item, flattened over the
 * macros it holds (Plane Position, Plane Orientation, Pixel Measures, Pixel Value Transformation,
 * Frame Content). Also one item of the Dimension Index Sequence (its two pointers). Absent numbers
 * are NaN or -1, absent arrays and strings null.
 */
final class FrameGroups {
    double[] ipp, iop, pixelSpacing;
    double sliceThickness = Double.NaN, spacingBetweenSlices = Double.NaN, slope = Double.NaN, intercept = Double.NaN;
    /** Frame Content: Dimension Index Values (0020,9157), one per Dimension Index Sequence item. */
    long[] dimensionValues;
    /** Frame Content: Stack ID (0020,9056). */
    String stackId;
    /** Frame Content: In-Stack Position Number (0020,9057) and Temporal Position Index (0020,9128). */
    long inStackPosition = -1, temporalIndex = -1;
    /** Dimension Index Sequence item: Dimension Index Pointer (0020,9165) and Functional Group Pointer (0020,9167) tags. */
    int indexPointer = -1, groupPointer = -1;

    /** {@code a} when present (not null), else {@code b}. */
    static double[] first(double[] a, double[] b) {
        return a != null ? a : b;
    }

    /** {@code a} when present (not NaN), else {@code b}. */
    static double first(double a, double b) {
        return !Double.isNaN(a) ? a : b;
    }

    /** The functional group macros read (PS3.3 C.7.6.16.2): Plane Position/Orientation, Pixel Measures, Pixel Value Transformation, Frame Content. */
    static boolean macro(int tag) {
        return tag == 0x00209113 || tag == 0x00209116 || tag == 0x00289110 || tag == 0x00289145 || tag == 0x00209111;
    }

    /** The attributes kept from those macros and from Dimension Index Sequence items. */
    static boolean kept(int tag) {
        switch (tag) {
            case 0x00200032: case 0x00200037: case 0x00280030: case 0x00180050: case 0x00180088: case 0x00281052: case 0x00281053:
            case 0x00209056: case 0x00209057: case 0x00209128: case 0x00209157: case 0x00209165: case 0x00209167:
                return true;
            default:
                return false;
        }
    }

    /** Stores a {@link #kept} attribute's value (binary values in the given byte order). */
    void store(Path file, boolean bigEndian, int tag, String vr, byte[] v) {
        switch (tag) {
            case 0x00200032: ipp = DicomValues.numbers(file, tag, v, 3); break;
            case 0x00200037: iop = DicomValues.numbers(file, tag, v, 6); break;
            case 0x00280030: pixelSpacing = DicomValues.numbers(file, tag, v, 2); break;
            case 0x00180050: sliceThickness = DicomValues.number(file, tag, v); break;
            case 0x00180088: spacingBetweenSlices = DicomValues.number(file, tag, v); break;
            case 0x00281052: intercept = DicomValues.number(file, tag, v); break;
            case 0x00281053: slope = DicomValues.number(file, tag, v); break;
            case 0x00209056: stackId = DicomValues.text(v); break;
            case 0x00209057: inStackPosition = DicomValues.unsigned(file, bigEndian, tag, vr, v)[0]; break;
            case 0x00209128: temporalIndex = DicomValues.unsigned(file, bigEndian, tag, vr, v)[0]; break;
            case 0x00209157: dimensionValues = DicomValues.unsigned(file, bigEndian, tag, vr, v); break;
            case 0x00209165: indexPointer = DicomValues.attribute(file, bigEndian, tag, v); break;
            default: groupPointer = DicomValues.attribute(file, bigEndian, tag, v); break;
        }
    }
}
