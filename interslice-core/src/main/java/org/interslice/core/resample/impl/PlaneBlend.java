package org.interslice.core.resample.impl;

import java.util.Arrays;
import org.interslice.core.exec.Job;
import org.interslice.core.resample.SlabListener;
import org.interslice.core.resample.SlabSink;
import org.interslice.core.volume.PixelType;
import org.interslice.core.volume.ByteVolume;
import org.interslice.core.volume.FloatVolume;
import org.interslice.core.volume.ShortVolume;
import org.interslice.core.volume.Volume;

/**
 * The separable image path when z has at most two taps (linear; any taps in x and y) and nothing is
 * clamped: each input slice is resampled in x and y once, and every output slice is the z blend of the
 * one or two such planes under it, rounded and stored straight into the output's array in one loop.
 *
 * <p>The output is cut into bands of rows (y), a few per thread; a band owns, across the whole call, a
 * ring of two planes (its rows of two xy-resampled input slices, keyed by input z), so an input slice's
 * xy pass runs once per band however many output slices read it, and bands share nothing but the input.
 * Output slices go in z order in blocks (a listener is told after each block), every block parallel
 * over the bands. Values are those of {@link SeparableResampler}'s z-x-y order up to float rounding: the
 * same weights and taps, with z last.
 */
public final class PlaneBlend {
    private PlaneBlend() {}

    /** True when this path computes src into out: z at most two taps, no clamp, an output type it stores. */
    static boolean applies(WeightTable tz, Volume out, Store store) {
        return applies(tz, out.type(), store);
    }

    /** {@link #applies(WeightTable, Volume, Store)} for an output of type {@code type}. */
    public static boolean applies(WeightTable tz, PixelType type, Store store) {
        if (store.clamp() || tz.taps > 2) return false;
        switch (type) {
            case UINT8: case UINT16: case INT16: case FLOAT32: return true;
            default: return false;
        }
    }

    /** Resamples src into out (every voxel written); outputs outside the tables' inside ranges get the store's default. */
    static void images(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, Store store, SlabListener listener, Job job) {
        run(src, tx, ty, tz, out, out.nx(), out.ny(), out.nz(), out.type().bytes, store, listener, null, job);
    }

    /**
     * {@link #images} without the whole output: blocks of output slices are computed, in z order, into
     * buffers of {@code sink} ({@link SlabSink#buffer}) and handed back to it ({@link SlabSink#slabDone}),
     * so memory holds the input, the planes and the sink's buffers only. Same values as {@link #images}.
     *
     * @param nx output size along x (and so on); the buffers must be nx x ny x (slices asked) of {@code type},
     *        a type {@link #applies} accepts
     */
    public static void images(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, int nx, int ny, int nz, PixelType type, Store store,
                              SlabSink sink, Job job) {
        run(src, tx, ty, tz, null, nx, ny, nz, type.bytes, store, null, sink, job);
    }

    /**
     * Heap of the work space of one run (its bands, as {@link #run} cuts them for {@code threads}): per
     * band two planes of its output rows, the x pass of the input rows they read, a source row and a
     * default row; together about two output slices of floats and the input's rows once (bytes).
     */
    public static long scratchBytes(int nxi, int nyi, int nxo, int nyo, int yTaps, int threads) {
        long bands = threads == 1 ? 1 : Math.max(1, Math.min(nyo, (long) threads * SeparableResampler.CHUNKS_PER_THREAD));
        long rows = Math.min(bands * nyi, nyi + bands * yTaps);
        return 4L * (2L * nxo * nyo + rows * nxo + bands * (nxi + nxo));
    }

    /** Either out (the whole output, with an optional listener) or sink (buffers of blocks) is given. */
    private static void run(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, Volume out, int nxo, int nyo, int nzo, int bytes,
                            Store store, SlabListener listener, SlabSink sink, Job job) {
        final int nb = job.chunks(nyo, SeparableResampler.CHUNKS_PER_THREAD);
        final Band[] bands = new Band[nb];
        final int per = SeparableResampler.blockSlices((long) nxo * nyo * bytes, job.threads(), nzo);
        boolean fits = false;
        for (int z0 = 0; z0 < nzo; z0 += per) {
            final int from = z0, to = Math.min(nzo, z0 + per);
            // the block's voxels: the whole output's slices, or a buffer holding slices [from, to) alone
            final Volume dst = out != null ? out : sink.buffer(from, to - from);
            if (z0 == 0) fits = fits(src, dst, tx, ty, tz);
            final boolean fit = fits;
            final int base = out != null ? 0 : from;
            job.forEachSlab(nb, b -> {
                Band band = bands[b];
                if (band == null) {
                    band = new Band(src, tx, ty, tz, nxo, nyo, store, fit, (int) ((long) nyo * b / nb), (int) ((long) nyo * (b + 1) / nb));
                    bands[b] = band;
                }
                band.run(dst, base, from, to);
            });
            job.report("resample", to, nzo);
            if (listener != null) listener.slabDone(dst, from, to);
            if (sink != null) sink.slabDone(dst, from);
        }
    }

    /** Output rows [y0, y1) of every slice, with the ring of xy planes they read. */
    private static final class Band {
        final Volume src;
        final WeightTable tx, ty, tz;
        final int y0, y1, iy0, iy1, r0, r1, nxo, nyo, lo, hi;
        final float def;
        /** Rows iy0..iy1-1 of two input slices resampled in x and y (x in [lo, hi)), and which slices. */
        final float[][] plane;
        final int[] key = {-1, -1};
        /** Source rows r0..r1-1 of one slice resampled in x; a source row as float. */
        final float[] xb, srow, fill;
        final boolean xIdentity, fits;

        Band(Volume src, WeightTable tx, WeightTable ty, WeightTable tz, int nxo, int nyo, Store store, boolean fits, int y0, int y1) {
            this.fits = fits;
            this.src = src;
            this.tx = tx;
            this.ty = ty;
            this.tz = tz;
            this.y0 = y0;
            this.y1 = y1;
            this.nxo = nxo;
            this.nyo = nyo;
            lo = tx.lo;
            hi = tx.hi;
            def = store.defaultValue();
            // rows of the band inside the input box, and the source rows they read
            int a = Math.max(y0, ty.lo), b = Math.max(a, Math.min(y1, ty.hi));
            iy0 = a;
            iy1 = b;
            int f = Integer.MAX_VALUE, l = 0;
            for (int y = a; y < b; y++) {
                f = Math.min(f, ty.start[y]);
                l = Math.max(l, ty.start[y] + ty.taps);
            }
            r0 = a < b ? f : 0;
            r1 = a < b ? l : 0;
            plane = new float[][] {new float[(iy1 - iy0) * nxo], new float[(iy1 - iy0) * nxo]};
            xb = new float[(r1 - r0) * nxo];
            srow = new float[src.nx()];
            fill = new float[nxo];
            Arrays.fill(fill, def);
            xIdentity = tx.copy && tx.taps == 1 && lo == 0 && hi == nxo && src.nx() == nxo && startsAt0(tx);
        }

        /** Output slices [z0, z1) of this band's rows into out, which holds slices from {@code base} on. */
        void run(Volume out, int base, int z0, int z1) {
            final int nxy = nxo * nyo, T = tz.taps;
            for (int zo = z0; zo < z1; zo++) {
                int slice = (zo - base) * nxy;
                if (zo < tz.lo || zo >= tz.hi || iy0 == iy1 || lo >= hi) {
                    for (int y = y0; y < y1; y++) Voxels.storeRow(out, slice + y * nxo, fill, 0, nxo);
                    continue;
                }
                int s = tz.start[zo];
                float wa = tz.w[zo * T], wb = T == 2 ? tz.w[zo * T + 1] : 0;
                // taps of weight 0 are skipped, as the z pass of SeparableResampler does
                float[] p, q = null;
                float a, b = 0;
                if (wa == 0) {
                    p = plane(s + 1, -1);
                    a = wb;
                } else {
                    p = plane(s, wb != 0 ? s + 1 : -1);
                    a = wa;
                    if (wb != 0) {
                        q = plane(s + 1, s);
                        b = wb;
                    }
                }
                blend(out, slice, p, a, q, b);
            }
        }

        /** This band's rows of one output slice (at {@code slice} in out): a p (+ b q), the default outside the input. */
        private void blend(Volume out, int slice, float[] p, float a, float[] q, float b) {
            for (int y = y0; y < iy0; y++) Voxels.storeRow(out, slice + y * nxo, fill, 0, nxo);
            for (int y = iy1; y < y1; y++) Voxels.storeRow(out, slice + y * nxo, fill, 0, nxo);
            if (lo == 0 && hi == nxo) {
                store(out, slice + iy0 * nxo, p, a, q, b, 0, (iy1 - iy0) * nxo, fits);
                return;
            }
            for (int y = iy0; y < iy1; y++) {
                int row = slice + y * nxo, off = (y - iy0) * nxo;
                Voxels.storeRow(out, row, fill, 0, lo);
                store(out, row + lo, p, a, q, b, off + lo, hi - lo, fits);
                Voxels.storeRow(out, row + hi, fill, 0, nxo - hi);
            }
        }

        /** This band's plane of input slice k, computed unless held; the slot holding {@code keep} is not reused. */
        private float[] plane(int k, int keep) {
            if (key[0] == k) return plane[0];
            if (key[1] == k) return plane[1];
            int slot = key[0] == keep ? 1 : 0;
            key[slot] = -1;   // stays invalid if the xy pass throws
            xy(k, plane[slot]);
            key[slot] = k;
            return plane[slot];
        }

        /** The x pass over source rows r0..r1-1 of slice k into xb, then the y pass of rows iy0..iy1-1 into p. */
        private void xy(int k, float[] p) {
            final int sx = src.nx(), T = tx.taps;
            final int[] st = tx.start;
            final float[] w = tx.w;
            for (int r = r0; r < r1; r++) {
                int in = (k * src.ny() + r) * sx, o = (r - r0) * nxo;
                if (xIdentity) {
                    Voxels.toFloat(src, in, xb, o, nxo);
                    continue;
                }
                Voxels.toFloat(src, in, srow, 0, sx);
                if (T == 1) xRow1(srow, st, w, xb, o, lo, hi);
                else if (T == 2) xRow2(srow, st, w, xb, o, lo, hi);
                else xRow(srow, st, w, T, xb, o, lo, hi);
            }
            final int U = ty.taps;
            for (int y = iy0; y < iy1; y++) {
                int o = (y - iy0) * nxo, s = ty.start[y] - r0;
                boolean first = true;
                for (int t = 0; t < U; t++) {
                    float wt = ty.w[y * U + t];
                    if (wt == 0) continue;
                    int in = (s + t) * nxo;
                    // two taps in one loop: the same float operations as a first pass and an add
                    float wn = t + 1 < U ? ty.w[y * U + t + 1] : 0;
                    if (first && wn != 0) {
                        yRow2(xb, in, in + nxo, wt, wn, p, o, lo, hi);
                        t++;
                    } else if (first) {
                        yRow1(xb, in, wt, p, o, lo, hi);
                    } else {
                        yRowAdd(xb, in, wt, p, o, lo, hi);
                    }
                    first = false;
                }
            }
        }
    }

    // The loops of the xy pass, one small method per row and shape: called once per row (hundreds of
    // thousands of times in a large run), they reach the JIT's optimising tier by invocation count within
    // the warm-up, where one large xy method entered once per input slice and band ran its loops in
    // C1 code for most of the real run (its C2 version came 0.5-0.7 s into ch2 to 0.3 mm, measured).

    /** xb[o + x] = w[x] * z[st[x]] for x in [lo, hi): the x pass with one tap. */
    private static void xRow1(float[] z, int[] st, float[] w, float[] xb, int o, int lo, int hi) {
        for (int x = lo; x < hi; x++) xb[o + x] = w[x] * z[st[x]];
    }

    /** The x pass with two taps. */
    private static void xRow2(float[] z, int[] st, float[] w, float[] xb, int o, int lo, int hi) {
        for (int x = lo; x < hi; x++) {
            int i = st[x], j = 2 * x;
            xb[o + x] = w[j] * z[i] + w[j + 1] * z[i + 1];
        }
    }

    /** The x pass with T taps. */
    private static void xRow(float[] z, int[] st, float[] w, int T, float[] xb, int o, int lo, int hi) {
        for (int x = lo; x < hi; x++) {
            int i = st[x], j = T * x;
            float acc = 0;
            for (int t = 0; t < T; t++) acc += w[j + t] * z[i + t];
            xb[o + x] = acc;
        }
    }

    /** p[o + x] = wt * xb[in + x] + wn * xb[in2 + x]: two y taps at once. */
    private static void yRow2(float[] xb, int in, int in2, float wt, float wn, float[] p, int o, int lo, int hi) {
        for (int x = lo; x < hi; x++) p[o + x] = wt * xb[in + x] + wn * xb[in2 + x];
    }

    /** p[o + x] = wt * xb[in + x]: a first y tap alone. */
    private static void yRow1(float[] xb, int in, float wt, float[] p, int o, int lo, int hi) {
        for (int x = lo; x < hi; x++) p[o + x] = wt * xb[in + x];
    }

    /** p[o + x] += wt * xb[in + x]: a later y tap. */
    private static void yRowAdd(float[] xb, int in, float wt, float[] p, int o, int lo, int hi) {
        for (int x = lo; x < hi; x++) p[o + x] += wt * xb[in + x];
    }

    /**
     * True when every value blended from src fits out's type without saturation: integer input whose
     * type out's holds, and no negative weight (each value is then a convex combination of inputs, up to
     * float rounding well under half a unit), so the store only rounds.
     */
    static boolean fits(Volume src, Volume out, WeightTable tx, WeightTable ty, WeightTable tz) {
        if (!src.type().integer || !out.type().holds(src.type().min, src.type().max)) return false;
        return nonNegative(tx) && nonNegative(ty) && nonNegative(tz);
    }

    private static boolean nonNegative(WeightTable t) {
        for (float w : t.w) if (!(w >= 0)) return false;
        return true;
    }

    private static boolean startsAt0(WeightTable t) {
        for (int o = 0; o < t.nOut; o++) if (t.start[o] != o) return false;
        return true;
    }

    /**
     * out[outOff + i] = v rounded and saturated as {@link Voxels#storeRow} stores it, v = a * p[off + i]
     * (+ b * q[off + i] when q is not null), for i < n: one loop per type and tap count. With fits (every
     * v within out's range, see {@link #fits}), the same values without the saturation: for |v| <= 65535,
     * (int) (|v| + HALF) is |v| rounded half up (see {@link Voxels#HALF}), so the sign is put back with a
     * select instead of a branch on it, and no clamp is needed (25-40% less time per voxel, measured).
     */
    static void store(Volume out, int outOff, float[] p, float a, float[] q, float b, int off, int n, boolean fits) {
        // one small method per type and tap count (the JIT compiles each early and alone, see xRow1)
        switch (out.type()) {
            case UINT8: {
                byte[] d = ((ByteVolume) out).data();
                if (fits) {
                    if (q == null) u8Fit1(d, outOff, p, a, off, n);
                    else u8Fit2(d, outOff, p, a, q, b, off, n);
                } else {
                    if (q == null) u8Sat1(d, outOff, p, a, off, n);
                    else u8Sat2(d, outOff, p, a, q, b, off, n);
                }
                break;
            }
            case UINT16: {
                short[] d = ((ShortVolume) out).data();
                if (fits) {
                    if (q == null) u16Fit1(d, outOff, p, a, off, n);
                    else u16Fit2(d, outOff, p, a, q, b, off, n);
                } else {
                    if (q == null) u16Sat1(d, outOff, p, a, off, n);
                    else u16Sat2(d, outOff, p, a, q, b, off, n);
                }
                break;
            }
            case INT16: {
                short[] d = ((ShortVolume) out).data();
                if (fits) {
                    if (q == null) s16Fit1(d, outOff, p, a, off, n);
                    else s16Fit2(d, outOff, p, a, q, b, off, n);
                } else {
                    if (q == null) s16Sat1(d, outOff, p, a, off, n);
                    else s16Sat2(d, outOff, p, a, q, b, off, n);
                }
                break;
            }
            case FLOAT32: {
                float[] d = ((FloatVolume) out).data();
                if (q == null) f32Blend1(d, outOff, p, a, off, n);
                else f32Blend2(d, outOff, p, a, q, b, off, n);
                break;
            }
            default: throw new AssertionError(out.type());
        }
    }

    // With fits (every value within the type's range, see fits): round only; for |v| <= 65535,
    // (int) (|v| + HALF) is |v| rounded half up (see Voxels.HALF), so int16 puts the sign back with a
    // select instead of a branch on it, and no clamp is needed (25-40% less time per voxel, measured).

    private static void u8Fit1(byte[] d, int outOff, float[] p, float a, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (byte) (int) (a * p[off + i] + h);
    }

    private static void u8Fit2(byte[] d, int outOff, float[] p, float a, float[] q, float b, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (byte) (int) (a * p[off + i] + b * q[off + i] + h);
    }

    private static void u16Fit1(short[] d, int outOff, float[] p, float a, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (short) (int) (a * p[off + i] + h);
    }

    private static void u16Fit2(short[] d, int outOff, float[] p, float a, float[] q, float b, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (short) (int) (a * p[off + i] + b * q[off + i] + h);
    }

    private static void s16Fit1(short[] d, int outOff, float[] p, float a, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) {
            float v = a * p[off + i];
            int r = (int) (Math.abs(v) + h);
            d[outOff + i] = (short) (v < 0 ? -r : r);
        }
    }

    private static void s16Fit2(short[] d, int outOff, float[] p, float a, float[] q, float b, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) {
            float v = a * p[off + i] + b * q[off + i];
            int r = (int) (Math.abs(v) + h);
            d[outOff + i] = (short) (v < 0 ? -r : r);
        }
    }

    // Without fits: rounded and saturated as Voxels.storeRow stores.

    private static void u8Sat1(byte[] d, int outOff, float[] p, float a, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (byte) Math.max(0, Math.min(255, (int) (a * p[off + i] + h)));
    }

    private static void u8Sat2(byte[] d, int outOff, float[] p, float a, float[] q, float b, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (byte) Math.max(0, Math.min(255, (int) (a * p[off + i] + b * q[off + i] + h)));
    }

    private static void u16Sat1(short[] d, int outOff, float[] p, float a, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (short) Math.max(0, Math.min(65535, (int) (a * p[off + i] + h)));
    }

    private static void u16Sat2(short[] d, int outOff, float[] p, float a, float[] q, float b, int off, int n) {
        final float h = Voxels.HALF;
        for (int i = 0; i < n; i++) d[outOff + i] = (short) Math.max(0, Math.min(65535, (int) (a * p[off + i] + b * q[off + i] + h)));
    }

    private static void s16Sat1(short[] d, int outOff, float[] p, float a, int off, int n) {
        for (int i = 0; i < n; i++) d[outOff + i] = (short) Voxels.sat(Voxels.round(a * p[off + i]), -32768, 32767);
    }

    private static void s16Sat2(short[] d, int outOff, float[] p, float a, float[] q, float b, int off, int n) {
        for (int i = 0; i < n; i++) d[outOff + i] = (short) Voxels.sat(Voxels.round(a * p[off + i] + b * q[off + i]), -32768, 32767);
    }

    private static void f32Blend1(float[] d, int outOff, float[] p, float a, int off, int n) {
        for (int i = 0; i < n; i++) d[outOff + i] = a * p[off + i];
    }

    private static void f32Blend2(float[] d, int outOff, float[] p, float a, float[] q, float b, int off, int n) {
        for (int i = 0; i < n; i++) d[outOff + i] = a * p[off + i] + b * q[off + i];
    }
}
