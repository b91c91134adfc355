package org.interslice.core.resample.impl;

/**
 * How the image kernels store what they compute: the value of output voxels outside the input box, and
 * whether values are clamped to [lo, hi] first (B-spline and Lanczos overshoot). Both come from the whole
 * input (see InputStats), so a block stores its voxels as the whole volume does.
 */
public record Store(float defaultValue, boolean clamp, float lo, float hi) {
}
