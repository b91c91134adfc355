package org.interslice.core.volume;

import java.util.Arrays;

/**
 * Where every voxel of a volume sits in patient space.
 *
 * <p>World coordinates are LPS millimetres (DICOM and ITK convention: +x toward patient left, +y toward
 * posterior, +z toward superior). The direction matrix is 3x3, stored row-major in {@code direction[9]};
 * its column {@code c} is the unit world vector along which index axis {@code c} increases, so
 * {@code world = origin + D * diag(spacing) * (i, j, k)}. Columns need not be orthogonal: a sheared grid
 * (gantry tilt written as an affine) keeps its exact voxel positions.
 *
 * <p>When slices are not evenly spaced, {@link #sliceOrigins()} holds the world position of voxel
 * {@code (0, 0, k)} of every slice (x, y, z per slice); in-plane positions still follow columns 0 and 1.
 * Then {@code origin} is the first slice's position and column 2 and {@code spacing[2]} describe the mean
 * step from the first to the last slice.
 *
 * <p>Immutable; arrays are copied in and out.
 */
public final class Geometry {
    private final double[] spacing;
    private final double[] origin;
    private final double[] direction;
    private final double[] sliceOrigins;
    // derived once, so that worldToIndex (called per voxel by the general resampling path) allocates nothing
    private final double[] inverse;      // inverse of D * diag(spacing), row-major
    private final double[] unitNormal;   // see normal()
    // uneven slices: each slice's height along the normal, and whether they strictly increase (+1) or
    // decrease (-1) so that worldToIndex can bisect (0: not monotone, walk the list)
    private final double[] heights;
    private final int order;
    // in-plane least squares of worldToIndex on uneven slices: scaled columns 0 and 1 and the 2x2 normal matrix
    private final double c00, c01, c02, c10, c11, c12, a00, a01, a11, det;

    private Geometry(double[] spacing, double[] origin, double[] direction, double[] sliceOrigins) {
        this.spacing = spacing;
        this.origin = origin;
        this.direction = direction;
        this.sliceOrigins = sliceOrigins;
        this.inverse = inverse3(affine3());
        double[] n = cross(new double[] {direction[0], direction[3], direction[6]}, new double[] {direction[1], direction[4], direction[7]});
        double l = Math.sqrt(dot(n, n));
        double sign = n[0] * direction[2] + n[1] * direction[5] + n[2] * direction[8] < 0 ? -1 : 1;
        for (int a = 0; a < 3; a++) n[a] *= sign / l;
        this.unitNormal = n;
        double s0 = spacing[0], s1 = spacing[1];
        c00 = direction[0] * s0; c01 = direction[3] * s0; c02 = direction[6] * s0;
        c10 = direction[1] * s1; c11 = direction[4] * s1; c12 = direction[7] * s1;
        a00 = c00 * c00 + c01 * c01 + c02 * c02;
        a01 = c00 * c10 + c01 * c11 + c02 * c12;
        a11 = c10 * c10 + c11 * c11 + c12 * c12;
        det = a00 * a11 - a01 * a01;
        if (sliceOrigins == null) {
            heights = null;
            order = 0;
        } else {
            int nz = sliceOrigins.length / 3;
            heights = new double[nz];
            for (int k = 0; k < nz; k++) heights[k] = heightOf(k, n);
            boolean up = true, down = true;
            for (int k = 1; k < nz; k++) {
                up &= heights[k] > heights[k - 1];
                down &= heights[k] < heights[k - 1];
            }
            order = up ? 1 : down ? -1 : 0;
        }
    }

    /**
     * @param spacingMm 3 positive finite spacings, x y z
     * @param originLps world position of the centre of voxel (0,0,0)
     * @param direction 9 values, row-major; columns are normalised here, and must be independent
     */
    public static Geometry of(double[] spacingMm, double[] originLps, double[] direction) {
        if (spacingMm.length != 3 || originLps.length != 3 || direction.length != 9)
            throw new IllegalArgumentException("spacing and origin need 3 values, direction 9");
        for (int a = 0; a < 3; a++) {
            if (!(spacingMm[a] > 0) || Double.isInfinite(spacingMm[a]))
                throw new IllegalArgumentException("spacing[" + a + "] = " + spacingMm[a] + " must be positive and finite");
            if (!Double.isFinite(originLps[a])) throw new IllegalArgumentException("origin[" + a + "] is not finite");
        }
        double[] d = direction.clone();
        for (int c = 0; c < 3; c++) {
            double n = Math.sqrt(d[c] * d[c] + d[3 + c] * d[3 + c] + d[6 + c] * d[6 + c]);
            if (!(n > 1e-12) || !Double.isFinite(n))
                throw new IllegalArgumentException("direction column " + c + " is zero or not finite");
            d[c] /= n;
            d[3 + c] /= n;
            d[6 + c] /= n;
        }
        if (Math.abs(det3(d)) < 1e-6) throw new IllegalArgumentException("direction matrix is singular");
        return new Geometry(spacingMm.clone(), originLps.clone(), d, null);
    }

    /** Unit spacing, zero origin, identity direction. */
    public static Geometry identity() {
        return of(new double[] {1, 1, 1}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    /**
     * Builds the geometry of an arbitrary 4x4 (or 3x4) index-to-LPS affine, row-major. Spacing is the
     * length of each column, direction the normalised columns.
     */
    public static Geometry fromAffine(double[] a) {
        double[] sp = new double[3], d = new double[9];
        for (int c = 0; c < 3; c++) {
            sp[c] = Math.sqrt(a[c] * a[c] + a[4 + c] * a[4 + c] + a[8 + c] * a[8 + c]);
            for (int r = 0; r < 3; r++) d[3 * r + c] = sp[c] > 0 ? a[4 * r + c] / sp[c] : 0;
        }
        return of(sp, new double[] {a[3], a[7], a[11]}, d);
    }

    /**
     * Geometry of a stack of slices at the given world positions of voxel (0,0,k), in-plane axes and
     * spacing as given. Evenly spaced positions collapse to a plain (possibly sheared) affine.
     *
     * @param sliceOriginsLps 3*nz values, nz at least 1
     * @param relTol relative tolerance on step length and direction under which slices count as even
     */
    public static Geometry ofSlices(double[] spacingXY, double[] col0, double[] col1, double[] sliceOriginsLps, double thicknessIfSingle, double relTol) {
        int nz = sliceOriginsLps.length / 3;
        if (nz < 1 || sliceOriginsLps.length != 3 * nz) throw new IllegalArgumentException("need 3 values per slice");
        double[] o = Arrays.copyOf(sliceOriginsLps, 3);
        double[] step = new double[3];
        double len;
        if (nz == 1) {
            step = cross(col0, col1);
            len = thicknessIfSingle > 0 ? thicknessIfSingle : 1;
        } else {
            for (int a = 0; a < 3; a++) step[a] = (sliceOriginsLps[3 * (nz - 1) + a] - o[a]) / (nz - 1);
            len = Math.sqrt(dot(step, step));
        }
        double[] dir = {col0[0], col1[0], step[0], col0[1], col1[1], step[1], col0[2], col1[2], step[2]};
        Geometry g = of(new double[] {spacingXY[0], spacingXY[1], len}, o, dir);
        if (nz <= 2) return g;
        double[] unit = {g.direction[2], g.direction[5], g.direction[8]};
        for (int k = 1; k < nz; k++) {
            for (int a = 0; a < 3; a++) {
                double expect = o[a] + k * len * unit[a];
                if (Math.abs(sliceOriginsLps[3 * k + a] - expect) > relTol * len) {
                    return new Geometry(g.spacing, g.origin, g.direction, sliceOriginsLps.clone());
                }
            }
        }
        return g;
    }

    public double[] spacing() { return spacing.clone(); }
    public double spacing(int axis) { return spacing[axis]; }
    public double[] origin() { return origin.clone(); }
    /** Row-major 3x3; column c is the unit world direction of index axis c. */
    public double[] direction() { return direction.clone(); }
    /** World positions of voxel (0,0,k) per slice when uneven, else null. */
    public double[] sliceOrigins() { return sliceOrigins == null ? null : sliceOrigins.clone(); }
    /** True when slices follow the affine exactly (no per-slice positions). */
    public boolean uniformSlices() { return sliceOrigins == null; }

    public Geometry withSpacing(double[] s) {
        Geometry g = of(s, origin, direction);
        return g;
    }

    public Geometry withOrigin(double[] o) {
        return of(spacing, o, direction);
    }

    /** The same geometry without per-slice positions (the mean-step affine). */
    public Geometry affineOnly() {
        return sliceOrigins == null ? this : new Geometry(spacing, origin, direction, null);
    }

    /** Row-major 4x4 index-to-world affine (the mean-step one when slices are uneven). */
    public double[] affine() {
        double[] a = new double[16];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) a[4 * r + c] = direction[3 * r + c] * spacing[c];
            a[4 * r + 3] = origin[r];
        }
        a[15] = 1;
        return a;
    }

    /** World position of continuous index (i, j, k), into out[3]; returns out. */
    public double[] indexToWorld(double i, double j, double k, double[] out) {
        double bx, by, bz, kk;
        if (sliceOrigins == null) {
            bx = origin[0]; by = origin[1]; bz = origin[2]; kk = k;
        } else {
            int nz = sliceOrigins.length / 3;
            int k0 = (int) Math.floor(k);
            if (k0 < 0) k0 = 0;
            if (k0 > nz - 2) k0 = Math.max(0, nz - 2);
            int k1 = Math.min(k0 + 1, nz - 1);
            double f = k - k0;
            // linear between neighbouring slices; linear extrapolation outside
            bx = sliceOrigins[3 * k0] + f * (sliceOrigins[3 * k1] - sliceOrigins[3 * k0]);
            by = sliceOrigins[3 * k0 + 1] + f * (sliceOrigins[3 * k1 + 1] - sliceOrigins[3 * k0 + 1]);
            bz = sliceOrigins[3 * k0 + 2] + f * (sliceOrigins[3 * k1 + 2] - sliceOrigins[3 * k0 + 2]);
            kk = 0;
        }
        double si = i * spacing[0], sj = j * spacing[1], sk = kk * spacing[2];
        out[0] = bx + direction[0] * si + direction[1] * sj + direction[2] * sk;
        out[1] = by + direction[3] * si + direction[4] * sj + direction[5] * sk;
        out[2] = bz + direction[6] * si + direction[7] * sj + direction[8] * sk;
        return out;
    }

    public double[] indexToWorld(double i, double j, double k) {
        return indexToWorld(i, j, k, new double[3]);
    }

    /** Continuous index of a world point, into out[3]; exact inverse of {@link #indexToWorld}. */
    public double[] worldToIndex(double x, double y, double z, double[] out) {
        if (sliceOrigins == null) {
            double[] inv = inverse;
            double dx = x - origin[0], dy = y - origin[1], dz = z - origin[2];
            out[0] = inv[0] * dx + inv[1] * dy + inv[2] * dz;
            out[1] = inv[3] * dx + inv[4] * dy + inv[5] * dz;
            out[2] = inv[6] * dx + inv[7] * dy + inv[8] * dz;
            return out;
        }
        // Uneven slices: find k from the height along the in-plane normal, then solve in-plane.
        double[] n = unitNormal;
        int nz = sliceOrigins.length / 3;
        double h = x * n[0] + y * n[1] + z * n[2];
        double k;
        if (nz == 1) k = 0;
        else if (order != 0) {
            // slices sorted along the normal (every reader's case): bisect, O(log n); the same segment as
            // the walk below, so the same k bit for bit
            int seg = segment(h);
            double h0 = heights[seg], h1 = heights[seg + 1];
            k = seg + (h - h0) / (h1 - h0);
        } else {
            int seg = nz - 2;
            for (int s = 0; s < nz - 1; s++) {
                double h0 = heightOf(s, n), h1 = heightOf(s + 1, n);
                if ((h - h0) * (h - h1) <= 0) { seg = s; break; }
                if (s == 0 && (h1 > h0 ? h < h0 : h > h0)) { seg = 0; break; }
            }
            double h0 = heightOf(seg, n), h1 = heightOf(seg + 1, n);
            k = seg + (h - h0) / (h1 - h0);
        }
        double[] b = indexToWorld(0, 0, k, out);   // out is scratch until the end
        double dx = x - b[0], dy = y - b[1], dz = z - b[2];
        // 2x2 least squares on the in-plane columns (exact when the point lies in the slice plane); the
        // matrix is the geometry's, made once
        double r0 = c00 * dx + c01 * dy + c02 * dz, r1 = c10 * dx + c11 * dy + c12 * dz;
        out[0] = (a11 * r0 - a01 * r1) / det;
        out[1] = (a00 * r1 - a01 * r0) / det;
        out[2] = k;
        return out;
    }

    public double[] worldToIndex(double x, double y, double z) {
        return worldToIndex(x, y, z, new double[3]);
    }

    /**
     * The segment the walk of worldToIndex picks for height h on monotone slices: the first s with h
     * between heights s and s + 1 (both included), 0 below the first slice, nz - 2 beyond the last.
     */
    private int segment(double h) {
        int nz = heights.length;
        double first = order * heights[0], x = order * h;
        if (x <= first) return 0;
        // smallest s in [0, nz - 2] with order * heights[s + 1] >= x
        int lo = 0, hi = nz - 2;
        if (order * heights[nz - 1] < x) return nz - 2;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order * heights[mid + 1] >= x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    private double heightOf(int k, double[] n) {
        return sliceOrigins[3 * k] * n[0] + sliceOrigins[3 * k + 1] * n[1] + sliceOrigins[3 * k + 2] * n[2];
    }

    /** Row-major 3x3 of D * diag(spacing). */
    public double[] affine3() {
        double[] m = new double[9];
        for (int r = 0; r < 3; r++) for (int c = 0; c < 3; c++) m[3 * r + c] = direction[3 * r + c] * spacing[c];
        return m;
    }

    /** Unit normal of the slice plane (column 0 x column 1), oriented to agree with column 2. */
    public double[] normal() {
        return unitNormal.clone();
    }

    /**
     * Gantry tilt: the angle in degrees between the slice stacking direction and the slice-plane normal;
     * 0 for an orthogonal grid.
     */
    public double gantryTiltDegrees() {
        double[] n = normal();
        double c = Math.abs(n[0] * direction[2] + n[1] * direction[5] + n[2] * direction[8]);
        return Math.toDegrees(Math.acos(Math.min(1, c)));
    }

    /** Position of every slice (voxel (0,0,k)) along the slice normal, mm. */
    public double[] slicePositionsMm(int nz) {
        double[] n = normal();
        double[] p = new double[nz];
        double[] w = new double[3];
        for (int k = 0; k < nz; k++) {
            indexToWorld(0, 0, k, w);
            p[k] = dot(w, n);
        }
        return p;
    }

    /** True when column 0 is perpendicular to column 1 and column 2 (no shear), to 1e-6. */
    public boolean isOrthogonal() {
        double d01 = direction[0] * direction[1] + direction[3] * direction[4] + direction[6] * direction[7];
        double d02 = direction[0] * direction[2] + direction[3] * direction[5] + direction[6] * direction[8];
        double d12 = direction[1] * direction[2] + direction[4] * direction[5] + direction[7] * direction[8];
        return Math.abs(d01) < 1e-6 && Math.abs(d02) < 1e-6 && Math.abs(d12) < 1e-6;
    }

    /**
     * Three letters naming the anatomical direction each index axis increases toward (nibabel
     * {@code aff2axcodes} convention: LPS = i toward Left, j toward Posterior, k toward Superior); oblique
     * grids get the closest axes.
     */
    public String orientationCode() {
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        int[] best = perms[0];
        double bestScore = -1;
        for (int[] p : perms) {
            double s = 0;
            for (int c = 0; c < 3; c++) s += Math.abs(direction[3 * p[c] + c]);
            if (s > bestScore + 1e-12) { bestScore = s; best = p; }
        }
        String pos = "LPS", neg = "RAI";
        StringBuilder sb = new StringBuilder(3);
        for (int c = 0; c < 3; c++) {
            int w = best[c];
            sb.append(direction[3 * w + c] >= 0 ? pos.charAt(w) : neg.charAt(w));
        }
        return sb.toString();
    }

    /** True when every voxel centre of a grid of the given size agrees within tolMm. */
    public boolean approxEquals(Geometry o, int nx, int ny, int nz, double tolMm) {
        int[] is = {0, nx - 1}, js = {0, ny - 1};
        double[] a = new double[3], b = new double[3];
        for (int k = 0; k < nz; k++) for (int i : is) for (int j : js) {
            indexToWorld(i, j, k, a);
            o.indexToWorld(i, j, k, b);
            for (int t = 0; t < 3; t++) if (!(Math.abs(a[t] - b[t]) <= tolMm)) return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return "Geometry[spacing=" + Arrays.toString(spacing) + ", origin=" + Arrays.toString(origin)
                + ", direction=" + Arrays.toString(direction) + (sliceOrigins == null ? "" : ", uneven slices=" + sliceOrigins.length / 3) + "]";
    }

    // ---- small 3-vector helpers, shared with the readers (DICOM orders slices along the normal) ----

    /** Dot product of two 3-vectors. */
    public static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /** Cross product of two 3-vectors, newly allocated. */
    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    static double det3(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    /** Inverse of a row-major 3x3. */
    public static double[] inverse3(double[] m) {
        double det = det3(m);
        if (det == 0 || !Double.isFinite(det)) throw new IllegalArgumentException("matrix is singular");
        double[] r = new double[9];
        r[0] = (m[4] * m[8] - m[5] * m[7]) / det;
        r[1] = (m[2] * m[7] - m[1] * m[8]) / det;
        r[2] = (m[1] * m[5] - m[2] * m[4]) / det;
        r[3] = (m[5] * m[6] - m[3] * m[8]) / det;
        r[4] = (m[0] * m[8] - m[2] * m[6]) / det;
        r[5] = (m[2] * m[3] - m[0] * m[5]) / det;
        r[6] = (m[3] * m[7] - m[4] * m[6]) / det;
        r[7] = (m[1] * m[6] - m[0] * m[7]) / det;
        r[8] = (m[0] * m[4] - m[1] * m[3]) / det;
        return r;
    }
}
