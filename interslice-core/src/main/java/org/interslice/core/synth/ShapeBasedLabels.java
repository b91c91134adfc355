package org.interslice.core.synth;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.IntVolume;

/**
 * Shape-based interpolation of label maps (Raya and Udupa 1990, "Shape-based interpolation of
 * multidimensional objects", IEEE TMI 9(1), extended to many labels): on each of
 * the two kept slices around a target, every label gets a 2D signed distance map in mm (positive inside,
 * {@link DistanceTransform#signed}); the maps are blended linearly to the target position and every
 * voxel takes the label with the largest blended distance (ties to the lower label). All labels are
 * resolved together, background (whatever value it has) competes as a label with its own distance map,
 * so no voxel gets two labels or none and no new value appears.
 *
 * <p>Objects that end between two slices close smoothly. A label absent from one neighbour gets a
 * finite virtual distance map there, extrapolated from the other: its own map shifted down so that its
 * largest value is at most minus one pixel (the label is absent there, so it loses at that slice) and,
 * against deep background (distance C = {@link ConfigShape#clampMm} on the far slice), its strongest
 * voxel reaches zero at {@link ConfigShape#vanishAt} of the gap (the midpoint by default). The object
 * shrinks monotonically toward its core instead of stopping at the last measured slice (Raya and
 * Udupa's two-label rule) or vanishing at once (a map of minus infinity). A label present on both
 * neighbours, or on the nearer one, that would still get no voxel keeps its strongest voxel
 * ({@link ConfigShape#keepThin}): thin structures do not fall to a neighbour's distance.
 *
 * <p>Distance maps are computed only inside each label's bounding box on the two slices plus a margin,
 * which is exact for every voxel of that region (see {@link DistanceTransform}), so atlases with over a
 * hundred small labels cost little more than a few whole-slice transforms. Gaps between kept slices are
 * processed in parallel on the job, each with its own scratch; results do not depend on the thread count.
 * Targets outside the kept range repeat the edge slice; a target on a kept slice copies it.
 */
public final class ShapeBasedLabels implements LabelSynthesizer {
    private final ConfigShape config;

    /** With the default {@link ConfigShape}. */
    public ShapeBasedLabels() {
        this(new ConfigShape());
    }

    /** @param config settings; copied */
    public ShapeBasedLabels(ConfigShape config) {
        this.config = config.copy().check();
    }

    @Override
    public String name() {
        return "shape";
    }

    /** Reads one measured slice on each side of a gap. */
    public int reach() {
        return 1;
    }

    @Override
    public void synthesize(IntVolume kept, double[] keptPositions, double[] targets, IntVolume out, Job job) {
        LabelStack.check(kept, keptPositions, targets, out);
        final int nx = kept.nx(), ny = kept.ny(), m = kept.nz(), plane = nx * ny;
        final LabelStack st = LabelStack.of(kept, job);
        // each target is a copy of kept slice copyOf[s], or lies in gap gapOf[s] at fraction frac[s]
        final int[] gapOf = new int[targets.length], copyOf = new int[targets.length];
        final double[] frac = new double[targets.length];
        final int[] perGap = new int[m];
        for (int s = 0; s < targets.length; s++) {
            double u = SliceSynthesizer.fractionalIndex(keptPositions, targets[s]);
            int i = (int) Math.floor(u);
            if (u == i) {
                copyOf[s] = i;
                gapOf[s] = -1;
            } else {
                copyOf[s] = -1;
                gapOf[s] = i;
                frac[s] = u - i;
                perGap[i]++;
            }
        }
        final int[] start = new int[m + 1];
        for (int g = 0; g < m; g++) start[g + 1] = start[g] + perGap[g];
        final int[] order = new int[start[m]];
        int[] fill = Arrays.copyOf(start, m);
        for (int s = 0; s < targets.length; s++) if (gapOf[s] >= 0) order[fill[gapOf[s]]++] = s;
        final int[] src = kept.data(), dst = out.data();
        job.forEachSlab(targets.length, s -> {
            if (copyOf[s] >= 0) System.arraycopy(src, copyOf[s] * plane, dst, s * plane, plane);
        });
        final ConcurrentLinkedQueue<GapWork> pool = new ConcurrentLinkedQueue<>();
        final double sx = kept.geometry().spacing(0), sy = kept.geometry().spacing(1);
        job.forEachSlab(m - 1, g -> {
            int n = start[g + 1] - start[g];
            if (n == 0) return;
            GapWork w = pool.poll();
            if (w == null) w = new GapWork();
            int[] slices = Arrays.copyOfRange(order, start[g], start[g + 1]);
            double[] ts = new double[n];
            for (int j = 0; j < n; j++) ts[j] = frac[slices[j]];
            w.run(st, g, slices, ts, sx, sy, dst);
            pool.offer(w);
        });
    }

    /**
     * The signed map of every label present on one kept slice, each over the union of the label's boxes on
     * slices k - 1, k and k + 1 plus the margin: one map serves both gaps the slice borders, and the
     * region does not depend on which gap asked first, so results do not depend on scheduling.
     */
    private static final class SliceMaps {
        int slice = -1;
        float[] data = new float[0];
        int[] off = new int[0], x0 = new int[0], y0 = new int[0], w = new int[0];

        void compute(LabelStack st, int k, DistanceTransform dt, double sx, double sy, float clamp, int margin) {
            final int labels = st.labels(), nx = st.nx, ny = st.ny;
            if (off.length != labels) {
                off = new int[labels];
                x0 = new int[labels];
                y0 = new int[labels];
                w = new int[labels];
            }
            int total = 0;
            int[] h = new int[labels];
            for (int l = 0; l < labels; l++) {
                w[l] = 0;
                if (!st.present(k, l)) continue;
                int ax = nx, ay = ny, bx = -1, by = -1;
                for (int q = Math.max(k - 1, 0); q <= Math.min(k + 1, st.m - 1); q++) {
                    if (!st.present(q, l)) continue;
                    int bo = (q * labels + l) * 4;
                    ax = Math.min(ax, st.boxes[bo]);
                    ay = Math.min(ay, st.boxes[bo + 1]);
                    bx = Math.max(bx, st.boxes[bo + 2]);
                    by = Math.max(by, st.boxes[bo + 3]);
                }
                x0[l] = Math.max(ax - margin, 0);
                y0[l] = Math.max(ay - margin, 0);
                w[l] = Math.min(bx + margin, nx - 1) - x0[l] + 1;
                h[l] = Math.min(by + margin, ny - 1) - y0[l] + 1;
                off[l] = total;
                total += w[l] * h[l];
            }
            if (data.length < total) data = new float[total];
            for (int l = 0; l < labels; l++)
                if (w[l] > 0) dt.signed(st.data, k * nx * ny, nx, x0[l], y0[l], w[l], h[l], st.values[l], sx, sy, clamp, data, off[l]);
            slice = k;
        }

        /** Index in {@link #data} of region pixel (x, y) of label l. */
        int at(int l, int x, int y) {
            return off[l] + (y - y0[l]) * w[l] + (x - x0[l]);
        }
    }

    /** Scratch and the work of one gap between kept slices g and g + 1. */
    private final class GapWork {
        private final DistanceTransform dt = new DistanceTransform();
        private SliceMaps mapsA = new SliceMaps(), mapsB = new SliceMaps();
        private float[] virt = new float[0], best = new float[0];
        private int[] win = new int[0], maxPos = new int[0], counts = new int[0];

        void run(LabelStack st, int g, int[] slices, double[] ts, double sx, double sy, int[] dst) {
            final int nx = st.nx, ny = st.ny, plane = nx * ny, labels = st.labels(), n = slices.length;
            final float clamp = (float) config.clampMm;
            final int margin = config.marginPx;
            final float vanish = (float) config.vanishAt, pixel = (float) Math.min(sx, sy);
            // the maps of slice g are usually left over from gap g - 1 on this worker
            if (mapsA.slice != g) {
                SliceMaps t = mapsA;
                mapsA = mapsB;
                mapsB = t;
                if (mapsA.slice != g) mapsA.compute(st, g, dt, sx, sy, clamp, margin);
            }
            mapsB.compute(st, g + 1, dt, sx, sy, clamp, margin);
            if (virt.length < plane) virt = new float[plane];
            if (best.length < n * plane) {
                best = new float[n * plane];
                win = new int[n * plane];
            }
            if (maxPos.length < n * labels) maxPos = new int[n * labels];
            if (counts.length < labels) counts = new int[labels];
            Arrays.fill(best, 0, n * plane, Float.NEGATIVE_INFINITY);
            st.ids(g, win, 0);
            for (int j = 1; j < n; j++) System.arraycopy(win, 0, win, j * plane, plane);
            Arrays.fill(maxPos, 0, n * labels, -1);
            for (int l = 0; l < labels; l++) {
                boolean pa = st.present(g, l), pb = st.present(g + 1, l);
                if (!pa && !pb) continue;
                // region: union of the label's boxes on both slices, plus the margin, inside the slice
                int ba = (g * labels + l) * 4, bb = ((g + 1) * labels + l) * 4;
                int x0 = Math.min(pa ? st.boxes[ba] : nx, pb ? st.boxes[bb] : nx) - margin;
                int y0 = Math.min(pa ? st.boxes[ba + 1] : ny, pb ? st.boxes[bb + 1] : ny) - margin;
                int x1 = Math.max(pa ? st.boxes[ba + 2] : -1, pb ? st.boxes[bb + 2] : -1) + margin;
                int y1 = Math.max(pa ? st.boxes[ba + 3] : -1, pb ? st.boxes[bb + 3] : -1) + margin;
                x0 = Math.max(x0, 0);
                y0 = Math.max(y0, 0);
                x1 = Math.min(x1, nx - 1);
                y1 = Math.min(y1, ny - 1);
                int rw = x1 - x0 + 1, rh = y1 - y0 + 1;
                // both maps as (array, first index, row stride); a label absent from one slice gets a virtual map there
                float[] a = mapsA.data, b = mapsB.data;
                int ao = pa ? mapsA.at(l, x0, y0) : 0, as = pa ? mapsA.w[l] : rw;
                int bo = pb ? mapsB.at(l, x0, y0) : 0, bs = pb ? mapsB.w[l] : rw;
                if (!pa) {
                    extrapolate(b, bo, bs, virt, rw, rh, clamp, vanish, pixel);
                    a = virt;
                }
                if (!pb) {
                    extrapolate(a, ao, as, virt, rw, rh, clamp, vanish, pixel);
                    b = virt;
                }
                for (int j = 0; j < n; j++) {
                    float wb = (float) ts[j];
                    int mp = blend(a, ao, as, b, bo, bs, 1f - wb, wb, rw, rh, best, win, j * plane + y0 * nx + x0, nx, l);
                    maxPos[j * labels + l] = mp < 0 ? -1 : (y0 + mp / rw) * nx + x0 + mp % rw;
                }
            }
            for (int j = 0; j < n; j++) {
                final int o = j * plane;
                if (config.keepThin) keepThin(st, g, ts[j], j, o, labels);
                final int[] values = st.values;
                for (int p = 0, q = slices[j] * plane; p < plane; p++, q++) dst[q] = values[win[o + p]];
            }
            // leave slice g + 1 in mapsA for gap g + 1
            SliceMaps t = mapsA;
            mapsA = mapsB;
            mapsB = t;
        }

        /** Gives a label that should not vanish at fraction t its strongest voxel back. */
        private void keepThin(LabelStack st, int g, double t, int j, int o, int labels) {
            Arrays.fill(counts, 0, labels, 0);
            for (int p = o, e = o + st.nx * st.ny; p < e; p++) counts[win[p]]++;
            for (int l = 0; l < labels; l++) {
                if (counts[l] > 0) continue;
                boolean pa = st.present(g, l), pb = st.present(g + 1, l);
                boolean keep = (pa && pb) || (pa && t <= 0.5) || (pb && t >= 0.5);
                int p = maxPos[j * labels + l];
                if (!keep || p < 0) continue;
                int before = win[o + p];
                if (counts[before] <= 1) continue;   // never trade one vanished label for another
                counts[before]--;
                counts[l]++;
                win[o + p] = l;
            }
        }
    }

    /**
     * Blends the region maps a, b (first pixel at ao, bo, rows as, bs apart) with weights wa, wb and lets
     * label l take every voxel where it beats the best score so far. The region is rw x rh; its first voxel
     * is at {@code o} in best/win, rows {@code stride} apart. A small method of its own so the JIT compiles it early (it runs per label).
     *
     * @return index in the region of the label's largest blended score (-1 for an empty region)
     */
    static int blend(float[] a, int ao, int as, float[] b, int bo, int bs, float wa, float wb, int rw, int rh, float[] best, int[] win,
                     int o, int stride, int l) {
        float ms = Float.NEGATIVE_INFINITY;
        int mp = -1;
        for (int y = 0, r = 0; y < rh; y++) {
            for (int x = 0, p = o + y * stride, ia = ao + y * as, ib = bo + y * bs; x < rw; x++, r++, p++, ia++, ib++) {
                float s = wa * a[ia] + wb * b[ib];
                if (s > best[p]) {
                    best[p] = s;
                    win[p] = l;
                }
                if (s > ms) {
                    ms = s;
                    mp = r;
                }
            }
        }
        return mp;
    }

    /**
     * The virtual map of a label absent from one slice, from its map on the other (see the class
     * comment), clamped at -C. With peak p and vanish point tau, the shift is the smaller of
     * C - p - 2p (1 - tau) / tau (the peak then meets background of depth C at tau, solving
     * (1 - tau) 2p + tau (v - C) = 0 for the far value v) and -pixel - p.
     */
    static void extrapolate(float[] from, int fo, int fs, float[] to, int rw, int rh, float clamp, float vanishAt, float pixelMm) {
        float peak = Float.NEGATIVE_INFINITY;
        for (int y = 0; y < rh; y++) for (int x = 0, i = fo + y * fs; x < rw; x++, i++) if (from[i] > peak) peak = from[i];
        float shift = Math.min(0f, clamp - peak - 2 * peak * (1 - vanishAt) / vanishAt);
        // never above "one pixel outside": the label is absent there, so at the slice itself it must lose
        shift = Math.min(shift, -pixelMm - peak);
        for (int y = 0, r = 0; y < rh; y++) {
            for (int x = 0, i = fo + y * fs; x < rw; x++, i++, r++) {
                float v = from[i] + shift;
                to[r] = v < -clamp ? -clamp : v;
            }
        }
    }
}
