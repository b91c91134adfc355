package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;

/**
 * Copies the kept slice closest to each target (in kept-index units; a tie, e.g. the midpoint of K = 2,
 * takes the later slice, as {@code Interp.NEAREST} does). The staircase baseline.
 */
public final class NearestSynthesizer implements SliceSynthesizer {
    @Override
    public String name() {
        return "nearest";
    }

    /** Reads the two measured slices around a gap. */
    @Override
    public int reach() {
        return 1;
    }

    @Override
    public void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job) {
        SliceSynthesizer.check(kept, keptPositions, targets, out);
        final int plane = kept.nx() * kept.ny();
        job.forEachSlab(targets.length, t -> {
            int k = (int) Math.floor(SliceSynthesizer.fractionalIndex(keptPositions, targets[t]) + 0.5);
            System.arraycopy(kept.data(), k * plane, out.data(), t * plane, plane);
        });
    }
}
