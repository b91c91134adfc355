package org.interslice.io;

/**
 * A file being written slab by slab in z order ({@link VolumeFormat#slabWriter}). Not thread-safe: one
 * thread calls {@link #write} for consecutive ranges tiling [0, nz), then {@link #close()}.
 */
public interface SlabWriter extends AutoCloseable {
    /** Writes slices [z0, z1) of the volume the writer was opened for; IntersliceException on failure. */
    void write(int z0, int z1);

    /**
     * For a writer opened from a header ({@link VolumeFormat#slabWriter(VolumeHeader, java.nio.file.Path, AtomicFiles, WriteOptions)}):
     * writes every voxel of {@code block}, the next {@code block.nz()} slices of the file; IntersliceException on failure.
     */
    void write(org.interslice.core.volume.Volume block);

    /** Finishes the file (flushes, ends compression); IntersliceException on failure. */
    @Override
    void close();
}
