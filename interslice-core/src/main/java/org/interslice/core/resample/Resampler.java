package org.interslice.core.resample;

import java.util.Locale;
import org.interslice.core.IntersliceException;
import org.interslice.core.block.Block;
import org.interslice.core.block.Interval;
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
import org.interslice.core.resample.impl.Store;
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

    /**
     * {@link #antialiasSigma(double)} for an input axis of {@code n} voxels, at most {@code n}: a Gaussian
     * wider than the axis already spreads every voxel over the whole (reflected) axis, so a wider one
     * changes the output little but its kernel (6 sigma + 1 taps) could exceed memory (a 1e-9 mm spacing
     * resampled to 1 mm asks for sigma 5e8).
     */
    public static double antialiasSigma(double ratio, int n) {
        return Math.min(antialiasSigma(ratio), Math.max(1, n));
    }

    /**
     * Refuses LABEL_LINEAR and LABEL_GAUSSIAN on a volume with more than {@link ConfigResample#maxLabels}
     * distinct labels (integer storage), with an {@link IntersliceException} that says what to do.
     */
    public void checkLabelCount(Volume in) {
        Interp i = config.interp;
        if (config.maxLabels == 0 || (i != Interp.LABEL_LINEAR && i != Interp.LABEL_GAUSSIAN) || !in.type().integer) return;
        int n = LabelMaps.distinct(in, config.maxLabels + 1, 1)[0];
        if (n > config.maxLabels)
            throw new IntersliceException(null, "more than " + config.maxLabels + " distinct labels: " + i.name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " runs one pass per label and would take very long; use --label-interp label-nearest, or --image if this is not a label map");
    }

    /**
     * True when the separable path applies: the same direction (1e-6) and an evenly spaced output, with an
     * evenly spaced input or an {@linkplain #isStraightStack uneven straight stack} (the typical thick-slice
     * CT with varying gaps: its slices still map to one input z index per output slice).
     */
    public static boolean isSeparable(Geometry in, Geometry out) {
        if (!out.uniformSlices() || !(in.uniformSlices() || isStraightStack(in))) return false;
        double[] a = in.direction(), b = out.direction();
        for (int i = 0; i < 9; i++) if (Math.abs(a[i] - b[i]) > 1e-6) return false;
        return true;
    }

    /**
     * True for unevenly spaced slices stacked straight along the slice normal: no shear (orthogonal
     * columns) and every slice's origin on the line through the first along column 2 (in-plane offset
     * below 1e-6 voxel). Then input x and y indices are affine in the output's and z is a per-slice
     * lookup, so the separable path applies with a z weight table built from those positions.
     */
    public static boolean isStraightStack(Geometry g) {
        double[] so = g.sliceOrigins();
        if (so == null || !g.isOrthogonal()) return false;
        double[] d = g.direction(), o = g.origin();
        for (int k = 0; k < so.length / 3; k++) {
            double dx = so[3 * k] - o[0], dy = so[3 * k + 1] - o[1], dz = so[3 * k + 2] - o[2];
            if (Math.abs(dx * d[0] + dy * d[3] + dz * d[6]) > 1e-6 * g.spacing(0)) return false;
            if (Math.abs(dx * d[1] + dy * d[4] + dz * d[7]) > 1e-6 * g.spacing(1)) return false;
        }
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
        return resample(in, out, null, job);
    }

    /**
     * {@link #resample(Volume, Grid, Job)}, telling {@code listener} (when not null) as output slices become
     * final: in blocks while later ones are computed on the separable nearest, linear and other non-B-spline
     * image paths, else once for all slices at the end. The values do not depend on the listener.
     */
    public Volume resample(Volume in, Grid out, SlabListener listener, Job job) {
        checkLabels(in);
        checkMemory(in, out, job.threads());
        checkLabelCount(in);
        PixelType type = config.outputType != null ? config.outputType : in.type();
        job.mark("allocating the output");
        Volume result = Volume.allocate(type, out.nx(), out.ny(), out.nz(), out.geometry()).with(out.geometry(), in.isLabel() || config.interp.isLabel());
        job.mark("output allocated");
        InputStats stats = InputStats.of(in, config);
        if (sameGrid(in.dims(), in.geometry(), out)) copyInto(in, result);
        else if (compute(Block.whole(in), out, Interval.whole(out.nx(), out.ny(), out.nz()), stats, result, listener, job)) return result;
        if (listener != null) listener.slabDone(result, 0, result.nz());
        return result;
    }

    /**
     * Computes box {@code box} of the output grid alone, from a block of the input: the same voxels as
     * {@link #resample(Volume, Grid, Job)} of the whole input gives (bit for bit; B-splines within about
     * 1e-7 of the data range, see {@link BSplineCoefficients#region}). The block must hold
     * {@link #inputInterval} of the box (more is fine); values that depend on the whole input come from
     * {@code stats} ({@link InputStats#of} of the whole input, computed once). No memory check: blocks are
     * the caller's way to bound memory.
     *
     * @return the box's voxels, with the box's interval and the output grid as its whole
     * @throws IllegalArgumentException when the box is not inside the output grid or the block misses part
     *         of the input the box needs
     */
    public Block resample(Block in, Grid out, Interval box, InputStats stats, Job job) {
        checkLabels(in.data());
        Interval need = inputInterval(inputGrid(in), out, box);
        if (!in.interval().contains(need))
            throw new IllegalArgumentException("input block " + in.interval() + " does not hold " + need + ", the input output box " + box + " needs");
        PixelType type = config.outputType != null ? config.outputType : in.data().type();
        Geometry g = Block.crop(out.geometry(), box);
        Volume result = Volume.allocate(type, box.nx(), box.ny(), box.nz(), g).with(g, in.data().isLabel() || config.interp.isLabel());
        if (sameGrid(new int[] {in.wholeNx(), in.wholeNy(), in.wholeNz()}, in.wholeGeometry(), out)) {
            Block part = Block.crop(in.data(), new Interval(box.x0() - in.interval().x0(), box.y0() - in.interval().y0(),
                    box.z0() - in.interval().z0(), box.nx(), box.ny(), box.nz()));
            copyInto(part.data(), result);
        } else {
            compute(in, out, box, stats, result, null, job);
        }
        return new Block(result, box, out.nx(), out.ny(), out.nz(), out.geometry());
    }

    /**
     * The box of the input that output box {@code box} of grid {@code out} reads, from the input grid
     * alone (no voxels): the input under the interpolator's taps at the box's voxels, widened by the
     * halos of the anti-aliasing prefilter ({@link #antialiasHalo}) and of the B-spline prefilter
     * ({@link #prefilterHalo()}), with the boundary rule folded in. On the separable path it is read from
     * the weight tables (exact); on the general path from the bounds of the box's image in input indices.
     * A box that lies wholly outside the input reads nothing and gets a one-voxel interval.
     */
    public Interval inputInterval(Grid in, Grid out, Interval box) {
        box.checkWithin(out.nx(), out.ny(), out.nz());
        int[] n = in.dims();
        if (sameGrid(n, in.geometry(), out)) return box;
        int[][] r = reads(n, in.geometry(), out, box);
        int[] from = new int[3], to = new int[3];
        boolean bspline = isBSpline();
        double[] sigma = generalSigma(n, in.geometry(), out.geometry(), separable(in.geometry(), out.geometry()));
        for (int a = 0; a < 3; a++) {
            int[] q = r[a] != null ? r[a] : new int[] {0, 1};
            if (bspline) q = BSplineCoefficients.reads(n[a], config.order, config.boundary, q[0], q[1]);
            // the general path blurs before it samples: exact blurred values need the blur's halo
            int h = GaussianBlur.halo(sigma[a]);
            if (h > 0 && r[a] != null) q = cover(q[0] - h, q[1] - 1 + h, n[a]);
            from[a] = q[0];
            to[a] = q[1];
        }
        return Interval.fromTo(from, to);
    }

    /**
     * Per axis, the source indices {first, end} the interpolator reads for the box (padded coefficient
     * indices for B-splines of order 2 or more, else input indices, boundary rule applied), null on an
     * axis where no voxel of the box is inside the input.
     */
    private int[][] reads(int[] n, Geometry inG, Grid out, Interval box) {
        int[][] r = new int[3][];
        if (separable(inG, out.geometry())) {
            WeightTable[] t = tables(n, inG, out);
            for (int a = 0; a < 3; a++) r[a] = t[a].reads(box.offset(a), box.size(a));
            return r;
        }
        AffineResampler.IndexMap map = new AffineResampler.IndexMap(inG, out.geometry());
        double[] b = map.bounds(box), ratio = map.ratios();
        int pad = isBSpline() ? BSplineCoefficients.PAD : 0;
        for (int a = 0; a < 3; a++) {
            Kernel k = config.interp.isLabel() ? labelKernel(ratio[a]) : imageKernel();
            double[] w = new double[k.taps];
            // only positions inside the input box are sampled; 2e-6 covers the snap and rounding
            double lo = Math.max(b[2 * a], -0.5 - Kernel.SNAP), hi = Math.min(b[2 * a + 1], n[a] - 0.5);
            if (lo > hi) continue;
            int j0 = k.weights(lo - 2e-6 * (1 + Math.abs(lo)), w), j1 = k.weights(hi + 2e-6 * (1 + Math.abs(hi)), w) + k.taps - 1;
            if (pad > 0) {
                int len = n[a] + 2 * pad;
                r[a] = new int[] {Math.max(0, Math.min(len - 1, j0 + pad)), Math.max(0, Math.min(len - 1, j1 + pad)) + 1};
            } else {
                r[a] = cover(j0, j1, n[a]);
            }
        }
        return r;
    }

    /** Indices {first, end} holding every index of [lo, hi] after the boundary rule on an axis of n. */
    private int[] cover(int lo, int hi, int n) {
        if (config.boundary == Boundary.NEAREST || n == 1 || (long) hi - lo + 1 >= 2L * n - 2)
            return config.boundary == Boundary.NEAREST || n == 1 ? new int[] {clamp(lo, n), clamp(hi, n) + 1} : new int[] {0, n};
        int first = n, last = -1;
        for (int q = lo; q <= hi; q++) {
            int m = q >= 0 && q < n ? q : WeightTable.mirror(q, n);
            first = Math.min(first, m);
            last = Math.max(last, m);
        }
        return new int[] {first, last + 1};
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }

    /** The halo of the configured interpolator's kernel, input voxels on each side ({@link Kernel#halo}). */
    public int interpolatorHalo() {
        return config.interp.isLabel() ? labelKernel(1).halo() : imageKernel().halo();
    }

    /**
     * The halo of the B-spline prefilter, input voxels on each side (0 unless B-spline of order 2 or more):
     * the recursive prefilter is cut where its response falls below 1e-7 ({@link BSplineCoefficients#warmup}).
     */
    public int prefilterHalo() {
        return isBSpline() ? BSplineCoefficients.warmup(config.order) : 0;
    }

    /** The halo of the anti-aliasing prefilter for a downsampling ratio, input voxels on each side. */
    public static int antialiasHalo(double ratio) {
        return GaussianBlur.halo(antialiasSigma(ratio));
    }

    boolean isBSpline() {
        return !config.interp.isLabel() && config.interp == Interp.BSPLINE && config.order >= 2;
    }

    boolean separable(Geometry in, Geometry out) {
        return !config.forceGeneralPath && isSeparable(in, out);
    }

    /** The whole input's grid of a block. */
    private static Grid inputGrid(Block in) {
        return new Grid(in.wholeNx(), in.wholeNy(), in.wholeNz(), in.wholeGeometry());
    }

    private void checkLabels(Volume in) {
        if (in.isLabel() && !config.interp.isLabel() && !config.allowImageInterpOnLabels)
            throw new IllegalArgumentException("the volume is a label map: interpolator " + config.interp
                    + " would create new values; use LABEL_NEAREST, LABEL_LINEAR or LABEL_GAUSSIAN (or allowImageInterpOnLabels)");
    }

    /** Weight tables of the separable path over the whole output grid (source: input, or padded coefficients). */
    WeightTable[] tables(int[] n, Geometry inG, Grid out) {
        double[] ratio = ratios(inG, out.geometry());
        double[] off = offset(inG, out.geometry());
        boolean label = config.interp.isLabel();
        boolean aa = !label && config.antialias && config.interp != Interp.NEAREST;
        int pad = isBSpline() ? BSplineCoefficients.PAD : 0;
        WeightTable[] t = new WeightTable[3];
        for (int a = 0; a < 3; a++) {
            Kernel k = label ? labelKernel(ratio[a]) : imageKernel();
            double sigma = aa ? antialiasSigma(ratio[a], n[a]) : 0;
            if (a == 2 && !inG.uniformSlices()) {
                // uneven straight stack: each output slice's input z index, looked up once
                double[] c = new double[out.nz()], w = new double[3];
                for (int z = 0; z < out.nz(); z++) {
                    out.geometry().indexToWorld(0, 0, z, w);
                    c[z] = inG.worldToIndex(w[0], w[1], w[2], w)[2];
                }
                t[a] = WeightTable.build(c, n[a], k, sigma, config.boundary, pad);
            } else {
                t[a] = WeightTable.build(out.size(a), off[a], ratio[a], n[a], k, sigma, config.boundary, pad);
            }
        }
        return t;
    }

    /** Anti-aliasing sigma per input axis on the general path (blurred before sampling); zeros when separable or off. */
    private double[] generalSigma(int[] n, Geometry in, Geometry out, boolean separable) {
        double[] sigma = new double[3];
        if (separable || config.interp.isLabel() || !config.antialias || config.interp == Interp.NEAREST) return sigma;
        double[] r = new AffineResampler.IndexMap(in, out).ratios();
        for (int a = 0; a < 3; a++) sigma[a] = antialiasSigma(r[a], n[a]);
        return sigma;
    }

    /** Output box {@code box} into result (the box's size) from block in; true when the listener was told of every slice. */
    private boolean compute(Block in, Grid out, Interval box, InputStats stats, Volume result, SlabListener listener, Job job) {
        double def = stats.defaultValue(config);
        int[] n = {in.wholeNx(), in.wholeNy(), in.wholeNz()};
        // whole input and whole output: the whole-volume machinery (B-spline slabs, exact coefficients)
        boolean whole = in.interval().isWhole(n[0], n[1], n[2]) && box.isWhole(out.nx(), out.ny(), out.nz());
        boolean separable = separable(in.wholeGeometry(), out.geometry());
        if (config.interp.isLabel()) labels(in, n, out, box, result, separable, (int) (long) Math.rint(def), stats.background(), job);
        else return image(in, n, out, box, result, separable, stats, (float) def, whole, whole ? listener : null, job);
        return false;
    }

    private boolean image(Block in, int[] n, Grid out, Interval box, Volume result, boolean separable, InputStats stats, float def, boolean whole,
                          SlabListener listener, Job job) {
        Interp interp = config.interp;
        boolean bspline = isBSpline();
        Kernel k = imageKernel();
        boolean clamp = config.clamp && (bspline || interp == Interp.LANCZOS) && !Double.isNaN(stats.min());
        Store store = new Store(def, clamp, (float) stats.min(), (float) stats.max());
        Volume src = in.data();
        int[] so = in.interval().offset(), sn = src.dims();
        Geometry inG = in.wholeGeometry();
        if (separable) {
            WeightTable[] t = tables(n, inG, out);
            if (interp == Interp.NEAREST && src.type() == result.type()) {
                nearest(src, slice(t, box, so), result, def, listener, job);
                return listener != null;
            }
            if (bspline && whole) {
                // B-spline coefficients a slab at a time: no float copy of the whole input
                BSplineSlabs.images(src, config.order, config.boundary, t[0], t[1], t[2], result, store, job);
            } else if (bspline) {
                int[][] r = reads(n, inG, out, box);
                int[] a = new int[3], b = new int[3];
                for (int ax = 0; ax < 3; ax++) { a[ax] = r[ax] != null ? r[ax][0] : 0; b[ax] = r[ax] != null ? r[ax][1] : 1; }
                FloatVolume c = BSplineCoefficients.region(src, so, n, config.order, config.boundary, a, b);
                WeightTable[] s = slice(t, box, a);
                SeparableResampler.images(c, s[0], s[1], s[2], result, store, job);
            } else {
                WeightTable[] s = slice(t, box, so);
                SeparableResampler.images(src, s[0], s[1], s[2], result, store, listener, job);
                return listener != null;
            }
            return false;
        }
        AffineResampler.IndexMap map = new AffineResampler.IndexMap(inG, out.geometry());
        double[] sigma = generalSigma(n, inG, out.geometry(), false);
        boolean blur = sigma[0] > 0 || sigma[1] > 0 || sigma[2] > 0;
        float[] f;
        if (src instanceof FloatVolume fv && !blur) f = fv.data();
        else {
            f = new float[src.voxelCount()];
            Voxels.toFloat(src, 0, f, 0, f.length);
            if (blur) GaussianBlur.blur(f, sn[0], sn[1], sn[2], so, n, sigma, config.boundary, job);
        }
        VoxelSampler sampler;
        if (bspline && whole) {
            FloatVolume c = BSplineCoefficients.compute(new FloatVolume(n[0], n[1], n[2], f, Geometry.identity(), false), config.order, config.boundary, job);
            sampler = new VoxelSampler(c.data(), n[0], n[1], n[2], BSplineCoefficients.PAD, k, k, k, config.boundary);
        } else if (bspline) {
            int[][] r = reads(n, inG, out, box);
            int[] a = new int[3], b = new int[3];
            for (int ax = 0; ax < 3; ax++) { a[ax] = r[ax] != null ? r[ax][0] : 0; b[ax] = r[ax] != null ? r[ax][1] : 1; }
            FloatVolume c = BSplineCoefficients.region(new FloatVolume(sn[0], sn[1], sn[2], f, Geometry.identity(), false), so, n,
                    config.order, config.boundary, a, b);
            sampler = new VoxelSampler(c.data(), n[0], n[1], n[2], BSplineCoefficients.PAD, a, c.dims(), k, k, k, config.boundary);
        } else {
            sampler = new VoxelSampler(f, n[0], n[1], n[2], 0, so, sn, k, k, k, config.boundary);
        }
        AffineResampler.images(sampler, map, box, result, store, job);
        return false;
    }

    private void labels(Block in, int[] n, Grid out, Interval box, Volume result, boolean separable, int def, int background, Job job) {
        Volume src = in.data();
        int[] so = in.interval().offset(), sn = src.dims();
        if (separable) {
            WeightTable[] t = slice(tables(n, in.wholeGeometry(), out), box, so);
            if (config.interp == Interp.LABEL_NEAREST && src.type() == result.type()) {
                nearest(src, t, result, def, null, job);
                return;
            }
            // the separable paths read the input's own storage: no int copy of a uint8/uint16 map
            LabelArray labels = LabelArray.of(src);
            // wide kernels: a separable pass per label; narrow ones: a vote over the few taps
            if (config.interp == Interp.LABEL_GAUSSIAN) SeparableLabels.resample(labels, sn[0], sn[1], sn[2], t[0], t[1], t[2], result, def, background, job);
            else SeparableResampler.labels(labels, sn[0], sn[1], t[0], t[1], t[2], result, def, job);
            return;
        }
        int[] labels = Voxels.toInt(src);
        AffineResampler.IndexMap map = new AffineResampler.IndexMap(in.wholeGeometry(), out.geometry());
        double[] r = map.ratios();
        LabelSampler s = new LabelSampler(labels, n[0], n[1], n[2], so, sn, labelKernel(r[0]), labelKernel(r[1]), labelKernel(r[2]), config.boundary);
        AffineResampler.labels(s, map, box, result, def, job);
    }

    /** The tables' rows of the box, source indices shifted to a region starting at shift. */
    private static WeightTable[] slice(WeightTable[] t, Interval box, int[] shift) {
        WeightTable[] s = new WeightTable[3];
        for (int a = 0; a < 3; a++) s[a] = t[a].slice(box.offset(a), box.size(a), shift[a]);
        return s;
    }

    /** Nearest neighbour on the separable path, input and output of one type: a typed copy. */
    private static void nearest(Volume src, WeightTable[] t, Volume result, double def, SlabListener listener, Job job) {
        Volume fill = Volume.allocate(result.type(), 1, 1, 1, Geometry.identity());
        fill.set(0, def);
        SeparableResampler.nearest(src, t[0], t[1], t[2], result, fill, listener, job);
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

    static boolean sameGrid(int[] n, Geometry g, Grid out) {
        if (n[0] != out.nx() || n[1] != out.ny() || n[2] != out.nz()) return false;
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
        return estimatePeakBytes(in, out, config, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #estimatePeakBytes(Volume, Grid)} for a job of the given number of threads (per-thread work space). */
    public long estimatePeakBytes(Volume in, Grid out, int threads) {
        return estimatePeakBytes(in, out, config, threads);
    }

    /** See {@link #estimatePeakBytes(Volume, Grid)}, on all cores; config is not modified. */
    public static long estimatePeakBytes(Volume in, Grid out, ConfigResample config) {
        return estimatePeakBytes(in, out, config, Runtime.getRuntime().availableProcessors());
    }

    /** See {@link #estimatePeakBytes(Volume, Grid)}, for a job of the given number of threads; config is not modified. */
    public static long estimatePeakBytes(Volume in, Grid out, ConfigResample config, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads = " + threads + " must be at least 1");
        long inVox = in.voxelCount();
        long outVox = out.voxelCount();   // not checked against one array: a dry run estimates any grid
        PixelType type = config.outputType != null ? config.outputType : in.type();
        long bytes = in.sizeBytes() + outVox * type.bytes;
        boolean separable = !config.forceGeneralPath && isSeparable(in.geometry(), out.geometry());
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
        if (config.antialias && config.interp != Interp.NEAREST) bytes += antialiasBytes(in, out, separable);
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

    /**
     * Heap of the anti-aliasing kernels: per downsampled axis the discrete Gaussian (6 sigma + 1 doubles)
     * and, on the separable path, its weight table (each output voxel of the axis holds up to the kernel's
     * width of weights, at most the axis length).
     */
    static long antialiasBytes(Volume in, Grid out, boolean separable) {
        double[] ratio = new double[3];
        double[] si = in.geometry().spacing(), so = out.geometry().spacing();
        for (int a = 0; a < 3; a++) ratio[a] = so[a] / si[a];
        long bytes = 0;
        for (int a = 0; a < 3; a++) {
            int n = in.dims()[a];
            double sigma = antialiasSigma(ratio[a], n);
            if (sigma <= 0) continue;
            long taps = 2L * Math.max(1, (long) Math.ceil(3 * sigma)) + 1;
            bytes += 8 * taps;
            if (separable) bytes += 8L * out.size(a) * Math.min(n + 2L * BSplineCoefficients.PAD, taps + 8) + 8L * n;
        }
        return bytes;
    }

    /** The memory limit in bytes: {@link ConfigResample#maxMemoryBytes}, or the JVM's maximum heap. */
    public long memoryLimit() {
        return config.maxMemoryBytes > 0 ? config.maxMemoryBytes : Runtime.getRuntime().maxMemory();
    }

    /**
     * Refuses work that would not fit: throws IllegalArgumentException naming the estimate, its parts and
     * the limit when {@link #estimatePeakBytes} exceeds {@link #memoryLimit()}; for a job on all cores.
     */
    public void checkMemory(Volume in, Grid out) {
        checkMemory(in, out, Runtime.getRuntime().availableProcessors());
    }

    /** {@link #checkMemory(Volume, Grid)} for a job of the given number of threads. */
    public void checkMemory(Volume in, Grid out, int threads) {
        long est = estimatePeakBytes(in, out, threads);
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
