package org.interslice.io;

import java.nio.file.Path;
import java.util.List;
import org.interslice.core.volume.Volume;

/**
 * One file format. Every implementation reads into and writes from the same {@link Volume} model
 * (LPS geometry, physical values) and passes the shared contract test. Failures are always
 * {@link org.interslice.core.IntersliceException} naming the file: never another exception type, never
 * an allocation larger than the file can justify.
 */
public interface VolumeFormat {
    /** Short name shown to users, e.g. "NIfTI". */
    String name();

    /** Lower-case file name endings this format writes and reads, longest first, e.g. ".nii.gz", ".nii". */
    List<String> extensions();

    /**
     * True when the content identifies this format (magic bytes). {@code head} holds the first bytes of the
     * file (up to 1024, fewer for short files); path is given for formats whose magic needs the name.
     */
    boolean recognizes(Path path, byte[] head);

    /** Reads a whole volume. */
    Volume read(Path path, ReadOptions options);

    /**
     * Opens a file for its header and region reads (see {@link OpenVolume}). Formats that can read a
     * region's bytes alone override this; the default reads the whole volume on first use and crops it,
     * so every format supports region reads.
     */
    default OpenVolume open(Path path, ReadOptions options) {
        return new WholeReadVolume(this, path, options);
    }

    /** False for read-only formats. */
    default boolean canWrite() {
        return true;
    }

    /** True when a written volume is a folder (a DICOM series, an OME-Zarr image), not a file. */
    default boolean writesFolder() {
        return false;
    }

    /**
     * Writes {@code v} so that it ends up under {@code path}; every file is opened through {@code out},
     * which makes it appear under its final name only when the whole write succeeded.
     */
    void write(Volume v, Path path, AtomicFiles out, WriteOptions options);

    /**
     * Refuses, before any work, an output of {@code dims} voxels on geometry {@code g} that {@link #write}
     * would refuse for its size or geometry alone (e.g. OME-Zarr: more pyramid levels than the grid halves,
     * an oblique grid): IntersliceException naming {@code path}. The default accepts every grid.
     */
    default void checkWritable(Path path, int[] dims, org.interslice.core.volume.Geometry g, WriteOptions options) {
    }

    /**
     * True when this format can write {@code path} slab by slab in z order ({@link #slabWriter}), so that
     * writing overlaps computing; false (the default) when it needs the whole volume first (a header
     * written after the data, a pair, text encodings, DICOM series, image stacks).
     */
    default boolean writesSlabs(Path path) {
        return false;
    }

    /**
     * Starts writing {@code v} to {@code path} slab by slab, only where {@link #writesSlabs} is true: the
     * header is taken from {@code v}'s size, type, geometry and label flag; its voxels are read only as
     * slabs are given. Files are opened through {@code out}, as in {@link #write}. The bytes written equal
     * those of {@link #write} of the finished volume.
     */
    default SlabWriter slabWriter(Volume v, Path path, AtomicFiles out, WriteOptions options) {
        throw new UnsupportedOperationException(name() + " needs the whole volume before writing");
    }

    /**
     * {@link #slabWriter(Volume, Path, AtomicFiles, WriteOptions)} for a volume that never exists whole:
     * the header from {@code h}, the voxels from blocks of slices given in z order ({@link SlabWriter#write(Volume)}).
     */
    default SlabWriter slabWriter(VolumeHeader h, Path path, AtomicFiles out, WriteOptions options) {
        throw new UnsupportedOperationException(name() + " needs the whole volume before writing");
    }

    /**
     * True when writing keeps the per-slice positions of unevenly spaced slices
     * ({@link org.interslice.core.volume.Geometry#sliceOrigins()}); false when only one affine is stored,
     * so such a volume is written with its mean-step affine.
     */
    default boolean storesSlicePositions() {
        return false;
    }

    /**
     * Every file a write to {@code path} may create or replace (e.g. a header and each name its detached
     * data file may get), so {@link FilePlan} can check them all against the inputs before any work.
     */
    default List<Path> outputFiles(Path path) {
        return List.of(path);
    }

    /** Every file a read of {@code path} touches (e.g. header and detached data), to refuse overwriting them. */
    default List<Path> inputFiles(Path path) {
        return List.of(path);
    }
}
