package org.interslice.core.register;

/**
 * Settings of {@link TvL1Flow}, the TV-L1 optical flow of Zach, Pock and Bischof (2007). The defaults
 * are scikit-image's {@code optical_flow_tvl1} defaults, so with them the flow matches that reference.
 */
public final class ConfigFlow {
    /** Weight of the data term (lambda): larger follows intensities more closely, smaller is smoother. */
    public double attachment = 15;
    /** Coupling of the flow to its auxiliary variable (theta); also scales the dual step of the TV term. */
    public double tightness = 0.3;
    /** Image warps per pyramid level (the linearised data term is rebuilt after each). */
    public int warps = 5;
    /** Fixed-point iterations per warp. */
    public int iterations = 10;
    /** A level stops early when the flow moved less than this per pixel (mean squared change, pixels^2). */
    public double tolerance = 1e-4;
    /** No pyramid level is made smaller than this in either axis (scikit-image: 16, halving while > 32). */
    public int minSize = 16;
    /** At most this many pyramid levels. */
    public int maxLevels = 10;
    /**
     * Finest levels skipped: 0 solves on the full grid; 1 stops at half resolution and upsamples the flow
     * (4x less work for a smoother field).
     */
    public int skipFinest = 0;

    /** Throws IllegalArgumentException naming the first setting out of range. */
    public void check() {
        if (!(attachment > 0)) throw new IllegalArgumentException("attachment = " + attachment + " must be > 0");
        if (!(tightness > 0)) throw new IllegalArgumentException("tightness = " + tightness + " must be > 0");
        if (warps < 1) throw new IllegalArgumentException("warps = " + warps + " must be >= 1");
        if (iterations < 1) throw new IllegalArgumentException("iterations = " + iterations + " must be >= 1");
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance = " + tolerance + " must be >= 0");
        if (minSize < 2) throw new IllegalArgumentException("minSize = " + minSize + " must be >= 2");
        if (maxLevels < 1) throw new IllegalArgumentException("maxLevels = " + maxLevels + " must be >= 1");
        if (skipFinest < 0) throw new IllegalArgumentException("skipFinest = " + skipFinest + " must be >= 0");
    }

    /** A copy, so a caller can change settings without touching a configuration in use. */
    public ConfigFlow copy() {
        ConfigFlow c = new ConfigFlow();
        c.attachment = attachment;
        c.tightness = tightness;
        c.warps = warps;
        c.iterations = iterations;
        c.tolerance = tolerance;
        c.minSize = minSize;
        c.maxLevels = maxLevels;
        c.skipFinest = skipFinest;
        return c;
    }
}
