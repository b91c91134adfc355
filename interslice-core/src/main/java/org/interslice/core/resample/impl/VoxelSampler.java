package org.interslice.core.resample.impl;

import org.interslice.core.resample.Boundary;

/**
 * Interpolates a float source (an image, or padded B-spline coefficients) at arbitrary continuous
 * indices, one kernel per axis. Holds scratch arrays, so an instance is for one thread: use
 * {@link #copy()} per thread. No allocation per sample.
 */
public final class VoxelSampler {
    private final float[] src;
    /** Input size (without pad); positions outside [-0.5, n - 0.5) are outside. */
    private final int nx, ny, nz;
    private final int pad, sx, sy, sz;
    /** The source holds the region of the padded source starting at (ox, oy, oz), of size rx * ry * rz. */
    private final int ox, oy, oz, rx, ry;
    private final Kernel kx, ky, kz;
    private final Boundary boundary;
    private final double[] wx, wy, wz;
    private final int[] ix, iy, iz;

    /**
     * @param src source of size (nx + 2 pad) * (ny + 2 pad) * (nz + 2 pad), x fastest; not modified
     * @param pad samples stored beyond each edge (B-spline coefficients), else 0
     */
    public VoxelSampler(float[] src, int nx, int ny, int nz, int pad, Kernel kx, Kernel ky, Kernel kz, Boundary boundary) {
        this(src, nx, ny, nz, pad, new int[3], new int[] {nx + 2 * pad, ny + 2 * pad, nz + 2 * pad}, kx, ky, kz, boundary);
    }

    /**
     * A sampler of a region of the source: src holds the samples of the padded source at indices
     * {@code regionOff[a] .. regionOff[a] + regionSize[a] - 1} per axis (x fastest). Positions are in the
     * whole source's indices (inside test and boundary rule on the whole size n); the region must hold
     * every tap of the positions sampled (see {@link org.interslice.core.resample.Resampler#inputInterval}).
     */
    public VoxelSampler(float[] src, int nx, int ny, int nz, int pad, int[] regionOff, int[] regionSize,
                        Kernel kx, Kernel ky, Kernel kz, Boundary boundary) {
        this.src = src;
        this.ox = regionOff[0];
        this.oy = regionOff[1];
        this.oz = regionOff[2];
        this.rx = regionSize[0];
        this.ry = regionSize[1];
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.pad = pad;
        this.sx = nx + 2 * pad;
        this.sy = ny + 2 * pad;
        this.sz = nz + 2 * pad;
        this.kx = kx;
        this.ky = ky;
        this.kz = kz;
        this.boundary = boundary;
        wx = new double[kx.taps];
        wy = new double[ky.taps];
        wz = new double[kz.taps];
        ix = new int[kx.taps];
        iy = new int[ky.taps];
        iz = new int[kz.taps];
    }

    /** A sampler on the same source with its own scratch space. */
    public VoxelSampler copy() {
        return new VoxelSampler(src, nx, ny, nz, pad, new int[] {ox, oy, oz}, new int[] {rx, ry, 0}, kx, ky, kz, boundary);
    }

    /**
     * True when the continuous index lies in the input box [-0.5, n - 0.5) per axis: half-open, as voxel
     * i owns [i - 0.5, i + 0.5) (ITK's ResampleImageFilter draws the same line). A position within
     * {@link Kernel#SNAP} of an edge counts as on it.
     */
    public static boolean inside(double ci, double cj, double ck, int nx, int ny, int nz) {
        return insideAxis(ci, nx) && insideAxis(cj, ny) && insideAxis(ck, nz);
    }

    /** One axis of {@link #inside}. */
    public static boolean insideAxis(double c, int n) {
        return c >= -0.5 - Kernel.SNAP && c < n - 0.5 - Kernel.SNAP;
    }

    /** Interpolated value at continuous index (ci, cj, ck), or NaN outside the input box. */
    public float sample(double ci, double cj, double ck) {
        if (!inside(ci, cj, ck, nx, ny, nz)) return Float.NaN;
        if (kx.shape == Kernel.Shape.NEAREST && ky.shape == Kernel.Shape.NEAREST && kz.shape == Kernel.Shape.NEAREST) {
            int i = clamp((int) Math.floor(Kernel.snap(ci) + 0.5), nx), j = clamp((int) Math.floor(Kernel.snap(cj) + 0.5), ny);
            int k = clamp((int) Math.floor(Kernel.snap(ck) + 0.5), nz);
            return src[((k + pad - oz) * ry + j + pad - oy) * rx + i + pad - ox];
        }
        int n0 = taps(kx, ci, wx, ix, sx, ox), n1 = taps(ky, cj, wy, iy, sy, oy), n2 = taps(kz, ck, wz, iz, sz, oz);
        double sum = 0;
        for (int c = 0; c < n2; c++) {
            double sy2 = 0;
            for (int b = 0; b < n1; b++) {
                int row = (iz[c] * ry + iy[b]) * rx;
                double sx2 = 0;
                for (int a = 0; a < n0; a++) sx2 += wx[a] * src[row + ix[a]];
                sy2 += wy[b] * sx2;
            }
            sum += wz[c] * sy2;
        }
        return (float) sum;
    }

    /** Weights and resolved source indices (region-local) of one axis; returns the tap count. */
    private int taps(Kernel k, double c, double[] w, int[] idx, int len, int off) {
        int j0 = k.weights(c, w);
        for (int t = 0; t < k.taps; t++) idx[t] = WeightTable.resolve(j0 + t + pad, len, pad, boundary) - off;
        return k.taps;
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
