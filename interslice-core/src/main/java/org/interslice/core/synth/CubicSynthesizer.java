package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.resample.impl.BSplineCoefficients;
import org.interslice.core.volume.FloatVolume;

/**
 * Cubic B-spline interpolation along the slice axis with the exact prefilter, so the spline passes
 * through every kept slice. Each (x, y) line of the kept stack is prefiltered by the resampling
 * module's {@link BSplineCoefficients#filterMirror} after extending it by {@link #EDGE_PAD} edge copies
 * at each end and filtering with mirror boundaries: scipy.ndimage's rule for {@code mode='nearest'},
 * the reference the project's baselines use. Positions are mapped to fractional kept indices by
 * {@link SliceSynthesizer#fractionalIndex}, so the spline lives on the kept-index axis (exact for
 * uniformly spaced kept slices).
 *
 * <p>Prefers the whole kept stack ({@link #prefersWholeStack()}), so interpolate's coefficients are those
 * of the whole stack whatever the batching, computed once: a call with the same {@code kept} object as
 * the call before (interpolate hands every batch the one whole-stack window) reuses them, as the
 * {@link SliceSynthesizer#synthesize} contract allows. Keeps its coefficients between calls: use one
 * instance per thread of callers (the registry makes a new one per request).
 */
public final class CubicSynthesizer implements SliceSynthesizer {
    /** Coefficient work space, grown on demand and reused by later calls (so not thread-safe: one instance per caller). */
    private float[] coefBuffer = new float[0];
    /** Edge copies added before the mirror prefilter (scipy.ndimage adds 12 for mode 'nearest'). */
    static final int EDGE_PAD = 12;
    /** Coefficients kept beyond each end of the stack: the cubic kernel reaches one past the edge. */
    private static final int KEEP = 2;
    /** The kept stack {@link #coefBuffer} holds the coefficients of (compared by identity), or null. */
    private FloatVolume coefficientsOf;

    @Override
    public String name() {
        return "cubic";
    }

    /**
     * Sixteen measured slices on each side: the prefilter's influence decays as |z|^d with the pole
     * z = sqrt(3) - 2 (|z| = 0.268), and 0.268^16 = 1.4e-9 is far below float precision, so a window of
     * that reach gives the whole-stack result to within float rounding (what a block of the output needs).
     */
    @Override
    public int reach() {
        return REACH;
    }

    /** See {@link #reach()}. */
    static final int REACH = 16;

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

    /** The coefficients of {@code kept} into {@link #coefBuffer}: each (x, y) line along k prefiltered once. */
    private void prefilter(FloatVolume kept, Job job) {
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny;
        final float[] src = kept.data();
        int need = (m + 2 * KEEP) * plane;
        coefficientsOf = null;   // not valid while being rewritten (a cancelled job leaves it so)
        if (coefBuffer.length < need) coefBuffer = new float[need];
        final float[] coef = coefBuffer;
        final double[] poles = BSplineCoefficients.poles(3);
        job.forEachSlab(ny, y -> {
            double[] line = new double[m + 2 * EDGE_PAD];
            for (int x = 0, p = y * nx; x < nx; x++, p++) {
                float first = src[p], last = src[(m - 1) * plane + p];
                for (int i = 0; i < EDGE_PAD; i++) {
                    line[i] = first;
                    line[EDGE_PAD + m + i] = last;
                }
                for (int k = 0; k < m; k++) line[EDGE_PAD + k] = src[k * plane + p];
                BSplineCoefficients.filterMirror(line, line.length, poles);
                for (int q = 0; q < m + 2 * KEEP; q++) coef[q * plane + p] = (float) line[EDGE_PAD + q - KEEP];
            }
        });
        coefficientsOf = kept;
    }
}
