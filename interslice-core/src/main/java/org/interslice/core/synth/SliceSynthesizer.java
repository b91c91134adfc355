package org.interslice.core.synth;

import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;

/**
 * A slice-synthesis method: given a stack of known slices and where they sit along the slice axis, it
 * produces slices at other positions. The evaluate engine calls it with the kept slices of a
 * drop-and-reconstruct test (or the slices of a real thick scan) and scores what it returns; new methods
 * (morphing, learned models) plug in by implementing this interface.
 *
 * <p>Positions are in one unit along the slice axis, chosen by the caller (the engine uses the
 * truth's fractional slice index). Kept positions must be strictly increasing; targets may be in any
 * order. A target outside the kept range is an extrapolation: the methods here repeat the nearest edge
 * slice there.
 */
public interface SliceSynthesizer {
    /** Short lower-case name used in reports, e.g. "linear". */
    String name();

    /**
     * Writes the synthesized slice at {@code targets[t]} into slice t of {@code out}. A caller that passes
     * the same {@code kept} object to the same synthesizer again has not changed its voxels in between (a
     * method may keep what it derived from them, e.g. cubic's prefilter); changed voxels come in a new
     * {@code FloatVolume}.
     *
     * @param kept          nx x ny x m known slices (m >= 2), not modified
     * @param keptPositions m strictly increasing positions of the kept slices, not modified
     * @param targets       positions to synthesize, same unit, not modified
     * @param out           nx x ny x targets.length, overwritten
     * @param job           threads, cancellation
     */
    void synthesize(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out, Job job);

    /**
     * How many measured slices on each side of a gap the method reads to fill it: 1 for methods that
     * blend or register the two neighbours only, 3 for Lanczos-3, {@link Integer#MAX_VALUE} (the default)
     * when every slice of the stack may matter (a global prefilter). {@code interpolate} hands a method
     * only that many slices around each batch of gaps, so a small reach keeps its work space small.
     */
    default int reach() {
        return Integer.MAX_VALUE;
    }

    /**
     * True when the method derives something from the whole kept stack once that every batch can reuse (a
     * global prefilter): {@code interpolate} then hands every batch the whole stack as one unchanged
     * window (the same object), so it is derived once per volume. {@link #reach()} still says what a block
     * of the output needs when work is cut in blocks. Default false.
     */
    default boolean prefersWholeStack() {
        return false;
    }

    /**
     * The position z as a fractional index into the kept stack: i + (z - p[i]) / (p[i+1] - p[i]) for
     * p[i] <= z <= p[i+1], clamped to [0, m - 1] outside the kept range. Exact for uniform positions;
     * for uneven ones it maps each gap linearly.
     */
    static double fractionalIndex(double[] p, double z) {
        int m = p.length;
        if (!(z > p[0])) return 0;
        if (!(z < p[m - 1])) return m - 1;
        int lo = 0, hi = m - 1;   // invariant p[lo] <= z < p[hi]
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (p[mid] <= z) lo = mid; else hi = mid;
        }
        return lo + (z - p[lo]) / (p[lo + 1] - p[lo]);
    }

    /** Throws IllegalArgumentException unless the arguments fit together (shared by implementations). */
    static void check(FloatVolume kept, double[] keptPositions, double[] targets, FloatVolume out) {
        checkStack(kept.nx(), kept.ny(), kept.nz(), keptPositions, targets, out.nx(), out.ny(), out.nz());
    }

    /**
     * The checks of {@link #check} on sizes alone (images and label maps): at least 2 kept slices, one
     * strictly increasing position each, an output of the kept slices' size with one slice per finite target.
     */
    static void checkStack(int keptNx, int keptNy, int m, double[] keptPositions, double[] targets, int outNx, int outNy, int outNz) {
        if (m < 2) throw new IllegalArgumentException("kept stack has " + m + " slice(s); at least 2 are needed");
        if (keptPositions.length != m)
            throw new IllegalArgumentException(keptPositions.length + " kept positions for " + m + " kept slices");
        for (int i = 1; i < m; i++)
            if (!(keptPositions[i] > keptPositions[i - 1]))
                throw new IllegalArgumentException("kept position " + i + " = " + keptPositions[i] + " does not increase");
        if (outNx != keptNx || outNy != keptNy || outNz != targets.length)
            throw new IllegalArgumentException("output " + outNx + "x" + outNy + "x" + outNz + " does not fit "
                    + keptNx + "x" + keptNy + "x" + targets.length);
        for (double t : targets) if (!Double.isFinite(t)) throw new IllegalArgumentException("target position " + t + " is not finite");
    }
}
