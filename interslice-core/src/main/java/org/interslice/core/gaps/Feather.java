package org.interslice.core.gaps;

import org.interslice.core.exec.Job;
import org.interslice.core.resample.Boundary;
import org.interslice.core.resample.impl.GaussianBlur;
import org.interslice.core.synth.DistanceTransform;

/**
 * The Gaussian-feathered cross-fade of two warped surfaces at depth alpha. Where both have foreground, each
 * is weighted by its z-weight ((1 - alpha) before, alpha after) times its feather: the distance to its own
 * foreground edge, Gaussian-smoothed, so a surface fades out toward the edge of its tissue instead of
 * leaving a seam. Elsewhere (one side's foreground only, or background) the plain cross-fade
 * {@code (1 - alpha) b + alpha a} applies, so tissue present on one side only fades toward the other
 * side's background as alpha moves. At alpha 0 the result is b, at alpha 1 it is a, exactly. One instance
 * per thread (scratch buffers).
 */
final class Feather {
    private final DistanceTransform edt = new DistanceTransform();
    private int[] ids = new int[0];
    private float[] db = new float[0], da = new float[0];

    /**
     * Writes the blend into out (nx * ny).
     *
     * @param b         the before surface warped to this depth
     * @param inB       1 where b saw the image (not an edge repeat)
     * @param a         the after surface warped to this depth
     * @param inA       likewise for a
     * @param threshold values above it are foreground
     * @param sigmaPx   feather smoothing, pixels (0: the raw distance)
     */
    void blend(float[] b, byte[] inB, float[] a, byte[] inA, int nx, int ny, double alpha, double threshold, double sigmaPx, float[] out) {
        final int n = nx * ny;
        final float wb = (float) (1 - alpha), wa = (float) alpha;
        if (alpha == 0 || alpha == 1 || Double.isNaN(threshold)) {
            for (int i = 0; i < n; i++) out[i] = alpha == 0 ? b[i] : (alpha == 1 ? a[i] : wb * b[i] + wa * a[i]);
            return;
        }
        if (ids.length < n) {
            ids = new int[n];
            db = new float[n];
            da = new float[n];
        }
        distance(b, inB, nx, ny, threshold, sigmaPx, db);
        distance(a, inA, nx, ny, threshold, sigmaPx, da);
        final float t = (float) threshold;
        for (int i = 0; i < n; i++) {
            boolean fb = inB[i] != 0 && b[i] > t, fa = inA[i] != 0 && a[i] > t;
            if (fb && fa) {
                float kb = wb * db[i], ka = wa * da[i], s = kb + ka;
                out[i] = s > 0 ? (kb * b[i] + ka * a[i]) / s : wb * b[i] + wa * a[i];
            } else {
                out[i] = wb * b[i] + wa * a[i];
            }
        }
    }

    /** Smoothed Euclidean distance (pixels) of each foreground pixel to the nearest non-foreground pixel. */
    private void distance(float[] v, byte[] in, int nx, int ny, double threshold, double sigmaPx, float[] d) {
        final int n = nx * ny;
        final float t = (float) threshold;
        for (int i = 0; i < n; i++) ids[i] = in[i] != 0 && v[i] > t ? 1 : 0;
        edt.squared(ids, 0, nx, 0, 0, nx, ny, 1, false, 1, 1, d);
        final float cap = (float) (nx + ny);
        for (int i = 0; i < n; i++) d[i] = Float.isFinite(d[i]) ? Math.min((float) Math.sqrt(d[i]), cap) : cap;
        if (sigmaPx > 0) GaussianBlur.blur(d, nx, ny, 1, new double[] {sigmaPx, sigmaPx, 0}, Boundary.NEAREST, Job.serial());
    }
}
