package org.interslice.core.register;

/**
 * Image pyramid steps as scikit-image builds them for its optical flow ({@code pyramid_reduce} with
 * downscale 2): a Gaussian blur with sigma 2/3 (radius 3, scipy's 'reflect' edges, rows then columns),
 * then linear resampling to ceil(n / 2) per axis with pixel edges aligned
 * ({@code ndimage.zoom(order=1, grid_mode=True)}); and the flow upsampling between levels
 * ({@code ndimage.zoom(order=0)} with corners aligned, values scaled by the size ratio). Flat float
 * arrays, x fastest. Work arrays are given by the caller; nothing is allocated.
 */
public final class Pyramid {
    /** Gaussian sigma of the reduce step, pixels of the finer level (scikit-image: 2 * downscale / 6). */
    static final double SIGMA = 2.0 / 3.0;
    /** Kernel radius: scipy's int(truncate * sigma + 0.5) with truncate 4. */
    static final int RADIUS = 3;
    private static final double[] KERNEL = kernel();

    private Pyramid() {
    }

    private static double[] kernel() {
        double[] k = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) sum += k[i + RADIUS] = Math.exp(-0.5 * i * i / (SIGMA * SIGMA));
        for (int i = 0; i < k.length; i++) k[i] /= sum;
        return k;
    }

    /** Size of the next coarser level along one axis. */
    public static int reducedSize(int n) {
        return (n + 1) / 2;
    }

    /** scipy 'reflect' (half-sample symmetric) index for i in [-n, 2n). */
    private static int reflect(int i, int n) {
        if (i < 0) return -i - 1;
        if (i >= n) return 2 * n - 1 - i;
        return i;
    }

    /**
     * Writes the next coarser level of {@code src} (nx x ny) into {@code dst} (reducedSize(nx) x
     * reducedSize(ny)); {@code tmp} (at least nx * ny) and {@code tmp2} (at least nx * ny) are scratch.
     */
    public static void reduce(float[] src, int nx, int ny, float[] dst, float[] tmp, float[] tmp2) {
        final double[] k = KERNEL;
        // blur along y (rows of the numpy array are y: scipy filters axis 0 first), stored as float like scipy
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int j = -RADIUS; j <= RADIUS; j++) s += k[j + RADIUS] * src[reflect(y + j, ny) * nx + x];
                tmp[y * nx + x] = (float) s;
            }
        }
        for (int y = 0; y < ny; y++) {
            final int row = y * nx;
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int j = -RADIUS; j <= RADIUS; j++) s += k[j + RADIUS] * tmp[row + reflect(x + j, nx)];
                tmp2[row + x] = (float) s;
            }
        }
        final int mx = reducedSize(nx), my = reducedSize(ny);
        final double sx = (double) nx / mx, sy = (double) ny / my;
        for (int oy = 0; oy < my; oy++) {
            double cy = Math.max(0, (oy + 0.5) * sy - 0.5);
            int y0 = Math.min((int) cy, ny - 1), y1 = Math.min(y0 + 1, ny - 1);
            double fy = cy - y0;
            for (int ox = 0; ox < mx; ox++) {
                double cx = Math.max(0, (ox + 0.5) * sx - 0.5);
                int x0 = Math.min((int) cx, nx - 1), x1 = Math.min(x0 + 1, nx - 1);
                double fx = cx - x0;
                double v = (1 - fy) * ((1 - fx) * tmp2[y0 * nx + x0] + fx * tmp2[y0 * nx + x1])
                        + fy * ((1 - fx) * tmp2[y1 * nx + x0] + fx * tmp2[y1 * nx + x1]);
                dst[oy * mx + ox] = (float) v;
            }
        }
    }

    /**
     * Upsamples a flow component from (cx x cy) to (fx x fy) by nearest neighbour with corners aligned,
     * multiplying the values by {@code factor} (fine size / coarse size along the component's axis).
     */
    public static void upsampleFlow(float[] coarse, int cx, int cy, float[] fine, int fx, int fy, float factor) {
        final double zx = fx > 1 ? (double) (cx - 1) / (fx - 1) : 0, zy = fy > 1 ? (double) (cy - 1) / (fy - 1) : 0;
        for (int y = 0; y < fy; y++) {
            int sy = Math.min((int) Math.floor(y * zy + 0.5), cy - 1);
            final int srow = sy * cx, row = y * fx;
            for (int x = 0; x < fx; x++) {
                int sx = Math.min((int) Math.floor(x * zx + 0.5), cx - 1);
                fine[row + x] = factor * coarse[srow + sx];
            }
        }
    }

    /**
     * Upsamples a flow component from (cx x cy) to (fx x fy) bilinearly with pixel edges aligned,
     * multiplying the values by {@code factor}; used when the finest levels are skipped.
     */
    public static void upsampleFlowLinear(float[] coarse, int cx, int cy, float[] fine, int fx, int fy, float factor) {
        final double sx = (double) cx / fx, sy = (double) cy / fy;
        for (int y = 0; y < fy; y++) {
            double py = Math.min(Math.max(0, (y + 0.5) * sy - 0.5), cy - 1);
            int y0 = (int) py, y1 = Math.min(y0 + 1, cy - 1);
            float wy = (float) (py - y0);
            final int r0 = y0 * cx, r1 = y1 * cx, row = y * fx;
            for (int x = 0; x < fx; x++) {
                double px = Math.min(Math.max(0, (x + 0.5) * sx - 0.5), cx - 1);
                int x0 = (int) px, x1 = Math.min(x0 + 1, cx - 1);
                float wx = (float) (px - x0);
                float top = coarse[r0 + x0] + wx * (coarse[r0 + x1] - coarse[r0 + x0]);
                float bottom = coarse[r1 + x0] + wx * (coarse[r1 + x1] - coarse[r1 + x0]);
                fine[row + x] = factor * (top + wy * (bottom - top));
            }
        }
    }
}
