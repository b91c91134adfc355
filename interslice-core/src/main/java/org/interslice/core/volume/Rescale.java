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
        double[] r = v.range();
        return apply(v, slope, intercept, targetType(v.type(), r[0], r[1], slope, intercept));
    }

    /**
     * The type rescaled values get when the stored values span [lo, hi]: the stored type itself when
     * the rescale is the identity. A caller that knows only the stored type (a region read, which must
     * give every region the same type) passes the type's own range.
     */
    public static PixelType targetType(PixelType stored, double lo, double hi, double slope, double intercept) {
        if (isIdentity(slope, intercept)) return stored;
        if (!Double.isFinite(intercept)) intercept = 0;
        double a = slope * lo + intercept, b = slope * hi + intercept;
        double min = Math.min(a, b), max = Math.max(a, b);
        if (stored.integer && slope == Math.rint(slope) && intercept == Math.rint(intercept)) {
            // prefer the stored type's own width and signedness, then the smallest that holds
            if (stored.holds(min, max)) return stored;
            for (PixelType t : INTEGER_PREFERENCE) if (t.bytes >= stored.bytes && t.holds(min, max)) return t;
            return PixelType.FLOAT64;
        }
        return stored == PixelType.FLOAT64 || stored == PixelType.INT32 || stored == PixelType.UINT32 ? PixelType.FLOAT64 : PixelType.FLOAT32;
    }

    /** {@code v} rescaled into a new volume of type {@code target} (v itself for the identity). */
    public static Volume apply(Volume v, double slope, double intercept, PixelType target) {
        if (isIdentity(slope, intercept)) return v;
        if (!Double.isFinite(intercept)) intercept = 0;
        Volume out = Volume.allocate(target, v.nx(), v.ny(), v.nz(), v.geometry()).with(v.geometry(), v.isLabel());
        // typed loops over runs of voxels, no get/set per voxel; same values as out.set(i, slope * v.get(i) + intercept)
        VoxelRows.affine(v, slope, intercept, out);
        return out;
    }
}
