package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.resample.impl.Kernel;
import org.interslice.core.volume.FloatVolume;

/**
 * Lanczos-3 windowed sinc along the slice axis: each target is the weighted sum of the six measured
 * slices around it, weights sinc(d) sinc(d / 3) for the distance d in kept-index units, normalised to
 * sum to 1 (the resampling module's {@link Kernel#lanczos} kernel, reused). Past the ends of the stack
 * the edge slice repeats (as the resampler's NEAREST boundary). Positions map to fractional kept
 * indices by {@link SliceSynthesizer#fractionalIndex}, so on unevenly spaced stacks the kernel is in
 * index units. No clamping: the sinc's overshoot at edges is kept (integer outputs saturate on store).
 */
public final class LanczosSynthesizer implements SliceSynthesizer {
    /** Lobes of the kernel: support +-3 measured slices. */
    public static final int RADIUS = 3;

    @Override
    public String name() {
        return "lanczos";
    }

    /** Reads three measured slices on each side of a gap. */
    @Override
    public int reach() {
        return RADIUS;
    }

    @Override
    public void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job) {
        SliceSynthesizer.check(kept, keptPositions, targets, out);
        final int plane = kept.nx() * kept.ny(), m = kept.nz();
        final float[] src = kept.data(), dst = out.data();
        final Kernel kernel = Kernel.lanczos(RADIUS);
        job.forEachSlab(targets.length, s -> {
            double[] w = new double[kernel.taps];
            int j0 = kernel.weights(SliceSynthesizer.fractionalIndex(keptPositions, targets[s]), w);
            int o = s * plane;
            // fold taps that fall past the ends onto the edge slices (repeat the edge)
            double[] folded = new double[m];
            for (int t = 0; t < kernel.taps; t++) folded[Math.max(0, Math.min(m - 1, j0 + t))] += w[t];
            boolean first = true;
            for (int k = 0; k < m; k++) {
                if (folded[k] == 0) continue;
                float wk = (float) folded[k];
                int a = k * plane;
                if (first) {
                    for (int p = 0; p < plane; p++) dst[o + p] = wk * src[a + p];
                    first = false;
                } else {
                    for (int p = 0; p < plane; p++) dst[o + p] += wk * src[a + p];
                }
            }
        });
    }
}
