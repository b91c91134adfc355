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
}
