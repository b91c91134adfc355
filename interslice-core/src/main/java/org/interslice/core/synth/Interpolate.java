package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.Volume;

/**
 * One-shot slice interpolation along the slice axis (the axis with the largest spacing) with default
 * settings; for other settings (axis, positions of serial sections, batch size) or a job of your own,
 * build an {@link Interpolator} from a {@link ConfigInterpolate}. Measured slices are kept bit for bit;
 * the input is never modified. Calls without a {@link Job} use all cores.
 *
 * <pre>{@code
 * Volume thin = Interpolate.byFactor(ct5mm, 5, "linear").volume();       // 5 mm -> 1 mm, linear
 * Interpolation r = Interpolate.bySpacing(ct5mm, 1.0, null);              // default method: morph (images), shape (labels)
 * }</pre>
 */
public final class Interpolate {
    private Interpolate() {
    }

    /**
     * New spacing = mean measured step / factor.
     *
     * @param method a name from {@link SynthesisMethods}; null for the default of the volume's kind
     */
    public static Interpolation byFactor(Volume v, double factor, String method) {
        ConfigInterpolate c = new ConfigInterpolate();
        c.factor = factor;
        c.method = method;
        return run(v, c);
    }

    /**
     * New slice spacing in mm.
     *
     * @param method a name from {@link SynthesisMethods}; null for the default of the volume's kind
     */
    public static Interpolation bySpacing(Volume v, double spacingMm, String method) {
        ConfigInterpolate c = new ConfigInterpolate();
        c.spacingMm = spacingMm;
        c.method = method;
        return run(v, c);
    }

    /** With explicit settings, on all cores (a pool made for this call and shut down after it). */
    public static Interpolation run(Volume v, ConfigInterpolate config) {
        try (Job job = Job.defaults()) {
            return new Interpolator(config).run(v, job);
        }
    }
}
