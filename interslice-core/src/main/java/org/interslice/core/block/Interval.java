package org.interslice.core.block;

/**
 * A box of voxels of a grid: offset (first voxel) and size per axis, x y z, in voxels. The box holds the
 * voxels {@code x0 <= x < x0 + nx} (and so on), half-open like Python slices. Immutable.
 *
 * @param x0 first voxel along x (may be negative only as an intermediate; {@link #within} checks a grid)
 * @param nx voxels along x, at least 1
 */
public record Interval(int x0, int y0, int z0, int nx, int ny, int nz) {
    public Interval {
        if (nx < 1 || ny < 1 || nz < 1) throw new IllegalArgumentException("interval size " + nx + "x" + ny + "x" + nz + " must be at least 1 per axis");
    }

    /** The whole of a grid of the given size: offset 0. */
    public static Interval whole(int nx, int ny, int nz) {
        return new Interval(0, 0, 0, nx, ny, nz);
    }

    /** From an offset {x0, y0, z0} and a size {nx, ny, nz}. */
    public static Interval of(int[] offset, int[] size) {
        if (offset.length != 3 || size.length != 3) throw new IllegalArgumentException("an interval needs 3 offsets and 3 sizes");
        return new Interval(offset[0], offset[1], offset[2], size[0], size[1], size[2]);
    }

    /** From first (inclusive) and end (exclusive) voxel per axis. */
    public static Interval fromTo(int[] from, int[] to) {
        return new Interval(from[0], from[1], from[2], to[0] - from[0], to[1] - from[1], to[2] - from[2]);
    }

    public int offset(int axis) {
        return axis == 0 ? x0 : axis == 1 ? y0 : z0;
    }

    public int size(int axis) {
        return axis == 0 ? nx : axis == 1 ? ny : nz;
    }

    /** One past the last voxel along an axis. */
    public int end(int axis) {
        return offset(axis) + size(axis);
    }

    public int[] offset() {
        return new int[] {x0, y0, z0};
    }

    public int[] size() {
        return new int[] {nx, ny, nz};
    }

    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    /** True when every voxel of o is in this box. */
    public boolean contains(Interval o) {
        for (int a = 0; a < 3; a++) if (o.offset(a) < offset(a) || o.end(a) > end(a)) return false;
        return true;
    }

    /** True when this box lies inside a grid of the given size. */
    public boolean within(int gx, int gy, int gz) {
        return x0 >= 0 && y0 >= 0 && z0 >= 0 && x0 + nx <= gx && y0 + ny <= gy && z0 + nz <= gz;
    }

    /** Throws IllegalArgumentException unless this box lies inside a grid of the given size. */
    public Interval checkWithin(int gx, int gy, int gz) {
        if (!within(gx, gy, gz)) throw new IllegalArgumentException("interval " + this + " is not inside the grid " + gx + "x" + gy + "x" + gz);
        return this;
    }

    /** True when this box is the whole of a grid of the given size (offset 0, that size). */
    public boolean isWhole(int gx, int gy, int gz) {
        return x0 == 0 && y0 == 0 && z0 == 0 && nx == gx && ny == gy && nz == gz;
    }

    // written out: a record's generated equals and hashCode bootstrap method handles on first use
    // (java.lang.runtime.ObjectMethods: about 35 more classes loaded in a cold command-line run)
    @Override
    public boolean equals(Object o) {
        return o instanceof Interval i && i.x0 == x0 && i.y0 == y0 && i.z0 == z0 && i.nx == nx && i.ny == ny && i.nz == nz;
    }

    @Override
    public int hashCode() {
        return ((((x0 * 31 + y0) * 31 + z0) * 31 + nx) * 31 + ny) * 31 + nz;
    }

    @Override
    public String toString() {
        return "[" + x0 + ":" + (x0 + nx) + ", " + y0 + ":" + (y0 + ny) + ", " + z0 + ":" + (z0 + nz) + ")";
    }
}
