package org.interslice.core.synth;

/**
 * Settings of an {@link Interpolator}: public fields with documented defaults, checked by {@link #check()}.
 * Exactly one of {@link #factor} and {@link #spacingMm} gives the new slice spacing.
 */
public final class ConfigInterpolate {
    /** Default method for images (registration-based morphing), looked up by name. */
    public static final String DEFAULT_IMAGE_METHOD = "morph";
    /** Default method for label maps (shape-based), looked up by name. */
    public static final String DEFAULT_LABEL_METHOD = "shape";

    /**
     * Synthesis method, a name from {@link SynthesisMethods}; null (default) means
     * {@link #DEFAULT_IMAGE_METHOD} for images and {@link #DEFAULT_LABEL_METHOD} for label maps. A method
     * without a label variant given for a label map is switched to the default label method (with a note).
     */
    public String method = null;

    /** New spacing = mean measured step / factor (e.g. 5 turns 5 mm slices into 1 mm ones); 0 (default) when {@link #spacingMm} is given. */
    public double factor = 0;

    /** New slice spacing in mm; 0 (default) when {@link #factor} is given. */
    public double spacingMm = 0;

    /** Slice axis 0, 1 or 2 (x, y, z index axis); -1 (default) picks the axis with the largest spacing (z on ties). */
    public int axis = -1;

    /**
     * Positions of the measured slices along the slice axis in mm, one per slice, strictly increasing
     * (serial sections; along z, distances between slice planes); null (default) takes them from the
     * geometry.
     */
    public double[] positionsMm = null;

    /** Treat the volume as a label map whatever it holds (else: flagged by its file or recognised). Default false. */
    public boolean forceLabels = false;

    /**
     * Largest float work buffer of synthesized slices handed to a method at once, bytes; consecutive
     * gaps are batched up to it (at least one gap per batch). Default 8 MiB: enough slices per batch for
     * the threads to share (a 512 x 512 slice is 1 MiB), small against the output.
     */
    public long batchBytes = 8L << 20;

    /** Throws IllegalArgumentException naming the first bad field; returns this. */
    public ConfigInterpolate check() {
        boolean byFactor = factor != 0, bySpacing = spacingMm != 0;
        if (byFactor == bySpacing) throw new IllegalArgumentException("give exactly one of factor and spacing");
        if (byFactor && (!(factor > 0) || Double.isInfinite(factor))) throw new IllegalArgumentException("factor " + factor + " must be positive and finite");
        if (byFactor && factor > 1000) throw new IllegalArgumentException("factor " + factor + " exceeds 1000");
        if (bySpacing && (!(spacingMm > 0) || Double.isInfinite(spacingMm))) throw new IllegalArgumentException("spacing " + spacingMm + " mm must be positive and finite");
        if (axis < -1 || axis > 2) throw new IllegalArgumentException("axis " + axis + " is not -1 (auto), 0, 1 or 2");
        if (batchBytes < 1) throw new IllegalArgumentException("batchBytes " + batchBytes + " must be positive");
        if (method != null && method.isBlank()) throw new IllegalArgumentException("method name is blank");
        return this;
    }
}
