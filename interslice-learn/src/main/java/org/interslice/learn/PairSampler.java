package org.interslice.learn;

import java.util.List;
import java.util.Random;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.MorphSynthesizer;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;

/**
 * Drop-and-reconstruct training pairs cut from thin-slice volumes. One sample: a volume, an axis
 * (any of the three whose length allows the cut: the other two become the patch plane), a factor K in
 * [2, maxFactor], a target slice z and an offset r in [1, K): the measured slices are a = z - r and
 * b = a + K, with p0 = a - K and p3 = b + K (repeating a or b when they fall outside, as at a stack's
 * edge), t = r / K, and the truth is slice z. A square patch of the plane is cut from all five slices;
 * the patch is flipped, transposed or reversed (a and b swapped, t -> 1 - t) at random. The {@code morph}
 * method's slice at t (registered on the patch plus a {@value #MARGIN}-pixel margin, so its flow sees some
 * context) is the fifth input: the network refines it. Patches whose
 * truth is nearly flat (standard deviation below 0.01 in normalised units) are redrawn up to 8 times,
 * so training is not spent on air.
 */
public final class PairSampler implements SliceTrainer.Samples {
    /** One volume with its intensity map. */
    public record Source(String name, FloatVolume volume, Intensity map) {
        public static Source of(String name, FloatVolume v) {
            return new Source(name, v, Intensity.of(v.data()));
        }
    }

    /** Margin around the patch that morph registers with (its flow sees context beyond the patch). */
    public static final int MARGIN = 16;
    /** Channels of a drawn sample: p0, a, b, p3, morph, truth. */
    private static final int RAW = 6;

    private final List<Source> sources;
    private final int patch, region, maxFactor;
    private final Random random;

    public PairSampler(List<Source> sources, int patch, int maxFactor, long seed) {
        if (sources.isEmpty()) throw new IllegalArgumentException("no training volumes");
        if (patch < 8 || patch % 4 != 0) throw new IllegalArgumentException("patch " + patch + " must be a multiple of 4, >= 8");
        if (maxFactor < 2) throw new IllegalArgumentException("max factor " + maxFactor + " < 2");
        for (Source s : sources) if (axes(s.volume(), patch + 2 * MARGIN, 2).length == 0)
            throw new IllegalArgumentException("volume '" + s.name() + "' " + s.volume().nx() + "x" + s.volume().ny() + "x" + s.volume().nz()
                    + " is too small for " + patch + "-pixel patches (plus a " + MARGIN + "-pixel margin)");
        this.sources = List.copyOf(sources);
        this.patch = patch;
        this.region = patch + 2 * MARGIN;
        this.maxFactor = maxFactor;
        this.random = new Random(seed);
    }

    public int patch() {
        return patch;
    }

    @Override
    public int height() {
        return patch;
    }

    @Override
    public int width() {
        return patch;
    }

    /** Axes along which v can be cut: the axis holds at least K + 1 slices, the plane a patch. */
    static int[] axes(FloatVolume v, int patch, int k) {
        int[] d = v.dims();
        int[] ok = new int[3];
        int n = 0;
        for (int a = 0; a < 3; a++) {
            int u = d[(a + 1) % 3], w = d[(a + 2) % 3];
            if (d[a] > k && u >= patch && w >= patch) ok[n++] = a;
        }
        return java.util.Arrays.copyOf(ok, n);
    }

    /**
     * Fills inputs (n x {@link SliceNet#CHANNELS} x patch x patch) and truth (n x 1 x patch x patch), both
     * normalised, with n new samples; morph runs on the job's threads.
     */
    @Override
    public void next(int n, float[] inputs, float[] truth, Job job) {
        float[] ts = new float[n];
        float[][] bufs = drawMorphed(n, region, region, ts, this::draw, job);
        for (int q = 0; q < n; q++) augment(bufs[q], ts[q], inputs, q * SliceNet.CHANNELS * patch * patch, truth, q * patch * patch);
    }

    /** Draws one raw sample (channels p0, a, b, p3, -, truth of w x h) into buf and returns its t. */
    interface Draw {
        float into(float[] buf);
    }

    /**
     * n raw samples of w x h with their morph channel filled (on the job's threads), their t in ts; a sample
     * whose truth is flat is drawn again, up to 8 times.
     */
    static float[][] drawMorphed(int n, int w, int h, float[] ts, Draw draw, Job job) {
        int rr = w * h;
        float[][] bufs = new float[n][];
        for (int q = 0; q < n; q++) {
            bufs[q] = new float[RAW * rr];
            for (int attempt = 0; ; attempt++) {
                ts[q] = draw.into(bufs[q]);
                if (attempt < 8 && std(bufs[q], 5 * rr, rr) < 0.01) continue;
                break;
            }
        }
        job.forEachSlab(n, q -> morph(bufs[q], ts[q], w, h));
        return bufs;
    }

    /**
     * Writes morph's slice at t between a and b (with p0, p3 for its curvature term) into channel 4 of buf
     * (channels of w x h: p0, a, b, p3, morph, truth).
     */
    static void morph(float[] buf, float t, int w, int h) {
        int rr = w * h;
        // the distinct measured slices in order: p0 and p3 repeat a or b at a stack's edge
        boolean hasP0 = !java.util.Arrays.equals(buf, 0, rr, buf, rr, 2 * rr);
        boolean hasP3 = !java.util.Arrays.equals(buf, 3 * rr, 4 * rr, buf, 2 * rr, 3 * rr);
        int m = 2 + (hasP0 ? 1 : 0) + (hasP3 ? 1 : 0);
        float[] stack = new float[m * rr];
        double[] pos = new double[m];
        int k = 0;
        for (int c = 0; c < 4; c++) {
            if ((c == 0 && !hasP0) || (c == 3 && !hasP3)) continue;
            System.arraycopy(buf, c * rr, stack, k * rr, rr);
            pos[k++] = c;
        }
        FloatVolume kept = new FloatVolume(w, h, m, stack, Geometry.identity(), false);
        FloatVolume out = FloatVolume.allocate(w, h, 1, Geometry.identity());
        new MorphSynthesizer().synthesize(kept, pos, new double[] {1 + t}, out, Job.serial());
        System.arraycopy(out.data(), 0, buf, 4 * rr, rr);
    }

    /** Draws one raw sample into buf (p0, a, b, p3, [morph], truth; region-sized channels); returns t. */
    private float draw(float[] buf) {
        Source s = sources.get(random.nextInt(sources.size()));
        FloatVolume v = s.volume();
        int k = 2 + random.nextInt(maxFactor - 1);
        int[] axes = axes(v, region, k);
        while (axes.length == 0 && k > 2) axes = axes(v, region, --k);
        int axis = axes[random.nextInt(axes.length)];
        int[] d = v.dims();
        int len = d[axis];
        int r = 1 + random.nextInt(k - 1);
        int a = random.nextInt(len - k), b = a + k, z = a + r;
        int p0 = a - k >= 0 ? a - k : a, p3 = b + k < len ? b + k : b;
        int ua = (axis + 1) % 3, wa = (axis + 2) % 3;
        int u0 = random.nextInt(d[ua] - region + 1), w0 = random.nextInt(d[wa] - region + 1);
        int[] slices = {p0, a, b, p3, z};
        int rr = region * region;
        for (int c = 0; c < 5; c++) cut(s, axis, slices[c], ua, u0, wa, w0, buf, (c == 4 ? 5 : c) * rr);
        return (float) r / k;
    }

    private void cut(Source s, int axis, int index, int ua, int u0, int wa, int w0, float[] dst, int to) {
        FloatVolume v = s.volume();
        int nx = v.nx(), ny = v.ny();
        int[] stride = {1, nx, nx * ny};
        float[] src = v.data();
        float lo = (float) s.map().low(), k = s.map().scale();
        int base = index * stride[axis];
        for (int j = 0; j < region; j++) {
            int row = base + (w0 + j) * stride[wa] + u0 * stride[ua];
            int su = stride[ua], o = to + j * region;
            for (int i = 0; i < region; i++) dst[o + i] = (src[row + i * su] - lo) * k;
        }
    }

    private void augment(float[] buf, float t, float[] inputs, int in, float[] truth, int tr) {
        int pp = patch * patch, rr = region * region;
        boolean flipX = random.nextBoolean(), flipY = random.nextBoolean(), transpose = random.nextBoolean(), reverse = random.nextBoolean();
        int[] order = reverse ? new int[] {3, 2, 1, 0} : new int[] {0, 1, 2, 3};
        for (int c = 0; c < 4; c++) place(buf, order[c] * rr, inputs, in + c * pp, flipX, flipY, transpose);
        place(buf, 4 * rr, inputs, in + 4 * pp, flipX, flipY, transpose);
        java.util.Arrays.fill(inputs, in + 5 * pp, in + 6 * pp, reverse ? 1f - t : t);
        place(buf, 5 * rr, truth, tr, flipX, flipY, transpose);
    }

    /** The central patch of a region-sized channel, flipped and transposed. */
    private void place(float[] src, int from, float[] dst, int to, boolean flipX, boolean flipY, boolean transpose) {
        int p = patch, r = region, o = MARGIN * r + MARGIN;
        for (int y = 0; y < p; y++)
            for (int x = 0; x < p; x++) {
                int sx = flipX ? p - 1 - x : x, sy = flipY ? p - 1 - y : y;
                int si = transpose ? sx * r + sy : sy * r + sx;
                dst[to + y * p + x] = src[from + o + si];
            }
    }

    static double std(float[] a, int from, int n) {
        double s = 0, s2 = 0;
        for (int i = from; i < from + n; i++) {
            s += a[i];
            s2 += (double) a[i] * a[i];
        }
        double m = s / n;
        return Math.sqrt(Math.max(0, s2 / n - m * m));
    }
}
