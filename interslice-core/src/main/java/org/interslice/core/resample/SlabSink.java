package org.interslice.core.resample;

import org.interslice.core.volume.Volume;

/**
 * Takes the output of a streamed resample ({@link StreamedResample}) block by block, so that the whole
 * output never exists in memory: the resampler asks for a buffer for each block of output slices, fills
 * it and hands it back. The sink decides how many buffers exist (a bounded ring: a sink that waits in
 * {@link #buffer} while all are in use holds the computation back). Calls come from the thread that
 * called the resampler, in z order, blocks tiling [0, nz) without gaps.
 */
public interface SlabSink {
    /**
     * A volume of nx x ny x {@code n} voxels of the output's type (its geometry is not read) to fill with
     * output slices [z0, z0 + n); its values on return do not matter (every voxel is written). May wait
     * until a buffer is free.
     */
    Volume buffer(int z0, int n);

    /** {@code buffer}, from {@link #buffer}, holds the final values of slices [z0, z0 + buffer.nz()); it is the sink's again. */
    void slabDone(Volume buffer, int z0);

    /** How many buffers this sink holds at most at once (what a streamed resample's memory estimate counts); 1 unless said. */
    default int maxBuffers() {
        return 1;
    }
}
