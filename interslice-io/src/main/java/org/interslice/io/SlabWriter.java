package org.interslice.io;

/**
 * A file being written slab by slab in z order ({@link VolumeFormat#slabWriter}). Not thread-safe: one
 * thread calls {@link #write} for consecutive ranges tiling [0, nz), then {@link #close()}.
 */
public interface SlabWriter extends AutoCloseable {
    /** Writes slices [z0, z1) of the volume the writer was opened for; IntersliceException on failure. */
    void write(int z0, int z1);

    /** Finishes the file (flushes, ends compression); IntersliceException on failure. */
    @Override
    void close();
}
