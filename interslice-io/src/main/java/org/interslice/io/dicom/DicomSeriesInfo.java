package org.interslice.io.dicom;

import java.util.List;
import org.interslice.core.volume.Geometry;

/**
 * What {@code info} prints about one stack of DICOM slices (a series, or one part of a series whose
 * slices differ in orientation or size), measured from the headers only (no pixels read).
 *
 * @param seriesUid SeriesInstanceUID (0020,000E), "" when absent
 * @param seriesNumber SeriesNumber (0020,0011) as written, "" when absent
 * @param description SeriesDescription (0008,103E), "" when absent
 * @param modality Modality (0008,0060), "" when absent
 * @param slices number of slices (files) in the stack
 * @param columns image width (index i), rows image height (index j)
 * @param rows see columns
 * @param transferSyntax name and UID of the transfer syntax of the first slice
 * @param frames NumberOfFrames of the multi-frame object the slices are frames of (the largest, when
 *        several), 0 when they are single-frame files
 * @param stack which stack of a multi-frame object this is (its non-spatial dimension values, e.g.
 *        "Temporal Position Index 2"), "" when the object has one stack or the files are single-frame
 * @param geometry the grid the reader builds (LPS mm; sheared for gantry tilt, per-slice origins when uneven)
 * @param tiltDegrees measured angle between the stacking direction and the slice normal, degrees (0 = none)
 * @param declaredTiltDegrees GantryDetectorTilt (0018,1120) of the first slice, NaN when absent
 * @param uniform true when slices are evenly spaced (within the reader's tolerance)
 * @param stepsMm distances between consecutive slice positions (mm, sorted order) when not uniform; empty when uniform
 * @param notes remarks a user should see (MONOCHROME1 kept as stored, per-slice rescale, defaults used)
 */
public record DicomSeriesInfo(String seriesUid, String seriesNumber, String description, String modality,
                              int slices, int columns, int rows, String transferSyntax, int frames, String stack, Geometry geometry,
                              double tiltDegrees, double declaredTiltDegrees, boolean uniform,
                              List<Double> stepsMm, List<String> notes) {
    /** One line: number, description, slice count, size, multi-frame stack, UID. */
    public String summary() {
        return (seriesNumber.isEmpty() ? "?" : seriesNumber) + " '" + description + "' " + slices + " slices " + columns + "x" + rows
                + (stack.isEmpty() ? "" : " [" + stack + "]") + " (uid " + seriesUid + ")";
    }

    /** True when the slices are frames of a multi-frame (e.g. enhanced) object. */
    public boolean multiFrame() {
        return frames > 0;
    }
}
