package org.interslice.ops.report;

import org.interslice.core.exec.Job;
import org.interslice.core.synth.Interpolation;
import org.interslice.core.synth.SlicePlan;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.synth.impl.SliceAccess;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Volume;

/**
 * Slices an {@code interpolate} run already made, served as a {@link SliceSynthesizer}, so that
 * {@code evaluate} scores the very volume that was written (and the demo does not run a method twice).
 * A target must fall on an output slice of the run (within 1e-6 of a measured index); the kept stack must
 * be the run's input slices.
 */
public final class Replay implements SliceSynthesizer {
    private final String name;
    private final Volume output;
    private final SlicePlan plan;

    /** @param name the method that made {@code r}, reported as this synthesizer's name */
    public Replay(String name, Interpolation r) {
        this.name = name;
        this.output = r.volume();
        this.plan = r.plan();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job) {
        SliceSynthesizer.check(kept, keptPositions, targets, out);
        if (kept.nz() != plan.measuredCount() || plan.axis() != 2 || kept.nx() != output.nx() || kept.ny() != output.ny())
            throw new IllegalArgumentException("the kept stack " + kept.nx() + "x" + kept.ny() + "x" + kept.nz() + " is not the input of the replayed run");
        int plane = kept.nx() * kept.ny();
        for (int s = 0; s < targets.length; s++) {
            double u = SliceSynthesizer.fractionalIndex(keptPositions, targets[s]);
            int lo = 0, hi = plan.size() - 1;   // fractionalIndex(j) increases with j
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (plan.fractionalIndex(mid) <= u) lo = mid; else hi = mid;
            }
            int j = Math.abs(plan.fractionalIndex(hi) - u) < Math.abs(plan.fractionalIndex(lo) - u) ? hi : lo;
            if (Math.abs(plan.fractionalIndex(j) - u) > 1e-6)
                throw new IllegalArgumentException("no slice of the replayed run at measured index " + u);
            SliceAccess.toFloat(output, 2, j, out.data(), s * plane);
        }
    }
}
