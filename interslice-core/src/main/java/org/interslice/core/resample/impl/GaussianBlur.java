package org.interslice.core.resample.impl;

import org.interslice.core.exec.Job;
import org.interslice.core.resample.Boundary;

/**
 * Separable discrete Gaussian blur of a flat float volume in place (x fastest), used as the
 * anti-aliasing prefilter of the general (affine) path. The separable path folds the same kernel into
 * its weight tables instead.
 */
public final class GaussianBlur {
    private GaussianBlur() {}

    /**
     * Blurs d (nx * ny * nz, modified) with sigma[a] input voxels along axis a; 0 skips an axis.
     * Kernel: {@link Kernel#discreteGaussian}; edges extended by the boundary rule.
     */
    public static void blur(float[] d, int nx, int ny, int nz, double[] sigma, Boundary b, Job job) {
        blur(d, nx, ny, nz, new int[3], new int[] {nx, ny, nz}, sigma, b, job);
    }

    /**
     * Blurs a region of a larger volume: d holds voxels {@code off[a] .. off[a] + n[a] - 1} of a volume of
     * size whole[a], and the boundary rule applies at the whole's edges. A voxel of the region is blurred
     * exactly (as in the whole volume, bit for bit) when the region holds its neighbours within the
     * kernel radius ({@link #halo}) along each blurred axis, edge rule applied; voxels nearer the region's
     * inner edges get values that are only good as a halo for nothing (they read clamped neighbours).
     */
    public static void blur(float[] d, int nx, int ny, int nz, int[] off, int[] whole, double[] sigma, Boundary b, Job job) {
        final int[] n = {nx, ny, nz};
        for (int axis = 0; axis < 3; axis++) {
            if (!(sigma[axis] > 0) || whole[axis] == 1) continue;
            final double[] g = Kernel.discreteGaussian(sigma[axis]);
            final int len = n[axis], o = off[axis], full = whole[axis];
            final int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
            // lines of this axis are grouped in slabs that own disjoint data
            final int slabs = axis == 2 ? ny : nz;
            final int a = axis;
            job.forEachChunk(slabs, 4, () -> new double[len], (s0, s1, line) -> {
                for (int s = s0; s < s1; s++) {
                    if (a == 2) {
                        for (int x = 0; x < nx; x++) convolve(d, s * nx + x, stride, len, o, full, g, b, line);
                    } else if (a == 1) {
                        for (int x = 0; x < nx; x++) convolve(d, s * nx * ny + x, stride, len, o, full, g, b, line);
                    } else {
                        for (int y = 0; y < ny; y++) convolve(d, (s * ny + y) * nx, stride, len, o, full, g, b, line);
                    }
                }
            });
        }
    }

    /** Input voxels the blur of sigma reads beyond a voxel on each side (the discrete kernel's radius). */
    public static int halo(double sigma) {
        return sigma > 0 ? Kernel.discreteGaussian(sigma).length / 2 : 0;
    }

    /** One line of len samples, sample i being index o + i of a line of full samples. */
    private static void convolve(float[] d, int off, int stride, int len, int o, int full, double[] g, Boundary b, double[] line) {
        int r = g.length / 2;
        for (int i = 0; i < len; i++) line[i] = d[off + i * stride];
        for (int i = 0; i < len; i++) {
            double s = 0;
            for (int m = -r; m <= r; m++) {
                int q = i - m;
                if (q < 0 || q >= len) {
                    // the whole line's edge rule; a neighbour outside the region is only read by halo voxels
                    q = WeightTable.resolve(o + q, full, 0, b) - o;
                    if (q < 0) q = 0;
                    else if (q >= len) q = len - 1;
                }
                s += g[m + r] * line[q];
            }
            d[off + i * stride] = (float) s;
        }
    }
}
