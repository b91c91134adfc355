package org.interslice.io;

import java.nio.file.Path;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.volume.Volume;

/**
 * An opened volume file: its header at once, its voxels a region at a time. Made by
 * {@link VolumeFormat#open} (or {@link Formats#open}); holds the file open until {@link #close()}.
 *
 * <p>A region read returns a {@link Block}: the region's voxels as a volume of the region's size whose
 * geometry places them where they are in the whole (origin at the region's first voxel; per-slice
 * positions of the region's slices), plus the interval and the whole's size and geometry. Its values
 * equal the same voxels of a whole read ({@link VolumeFormat#read}); so does its type, except where an
 * integer rescale lets a whole read pick a narrower type from the values it saw (the region reads keep
 * the type the stored type's full range needs, so that every region of a file has the same type).
 *
 * <p>Formats that can, read only the region's bytes ({@link #readsRegions()} is then true); the others
 * read the whole volume once, on the first region read, and crop it. Region reads may run concurrently
 * on several threads. Failures are {@link org.interslice.core.IntersliceException} naming the file.
 */
public interface OpenVolume extends AutoCloseable {
    /** The file or folder opened. */
    Path path();

    /** Size, type, geometry and label flag; no voxels are read. */
    VolumeHeader header();

    /**
     * The voxels of {@code box} (inside the whole: IllegalArgumentException otherwise), as a block of
     * the whole volume. A new array each call, except that a format without region reads returns the whole
     * volume it keeps (shared, not to be modified) for the whole box.
     */
    Block read(Interval box);

    /** Slices {@code z0 .. z0 + nz - 1}, whole in x and y. */
    default Block readSlab(int z0, int nz) {
        VolumeHeader h = header();
        return read(new Interval(0, 0, z0, h.nx(), h.ny(), nz));
    }

    /**
     * Slices per slab that a streaming reader should ask for at once: the depth of the format's storage
     * unit along z (an OME-Zarr chunk), so that each unit is decoded once; 1 when any slab is as cheap.
     */
    default int slabDepth() {
        return 1;
    }

    /** The whole volume. */
    default Volume readAll() {
        return read(header().whole()).data();
    }

    /**
     * True when a region read touches only the region's bytes (uncompressed data), its slices' files, or
     * streams forward only to the region's end (compressed data); false when the whole volume is read
     * and kept to crop from.
     */
    boolean readsRegions();

    /**
     * True when region reads are known, from the header alone, to have the type a whole read gives; false
     * when an integer rescale lets a whole read pick its type from the values (see the class comment).
     */
    default boolean typeMatchesWholeRead() {
        return true;
    }

    /** Releases the file (and any whole volume kept); never throws. */
    @Override
    void close();
}
