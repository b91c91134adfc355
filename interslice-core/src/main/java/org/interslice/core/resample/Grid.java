package org.interslice.core.resample;

import org.interslice.core.Decimals;

import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;

/**
 * An output sampling grid: a size in voxels and the {@link Geometry} placing every voxel centre in LPS
 * millimetres. Immutable.
 *
 * <p>The static constructors derive a grid from an input grid. By default they keep the input's physical
 * extent and its centre: the extent of an axis is {@code n * spacing} (voxel edge to voxel edge), the
 * new size is {@code round(extent / newSpacing)} (at least 1) and the origin is shifted so that the
 * centre of the box stays put. When the extent is a whole multiple of the new spacing, the first and
 * last voxel edges of both grids coincide, so a volume and its resampled copy overlay exactly. With
 * {@code keepOrigin} the first voxel centre stays put instead (SimpleITK's ResampleImageFilter recipe).
 *
 * @param nx voxels along x, 1..{@value #MAX_SIZE}
 * @param ny voxels along y, 1..{@value #MAX_SIZE}
 * @param nz voxels along z, 1..{@value #MAX_SIZE}
 * @param geometry where the voxels sit; never null
 */
public record Grid(int nx, int ny, int nz, Geometry geometry) {
    /** Largest size along one axis. */
    public static final int MAX_SIZE = 65536;

    public Grid {
        checkSize("nx", nx);
        checkSize("ny", ny);
        checkSize("nz", nz);
        if (geometry == null) throw new IllegalArgumentException("geometry is null");
    }

    private static void checkSize(String name, long n) {
        if (n < 1 || n > MAX_SIZE) throw new IllegalArgumentException(name + " = " + n + " must be in 1.." + MAX_SIZE);
    }

    /** The grid a volume lives on (its size and geometry, per-slice positions included). */
    public static Grid of(Volume v) {
        return new Grid(v.nx(), v.ny(), v.nz(), v.geometry());
    }

    /** A reference volume's grid: its size, spacing, origin and direction (SimpleITK's "like"). */
    public static Grid like(Volume reference) {
        return of(reference);
    }

    /** Size as {nx, ny, nz}. */
    public int[] dims() {
        return new int[] {nx, ny, nz};
    }

    public int size(int axis) {
        return axis == 0 ? nx : axis == 1 ? ny : nz;
    }

    /** Number of voxels (may exceed an int; a volume is limited to {@link Volume#MAX_VOXELS}). */
    public long voxelCount() {
        return (long) nx * ny * nz;
    }

    /** Physical size per axis, mm, voxel edge to voxel edge: {@code n * spacing}. */
    public double[] extentMm() {
        return new double[] {nx * geometry.spacing(0), ny * geometry.spacing(1), nz * geometry.spacing(2)};
    }

    /** World position of the box centre (LPS mm). */
    public double[] centreLps() {
        return geometry.affineOnly().indexToWorld((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0);
    }

    /**
     * A grid with the given spacing covering this grid's box.
     *
     * @param spacingMm 3 positive spacings, mm, x y z
     * @param keepOrigin false: keep the box and its centre (edges aligned); true: keep the first voxel centre
     */
    public Grid withSpacing(double[] spacingMm, boolean keepOrigin) {
        checkSpacing(spacingMm);
        int[] n = new int[3];
        double[] ext = extentMm();
        for (int a = 0; a < 3; a++) {
            double v = Math.rint(ext[a] / spacingMm[a]);
            if (v > MAX_SIZE) throw new IllegalArgumentException("spacing " + spacingMm[a] + " mm along axis " + a + " gives " + (long) v + " voxels, more than " + MAX_SIZE);
            n[a] = (int) Math.max(1, v);
        }
        return place(n, spacingMm, keepOrigin);
    }

    /** {@link #withSpacing(double[], boolean)} with one spacing for all axes. */
    public Grid withSpacing(double spacingMm, boolean keepOrigin) {
        return withSpacing(new double[] {spacingMm, spacingMm, spacingMm}, keepOrigin);
    }

    /**
     * A grid of the given size covering this grid's box: spacing = extent / size per axis.
     *
     * @param size 3 sizes, each 1..{@value #MAX_SIZE}
     * @param keepOrigin false: keep the box centre (edges aligned); true: keep the first voxel centre
     */
    public Grid withSize(int[] size, boolean keepOrigin) {
        if (size.length != 3) throw new IllegalArgumentException("size needs 3 values, got " + size.length);
        checkSize("size x", size[0]);
        checkSize("size y", size[1]);
        checkSize("size z", size[2]);
        double[] ext = extentMm();
        double[] sp = {ext[0] / size[0], ext[1] / size[1], ext[2] / size[2]};
        return place(size.clone(), sp, keepOrigin);
    }

    /**
     * An isotropic grid: every axis gets the smallest spacing of this grid times {@code scale}.
     *
     * @param scale positive factor (1 = finest input spacing)
     */
    public Grid isotropic(double scale, boolean keepOrigin) {
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("spacing scale = " + scale + " must be positive and finite");
        double s = Math.min(geometry.spacing(0), Math.min(geometry.spacing(1), geometry.spacing(2))) * scale;
        return withSpacing(new double[] {s, s, s}, keepOrigin);
    }

    /**
     * The sub-grid of voxels {@code lo[a] <= i < hi[a]} (half-open, like Python slices), same spacing
     * and direction, origin moved to voxel {@code lo}. Throws IllegalArgumentException for an empty or
     * out-of-range box.
     */
    public Grid crop(int[] lo, int[] hi) {
        if (lo.length != 3 || hi.length != 3) throw new IllegalArgumentException("crop needs 3 lower and 3 upper indices");
        for (int a = 0; a < 3; a++) {
            if (lo[a] < 0 || hi[a] > size(a) || hi[a] <= lo[a])
                throw new IllegalArgumentException("crop " + lo[a] + ":" + hi[a] + " on axis " + a + " must satisfy 0 <= lo < hi <= " + size(a));
        }
        Geometry g = geometry.affineOnly();
        double[] o = g.indexToWorld(lo[0], lo[1], lo[2]);
        return new Grid(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2], Geometry.of(g.spacing(), o, g.direction()));
    }

    /**
     * The sub-grid of voxels whose centres lie inside the world box spanned by two LPS corners (mm,
     * any order). For an oblique grid the box is taken in this grid's index space (the index bounding
     * box of the 8 corners). Throws IllegalArgumentException when no voxel centre is inside.
     */
    public Grid cropMm(double[] cornerALps, double[] cornerBLps) {
        if (cornerALps.length != 3 || cornerBLps.length != 3) throw new IllegalArgumentException("crop box needs two corners of 3 values");
        Geometry g = geometry.affineOnly();
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] c = new double[3];
        for (int corner = 0; corner < 8; corner++) {
            g.worldToIndex((corner & 1) == 0 ? cornerALps[0] : cornerBLps[0], (corner & 2) == 0 ? cornerALps[1] : cornerBLps[1],
                    (corner & 4) == 0 ? cornerALps[2] : cornerBLps[2], c);
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], c[a]);
                hi[a] = Math.max(hi[a], c[a]);
            }
        }
        int[] l = new int[3], h = new int[3];
        for (int a = 0; a < 3; a++) {
            // 1e-9 voxel tolerance: a box edge exactly on a voxel centre includes that voxel
            l[a] = (int) Math.max(0, Math.ceil(lo[a] - 1e-9));
            h[a] = (int) Math.min(size(a), Math.floor(hi[a] + 1e-9) + 1);
            if (h[a] <= l[a]) throw new IllegalArgumentException("crop box holds no voxel centre along axis " + a + " (index range " + lo[a] + " .. " + hi[a] + ")");
        }
        return crop(l, h);
    }

    /** True when this grid's axes are not mutually perpendicular (a gantry-tilted or otherwise sheared grid). */
    public boolean isSheared() {
        return !geometry.isOrthogonal();
    }

    /**
     * The orthogonal grid that holds this grid's box, for de-tilting a sheared (gantry-tilted) grid, as
     * dcm2niix does for tilted CT. Returns this grid when it is already orthogonal.
     *
     * <p>Axes: x is this grid's x direction; y is its y direction made perpendicular to x (Gram-Schmidt);
     * z is x cross y, turned to point the way this grid's z axis does (so slices keep their order).
     * Spacing: this grid's x and y spacing; along z the distance between slice planes, {@code spacing(2)}
     * times the cosine of the angle between the z axis and the new z. Box: the bounding box, in the new
     * axes, of the 8 outer voxel corners (indices -0.5 and n - 0.5) of this grid; each size is
     * {@code ceil(box / spacing)} (1e-9 tolerance, at least 1) and the new grid is centred on the box,
     * so it covers every input voxel. Per-slice positions of uneven slices are ignored (the mean-step
     * affine is used). Pure function of this grid; {@code tools/reference/shear_grid_expected.py}
     * recomputes it with numpy for the test.
     */
    public Grid orthogonal() {
        if (!isSheared()) return this;
        Geometry g = geometry.affineOnly();
        double[] d = g.direction();
        double[] x = {d[0], d[3], d[6]}, y = {d[1], d[4], d[7]}, z = {d[2], d[5], d[8]};
        double xy = Geometry.dot(x, y);
        for (int r = 0; r < 3; r++) y[r] -= xy * x[r];
        double ly = Math.sqrt(Geometry.dot(y, y));
        for (int r = 0; r < 3; r++) y[r] /= ly;
        double[] n = Geometry.cross(x, y);
        double cos = Geometry.dot(n, z);
        if (cos < 0) {
            for (int r = 0; r < 3; r++) n[r] = -n[r];
            cos = -cos;
        }
        double[] sp = {g.spacing(0), g.spacing(1), g.spacing(2) * cos};
        double[][] axes = {x, y, n};
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] w = new double[3];
        for (int c = 0; c < 8; c++) {
            g.indexToWorld((c & 1) == 0 ? -0.5 : nx - 0.5, (c & 2) == 0 ? -0.5 : ny - 0.5, (c & 4) == 0 ? -0.5 : nz - 0.5, w);
            for (int a = 0; a < 3; a++) {
                double t = Geometry.dot(w, axes[a]);
                lo[a] = Math.min(lo[a], t);
                hi[a] = Math.max(hi[a], t);
            }
        }
        int[] size = new int[3];
        double[] origin = new double[3];
        for (int a = 0; a < 3; a++) {
            double count = Math.ceil((hi[a] - lo[a]) / sp[a] - 1e-9);
            if (count > MAX_SIZE) throw new IllegalArgumentException("the orthogonal grid needs " + (long) count + " voxels along axis " + a + ", more than " + MAX_SIZE);
            size[a] = (int) Math.max(1, count);
            double first = (lo[a] + hi[a]) / 2 - sp[a] * (size[a] - 1) / 2.0;   // centre of voxel 0 along this axis
            for (int r = 0; r < 3; r++) origin[r] += first * axes[a][r];
        }
        double[] dir = {x[0], y[0], n[0], x[1], y[1], n[1], x[2], y[2], n[2]};
        return new Grid(size[0], size[1], size[2], Geometry.of(sp, origin, dir));
    }

    /** Places a grid of size n and spacing sp over this grid's box. */
    private Grid place(int[] n, double[] sp, boolean keepOrigin) {
        Geometry g = geometry.affineOnly();
        if (keepOrigin) return new Grid(n[0], n[1], n[2], Geometry.of(sp, g.origin(), g.direction()));
        double[] centre = centreLps();
        double[] d = g.direction();
        double[] o = new double[3];
        for (int r = 0; r < 3; r++) {
            double off = 0;
            for (int c = 0; c < 3; c++) off += d[3 * r + c] * sp[c] * (n[c] - 1) / 2.0;
            o[r] = centre[r] - off;
        }
        return new Grid(n[0], n[1], n[2], Geometry.of(sp, o, d));
    }

    private static void checkSpacing(double[] s) {
        if (s.length != 3) throw new IllegalArgumentException("spacing needs 3 values, got " + s.length);
        for (int a = 0; a < 3; a++)
            if (!(s[a] > 0) || Double.isInfinite(s[a])) throw new IllegalArgumentException("spacing[" + a + "] = " + s[a] + " mm must be positive and finite");
    }

    /** One line: size, spacing, physical size. */
    public String describe() {
        double[] e = extentMm();
        // the text of "%dx%dx%d voxels, spacing %.4gx%.4gx%.4g mm, size %.1fx%.1fx%.1f mm" without the Formatter, and appended
        // rather than concatenated: each `+` site bootstraps method handles on its first call (its cost for this one was the Formatter's)
        StringBuilder b = new StringBuilder(96).append(nx).append('x').append(ny).append('x').append(nz).append(" voxels, spacing ");
        for (int a = 0; a < 3; a++) b.append(a > 0 ? "x" : "").append(Decimals.general(geometry.spacing(a), 4));
        b.append(" mm, size ");
        for (int a = 0; a < 3; a++) b.append(a > 0 ? "x" : "").append(Decimals.fixed(e[a], 1));
        return b.append(" mm").toString();
    }
}
