package org.interslice.core.register;

/**
 * Bilinear warping of one 2D image by a displacement field: {@code out(x, y) = src(x + s u(x, y),
 * y + s v(x, y))}, coordinates clamped to the image (edge values repeat outside it, as scipy's
 * {@code map_coordinates(order=1, mode='nearest')}). Images are flat float arrays, x fastest:
 * index = x + nx * y.
 */
public final class Warp {
    private Warp() {
    }

    /**
     * Warps rows [y0, y1) of {@code src} by {@code scale} times the field (u along x, v along y, in pixels)
     * into the same rows of {@code out}. Nothing is allocated; src, u, v are not modified.
     */
    public static void bilinear(float[] src, int nx, int ny, float[] u, float[] v, float scale, float[] out, int y0, int y1) {
        final float maxX = nx - 1, maxY = ny - 1;
        for (int y = y0; y < y1; y++) {
            final int row = y * nx;
            for (int x = 0; x < nx; x++) {
                final int i = row + x;
                out[i] = sample(src, nx, ny, maxX, maxY, x + scale * u[i], y + scale * v[i]);
            }
        }
    }

    /** Warps the whole image; see {@link #bilinear(float[], int, int, float[], float[], float, float[], int, int)}. */
    public static void bilinear(float[] src, int nx, int ny, float[] u, float[] v, float scale, float[] out) {
        bilinear(src, nx, ny, u, v, scale, out, 0, ny);
    }

    /** src at the continuous position (cx, cy), clamped to [0, nx-1] x [0, ny-1]. */
    static float sample(float[] src, int nx, int ny, float maxX, float maxY, float cx, float cy) {
        // NaN coordinates fall to the edge via the comparisons (a bad field must not give NaN pixels)
        if (!(cx > 0)) cx = 0; else if (cx > maxX) cx = maxX;
        if (!(cy > 0)) cy = 0; else if (cy > maxY) cy = maxY;
        int x0 = (int) cx, y0 = (int) cy;
        float fx = cx - x0, fy = cy - y0;
        int x1 = x0 < nx - 1 ? x0 + 1 : x0, y1 = y0 < ny - 1 ? y0 + 1 : y0;
        int r0 = y0 * nx, r1 = y1 * nx;
        float top = src[r0 + x0] + fx * (src[r0 + x1] - src[r0 + x0]);
        float bottom = src[r1 + x0] + fx * (src[r1 + x1] - src[r1 + x0]);
        return top + fy * (bottom - top);
    }

    /**
     * Warps {@code src} (nx x ny) by a 2D affine: {@code out(x, y) = src(h (x, y))}, h a homogeneous 3x3
     * (row-major, see {@link Affine2D}) in pixel coordinates; bilinear, edges repeat outside the image. When
     * {@code inside} is not null, it gets 1 where h (x, y) lies inside [0, nx-1] x [0, ny-1] (the pixel saw
     * the image) and 0 elsewhere. The identity copies src exactly. Nothing is allocated; src not modified.
     */
    public static void affine(float[] src, int nx, int ny, double[] h, float[] out, byte[] inside) {
        final float maxX = nx - 1, maxY = ny - 1;
        for (int y = 0; y < ny; y++) {
            // the row's start and step in source coordinates (the map is affine along the row)
            double sx = h[1] * y + h[2], sy = h[4] * y + h[5];
            final int row = y * nx;
            for (int x = 0; x < nx; x++) {
                double cx = sx + h[0] * x, cy = sy + h[3] * x;
                out[row + x] = sample(src, nx, ny, maxX, maxY, (float) cx, (float) cy);
                if (inside != null)
                    inside[row + x] = seen(cx, cy, maxX, maxY);
            }
        }
    }

    /** 1 when the source position (cx, cy) lies inside [0, maxX] x [0, maxY] within 1e-6 px (the pixel saw the image), else 0. */
    private static byte seen(double cx, double cy, float maxX, float maxY) {
        return (byte) (cx >= -1e-6 && cx <= maxX + 1e-6 && cy >= -1e-6 && cy <= maxY + 1e-6 ? 1 : 0);
    }

    /**
     * Warps {@code src} by a 2D affine with nearest neighbour, for label maps: {@code out[o + (x, y)] =
     * src(round(h (x, y)))}, the source position clamped into the image, so every output value is one of
     * src's. The identity copies src exactly. Nothing is allocated; src not modified.
     */
    public static void affineNearest(float[] src, int nx, int ny, double[] h, int[] out, int o) {
        for (int y = 0; y < ny; y++) {
            double sx = h[1] * y + h[2], sy = h[4] * y + h[5];
            final int row = y * nx;
            for (int x = 0; x < nx; x++) out[o + row + x] = (int) src[nearest(sx + h[0] * x, sy + h[3] * x, nx, ny)];
        }
    }

    /**
     * {@link #affineNearest(float[], int, int, double[], int[], int)} of int labels: every label kept exactly
     * (a float holds integers only up to 2^24).
     */
    public static void affineNearest(int[] src, int nx, int ny, double[] h, int[] out, int o) {
        for (int y = 0; y < ny; y++) {
            double sx = h[1] * y + h[2], sy = h[4] * y + h[5];
            final int row = y * nx;
            for (int x = 0; x < nx; x++) out[o + row + x] = src[nearest(sx + h[0] * x, sy + h[3] * x, nx, ny)];
        }
    }

    /** Index of the pixel nearest to source position (sx, sy), clamped into an nx by ny image. */
    private static int nearest(double sx, double sy, int nx, int ny) {
        long cx = Math.round(sx), cy = Math.round(sy);
        int ix = cx < 0 ? 0 : (cx >= nx ? nx - 1 : (int) cx), iy = cy < 0 ? 0 : (cy >= ny ? ny - 1 : (int) cy);
        return iy * nx + ix;
    }

    /**
     * An affine after a displacement field: {@code out(x) = src(h (x + s f(x)))}, f = (u, v) in pixels read at
     * the output pixel itself; inside as in {@link #affine}. Nothing is allocated; inputs not modified.
     */
    public static void affineAfterField(float[] src, int nx, int ny, double[] h, float[] u, float[] v, float s, float[] out, byte[] inside) {
        final float maxX = nx - 1, maxY = ny - 1;
        for (int y = 0; y < ny; y++) {
            final int row = y * nx;
            for (int x = 0; x < nx; x++) {
                final int i = row + x;
                double px = x + s * u[i], py = y + s * v[i];
                double cx = h[0] * px + h[1] * py + h[2], cy = h[3] * px + h[4] * py + h[5];
                out[i] = sample(src, nx, ny, maxX, maxY, (float) cx, (float) cy);
                if (inside != null) inside[i] = seen(cx, cy, maxX, maxY);
            }
        }
    }

    /**
     * A displacement field after an affine: {@code z = h x}, {@code out(x) = src(z + s f(z))}, f = (u, v) in
     * pixels sampled bilinearly at z; inside as in {@link #affine}. Nothing is allocated; inputs not modified.
     */
    public static void fieldAfterAffine(float[] src, int nx, int ny, double[] h, float[] u, float[] v, float s, float[] out, byte[] inside) {
        final float maxX = nx - 1, maxY = ny - 1;
        for (int y = 0; y < ny; y++) {
            double sx = h[1] * y + h[2], sy = h[4] * y + h[5];
            final int row = y * nx;
            for (int x = 0; x < nx; x++) {
                float zx = (float) (sx + h[0] * x), zy = (float) (sy + h[3] * x);
                float cx = zx + s * sample(u, nx, ny, maxX, maxY, zx, zy), cy = zy + s * sample(v, nx, ny, maxX, maxY, zx, zy);
                out[row + x] = sample(src, nx, ny, maxX, maxY, cx, cy);
                if (inside != null) inside[row + x] = seen(cx, cy, maxX, maxY);
            }
        }
    }
}
