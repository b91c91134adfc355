package org.interslice.core.synth;

/** Settings of {@link ShapeBasedLabels}; public fields with documented defaults, checked by {@link #check()}. */
public final class ConfigShape {
    /**
     * Signed distances are clamped to [-clampMm, clampMm]. It bounds how far a label's influence
     * reaches across a slice (a label far from a voxel on both slices is equally irrelevant at 20 mm
     * and at 200 mm) and gives a label that fills a whole slice a finite depth. Boundaries that move
     * less than this between two kept slices are interpolated exactly as without the clamp. Default 15 (chosen on the shared label maps, see README).
     */
    public double clampMm = 15;
    /**
     * Where an object that is on one kept slice and not on the next closes: the fraction of the gap at
     * which its deepest voxel meets deep background (distance {@link #clampMm} on the far slice), in
     * (0, 1). Default 0.5, the midpoint.
     */
    public double vanishAt = 0.5;
    /** Margin, in pixels, around each label's bounding box in which its distance map is computed (at least 1). Default 2. */
    public int marginPx = 2;
    /**
     * When a label present on a neighbour ends up with no voxel on a synthesized slice, give it back its
     * strongest voxel (largest interpolated signed distance) if it is present on both neighbours, or on
     * the nearer one (either one at the midpoint): thin structures do not vanish to a neighbour's
     * distance. Default true.
     */
    public boolean keepThin = true;

    /** Throws IllegalArgumentException naming the first bad field; returns this. */
    public ConfigShape check() {
        if (!(clampMm > 0) || Double.isInfinite(clampMm)) throw new IllegalArgumentException("clampMm = " + clampMm + " must be positive and finite");
        if (!(vanishAt > 0 && vanishAt < 1)) throw new IllegalArgumentException("vanishAt = " + vanishAt + " must be in (0, 1)");
        if (marginPx < 1 || marginPx > 1000) throw new IllegalArgumentException("marginPx = " + marginPx + " must be in [1, 1000]");
        return this;
    }

    /** A copy. */
    public ConfigShape copy() {
        ConfigShape c = new ConfigShape();
        c.clampMm = clampMm;
        c.marginPx = marginPx;
        c.vanishAt = vanishAt;
        c.keepThin = keepThin;
        return c;
    }
}
