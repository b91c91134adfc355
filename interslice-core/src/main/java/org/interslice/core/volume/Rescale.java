package org.interslice.core.volume;

/**
 * Applies a file's intensity rescale (value = slope * stored + intercept) so that volumes hold physical
 * values (HU for CT). The result keeps an integer type when slope and intercept are integers and the
 * rescaled range fits one; otherwise it is float32 (float64 for float64 input).
 */
public final class Rescale {
    private static final PixelType[] INTEGER_PREFERENCE = {
        PixelType.UINT8, PixelType.INT8, PixelType.UINT16, PixelType.INT16, PixelType.UINT32, PixelType.INT32};

    private Rescale() {}

    /** True when (slope, intercept) changes nothing: slope 0 or NaN counts as "no rescale", as in NIfTI. */
    public static boolean isIdentity(double slope, double intercept) {
        return !Double.isFinite(slope) || slope == 0 || (slope == 1 && (intercept == 0 || !Double.isFinite(intercept)));
    }

    /**
     * Returns {@code v} rescaled; {@code v} itself when the rescale is the identity. Never modifies v.
     */
    public static Volume apply(Volume v, double slope, double intercept) {
        if (isIdentity(slope, intercept)) return v;
        if (!Double.isFinite(intercept)) intercept = 0;
        PixelType target;
        double[] r = v.range();
        double a = slope * r[0] + intercept, b = slope * r[1] + intercept;
        double lo = Math.min(a, b), hi = Math.max(a, b);
        if (v.type().integer && slope == Math.rint(slope) && intercept == Math.rint(intercept)) {
            target = PixelType.FLOAT64;
            // prefer the stored type's own width and signedness, then the smallest that holds
            if (v.type().holds(lo, hi)) target = v.type();
            else for (PixelType t : INTEGER_PREFERENCE) if (t.bytes >= v.type().bytes && t.holds(lo, hi)) { target = t; break; }
        } else {
            target = v.type() == PixelType.FLOAT64 || v.type() == PixelType.INT32 || v.type() == PixelType.UINT32 ? PixelType.FLOAT64 : PixelType.FLOAT32;
        }
        Volume out = Volume.allocate(target, v.nx(), v.ny(), v.nz(), v.geometry()).with(v.geometry(), v.isLabel());
        // typed loops over runs of voxels, no get/set per voxel; same values as out.set(i, slope * v.get(i) + intercept)
        VoxelRows.affine(v, slope, intercept, out);
        return out;
    }
}
