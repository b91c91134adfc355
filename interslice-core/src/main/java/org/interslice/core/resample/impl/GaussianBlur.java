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
        final int[] n = {nx, ny, nz};
        for (int axis = 0; axis < 3; axis++) {
            if (!(sigma[axis] > 0) || n[axis] == 1) continue;
            final double[] g = Kernel.discreteGaussian(sigma[axis]);
            final int len = n[axis];
            final int stride = axis == 0 ? 1 : axis == 1 ? nx : nx * ny;
            // lines of this axis are grouped in slabs that own disjoint data
            final int slabs = axis == 2 ? ny : nz;
            final int a = axis;
            job.forEachChunk(slabs, 4, () -> new double[len], (s0, s1, line) -> {
                for (int s = s0; s < s1; s++) {
                    if (a == 2) {
                        for (int x = 0; x < nx; x++) convolve(d, s * nx + x, stride, len, g, b, line);
                    } else if (a == 1) {
                        for (int x = 0; x < nx; x++) convolve(d, s * nx * ny + x, stride, len, g, b, line);
                    } else {
                        for (int y = 0; y < ny; y++) convolve(d, (s * ny + y) * nx, stride, len, g, b, line);
                    }
                }
            });
        }
    }

    private static void convolve(float[] d, int off, int stride, int len, double[] g, Boundary b, double[] line) {
        int r = g.length / 2;
        for (int i = 0; i < len; i++) line[i] = d[off + i * stride];
        for (int i = 0; i < len; i++) {
            double s = 0;
            for (int m = -r; m <= r; m++) {
                int q = i - m;
                if (q < 0 || q >= len) q = WeightTable.resolve(q, len, 0, b);
                s += g[m + r] * line[q];
            }
            d[off + i * stride] = (float) s;
        }
    }
}
