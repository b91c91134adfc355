package org.interslice.io;

import org.interslice.core.block.Interval;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;

/**
 * What an opened file says about its volume, known without reading voxels: size, the type its voxels
 * have in memory (after any rescale), geometry of the whole (per-slice positions of uneven slices
 * included) and the label flag.
 *
 * @param nx voxels along x of the whole volume (and so on); the whole may exceed one array
 *        ({@link org.interslice.core.volume.Volume#MAX_VOXELS}) when only regions are read
 * @param type type of the voxels a region read returns
 * @param geometry geometry of the whole volume, LPS
 * @param label true when the file flags a label map
 */
public record VolumeHeader(int nx, int ny, int nz, PixelType type, Geometry geometry, boolean label) {
    public VolumeHeader {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("dimensions " + nx + "x" + ny + "x" + nz + " must be positive");
        if (type == null || geometry == null) throw new IllegalArgumentException("type and geometry must not be null");
    }

    /** Size as {nx, ny, nz}. */
    public int[] dims() {
        return new int[] {nx, ny, nz};
    }

    /** The whole volume as an interval. */
    public Interval whole() {
        return Interval.whole(nx, ny, nz);
    }

    /** Voxel count of the whole (may exceed an int). */
    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    /** Bytes the whole volume would take in memory. */
    public long sizeBytes() {
        return voxelCount() * type.bytes;
    }

    /** Position of every slice along the slice normal, mm (see {@link Geometry#slicePositionsMm}). */
    public double[] slicePositionsMm() {
        return geometry.slicePositionsMm(nz);
    }
}
