package org.interslice.core.resample.impl;

import org.interslice.core.resample.Boundary;

/**
 * Per-axis weights of a separable resampling pass, computed once per axis: output sample {@code o}
 * reads source indices {@code start[o] .. start[o] + taps - 1} with weights {@code w[o * taps + t]}.
 * Boundary extension and an optional Gaussian prefilter are folded into the weights, so a pass is a
 * plain gather over contiguous indices. Outputs whose position lies outside the input box are outside
 * {@code [lo, hi)} and must get the default value.
 */
public final class WeightTable {
    public final int nOut;
    public final int taps;
    public final int[] start;
    public final float[] w;
    /** Outputs lo <= o < hi lie inside the input box; the others get the default value. */
    public final int lo, hi;
    /** True when every inside output is a single weight of exactly 1 (a copy). */
    public final boolean copy;

    private WeightTable(int nOut, int taps, int[] start, float[] w, int lo, int hi, boolean copy) {
        this.nOut = nOut;
        this.taps = taps;
        this.start = start;
        this.w = w;
        this.lo = lo;
        this.hi = hi;
        this.copy = copy;
    }

    /**
     * Builds the table of output positions {@code c(o) = c0 + o * dc} (continuous input index, voxel
     * centres at integers) over an input axis of n voxels.
     *
     * @param kernel interpolation kernel
     * @param aaSigma sigma (input voxels) of a discrete Gaussian applied to the source before
     *        interpolation, 0 for none
     * @param boundary extension rule for taps past the edges (when pad is 0)
     * @param pad the source holds pad extra samples at each end (B-spline coefficients); taps are then
     *        clamped to the padded range, and indices in the table include the pad
     */
    public static WeightTable build(int nOut, double c0, double dc, int n, Kernel kernel, double aaSigma, Boundary boundary, int pad) {
        return build(nOut, null, c0, dc, n, kernel, aaSigma, boundary, pad);
    }

    /**
     * As {@link #build(int, double, double, int, Kernel, double, Boundary, int)} for output positions given
     * one by one: {@code c[o]} (continuous input index of output o), e.g. the slices of an unevenly
     * spaced input seen from an evenly spaced output.
     */
    public static WeightTable build(double[] c, int n, Kernel kernel, double aaSigma, Boundary boundary, int pad) {
        return build(c.length, c, 0, 0, n, kernel, aaSigma, boundary, pad);
    }

    private static WeightTable build(int nOut, double[] cs, double c0, double dc, int n, Kernel kernel, double aaSigma, Boundary boundary, int pad) {
        int len = n + 2 * pad;
        double[] g = aaSigma > 0 ? Kernel.discreteGaussian(aaSigma) : new double[] {1};
        int gr = g.length / 2;
        double[] kw = new double[kernel.taps];
        double[] acc = new double[len];
        int[] starts = new int[nOut];
        double[][] rows = new double[nOut][];
        int lo = nOut, hi = 0, maxTaps = 1;
        boolean copy = true;
        for (int o = 0; o < nOut; o++) {
            double c = cs != null ? cs[o] : c0 + o * dc;
            // inside the input box: [-0.5, n - 0.5), half-open as voxel i owns [i - 0.5, i + 0.5) (ITK's
            // rule too); the snap tolerance widens the low edge and narrows the high one
            if (!VoxelSampler.insideAxis(c, n)) { rows[o] = new double[0]; continue; }
            if (o < lo) lo = o;
            hi = o + 1;
            int j0 = kernel.weights(c, kw);
            int mn = len, mx = -1;
            for (int t = 0; t < kernel.taps; t++) {
                if (kw[t] == 0) continue;
                int r = resolve(j0 + t + pad, len, pad, boundary);
                for (int m = -gr; m <= gr; m++) {
                    int q = gr == 0 ? r : resolve(r - m, len, pad, boundary);
                    acc[q] += kw[t] * g[m + gr];
                    if (q < mn) mn = q;
                    if (q > mx) mx = q;
                }
            }
            // trim zero weights at the ends so tables stay narrow
            while (mn < mx && acc[mn] == 0) mn++;
            while (mx > mn && acc[mx] == 0) mx--;
            double[] row = new double[mx - mn + 1];
            for (int q = mn; q <= mx; q++) {
                row[q - mn] = acc[q];
                acc[q] = 0;
            }
            if (row.length != 1 || row[0] != 1) copy = false;
            rows[o] = row;
            starts[o] = mn;
            maxTaps = Math.max(maxTaps, row.length);
        }
        if (lo >= hi) { lo = 0; hi = 0; }
        // rows near the end may not fit maxTaps from their start: shift the start left
        float[] w = new float[nOut * maxTaps];
        for (int o = 0; o < nOut; o++) {
            double[] row = rows[o];
            int s = starts[o];
            int shift = Math.max(0, s + maxTaps - len);
            s -= shift;
            if (s < 0) throw new IllegalStateException("table wider than the source");
            starts[o] = s;
            for (int t = 0; t < row.length; t++) w[o * maxTaps + shift + t] = (float) row[t];
        }
        return new WeightTable(nOut, maxTaps, starts, w, lo, hi, copy && lo < hi);
    }

    /**
     * The rows of outputs {@code o0 .. o0 + m - 1} of this table as a table of m outputs whose source
     * indices are shifted by {@code -shift} (a block of the output read from a region of the source that
     * starts at {@code shift}). Same taps and weights, so a pass over the slice gives bit for bit the
     * values of the same outputs of a pass over the whole table. Rows outside [lo, hi) keep start 0.
     */
    public WeightTable slice(int o0, int m, int shift) {
        if (o0 < 0 || m < 1 || o0 + m > nOut) throw new IllegalArgumentException("rows " + o0 + ".." + (o0 + m) + " outside 0.." + nOut);
        int[] st = new int[m];
        float[] wt = new float[m * taps];
        int l = Math.max(0, Math.min(m, lo - o0)), h = Math.max(l, Math.min(m, hi - o0));
        for (int o = l; o < h; o++) st[o] = start[o0 + o] - shift;
        System.arraycopy(w, o0 * taps, wt, 0, m * taps);
        return new WeightTable(m, taps, st, wt, l, h, copy && l < h);
    }

    /**
     * Source indices read by the inside rows of outputs o0 .. o0 + m - 1: {first, end}, or null when
     * none of them is inside (nothing is read).
     */
    public int[] reads(int o0, int m) {
        int first = Integer.MAX_VALUE, end = Integer.MIN_VALUE;
        for (int o = Math.max(lo, o0); o < Math.min(hi, o0 + m); o++) {
            first = Math.min(first, start[o]);
            end = Math.max(end, start[o] + taps);
        }
        return first == Integer.MAX_VALUE ? null : new int[] {first, end};
    }

    /** Maps a (padded) source index into [0, len): clamp when padded, else the boundary rule. */
    static int resolve(int q, int len, int pad, Boundary b) {
        if (q >= 0 && q < len) return q;
        if (pad > 0 || b == Boundary.NEAREST || len == 1) return q < 0 ? 0 : len - 1;
        return mirror(q, len);
    }

    /** Whole-sample mirror of index q into [0, n), n >= 2. */
    public static int mirror(int q, int n) {
        int period = 2 * n - 2;
        q = Math.floorMod(q, period);
        return q < n ? q : period - q;
    }
}
