package org.interslice.ops;

import java.nio.file.Path;
import org.interslice.core.volume.PixelType;

/**
 * One file an operation wrote.
 *
 * @param path        where it is
 * @param role        what it holds: "output", "mask", ...
 * @param format      format name, e.g. "NIfTI"
 * @param dims        size in voxels, x y z
 * @param type        voxel type written
 * @param label       written as a label map
 * @param bytesOnDisk file size (0 when it could not be read)
 * @param seconds     wall time of the step that made it (read, compute and write)
 */
public record Written(Path path, String role, String format, int[] dims, PixelType type, boolean label, long bytesOnDisk, double seconds) {
    /** This record with {@link #bytesOnDisk} measured now (a folder output: the sum of its files; 0 when unreadable). */
    public Written onDisk() {
        long size;
        try {
            size = java.nio.file.Files.size(path);
            if (java.nio.file.Files.isDirectory(path)) {   // a folder format (OME-Zarr): the sum of its files
                try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(path)) {
                    size = all.filter(java.nio.file.Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                }
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            size = 0;   // only shown to the user; the write itself succeeded
        }
        return new Written(path, role, format, dims, type, label, size, seconds);
    }
}
