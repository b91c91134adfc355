package org.interslice.learn;

import java.util.Arrays;

/**
 * The intensity map the network works in: v' = (v - low) / (high - low), mapped back exactly by
 * {@link #back}. CT (a volume whose 0.5th percentile is below -500, i.e. air in Hounsfield units) uses the
 * fixed window [-1000, 1000] HU so bone (up to about 3000 HU) lands near 2 and soft tissue keeps its
 * contrast; anything else (MR, display-scaled CT, microscopy) uses its own robust percentiles [0.5 %, 99.5 %].
 * Values outside the window are not clipped: the network sees them and the map back is exact.
 */
public record Intensity(double low, double high, boolean ct) {
    public static final double CT_LOW = -1000, CT_HIGH = 1000;

    public Intensity {
        if (!(high > low)) throw new IllegalArgumentException("intensity window [" + low + ", " + high + "] is empty");
    }

    /** The map for these voxels (a subsample of at most about 200 k values decides). */
    public static Intensity of(float[] v) {
        int n = v.length;
        int step = Math.max(1, n / 200_000);
        float[] s = new float[(n + step - 1) / step];
        int m = 0;
        for (int i = 0; i < n; i += step) s[m++] = v[i];
        s = Arrays.copyOf(s, m);
        Arrays.sort(s);
        double p05 = quantile(s, 0.005), p995 = quantile(s, 0.995);
        if (p05 < -500) return new Intensity(CT_LOW, CT_HIGH, true);
        if (!(p995 > p05)) {
            double lo = s.length == 0 ? 0 : s[0], hi = s.length == 0 ? 1 : s[s.length - 1];
            return hi > lo ? new Intensity(lo, hi, false) : new Intensity(lo, lo + 1, false);
        }
        return new Intensity(p05, p995, false);
    }

    private static double quantile(float[] sorted, double q) {
        if (sorted.length == 0) return 0;
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
    }

    public float scale() {
        return (float) (1.0 / (high - low));
    }

    /** Normalises {@code src[from, from + n)} into {@code dst[to, to + n)}. */
    public void forward(float[] src, int from, float[] dst, int to, int n) {
        float lo = (float) low, k = scale();
        for (int i = 0; i < n; i++) dst[to + i] = (src[from + i] - lo) * k;
    }

    public float back(float v) {
        return (float) (low + v * (high - low));
    }
}
