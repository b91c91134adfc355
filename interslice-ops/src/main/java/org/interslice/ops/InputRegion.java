package org.interslice.ops;

import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.ConfigResample;
import org.interslice.core.resample.Grid;
import org.interslice.core.resample.Interp;
import org.interslice.core.resample.LabelCounts;
import org.interslice.core.resample.LabelEvidence;
import org.interslice.core.resample.Resampler;
import org.interslice.core.resample.impl.Voxels;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.Volume;
import org.interslice.io.OpenVolume;
import org.interslice.io.VolumeHeader;

/**
 * What resampling a small output box needs of a large input: the box of input voxels it reads
 * ({@link #needed}, from the interpolator's reach, {@link #halo}), and the values it takes from the whole
 * input rather than from that box ({@link #scan}: range and label evidence, streamed a slab at a time in
 * constant memory).
 */
public final class InputRegion {
    /** Bytes of one slab read by {@link #scan} (whole slices, at least one). */
    public static final long SCAN_SLAB_BYTES = 2L << 20;

    /** Largest slab {@link #scan} reads to take a format's storage units whole ({@link OpenVolume#slabDepth}). */
    public static final long SCAN_UNIT_BYTES = 128L << 20;

    /**
     * Largest pole magnitude of the B-spline prefilter of order 2..5 (Unser 1999): a coefficient depends
     * on samples d voxels away with weight about |z|^d.
     */
    private static final double[] BSPLINE_POLE = {0, 0, 0.171572875, 0.267949192, 0.361341226, 0.430575347};
    /** B-spline coefficients are taken as exact once the outside samples' weight is below this. */
    private static final double BSPLINE_TAIL = 1e-9;

    private InputRegion() {}

    /**
     * Input voxels a resampling with {@code config} reaches around the continuous index of an output
     * voxel, per input axis: the kernel's half support, the anti-aliasing Gaussian's (3 sigma, at the
     * largest output-to-input step), and for B-splines the prefilter's tail. Generous by a voxel or two:
     * the box is cheap, a short halo would change values.
     */
    public static int[] halo(ConfigResample config, Grid in, Grid out) {
        double step = largestStep(in.geometry(), out.geometry());
        int kernel;
        switch (config.interp) {
            case NEAREST: case LABEL_NEAREST: kernel = 1; break;
            case LINEAR: case LABEL_LINEAR: kernel = 2; break;
            case BSPLINE:
                kernel = config.order + 1;
                if (config.order >= 2) kernel += (int) Math.ceil(Math.log(BSPLINE_TAIL) / Math.log(BSPLINE_POLE[config.order]));
                break;
            case LANCZOS: kernel = config.lanczosRadius + 1; break;
            case GAUSSIAN: kernel = (int) Math.ceil(3 * config.gaussianSigmaVoxels) + 2; break;
            case LABEL_GAUSSIAN: kernel = (int) Math.ceil(3 * config.labelSigmaVoxels * Math.max(1, step)) + 2; break;
            default: throw new AssertionError(config.interp);
        }
        boolean aa = config.antialias && config.interp != Interp.NEAREST && !config.interp.isLabel();
        double sigma = aa ? Resampler.antialiasSigma(step) : 0;
        int blur = sigma > 0 ? (int) Math.ceil(3 * sigma) + 1 : 0;
        int h = kernel + blur + (int) Math.ceil(step);
        return new int[] {h, h, h};
    }

    /**
     * The largest step, in input voxels along any input axis, between neighbouring output voxels: the
     * sum over output axes of |d input index / d output index|, an upper bound of the spacing ratio.
     */
    static double largestStep(Geometry in, Geometry out) {
        double[] o = in.worldToIndex(out.origin()[0], out.origin()[1], out.origin()[2]);
        double[] sum = new double[3];
        for (int b = 0; b < 3; b++) {
            double[] w = out.indexToWorld(b == 0 ? 1 : 0, b == 1 ? 1 : 0, b == 2 ? 1 : 0);
            double[] i = in.worldToIndex(w[0], w[1], w[2]);
            for (int a = 0; a < 3; a++) sum[a] += Math.abs(i[a] - o[a]);
        }
        return Math.max(sum[0], Math.max(sum[1], sum[2]));
    }

    /**
     * The box of input voxels that resampling onto {@code out} reads: the output grid's corner voxel
     * centres mapped into input indices (the mapping is affine, or monotone along z for uneven slices,
     * so the corners bound it), widened by {@code halo} and clamped to the input. An output wholly
     * outside the input still gets a box of at least one voxel.
     */
    public static Interval needed(Grid in, Grid out, int[] halo) {
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] w = new double[3], idx = new double[3];
        for (int c = 0; c < 8; c++) {
            out.geometry().indexToWorld((c & 1) == 0 ? 0 : out.nx() - 1, (c & 2) == 0 ? 0 : out.ny() - 1, (c & 4) == 0 ? 0 : out.nz() - 1, w);
            in.geometry().worldToIndex(w[0], w[1], w[2], idx);
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], idx[a]);
                hi[a] = Math.max(hi[a], idx[a]);
            }
        }
        int[] from = new int[3], to = new int[3];
        for (int a = 0; a < 3; a++) {
            int n = in.size(a);
            long f = (long) Math.floor(lo[a]) - halo[a], t = (long) Math.ceil(hi[a]) + halo[a];
            from[a] = (int) Math.max(0, Math.min(n - 1, f));
            to[a] = (int) Math.max(from[a] + 1, Math.min(n, t + 1));
        }
        return Interval.fromTo(from, to);
    }

    /**
     * True when resampling with {@code config} clamps overshoot (B-spline of order 2 and up, Lanczos) and
     * the clamp can be left to {@link #clamp} after resampling a region: the default value (not clamped
     * by the resampler) lies inside [min, max], so clamping it changes nothing.
     */
    public static boolean clampsAfter(ConfigResample config, WholeStats whole) {
        boolean overshoots = config.interp == Interp.BSPLINE && config.order >= 2 || config.interp == Interp.LANCZOS;
        double def = config.defaultValue;
        return config.clamp && overshoots && !Double.isNaN(whole.min()) && def >= whole.min() && def <= whole.max();
    }

    /**
     * Limits every voxel of {@code out} to [(float) min, (float) max], as the resampler clamps its float
     * values before storing them: rounding to an integer type and clamping commute (both are monotone and
     * the bounds are the input's values), so a region resampled without clamping and then clamped to the
     * whole input's range equals the whole input resampled with clamping. NaN stays NaN, as there.
     */
    public static void clamp(Volume out, WholeStats whole) {
        float lo = (float) whole.min(), hi = (float) whole.max();
        int nx = out.nx();
        float[] row = new float[nx];
        for (int off = 0, n = out.voxelCount(); off < n; off += nx) {
            Voxels.toFloat(out, off, row, 0, nx);
            for (int x = 0; x < nx; x++) {
                float v = row[x];
                row[x] = v < lo ? lo : (v > hi ? hi : v);
            }
            Voxels.storeRow(out, off, row, 0, nx);
        }
    }

    /**
     * What a resampling takes from the whole input.
     *
     * @param min smallest value ignoring NaN (NaN when there is none)
     * @param max largest value ignoring NaN
     * @param looksLikeLabels {@link org.interslice.core.resample.LabelMaps#looksLikeLabels} of the
     *        whole input, or null when not asked for
     * @param background the most common label ({@link LabelCounts#mostCommon}, what label-gaussian takes
     *        from the whole input), or null when not counted
     */
    public record WholeStats(double min, double max, Boolean looksLikeLabels, Integer background) {
        /** Without the label count. */
        public WholeStats(double min, double max, Boolean looksLikeLabels) {
            this(min, max, looksLikeLabels, null);
        }
    }

    /**
     * Reads the whole input once, {@link #SCAN_SLAB_BYTES} at a time, keeping only the range and (when
     * {@code classify}; the type must be one {@link LabelEvidence#supports}) the label evidence.
     */
    public static WholeStats scan(OpenVolume in, boolean classify, Job job) {
        return scan(in, classify, false, job);
    }

    /** {@link #scan(OpenVolume, boolean, Job)}, counting the labels too when {@code countLabels}. */
    public static WholeStats scan(OpenVolume in, boolean classify, boolean countLabels, Job job) {
        VolumeHeader h = in.header();
        if (classify && !LabelEvidence.supports(h.type()))
            throw new IllegalArgumentException("label evidence of " + h.type() + " needs the whole volume");
        long slice = (long) h.nx() * h.ny() * h.type().bytes;
        int per = (int) Math.max(1, Math.min(h.nz(), SCAN_SLAB_BYTES / slice));
        // whole storage units along z (OME-Zarr chunks) when they fit SCAN_UNIT_BYTES: slice-deep slabs
        // of a wide volume decode every chunk once per slice when the chunk cache cannot hold a chunk row
        int depth = Math.min(h.nz(), in.slabDepth());
        if (depth > per && depth * slice <= SCAN_UNIT_BYTES) per = depth;
        LabelEvidence labels = classify ? new LabelEvidence(h.type(), h.nx(), h.ny()) : null;
        LabelCounts counts = countLabels ? new LabelCounts() : null;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < h.nz(); z += per) {
            job.checkCancelled();
            Block b = in.readSlab(z, Math.min(per, h.nz() - z));
            double[] r = Voxels.range(b.data());
            if (r[0] < lo) lo = r[0];
            if (r[1] > hi) hi = r[1];
            if (labels != null) labels.add(b.data(), z);
            if (counts != null) counts.add(b.data());
            job.report("scan input", Math.min(h.nz(), z + per), h.nz());
        }
        if (lo > hi) lo = hi = Double.NaN;
        return new WholeStats(lo, hi, labels == null ? null : labels.looksLikeLabels(), counts == null ? null : counts.mostCommon());
    }
}
