package org.interslice.learn;

import java.util.Random;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.FloatVolume;

/**
 * Training pairs cut from the scan being upsampled (self-training, after SMORE's idea: the in-plane axes
 * are fine, so degrade one of them by the factor the slices are to be refined by and learn to undo that).
 * The stack is nx x ny x m with z the (coarse) slice axis. One sample: an in-plane axis d (x or y) and the
 * plane it leaves (the other in-plane axis u by z); along d, planes a and b = a + K are the "measured" ones
 * (p0 = a - K and p3 = b + K further out, repeated at the edges as in {@link PairSampler}), plane a + r is
 * the truth, t = r / K. With the {@code slab} profile every measured plane is the mean of the K planes
 * around it (a thick slice averages its slab; for even K the two end planes count half), with
 * {@code point} it is the plane itself. Patches are {@code patch} pixels along u (plus a
 * {@value PairSampler#MARGIN}-pixel margin on each side that morph registers with) by up to {@code patch}
 * slices along z (all of them when fewer, rounded down to a multiple of 4); flips and reversal at random,
 * no transposes (patches are rectangular and the axes differ). Nearly flat truths are redrawn up to 8 times.
 */
public final class SelfPairs implements SliceTrainer.Samples {
    /** Which kept planes a sample sees: slab means (thick slices) or single planes (slices with gaps). */
    public enum Profile { SLAB, POINT }

    private final FloatVolume stack;
    private final Intensity map;
    private final int factor, patch, rows, regionW;
    private final Profile profile;
    private final int[] axes;
    private final Random random;

    /**
     * @param stack  the scan, z the slice axis (at least 8 slices; one in-plane axis at least patch + 32 long)
     * @param map    the intensity map the network works in for this scan
     * @param factor K, the slice refinement factor (2 ..)
     * @param patch  patch side along the in-plane axis (multiple of 4)
     */
    public SelfPairs(FloatVolume stack, Intensity map, int factor, int patch, Profile profile, long seed) {
        if (factor < 2) throw new IllegalArgumentException("self-training factor " + factor + " < 2");
        if (patch < 8 || patch % 4 != 0) throw new IllegalArgumentException("patch " + patch + " must be a multiple of 4, >= 8");
        this.stack = stack;
        this.map = map;
        this.factor = factor;
        this.patch = patch;
        this.profile = profile;
        this.rows = Math.min(patch, stack.nz() / 4 * 4);
        this.regionW = patch + 2 * PairSampler.MARGIN;
        if (rows < 8) throw new IllegalArgumentException("self-training needs at least 8 slices (the scan has " + stack.nz() + ")");
        int[] ok = new int[2];
        int n = 0;
        // axis d is degraded; the plane it leaves spans u = 1 - d and z
        for (int d = 0; d < 2; d++) if (stack.dims()[d] > 3 * factor && stack.dims()[1 - d] >= regionW) ok[n++] = d;
        if (n == 0)
            throw new IllegalArgumentException("self-training needs an in-plane axis of at least " + regionW + " pixels with another of more than "
                    + 3 * factor + " (the slices are " + stack.nx() + " x " + stack.ny() + ")");
        this.axes = java.util.Arrays.copyOf(ok, n);
        this.random = new Random(seed);
    }

    @Override
    public int height() {
        return rows;
    }

    @Override
    public int width() {
        return patch;
    }

    @Override
    public void next(int n, float[] inputs, float[] truth, Job job) {
        int rr = regionW * rows;
        float[] ts = new float[n];
        float[][] bufs = PairSampler.drawMorphed(n, regionW, rows, ts, this::draw, job);
        int pp = rows * patch;
        for (int q = 0; q < n; q++) {
            boolean flipX = random.nextBoolean(), flipY = random.nextBoolean(), reverse = random.nextBoolean();
            int in = q * SliceNet.CHANNELS * pp;
            for (int c = 0; c < 4; c++) place(bufs[q], (reverse ? 3 - c : c) * rr, inputs, in + c * pp, flipX, flipY);
            place(bufs[q], 4 * rr, inputs, in + 4 * pp, flipX, flipY);
            java.util.Arrays.fill(inputs, in + 5 * pp, in + 6 * pp, reverse ? 1f - ts[q] : ts[q]);
            place(bufs[q], 6 * rr, inputs, in + 6 * pp, flipX, flipY);
            java.util.Arrays.fill(inputs, in + 7 * pp, in + 8 * pp, 1f / factor);
            place(bufs[q], 5 * rr, truth, q * pp, flipX, flipY);
        }
    }

    /** One raw sample (p0, a, b, p3, [morph], truth, [cubic]; regionW x rows channels, row = slice); returns t. */
    private float draw(float[] buf) {
        int d = axes[random.nextInt(axes.length)], u = 1 - d;
        int[] dims = stack.dims();
        int len = dims[d], k = factor;
        int r = 1 + random.nextInt(k - 1);
        int a = random.nextInt(len - k), b = a + k;
        int p0 = a - k >= 0 ? a - k : a, p3 = b + k < len ? b + k : b;
        int u0 = random.nextInt(dims[u] - regionW + 1), z0 = random.nextInt(stack.nz() - rows + 1);
        int rr = regionW * rows;
        int[] planes = {p0, a, b, p3};
        for (int c = 0; c < 4; c++) cut(d, planes[c], profile == Profile.SLAB ? k : 1, u0, z0, buf, c * rr);
        cut(d, a + r, 1, u0, z0, buf, 5 * rr);
        return (float) r / k;
    }

    /** Plane `index` along d (the mean of `thick` planes around it, clamped at the edges), normalised, region at (u0, z0). */
    private void cut(int d, int index, int thick, int u0, int z0, float[] dst, int to) {
        int nx = stack.nx(), ny = stack.ny(), len = stack.dims()[d];
        int sd = d == 0 ? 1 : nx, su = d == 0 ? nx : 1, sz = nx * ny;
        float[] src = stack.data();
        float lo = (float) map.low(), scale = map.scale();
        int half = thick / 2;
        double wEnd = thick % 2 == 0 ? 0.5 : 1.0;
        for (int z = 0; z < rows; z++)
            for (int i = 0; i < regionW; i++) {
                int base = (z0 + z) * sz + (u0 + i) * su;
                double s = 0;
                for (int o = -half; o <= half; o++) {
                    int idx = Math.max(0, Math.min(len - 1, index + o));
                    double w = thick > 1 && Math.abs(o) == half ? wEnd : 1.0;
                    s += w * src[base + idx * sd];
                }
                dst[to + z * regionW + i] = (float) ((s / thick - lo) * scale);
            }
    }

    /** The central patch columns of a regionW x rows channel, flipped. */
    private void place(float[] src, int from, float[] dst, int to, boolean flipX, boolean flipY) {
        int m = PairSampler.MARGIN;
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < patch; x++) {
                int sx = flipX ? patch - 1 - x : x, sy = flipY ? rows - 1 - y : y;
                dst[to + y * patch + x] = src[from + sy * regionW + m + sx];
            }
    }
}
