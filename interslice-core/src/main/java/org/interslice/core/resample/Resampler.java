package org.interslice.core.resample;

import java.util.Locale;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.impl.AffineResampler;
import org.interslice.core.resample.impl.BSplineCoefficients;
import org.interslice.core.resample.impl.BSplineSlabs;
import org.interslice.core.resample.impl.GaussianBlur;
import org.interslice.core.resample.impl.Kernel;
import org.interslice.core.resample.impl.LabelArray;
import org.interslice.core.resample.impl.LabelSampler;
import org.interslice.core.resample.impl.SeparableLabels;
import org.interslice.core.resample.impl.SeparableResampler;
import org.interslice.core.resample.impl.VoxelSampler;
import org.interslice.core.resample.impl.Voxels;
import org.interslice.core.resample.impl.WeightTable;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;

/**
 * Resamples a volume onto an output {@link Grid} with the settings of a {@link ConfigResample}.
 *
 * <p>Two paths give the same values where both apply (tested). When the output axes are parallel to
 * the input's (same direction matrix, evenly spaced slices) the <em>separable</em> path runs: per-axis
 * weight tables computed once, streamed per output slice so that peak memory is input + output plus a
 * few slices per thread (plus, for B-splines of order 2 or more, one slab of coefficients: see BSplineSlabs).
 * Otherwise (oblique targets, a rotated reference, uneven input slices) the <em>general</em> path maps
 * every output voxel centre to the input through the affine, advanced incrementally per row, on a float
 * copy of the input.
 *
 * <p>Rules that hold on both paths: a voxel is interpolated when its centre maps inside the input box
 * (continuous index in [-0.5, n - 0.5) per axis, half-open as in ITK), else it gets the default value (the input's minimum
 * unless configured). Output grids equal to the input's return an exact copy. A volume flagged
 * {@link Volume#isLabel()} refuses image interpolators unless {@link ConfigResample#allowImageInterpOnLabels}.
 * Values are computed in float32.
 *
 * <p>Immutable after construction (the config is copied), so one Resampler may serve several threads.
 */
public final class Resampler {
    private final ConfigResample config;

    /** @param config settings, checked and copied (later changes to it have no effect) */
    public Resampler(ConfigResample config) {
        config.check();
        this.config = config.copy();
    }

    /** A copy of the settings in use. */
    public ConfigResample config() {
        return config.copy();
    }

    /**
     * Gaussian anti-aliasing sigma, in input voxels, for an axis downsampled by {@code ratio} = output
     * spacing / input spacing: {@code 0.5 * sqrt(ratio^2 - 1)} for ratio > 1, else 0.
     *
     * <p>Why: an output sample should carry the blur of a Gaussian of sigma half an output voxel
     * ({@code ratio / 2} input voxels), the input already carries about half an input voxel, and
     * Gaussian variances add (the scale-space semigroup property, Lindeberg, "Scale-Space Theory in
     * Computer Vision", 1994, ch. 2), so the missing part is {@code sqrt((ratio/2)^2 - (1/2)^2)}. It
     * vanishes at ratio 1 (no blur when not downsampling) and is a little stronger than
     * scikit-image's {@code resize} default {@code (ratio - 1) / 2}.
     */
    public static double antialiasSigma(double ratio) {
        return ratio > 1 + 1e-9 ? 0.5 * Math.sqrt(ratio * ratio - 1) : 0;
    }

    /** True when the separable path applies: both grids evenly spaced and the same direction (1e-6). */
    public static boolean isSeparable(Geometry in, Geometry out) {
        if (!in.uniformSlices() || !out.uniformSlices()) return false;
        double[] a = in.direction(), b = out.direction();
        for (int i = 0; i < 9; i++) if (Math.abs(a[i] - b[i]) > 1e-6) return false;
        return true;
    }

    /**
     * Resamples {@code in} (not modified) onto {@code out}.
     *
     * @return a new volume on the output grid, of the configured type (default: the input's), flagged as
     *         a label map when the input is one or a label interpolator was used
     * @throws IllegalArgumentException for an image interpolator on a label map, or when the estimated
     *         peak memory exceeds the limit (see {@link #checkMemory})
     */
    public Volume resample(Volume in, Grid out, Job job) {
        Interp interp = config.interp;
        if (in.isLabel() && !interp.isLabel() && !config.allowImageInterpOnLabels)
            throw new IllegalArgumentException("the volume is a label map: interpolator " + interp
                    + " would create new values; use LABEL_NEAREST, LABEL_LINEAR or LABEL_GAUSSIAN (or allowImageInterpOnLabels)");
        checkMemory(in, out);
        PixelType type = config.outputType != null ? config.outputType : in.type();
        Volume result = Volume.allocate(type, out.nx(), out.ny(), out.nz(), out.geometry()).with(out.geometry(), in.isLabel() || interp.isLabel());
        double[] range = Voxels.range(in);
        double def = Double.isNaN(config.defaultValue) ? (Double.isNaN(range[0]) ? 0 : range[0]) : config.defaultValue;
        if (sameGrid(in, out)) return copyInto(in, result);
        boolean separable = !config.forceGeneralPath && isSeparable(in.geometry(), out.geometry());
        if (interp.isLabel()) resampleLabels(in, out, result, separable, (int) (long) Math.rint(def), job);
        else resampleImage(in, out, result, separable, range, (float) def, job);
        return result;
    }

    private void resampleImage(Volume in, Grid out, Volume result, boolean separable, double[] range, float def, Job job) {
        Interp interp = config.interp;
        boolean bspline = interp == Interp.BSPLINE && config.order >= 2;
        Kernel k = imageKernel();
        boolean clamp = config.clamp && (bspline || interp == Interp.LANCZOS) && !Double.isNaN(range[0]);
        float lo = (float) range[0], hi = (float) range[1];
        boolean aa = config.antialias && interp != Interp.NEAREST;
        int[] n = in.dims();
        if (separable) {
            double[] ratio = ratios(in.geometry(), out.geometry());
            double[] off = offset(in.geometry(), out.geometry());
            if (interp == Interp.NEAREST && in.type() == result.type()) {
                nearest(in, out, result, ratio, off, def, job);
                return;
            }
            int pad = bspline ? BSplineCoefficients.PAD : 0;
            WeightTable[] t = new WeightTable[3];
            for (int a = 0; a < 3; a++)
                t[a] = WeightTable.build(out.size(a), off[a], ratio[a], n[a], k, aa ? antialiasSigma(ratio[a]) : 0, config.boundary, pad);
            // B-spline coefficients a slab at a time: no float copy of the whole input
            if (bspline) BSplineSlabs.images(in, config.order, config.boundary, t[0], t[1], t[2], result, def, clamp, lo, hi, job);
            else SeparableResampler.images(in, t[0], t[1], t[2], result, def, clamp, lo, hi, job);
            return;
        }
        AffineResampler.IndexMap map = new AffineResampler.IndexMap(in.geometry(), out.geometry());
        double[] sigma = new double[3];
        boolean blur = false;
        if (aa) {
            double[] r = map.ratios();
            for (int a = 0; a < 3; a++) {
                sigma[a] = antialiasSigma(r[a]);
                blur |= sigma[a] > 0;
            }
        }
        float[] f;
        if (in instanceof FloatVolume fv && !blur) f = fv.data();
        else {
            f = new float[in.voxelCount()];
            Voxels.toFloat(in, 0, f, 0, f.length);
            if (blur) GaussianBlur.blur(f, n[0], n[1], n[2], sigma, config.boundary, job);
        }
        VoxelSampler sampler;
        if (bspline) {
            FloatVolume src = new FloatVolume(n[0], n[1], n[2], f, Geometry.identity(), false);
            FloatVolume c = BSplineCoefficients.compute(src, config.order, config.boundary, job);
            sampler = new VoxelSampler(c.data(), n[0], n[1], n[2], BSplineCoefficients.PAD, k, k, k, config.boundary);
        } else {
            sampler = new VoxelSampler(f, n[0], n[1], n[2], 0, k, k, k, config.boundary);
        }
        AffineResampler.images(sampler, map, result, def, clamp, lo, hi, job);
    }

    private void resampleLabels(Volume in, Grid out, Volume result, boolean separable, int def, Job job) {
        int[] n = in.dims();
        if (separable && config.interp == Interp.LABEL_NEAREST && in.type() == result.type()) {
            nearest(in, out, result, ratios(in.geometry(), out.geometry()), offset(in.geometry(), out.geometry()), def, job);
            return;
        }
        if (separable) {
            // the separable paths read the input's own storage: no int copy of a uint8/uint16 map
            LabelArray labels = LabelArray.of(in);
            double[] ratio = ratios(in.geometry(), out.geometry());
            double[] off = offset(in.geometry(), out.geometry());
            WeightTable[] t = new WeightTable[3];
            for (int a = 0; a < 3; a++) t[a] = WeightTable.build(out.size(a), off[a], ratio[a], n[a], labelKernel(ratio[a]), 0, config.boundary, 0);
            // wide kernels: a separable pass per label; narrow ones: a vote over the few taps
            if (config.interp == Interp.LABEL_GAUSSIAN) SeparableLabels.resample(labels, n[0], n[1], n[2], t[0], t[1], t[2], result, def, job);
            else SeparableResampler.labels(labels, n[0], n[1], t[0], t[1], t[2], result, def, job);
            return;
        }
        int[] labels = Voxels.toInt(in);
        AffineResampler.IndexMap map = new AffineResampler.IndexMap(in.geometry(), out.geometry());
        double[] r = map.ratios();
        LabelSampler s = new LabelSampler(labels, n[0], n[1], n[2], labelKernel(r[0]), labelKernel(r[1]), labelKernel(r[2]), config.boundary);
        AffineResampler.labels(s, map, result, def, job);
    }

    /** Nearest neighbour on the separable path, input and output of one type: a typed copy. */
    private void nearest(Volume in, Grid out, Volume result, double[] ratio, double[] off, double def, Job job) {
        WeightTable[] t = new WeightTable[3];
        for (int a = 0; a < 3; a++) t[a] = WeightTable.build(out.size(a), off[a], ratio[a], in.dims()[a], Kernel.nearest(), 0, config.boundary, 0);
        Volume fill = Volume.allocate(result.type(), 1, 1, 1, Geometry.identity());
        fill.set(0, def);
        SeparableResampler.nearest(in, t[0], t[1], t[2], result, fill, job);
    }

    private Kernel imageKernel() {
        switch (config.interp) {
            case NEAREST: return Kernel.nearest();
            case LINEAR: return Kernel.linear();
            case BSPLINE: return config.order == 1 ? Kernel.linear() : Kernel.bspline(config.order);
            case LANCZOS: return Kernel.lanczos(config.lanczosRadius);
            case GAUSSIAN: return Kernel.gaussian(config.gaussianSigmaVoxels);
            default: throw new IllegalArgumentException(config.interp + " is not an image interpolator");
        }
    }

    /** Label kernel for an axis (the ratio is unused today: see ConfigResample.labelSigmaVoxels). */
    private Kernel labelKernel(double ratio) {
        switch (config.interp) {
            case LABEL_NEAREST: return Kernel.nearest();
            case LABEL_LINEAR: return Kernel.linear();
            case LABEL_GAUSSIAN: return Kernel.gaussian(config.labelSigmaVoxels);
            default: throw new AssertionError(config.interp);
        }
    }

    /** Output/input spacing per axis (separable case: the directions agree). */
    private static double[] ratios(Geometry in, Geometry out) {
        return new double[] {out.spacing(0) / in.spacing(0), out.spacing(1) / in.spacing(1), out.spacing(2) / in.spacing(2)};
    }

    /** Continuous input index of output voxel (0,0,0). */
    private static double[] offset(Geometry in, Geometry out) {
        double[] inv = Geometry.inverse3(in.affine3());
        double[] oi = in.origin(), oo = out.origin();
        double[] c = new double[3];
        for (int r = 0; r < 3; r++)
            c[r] = inv[3 * r] * (oo[0] - oi[0]) + inv[3 * r + 1] * (oo[1] - oi[1]) + inv[3 * r + 2] * (oo[2] - oi[2]);
        return c;
    }

    private static boolean sameGrid(Volume in, Grid out) {
        if (in.nx() != out.nx() || in.ny() != out.ny() || in.nz() != out.nz()) return false;
        Geometry g = in.geometry();
        double tol = 1e-6 * Math.min(g.spacing(0), Math.min(g.spacing(1), g.spacing(2)));
        return g.approxEquals(out.geometry(), out.nx(), out.ny(), out.nz(), tol);
    }

    private static Volume copyInto(Volume in, Volume result) {
        if (in.type() == result.type()) {
            System.arraycopy(in.array(), 0, result.array(), 0, in.voxelCount());
        } else {
            for (int i = 0, n = in.voxelCount(); i < n; i++) result.set(i, in.get(i));
        }
        return result;
    }

    /**
     * Estimated peak heap bytes of {@link #resample} with these settings: input + output + working
     * buffers (B-spline coefficients, a float copy on the general path, int labels, per-thread slices).
     * Throws IllegalArgumentException when the output grid exceeds one array.
     */
    public long estimatePeakBytes(Volume in, Grid out) {
        return estimatePeakBytes(in, out, config);
    }

    /** See {@link #estimatePeakBytes(Volume, Grid)}; config is not modified. */
    public static long estimatePeakBytes(Volume in, Grid out, ConfigResample config) {
        long inVox = in.voxelCount();
        long outVox = out.voxelCount();   // not checked against one array: a dry run estimates any grid
        PixelType type = config.outputType != null ? config.outputType : in.type();
        long bytes = in.sizeBytes() + outVox * type.bytes;
        boolean separable = !config.forceGeneralPath && isSeparable(in.geometry(), out.geometry());
        int threads = Runtime.getRuntime().availableProcessors();
        if (config.interp.isLabel()) {
            // int copy of the labels: on the general path, and for float labels (the separable path
            // reads integer storage directly); per-thread slices are small
            boolean intStorage = in.type().integer;
            boolean copy = in.type() != PixelType.INT32 && in.type() != PixelType.UINT32;
            if (copy && (!separable || !intStorage)) bytes += 4 * inVox;
            return bytes;
        }
        boolean bspline = config.interp == Interp.BSPLINE && config.order >= 2;
        int p = bspline ? 2 * BSplineCoefficients.PAD : 0;
        if (bspline && separable) bytes += BSplineSlabs.slabBytes(in.nx(), in.ny(), in.nz(), config.order, config.boundary);
        else if (bspline) bytes += 4L * (in.nx() + p) * (in.ny() + p) * (in.nz() + p);
        if (separable) {
            bytes += threads * 4L * ((long) (in.nx() + p) * (in.ny() + p) + (long) out.nx() * (in.ny() + p) + out.nx());
        } else {
            // float copy (also kept alongside the coefficients while they are computed)
            if (!(in.type() == PixelType.FLOAT32 && !config.antialias)) bytes += 4 * inVox;
        }
        return bytes;
    }

    /** The memory limit in bytes: {@link ConfigResample#maxMemoryBytes}, or the JVM's maximum heap. */
    public long memoryLimit() {
        return config.maxMemoryBytes > 0 ? config.maxMemoryBytes : Runtime.getRuntime().maxMemory();
    }

    /**
     * Refuses work that would not fit: throws IllegalArgumentException naming the estimate, its parts and
     * the limit when {@link #estimatePeakBytes} exceeds {@link #memoryLimit()}.
     */
    public void checkMemory(Volume in, Grid out) {
        long est = estimatePeakBytes(in, out);
        long limit = memoryLimit();
        if (est > limit) {
            long outBytes = out.voxelCount() * (config.outputType != null ? config.outputType : in.type()).bytes;
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "estimated peak memory %d MB (input %d MB, output %d MB, work %d MB) exceeds the limit of %d MB",
                    mb(est), mb(in.sizeBytes()), mb(outBytes), mb(est - in.sizeBytes() - outBytes), mb(limit)));
        }
    }

    private static long mb(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
