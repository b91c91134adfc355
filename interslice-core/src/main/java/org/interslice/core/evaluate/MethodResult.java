package org.interslice.core.evaluate;

import org.interslice.core.metrics.SliceMetrics;

/**
 * The scores of one method on one volume.
 *
 * @param method         method name (see {@link org.interslice.core.synth.SliceSynthesizer#name()})
 * @param rows           one row per scored slice, in the order of {@link VolumeResult#scored()}; the
 *                       row's slice index is the index in the scored truth (add
 *                       {@link VolumeResult#sliceOffset()} for the input's index)
 * @param synthSeconds   wall time of the synthesis
 * @param metricSeconds  wall time of the scoring
 * @param xz             the prediction on the {@link Planes} xz plane (clipped to the window if any)
 * @param yz             the prediction on the yz plane
 */
public record MethodResult(String method, SliceMetrics[] rows, double synthSeconds, double metricSeconds, float[] xz, float[] yz) {
}
