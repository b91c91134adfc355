package org.interslice.core.register;

/** What {@link AffineRegistration} minimises. */
public enum AffineMetric {
    /** Mean squared difference of the two images (same intensity scale expected). */
    MSE,
    /**
     * Normalised cross-correlation: the mean squared difference after the best gain and offset of the moving
     * image (refitted every iteration), whose minimum is the maximum of the correlation; for pairs whose
     * brightness or contrast differs.
     */
    NCC
}
