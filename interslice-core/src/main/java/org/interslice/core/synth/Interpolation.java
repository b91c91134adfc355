package org.interslice.core.synth;

import java.util.List;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.volume.Volume;

/**
 * The result of {@link Interpolator#run}: the finer volume and how it was made (the provenance the
 * {@code interpolate} command writes beside it).
 *
 * @param volume the output: input type, in-plane grid untouched, {@link SlicePlan#size()} slices along the axis
 * @param plan   which output slice is which measured slice or between which two
 * @param method name of the synthesis method that made the synthesized slices
 * @param labels whether the input was taken for a label map, and why
 * @param notes  decisions worth telling the user (e.g. a method switched for a label map); may be empty
 */
public record Interpolation(Volume volume, SlicePlan plan, String method, LabelMaps.Reason labels, List<String> notes) {
    public Interpolation {
        notes = List.copyOf(notes);
    }

    /** True when label methods were used. */
    public boolean isLabel() {
        return labels != LabelMaps.Reason.IMAGE;
    }
}
