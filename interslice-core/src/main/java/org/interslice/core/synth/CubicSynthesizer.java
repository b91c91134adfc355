package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;

/**
 * Cubic B-spline interpolation along the slice axis with the exact prefilter, so the spline passes
 * through every kept slice. Boundary: scipy.ndimage's rule for {@code mode='nearest'} (the reference the
 * project's baselines use): each (x, y) line of the kept stack is extended by {@link #EDGE_PAD} edge copies
 * at each end, and that padded line mirrored without repeating its end samples. Positions are mapped to
 * fractional kept indices by {@link SliceSynthesizer#fractionalIndex}, so the spline lives on the kept-index
 * axis (exact for uniformly spaced kept slices).
 *
 * <p>The prefilter is the B-spline's inverse filter as a symmetric FIR: coefficient k is
 * {@code sum_j h[|j|] s(k + j)} for |j| <= {@link #TAPS}, with {@code h[j] = sqrt(3) z^j}, z = sqrt(3) - 2
 * (the impulse response of the exact inverse, -6 z / (1 - z^2) z^|j|; Unser 1999, "Splines: a perfect fit",
 * IEEE Signal Processing Magazine 16(6)), summed in double in one fixed order. The recursive filter gives
 * the same coefficients to 1.7e-9 of the data range (the discarded tail, 2 sqrt(3) |z|^17 / (1 - |z|)), but
 * each FIR coefficient reads only the samples within {@link #TAPS} of it, always in the same order: a window
 * of the stack holding those samples gives the whole stack's coefficients bit for bit, so slab work (a Spark
 * task per slab) equals the whole run voxel for voxel, where the recursive filter's float rounding differed
 * by an ulp here and there (about 1e-4 on values near 1000).
 *
 * <p>Prefers the whole kept stack ({@link #prefersWholeStack()}), so interpolate's coefficients are
 * computed once: a call with the same {@code kept} object as the call before (interpolate hands every
 * batch the one whole-stack window) reuses them, as the {@link SliceSynthesizer#synthesize} contract
 * allows. Keeps its coefficients between calls: use one instance per thread of callers (the registry makes
 * a new one per request).
 */
public final class CubicSynthesizer implements SliceSynthesizer {
    /** Coefficient work space, grown on demand and reused by later calls (so not thread-safe: one instance per caller). */
    private float[] coefBuffer = new float[0];
    /** Edge copies added before mirroring (scipy.ndimage adds 12 for mode 'nearest'). */
    static final int EDGE_PAD = 12;
    /** Coefficients kept beyond each end of the stack: the cubic kernel reaches one past the edge. */
    private static final int KEEP = 2;
    /** FIR half-length: |z|^17 = 1.9e-10, so the discarded tail is below float precision. */
    static final int TAPS = 16;
    /** The FIR's weights h[0..TAPS]. */
    private static final double[] H = new double[TAPS + 1];

    static {
        double z = Math.sqrt(3.0) - 2.0, zj = 1;
        for (int j = 0; j <= TAPS; j++, zj *= z) H[j] = Math.sqrt(3.0) * zj;
    }

    /** The kept stack {@link #coefBuffer} holds the coefficients of (compared by identity), or null. */
    private FloatVolume coefficientsOf;

    @Override
    public String name() {
        return "cubic";
    }

    /**
     * Eighteen measured slices on each side of a gap: the gap's four coefficients (one before it to one past
     * the next slice) and the {@link #TAPS} samples each of them reads beyond.
     */
    @Override
    public int reach() {
        return REACH;
    }

    /** See {@link #reach()}. */
    static final int REACH = TAPS + KEEP;

    /** True: the prefilter is made once for the whole stack and serves every batch (see the class comment). */
    @Override
    public boolean prefersWholeStack() {
        return true;
    }

    @Override
    public void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job) {
        SliceSynthesizer.check(kept, keptPositions, targets, out);
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny;
        // coefficient stack: slice q holds the coefficient at kept index q - KEEP; kept for the next call
        // (interpolate calls once per batch of gaps with the same whole-stack window), so it is made once
        int need = (m + 2 * KEEP) * plane;
        if (kept != coefficientsOf || coefBuffer.length < need) prefilter(kept, job);
        final float[] coef = coefBuffer;
        final float[] dst = out.data();
        job.forEachSlab(targets.length, s -> {
            double u = SliceSynthesizer.fractionalIndex(keptPositions, targets[s]);
            int i = Math.min((int) Math.floor(u), m - 2);
            double t = u - i, t2 = t * t, t3 = t2 * t, r = 1 - t;
            // cubic B-spline weights of coefficients i-1 .. i+2 (they sum to 1)
            float w0 = (float) (r * r * r / 6), w1 = (float) ((4 - 6 * t2 + 3 * t3) / 6);
            float w2 = (float) ((1 + 3 * t + 3 * t2 - 3 * t3) / 6), w3 = (float) (t3 / 6);
            int c0 = (i - 1 + KEEP) * plane, c1 = c0 + plane, c2 = c1 + plane, c3 = c2 + plane, o = s * plane;
            for (int p = 0; p < plane; p++)
                dst[o + p] = w0 * coef[c0 + p] + w1 * coef[c1 + p] + w2 * coef[c2 + p] + w3 * coef[c3 + p];
        });
    }

    /**
     * The coefficients of {@code kept} into {@link #coefBuffer}: coefficient slice q (kept index q - KEEP) is the
     * FIR of the extended stack, a row of x at a time, taps in one fixed order (see the class comment).
     */
    private void prefilter(FloatVolume kept, Job job) {
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny, nq = m + 2 * KEEP;
        final float[] src = kept.data();
        int need = nq * plane;
        coefficientsOf = null;   // not valid while being rewritten (a cancelled job leaves it so)
        if (coefBuffer.length < need) coefBuffer = new float[need];
        final float[] coef = coefBuffer;
        // slice offset of extended sample k (kept index, -KEEP - TAPS .. m - 1 + KEEP + TAPS): padded index
        // k + EDGE_PAD mirrored into the padded line of m + 2 EDGE_PAD samples, then clamped to the stack
        final int lo = -KEEP - TAPS, last = m + 2 * EDGE_PAD - 1;
        final int[] slice = new int[nq + 2 * TAPS];
        for (int e = 0; e < slice.length; e++) {
            int i = e + lo + EDGE_PAD;
            if (i < 0) i = -i;
            if (i > last) i = 2 * last - i;
            slice[e] = Math.min(m - 1, Math.max(0, i - EDGE_PAD)) * plane;
        }
        final double h0 = H[0];
        job.forEachSlab(ny, y -> {
            double[] acc = new double[nx];
            for (int q = 0; q < nq; q++) {
                int row = y * nx, c = slice[q + TAPS] + row;   // extended sample q - KEEP sits at slice[q + TAPS]
                for (int x = 0; x < nx; x++) acc[x] = h0 * src[c + x];
                for (int j = 1; j <= TAPS; j++) {
                    double hj = H[j];
                    int a = slice[q + TAPS - j] + row, b = slice[q + TAPS + j] + row;
                    for (int x = 0; x < nx; x++) acc[x] += hj * ((double) src[a + x] + src[b + x]);
                }
                int o = q * plane + row;
                for (int x = 0; x < nx; x++) coef[o + x] = (float) acc[x];
            }
        });
        coefficientsOf = kept;
    }
}
