package org.interslice.core.resample.impl;

import org.interslice.core.resample.Boundary;

/**
 * Label voting at arbitrary continuous indices: each label's weight is the product of the per-axis
 * kernel weights of its voxels under the kernel; the largest wins. One instance per thread
 * ({@link #copy()}); no allocation per sample.
 */
public final class LabelSampler {
    private final int[] labels;
    private final int nx, ny, nz;
    private final Kernel kx, ky, kz;
    private final Boundary boundary;
    private final double[] wx, wy, wz;
    private final int[] ix, iy, iz;
    private final LabelVote vote;
    /** labels hold the region starting at (ox, oy, oz) of size rx * ry * (any) */
    private final int ox, oy, oz, rx, ry;

    /** @param labels nx * ny * nz labels, x fastest; not modified */
    public LabelSampler(int[] labels, int nx, int ny, int nz, Kernel kx, Kernel ky, Kernel kz, Boundary boundary) {
        this(labels, nx, ny, nz, new int[3], new int[] {nx, ny, nz}, kx, ky, kz, boundary);
    }

    /**
     * A sampler of a region: labels hold the voxels {@code regionOff[a] .. regionOff[a] + regionSize[a] - 1}
     * of an nx * ny * nz label map; positions are in the whole map's indices.
     */
    public LabelSampler(int[] labels, int nx, int ny, int nz, int[] regionOff, int[] regionSize, Kernel kx, Kernel ky, Kernel kz, Boundary boundary) {
        this.labels = labels;
        this.ox = regionOff[0];
        this.oy = regionOff[1];
        this.oz = regionOff[2];
        this.rx = regionSize[0];
        this.ry = regionSize[1];
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
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
        vote = new LabelVote(kx.taps * ky.taps * kz.taps);
    }

    public LabelSampler copy() {
        return new LabelSampler(labels, nx, ny, nz, new int[] {ox, oy, oz}, new int[] {rx, ry, 0}, kx, ky, kz, boundary);
    }

    /** True when inside the input box (see {@link VoxelSampler#inside}). */
    public boolean inside(double ci, double cj, double ck) {
        return VoxelSampler.inside(ci, cj, ck, nx, ny, nz);
    }

    /** The winning label at (ci, cj, ck); call only when {@link #inside}. */
    public int sample(double ci, double cj, double ck) {
        int j0 = kx.weights(ci, wx), j1 = ky.weights(cj, wy), j2 = kz.weights(ck, wz);
        for (int t = 0; t < kx.taps; t++) ix[t] = WeightTable.resolve(j0 + t, nx, 0, boundary) - ox;
        for (int t = 0; t < ky.taps; t++) iy[t] = WeightTable.resolve(j1 + t, ny, 0, boundary) - oy;
        for (int t = 0; t < kz.taps; t++) iz[t] = WeightTable.resolve(j2 + t, nz, 0, boundary) - oz;
        vote.reset();
        for (int c = 0; c < kz.taps; c++) {
            if (wz[c] == 0) continue;
            for (int b = 0; b < ky.taps; b++) {
                double w2 = wz[c] * wy[b];
                if (w2 == 0) continue;
                int row = (iz[c] * ry + iy[b]) * rx;
                for (int a = 0; a < kx.taps; a++) if (wx[a] != 0) vote.add(labels[row + ix[a]], w2 * wx[a]);
            }
        }
        return vote.best();
    }
}
