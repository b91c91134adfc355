package org.interslice.core.resample.impl;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.interslice.core.block.Interval;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.SlabListener;
import org.interslice.core.resample.SlabSink;
import org.interslice.core.volume.Volume;

/**
 * The separable path, for output grids whose axes are parallel to the input's (same direction, any
 * spacing and origin): every output value is {@code sum wz * sum wy * sum wx * src}, with per-axis
 * weights from {@link WeightTable}s computed once.
 *
 * <p>Work is streamed per output z slice so that memory stays at input + output plus a few slices per
 * thread: for each output slice the z pass blends the needed source slices into one float slice, the x
 * pass resamples its rows, the y pass its columns, and the result is clamped, rounded and written
 * straight into the typed output. Slices are independent, so output z is split into contiguous chunks
 * run on the {@link Job}; results do not depend on the thread count.
 */
public final class SeparableResampler {
    private SeparableResampler() {}

    /**
     * Resamples src into out (all voxels written). Table indices address src (which may be a padded
     * coefficient volume). Voxels outside the tables' inside ranges get the store's default value; with
     * its clamp, values are limited to [lo, hi] before storing.
     */
    public static void images(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, Store store, Job job) {
        images(src, tx, ty, tz, out, store, null, job);
    }

    /**
     * {@link #images(Volume, WeightTable, WeightTable, WeightTable, Volume, Store, Job)}, telling
     * {@code listener} (when not null) as output slices become final: the output is then computed in
     * blocks of slices, in z order, each block parallel over the job's threads (same values).
     */
    public static void images(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, Store store, SlabListener listener, Job job) {
        if (PlaneBlend.applies(tz, out, store)) {
            // linear and the like: each input slice's xy pass once, z blended into the output
            PlaneBlend.images(src, tx, ty, tz, out, store, listener, job);
            return;
        }
        if (listener == null) {
            images(src, 0, 0, tx, ty, tz, out, 0, out.nz(), 0, out.ny(), CHUNKS_PER_THREAD, "resample", store, null, job);
            return;
        }
        ConcurrentLinkedQueue<Work> pool = new ConcurrentLinkedQueue<>();
        blocks(out, job, listener, (z0, z1) -> images(src, 0, 0, tx, ty, tz, out, z0, z1, 0, out.ny(), CHUNKS_PER_THREAD, null, store, pool, job));
    }

    /** Output slices per block handed to a listener: a few chunks per thread, and about {@value #BLOCK_BYTES} bytes. */
    static int blockSlices(Volume out, int threads) {
        return blockSlices((long) out.nx() * out.ny() * out.type().bytes, threads, out.nz());
    }

    /** {@link #blockSlices(Volume, int)} for slices of {@code sliceBytes} bytes, nz of them (also what a streamed resample's buffers hold). */
    public static int blockSlices(long sliceBytes, int threads, int nz) {
        long slice = Math.max(1L, sliceBytes);
        return (int) Math.max(1, Math.min(nz, Math.max((long) threads * CHUNKS_PER_THREAD, BLOCK_BYTES / slice)));
    }

    /** Runs {@code block} on consecutive z ranges of out in order, telling the listener after each. */
    private static void blocks(Volume out, Job job, SlabListener listener, Range block) {
        int nz = out.nz(), per = blockSlices(out, job.threads());
        for (int z0 = 0; z0 < nz; z0 += per) {
            int z1 = Math.min(nz, z0 + per);
            block.accept(z0, z1);
            job.report("resample", z1, nz);
            listener.slabDone(out, z0, z1);
        }
    }

    /** A block of output slices [z0, z1). */
    private interface Range {
        void accept(int z0, int z1);
    }

    /** Target bytes of output per block handed to a listener. */
    static final long BLOCK_BYTES = 8L << 20;

    /**
     * {@link #images(Volume, WeightTable, WeightTable, WeightTable, Volume, Store, Job)} for the output
     * rows {@code part} only (all x; its y and z ranges), from a source holding table slice z at src slice
     * {@code z - zShift} and table row y at src row {@code y - yShift} (a slab or band of B-spline
     * coefficients); one chunk per thread (parts are short), no progress.
     */
    public static void images(Volume src, int zShift, int yShift, WeightTable tx, WeightTable ty, WeightTable tz, Volume out,
                              Interval part, Store store, Job job) {
        images(src, zShift, yShift, tx, ty, tz, out, part.z0(), part.end(2), part.y0(), part.end(1), 1, null, store, null, job);
    }

    /** pool: when not null, work spaces are taken from it and returned to it once this call ends (reused across blocks). */
    private static void images(Volume src, int zShift, int yShift, WeightTable tx, WeightTable ty, WeightTable tz, Volume out,
                               int zFrom, int zTo, int yoFrom, int yoTo, int chunksPerThread, String task, Store store,
                               ConcurrentLinkedQueue<Work> pool, Job job) {
        final float defaultValue = store.defaultValue(), lo = store.lo(), hi = store.hi();
        final boolean clamp = store.clamp();
        final int nxo = out.nx(), nyo = out.ny(), nzo = zTo - zFrom;
        final int sx = src.nx(), sy = src.ny();
        // source rows the y pass reads (band-local); the x pass computes only those
        int yf = Integer.MAX_VALUE, yl = 0;
        for (int o = Math.max(ty.lo, yoFrom); o < Math.min(ty.hi, yoTo); o++) {
            yf = Math.min(yf, ty.start[o] - yShift);
            yl = Math.max(yl, ty.start[o] + ty.taps - yShift);
        }
        final int yFirst = yf == Integer.MAX_VALUE ? 0 : yf, yLast = yl;
        // the common "thin the slices" case: x and y keep the input grid, so a slice is the z blend alone
        final boolean planeCopy = yShift == 0 && yoFrom == 0 && yoTo == nyo && identity(tx, sx, nxo) && identity(ty, sy, nyo);
        final Set<Work> used = pool == null ? null : Collections.newSetFromMap(new ConcurrentHashMap<>());
        job.forEachChunk(task, nzo, chunksPerThread, () -> {
            Work w = pool == null ? null : pool.poll();
            return w != null ? w : new Work(sx * sy, nxo * sy, nxo, defaultValue);
        }, (c0, c1, work) -> {
            if (used != null) used.add(work);
            final float[] zacc = work.zacc, xb = work.xb, row = work.row, fill = work.fill;
            for (int zo = zFrom + c0; zo < zFrom + c1; zo++) {
                int outSlice = zo * nxo * nyo;
                if (zo < tz.lo || zo >= tz.hi) {
                    for (int yo = yoFrom; yo < yoTo; yo++) Voxels.storeRow(out, outSlice + yo * nxo, fill, 0, nxo);
                    continue;
                }
                zPass(src, tz, zo, zShift, sx * sy, zacc);
                if (planeCopy) {
                    if (clamp) {
                        for (int i = 0, n = sx * sy; i < n; i++) {
                            float v = zacc[i];
                            zacc[i] = v < lo ? lo : (v > hi ? hi : v);
                        }
                    }
                    Voxels.storeRow(out, outSlice, zacc, 0, sx * sy);
                    continue;
                }
                xPass(zacc, sx, tx, yFirst, yLast, nxo, xb);
                for (int yo = yoFrom; yo < yoTo; yo++) {
                    if (yo < ty.lo || yo >= ty.hi) {
                        Voxels.storeRow(out, outSlice + yo * nxo, fill, 0, nxo);
                        continue;
                    }
                    yRow(xb, ty, yo, yShift, nxo, tx.lo, tx.hi, row);
                    for (int x = 0; x < tx.lo; x++) row[x] = defaultValue;
                    for (int x = tx.hi; x < nxo; x++) row[x] = defaultValue;
                    if (clamp) {
                        for (int x = tx.lo; x < tx.hi; x++) {
                            float v = row[x];
                            row[x] = v < lo ? lo : (v > hi ? hi : v);
                        }
                    }
                    Voxels.storeRow(out, outSlice + yo * nxo, row, 0, nxo);
                }
            }
        });
        if (pool != null) pool.addAll(used);   // every chunk has ended: the work spaces are free
    }

    /** Scratch of one thread of {@link #images}: the z blend of a slice, its x pass, one row, a fill row. */
    private static final class Work {
        final float[] zacc, xb, row, fill;

        Work(int slice, int xPass, int nxo, float defaultValue) {
            zacc = new float[slice];
            xb = new float[xPass];
            row = new float[nxo];
            fill = new float[nxo];
            Arrays.fill(fill, defaultValue);
        }
    }

    /**
     * Nearest neighbour when every table has one tap and src and out have the same type: a typed gather,
     * so values are copied bit for bit without a float round trip. Voxels outside the tables' inside
     * ranges get the value of {@code fill}'s first voxel (a one-voxel volume of out's type).
     */
    public static void nearest(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, Volume fill, Job job) {
        nearest(src, tx, ty, tz, out, fill, null, job);
    }

    /** {@link #nearest(Volume, WeightTable, WeightTable, WeightTable, Volume, Volume, Job)}, telling a listener (when not null) as slices become final. */
    public static void nearest(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, Volume fill, SlabListener listener, Job job) {
        if (tx.taps != 1 || ty.taps != 1 || tz.taps != 1 || src.type() != out.type() || fill.type() != out.type())
            throw new IllegalArgumentException("nearest gather needs one-tap tables and equal types");
        if (listener == null) nearest(src, tx, ty, tz, out, fill, 0, out.nz(), 0, "resample", job);
        else blocks(out, job, listener, (z0, z1) -> nearest(src, tx, ty, tz, out, fill, z0, z1, 0, null, job));
    }

    /**
     * {@link #nearest(Volume, WeightTable, WeightTable, WeightTable, Volume, Volume, Job)} without the whole
     * output: blocks of about {@value #BLOCK_BYTES} bytes of output slices, in z order, each gathered into a
     * buffer of {@code sink} and handed back (same values; a repeated slice is copied from within its block).
     *
     * @param nz output slices; the buffers are tx.nOut x ty.nOut x (slices asked) of src's type
     */
    public static void nearest(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, int nz, Volume fill, SlabSink sink, Job job) {
        if (tx.taps != 1 || ty.taps != 1 || tz.taps != 1 || fill.type() != src.type())
            throw new IllegalArgumentException("nearest gather needs one-tap tables and equal types");
        int per = blockSlices((long) tx.nOut * ty.nOut * src.type().bytes, job.threads(), nz);
        for (int z0 = 0; z0 < nz; z0 += per) {
            int z1 = Math.min(nz, z0 + per);
            Volume b = sink.buffer(z0, z1 - z0);
            if (b.type() != src.type()) throw new IllegalArgumentException("a " + b.type() + " buffer for " + src.type() + " voxels");
            nearest(src, tx, ty, tz, b, fill, z0, z1, z0, null, job);
            job.report("resample", z1, nz);
            sink.slabDone(b, z0);
        }
    }

    /** Output slices [zFrom, zTo) into out, which holds slices from {@code first} on (0: the whole output). */
    private static void nearest(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, Volume fill, int zFrom, int zTo, int first,
                                String task, Job job) {
        final int nxo = out.nx(), nyo = out.ny();
        final int sx = src.nx(), sxy = src.nx() * src.ny();
        final Object in = src.array(), o = out.array(), f = fill.array();
        final int slice = nxo * nyo;
        job.forEachChunk(task, zTo - zFrom, CHUNKS_PER_THREAD, null, (c0, c1, none) -> {
            for (int zo = zFrom + c0; zo < zFrom + c1; zo++) {
                // upsampling repeats source slices and rows: a repeat is a copy of the output just made
                // (this chunk's own, so no other thread's), gathered once
                if (zo > zFrom + c0 && sameSource(tz, zo)) {
                    System.arraycopy(o, (zo - first - 1) * slice, o, (zo - first) * slice, slice);
                    continue;
                }
                for (int yo = 0; yo < nyo; yo++) {
                    int row = ((zo - first) * nyo + yo) * nxo;
                    if (yo > 0 && (!inside(tz, zo) || sameSource(ty, yo))) {
                        System.arraycopy(o, row - nxo, o, row, nxo);
                        continue;
                    }
                    if (!inside(tz, zo) || !inside(ty, yo)) {
                        gather(f, 0, null, 0, nxo, o, row, nxo, f);
                        continue;
                    }
                    int base = tz.start[zo] * sxy + ty.start[yo] * sx;
                    gather(in, base, tx.start, tx.lo, tx.hi, o, row, nxo, f);
                }
            }
        });
    }

    private static boolean inside(WeightTable t, int o) {
        return o >= t.lo && o < t.hi;
    }

    /** True when one-tap output o reads what o - 1 reads: both inside, same source index; or both outside (the fill). */
    private static boolean sameSource(WeightTable t, int o) {
        boolean a = inside(t, o), b = inside(t, o - 1);
        return a == b && (!a || t.start[o] == t.start[o - 1]);
    }

    /**
     * out[row + x] = in[base + start[x]] for x in [lo, hi) (start null: in[base]), fill[0] elsewhere in
     * [0, n). One loop per array type, chosen outside the loops.
     */
    private static void gather(Object in, int base, int[] start, int lo, int hi, Object out, int row, int n, Object fill) {
        if (out instanceof byte[] d) {
            byte[] s = (byte[]) in; byte v = ((byte[]) fill)[0];
            for (int x = 0; x < lo; x++) d[row + x] = v;
            if (start == null) for (int x = lo; x < hi; x++) d[row + x] = s[base];
            else for (int x = lo; x < hi; x++) d[row + x] = s[base + start[x]];
            for (int x = hi; x < n; x++) d[row + x] = v;
        } else if (out instanceof short[] d) {
            short[] s = (short[]) in; short v = ((short[]) fill)[0];
            for (int x = 0; x < lo; x++) d[row + x] = v;
            if (start == null) for (int x = lo; x < hi; x++) d[row + x] = s[base];
            else for (int x = lo; x < hi; x++) d[row + x] = s[base + start[x]];
            for (int x = hi; x < n; x++) d[row + x] = v;
        } else if (out instanceof int[] d) {
            int[] s = (int[]) in; int v = ((int[]) fill)[0];
            for (int x = 0; x < lo; x++) d[row + x] = v;
            if (start == null) for (int x = lo; x < hi; x++) d[row + x] = s[base];
            else for (int x = lo; x < hi; x++) d[row + x] = s[base + start[x]];
            for (int x = hi; x < n; x++) d[row + x] = v;
        } else if (out instanceof float[] d) {
            float[] s = (float[]) in; float v = ((float[]) fill)[0];
            for (int x = 0; x < lo; x++) d[row + x] = v;
            if (start == null) for (int x = lo; x < hi; x++) d[row + x] = s[base];
            else for (int x = lo; x < hi; x++) d[row + x] = s[base + start[x]];
            for (int x = hi; x < n; x++) d[row + x] = v;
        } else {
            double[] d = (double[]) out, s = (double[]) in; double v = ((double[]) fill)[0];
            for (int x = 0; x < lo; x++) d[row + x] = v;
            if (start == null) for (int x = lo; x < hi; x++) d[row + x] = s[base];
            else for (int x = lo; x < hi; x++) d[row + x] = s[base + start[x]];
            for (int x = hi; x < n; x++) d[row + x] = v;
        }
    }

    /** True when table t maps n outputs one to one onto the n source samples (weight 1, start o). */
    private static boolean identity(WeightTable t, int n, int nOut) {
        if (nOut != n || !t.copy || t.taps != 1 || t.lo != 0 || t.hi != nOut) return false;
        for (int o = 0; o < nOut; o++) if (t.start[o] != o || t.w[o] != 1f) return false;
        return true;
    }

    /** zacc = sum over taps of weight * source slice. */
    private static void zPass(Volume src, WeightTable tz, int zo, int zShift, int slice, float[] zacc) {
        int s = tz.start[zo] - zShift, T = tz.taps;
        boolean first = true;
        for (int t = 0; t < T; t++) {
            float w = tz.w[zo * T + t];
            if (w == 0) continue;
            Voxels.accumulate(src, (s + t) * slice, slice, w, zacc, first);
            first = false;
        }
    }

    /** Rows yFirst..yLast-1 of the slice, resampled along x into xb (row y at y * nxo). */
    private static void xPass(float[] zacc, int sx, WeightTable tx, int yFirst, int yLast, int nxo, float[] xb) {
        final int T = tx.taps, lo = tx.lo, hi = tx.hi;
        final int[] st = tx.start;
        final float[] w = tx.w;
        for (int y = yFirst; y < yLast; y++) {
            int in = y * sx, o = y * nxo;
            if (T == 1) {
                for (int x = lo; x < hi; x++) xb[o + x] = w[x] * zacc[in + st[x]];
            } else if (T == 2) {
                for (int x = lo; x < hi; x++) {
                    int p = in + st[x], q = 2 * x;
                    xb[o + x] = w[q] * zacc[p] + w[q + 1] * zacc[p + 1];
                }
            } else {
                for (int x = lo; x < hi; x++) {
                    int p = in + st[x], q = T * x;
                    float acc = 0;
                    for (int t = 0; t < T; t++) acc += w[q + t] * zacc[p + t];
                    xb[o + x] = acc;
                }
            }
        }
    }

    /** One output row yo: row[x] = sum over y taps of weight * xb row, for x in [x0, x1). */
    private static void yRow(float[] xb, WeightTable ty, int yo, int yShift, int nxo, int x0, int x1, float[] row) {
        int T = ty.taps, s = ty.start[yo] - yShift;
        boolean first = true;
        for (int t = 0; t < T; t++) {
            float w = ty.w[yo * T + t];
            if (w == 0) continue;
            int in = (s + t) * nxo;
            if (first) {
                for (int x = x0; x < x1; x++) row[x] = w * xb[in + x];
                first = false;
            } else {
                for (int x = x0; x < x1; x++) row[x] += w * xb[in + x];
            }
        }
    }

    /**
     * Label voting on separable tables: every output voxel takes the label with the largest sum of
     * weights wx * wy * wz over its taps. labels is the source (sx * sy * sz, x fastest), read in its
     * own storage type: per output row, the input rows under the z-y taps are widened into an int buffer
     * (only the x range the table reads), so the vote reads plain ints.
     */
    public static void labels(LabelArray labels, int sx, int sy, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, int defaultLabel, Job job) {
        final int nxo = out.nx(), nyo = out.ny(), nzo = out.nz();
        // input x range read by the inside outputs: [xs0, xs0 + xw)
        int lo = Integer.MAX_VALUE, hi = 0;
        for (int x = tx.lo; x < tx.hi; x++) { lo = Math.min(lo, tx.start[x]); hi = Math.max(hi, tx.start[x] + tx.taps); }
        final int xs0 = tx.lo < tx.hi ? lo : 0, xw = tx.lo < tx.hi ? hi - lo : 0;
        final int nzy = ty.taps * tz.taps;
        job.forEachChunk("resample", nzo, CHUNKS_PER_THREAD, () -> new VoteWork(nxo, tx.taps * nzy, nzy, xw), (z0, z1, work) -> {
            final int[] row = work.row, offzy = work.offzy, rows = work.rows;
            final float[] wzy = work.wzy;
            final LabelVote vote = work.vote;
            for (int zo = z0; zo < z1; zo++) {
                for (int yo = 0; yo < nyo; yo++) {
                    int outRow = (zo * nyo + yo) * nxo;
                    if (zo < tz.lo || zo >= tz.hi || yo < ty.lo || yo >= ty.hi) {
                        Arrays.fill(row, defaultLabel);
                        Voxels.storeRowInt(out, outRow, row, 0, nxo);
                        continue;
                    }
                    // combined z-y weights and row offsets for this output row, zero weights dropped
                    int m = 0;
                    for (int a = 0; a < tz.taps; a++) {
                        float wz = tz.w[zo * tz.taps + a];
                        if (wz == 0) continue;
                        for (int b = 0; b < ty.taps; b++) {
                            float wy = ty.w[yo * ty.taps + b];
                            if (wy == 0) continue;
                            wzy[m] = wz * wy;
                            // offzy indexes rows: row m holds input x from xs0, so offset by -xs0
                            labels.row(((tz.start[zo] + a) * sy + ty.start[yo] + b) * sx + xs0, rows, m * xw, xw);
                            offzy[m] = m * xw - xs0;
                            m++;
                        }
                    }
                    for (int x = 0; x < nxo; x++) {
                        if (x < tx.lo || x >= tx.hi) { row[x] = defaultLabel; continue; }
                        int sxo = tx.start[x], q = x * tx.taps;
                        // most voxels see one label under the kernel: skip the vote then
                        int first = rows[offzy[0] + sxo];
                        boolean uniform = true;
                        for (int k = 0; k < m && uniform; k++) {
                            int base = offzy[k] + sxo;
                            for (int t = 0; t < tx.taps; t++) {
                                if (tx.w[q + t] != 0 && rows[base + t] != first) { uniform = false; break; }
                            }
                        }
                        if (uniform) { row[x] = first; continue; }
                        vote.reset();
                        for (int k = 0; k < m; k++) {
                            int base = offzy[k] + sxo;
                            for (int t = 0; t < tx.taps; t++) {
                                float w = tx.w[q + t];
                                if (w != 0) vote.add(rows[base + t], wzy[k] * w);
                            }
                        }
                        row[x] = vote.best();
                    }
                    Voxels.storeRowInt(out, outRow, row, 0, nxo);
                }
            }
        });
    }

    /** Scratch of one thread of {@link #labels}. */
    private static final class VoteWork {
        final int[] row, offzy, rows;
        final float[] wzy;
        final LabelVote vote;

        VoteWork(int nxo, int taps, int nzy, int xw) {
            row = new int[nxo];
            vote = new LabelVote(taps);
            wzy = new float[nzy];
            offzy = new int[nzy];
            rows = new int[nzy * xw];
        }
    }

    /** Chunks per thread over output slices: a few, so that threads finishing early take more. */
    static final int CHUNKS_PER_THREAD = 4;
}
