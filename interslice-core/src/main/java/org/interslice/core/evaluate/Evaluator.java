package org.interslice.core.evaluate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.SliceSynthesizer;
import org.interslice.core.metrics.Metrics;
import org.interslice.core.metrics.SliceAxis;
import org.interslice.core.metrics.SliceMetrics;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;

/**
 * The evaluate engine: rebuilds slices of a volume with each method and scores them against the
 * truth, slice by slice ({@link Metrics#perSlice}), along the voxel k axis.
 *
 * <ul>
 *   <li>{@link #dropAndReconstruct}: cut the thin truth to (n-1)//K*K+1 slices, keep every K-th (as
 *       they are, or as slab means, see {@link Profile}), let each method rebuild every slice at its
 *       true position, and score only the held-out ones.</li>
 *   <li>{@link #compareThick}: a real thick scan's slices are the kept stack, placed at their true
 *       positions on the grid of a real thin scan of the same exam; every thin slice inside the span of
 *       thick slice centres (the overlap) is scored.</li>
 *   <li>{@link #selfCheck}: the drop test with K = 2, point profile, on a scan that has no thin truth:
 *       every other real slice is held out and rebuilt from the rest at twice the spacing. It measures
 *       a harder problem than the one the method faces on the scan itself, so it is a pessimistic
 *       estimate.</li>
 * </ul>
 *
 * <p>The data range R of PSNR and SSIM is one number per volume: windowHigh - windowLow with a window,
 * else max - min of the whole input truth. With a window, truth and predictions are clipped to it
 * before scoring. Inputs are never modified.
 */
public final class Evaluator {
    private final ConfigEvaluate config;

    /** @param config settings; copied, so later edits do not affect this evaluator */
    public Evaluator(ConfigEvaluate config) {
        this.config = config.copy().check();
    }

    public ConfigEvaluate config() {
        return config.copy();
    }

    /**
     * Estimated peak heap bytes of evaluating one volume of nx x ny x nz voxels stored with
     * {@code storedBytes} bytes per voxel on {@code threads} threads: the stored volume while it becomes
     * float (b N), the float truth and its cut copy (8 N), the prediction reused across methods (4 N),
     * the kept stack (at most 2 N for K >= 2), masks (2 N), and per thread the SSIM work space of one slice
     * (five double and two float planes and a byte plane: 49 bytes per pixel).
     */
    public static long estimatePeakBytes(int nx, int ny, int nz, int storedBytes, int threads) {
        long n = (long) nx * ny * nz, plane = (long) nx * ny;
        return (16L + storedBytes) * n + 49L * plane * Math.max(1, threads);
    }

    /**
     * Drop-and-reconstruct on one thin truth volume.
     *
     * @param name       label for the report
     * @param truth      thin truth, any slice count >= K + 1; not modified
     * @param mask       null or a byte mask of the truth's dims (nonzero = scored); not modified
     * @param maskInfo   where the mask came from (reported)
     * @param methods    methods to run, in report order
     * @param methodDone called after each method finished (progress), may be null
     * @param job        threads and cancellation; its progress listener is not used
     */
    public VolumeResult dropAndReconstruct(String name, FloatVolume truth, byte[] mask, MaskInfo maskInfo,
                                           List<SliceSynthesizer> methods, Runnable methodDone, Job job) {
        return drop(name, VolumeResult.Mode.DROP, config.factor, config.profile, truth, mask, maskInfo, methods, methodDone, job);
    }

    /** The self-check of a scan (K = 2, point profile); see the class comment. Arguments as {@link #dropAndReconstruct}. */
    public VolumeResult selfCheck(String name, FloatVolume scan, byte[] mask, MaskInfo maskInfo,
                                  List<SliceSynthesizer> methods, Runnable methodDone, Job job) {
        return drop(name, VolumeResult.Mode.SELF, 2, Profile.POINT, scan, mask, maskInfo, methods, methodDone, job);
    }

    private VolumeResult drop(String name, VolumeResult.Mode mode, int factor, Profile profile, FloatVolume truth, byte[] mask,
                              MaskInfo maskInfo, List<SliceSynthesizer> methods, Runnable methodDone, Job job) {
        checkMask(truth, mask);
        final int n = truth.nz(), cut = SliceSampling.cutLength(n, factor), plane = truth.nx() * truth.ny();
        FloatVolume cutTruth = slices(truth, 0, cut);
        byte[] cutMask = mask == null ? null : Arrays.copyOf(mask, cut * plane);
        Job inner = job.quiet();
        FloatVolume kept = SliceSampling.keptStack(cutTruth, factor, profile, inner);
        int[] keptIdx = SliceSampling.kept(n, factor);
        double[] keptPos = new double[keptIdx.length];
        for (int i = 0; i < keptIdx.length; i++) keptPos[i] = keptIdx[i];
        return score(name, mode, factor, profile, truth, cutTruth, cutMask, maskInfo, 0, kept, keptPos,
                SliceSampling.heldOut(n, factor), methods, methodDone, job);
    }

    /**
     * A real thick scan against a real thin scan of the same exam. The two must share the in-plane grid
     * (columns, rows, in-plane position within 0.05 voxel; resample first otherwise); the thick slice
     * centres are located on the thin grid from the geometries, the thin slices between the first and
     * last thick centre (the overlap) are the truth, and every one of them is scored.
     *
     * @param thick    the thick scan (the kept stack), at least 2 slices; not modified
     * @param thin     the thin scan (the truth); not modified
     * @param thinMask null or a mask of the thin scan's dims
     * @throws IllegalArgumentException when the grids do not line up or the overlap holds no thin slice
     */
    public VolumeResult compareThick(String name, FloatVolume thick, FloatVolume thin, byte[] thinMask, MaskInfo maskInfo,
                                     List<SliceSynthesizer> methods, Runnable methodDone, Job job) {
        checkMask(thin, thinMask);
        if (thick.nx() != thin.nx() || thick.ny() != thin.ny())
            throw new IllegalArgumentException("thick scan is " + thick.nx() + "x" + thick.ny() + " in-plane, thin scan "
                    + thin.nx() + "x" + thin.ny() + ": resample one onto the other's in-plane grid first");
        if (thick.nz() < 2) throw new IllegalArgumentException("thick scan has " + thick.nz() + " slice(s); at least 2 are needed");
        double thickMm = thick.geometry().spacing(2), thinMm = thin.geometry().spacing(2);
        if (!(thickMm > thinMm * (1 + 1e-6)))
            throw new IllegalArgumentException("the thick scan's slices are " + thickMm + " mm apart, not more than the thin scan's "
                    + thinMm + " mm: are thick and thin swapped?");
        double[] pos = thickPositions(thick.geometry(), thin.geometry(), thick.nx(), thick.ny(), thick.nz());
        FloatVolume stack = thick;
        if (pos[pos.length - 1] < pos[0]) {   // thick k runs against thin k: flip the stack
            stack = reversed(thick);
            for (int i = 0, j = pos.length - 1; i < j; i++, j--) {
                double t = pos[i];
                pos[i] = pos[j];
                pos[j] = t;
            }
        }
        int first = (int) Math.ceil(pos[0] - 1e-6), last = (int) Math.floor(pos[pos.length - 1] + 1e-6);
        first = Math.max(first, 0);
        last = Math.min(last, thin.nz() - 1);
        if (last < first) throw new IllegalArgumentException("the thick slices span thin positions " + pos[0] + " .. "
                + pos[pos.length - 1] + ", which holds no slice of the thin scan (0 .. " + (thin.nz() - 1) + ")");
        int plane = thin.nx() * thin.ny();
        FloatVolume truth = slices(thin, first, last + 1);
        byte[] mask = thinMask == null ? null : Arrays.copyOfRange(thinMask, first * plane, (last + 1) * plane);
        for (int i = 0; i < pos.length; i++) pos[i] -= first;
        int[] scored = new int[truth.nz()];
        for (int s = 0; s < scored.length; s++) scored[s] = s;
        double ratio = thick.geometry().spacing(2) / thin.geometry().spacing(2);
        return score(name, VolumeResult.Mode.COMPARE, (int) Math.round(ratio), Profile.POINT, thin, truth, mask, maskInfo, first,
                stack, pos, scored, methods, methodDone, job);
    }

    /**
     * Fractional thin slice index of every thick slice centre; checks that in-plane positions agree.
     */
    static double[] thickPositions(Geometry thick, Geometry thin, int nx, int ny, int nz) {
        double[] pos = new double[nz];
        double[] w = new double[3], idx = new double[3];
        int[][] corners = {{0, 0}, {nx - 1, 0}, {0, ny - 1}, {nx - 1, ny - 1}};
        for (int k = 0; k < nz; k++) {
            double sum = 0;
            for (int[] c : corners) {
                thick.indexToWorld(c[0], c[1], k, w);
                thin.worldToIndex(w[0], w[1], w[2], idx);
                if (Math.abs(idx[0] - c[0]) > 0.05 || Math.abs(idx[1] - c[1]) > 0.05)
                    throw new IllegalArgumentException("thick slice " + k + " voxel (" + c[0] + ", " + c[1] + ") falls at thin voxel ("
                            + round(idx[0]) + ", " + round(idx[1]) + "): the in-plane grids differ (or the scans are tilted differently); resample first");
                sum += idx[2];
            }
            pos[k] = sum / corners.length;
        }
        for (int k = 1; k < nz; k++)
            if ((pos[k] - pos[k - 1]) * (pos[1] - pos[0]) <= 0)
                throw new IllegalArgumentException("thick slice positions on the thin grid are not monotonic at slice " + k);
        return pos;
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** Rebuilds every slice of truth with each method at its position and scores the scored ones. */
    private VolumeResult score(String name, VolumeResult.Mode mode, int factor, Profile profile, FloatVolume input,
                               FloatVolume truth, byte[] mask, MaskInfo maskInfo, int offset, FloatVolume kept, double[] keptPos,
                               int[] scored, List<SliceSynthesizer> methods, Runnable methodDone, Job job) {
        final int nx = truth.nx(), ny = truth.ny(), nz = truth.nz();
        final boolean window = config.windowed();
        final double range = window ? config.windowHigh - config.windowLow : Metrics.dataRange(input.data());
        if (!(range > 0)) throw new IllegalArgumentException("volume '" + name + "' is constant: no data range to score against");
        Job inner = job.quiet();
        FloatVolume ref = window ? clipped(truth, inner) : truth;
        double[] targets = new double[nz];
        for (int s = 0; s < nz; s++) targets[s] = s;
        int[] pc = planeCentre(nx, ny, nz, mask);
        Planes planes = new Planes(pc[1], pc[0], nx, ny, nz, input.geometry().spacing(), input.geometry(),
                Planes.xz(ref.data(), nx, ny, nz, pc[1]), Planes.yz(ref.data(), nx, ny, nz, pc[0]),
                mask == null ? null : Planes.xz(mask, nx, ny, nz, pc[1]), mask == null ? null : Planes.yz(mask, nx, ny, nz, pc[0]),
                planeNames(input.geometry()));
        List<MethodResult> results = new ArrayList<>();
        FloatVolume pred = FloatVolume.allocate(nx, ny, nz, truth.geometry());   // reused across methods
        SliceMetrics[] rows = null;
        for (SliceSynthesizer m : methods) {
            job.checkCancelled();
            long t0 = System.nanoTime();
            m.synthesize(kept, keptPos, targets, pred, inner);
            long t1 = System.nanoTime();
            if (window) clip(pred.data(), (float) config.windowLow, (float) config.windowHigh, nx * ny, inner);
            rows = Metrics.perSlice(ref, pred, mask, range, SliceAxis.Z, scored, config.ssim, inner);
            long t2 = System.nanoTime();
            results.add(new MethodResult(m.name(), rows, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    Planes.xz(pred.data(), nx, ny, nz, pc[1]), Planes.yz(pred.data(), nx, ny, nz, pc[0])));
            if (methodDone != null) methodDone.run();
        }
        boolean[] counted = new boolean[scored.length];
        int min = mask == null ? 1 : config.minMaskVoxels;
        // the mask depends on the truth only, so every method counts the same slices
        if (rows != null) for (int i = 0; i < scored.length; i++) counted[i] = rows[i].voxels() >= min;
        return new VolumeResult(name, mode, factor, profile, nx, ny, nz, offset, input.nz(), input.geometry().spacing(2), range,
                maskInfo, scored.clone(), counted, List.copyOf(results), planes);
    }

    /** Foreground mask of the truth by Otsu's threshold: value > t. Returns the mask; info in {@code info[0]}. */
    public static byte[] otsuMask(FloatVolume truth, MaskInfo[] info) {
        float[] v = truth.data();
        double t = Otsu.threshold(v);
        byte[] m = new byte[v.length];
        long n = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] > t) {
                m[i] = 1;
                n++;
            }
        }
        if (n == 0) throw new IllegalArgumentException("Otsu threshold " + t + " leaves no foreground voxel");
        if (info != null && info.length > 0) info[0] = new MaskInfo(MaskInfo.Source.OTSU, t, n, null);
        return m;
    }

    private static void checkMask(FloatVolume v, byte[] mask) {
        if (mask != null && mask.length != v.voxelCount())
            throw new IllegalArgumentException("mask holds " + mask.length + " voxels, volume " + v.voxelCount());
    }

    /** Slices [from, to) of v as a new volume (z is slowest, so one array range). */
    static FloatVolume slices(FloatVolume v, int from, int to) {
        int plane = v.nx() * v.ny();
        Geometry g = v.geometry();
        if (from != 0 || !g.uniformSlices()) {
            double[] o = g.affineOnly().indexToWorld(0, 0, from);
            g = g.affineOnly().withOrigin(o);
        }
        return new FloatVolume(v.nx(), v.ny(), to - from, Arrays.copyOfRange(v.data(), from * plane, to * plane), g, false);
    }

    private static FloatVolume reversed(FloatVolume v) {
        int plane = v.nx() * v.ny(), nz = v.nz();
        float[] out = new float[v.voxelCount()];
        for (int k = 0; k < nz; k++) System.arraycopy(v.data(), k * plane, out, (nz - 1 - k) * plane, plane);
        return new FloatVolume(v.nx(), v.ny(), nz, out, v.geometry(), false);
    }

    private FloatVolume clipped(FloatVolume v, Job job) {
        float[] c = v.data().clone();
        clip(c, (float) config.windowLow, (float) config.windowHigh, v.nx() * v.ny(), job);
        return new FloatVolume(v.nx(), v.ny(), v.nz(), c, v.geometry(), false);
    }

    private static void clip(float[] d, float lo, float hi, int plane, Job job) {
        job.forEachSlab(d.length / plane, k -> {
            for (int i = k * plane, end = i + plane; i < end; i++) {
                float x = d[i];
                d[i] = x < lo ? lo : (x > hi ? hi : x);
            }
        });
    }

    /** {x, y} of the montage planes: the mask's centroid, or the volume centre without a mask. */
    private static int[] planeCentre(int nx, int ny, int nz, byte[] mask) {
        if (mask == null) return new int[] {nx / 2, ny / 2};
        double sx = 0, sy = 0;
        long n = 0;
        for (int k = 0, i = 0; k < nz; k++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++, i++)
                    if (mask[i] != 0) {
                        sx += x;
                        sy += y;
                        n++;
                    }
        return n == 0 ? new int[] {nx / 2, ny / 2} : new int[] {(int) Math.round(sx / n), (int) Math.round(sy / n)};
    }

    /** Plane names: coronal/sagittal when k is closest to the body's S-I axis, else by index axes. */
    private static String[] planeNames(Geometry g) {
        double[] d = g.direction();
        boolean axial = Math.abs(d[8]) >= Math.abs(d[2]) && Math.abs(d[8]) >= Math.abs(d[5]);
        boolean xIsLr = Math.abs(d[0]) >= Math.abs(d[3]);
        if (axial) return xIsLr ? new String[] {"coronal", "sagittal"} : new String[] {"sagittal", "coronal"};
        return new String[] {"xz plane", "yz plane"};
    }
}
