package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.IntVolume;

/**
 * Label-linear: each label's indicator (1 inside, 0 outside) blended linearly between the two kept
 * neighbours, and the label with the largest blend wins, ties to the lower label value. With two
 * neighbours that is: the label both agree on, else the nearer slice's label, and at the exact midpoint
 * the lower of the two labels. A baseline; it moves no boundary.
 */
public final class LabelLinearSynthesizer implements LabelSynthesizer {
    @Override
    public String name() {
        return "linear";
    }

    /** Reads one measured slice on each side of a gap. */
    public int reach() {
        return 1;
    }

    @Override
    public void synthesize(IntVolume kept, double[] keptPositions, double[] targets, IntVolume out, Job job) {
        LabelStack.check(kept, keptPositions, targets, out);
        final int plane = kept.nx() * kept.ny(), m = kept.nz();
        final int[] src = kept.data(), dst = out.data();
        job.forEachSlab(targets.length, s -> {
            double u = SliceSynthesizer.fractionalIndex(keptPositions, targets[s]);
            int i = Math.min((int) Math.floor(u), m - 2);
            double t = u - i;
            int a = i * plane, b = a + plane, o = s * plane;
            if (t < 0.5) {
                System.arraycopy(src, a, dst, o, plane);
            } else if (t > 0.5) {
                System.arraycopy(src, b, dst, o, plane);
            } else {
                for (int p = 0; p < plane; p++) dst[o + p] = Math.min(src[a + p], src[b + p]);
            }
        });
    }
}
