package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.IntVolume;

/**
 * Copies the kept label slice closest to each target; a tie (the midpoint of K = 2) takes the lower
 * (earlier) slice, the rule of the label peers in the project's baselines. The staircase baseline for
 * label maps. (The image method {@link NearestSynthesizer} breaks ties the other way, as resampling does.)
 */
public final class LabelNearestSynthesizer implements LabelSynthesizer {
    @Override
    public String name() {
        return "nearest";
    }

    /** Reads one measured slice on each side of a gap. */
    public int reach() {
        return 1;
    }

    @Override
    public void synthesize(IntVolume kept, double[] keptPositions, double[] targets, IntVolume out, Job job) {
        LabelStack.check(kept, keptPositions, targets, out);
        final int plane = kept.nx() * kept.ny();
        job.forEachSlab(targets.length, t -> {
            int k = (int) Math.ceil(SliceSynthesizer.fractionalIndex(keptPositions, targets[t]) - 0.5);
            System.arraycopy(kept.data(), k * plane, out.data(), t * plane, plane);
        });
    }
}
