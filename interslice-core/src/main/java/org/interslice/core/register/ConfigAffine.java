package org.interslice.core.register;

/** Settings of {@link AffineRegistration}; public fields with documented defaults, checked by {@link #check()}. */
public final class ConfigAffine {
    /** What is minimised. Default MSE. */
    public AffineMetric metric = AffineMetric.MSE;
    /** Pyramid levels below the full resolution; -1 (default): as many as keep the coarsest level at least 32 pixels wide. */
    public int levels = -1;
    /** Most Levenberg-Marquardt iterations per level (accepted or rejected steps). Default 100. */
    public int maxIterations = 100;
    /** Stop a level when no pixel of the image moves by more than this many pixels in one step. Default 1e-3. */
    public double tolerancePx = 1e-3;
    /**
     * The least fraction of the fixed image's pixels a transform must map inside the moving image: a trial step
     * below it is rejected (more damping); a level that starts below it fails. Default 0.25.
     */
    public double minOverlap = 0.25;

    /** Throws IllegalArgumentException naming the first bad field; returns this. */
    public ConfigAffine check() {
        if (metric == null) throw new IllegalArgumentException("no registration metric");
        if (levels < -1 || levels > 12) throw new IllegalArgumentException("levels " + levels + " outside [-1, 12]");
        if (maxIterations < 1 || maxIterations > 100_000) throw new IllegalArgumentException("maxIterations " + maxIterations + " outside [1, 100000]");
        if (!(tolerancePx > 0) || !Double.isFinite(tolerancePx)) throw new IllegalArgumentException("tolerancePx " + tolerancePx + " must be > 0");
        if (!(minOverlap > 0 && minOverlap <= 1)) throw new IllegalArgumentException("minOverlap " + minOverlap + " outside (0, 1]");
        return this;
    }

    /** A copy. */
    public ConfigAffine copy() {
        ConfigAffine c = new ConfigAffine();
        c.metric = metric;
        c.levels = levels;
        c.maxIterations = maxIterations;
        c.tolerancePx = tolerancePx;
        c.minOverlap = minOverlap;
        return c;
    }
}
