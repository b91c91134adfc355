package org.interslice.core.resample;

import org.interslice.core.resample.impl.Voxels;
import org.interslice.core.volume.Volume;

/**
 * The values a resampling takes from the whole input rather than from the voxels under each output voxel:
 * its range (the default value outside the input is the minimum unless configured; B-spline and Lanczos
 * overshoot is clamped to [min, max]) and, for {@link Interp#LABEL_GAUSSIAN}, the most common label (its
 * score is not computed but taken as one minus the others'). A block of the output computed alone must
 * use the whole input's values, not its own region's, to equal the same voxels of the whole result: the
 * caller computes them once ({@link #of}, or by reducing over the blocks of a large input) and hands them
 * to every block.
 *
 * @param min smallest input value ignoring NaN (NaN when there is none)
 * @param max largest input value ignoring NaN (NaN when there is none)
 * @param background the most common label (ties: the smallest); only read by LABEL_GAUSSIAN
 */
public record InputStats(double min, double max, int background) {
    /**
     * The stats of a whole input as {@code config} needs them: the range only without a configured default
     * value or with a clamped B-spline (order 2+) or Lanczos (else NaN, NaN: a pass over the input saved
     * before the first output slab), the label count only for LABEL_GAUSSIAN without a configured
     * {@link ConfigResample#backgroundLabel}.
     */
    public static InputStats of(Volume whole, ConfigResample config) {
        boolean overshoot = (config.interp == Interp.BSPLINE && config.order >= 2) || config.interp == Interp.LANCZOS;
        boolean range = Double.isNaN(config.defaultValue) || (config.clamp && overshoot);
        double[] r = range ? Voxels.range(whole) : new double[] {Double.NaN, Double.NaN};
        int bg = config.interp != Interp.LABEL_GAUSSIAN ? 0 : config.backgroundLabel != null ? config.backgroundLabel : LabelCounts.of(whole);
        return new InputStats(r[0], r[1], bg);
    }

    /** The value outside the input box: the configured one, else the minimum (0 when there is none). */
    double defaultValue(ConfigResample config) {
        return Double.isNaN(config.defaultValue) ? (Double.isNaN(min) ? 0 : min) : config.defaultValue;
    }
}
