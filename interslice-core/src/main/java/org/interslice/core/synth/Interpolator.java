package org.interslice.core.synth;

import java.util.ArrayList;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.LabelMaps;
import org.interslice.core.synth.impl.SliceAccess;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;
import org.interslice.core.volume.IntVolume;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.Volume;

/**
 * Upsamples a volume along its slice axis with a slice-synthesis method (the engine of
 * {@code interpolate}); configured by {@link ConfigInterpolate}, reusable and thread-safe (it keeps no
 * state between runs). {@link Interpolate} is the one-shot facade.
 *
 * <p>What it guarantees: the output has the input's type and in-plane grid; its slices start at the first
 * measured slice and step by the new spacing ({@link SlicePlan}); an output slice at a measured position
 * is that slice copied bit for bit, whatever the method; every other one is made by the method from the
 * measured slices around its gap and rounded to the input type. The output geometry keeps the input's
 * origin and direction (a sheared, gantry-tilted grid stays sheared) with the new spacing along the slice
 * axis (between slice planes: positions along z are heights along the slice normal), so output slice j lies exactly where the input geometry puts fractional index
 * {@link SlicePlan#fractionalIndex(int)}, also for unevenly spaced input slices (which must lie on one
 * line).
 *
 * <p>Memory: input + output + per batch of gaps a float window of the measured slices the method reads
 * ({@link SliceSynthesizer#reach()} on each side) and a float buffer of the batch's synthesized slices
 * ({@link ConfigInterpolate#batchBytes}); no whole-volume float copy unless the method reads the whole
 * stack.
 */
public final class Interpolator {
    /** Progress task name: one unit per output slice. */
    public static final String TASK = "interpolate";

    private final ConfigInterpolate config;

    /** @param config settings, checked here; not copied, so do not change it while runs are going on */
    public Interpolator(ConfigInterpolate config) {
        this.config = config.check();
    }

    /**
     * The method to use on a volume and why.
     *
     * @param method name from {@link SynthesisMethods}
     * @param labels whether the volume is taken for a label map
     * @param notes  decisions to tell the user
     */
    public record Choice(String method, LabelMaps.Reason labels, List<String> notes) {
        public Choice {
            notes = List.copyOf(notes);
        }

        /** True when label methods are used. */
        public boolean isLabel() {
            return labels != LabelMaps.Reason.IMAGE;
        }
    }

    /**
     * Decides label or image and the method (reads every voxel of an unflagged integer volume once).
     * Throws IllegalArgumentException for an unknown method, an image-only method with no label method
     * to fall back to, or a default method that is not on the class path (never substituted silently).
     */
    public Choice choose(Volume v) {
        return choose(LabelMaps.classify(v, config.forceLabels));
    }

    /** The method for a label decision made elsewhere (a block job's streamed pass); reads no voxels. */
    public Choice choose(LabelMaps.Reason reason) {
        List<String> notes = new ArrayList<>();
        if (reason == LabelMaps.Reason.IMAGE) {
            String name = config.method != null ? config.method : requireDefault(ConfigInterpolate.DEFAULT_IMAGE_METHOD, false);
            SynthesisMethods.image(name);   // fails naming the image methods when it has no image variant
            return new Choice(name, reason, notes);
        }
        String why = reason == LabelMaps.Reason.FORCED ? "treated as a label map as asked"
                : reason == LabelMaps.Reason.FLAGGED ? "flagged as a label map by its file" : "recognised as a label map (integer, at most 256 values, piecewise constant)";
        if (config.method != null && SynthesisMethods.get(config.method).newLabelSynthesizer() != null)
            return new Choice(config.method, reason, notes);
        String fallback = requireDefault(ConfigInterpolate.DEFAULT_LABEL_METHOD, true);
        if (config.method != null)
            notes.add("input " + why + ": method '" + config.method + "' has no label variant and would blend labels; using '" + fallback + "'");
        return new Choice(fallback, reason, notes);
    }

    private static String requireDefault(String name, boolean labels) {
        SynthesisMethod m = SynthesisMethods.all().get(name);
        if (m == null || (labels ? m.newLabelSynthesizer() : m.newImageSynthesizer()) == null) {
            List<String> known = labels ? SynthesisMethods.labelNames() : SynthesisMethods.imageNames();
            throw new IllegalArgumentException("the default " + (labels ? "label-map" : "image") + " method '" + name
                    + "' is not available in this build; name another method (" + (known.isEmpty() ? "none is available" : "available: " + String.join(", ", known)) + ")");
        }
        return name;
    }

    /** The slice axis: {@link ConfigInterpolate#axis}, else the axis with the largest spacing (z on ties). */
    public int sliceAxis(Volume v) {
        if (config.axis >= 0) return config.axis;
        double[] s = v.geometry().spacing();
        int best = 2;
        for (int a = 0; a < 2; a++) if (s[a] > s[best] * (1 + 1e-6)) best = a;
        return best;
    }

    /**
     * Positions of the measured slices along the axis in mm: {@link ConfigInterpolate#positionsMm} when
     * given, else from the geometry: along z the heights of the slices along the slice normal (the
     * distance between slice planes, also on a sheared grid; uneven slices must lie on one straight line
     * within a tenth of the in-plane spacing), along x or y the index times the spacing.
     */
    public double[] measuredPositionsMm(Volume v, int axis) {
        int m = v.dims()[axis];
        if (config.positionsMm != null) {
            if (config.positionsMm.length != m)
                throw new IllegalArgumentException(config.positionsMm.length + " slice positions given for " + m + " slices along axis " + axisName(axis));
            return config.positionsMm.clone();
        }
        Geometry g = v.geometry();
        double[] p = new double[m];
        double[] so = g.sliceOrigins();
        if (axis != 2) {
            for (int k = 0; k < m; k++) p[k] = k * g.spacing(axis);
            return p;
        }
        // heights along the slice normal: the distance between slice planes, also on a sheared grid
        double[] n = g.normal();
        double cos = cosTilt(g);
        if (so == null) {
            for (int k = 0; k < m; k++) p[k] = k * g.spacing(2) * cos;
            return p;
        }
        double[] d = g.direction();
        double ux = d[2], uy = d[5], uz = d[8];
        double worst = 0;
        for (int k = 0; k < m; k++) {
            double dx = so[3 * k] - so[0], dy = so[3 * k + 1] - so[1], dz = so[3 * k + 2] - so[2];
            p[k] = dx * n[0] + dy * n[1] + dz * n[2];
            double along = dx * ux + dy * uy + dz * uz;
            double ox = dx - along * ux, oy = dy - along * uy, oz = dz - along * uz;
            worst = Math.max(worst, Math.sqrt(ox * ox + oy * oy + oz * oz));
        }
        double tol = 0.1 * Math.min(g.spacing(0), g.spacing(1));
        if (worst > tol)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "slice positions are not on one line (up to %.3g mm off); interpolate needs a straight stack, resample handles others", worst));
        return p;
    }

    /** Cosine of the gantry tilt: the slice normal's component along the stacking direction (1 for an orthogonal grid). */
    static double cosTilt(Geometry g) {
        double[] n = g.normal(), d = g.direction();
        return Math.abs(n[0] * d[2] + n[1] * d[5] + n[2] * d[8]);
    }

    /** The plan of output slices for this volume. */
    public SlicePlan plan(Volume v) {
        int axis = sliceAxis(v);
        double[] p = measuredPositionsMm(v, axis);
        return config.factor != 0 ? SlicePlan.ofFactor(axis, p, config.factor) : SlicePlan.of(axis, p, config.spacingMm);
    }

    /**
     * The output geometry: the input's origin (its first slice) and direction, the plan's spacing along
     * the axis (along z: between slice planes, so a sheared grid steps spacing / cos(tilt) along its
     * stacking direction). Uneven z slices stay per-slice when the axis is x or y.
     */
    public Geometry outputGeometry(Volume v, SlicePlan plan) {
        Geometry g = v.geometry();
        int axis = plan.axis();
        double[] s = g.spacing();
        s[axis] = plan.spacingMm();
        if (axis == 2) s[2] /= cosTilt(g);
        double[] so = g.sliceOrigins();
        if (axis == 2 || so == null) return Geometry.of(s, g.origin(), g.direction());
        double[] d = g.direction();
        return Geometry.ofSlices(new double[] {s[0], s[1]}, new double[] {d[0], d[3], d[6]}, new double[] {d[1], d[4], d[7]}, so, s[2], 1e-9);
    }

    /** Estimated peak bytes of {@link #run}: input + output + twice the largest window + the largest batch buffer. */
    public long estimatePeakBytes(Volume v, SlicePlan plan, Choice choice) {
        int[] pd = SliceAccess.planeDims(v, plan.axis());
        long plane = (long) pd[0] * pd[1];
        long out = plane * plan.size() * v.type().bytes;
        long work = 0;
        boolean whole = !choice.isLabel() && SynthesisMethods.image(choice.method()).prefersWholeStack();
        for (int[] b : batches(plan, reach(choice), whole, plane, Runtime.getRuntime().availableProcessors(), 0, plan.size(), 0, plan.measuredCount() - 1)) work = Math.max(work, 2L * (b[3] - b[2] + 1) * plane * 4 + (long) (b[1] - b[0]) * plane * 4);
        return v.sizeBytes() + out + work;
    }

    /** Runs with the method {@link #choose} picks. */
    public Interpolation run(Volume v, Job job) {
        return run(v, choose(v), job);
    }

    /**
     * Upsamples v along its slice axis.
     *
     * @param v      input, not modified
     * @param choice from {@link #choose}
     * @param job    threads, progress ({@link #TASK}, one unit per output slice), cancellation
     */
    public Interpolation run(Volume v, Choice choice, Job job) {
        SlicePlan plan = plan(v);
        Volume out = slices(v, 0, plan, 0, plan.size(), outputGeometry(v, plan), choice, job);
        return new Interpolation(out, plan, choice.method(), choice.labels(), choice.notes());
    }

    /**
     * Output slices [j0, j1) of {@code plan}, the plan of a whole stack of which {@code stack} holds the
     * measured slices [w0, w0 + its size along the plan's axis): the same voxels as those slices of
     * {@link #run} on the whole stack, as every method sees the same measured positions, targets and
     * window geometry. For work cut into slabs (a Spark task per slab); the stack must hold every measured
     * slice the method reaches from the slabs' gaps ({@code reach()} on each side, as {@link #run}'s
     * windows do).
     *
     * @return the slab: the stack's in-plane size, j1 - j0 slices, the stack's geometry with the plan's spacing
     * @throws IllegalArgumentException when the range is empty or outside the plan, or the stack misses a slice it needs
     */
    public Volume runSlices(Volume stack, int w0, SlicePlan plan, int j0, int j1, Choice choice, Job job) {
        int len = stack.dims()[plan.axis()];
        if (j0 < 0 || j1 > plan.size() || j0 >= j1) throw new IllegalArgumentException("output slices [" + j0 + ", " + j1 + ") outside 0.." + plan.size());
        if (w0 < 0 || w0 + len > plan.measuredCount())
            throw new IllegalArgumentException("measured slices [" + w0 + ", " + (w0 + len) + ") outside 0.." + plan.measuredCount());
        return slices(stack, w0, plan, j0, j1, outputGeometry(stack, plan), choice, job);
    }

    /** Output slices [j0, j1) of plan from v, which holds measured slices [w0, w0 + size along the axis). */
    private Volume slices(Volume v, int w0, SlicePlan plan, int j0, int j1, Geometry og, Choice choice, Job job) {
        int axis = plan.axis(), n = j1 - j0, w1 = w0 + v.dims()[axis] - 1;
        int[] dims = v.dims();
        dims[axis] = n;
        Volume out = Volume.allocate(v.type(), dims[0], dims[1], dims[2], og).with(og, choice.isLabel() || v.isLabel());
        // measured slices first: bit-for-bit copies, whatever the method
        int copyCount = 0, synthCount = 0;
        for (int j = j0; j < j1; j++) {
            if (plan.measured(j) < 0) { synthCount++; continue; }
            copyCount++;
            if (plan.measured(j) < w0 || plan.measured(j) > w1) throw new IllegalArgumentException("output slice " + j + " copies measured slice "
                    + plan.measured(j) + ", not in the stack's " + w0 + ".." + w1);
        }
        int[] copies = new int[copyCount];
        int[] synthesized = new int[synthCount];
        for (int j = j0, c = 0, t = 0; j < j1; j++) {
            if (plan.measured(j) >= 0) copies[c++] = j;
            else synthesized[t++] = j;
        }
        Job quiet = job.quiet();
        quiet.forEachSlab(copies.length, c -> SliceAccess.copy(v, plan.measured(copies[c]) - w0, out, copies[c] - j0, axis));
        long[] done = {copies.length};
        job.report(TASK, done[0], n);
        int[] pd = SliceAccess.planeDims(v, axis);
        int plane = pd[0] * pd[1];
        Geometry windowGeometry = windowGeometry(v, plan);
        double[] mm = plan.measuredMm();
        SliceSynthesizer image = choice.isLabel() ? null : SynthesisMethods.image(choice.method());
        LabelSynthesizer label = choice.isLabel() ? SynthesisMethods.label(choice.method()) : null;
        // work buffers are kept from batch to batch while their size fits (batches in the middle of the
        // stack all have the same shape), so the heap does not fill with dead batch arrays
        float[][] fbuf = {new float[0], new float[0]};
        int[][] ibuf = {new int[0], new int[0]};
        // the window of the batch before: one that covers the same slices is handed over again as the same
        // object, unchanged (a whole-stack method, e.g. cubic, keeps what it derived from it: its prefilter)
        FloatVolume window = null;
        int windowLo = -1;
        // a method that prefers the whole stack gets all of v (the whole stack, or a slab's window of it) as
        // one window; the stack must still hold its reach around every gap
        int reach = image != null ? image.reach() : label.reach();
        boolean whole = image != null && image.prefersWholeStack();
        for (int[] b : batches(plan, reach, whole, plane, job.threads(), j0, j1, w0, w1)) {
            job.checkCancelled();
            int t0 = b[0], nt = b[1] - b[0], lo = b[2], w = b[3] - b[2] + 1;
            double[] pos = java.util.Arrays.copyOfRange(mm, lo, lo + w);
            double[] targets = new double[nt];
            for (int s = 0; s < nt; s++) targets[s] = plan.positionMm(synthesized[t0 + s]);
            if (image != null) {
                if (fbuf[1].length != nt * plane) fbuf[1] = new float[nt * plane];
                float[] res = fbuf[1];
                if (window == null || windowLo != lo || window.nz() != w) {
                    if (fbuf[0].length != w * plane) fbuf[0] = new float[w * plane];
                    float[] win = fbuf[0];
                    quiet.forEachSlab(w, s -> SliceAccess.toFloat(v, axis, lo - w0 + s, win, s * plane));
                    window = new FloatVolume(pd[0], pd[1], w, win, windowGeometry, false);
                    windowLo = lo;
                }
                image.synthesize(window, pos, targets,
                        new FloatVolume(pd[0], pd[1], nt, res, windowGeometry, false), quiet);
                quiet.forEachSlab(nt, s -> SliceAccess.storeFloat(out, axis, synthesized[t0 + s] - j0, res, s * plane));
            } else {
                if (ibuf[0].length != w * plane) ibuf[0] = new int[w * plane];
                if (ibuf[1].length != nt * plane) ibuf[1] = new int[nt * plane];
                int[] win = ibuf[0], res = ibuf[1];
                quiet.forEachSlab(w, s -> SliceAccess.toInt(v, axis, lo - w0 + s, win, s * plane));
                label.synthesize(new IntVolume(pd[0], pd[1], w, PixelType.INT32, win, windowGeometry, true), pos, targets,
                        new IntVolume(pd[0], pd[1], nt, PixelType.INT32, res, windowGeometry, true), quiet);
                quiet.forEachSlab(nt, s -> SliceAccess.storeInt(out, axis, synthesized[t0 + s] - j0, res, s * plane));
            }
            done[0] += nt;
            job.report(TASK, done[0], n);
        }
        return out;
    }

    /** The method's reach: measured slices it reads on each side of a gap. */
    private static int reach(Choice c) {
        return c.isLabel() ? SynthesisMethods.label(c.method()).reach() : SynthesisMethods.image(c.method()).reach();
    }

    /**
     * Batches of consecutive gaps: {first synthesized slice (index into the synthesized list), one past
     * the last, first window slice, last window slice}. A batch holds at least one gap with targets and
     * grows while its synthesized slices fit {@link ConfigInterpolate#batchBytes} or until its gap count is
     * a multiple of the thread count; its window covers
     * {@code reach} measured slices on each side (all of [lo, hi] when {@code whole}), and all windows have
     * the same width. Only output slices [j0, j1), windows inside the measured slices [lo, hi]
     * (IllegalArgumentException when a batch's reach needs more).
     */
    private List<int[]> batches(SlicePlan plan, int reach, boolean whole, long plane, int threads, int j0, int j1, int lo, int hi) {
        int m = plan.measuredCount(), n = j1;
        int r = Math.max(1, Math.min(reach, m));
        long perSlice = plane * 4;
        List<int[]> list = new ArrayList<>();
        int s = 0, j = j0;
        while (j < n) {
            if (plan.measured(j) >= 0) { j++; continue; }
            int first = plan.gap(j), start = s, last = first;
            while (j < n) {
                if (plan.measured(j) >= 0) { j++; continue; }
                int g = plan.gap(j);
                // whole gaps only: count this gap's targets before taking it
                int e = j, cnt = 0;
                while (e < n && (plan.measured(e) >= 0 || plan.gap(e) == g)) { if (plan.measured(e) < 0) cnt++; e++; }
                // full, and holding a multiple of the thread count (methods that work gap by gap share gaps among threads)
                if (s > start && (g - first) % threads == 0 && (long) (s - start + cnt) * perSlice > config.batchBytes) break;
                s += cnt;
                last = g;
                j = e;
            }
            int[] b = {start, s, Math.max(0, first - r + 1), Math.min(m - 1, last + r)};
            if (b[2] < lo || b[3] > hi)
                throw new IllegalArgumentException("gaps " + first + ".." + last + " need measured slices " + b[2] + ".." + b[3] + ", the stack holds " + lo + ".." + hi);
            if (whole) { b[2] = lo; b[3] = hi; }
            list.add(b);
        }
        // every window as wide as the widest, moved inward at the ends of the stack: more slices than a
        // method needs change nothing, and equal shapes let one work buffer serve every batch
        int widest = 0;
        for (int[] b : list) widest = Math.max(widest, b[3] - b[2] + 1);
        for (int[] b : list) {
            b[2] = Math.max(lo, Math.min(b[2], hi + 1 - widest));
            b[3] = b[2] + widest - 1;
        }
        return list;
    }

    /** Geometry handed to methods with the window: in-plane spacing of the slice plane, mean measured step across. */
    private static Geometry windowGeometry(Volume v, SlicePlan plan) {
        double[] s = v.geometry().spacing();
        int a = plan.axis();
        double u = a == 0 ? s[1] : s[0], w = a == 2 ? s[1] : s[2];
        double[] mm = plan.measuredMm();
        double step = mm[mm.length - 1] / (mm.length - 1);
        return Geometry.of(new double[] {u, w, step}, new double[3], new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    }

    static String axisName(int axis) {
        return axis == 0 ? "x" : axis == 1 ? "y" : "z";
    }
}
