package org.interslice.core.register;

/**
 * A robust intensity window of a pair of images, for putting both on the [0, 1] scale the flow
 * expects: the given low and high percentiles of all finite values of both images together, read from a
 * histogram (so no copy is sorted). One window for both images keeps their relative brightness, which
 * the flow's data term compares.
 */
public final class IntensityWindow {
    /** Histogram bins; the window is exact to (max - min) / BINS. */
    public static final int BINS = 4096;

    private IntensityWindow() {
    }

    /**
     * Writes {low value, high value} of the n values of a from offset ao and of b from offset bo into
     * {@code out}; {@code hist} is scratch of at least {@link #BINS} ints. A constant pair gives
     * {value, value + 1}.
     */
    public static void of(float[] a, int ao, float[] b, int bo, int n, double lowPercentile, double highPercentile, int[] hist, double[] out) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            if (x < min) min = x;
            if (x > max) max = x;
            if (y < min) min = y;
            if (y > max) max = y;
        }
        if (!(max > min)) {   // constant (or no finite value)
            double c = min <= max ? min : 0;
            out[0] = c;
            out[1] = c + 1;
            return;
        }
        java.util.Arrays.fill(hist, 0, BINS, 0);
        final double scale = BINS / ((double) max - min);
        long count = 0;
        for (int i = 0; i < n; i++) {
            float x = a[ao + i], y = b[bo + i];
            if (x >= min && x <= max) { hist[Math.min(BINS - 1, (int) ((x - min) * scale))]++; count++; }
            if (y >= min && y <= max) { hist[Math.min(BINS - 1, (int) ((y - min) * scale))]++; count++; }
        }
        double lo = min + bin(hist, count, lowPercentile) / scale;
        double hi = min + (bin(hist, count, highPercentile) + 1) / scale;
        if (!(hi > lo)) hi = lo + (max - min) / (double) BINS;
        out[0] = lo;
        out[1] = hi;
    }

    /** First bin whose cumulative count reaches the percentile. */
    private static int bin(int[] hist, long count, double percentile) {
        double target = percentile / 100 * count;
        long c = 0;
        for (int k = 0; k < BINS; k++) {
            c += hist[k];
            if (c >= target && c > 0) return k;
        }
        return BINS - 1;
    }

    /** out[i] = clamp((src[off + i] - low) / (high - low), 0, 1) for i < n; NaN maps to 0. */
    public static void normalise(float[] src, int off, int n, double low, double high, float[] out) {
        final float lo = (float) low, s = (float) (1 / (high - low));
        for (int i = 0; i < n; i++) {
            float x = (src[off + i] - lo) * s;
            out[i] = x > 0 ? Math.min(x, 1f) : 0f;
        }
    }
}
