package org.interslice.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.interslice.core.exec.Job;
import org.interslice.core.synth.CubicSynthesizer;
import org.interslice.core.synth.MorphSynthesizer;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.Geometry;

/**
 * Drop-and-reconstruct training pairs cut from thin-slice volumes, with {@code morph}'s and {@code cubic}'s
 * slices made exactly as at inference. Once per volume, slicing axis and factor K in [2, maxFactor] (an axis
 * qualifies when its planes hold a patch and it has more than 2K slices), every K-th slice is kept (0, K,
 * 2K, ...) and {@link MorphSynthesizer} and {@link CubicSynthesizer} rebuild every other slice from the whole
 * kept stack, as {@code interpolate --method learned} does: the network is trained on the morph it will
 * refine (whole slices, morph's own slice window), not on morph run on a cropped patch. These slices are
 * kept (normalised) for the run. One sample: an entry (volume at random, then one of its axis-K entries),
 * a rebuilt slice z = aK + r between kept slices a and b = a + 1 (slices aK and (a + 1)K), the next kept
 * slices out p0 and p3 (repeating a or b at the stack's ends, as at inference), t = r / K, and a square
 * patch of the plane; flipped, transposed or reversed (p0..p3 in reverse order, t -> 1 - t) at random.
 * Patches whose truth is nearly flat (standard deviation below 0.01 in normalised units) are redrawn up to
 * 8 times, so training is not spent on air. Input channels: {@link SliceNet#CHANNELS}.
 *
 * <p>The static helpers ({@link #drawMorphed}, {@link #morph}) make morph's and cubic's slice for a raw
 * sample cut with a {@value #MARGIN}-pixel margin; self-training ({@link SelfPairs}) uses them.
 */
public final class PairSampler implements SliceTrainer.Samples {
    /** One volume with its intensity map. */
    public record Source(String name, FloatVolume volume, Intensity map) {
        public static Source of(String name, FloatVolume v) {
            return new Source(name, v, Intensity.of(v.data()));
        }
    }

    /** Margin around a raw sample's patch that morph registers with (its flow sees context beyond the patch). */
    public static final int MARGIN = 16;
    /** Channels of a raw sample: p0, a, b, p3, morph, truth, cubic. */
    private static final int RAW = 7;

    /**
     * One volume sliced along one axis with every K-th slice kept: the volume normalised with that axis as z
     * (nx x ny x n), and morph's and cubic's slices for every slice that is not kept (index z - z / K - 1
     * for z not a multiple of K, z < (m - 1) K + 1 with m kept slices).
     */
    private record Entry(float[] vol, int nx, int ny, int n, int k, int m, float[] morph, float[] cubic) {
    }

    private final List<Source> sources;
    private final int patch, maxFactor;
    private final Random random;
    /** Per source, its entries (made on the first {@link #next} call, on that call's job). */
    private List<List<Entry>> entries;

    public PairSampler(List<Source> sources, int patch, int maxFactor, long seed) {
        if (sources.isEmpty()) throw new IllegalArgumentException("no training volumes");
        if (patch < 8 || patch % 4 != 0) throw new IllegalArgumentException("patch " + patch + " must be a multiple of 4, >= 8");
        if (maxFactor < 2) throw new IllegalArgumentException("max factor " + maxFactor + " < 2");
        for (Source s : sources) if (axes(s.volume(), patch, 2).length == 0)
            throw new IllegalArgumentException("volume '" + s.name() + "' " + s.volume().nx() + "x" + s.volume().ny() + "x" + s.volume().nz()
                    + " is too small for " + patch + "-pixel patches with more than 4 slices");
        this.sources = List.copyOf(sources);
        this.patch = patch;
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

    /** Axes along which v can be cut at factor k: more than 2k slices, a plane that holds a patch. */
    static int[] axes(FloatVolume v, int patch, int k) {
        int[] d = v.dims();
        int[] ok = new int[3];
        int n = 0;
        for (int a = 0; a < 3; a++) {
            int u = d[(a + 1) % 3], w = d[(a + 2) % 3];
            if (d[a] > 2 * k && u >= patch && w >= patch) ok[n++] = a;
        }
        return java.util.Arrays.copyOf(ok, n);
    }

    /** The entries of every source: morph and cubic run on whole kept stacks, on the job's threads. */
    private void prepare(Job job) {
        entries = new ArrayList<>();
        for (Source s : sources) {
            List<Entry> list = new ArrayList<>();
            for (int axis = 0; axis < 3; axis++) {
                float[] vol = null;
                int[] d = s.volume().dims();
                int nx = d[(axis + 1) % 3], ny = d[(axis + 2) % 3], n = d[axis];
                for (int k = 2; k <= maxFactor; k++) {
                    if (!(n > 2 * k && nx >= patch && ny >= patch)) continue;
                    if (vol == null) vol = permuted(s.volume(), axis);
                    list.add(entry(vol, nx, ny, n, k, s.map(), job));
                }
                if (vol != null) normalise(vol, s.map());
            }
            entries.add(list);
        }
    }

    /** The volume's voxels with axis as z: (axis + 1) % 3 becomes x, (axis + 2) % 3 y (raw values). */
    private static float[] permuted(FloatVolume v, int axis) {
        float[] src = v.data();
        if (axis == 2) return src.clone();
        int[] d = v.dims();
        int[] stride = {1, d[0], d[0] * d[1]};
        int ua = (axis + 1) % 3, wa = (axis + 2) % 3, nx = d[ua], ny = d[wa], n = d[axis];
        float[] out = new float[nx * ny * n];
        for (int z = 0; z < n; z++)
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++) out[x + nx * (y + ny * z)] = src[z * stride[axis] + y * stride[wa] + x * stride[ua]];
        return out;
    }

    private static void normalise(float[] v, Intensity map) {
        float lo = (float) map.low(), k = map.scale();
        for (int i = 0; i < v.length; i++) v[i] = (v[i] - lo) * k;
    }

    /** Keeps every k-th slice of vol (raw values) and rebuilds the others with morph and cubic, normalised. */
    private static Entry entry(float[] vol, int nx, int ny, int n, int k, Intensity map, Job job) {
        int plane = nx * ny, m = (n - 1) / k + 1, last = (m - 1) * k;
        float[] kept = new float[m * plane];
        double[] pos = new double[m];
        for (int i = 0; i < m; i++) {
            System.arraycopy(vol, i * k * plane, kept, i * plane, plane);
            pos[i] = i;
        }
        int targets = last - (m - 1);
        double[] at = new double[targets];
        for (int z = 1, j = 0; z < last; z++) if (z % k != 0) at[j++] = (double) z / k;
        FloatVolume keptVol = new FloatVolume(nx, ny, m, kept, Geometry.identity(), false);
        FloatVolume morph = FloatVolume.allocate(nx, ny, targets, Geometry.identity());
        FloatVolume cubic = FloatVolume.allocate(nx, ny, targets, Geometry.identity());
        new MorphSynthesizer().synthesize(keptVol, pos, at, morph, job);
        new CubicSynthesizer().synthesize(keptVol, pos, at, cubic, job);
        normalise(morph.data(), map);
        normalise(cubic.data(), map);
        return new Entry(vol, nx, ny, n, k, m, morph.data(), cubic.data());
    }

    /**
     * Fills inputs (n x {@link SliceNet#CHANNELS} x patch x patch) and truth (n x 1 x patch x patch), both
     * normalised, with n new samples; the first call rebuilds the training slices on the job's threads.
     */
    @Override
    public void next(int n, float[] inputs, float[] truth, Job job) {
        if (entries == null) prepare(job);
        int pp = patch * patch, ch = SliceNet.CHANNELS;
        float[] buf = new float[7 * pp];
        for (int q = 0; q < n; q++) {
            int k = 0;
            float t = 0;
            for (int attempt = 0; ; attempt++) {
                List<Entry> list = entries.get(random.nextInt(entries.size()));
                Entry e = list.get(random.nextInt(list.size()));
                k = e.k();
                t = draw(e, buf);
                if (attempt < 8 && std(buf, 5 * pp, pp) < 0.01) continue;
                break;
            }
            boolean flipX = random.nextBoolean(), flipY = random.nextBoolean(), transpose = random.nextBoolean(), reverse = random.nextBoolean();
            int in = q * ch * pp;
            for (int c = 0; c < 4; c++) place(buf, (reverse ? 3 - c : c) * pp, inputs, in + c * pp, flipX, flipY, transpose);
            place(buf, 4 * pp, inputs, in + 4 * pp, flipX, flipY, transpose);
            java.util.Arrays.fill(inputs, in + 5 * pp, in + 6 * pp, reverse ? 1f - t : t);
            place(buf, 6 * pp, inputs, in + 6 * pp, flipX, flipY, transpose);
            java.util.Arrays.fill(inputs, in + 7 * pp, in + 8 * pp, 1f / k);
            place(buf, 5 * pp, truth, q * pp, flipX, flipY, transpose);
        }
    }

    /** One raw patch (p0, a, b, p3, morph, truth, cubic; patch x patch each) from entry e into buf; returns t. */
    private float draw(Entry e, float[] buf) {
        int k = e.k(), last = (e.m() - 1) * k;
        int z;
        do z = 1 + random.nextInt(last - 1); while (z % k == 0);
        int a = z / k, r = z - a * k;
        int[] slices = {Math.max(a - 1, 0) * k, a * k, (a + 1) * k, Math.min(a + 2, e.m() - 1) * k, -1, z, -1};
        int x0 = random.nextInt(e.nx() - patch + 1), y0 = random.nextInt(e.ny() - patch + 1);
        int j = z - a - 1;   // index of z among the rebuilt slices
        for (int c = 0; c < 7; c++) {
            float[] src = c == 4 ? e.morph() : c == 6 ? e.cubic() : e.vol();
            int index = c == 4 || c == 6 ? j : slices[c];
            int base = index * e.nx() * e.ny();
            for (int y = 0; y < patch; y++) System.arraycopy(src, base + (y0 + y) * e.nx() + x0, buf, c * patch * patch + y * patch, patch);
        }
        return (float) r / k;
    }

    /** A patch x patch channel, flipped and transposed. */
    private void place(float[] src, int from, float[] dst, int to, boolean flipX, boolean flipY, boolean transpose) {
        int p = patch;
        for (int y = 0; y < p; y++)
            for (int x = 0; x < p; x++) {
                int sx = flipX ? p - 1 - x : x, sy = flipY ? p - 1 - y : y;
                int si = transpose ? sx * p + sy : sy * p + sx;
                dst[to + y * p + x] = src[from + si];
            }
    }

    /** Draws one raw sample (channels p0, a, b, p3, -, truth, - of w x h) into buf and returns its t. */
    interface Draw {
        float into(float[] buf);
    }

    /**
     * n raw samples of w x h with their morph and cubic channels filled (on the job's threads), their t in
     * ts; a sample whose truth is flat is drawn again, up to 8 times.
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
     * and cubic's into channel 6 (channels of w x h: p0, a, b, p3, morph, truth, cubic).
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
        new CubicSynthesizer().synthesize(kept, pos, new double[] {1 + t}, out, Job.serial());
        System.arraycopy(out.data(), 0, buf, 6 * rr, rr);
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
