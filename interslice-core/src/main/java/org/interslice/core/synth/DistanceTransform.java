package org.interslice.core.synth;

/**
 * Exact 2D Euclidean distance transform in millimetres, separable (Felzenszwalb and Huttenlocher,
 * "Distance Transforms of Sampled Functions", Theory of Computing 8, 2012): a row pass finds the
 * nearest feature pixel along x, then a column pass takes the lower envelope of parabolas
 * {@code sy^2 (y - q)^2 + g(q)}, which is exact for the squared Euclidean distance with anisotropic
 * pixel spacing. Same definition as {@code scipy.ndimage.distance_transform_edt(input, sampling=(sy, sx))}:
 * the distance of each pixel to the nearest feature pixel (a feature pixel has distance 0), and pixels
 * beyond the image do not exist. With no feature pixel at all every distance is +infinity.
 *
 * <p>Works on a rectangular region of a larger row-major slice, so per-label work stays inside the
 * label's bounding box. Not thread-safe: one instance (its scratch buffers) per thread.
 */
public final class DistanceTransform {
    private double[] f = new double[0], d = new double[0], z = new double[0];
    private int[] v = new int[0];
    private float[] sq = new float[0];

    /**
     * Squared distances (mm^2) of every pixel of the region to the nearest pixel whose label equals (or,
     * with {@code featureIsId == false}, differs from) {@code id}.
     *
     * @param ids         row-major slice of labels, {@code width} pixels per row; read from {@code offset}
     * @param offset      index of the slice's first pixel in {@code ids}
     * @param width       slice width (row stride)
     * @param x0          region's first column
     * @param y0          region's first row
     * @param w           region width
     * @param h           region height
     * @param featureIsId true: features are pixels with id {@code id}; false: pixels with another id
     * @param sxMm        pixel spacing along x
     * @param syMm        pixel spacing along y
     * @param out         w * h squared distances, region row-major; overwritten
     */
    public void squared(int[] ids, int offset, int width, int x0, int y0, int w, int h, int id, boolean featureIsId,
                        double sxMm, double syMm, float[] out) {
        squared(ids, offset, width, x0, y0, w, h, id, featureIsId, sxMm, syMm, out, 0);
    }

    /** As {@link #squared(int[], int, int, int, int, int, int, int, boolean, double, double, float[])}, written to out from {@code oo}. */
    void squared(int[] ids, int offset, int width, int x0, int y0, int w, int h, int id, boolean featureIsId,
                 double sxMm, double syMm, float[] out, int oo) {
        final float inf = Float.POSITIVE_INFINITY;
        // Work in units of sy^2, so with square pixels every squared distance is an exact integer and equal
        // distances compare equal (ties between labels are then broken by rule, not by rounding).
        final float rx = (float) ((sxMm * sxMm) / (syMm * syMm));
        // row pass: distance along x to the nearest feature in the row (two scans), squared
        for (int y = 0; y < h; y++) {
            int row = offset + (y0 + y) * width + x0, o = oo + y * w;
            int last = -1;
            for (int x = 0; x < w; x++) {
                boolean feature = (ids[row + x] == id) == featureIsId;
                if (feature) last = x;
                out[o + x] = last < 0 ? inf : (float) (x - last);
            }
            last = -1;
            for (int x = w - 1; x >= 0; x--) {
                boolean feature = (ids[row + x] == id) == featureIsId;
                if (feature) last = x;
                float a = out[o + x];
                if (last >= 0 && last - x < a) a = last - x;
                out[o + x] = a == inf ? inf : a * a * rx;
            }
        }
        // column pass: lower envelope of parabolas along y
        grow(h);
        final double sy2 = syMm * syMm;
        for (int x = 0; x < w; x++) {
            for (int y = 0, i = oo + x; y < h; y++, i += w) f[y] = out[i];
            envelope(h, 1.0);
            for (int y = 0, i = oo + x; y < h; y++, i += w) out[i] = (float) (d[y] * sy2);
        }
    }

    /**
     * Signed distance, mm, of every region pixel to the boundary of the label {@code id}: inside the
     * label (id equal) the distance to the nearest pixel outside it, outside the negated distance to
     * the nearest pixel inside it, i.e. {@code edt(inside) - edt(outside)} in scipy's terms. Results
     * are clamped to [-clampMm, clampMm] (infinite distances, e.g. a label filling the whole slice,
     * become the clamp).
     *
     * @param out w * h values, region row-major; overwritten
     */
    public void signed(int[] ids, int offset, int width, int x0, int y0, int w, int h, int id, double sxMm, double syMm,
                       float clampMm, float[] out) {
        signed(ids, offset, width, x0, y0, w, h, id, sxMm, syMm, clampMm, out, 0);
    }

    /** As {@link #signed(int[], int, int, int, int, int, int, int, double, double, float, float[])}, written to out from {@code oo}. */
    void signed(int[] ids, int offset, int width, int x0, int y0, int w, int h, int id, double sxMm, double syMm,
                float clampMm, float[] out, int oo) {
        int n = w * h;
        if (sq.length < n) sq = new float[n];
        squared(ids, offset, width, x0, y0, w, h, id, false, sxMm, syMm, out, oo);   // inside pixels: to the outside
        squared(ids, offset, width, x0, y0, w, h, id, true, sxMm, syMm, sq, 0);      // outside pixels: to the inside
        for (int y = 0, j = 0; y < h; y++) {
            int row = offset + (y0 + y) * width + x0;
            for (int x = 0; x < w; x++, j++) {
                int i = oo + j;
                float s = ids[row + x] == id ? (float) Math.sqrt((double) out[i]) : -(float) Math.sqrt((double) sq[j]);
                out[i] = s > clampMm ? clampMm : (s < -clampMm ? -clampMm : s);
            }
        }
    }

    private void grow(int n) {
        if (f.length < n) {
            f = new double[n];
            d = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }
    }

    /** d[p] = min over q of wy (p - q)^2 + f[q], for p, q in [0, n); infinite f are not sites. */
    private void envelope(int n, double wy) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            double fq = f[q];
            if (fq == Double.POSITIVE_INFINITY) continue;
            double s = Double.NEGATIVE_INFINITY;
            while (k >= 0) {
                int r = v[k];
                // where the parabola from q starts to lie below the one from r
                s = ((fq + wy * q * q) - (f[r] + wy * r * r)) / (2 * wy * (q - r));
                if (s > z[k]) break;
                k--;
            }
            k++;
            v[k] = q;
            z[k] = k == 0 ? Double.NEGATIVE_INFINITY : s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        if (k < 0) {
            for (int p = 0; p < n; p++) d[p] = Double.POSITIVE_INFINITY;
            return;
        }
        k = 0;
        for (int p = 0; p < n; p++) {
            while (z[k + 1] < p) k++;
            int r = v[k];
            d[p] = wy * (p - r) * (p - r) + f[r];
        }
    }
}
