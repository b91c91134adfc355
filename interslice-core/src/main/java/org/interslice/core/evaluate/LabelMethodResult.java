package org.interslice.core.evaluate;

import org.interslice.core.metrics.LabelScores;

/**
 * The scores of one label method on one label map.
 *
 * @param method        method name (see {@link org.interslice.core.synth.LabelSynthesizer#name()})
 * @param scores        Dice, minimum Dice, vanished fraction and per-slice values on the scored slices
 * @param synthSeconds  wall time of the synthesis
 * @param metricSeconds wall time of the scoring
 */
public record LabelMethodResult(String method, LabelScores scores, double synthSeconds, double metricSeconds) {
}
