package org.interslice.core.metrics;

/**
 * Overlap scores of a predicted label map against the truth on a set of scored slices
 * ({@link LabelMetrics#score}). Labels are the values that occur in the truth on the scored slices,
 * background excluded.
 *
 * @param labels        scored label values, increasing
 * @param dice          per label: 2 |T & P| / (|T| + |P|) pooled over all scored slices
 * @param meanDice      mean of {@code dice} over labels; NaN when no label is scored
 * @param minDice       smallest of {@code dice}; NaN when no label is scored
 * @param presentPairs  (label, scored slice) pairs where the label occurs in the truth
 * @param vanishedPairs of those, pairs where the prediction has no voxel of the label on that slice
 * @param slices        scored slice indices, in the order given
 * @param sliceLabels   per scored slice: labels present in the truth there
 * @param sliceVanished per scored slice: of those, labels the prediction lacks there
 * @param sliceDice     per scored slice: mean Dice over the labels present in the truth there (NaN if none)
 */
public record LabelScores(int[] labels, double[] dice, double meanDice, double minDice, long presentPairs, long vanishedPairs,
                          int[] slices, int[] sliceLabels, int[] sliceVanished, double[] sliceDice) {
    /** Fraction of (label, slice) pairs whose label is in the truth but predicted nowhere on that slice; NaN when none. */
    public double vanishedFraction() {
        return presentPairs == 0 ? Double.NaN : vanishedPairs / (double) presentPairs;
    }
}
