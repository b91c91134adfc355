package org.interslice.ops;

/**
 * How an operation reads its input volumes; public fields with documented defaults, checked by
 * {@link #check()}. Shared by every operation's config.
 */
public final class ConfigInput {
    /**
     * Voxel spacing (mm, x y z) of image stacks (TIFF/PNG), which store none; null (default) assumes
     * 1 mm, and the operation then reports a note. Ignored by formats that state their spacing. The
     * command-line name is {@code --input-spacing}: {@code --spacing} always means output spacing.
     */
    public double[] inputSpacingMm = null;
    /** Which series of a DICOM folder: SeriesInstanceUID or SeriesNumber; null (default) reads the largest. */
    public String series = null;

    /**
     * Let a detached header (.nhdr, .mhd) read a data file outside its own folder; false (default) refuses
     * ({@link org.interslice.io.ReadOptions#allowOutsideData}).
     */
    public boolean allowOutsideData = false;
    /**
     * Bytes the readers may allocate (decoder buffers included), checked against each header before
     * allocating; 0 (default) means the Java heap limit.
     */
    public long maxBytes = 0;

    /** Throws IllegalArgumentException naming the first bad field. */
    public ConfigInput check() {
        if (inputSpacingMm != null) {
            if (inputSpacingMm.length != 3) throw new IllegalArgumentException("input spacing needs 3 values, got " + inputSpacingMm.length);
            for (double s : inputSpacingMm)
                if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("input spacing " + s + " mm must be positive and finite");
        }
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes = " + maxBytes + " must be >= 0");
        return this;
    }

    /** A copy (the spacing array is copied). */
    public ConfigInput copy() {
        ConfigInput c = new ConfigInput();
        c.inputSpacingMm = inputSpacingMm == null ? null : inputSpacingMm.clone();
        c.series = series;
        c.allowOutsideData = allowOutsideData;
        c.maxBytes = maxBytes;
        return c;
    }
}
