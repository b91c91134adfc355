package org.interslice.core.evaluate;

import java.util.List;

/**
 * Everything {@link LabelEvaluator} measured on one label map.
 *
 * @param name           label of the input (e.g. its file name)
 * @param mode           DROP or SELF
 * @param factor         K
 * @param nx             columns
 * @param ny             rows
 * @param nz             slices of the cut truth
 * @param inputSlices    slices of the input before cutting
 * @param sliceSpacingMm truth slice spacing, mm
 * @param scored         held-out slice indices, increasing
 * @param methods        per-method scores, in the order the methods were given
 */
public record LabelVolumeResult(String name, VolumeResult.Mode mode, int factor, int nx, int ny, int nz, int inputSlices,
                                double sliceSpacingMm, int[] scored, List<LabelMethodResult> methods) {
    /** The scores of the named method, or null. */
    public LabelMethodResult method(String name) {
        for (LabelMethodResult m : methods) if (m.method().equals(name)) return m;
        return null;
    }
}
