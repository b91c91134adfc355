package org.interslice.core.block;

import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

/**
 * The voxels of one box ({@link Interval}) of a larger volume, "the whole", with what is needed to place
 * and process them alone: the whole's size and geometry. {@code data} holds exactly the box's voxels
 * (its size is the interval's, its geometry the box's own: origin at the box's first voxel); operations
 * that compute a box of their output from a block (resampling, later Spark tasks) work in the whole's
 * index space and read the data at {@code index - interval offset}.
 *
 * <p>Immutable; the data array is shared, never copied.
 *
 * @param data the box's voxels, size = interval size
 * @param interval where the box sits in the whole
 * @param wholeNx size of the whole along x (and so on)
 * @param wholeGeometry geometry of the whole (per-slice positions included)
 */
public record Block(Volume data, Interval interval, int wholeNx, int wholeNy, int wholeNz, Geometry wholeGeometry) {
    public Block {
        if (data == null || interval == null || wholeGeometry == null) throw new IllegalArgumentException("block data, interval and geometry must not be null");
        if (data.nx() != interval.nx() || data.ny() != interval.ny() || data.nz() != interval.nz())
            throw new IllegalArgumentException("block data " + data.nx() + "x" + data.ny() + "x" + data.nz() + " does not match interval " + interval);
        interval.checkWithin(wholeNx, wholeNy, wholeNz);
    }

    /** A whole volume as one block. */
    public static Block whole(Volume v) {
        return new Block(v, Interval.whole(v.nx(), v.ny(), v.nz()), v.nx(), v.ny(), v.nz(), v.geometry());
    }

    /**
     * The voxels of box i of v, copied (typed row copies), as a block of v; same type and label flag, the
     * box's own geometry. For tests and for callers holding a whole volume; region readers build blocks
     * from the bytes of the region instead.
     */
    public static Block crop(Volume v, Interval i) {
        i.checkWithin(v.nx(), v.ny(), v.nz());
        Geometry g = crop(v.geometry(), i);
        Volume d = Volume.allocate(v.type(), i.nx(), i.ny(), i.nz(), g).with(g, v.isLabel());
        Object src = v.array(), dst = d.array();
        for (int z = 0; z < i.nz(); z++)
            for (int y = 0; y < i.ny(); y++)
                System.arraycopy(src, v.index(i.x0(), i.y0() + y, i.z0() + z), dst, (z * i.ny() + y) * i.nx(), i.nx());
        return new Block(d, i, v.nx(), v.ny(), v.nz(), v.geometry());
    }

    /**
     * Geometry of box i of a grid with geometry g: same axes and spacing, origin at voxel (x0, y0, z0);
     * per-slice positions (uneven slices) are those of the box's slices, moved in plane.
     */
    public static Geometry crop(Geometry g, Interval i) {
        double[] so = g.sliceOrigins();
        if (so == null) return g.withOrigin(g.indexToWorld(i.x0(), i.y0(), i.z0()));
        double[] d = g.direction();
        double[] col0 = {d[0], d[3], d[6]}, col1 = {d[1], d[4], d[7]};
        double[] shift = new double[3];
        for (int a = 0; a < 3; a++) shift[a] = col0[a] * g.spacing(0) * i.x0() + col1[a] * g.spacing(1) * i.y0();
        double[] sub = new double[3 * i.nz()];
        for (int k = 0; k < i.nz(); k++) for (int a = 0; a < 3; a++) sub[3 * k + a] = so[3 * (i.z0() + k) + a] + shift[a];
        return Geometry.ofSlices(new double[] {g.spacing(0), g.spacing(1)}, col0, col1, sub, g.spacing(2), 1e-6);
    }

    /** The block's own geometry (the data's). */
    public Geometry geometry() {
        return data.geometry();
    }
}
