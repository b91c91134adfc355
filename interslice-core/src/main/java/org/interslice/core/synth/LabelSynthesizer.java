package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.IntVolume;

/**
 * A slice-synthesis method for label maps: from a stack of measured label slices and their positions
 * along the slice axis it makes label slices at other positions. Every output voxel gets exactly one
 * label that occurs in the input (0 is background and competes like any label); no new values are made.
 *
 * <p>Same position convention as {@link SliceSynthesizer}: kept positions strictly increasing, targets
 * in any order; outside the kept range the nearest edge slice is repeated unless a method says otherwise.
 */
public interface LabelSynthesizer {
    /** Short lower-case name used in reports and on the command line, e.g. "shape". */
    String name();

    /**
     * Writes the synthesized label slice at {@code targets[t]} into slice t of {@code out}.
     *
     * @param kept          nx x ny x m measured label slices (m >= 2), not modified
     * @param keptPositions m strictly increasing positions of the kept slices, not modified
     * @param targets       positions to synthesize, same unit, not modified
     * @param out           nx x ny x targets.length, overwritten
     * @param job           threads, cancellation
     */
    void synthesize(IntVolume kept, double[] keptPositions, double[] targets, IntVolume out, Job job);

    /** Measured slices read on each side of a gap; see {@link SliceSynthesizer#reach()}. Default: all. */
    default int reach() {
        return Integer.MAX_VALUE;
    }
}
