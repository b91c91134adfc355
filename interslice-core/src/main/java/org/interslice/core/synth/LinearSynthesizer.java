package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;

/**
 * Two-point linear interpolation along the slice axis between the kept neighbours of each target:
 * a + t (b - a). That form is exact in float for integer data and dyadic t (K = 2, 4), so a volume
 * linear along the axis is reconstructed exactly.
 */
public final class LinearSynthesizer implements SliceSynthesizer {
    @Override
    public String name() {
        return "linear";
    }

    /** Reads the two measured slices around a gap. */
    @Override
    public int reach() {
        return 1;
    }

    @Override
    public void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job) {
        SliceSynthesizer.check(kept, keptPositions, targets, out);
        final int plane = kept.nx() * kept.ny(), m = kept.nz();
        final float[] src = kept.data(), dst = out.data();
        job.forEachSlab(targets.length, s -> {
            double u = SliceSynthesizer.fractionalIndex(keptPositions, targets[s]);
            int i = Math.min((int) Math.floor(u), m - 2);
            float t = (float) (u - i);
            int a = i * plane, b = a + plane, o = s * plane;
            if (t == 0f) {
                System.arraycopy(src, a, dst, o, plane);
                return;
            }
            for (int p = 0; p < plane; p++) {
                float va = src[a + p];
                dst[o + p] = va + t * (src[b + p] - va);
            }
        });
    }
}
