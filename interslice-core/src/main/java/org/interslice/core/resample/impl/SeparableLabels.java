package org.interslice.core.resample.impl;

import java.util.Arrays;
import org.interslice.core.exec.Job;
import org.interslice.core.volume.Volume;

/**
 * Label resampling on the separable path as one separable pass per label: the score of label l at an
 * output voxel is its indicator resampled with the per-axis weight tables,
 * {@code sum wz * sum wy * sum wx * [label == l]}, exactly the vote of {@link SeparableResampler#labels};
 * the label with the largest score wins (ties: the smaller label). Cost is about (labels x one
 * separable pass over each label's box) instead of (output voxels x taps^3), which is what makes wide
 * kernels (LABEL_GAUSSIAN, 5 to 7 taps per axis) affordable.
 *
 * <p>Why it stays cheap: each label is only processed inside its own bounding box, taken per input
 * slice and widened by the kernel; and the most common label (the background) is never processed: as
 * the weights of one output voxel sum to 1 and the indicators partition the input, its score is
 * {@code 1 - sum of the other scores}. Work is streamed per output slice (a running best score, best
 * label and score sum per voxel of the slice), so memory is input labels + output + a few slices per
 * thread. Scores are summed in float: a vote that is an exact tie in real arithmetic may go either way
 * (as in the voting path, which sums in double).
 */
public final class SeparableLabels {
    private SeparableLabels() {}

    /** Sorted distinct labels, their voxel counts and per-input-slice boxes. */
    static final class Boxes {
        final int[] values;
        final long[] counts;
        /** box of label index li on input slice z: x0, x1, y0, y1 (inclusive) at 4 * (li * nz + z); x0 > x1 when absent */
        final int[] box;

        Boxes(int[] values, long[] counts, int[] box) {
            this.values = values;
            this.counts = counts;
            this.box = box;
        }
    }

    /**
     * Resamples labels (sx * sy * sz, x fastest, not modified; read in their own storage type) into
     * out; voxels outside the tables' inside ranges get defaultLabel. backgroundLabel is the whole input's
     * most common label (see InputStats): its score is taken as one minus the others'.
     */
    public static void resample(LabelArray labels, int sx, int sy, int sz, WeightTable tx, WeightTable ty, WeightTable tz,
                                Volume out, int defaultLabel, int backgroundLabel, Job job) {
        final Boxes b = boxes(labels, sx, sy, sz, job);
        final int nl = b.values.length;
        // the background is the whole input's most common label, given by the caller, so that a block
        // computed from a region makes the same choice; it may be absent from the region (index -1)
        final int found = Arrays.binarySearch(b.values, backgroundLabel);
        final int background = found >= 0 ? found : -1;
        final int bgLabel = backgroundLabel;
        final int nxo = out.nx(), nyo = out.ny(), nzo = out.nz();
        // one work space per thread, handed from chunk to chunk by the job (see Job.forEachChunk)
        job.forEachChunk("resample", nzo, SeparableResampler.CHUNKS_PER_THREAD, () -> new Slice(sx, sy, nxo, nyo, tx.taps, ty.taps), (z0, z1, s) -> {
            int[] row = s.row;
            for (int zo = z0; zo < z1; zo++) {
                if (zo < tz.lo || zo >= tz.hi) {
                    Arrays.fill(row, defaultLabel);
                    for (int yo = 0; yo < nyo; yo++) Voxels.storeRowInt(out, (zo * nyo + yo) * nxo, row, 0, nxo);
                    continue;
                }
                s.reset();
                for (int li = 0; li < nl; li++) if (li != background) s.addLabel(labels, b, li, sz, tx, ty, tz, zo);
                for (int yo = 0; yo < nyo; yo++) {
                    int off = yo * nxo;
                    if (yo < ty.lo || yo >= ty.hi) {
                        Arrays.fill(row, defaultLabel);
                    } else {
                        for (int x = 0; x < nxo; x++) {
                            if (x < tx.lo || x >= tx.hi) { row[x] = defaultLabel; continue; }
                            int a = s.arg[off + x];
                            float best = s.best[off + x], rest = 1f - s.sum[off + x];
                            // the background wins when no other label scored, or on a larger (tie: smaller) score
                            row[x] = a == Slice.NONE || rest > best || (rest == best && bgLabel < a) ? bgLabel : a;
                        }
                    }
                    Voxels.storeRowInt(out, (zo * nyo + yo) * nxo, row, 0, nxo);
                }
            }
        });
    }

    /** Per-thread work space for one output slice. */
    private static final class Slice {
        static final int NONE = Integer.MIN_VALUE;
        final int sx, sy, nxo, nyo, padX, padY;
        final float[] best, sum;
        final int[] arg;
        /** z-blended indicator of the box, rows of (box width + 2 padX), padX zeros each side */
        final float[] zacc;
        /** x-resampled rows of the box, from row padY (rows outside the box are never read) */
        final float[] xb;
        final float[] score;
        /** one output row of labels */
        final int[] row;

        Slice(int sx, int sy, int nxo, int nyo, int tapsX, int tapsY) {
            this.sx = sx;
            this.sy = sy;
            this.nxo = nxo;
            this.nyo = nyo;
            padX = tapsX;
            padY = tapsY;
            best = new float[nxo * nyo];
            sum = new float[nxo * nyo];
            arg = new int[nxo * nyo];
            zacc = new float[(sx + 2 * padX) * sy];
            xb = new float[nxo * (sy + 2 * padY)];
            score = new float[nxo];
            row = new int[nxo];
        }

        void reset() {
            Arrays.fill(best, 0f);
            Arrays.fill(sum, 0f);
            Arrays.fill(arg, NONE);
        }

        /** Adds the score of label index li at output slice zo. */
        void addLabel(LabelArray labels, Boxes b, int li, int sz, WeightTable tx, WeightTable ty, WeightTable tz, int zo) {
            final int l = b.values[li];
            final int T = tz.taps, s0 = tz.start[zo];
            // union of the label's boxes on the input slices under the z kernel
            int x0 = Integer.MAX_VALUE, x1 = -1, y0 = Integer.MAX_VALUE, y1 = -1;
            for (int t = 0; t < T; t++) {
                if (tz.w[zo * T + t] == 0) continue;
                int q = 4 * (li * sz + s0 + t);
                if (b.box[q] > b.box[q + 1]) continue;
                x0 = Math.min(x0, b.box[q]);
                x1 = Math.max(x1, b.box[q + 1]);
                y0 = Math.min(y0, b.box[q + 2]);
                y1 = Math.max(y1, b.box[q + 3]);
            }
            if (x1 < 0) return;
            // output columns and rows whose taps reach the box
            int ox0 = Integer.MAX_VALUE, ox1 = -1;
            for (int o = tx.lo; o < tx.hi; o++) {
                int st = tx.start[o];
                if (st <= x1 && st + tx.taps - 1 >= x0) { if (o < ox0) ox0 = o; ox1 = o; }
            }
            int oy0 = Integer.MAX_VALUE, oy1 = -1;
            for (int o = ty.lo; o < ty.hi; o++) {
                int st = ty.start[o];
                if (st <= y1 && st + ty.taps - 1 >= y0) { if (o < oy0) oy0 = o; oy1 = o; }
            }
            if (ox1 < 0 || oy1 < 0) return;
            // z pass: the indicator of l, blended over the z taps, inside the box
            final int bw = x1 - x0 + 1, rw = bw + 2 * padX, bh = y1 - y0 + 1;
            final int slice = sx * sy;
            for (int y = 0; y < bh; y++) {
                int r = y * rw;
                Arrays.fill(zacc, r, r + padX, 0f);
                Arrays.fill(zacc, r + padX + bw, r + rw, 0f);
            }
            boolean first = true;
            for (int t = 0; t < T; t++) {
                float w = tz.w[zo * T + t];
                if (w == 0) continue;
                int base = (s0 + t) * slice;
                for (int y = 0; y < bh; y++) {
                    int in = base + (y0 + y) * sx + x0, r = y * rw + padX;
                    labels.indicator(in, bw, l, w, zacc, r, first);
                }
                first = false;
            }
            // x pass: rows of the box, output columns ox0..ox1; zacc column c holds input x0 - padX + c
            final int Tx = tx.taps, ow = ox1 - ox0 + 1;
            for (int y = 0; y < bh; y++) {
                int r = y * rw - (x0 - padX), o = (y + padY) * ow;
                for (int ox = ox0; ox <= ox1; ox++) {
                    int p = r + tx.start[ox], q = ox * Tx;
                    float acc = 0;
                    for (int t = 0; t < Tx; t++) acc += tx.w[q + t] * zacc[p + t];
                    xb[o + ox - ox0] = acc;
                }
            }
            // y pass per output row, then the running best; xb row c holds input y0 - padY + c
            final int Ty = ty.taps;
            for (int oy = oy0; oy <= oy1; oy++) {
                int st = ty.start[oy] - (y0 - padY);
                Arrays.fill(score, 0, ow, 0f);
                for (int t = 0; t < Ty; t++) {
                    float w = ty.w[oy * Ty + t];
                    int c = st + t;
                    if (w == 0 || c < padY || c >= bh + padY) continue;
                    int in = c * ow;
                    for (int x = 0; x < ow; x++) score[x] += w * xb[in + x];
                }
                int o = oy * nxo + ox0;
                for (int x = 0; x < ow; x++) {
                    float v = score[x];
                    if (v == 0) continue;
                    sum[o + x] += v;
                    if (v > best[o + x]) { best[o + x] = v; arg[o + x] = l; }
                }
            }
        }
    }

    /** Distinct labels (sorted), counts and per-slice boxes, in one parallel pass over the input. */
    static Boxes boxes(LabelArray labels, int sx, int sy, int sz, Job job) {
        // distinct values: a dense table when the range is small, else sort a sample-free copy of uniques;
        // typed storage is read a row at a time into an int buffer (no per-voxel dispatch)
        final int rows = sy * sz;
        int[] buf = new int[sx];
        int mn = Integer.MAX_VALUE, mx = Integer.MIN_VALUE;
        for (int r = 0; r < rows; r++) {
            labels.row(r * sx, buf, 0, sx);
            for (int v : buf) { if (v < mn) mn = v; if (v > mx) mx = v; }
        }
        long range = (long) mx - mn + 1;
        int[] values;
        int[] index; // label value - mn -> label index, when dense
        if (range <= (1 << 22)) {
            boolean[] seen = new boolean[(int) range];
            for (int r = 0; r < rows; r++) {
                labels.row(r * sx, buf, 0, sx);
                for (int v : buf) seen[v - mn] = true;
            }
            int n = 0;
            for (boolean s : seen) if (s) n++;
            values = new int[n];
            index = new int[(int) range];
            for (int i = 0, k = 0; i < range; i++) if (seen[i]) { index[i] = k; values[k++] = mn + i; }
        } else {
            // only int storage has a range this wide: byte and short span at most 65536 values
            values = Arrays.stream(labels.ints()).distinct().sorted().toArray();
            index = null;
        }
        final int nl = values.length, base = mn;
        final int[] box = new int[4 * nl * sz];
        final long[][] perSlice = new long[sz][];
        final int[] vals = values, idx = index;
        job.forEachSlab(sz, z -> {
            long[] cnt = new long[nl];
            int[] row = new int[sx];
            for (int li = 0; li < nl; li++) {
                int q = 4 * (li * sz + z);
                box[q] = Integer.MAX_VALUE;
                box[q + 1] = -1;
                box[q + 2] = Integer.MAX_VALUE;
                box[q + 3] = -1;
            }
            for (int y = 0; y < sy; y++) {
                labels.row((z * sy + y) * sx, row, 0, sx);
                for (int x = 0; x < sx; x++) {
                    int v = row[x];
                    int li = idx != null ? idx[v - base] : Arrays.binarySearch(vals, v);
                    cnt[li]++;
                    int q = 4 * (li * sz + z);
                    if (x < box[q]) box[q] = x;
                    if (x > box[q + 1]) box[q + 1] = x;
                    if (y < box[q + 2]) box[q + 2] = y;
                    box[q + 3] = y;
                }
            }
            perSlice[z] = cnt;
        });
        long[] counts = new long[nl];
        for (long[] c : perSlice) for (int li = 0; li < nl; li++) counts[li] += c[li];
        return new Boxes(values, counts, box);
    }
}
