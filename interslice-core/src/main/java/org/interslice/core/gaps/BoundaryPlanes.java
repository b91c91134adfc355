package org.interslice.core.gaps;

import java.util.Arrays;
import org.interslice.core.evaluate.Otsu;

/**
 * The boundary-plane steps of {@link ZMorph}: the foreground threshold and fractions, the central-region
 * NCC after percentile clipping, and the slab around a chosen plane. Planes are flat float arrays, x fastest.
 */
final class BoundaryPlanes {
    private BoundaryPlanes() {
    }

    /** Otsu's threshold of the given planes together; NaN when they hold a single value (nothing to separate). */
    static double otsu(float[][] planes, int[] which, int n) {
        int count = 0;
        for (int w : which) if (w >= 0) count++;
        float[] all = new float[count * n];
        int o = 0;
        for (int w : which) {
            if (w < 0) continue;
            System.arraycopy(planes[w], 0, all, o, n);
            o += n;
        }
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (float v : all) {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (!(max > min)) return Double.NaN;
        try {
            return Otsu.threshold(all);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /** Fraction of the plane's pixels above the threshold (0 for a NaN threshold). */
    static double foregroundFraction(float[] plane, int n, double threshold) {
        if (Double.isNaN(threshold)) return 0;
        long c = 0;
        for (int i = 0; i < n; i++) if (plane[i] > threshold) c++;
        return (double) c / n;
    }

    /** The central region's bounds {x0, x1, y0, y1} (half-open) for a margin fraction of the smaller side. */
    static int[] roi(int nx, int ny, double marginFraction) {
        int m = (int) (Math.min(nx, ny) * marginFraction);
        if (nx - 2 * m < 2 || ny - 2 * m < 2) m = 0;
        return new int[] {m, nx - m, m, ny - m};
    }

    /**
     * The plane's central region, clipped to the low and high percentiles of its foreground values (all values
     * when it has no foreground there), scaled to [0, 1], then made zero-mean and unit-variance; the NCC of two
     * such arrays is the mean of their product.
     */
    static float[] normalised(float[] plane, int nx, int[] roi, double threshold, double lowPct, double highPct) {
        int w = roi[1] - roi[0], h = roi[3] - roi[2];
        float[] r = new float[w * h];
        for (int y = 0; y < h; y++) System.arraycopy(plane, (roi[2] + y) * nx + roi[0], r, y * w, w);
        int fg = 0;
        float[] sorted = new float[r.length];
        for (float v : r) if (!Double.isNaN(threshold) && v > threshold) sorted[fg++] = v;
        if (fg == 0) {
            System.arraycopy(r, 0, sorted, 0, r.length);
            fg = r.length;
        }
        Arrays.sort(sorted, 0, fg);
        double lo = percentile(sorted, fg, lowPct), hi = percentile(sorted, fg, highPct);
        double scale = 1 / Math.max(hi - lo, 1e-8);
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            double v = (r[i] - lo) * scale;
            r[i] = (float) (v < 0 ? 0 : (v > 1 ? 1 : v));
            sum += r[i];
        }
        double mean = sum / r.length, ss = 0;
        for (float v : r) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / r.length) + 1e-8;
        for (int i = 0; i < r.length; i++) r[i] = (float) ((r[i] - mean) / sd);
        return r;
    }

    /** Mean of the product of two normalised regions: their NCC. */
    static double ncc(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s / a.length;
    }

    /** The NCC of two planes on the central region after clipping (both normalised as {@link #normalised}). */
    static double ncc(float[] a, float[] b, int nx, int[] roi, double threshold, ConfigZMorph c) {
        return ncc(normalised(a, nx, roi, threshold, c.clipLowPercentile, c.clipHighPercentile),
                normalised(b, nx, roi, threshold, c.clipLowPercentile, c.clipHighPercentile));
    }

    /** Linear-interpolated percentile (numpy's default) of the first n sorted values. */
    static double percentile(float[] sorted, int n, double pct) {
        if (n == 1) return sorted[0];
        double pos = pct / 100 * (n - 1);
        int i = (int) Math.floor(pos);
        if (i >= n - 1) return sorted[n - 1];
        double f = pos - i;
        return sorted[i] + f * (sorted[i + 1] - sorted[i]);
    }

    /** Mean of the planes [z - slab/2, z + slab/2] clamped to [0, planes.length). */
    static float[] slab(float[][] planes, int z, int slabPlanes, int n) {
        int half = Math.max(1, slabPlanes) / 2;
        int lo = Math.max(0, z - half), hi = Math.min(planes.length - 1, z + half);
        float[] out = new float[n];
        double[] acc = new double[n];
        for (int k = lo; k <= hi; k++) for (int i = 0; i < n; i++) acc[i] += planes[k][i];
        double inv = 1.0 / (hi - lo + 1);
        for (int i = 0; i < n; i++) out[i] = (float) (acc[i] * inv);
        return out;
    }
}
