package org.interslice.core.resample;

import org.interslice.core.volume.Volume;

/**
 * Told when output z slices are final, so that a caller can consume them (e.g. write them to a file)
 * while later slices are computed. Calls come from the thread that called
 * {@link Resampler#resample(Volume, Grid, SlabListener, org.interslice.core.exec.Job)}, in increasing z order, with ranges that
 * tile [0, nz) without gaps; slices reported are never written again. A listener that blocks (a full
 * queue) holds the computation back, which bounds how far compute runs ahead of the consumer.
 */
@FunctionalInterface
public interface SlabListener {
    /** Slices [z0, z1) of {@code out} (the whole output volume) hold their final values. */
    void slabDone(Volume out, int z0, int z1);
}
