package org.interslice.core.resample;

/**
 * How the output grid is asked for, before the input is known: exactly one way (spacing, size, like a
 * reference, isotropic, or the input's own grid), whether to keep the origin instead of the box centre,
 * and an optional crop applied to the resulting grid. {@link #resolve} turns it into a {@link Grid}.
 * A sheared (gantry-tilted) input grid is first replaced by {@link Grid#orthogonal()} unless
 * {@link #keepShear(boolean)} is set (the option {@code --keep-shear} of the commands).
 * Immutable; the {@code with} methods return new specs. The shape of the CLI's {@code resample} options.
 */
public final class GridSpec {
    /** The one way the grid is given. */
    public enum Mode { SAME, SPACING, SIZE, LIKE, ISOTROPIC }

    private final Mode mode;
    private final double[] spacingMm;
    private final int[] size;
    private final Grid like;
    private final double scale;
    private final boolean keepOrigin;
    private boolean keepShear;
    private final int[] cropLo, cropHi;
    private final double[] cropA, cropB;

    private GridSpec(Mode mode, double[] spacingMm, int[] size, Grid like, double scale, boolean keepOrigin,
                     int[] cropLo, int[] cropHi, double[] cropA, double[] cropB) {
        this.mode = mode;
        this.spacingMm = spacingMm;
        this.size = size;
        this.like = like;
        this.scale = scale;
        this.keepOrigin = keepOrigin;
        this.cropLo = cropLo;
        this.cropHi = cropHi;
        this.cropA = cropA;
        this.cropB = cropB;
    }

    /** The input's own grid (useful with a crop). */
    public static GridSpec same() {
        return new GridSpec(Mode.SAME, null, null, null, 1, false, null, null, null, null);
    }

    /** One spacing (mm) for all axes, or three (x, y, z). */
    public static GridSpec spacing(double... spacingMm) {
        if (spacingMm.length == 1) spacingMm = new double[] {spacingMm[0], spacingMm[0], spacingMm[0]};
        if (spacingMm.length != 3) throw new IllegalArgumentException("spacing needs 1 or 3 values, got " + spacingMm.length);
        return new GridSpec(Mode.SPACING, spacingMm.clone(), null, null, 1, false, null, null, null, null);
    }

    /** Size in voxels, x y z, each 1..65536 (checked when resolved). */
    public static GridSpec size(int... size) {
        if (size.length != 3) throw new IllegalArgumentException("size needs 3 values, got " + size.length);
        return new GridSpec(Mode.SIZE, null, size.clone(), null, 1, false, null, null, null, null);
    }

    /** A reference grid, copied as is (keepOrigin has no effect). */
    public static GridSpec like(Grid reference) {
        if (reference == null) throw new IllegalArgumentException("reference grid is null");
        return new GridSpec(Mode.LIKE, null, null, reference, 1, false, null, null, null, null);
    }

    /** Every axis gets the smallest input spacing times scale. */
    public static GridSpec isotropic(double scale) {
        return new GridSpec(Mode.ISOTROPIC, null, null, null, scale, false, null, null, null, null);
    }

    public Mode mode() {
        return mode;
    }

    /** Keep the first voxel centre (SimpleITK) instead of the box centre (default). */
    public GridSpec keepOrigin(boolean keep) {
        return new GridSpec(mode, spacingMm, size, like, scale, keep, cropLo, cropHi, cropA, cropB).shear(keepShear);
    }

    /**
     * Keep a sheared input grid's shear (true), or derive the output from {@link Grid#orthogonal()}
     * (false, the default). Has no effect with {@link #like} (the reference is copied) or on orthogonal inputs.
     */
    public GridSpec keepShear(boolean keep) {
        return new GridSpec(mode, spacingMm, size, like, scale, keepOrigin, cropLo, cropHi, cropA, cropB).shear(keep);
    }

    /** True when {@link #keepShear(boolean)} was set. */
    public boolean keepsShear() {
        return keepShear;
    }

    /** True when resolving against {@code input} replaces it by its orthogonal grid. */
    public boolean deshears(Grid input) {
        return !keepShear && mode != Mode.LIKE && input.isSheared();
    }

    private GridSpec shear(boolean keep) {
        keepShear = keep;
        return this;
    }

    /** Crop the resolved grid to voxels lo <= i < hi per axis (see {@link Grid#crop}). */
    public GridSpec cropIndex(int[] lo, int[] hi) {
        return new GridSpec(mode, spacingMm, size, like, scale, keepOrigin, lo.clone(), hi.clone(), null, null).shear(keepShear);
    }

    /** Crop the resolved grid to a world box given by two LPS corners, mm (see {@link Grid#cropMm}). */
    public GridSpec cropMm(double[] cornerALps, double[] cornerBLps) {
        return new GridSpec(mode, spacingMm, size, like, scale, keepOrigin, null, null, cornerALps.clone(), cornerBLps.clone()).shear(keepShear);
    }

    /** The output grid for an input grid; throws IllegalArgumentException naming a bad value. */
    public Grid resolve(Grid input) {
        if (deshears(input)) input = input.orthogonal();
        Grid g;
        switch (mode) {
            case SAME: g = input; break;
            case SPACING: g = input.withSpacing(spacingMm, keepOrigin); break;
            case SIZE: g = input.withSize(size, keepOrigin); break;
            case LIKE: g = like; break;
            case ISOTROPIC: g = input.isotropic(scale, keepOrigin); break;
            default: throw new AssertionError(mode);
        }
        if (cropLo != null) g = g.crop(cropLo, cropHi);
        if (cropA != null) g = g.cropMm(cropA, cropB);
        return g;
    }
}
