package org.interslice.core.gaps;

import org.interslice.core.exec.Job;
import org.interslice.core.register.Affine2D;
import org.interslice.core.register.AffineRegistration;
import org.interslice.core.register.ConfigFlow;
import org.interslice.core.register.TvL1Flow;
import org.interslice.core.register.IntensityWindow;
import org.interslice.core.register.Warp;
import org.interslice.core.synth.ShapeBasedLabels;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;

/**
 * Reconstructs a missing section (or a run of missing planes) from its two neighbours, only when the evidence
 * is good. The steps follow linumpy's {@code zmorph} ({@code linumpy/mosaic/interpolation.py}):
 * <ol>
 * <li>the best pair of boundary planes by NCC among the last W planes before and the first W after, on the
 * central region, among planes with enough foreground, after percentile clipping; gates
 * {@link #NO_FOREGROUND_PLANES} and {@link #LOW_OVERLAP_NCC};</li>
 * <li>a slab of planes averaged around each chosen plane; a 2D affine registration of the before slab onto
 * the after slab (coarse to fine, MSE or NCC); gates {@link #REGISTRATION_EXCEPTION},
 * {@link #REG_DID_NOT_IMPROVE} (the slabs' NCC gain), {@link #AFFINE_DETERMINANT_NON_POSITIVE}, and
 * {@link #AFFINE_POWER_NOT_REAL} (the real fractional power does not exist);</li>
 * <li>the plane at depth alpha in [0, 1]: the before surface (its deepest plane) warped by T^alpha and the
 * after surface (its shallowest) by T^(alpha - 1), T^alpha the Log-Euclidean power of the full 3x3 affine
 * ({@link Affine2D#power}), cross-faded with a Gaussian feather ({@link Feather}). The first plane is the
 * before surface and the last the after surface, exactly; the residuals say so.</li>
 * </ol>
 * A failed gate is a hard skip: no planes, the reason in the outcome. The baselines {@link GapMethod#AVERAGE}
 * and {@link GapMethod#WEIGHTED} run only when asked for; nothing falls back to them.
 */
public final class ZMorph {
    /** No candidate plane on one side has enough foreground. */
    public static final String NO_FOREGROUND_PLANES = "no_foreground_planes";
    /** The best pair's NCC is below {@link ConfigZMorph#minOverlapNcc}: the neighbours do not show the same tissue. */
    public static final String LOW_OVERLAP_NCC = "low_overlap_ncc";
    /** The registration's optimiser failed. */
    public static final String REGISTRATION_EXCEPTION = "registration_exception";
    /** Registration raised the slabs' NCC by less than {@link ConfigZMorph#minNccGain}. */
    public static final String REG_DID_NOT_IMPROVE = "reg_did_not_improve";
    /** The affine flips or collapses the plane. */
    public static final String AFFINE_DETERMINANT_NON_POSITIVE = "affine_determinant_non_positive";
    /**
     * The affine's linear part has a negative real eigenvalue, so its fractional power is not real (scipy's
     * fractional_matrix_power returns a complex matrix); linumpy takes the real part and warns, we skip.
     */
    public static final String AFFINE_POWER_NOT_REAL = "affine_power_not_real";

    private ZMorph() {
    }

    /**
     * The outcome of one gap.
     *
     * @param ok            true when the planes were made
     * @param failureReason null when ok, else one of the reason constants of this class
     * @param planes        {@code planesOut} planes (nx * ny each, shallow to deep), null when it failed
     * @param diagnostics   what was done, always present
     * @param labelPlanes   the label path's planes as exact int labels (the float {@code planes} hold them only up
     *                      to 2^24), else null
     */
    public record Outcome(boolean ok, String failureReason, float[][] planes, GapDiagnostics diagnostics, int[][] labelPlanes) {
    }

    /**
     * Reconstructs the planes of a gap.
     *
     * @param beforePlanes the deepest planes of the section before, shallow to deep (its last plane touches the gap); not modified
     * @param afterPlanes  the shallowest planes of the section after, shallow to deep (its first plane touches the gap); not modified
     * @param nx           plane width
     * @param ny           plane height
     * @param planesOut    planes to make; with more than one, plane p lies at depth alpha = p / (planesOut - 1), so the
     *                     first is the before surface and the last the after surface; a single plane lies at 0.5
     * @param cfg          settings (checked)
     * @param job          threads (output planes in parallel) and cancellation
     * @return the planes, or the reason they were not made
     */
    public static Outcome reconstruct(float[][] beforePlanes, float[][] afterPlanes, int nx, int ny, int planesOut, ConfigZMorph cfg, Job job) {
        return reconstruct(beforePlanes, afterPlanes, null, null, nx, ny, planesOut, cfg, job);
    }

    /**
     * {@link #reconstruct(float[][], float[][], int, int, int, ConfigZMorph, Job)} of a label map whose surfaces
     * are also given as exact int labels ({@code labelsBefore}: the before section's last plane,
     * {@code labelsAfter}: the after section's first; not modified): the label path warps and blends those, so
     * labels above 2^24 stay exact ({@link Outcome#labelPlanes}); the float planes serve the registration.
     * Null surfaces: the labels are taken from the float surfaces.
     */
    public static Outcome reconstruct(float[][] beforePlanes, float[][] afterPlanes, int[] labelsBefore, int[] labelsAfter, int nx, int ny,
                                      int planesOut, ConfigZMorph cfg, Job job) {
        final ConfigZMorph c = cfg.copy().check();
        if (nx < 1 || ny < 1) throw new IllegalArgumentException("plane size " + nx + " x " + ny);
        if (beforePlanes.length == 0 || afterPlanes.length == 0) throw new IllegalArgumentException("a neighbour has no planes");
        if (planesOut < 1) throw new IllegalArgumentException("planesOut " + planesOut + " < 1");
        final int n = Math.multiplyExact(nx, ny);
        for (float[] p : beforePlanes) if (p == null || p.length < n) throw new IllegalArgumentException("a before plane is shorter than " + nx + " x " + ny);
        for (float[] p : afterPlanes) if (p == null || p.length < n) throw new IllegalArgumentException("an after plane is shorter than " + nx + " x " + ny);
        GapDiagnostics d = new GapDiagnostics();
        d.method = c.method.label();
        d.planesOut = planesOut;
        d.labels = c.labels;
        float[] bs = beforePlanes[beforePlanes.length - 1], as = afterPlanes[0];
        if (c.method == GapMethod.AVERAGE) {
            float[][] out = new float[planesOut][n];
            for (float[] p : out) for (int i = 0; i < n; i++) p[i] = 0.5f * (bs[i] + as[i]);
            return done(d, out, bs, as, n);
        }
        if (c.method == GapMethod.WEIGHTED) return done(d, weighted(beforePlanes, afterPlanes, n, planesOut, c), bs, as, n);

        // (a) candidates and their foreground
        int nb = beforePlanes.length, na = afterPlanes.length;
        int b0 = Math.max(0, nb - c.searchWindow), a1 = Math.min(na, c.searchWindow);
        int[] cand = new int[(nb - b0) + a1];
        float[][] both = new float[cand.length][];
        for (int z = b0, k = 0; z < nb; z++, k++) both[k] = beforePlanes[z];
        for (int z = 0; z < a1; z++) both[nb - b0 + z] = afterPlanes[z];
        for (int k = 0; k < cand.length; k++) cand[k] = k;
        // a label map's foreground is every label but 0 (Otsu would split the label values)
        double threshold = !Double.isNaN(c.foregroundThreshold) ? c.foregroundThreshold : c.labels ? 0 : BoundaryPlanes.otsu(both, cand, n);
        d.foregroundThreshold = threshold;
        int[] roi = BoundaryPlanes.roi(nx, ny, c.marginFraction);
        float[][] normB = new float[nb][], normA = new float[na][];
        for (int z = b0; z < nb; z++) {
            if (BoundaryPlanes.foregroundFraction(beforePlanes[z], n, threshold) < c.minForegroundFraction) continue;
            normB[z] = BoundaryPlanes.normalised(beforePlanes[z], nx, roi, threshold, c.clipLowPercentile, c.clipHighPercentile);
            d.beforeCandidates++;
        }
        for (int z = 0; z < a1; z++) {
            if (BoundaryPlanes.foregroundFraction(afterPlanes[z], n, threshold) < c.minForegroundFraction) continue;
            normA[z] = BoundaryPlanes.normalised(afterPlanes[z], nx, roi, threshold, c.clipLowPercentile, c.clipHighPercentile);
            d.afterCandidates++;
        }
        if (d.beforeCandidates == 0 || d.afterCandidates == 0 || Double.isNaN(threshold)) return skip(d, NO_FOREGROUND_PLANES);
        // (b) the best pair
        double best = Double.NEGATIVE_INFINITY;
        for (int zb = b0; zb < nb; zb++) {
            if (normB[zb] == null) continue;
            for (int za = 0; za < a1; za++) {
                if (normA[za] == null) continue;
                double r = BoundaryPlanes.ncc(normB[zb], normA[za]);
                if (r > best) {
                    best = r;
                    d.beforePlane = zb;
                    d.afterPlane = za;
                }
            }
        }
        d.nccPair = best;
        if (!(best >= c.minOverlapNcc)) return skip(d, LOW_OVERLAP_NCC);
        job.checkCancelled();

        // (c) slabs, (d) registration of the before slab onto the after slab
        float[] slabB = BoundaryPlanes.slab(beforePlanes, d.beforePlane, c.slabPlanes, n);
        float[] slabA = BoundaryPlanes.slab(afterPlanes, d.afterPlane, c.slabPlanes, n);
        double[] window = new double[2];
        IntensityWindow.of(slabA, 0, slabB, 0, n, c.windowLowPercentile, c.windowHighPercentile, new int[IntensityWindow.BINS], window);
        float[] fixed = new float[n], moving = new float[n];
        IntensityWindow.normalise(slabA, 0, n, window[0], window[1], fixed);
        IntensityWindow.normalise(slabB, 0, n, window[0], window[1], moving);
        double[] h;
        try {
            AffineRegistration.Result r = new AffineRegistration(c.registration).register(fixed, moving, nx, ny);
            h = r.matrix();
            d.registrationIterations = r.iterations();
        } catch (AffineRegistration.Failure e) {
            d.registrationMessage = e.getMessage();
            return skip(d, REGISTRATION_EXCEPTION);
        }
        d.affine = h.clone();
        d.translation = new double[] {h[2], h[5]};
        d.determinant = Affine2D.det2(h);
        float[] warped = new float[n];
        Warp.affine(slabB, nx, ny, h, warped, null);
        d.nccBeforeRegistration = BoundaryPlanes.ncc(slabB, slabA, nx, roi, threshold, c);
        d.nccAfterRegistration = BoundaryPlanes.ncc(warped, slabA, nx, roi, threshold, c);
        d.nccGain = d.nccAfterRegistration - d.nccBeforeRegistration;
        if (!(d.nccGain >= c.minNccGain)) return skip(d, REG_DID_NOT_IMPROVE);
        String bad = affineGate(h);
        d.maxImaginary = Affine2D.hasRealLogarithm(h) ? 0 : Affine2D.imaginaryPart(h, 0.5);
        if (bad != null) return skip(d, bad);
        job.checkCancelled();

        // morph: the residual dense motion between the affinely aligned surfaces, as(x) ~ bs(T (x + f(x)))
        final float[] fu, fv;
        if (c.method == GapMethod.MORPH) {
            fu = new float[n];
            fv = new float[n];
            residualFlow(bs, as, nx, ny, h, c, fu, fv);
            double max = 0;
            for (int i = 0; i < n; i++) max = Math.max(max, Math.hypot(fu[i], fv[i]));
            d.flowMaxPx = max;
        } else {
            fu = null;
            fv = null;
        }
        // (e) the planes: before surface by T^alpha, after surface by T^(alpha - 1), feathered cross-fade
        final float[][] out = new float[planesOut][];
        final double[] hh = h;
        if (c.labels) {
            if ((labelsBefore != null && labelsBefore.length < n) || (labelsAfter != null && labelsAfter.length < n))
                throw new IllegalArgumentException("a label surface is shorter than " + nx + " x " + ny);
            int[][] labels = labelPlanes(labelsBefore != null ? labelsBefore : toInt(bs, n), labelsAfter != null ? labelsAfter : toInt(as, n), nx, ny, h, out, job);
            d.methodUsed = c.method.label();
            Outcome o = done(d, out, bs, as, n);
            return new Outcome(o.ok(), null, o.planes(), o.diagnostics(), labels);
        }
        final double thr = threshold;
        job.forEachSlab("zmorph", planesOut, p -> {
            double alpha = planesOut > 1 ? (double) p / (planesOut - 1) : 0.5;
            float[] wb = new float[n], wa = new float[n], o = new float[n];
            byte[] inB = new byte[n], inA = new byte[n];
            if (fu == null) {
                Warp.affine(bs, nx, ny, Affine2D.power(hh, alpha), wb, inB);
                Warp.affine(as, nx, ny, Affine2D.power(hh, alpha - 1), wa, inA);
            } else {
                // before: bs(T^alpha (x + alpha f(x))); after: as(z - (1 - alpha) f(z)), z = T^(alpha - 1) x (first order inverse)
                Warp.affineAfterField(bs, nx, ny, Affine2D.power(hh, alpha), fu, fv, (float) alpha, wb, inB);
                Warp.fieldAfterAffine(as, nx, ny, Affine2D.power(hh, alpha - 1), fu, fv, (float) (alpha - 1), wa, inA);
            }
            new Feather().blend(wb, inB, wa, inA, nx, ny, alpha, thr, c.featherSigmaPx, o);
            out[p] = o;
        });
        d.methodUsed = c.method.label();
        return done(d, out, bs, as, n);
    }

    /**
     * The gates on the affine itself, in order: {@link #AFFINE_DETERMINANT_NON_POSITIVE}, then
     * {@link #AFFINE_POWER_NOT_REAL}; null when it passes.
     */
    static String affineGate(double[] h) {
        if (!(Affine2D.det2(h) > 0)) return AFFINE_DETERMINANT_NON_POSITIVE;
        if (!Affine2D.hasRealLogarithm(h)) return AFFINE_POWER_NOT_REAL;
        return null;
    }

    /**
     * The label planes: at alpha, the before surface warped by T^alpha and the after surface by T^(alpha - 1)
     * with nearest neighbour, then {@link ShapeBasedLabels} at fraction alpha between the two (one pixel as the
     * distance unit). Alpha 0 and 1 copy the surfaces.
     */
    private static int[][] labelPlanes(int[] bs, int[] as, int nx, int ny, double[] h, float[][] out, Job job) {
        final int n = nx * ny, planesOut = out.length;
        final int[][] labels = new int[planesOut][];
        final ShapeBasedLabels shape = new ShapeBasedLabels();
        final Geometry unit = Geometry.identity();
        job.forEachSlab("zmorph labels", planesOut, p -> {
            double alpha = planesOut > 1 ? (double) p / (planesOut - 1) : 0.5;
            int[] two = new int[2 * n];
            Warp.affineNearest(bs, nx, ny, Affine2D.power(h, alpha), two, 0);
            Warp.affineNearest(as, nx, ny, Affine2D.power(h, alpha - 1), two, n);
            IntVolume kept = new IntVolume(nx, ny, 2, PixelType.INT32, two, unit, true);
            IntVolume one = new IntVolume(nx, ny, 1, PixelType.INT32, new int[n], unit, true);
            shape.synthesize(kept, new double[] {0, 1}, new double[] {alpha}, one, Job.serial());
            float[] o = new float[n];
            int[] l = one.data();
            for (int i = 0; i < n; i++) o[i] = l[i];
            out[p] = o;
            labels[p] = l;
        });
        return labels;
    }

    /** A float surface's values as int labels (exact up to 2^24). */
    private static int[] toInt(float[] f, int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) l[i] = (int) f[i];
        return l;
    }

    /** TV-L1 flow f with as(x) ~ bs(T (x + f(x))): from the after surface to the before surface moved by T, one window for both. */
    private static void residualFlow(float[] bs, float[] as, int nx, int ny, double[] h, ConfigZMorph c, float[] u, float[] v) {
        int n = nx * ny;
        float[] moved = new float[n], a = new float[n], b = new float[n];
        Warp.affine(bs, nx, ny, h, moved, null);
        double[] window = new double[2];
        IntensityWindow.of(as, 0, moved, 0, n, c.windowLowPercentile, c.windowHighPercentile, new int[IntensityWindow.BINS], window);
        IntensityWindow.normalise(as, 0, n, window[0], window[1], a);
        IntensityWindow.normalise(moved, 0, n, window[0], window[1], b);
        new TvL1Flow(new ConfigFlow()).estimate(a, b, nx, ny, u, v);
    }

    /** The weighted baseline: Gaussian weights along z over the neighbours' planes nearest the gap. */
    private static float[][] weighted(float[][] before, float[][] after, int n, int planesOut, ConfigZMorph c) {
        int nb = before.length, na = after.length;
        int kb = Math.min(nb, c.searchWindow), ka = Math.min(na, c.searchWindow);
        double step = planesOut > 1 ? 1.0 / (planesOut - 1) : 1.0;   // one plane in alpha units
        double sigma = c.weightedSigmaPlanes * step;
        float[][] out = new float[planesOut][n];
        double[] acc = new double[n];
        for (int p = 0; p < planesOut; p++) {
            double alpha = planesOut > 1 ? p * step : 0.5;
            java.util.Arrays.fill(acc, 0);
            double total = 0;
            for (int j = 0; j < kb + ka; j++) {
                boolean isBefore = j < kb;
                int k = isBefore ? j : j - kb;   // k-th plane away from the gap
                double pos = isBefore ? -k * step : 1 + k * step;
                double w = Math.exp(-0.5 * (alpha - pos) * (alpha - pos) / (sigma * sigma));
                float[] src = isBefore ? before[nb - 1 - k] : after[k];
                for (int i = 0; i < n; i++) acc[i] += w * src[i];
                total += w;
            }
            for (int i = 0; i < n; i++) out[p][i] = (float) (acc[i] / total);
        }
        return out;
    }

    private static Outcome skip(GapDiagnostics d, String reason) {
        d.methodUsed = null;
        d.fallbackReason = reason;
        return new Outcome(false, reason, null, d, null);
    }

    private static Outcome done(GapDiagnostics d, float[][] out, float[] bs, float[] as, int n) {
        if (d.methodUsed == null) d.methodUsed = d.method;
        d.residualBefore = meanAbs(out[0], bs, n);
        d.residualAfter = meanAbs(out[out.length - 1], as, n);
        return new Outcome(true, null, out, d, null);
    }

    private static double meanAbs(float[] a, float[] b, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += Math.abs(a[i] - b[i]);
        return s / n;
    }
}
