package org.interslice.core.resample;

import org.interslice.core.volume.PixelType;

/**
 * Settings of a {@link Resampler}. Public fields with documented defaults; {@link #check()} validates
 * them and is called by the Resampler's constructor. Not thread-safe to modify while in use.
 */
public final class ConfigResample {
    /** Interpolator. Default {@link Interp#LINEAR}. */
    public Interp interp = Interp.LINEAR;

    /** B-spline order for {@link Interp#BSPLINE}, 1..5. Default 3 (cubic). Order 1 equals LINEAR. */
    public int order = 3;

    /** Lobes of the Lanczos kernel (kernel support is +-radius input voxels), 1..8. Default 3. */
    public int lanczosRadius = 3;

    /** Sigma of {@link Interp#GAUSSIAN}, in input voxels, (0, 16]. Default 0.5. Support is +-3 sigma. */
    public double gaussianSigmaVoxels = 0.5;

    /**
     * Sigma of {@link Interp#LABEL_GAUSSIAN}, in input voxels, (0, 16]. Default 0.5; support +-3 sigma.
     * The same on every axis whatever the spacing ratio: scaling it with the downsampling ratio was
     * measured to erase more small structures (2x2x2 voxel blobs) without improving larger ones.
     */
    public double labelSigmaVoxels = 0.5;

    /** Extension of the input past its edges for kernels that reach outside. Default {@link Boundary#NEAREST}. */
    public Boundary boundary = Boundary.NEAREST;

    /**
     * Gaussian anti-aliasing prefilter on axes that are downsampled (image interpolators other than
     * NEAREST). Default true. See {@link Resampler#antialiasSigma(double)} for the sigma.
     */
    public boolean antialias = true;

    /** Clamp B-spline and Lanczos overshoot to the input's value range. Default true. */
    public boolean clamp = true;

    /** Output pixel type; null (default) keeps the input's. Integer types round half away from zero and saturate. */
    public PixelType outputType = null;

    /** Value of output voxels outside the input box; NaN (default) means the input's minimum (air in CT). */
    public double defaultValue = Double.NaN;

    /** Allow an image interpolator on a volume flagged as a label map. Default false (IllegalArgumentException). */
    public boolean allowImageInterpOnLabels = false;

    /**
     * Refuse work whose estimated peak memory (see {@link Resampler#estimatePeakBytes}) exceeds this many
     * bytes; 0 (default) means the JVM's maximum heap ({@code Runtime.maxMemory()}).
     */
    public long maxMemoryBytes = 0;

    /**
     * Use the general (affine) path even when the separable one applies. Default false; for tests and
     * benchmarks comparing the two paths.
     */
    public boolean forceGeneralPath = false;

    /**
     * Most distinct labels LABEL_LINEAR and LABEL_GAUSSIAN accept: they run one pass per label, so an
     * image forced to labels (thousands of values) would take minutes. Default 1000; 0 means no limit.
     * LABEL_NEAREST has no limit.
     */
    public int maxLabels = 1000;

    /**
     * The most common label of the whole input, for {@link Interp#LABEL_GAUSSIAN} given a region of it (a
     * crop reads only the input box it needs): the label whose score is taken as one minus the others'
     * ({@link InputStats#background}). Null (default): counted from the volume given.
     */
    public Integer backgroundLabel = null;

    public ConfigResample() {}

    /** Shortcut: the defaults with the given interpolator. */
    public ConfigResample(Interp interp) {
        this.interp = interp;
    }

    /** Throws IllegalArgumentException naming the first bad field, its value and its limit. */
    public void check() {
        if (interp == null) throw new IllegalArgumentException("interp is null");
        if (boundary == null) throw new IllegalArgumentException("boundary is null");
        if (order < 1 || order > 5) throw new IllegalArgumentException("order = " + order + " must be in 1..5");
        if (lanczosRadius < 1 || lanczosRadius > 8) throw new IllegalArgumentException("lanczosRadius = " + lanczosRadius + " must be in 1..8");
        if (!(gaussianSigmaVoxels > 0 && gaussianSigmaVoxels <= 16))
            throw new IllegalArgumentException("gaussianSigmaVoxels = " + gaussianSigmaVoxels + " must be in (0, 16]");
        if (!(labelSigmaVoxels > 0 && labelSigmaVoxels <= 16))
            throw new IllegalArgumentException("labelSigmaVoxels = " + labelSigmaVoxels + " must be in (0, 16]");
        if (Double.isInfinite(defaultValue)) throw new IllegalArgumentException("defaultValue = " + defaultValue + " must be finite or NaN");
        if (maxLabels < 0) throw new IllegalArgumentException("maxLabels = " + maxLabels + " must be >= 0");
        if (maxMemoryBytes < 0) throw new IllegalArgumentException("maxMemoryBytes = " + maxMemoryBytes + " must be >= 0");
    }

    /** A copy with the same settings. */
    public ConfigResample copy() {
        ConfigResample c = new ConfigResample();
        c.interp = interp;
        c.order = order;
        c.lanczosRadius = lanczosRadius;
        c.gaussianSigmaVoxels = gaussianSigmaVoxels;
        c.labelSigmaVoxels = labelSigmaVoxels;
        c.boundary = boundary;
        c.antialias = antialias;
        c.clamp = clamp;
        c.outputType = outputType;
        c.defaultValue = defaultValue;
        c.allowImageInterpOnLabels = allowImageInterpOnLabels;
        c.maxMemoryBytes = maxMemoryBytes;
        c.forceGeneralPath = forceGeneralPath;
        c.maxLabels = maxLabels;
        c.backgroundLabel = backgroundLabel;
        return c;
    }
}
